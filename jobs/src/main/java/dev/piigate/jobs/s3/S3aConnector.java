package dev.piigate.jobs.s3;

import org.apache.hadoop.fs.FileSystem;

/**
 * Whether a file system is S3A, under whatever scheme it serves (EMR 7.10 and later serve
 * {@code s3://} with it). Decided by class name: touching S3A's own classes needs hadoop-aws on the
 * class path, which a local run may not have.
 */
final class S3aConnector {
    private static final String S3A_CLASS = "org.apache.hadoop.fs.s3a.S3AFileSystem";

    private S3aConnector() {}

    static boolean serves(FileSystem fs) {
        for (Class<?> c = fs.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(S3A_CLASS)) {
                return true;
            }
        }
        return false;
    }
}
