package dev.piigate.jobs.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
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

/**
 * Create-only writes for what pii-gate publishes (verdict, approved manifest and its record): of two
 * runs writing one object, exactly one succeeds and the other gets {@link PublishConflict}.
 *
 * <ul>
 * <li>S3A: Hadoop 3.4.1 (EMR 7.12) has no conditional create in S3A ({@code fs.s3a.create.conditional.enabled}
 * is 3.4.2+), so this sends one {@code PutObject} with {@code If-None-Match: *} through S3A's own SDK
 * client (its endpoint, credentials, region, retries and interceptors), with S3A's encryption
 * settings for the bucket. The header is set as a raw header, not with {@code ifNoneMatch("*")}: that
 * builder method is not in SDK 2.24.5 (our compile version), and the raw header works with whichever
 * SDK v2 EMR or SageMaker puts on the class path. S3 answers 412 when the key exists (409 when a
 * concurrent conditional write is in flight).</li>
 * <li>{@code file:}: written to a temporary file, then published with a hard link, which the OS
 * creates atomically and refuses when the name exists ({@code LocalFileSystem.create(p, false)}
 * checks and then creates: two writers can both pass the check).</li>
 * <li>Other file systems (HDFS): {@code create(path, false)}, atomic at the NameNode.</li>
 * </ul>
 */
public final class ConditionalCreate {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConditionalCreate.class);

    private ConditionalCreate() {}

    /** Writes {@code bytes} to {@code path} only if nothing is there. */
    public static void create(Path path, byte[] bytes, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        if (fs instanceof S3AFileSystem s3a) {
            putIfAbsent(s3a, path, bytes);
        } else if ("file".equals(fs.getUri().getScheme())) {
            linkIfAbsent(fs.makeQualified(path), bytes);
        } else {
            try (OutputStream os = fs.create(path, false)) {
                os.write(bytes);
            } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
                throw conflict(path);
            }
        }
    }

    private static void putIfAbsent(S3AFileSystem s3a, Path path, byte[] bytes) throws IOException {
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
                throw conflict(path);
            }
            // S3 error messages name no data, but keep to status and code like every other error we print.
            LOG.error("conditional create of {} failed: HTTP {}", path, e.statusCode());
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

    private static void linkIfAbsent(Path path, byte[] bytes) throws IOException {
        java.nio.file.Path target = Paths.get(path.toUri());
        Files.createDirectories(target.getParent());
        java.nio.file.Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.createLink(target, tmp);
            } catch (UnsupportedOperationException e) {
                // No hard links here: O_EXCL create is still atomic, the content just appears in two steps.
                try (OutputStream os = Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                    os.write(bytes);
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw conflict(path);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static PublishConflict conflict(Path path) {
        return new PublishConflict(path + " already exists: another run published it first");
    }
}
