package dev.piigate.jobs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    private static final Logger LOG = LoggerFactory.getLogger(ManifestApproval.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A verdict record is a few hundred bytes; a larger file of that name is not ours to parse. */
    private static final int MAX_RECORD_BYTES = 1024 * 1024;

    private ManifestApproval() {}

    /**
     * @param manifestBytes the bytes that were parsed and digested: what was scanned is what gets
     *                      approved, even if the manifest changed since
     * @return the approved manifest's URI
     */
    static String apply(Manifest manifest, byte[] manifestBytes, Decision decision, byte[] verdictJson, Config config,
            Configuration conf)
            throws IOException {
        String approvedUri = approvedUri(manifest.uri(), config.approvedSuffix(), conf);
        Path approved = new Path(approvedUri);
        Path record = new Path(approvedUri + VERDICT_SUFFIX);
        FileSystem fs = approved.getFileSystem(conf);
        if (decision == Decision.PASS) {
            ConditionalCreate.create(record, verdictJson, conf);
            try {
                ConditionalCreate.create(approved, manifestBytes, conf);
            } catch (IOException | RuntimeException e) {
                // Our claim, without the manifest it approves: whatever stopped the manifest, remove it.
                try {
                    fs.delete(record, false);
                } catch (IOException | RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        } else {
            withdraw(manifest.uri(), config, conf);
        }
        return approvedUri;
    }

    /**
     * Takes back the approval this run published (this run's suffix only: an approval under
     * another suffix is not this run's), when the run cannot finish after publishing it.
     */
    static void retract(Manifest manifest, Config config, Configuration conf) throws IOException {
        remove(approvedUri(manifest.uri(), config.approvedSuffix(), conf), conf);
    }

    /**
     * Removes every earlier approval of the manifest at {@code manifestUri}: the one under the
     * configured suffix, and every one an approval record beside the manifest shows under another
     * suffix (a run with {@code approvedSuffix: ok} also withdraws {@code train.approved.manifest}
     * left by a run with the default). Each approved manifest goes first, then its record. Needs
     * only the URI, so a manifest that no longer parses can still lose its approvals.
     */
    static void withdraw(String manifestUri, Config config, Configuration conf) throws IOException {
        Set<String> suffixes = new TreeSet<>();
        suffixes.add(config.approvedSuffix());
        suffixes.addAll(recordedSuffixes(manifestUri, conf));
        for (String suffix : suffixes) {
            remove(approvedUri(manifestUri, suffix, conf), conf);
        }
    }

    /**
     * The suffixes of approval records beside the manifest: files named
     * {@code approvedName(manifest, suffix) + ".verdict.json"} whose content is a verdict record of
     * a manifest of this name (or cannot be read as one: a half-written record is still a claim).
     * One listing of the manifest's folder.
     */
    static Set<String> recordedSuffixes(String manifestUri, Configuration conf) throws IOException {
        Path manifest = new Path(ObjectListing.toHadoopUri(manifestUri, conf));
        Path folder = manifest.getParent();
        Set<String> suffixes = new TreeSet<>();
        if (folder == null) {
            return suffixes;
        }
        FileSystem fs = folder.getFileSystem(conf);
        String name = manifest.getName();
        RemoteIterator<FileStatus> it;
        try {
            it = fs.listStatusIterator(folder);
        } catch (FileNotFoundException e) {
            return suffixes;
        }
        while (it.hasNext()) {
            FileStatus status = it.next();
            String candidate = status.getPath().getName();
            if (!status.isFile() || !candidate.endsWith(VERDICT_SUFFIX)) {
                continue;
            }
            Optional<String> suffix = Manifests.approvalSuffix(name,
                    candidate.substring(0, candidate.length() - VERDICT_SUFFIX.length()));
            if (suffix.isPresent() && recordsManifestNamed(fs, status, name, suffix.get())) {
                suffixes.add(suffix.get());
            }
        }
        return suffixes;
    }

    private static boolean recordsManifestNamed(FileSystem fs, FileStatus record, String manifestName,
            String suffix) {
        if (record.getLen() > MAX_RECORD_BYTES) {
            return false;
        }
        JsonNode uri;
        try (InputStream in = fs.open(record.getPath())) {
            uri = JSON.readTree(in).path("manifest").path("uri");
        } catch (IOException | RuntimeException e) {
            // Named by its suffix, not its path: the manifest's path is data, and every other
            // output writes it masked (PathMasker.maskArgument).
            LOG.warn("the manifest's approval record for suffix '{}' cannot be read ({}): withdrawn as a claim "
                    + "of this manifest", suffix, e.getClass().getSimpleName());
            return true;
        }
        if (!uri.isTextual()) {
            return true; // named as a record of this manifest, and no other manifest named in it
        }
        String recorded = uri.asText();
        return recorded.substring(recorded.lastIndexOf('/') + 1).equals(manifestName);
    }

    private static String approvedUri(String manifestUri, String suffix, Configuration conf) {
        return ObjectListing.toHadoopUri(Manifests.approvedName(manifestUri, suffix), conf);
    }

    /**
     * Deletes an approved manifest, then its record. Only files: a folder at that name is nobody's
     * approval, and publishing onto it fails, which fails the run closed.
     */
    private static void remove(String approvedUri, Configuration conf) throws IOException {
        Path approved = new Path(approvedUri);
        FileSystem fs = approved.getFileSystem(conf);
        deleteFile(fs, approved);
        deleteFile(fs, new Path(approvedUri + VERDICT_SUFFIX));
    }

    private static void deleteFile(FileSystem fs, Path path) throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return;
        }
        if (status.isFile()) {
            fs.delete(path, false);
        }
    }
}
