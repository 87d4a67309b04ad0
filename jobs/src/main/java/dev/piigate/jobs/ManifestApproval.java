package dev.piigate.jobs;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.manifest.Manifest;
import dev.piigate.jobs.manifest.Manifests;
import dev.piigate.jobs.s3.ConditionalCreate;
import dev.piigate.jobs.s3.PublishConflict;
import dev.piigate.jobs.scan.ObjectListing;

/**
 * Publishes or withdraws the approval of a manifest. The approved manifest holds exactly the
 * manifest's bytes (so SageMaker and training code read it unchanged); beside it,
 * {@code <approved>.verdict.json} records the verdict with the manifest's and report's digests.
 * The verdict file is written first and removed last, so an approved manifest never stands without
 * its record. Both are created, never overwritten ({@link ConditionalCreate}): the record is the
 * claim, so of two runs publishing one manifest's approval exactly one succeeds and the other gets
 * {@link PublishConflict}. A scan withdraws the earlier approval when it starts (see ScanJob).
 */
final class ManifestApproval {
    static final String VERDICT_SUFFIX = ".verdict.json";

    private ManifestApproval() {}

    /**
     * @param manifestBytes the bytes that were parsed and digested: what was scanned is what gets
     *                      approved, even if the manifest changed since
     * @return the approved manifest's URI
     */
    static String apply(Manifest manifest, byte[] manifestBytes, Decision decision, byte[] verdictJson, Config config,
            Configuration conf)
            throws IOException {
        String approvedUri = ObjectListing.toHadoopUri(Manifests.approvedName(manifest.uri(), config.approvedSuffix()),
                conf);
        Path approved = new Path(approvedUri);
        Path record = new Path(approvedUri + VERDICT_SUFFIX);
        FileSystem fs = approved.getFileSystem(conf);
        if (decision == Decision.PASS) {
            ConditionalCreate.create(record, verdictJson, conf);
            try {
                ConditionalCreate.create(approved, manifestBytes, conf);
            } catch (PublishConflict e) {
                fs.delete(record, false); // our claim, without the manifest it approves
                throw e;
            }
        } else {
            withdraw(manifest.uri(), config, conf);
        }
        return approvedUri;
    }

    /**
     * Removes an earlier approval of the manifest at {@code manifestUri}, if any: the manifest
     * first, then its record. Needs only the URI, so a manifest that no longer parses can still
     * lose its approval.
     */
    static void withdraw(String manifestUri, Config config, Configuration conf) throws IOException {
        String approvedUri = ObjectListing.toHadoopUri(Manifests.approvedName(manifestUri, config.approvedSuffix()),
                conf);
        Path approved = new Path(approvedUri);
        FileSystem fs = approved.getFileSystem(conf);
        fs.delete(approved, false);
        fs.delete(new Path(approvedUri + VERDICT_SUFFIX), false);
    }

}
