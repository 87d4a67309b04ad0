package dev.piigate.jobs.gate;

import java.util.Map;
import java.util.TreeMap;

/**
 * Exact counts over a dataset, computed from the data in one pass and merged with {@link #plus}.
 *
 * @param statuses objects per {@code STATUS} (COMPLETE) or {@code STATUS/REASON}
 */
public record DatasetCounts(long files, long bytes, long records, long recordsUnmasked, long recordsMaskedOnly,
        Map<String, TypeCounts> perType, Map<String, Long> statuses) {

    public static final DatasetCounts ZERO = new DatasetCounts(0, 0, 0, 0, 0, Map.of(), Map.of());

    public DatasetCounts {
        perType = Map.copyOf(perType);
        statuses = Map.copyOf(statuses);
    }

    public long recordsClean() {
        return records - recordsUnmasked - recordsMaskedOnly;
    }

    public TypeCounts type(String name) {
        return perType.getOrDefault(name, TypeCounts.ZERO);
    }

    public DatasetCounts plus(DatasetCounts o) {
        Map<String, TypeCounts> types = new TreeMap<>(perType);
        o.perType.forEach((k, v) -> types.merge(k, v, TypeCounts::plus));
        Map<String, Long> st = new TreeMap<>(statuses);
        o.statuses.forEach((k, v) -> st.merge(k, v, Long::sum));
        return new DatasetCounts(files + o.files, bytes + o.bytes, records + o.records,
                recordsUnmasked + o.recordsUnmasked, recordsMaskedOnly + o.recordsMaskedOnly, types, st);
    }
}
