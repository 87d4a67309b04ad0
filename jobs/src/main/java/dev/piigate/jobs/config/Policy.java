package dev.piigate.jobs.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the gate judges against.
 *
 * @param overall                    over records with unmasked PII of any type
 * @param perType                    by entity type name
 * @param testValuesCountAsUnmasked  public test card numbers count as leaks (default false, as Macie)
 * @param tolerated                  object statuses that do not block: {@code PARTIAL} (any reason)
 *                                   or {@code STATUS/REASON} such as {@code PARTIAL/TRUNCATED}
 */
public record Policy(Threshold overall, Map<String, Threshold> perType, boolean testValuesCountAsUnmasked,
        Set<String> tolerated) {

    public static final List<String> STATUSES = List.of("PARTIAL", "SKIPPED");

    public Policy {
        perType = Map.copyOf(perType);
        tolerated = Set.copyOf(tolerated);
    }

    public static Policy defaults() {
        return new Policy(new Threshold(0L, null), Map.of(), false, Set.of());
    }

    public boolean tolerates(String status, String reason) {
        return tolerated.contains(status) || tolerated.contains(status + "/" + reason);
    }
}
