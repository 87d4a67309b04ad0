package dev.piigate.jobs.gate;

import java.util.Map;
import java.util.TreeMap;

/**
 * Exact counts over a dataset, computed from the data in one pass and merged with {@link #merge}.
 * Test values are kept apart as the scan counted them; {@link #counted} applies the policy. A
 * record falls in one class, the first that fits: unmasked, test only, accepted only, masked only,
 * clean; the {@code ...TestOnly} subsets say what else a test-only record holds.
 *
 * @param recordsUnmasked         records with an unmasked finding that is neither a test value nor
 *                                accepted by {@code --baseline}
 * @param recordsTestOnly         records with an unmasked test value and no other unmasked finding
 *                                that is not accepted
 * @param recordsMaskedOnly       records with a masked finding and no unmasked finding or test value
 * @param recordsMaskedTestOnly   records with a masked finding and a test value, no other unmasked
 *                                finding (a part of {@code recordsTestOnly})
 * @param recordsAcceptedOnly     records whose unmasked findings are all accepted by the baseline, and
 *                                no test value: they do not count towards the gate
 * @param recordsAcceptedTestOnly records with an accepted finding and a test value, no other unmasked
 *                                finding (a part of {@code recordsTestOnly})
 * @param statuses                objects per status
 */
public record DatasetCounts(long files, long bytes, long records, long recordsUnmasked, long recordsTestOnly,
        long recordsMaskedOnly, long recordsMaskedTestOnly, long recordsAcceptedOnly, long recordsAcceptedTestOnly,
        Map<String, TypeCounts> perType, Map<ObjectStatus, Long> statuses) {

    public static final DatasetCounts ZERO = new DatasetCounts(0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of());

    public DatasetCounts {
        perType = Map.copyOf(perType);
        statuses = Map.copyOf(statuses);
    }

    /** Counts with nothing accepted (a run without {@code --baseline}). */
    public DatasetCounts(long files, long bytes, long records, long recordsUnmasked, long recordsTestOnly,
            long recordsMaskedOnly, long recordsMaskedTestOnly, Map<String, TypeCounts> perType,
            Map<ObjectStatus, Long> statuses) {
        this(files, bytes, records, recordsUnmasked, recordsTestOnly, recordsMaskedOnly, recordsMaskedTestOnly, 0, 0,
                perType, statuses);
    }

    /** Counts without test values in records of their own. */
    public DatasetCounts(long files, long bytes, long records, long recordsUnmasked, long recordsMaskedOnly,
            Map<String, TypeCounts> perType, Map<ObjectStatus, Long> statuses) {
        this(files, bytes, records, recordsUnmasked, 0, recordsMaskedOnly, 0, perType, statuses);
    }

    public long recordsClean() {
        return records - recordsUnmasked - recordsMaskedOnly - recordsAcceptedOnly;
    }

    public TypeCounts type(String name) {
        return perType.getOrDefault(name, TypeCounts.ZERO);
    }

    /** Unmasked findings the baseline accepted, over all types. */
    public long accepted() {
        long n = 0;
        for (TypeCounts t : perType.values()) {
            n += t.accepted();
        }
        return n;
    }

    public DatasetCounts merge(DatasetCounts o) {
        Map<String, TypeCounts> types = new TreeMap<>(perType);
        o.perType.forEach((k, v) -> types.merge(k, v, TypeCounts::merge));
        Map<ObjectStatus, Long> st = new TreeMap<>(statuses);
        o.statuses.forEach((k, v) -> st.merge(k, v, Long::sum));
        return new DatasetCounts(files + o.files, bytes + o.bytes, records + o.records,
                recordsUnmasked + o.recordsUnmasked, recordsTestOnly + o.recordsTestOnly,
                recordsMaskedOnly + o.recordsMaskedOnly, recordsMaskedTestOnly + o.recordsMaskedTestOnly,
                recordsAcceptedOnly + o.recordsAcceptedOnly, recordsAcceptedTestOnly + o.recordsAcceptedTestOnly,
                types, st);
    }

    /**
     * The counts as the gate judges them (see {@link TypeCounts#counted}): records with a test value
     * are unmasked when test values count (the baseline never accepts a test value), else
     * accepted-only or masked-only where they also hold an accepted or a masked value. Applying it
     * twice changes nothing more.
     */
    public DatasetCounts counted(boolean testValuesCountAsUnmasked) {
        Map<String, TypeCounts> types = new TreeMap<>();
        perType.forEach((k, v) -> types.put(k, v.counted(testValuesCountAsUnmasked)));
        return testValuesCountAsUnmasked
                ? new DatasetCounts(files, bytes, records, recordsUnmasked + recordsTestOnly, 0, recordsMaskedOnly,
                        0, recordsAcceptedOnly, 0, types, statuses)
                : new DatasetCounts(files, bytes, records, recordsUnmasked, recordsTestOnly,
                        recordsMaskedOnly + recordsMaskedTestOnly, 0, recordsAcceptedOnly + recordsAcceptedTestOnly,
                        0, types, statuses);
    }
}
