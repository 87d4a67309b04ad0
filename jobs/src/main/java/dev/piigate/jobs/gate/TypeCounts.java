package dev.piigate.jobs.gate;

/**
 * Counts for one entity type, as the scan computed them: test values apart from real leaks, so
 * the policy that may count them as leaks ({@code policy.testValuesCountAsUnmasked}) is applied
 * when judging ({@link #counted}), not when scanning. Mergeable: partitions and objects add up.
 *
 * @param unmasked        unmasked findings that are not public test values
 * @param masked          masked findings
 * @param testValues      unmasked public test values
 * @param recordsUnmasked records holding at least one unmasked finding of this type
 * @param recordsTestOnly records holding an unmasked test value of this type and no unmasked finding of it
 * @param accepted        unmasked findings (not test values) that {@code --baseline} accepted: a part of
 *                        {@code unmasked} (an accepted value is still a value), left out of
 *                        {@code recordsUnmasked} (a record counts only for findings not accepted)
 */
public record TypeCounts(long unmasked, long masked, long testValues, long recordsUnmasked, long recordsTestOnly,
        long accepted) {
    public static final TypeCounts ZERO = new TypeCounts(0, 0, 0, 0, 0, 0);

    /** Counts of a type without test values in records of their own. */
    public TypeCounts(long unmasked, long masked, long testValues, long recordsUnmasked) {
        this(unmasked, masked, testValues, recordsUnmasked, 0, 0);
    }

    /** Counts of a type with none accepted (a run without {@code --baseline}). */
    public TypeCounts(long unmasked, long masked, long testValues, long recordsUnmasked, long recordsTestOnly) {
        this(unmasked, masked, testValues, recordsUnmasked, recordsTestOnly, 0);
    }

    public TypeCounts merge(TypeCounts o) {
        return new TypeCounts(unmasked + o.unmasked, masked + o.masked, testValues + o.testValues,
                recordsUnmasked + o.recordsUnmasked, recordsTestOnly + o.recordsTestOnly, accepted + o.accepted);
    }

    /**
     * The counts as the gate judges them: when test values count as unmasked they are moved into
     * {@code unmasked} (and their records into {@code recordsUnmasked}). Applying it twice changes
     * nothing more.
     */
    public TypeCounts counted(boolean testValuesCountAsUnmasked) {
        if (!testValuesCountAsUnmasked) {
            return this;
        }
        return new TypeCounts(unmasked + testValues, masked, 0, recordsUnmasked + recordsTestOnly, 0, accepted);
    }
}
