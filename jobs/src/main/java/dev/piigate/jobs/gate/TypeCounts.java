package dev.piigate.jobs.gate;

/**
 * Counts for one entity type; mergeable, so partitions and files add up.
 *
 * @param unmasked        unmasked findings (test values excluded unless the policy counts them)
 * @param masked          masked findings
 * @param testValues      public test values
 * @param recordsUnmasked records holding at least one unmasked finding of this type
 */
public record TypeCounts(long unmasked, long masked, long testValues, long recordsUnmasked) {
    public static final TypeCounts ZERO = new TypeCounts(0, 0, 0, 0);

    public TypeCounts plus(TypeCounts o) {
        return new TypeCounts(unmasked + o.unmasked, masked + o.masked, testValues + o.testValues,
                recordsUnmasked + o.recordsUnmasked);
    }
}
