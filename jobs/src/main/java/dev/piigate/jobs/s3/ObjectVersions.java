package dev.piigate.jobs.s3;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.s3a.S3AFileStatus;

/** The S3 version id of an object as S3A looked it up (HEAD), for the approval tags. */
public final class ObjectVersions {
    private static final String S3A_STATUS = "org.apache.hadoop.fs.s3a.S3AFileStatus";

    private ObjectVersions() {}

    /**
     * The version id S3A's {@code getFileStatus} saw, or null: not S3A, or a bucket without
     * versioning. By class name first: a local run has no hadoop-aws on its class path.
     */
    public static String versionId(FileStatus status) {
        return status != null && status.getClass().getName().equals(S3A_STATUS) ? S3a.versionId(status) : null;
    }

    /** Loaded only when S3A is on the class path. */
    private static final class S3a {
        static String versionId(FileStatus status) {
            String id = ((S3AFileStatus) status).getVersionId();
            return id == null || id.isEmpty() ? null : id;
        }
    }
}
