package dev.piigate.jobs.s3;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * One of the job's own storage steps failed: what it was doing, on which URI, with the storage's
 * exception as the cause. The message is ours ({@code listing s3a://bucket/data}) and names the URI as
 * given: whoever prints it masks it as report paths are. The cause's message is never printed:
 * Hadoop's and the AWS SDK's messages quote object keys. {@link StorageCause} says in words what
 * went wrong, from the cause's types, HTTP status and S3 error code.
 */
public final class StorageFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** What a step asks of the store, and the S3 permissions that takes. */
    public enum Action {
        LIST("s3:ListBucket on the bucket (and s3:GetObject on its objects: S3A looks up a path first)"),
        READ("s3:GetObject on the object"),
        WRITE("s3:PutObject on the object, and s3:ListBucket on the bucket (S3A looks before it writes)"),
        DELETE("s3:DeleteObject on the object, and s3:ListBucket and s3:GetObject (S3A looks before it deletes)");

        private final String permissions;

        Action(String permissions) {
            this.permissions = permissions;
        }

        /** The S3 permissions the step needs, for the message of a denial. */
        public String permissions() {
            return permissions;
        }
    }

    /** A storage step. */
    public interface Step<T> {
        T call() throws IOException;
    }

    /** A storage step without a result. */
    public interface VoidStep {
        void run() throws IOException;
    }

    private final Action action;
    private final String doing;
    private final String uri;

    /**
     * @param doing what the step was doing, to be followed by the URI: {@code listing},
     *              {@code writing report.json to}
     * @param uri   the URI as the user gave it (unmasked: masked where printed)
     */
    public StorageFailure(Action action, String doing, String uri, Throwable cause) {
        super(doing + " " + uri, cause);
        this.action = action;
        this.doing = doing;
        this.uri = uri;
    }

    public Action action() {
        return action;
    }

    public String doing() {
        return doing;
    }

    /** The URI as given: mask before printing. */
    public String uri() {
        return uri;
    }

    /**
     * Runs a storage step. What the store threw comes out as a {@link StorageFailure} naming the
     * step; pii-gate's own exceptions, a {@link FileNotFoundException} (a missing path: the caller
     * decides what it means) and an interruption pass as they are, and so does an unchecked
     * exception in which {@link StorageCause} recognises nothing of storage.
     */
    public static <T> T during(Action action, String doing, String uri, Step<T> step) throws IOException {
        try {
            return step.call();
        } catch (FileNotFoundException | InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            if (ours(e)) {
                throw e;
            }
            throw new StorageFailure(action, doing, uri, e);
        } catch (Exception e) {
            // A Spark job that failed writing (a SparkException, which Scala throws unchecked; its
            // chain holds the executor's exception), or an AWS SDK exception S3A did not translate.
            if (ours(e) || StorageCause.diagnose(e).cause() == StorageCause.OTHER) {
                throw e;
            }
            throw new StorageFailure(action, doing, uri, e);
        }
    }

    /** {@link #during(Action, String, String, Step)} for a step without a result. */
    public static void run(Action action, String doing, String uri, VoidStep step) throws IOException {
        during(action, doing, uri, () -> {
            step.run();
            return null;
        });
    }

    private static boolean ours(Exception e) {
        return e.getClass().getName().startsWith("dev.piigate.");
    }
}
