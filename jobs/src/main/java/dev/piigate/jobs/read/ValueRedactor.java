package dev.piigate.jobs.read;

/**
 * What a {@link RecordRewriter} asks, value by value, while it writes the redacted copy of one
 * object: the same detectors and configuration as the scan, and the configured redaction styles.
 * The calls follow {@link RecordSink}'s order: {@code startRecord}, the record's values and keys
 * (each under the field the scan's reader delivers it under, so field names judge alike),
 * {@code endRecord}. Implementations count what they replace and drop; rewriters only write.
 */
public interface ValueRedactor {
    void startRecord(long index);

    /**
     * Whether the values of record {@code index} are to be judged at all: false for a record the
     * object's scan found nothing in, whose values then stay as they are. A rewriter may copy such
     * a record without parsing it (it still calls {@code startRecord} and {@code endRecord}).
     */
    default boolean judges(long index) {
        return true;
    }

    /**
     * {@code value} with every unmasked, non-test finding replaced: the same instance when there
     * is nothing to replace (the rewriter then keeps the original bytes).
     *
     * @throws Unredactable when the value cannot be made clean: the object is not redacted
     */
    String replace(String field, String value);

    /** A name in the data (JSON key, CSV header cell, Parquet map key), as {@link #replace}. */
    default String replaceKey(String field, String key) {
        return replace(field, key);
    }

    /**
     * The current record is left out of the copy whatever {@link #endRecord} says, for {@code why}
     * (no data in it): for a value that holds a finding in a type that cannot hold its replacement
     * (a Parquet number: {@link #replace} returned another text for it).
     */
    void dropRecord(String why);

    /** Ends the record: true to write it (as rewritten), false to leave it out of the copy. */
    boolean endRecord();

    /** A value that stays unmasked however often it is redacted; its message holds no data. */
    final class Unredactable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unredactable(String detail) {
            super(detail);
        }
    }
}
