package dev.piigate.jobs.scan;

/**
 * One object to scan. {@code size} is -1 when not yet known (manifest entries are looked up on the
 * executors, not one by one on the driver); {@code etag} is null where the store has none;
 * {@code relativeFrom} is where the path relative to the dataset root starts: from there the path
 * is scanned for PII like a record of the object.
 */
public record InputObject(String path, long size, String etag, int relativeFrom) {
    public InputObject {
        if (relativeFrom < 0 || relativeFrom > path.length()) {
            throw new IllegalArgumentException("relativeFrom outside the path: " + relativeFrom);
        }
    }

    /** An object whose folder is the dataset root: its name is what is scanned of its path. */
    public InputObject(String path, long size, String etag) {
        this(path, size, etag, path.lastIndexOf('/') + 1);
    }

    /**
     * Where {@code path} continues below {@code root} (a folder), or where its key starts when it
     * is not below it ({@code s3a://bucket/} or {@code file:} and a local path left out).
     */
    public static int relativeFrom(String path, String root) {
        String folder = root.endsWith("/") ? root : root + "/";
        return path.startsWith(folder) ? folder.length() : PathMasker.keyStart(path);
    }
}
