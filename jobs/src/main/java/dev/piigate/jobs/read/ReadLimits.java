package dev.piigate.jobs.read;

/**
 * Bounds that keep memory flat whatever the input: a longer line or value is not loaded whole.
 *
 * @param maxValueChars      longest single string value held in memory (JSON string, CSV cell,
 *                           Parquet value); longer text lines are scanned in overlapping chunks
 * @param maxDocumentChars   characters extracted from one document before it is cut (PARTIAL)
 * @param documentTimeoutMs  wall-clock budget for parsing one document
 * @param maxJsonDepth       deepest JSON nesting accepted
 */
public record ReadLimits(int maxValueChars, long maxDocumentChars, long documentTimeoutMs, int maxJsonDepth) {
    public static final ReadLimits DEFAULTS = new ReadLimits(16 * 1024 * 1024, 64L * 1024 * 1024, 120_000, 256);

    public ReadLimits {
        if (maxValueChars < 1024 || maxDocumentChars < 1024 || documentTimeoutMs < 100 || maxJsonDepth < 2) {
            throw new IllegalArgumentException("read limits too small: " + maxValueChars + ", " + maxDocumentChars
                    + ", " + documentTimeoutMs + ", " + maxJsonDepth);
        }
    }
}
