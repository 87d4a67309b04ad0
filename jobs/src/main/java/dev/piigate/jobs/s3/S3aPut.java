package dev.piigate.jobs.s3;

import java.io.IOException;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileSystem;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** {@link ConditionalCreate} on S3A: one PutObject with {@code If-None-Match: *} (see there why). */
final class S3aPut {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(S3aPut.class);

    private S3aPut() {}

    /**
     * Fails when this S3A predates Hadoop 3.4's {@code getS3AInternals} (emr-7.0.0 ships Hadoop
     * 3.3.6): found before the scan rather than at publish time.
     */
    static void requireInternals(FileSystem fs, String what) throws IOException {
        try {
            ((S3AFileSystem) fs).getS3AInternals();
        } catch (NoSuchMethodError e) {
            throw new CreateOnlyUnsupported(what + ": this S3A (Hadoop " + org.apache.hadoop.util.VersionInfo.getVersion()
                    + ") has no getS3AInternals, which create-only publishing needs: Hadoop 3.4 or later");
        }
    }

    static void putIfAbsent(FileSystem fs, Path path, byte[] bytes) throws IOException {
        S3AFileSystem s3a = (S3AFileSystem) fs;
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(s3a.getBucket())
                .key(s3a.pathToKey(s3a.makeQualified(path)))
                .contentLength((long) bytes.length)
                .contentType(path.getName().endsWith(".json") ? "application/json" : "application/octet-stream")
                .overrideConfiguration(o -> o.putHeader("If-None-Match", "*"));
        encryption(s3a.getConf(), put);
        S3Client client = s3a.getS3AInternals().getAmazonS3Client("pii-gate conditional create");
        try {
            client.putObject(put.build(), RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                throw ConditionalCreate.conflict(path);
            }
            // S3 error messages name no data, but keep to status and code like every other error we
            // print; the path goes only into the exception, whose message Main masks before printing.
            LOG.error("conditional create failed: HTTP {}", e.statusCode());
            throw new IOException("conditional create of " + path + " failed: HTTP " + e.statusCode() + " "
                    + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode()));
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new IOException("conditional create of " + path + " failed: " + e.getClass().getName());
        }
    }

    /**
     * The bucket's S3A encryption settings (S3A has already folded {@code fs.s3a.bucket.<name>.*} into
     * its configuration) applied to our own PUT, so it is encrypted like everything S3A writes.
     */
    static void encryption(Configuration s3aConf, PutObjectRequest.Builder put) throws IOException {
        String algorithm = s3aConf.getTrimmed("fs.s3a.encryption.algorithm", "");
        String key = s3aConf.getTrimmed("fs.s3a.encryption.key", "");
        switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "", "NONE" -> { }
            case "SSE-S3" -> put.serverSideEncryption(ServerSideEncryption.AES256);
            case "SSE-KMS" -> {
                put.serverSideEncryption(ServerSideEncryption.AWS_KMS);
                if (!key.isEmpty()) {
                    put.ssekmsKeyId(key);
                }
            }
            case "DSSE-KMS" -> {
                put.serverSideEncryption("aws:kms:dsse");
                if (!key.isEmpty()) {
                    put.ssekmsKeyId(key);
                }
            }
            // SSE-C and client-side encryption need S3A's own machinery: refuse rather than write in clear.
            default -> throw new IOException("fs.s3a.encryption.algorithm=" + algorithm
                    + " is not supported for pii-gate's conditional writes; use SSE-KMS, DSSE-KMS or SSE-S3");
        }
    }
}
