package dev.piigate.jobs.read;

/**
 * Bounds that keep memory flat whatever the input: a longer line or value is not loaded whole.
 *
 * @param maxValueChars      longest single string value held in memory (JSON string, CSV cell,
 *                           Parquet value); longer text lines are scanned in overlapping chunks
 * @param maxDocumentChars   characters extracted from one document before it is cut (PARTIAL)
 * @param documentTimeoutMs  wall-clock budget for parsing one document
 * @param maxJsonDepth       deepest JSON nesting accepted
 * @param splitBytes         an uncompressed JSON Lines, text, CSV or Parquet object larger than this is scanned
 *                           as byte ranges of this size in parallel tasks (Parquet by row group;
 *                           {@code limits.splitBytes})
 */
public record ReadLimits(int maxValueChars, long maxDocumentChars, long documentTimeoutMs, int maxJsonDepth,
        long splitBytes) {
    /** 128 MiB: Hadoop's block size, a few seconds of scanning per task. */
    public static final long DEFAULT_SPLIT_BYTES = 128L * 1024 * 1024;
    /** Below this a split costs more in task overhead than it saves. */
    public static final long MIN_SPLIT_BYTES = 1024L * 1024;
    public static final ReadLimits DEFAULTS = new ReadLimits(16 * 1024 * 1024, 64L * 1024 * 1024, 120_000, 256);

    public ReadLimits {
        if (maxValueChars < 1024 || maxDocumentChars < 1024 || documentTimeoutMs < 100 || maxJsonDepth < 2) {
            throw new IllegalArgumentException("read limits too small: " + maxValueChars + ", " + maxDocumentChars
                    + ", " + documentTimeoutMs + ", " + maxJsonDepth);
        }
        // Tests split small files at every byte; the configuration key has its own floor (ConfigLoader).
        if (splitBytes < 1) {
            throw new IllegalArgumentException("limits.splitBytes must be positive: " + splitBytes);
        }
    }

    /** With the default split size. */
    public ReadLimits(int maxValueChars, long maxDocumentChars, long documentTimeoutMs, int maxJsonDepth) {
        this(maxValueChars, maxDocumentChars, documentTimeoutMs, maxJsonDepth, DEFAULT_SPLIT_BYTES);
    }
}
