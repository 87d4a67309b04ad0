package dev.piigate.jobs.config;

/**
 * A limit on records with unmasked PII: a count, a fraction of scanned records, or both (either
 * exceeded blocks). Null means not set.
 */
public record Threshold(Long maxUnmaskedRecords, Double maxUnmaskedFraction) {
    public static final Threshold NONE = new Threshold(null, null);

    public boolean isSet() {
        return maxUnmaskedRecords != null || maxUnmaskedFraction != null;
    }
}
