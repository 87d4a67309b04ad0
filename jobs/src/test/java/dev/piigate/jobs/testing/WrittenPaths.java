package dev.piigate.jobs.testing;

/**
 * Finds an object in what a run wrote by its file name. A path that holds PII is written masked
 * with its fingerprint after it ({@code ... #path-fingerprint:<hex>}), and a test's temporary
 * folder has a random name that now and then reads as a value (19 digits that pass Luhn): a test
 * that matched the written path's end would then not find its object.
 */
public final class WrittenPaths {
    private static final String FINGERPRINT_MARK = " #path-fingerprint:";

    private WrittenPaths() {}

    /** Whether {@code written} (a report's or findings' path) names a file called {@code fileName}. */
    public static boolean names(String written, String fileName) {
        int mark = written.indexOf(FINGERPRINT_MARK);
        return (mark < 0 ? written : written.substring(0, mark)).endsWith("/" + fileName);
    }
}
