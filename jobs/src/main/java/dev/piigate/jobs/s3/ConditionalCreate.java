package dev.piigate.jobs.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

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
    private ConditionalCreate() {}

    /** Writes {@code bytes} to {@code path} only if nothing is there. */
    public static void create(Path path, byte[] bytes, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        if ("s3a".equals(fs.getUri().getScheme())) {
            // S3A classes are touched only here: a local run needs no hadoop-aws on the class path.
            S3aPut.putIfAbsent(fs, path, bytes);
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

    static PublishConflict conflict(Path path) {
        return new PublishConflict(path + " already exists: another run published it first");
    }
}
