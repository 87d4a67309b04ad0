package dev.piigate.jobs.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.piigate.jobs.config.Policy;
import dev.piigate.jobs.config.Threshold;

/**
 * The pass/block decision: a pure function over counts computed elsewhere (Deequ's split between
 * computing metrics and judging them). Fails closed: no records, or any object not COMPLETE that
 * the policy does not tolerate, blocks.
 */
public final class Gate {
    private Gate() {}

    /**
     * @param scanned              counts as the scan computed them, test values apart (see {@link #counted})
     * @param extraUnmaskedRecords records to add to the unmasked counts from outside the scan, by
     *                             entity type (Macie-only occurrences when {@code macie.onMacieOnly}
     *                             is {@code count}); empty when none
     * @param extraReasons         reasons decided elsewhere (the Macie cross-check) that block
     */
    public static Verdict decide(Policy policy, DatasetCounts scanned, Map<String, Long> extraUnmaskedRecords,
            List<BlockReason> extraReasons) {
        DatasetCounts counts = counted(policy, scanned);
        List<BlockReason> reasons = new ArrayList<>();
        for (Map.Entry<ObjectStatus, Long> e : counts.statuses().entrySet()) {
            ObjectStatus status = e.getKey();
            if (status.complete() || e.getValue() == 0) {
                continue;
            }
            if (!policy.tolerates(status.status().name(), status.reason().name())) {
                String key = status.key();
                reasons.add(new BlockReason("OBJECT_STATUS", key,
                        e.getValue() + " object(s) " + key + ": not fully scanned, and the policy does not tolerate "
                                + key,
                        e.getValue(), 0, "policy.tolerate"));
            }
        }
        if (counts.records() == 0 && counts.files() > 0) {
            reasons.add(new BlockReason("NO_RECORDS", "overall", "no records were scanned: nothing shows the data is clean",
                    0, 1, "(none: a dataset with no readable records never passes)"));
        }
        long extraTotal = 0;
        for (long v : extraUnmaskedRecords.values()) {
            extraTotal += v;
        }
        judge(reasons, "overall", counts.recordsUnmasked(), extraTotal, counts.records(), policy.overall(), "policy");
        for (Map.Entry<String, Threshold> e : policy.perType().entrySet()) {
            judge(reasons, e.getKey(), counts.type(e.getKey()).recordsUnmasked(),
                    extraUnmaskedRecords.getOrDefault(e.getKey(), 0L), counts.records(), e.getValue(),
                    "policy.perType." + e.getKey());
        }
        reasons.addAll(extraReasons);
        return new Verdict(reasons.isEmpty() ? Decision.PASS : Decision.BLOCK, reasons);
    }

    public static Verdict decide(Policy policy, DatasetCounts counts) {
        return decide(policy, counts, Map.of(), List.of());
    }

    /**
     * The counts as this policy judges them: test values are leaks only under
     * {@code policy.testValuesCountAsUnmasked}. Applied here, not on the executors, so changing the
     * policy needs no rescan; the report and summary print what the gate judged.
     */
    public static DatasetCounts counted(Policy policy, DatasetCounts scanned) {
        return scanned.counted(policy.testValuesCountAsUnmasked());
    }

    /**
     * @param ours    records our scan found unmasked values in
     * @param macie   records only Macie found them in (counted when {@code onMacieOnly: count})
     */
    private static void judge(List<BlockReason> reasons, String scope, long ours, long macie, long records,
            Threshold t, String keyPrefix) {
        long unmasked = ours + macie;
        String what = (scope.equals("overall") ? "records with unmasked PII" : "records with unmasked " + scope)
                + (macie > 0 ? " (" + macie + " of them found by Macie only)" : "");
        if (t.maxUnmaskedRecords() != null && unmasked > t.maxUnmaskedRecords()) {
            reasons.add(new BlockReason("UNMASKED_RECORDS", scope,
                    what + ": " + unmasked + " of " + records + " scanned, more than the limit of "
                            + t.maxUnmaskedRecords() + " (" + keyPrefix + ".maxUnmaskedRecords)",
                    unmasked, t.maxUnmaskedRecords(), keyPrefix + ".maxUnmaskedRecords"));
        }
        if (t.maxUnmaskedFraction() != null) {
            // Unmasked records with no scanned records (Macie-only counts) is the worst fraction there is.
            double fraction = records == 0 ? (unmasked > 0 ? 1.0 : 0.0) : (double) unmasked / records;
            if (fraction > t.maxUnmaskedFraction()) {
                reasons.add(new BlockReason("UNMASKED_FRACTION", scope,
                        String.format(Locale.ROOT, "%s: %d of %d scanned (%.6f), more than the limit of %s (%s)", what,
                                unmasked, records, fraction, t.maxUnmaskedFraction(), keyPrefix + ".maxUnmaskedFraction"),
                        fraction, t.maxUnmaskedFraction(), keyPrefix + ".maxUnmaskedFraction"));
            }
        }
    }
}
