package dev.piigate.jobs.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.piigate.jobs.config.Policy;
import dev.piigate.jobs.config.Threshold;
import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;

/** The gate as a table: counts and policy in, decision and reason codes out. */
class GateTest {
    private static final Policy ZERO_TOLERANCE = Policy.defaults();

    private static DatasetCounts counts(long records, long unmasked, Map<String, TypeCounts> types,
            Map<String, Long> statuses) {
        long files = statuses.values().stream().mapToLong(Long::longValue).sum();
        return new DatasetCounts(files, 1000, records, unmasked, 0, types, statuses(statuses));
    }

    /** Statuses written as the report writes them ({@code COMPLETE}, {@code SKIPPED/CORRUPT}). */
    static Map<ObjectStatus, Long> statuses(Map<String, Long> byKey) {
        Map<ObjectStatus, Long> out = new TreeMap<>();
        byKey.forEach((key, n) -> {
            int slash = key.indexOf('/');
            out.put(slash < 0 ? ObjectStatus.of(ScanStatus.valueOf(key), null)
                    : ObjectStatus.of(ScanStatus.valueOf(key.substring(0, slash)),
                            StatusReason.valueOf(key.substring(slash + 1))), n);
        });
        return out;
    }

    private static Policy policy(Threshold overall, Map<String, Threshold> perType, Set<String> tolerated) {
        return new Policy(overall, perType, false, tolerated);
    }

    static Stream<Arguments> table() {
        Map<String, Long> allComplete = Map.of("COMPLETE", 3L);
        Map<String, TypeCounts> phones = Map.of("PHONE_NUMBER", new TypeCounts(5, 0, 0, 5));
        Map<String, TypeCounts> cards = Map.of("CREDIT_CARD_NUMBER", new TypeCounts(1, 0, 0, 1));
        Map<String, TypeCounts> cardsAndPhones = Map.of("CREDIT_CARD_NUMBER", new TypeCounts(1, 0, 0, 1),
                "PHONE_NUMBER", new TypeCounts(5, 0, 0, 5));
        Threshold noOverall = new Threshold(Long.MAX_VALUE, null);
        return Stream.of(
                Arguments.of("clean dataset passes", ZERO_TOLERANCE, counts(1000, 0, Map.of(), allComplete),
                        List.of()),
                Arguments.of("one unmasked record blocks at zero tolerance", ZERO_TOLERANCE,
                        counts(1000, 1, cards, allComplete), List.of("UNMASKED_RECORDS/overall")),
                Arguments.of("count at the limit passes", policy(new Threshold(5L, null), Map.of(), Set.of()),
                        counts(1000, 5, phones, allComplete), List.of()),
                Arguments.of("count over the limit blocks", policy(new Threshold(4L, null), Map.of(), Set.of()),
                        counts(1000, 5, phones, allComplete), List.of("UNMASKED_RECORDS/overall")),
                Arguments.of("fraction at the limit passes", policy(new Threshold(null, 0.005), Map.of(), Set.of()),
                        counts(1000, 5, phones, allComplete), List.of()),
                Arguments.of("fraction over the limit blocks", policy(new Threshold(null, 0.004), Map.of(), Set.of()),
                        counts(1000, 5, phones, allComplete), List.of("UNMASKED_FRACTION/overall")),
                Arguments.of("both limits, both exceeded", policy(new Threshold(1L, 0.001), Map.of(), Set.of()),
                        counts(1000, 5, phones, allComplete),
                        List.of("UNMASKED_RECORDS/overall", "UNMASKED_FRACTION/overall")),
                Arguments.of("phones tolerated, cards not: card blocks",
                        policy(noOverall, Map.of("PHONE_NUMBER", new Threshold(null, 0.01), "CREDIT_CARD_NUMBER",
                                new Threshold(0L, null)), Set.of()),
                        counts(1000, 6, cardsAndPhones, allComplete), List.of("UNMASKED_RECORDS/CREDIT_CARD_NUMBER")),
                Arguments.of("phones within their fraction pass",
                        policy(noOverall, Map.of("PHONE_NUMBER", new Threshold(null, 0.01)), Set.of()),
                        counts(1000, 5, phones, allComplete), List.of()),
                Arguments.of("per-type limit on a type with no findings passes",
                        policy(new Threshold(0L, null), Map.of("IBAN", new Threshold(0L, null)), Set.of()),
                        counts(1000, 0, Map.of(), allComplete), List.of()),
                Arguments.of("a skipped object blocks a clean dataset", ZERO_TOLERANCE,
                        counts(1000, 0, Map.of(), Map.of("COMPLETE", 2L, "SKIPPED/CORRUPT", 1L)),
                        List.of("OBJECT_STATUS/SKIPPED/CORRUPT")),
                Arguments.of("a partial object blocks", ZERO_TOLERANCE,
                        counts(1000, 0, Map.of(), Map.of("COMPLETE", 2L, "PARTIAL/TRUNCATED", 1L)),
                        List.of("OBJECT_STATUS/PARTIAL/TRUNCATED")),
                Arguments.of("a tolerated status/reason passes",
                        policy(new Threshold(0L, null), Map.of(), Set.of("PARTIAL/TRUNCATED")),
                        counts(1000, 0, Map.of(), Map.of("COMPLETE", 2L, "PARTIAL/TRUNCATED", 1L)), List.of()),
                Arguments.of("a tolerated status covers every reason",
                        policy(new Threshold(0L, null), Map.of(), Set.of("SKIPPED")),
                        counts(1000, 0, Map.of(), Map.of("COMPLETE", 2L, "SKIPPED/EMPTY", 1L)), List.of()),
                Arguments.of("tolerating one reason does not tolerate another",
                        policy(new Threshold(0L, null), Map.of(), Set.of("SKIPPED/EMPTY")),
                        counts(1000, 0, Map.of(), Map.of("COMPLETE", 1L, "SKIPPED/EMPTY", 1L,
                                "SKIPPED/PERMISSION_DENIED", 1L)),
                        List.of("OBJECT_STATUS/SKIPPED/PERMISSION_DENIED")),
                Arguments.of("no records at all blocks", ZERO_TOLERANCE,
                        counts(0, 0, Map.of(), Map.of("COMPLETE", 1L)), List.of("NO_RECORDS/overall")),
                Arguments.of("no records with a fraction limit still blocks",
                        policy(new Threshold(null, 0.5), Map.of(), Set.of("SKIPPED")),
                        counts(0, 0, Map.of(), Map.of("SKIPPED/EMPTY", 1L)), List.of("NO_RECORDS/overall")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, Policy policy, DatasetCounts counts, List<String> expectedReasons) {
        Verdict v = Gate.decide(policy, counts);
        assertThat(v.decision()).isEqualTo(expectedReasons.isEmpty() ? Decision.PASS : Decision.BLOCK);
        assertThat(v.reasons()).extracting(r -> r.code() + "/" + r.scope())
                .containsExactlyInAnyOrderElementsOf(expectedReasons);
    }

    @Test
    void blockReasonNamesTheNumbersTheLimitAndTheKey() {
        Verdict v = Gate.decide(new Policy(new Threshold(100L, null), Map.of(), false, Set.of()),
                counts(1_000_000, 14_200, Map.of(), Map.of("COMPLETE", 1L)));
        BlockReason r = v.reasons().get(0);
        assertThat(r.message()).contains("14200").contains("1000000").contains("100")
                .contains("policy.maxUnmaskedRecords");
        assertThat(r.observed()).isEqualTo(14_200);
        assertThat(r.threshold()).isEqualTo(100);
        assertThat(r.configKey()).isEqualTo("policy.maxUnmaskedRecords");
    }

    @Test
    void extraUnmaskedRecordsCountTowardTheLimits() {
        Policy p = new Policy(new Threshold(0L, null), Map.of("IBAN", new Threshold(0L, null)), false, Set.of());
        Verdict v = Gate.decide(p, counts(1000, 0, Map.of(), Map.of("COMPLETE", 1L)), Map.of("IBAN", 2L), List.of());
        assertThat(v.reasons()).extracting(r -> r.code() + "/" + r.scope())
                .containsExactlyInAnyOrder("UNMASKED_RECORDS/overall", "UNMASKED_RECORDS/IBAN");
        // The message says which share of the count came from Macie alone.
        assertThat(v.reasons()).extracting(r -> r.message()).contains(
                "records with unmasked IBAN (2 of them found by Macie only): 2 of 1000 scanned, more than the limit"
                        + " of 0 (policy.perType.IBAN.maxUnmaskedRecords)");
    }

    @Test
    void countsMergeExactly() {
        DatasetCounts a = new DatasetCounts(1, 10, 5, 1, 1, Map.of("IBAN", new TypeCounts(1, 2, 0, 1)),
                statuses(Map.of("COMPLETE", 1L)));
        DatasetCounts b = new DatasetCounts(2, 20, 7, 2, 0, Map.of("IBAN", new TypeCounts(3, 0, 1, 2),
                "PHONE_NUMBER", new TypeCounts(1, 0, 0, 1)), statuses(Map.of("COMPLETE", 1L, "SKIPPED/EMPTY", 1L)));
        DatasetCounts sum = a.merge(b);
        assertThat(sum.files()).isEqualTo(3);
        assertThat(sum.records()).isEqualTo(12);
        assertThat(sum.recordsClean()).isEqualTo(12 - 3 - 1);
        assertThat(sum.type("IBAN")).isEqualTo(new TypeCounts(4, 2, 1, 3));
        assertThat(sum.statuses()).isEqualTo(statuses(Map.of("COMPLETE", 2L, "SKIPPED/EMPTY", 1L)));
        assertThat(a.merge(DatasetCounts.ZERO)).isEqualTo(a);
    }

    /**
     * The scan keeps test values apart; the gate decides whether they are leaks. The same counts
     * pass under the default policy and block under {@code testValuesCountAsUnmasked}: no rescan.
     */
    @Test
    void testValuesAreJudgedByThePolicyNotByTheScan() {
        // 10 records: 1 with a card number that is a public test value and a masked one, 1 masked only.
        DatasetCounts scanned = new DatasetCounts(1, 1000, 10, 0, 1, 1, 1,
                Map.of("CREDIT_CARD_NUMBER", new TypeCounts(0, 2, 1, 0, 1)), statuses(Map.of("COMPLETE", 1L)));
        Policy testsAreLeaks = new Policy(ZERO_TOLERANCE.overall(), Map.of(), true, Set.of());

        assertThat(Gate.decide(ZERO_TOLERANCE, scanned).decision()).isEqualTo(Decision.PASS);
        DatasetCounts lenient = Gate.counted(ZERO_TOLERANCE, scanned);
        assertThat(lenient.recordsUnmasked()).isZero();
        assertThat(lenient.recordsMaskedOnly()).isEqualTo(2);
        assertThat(lenient.recordsClean()).isEqualTo(8);
        assertThat(lenient.type("CREDIT_CARD_NUMBER")).isEqualTo(new TypeCounts(0, 2, 1, 0, 1));

        Verdict strict = Gate.decide(testsAreLeaks, scanned);
        assertThat(strict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(strict.reasons()).extracting(BlockReason::code).containsExactly("UNMASKED_RECORDS");
        DatasetCounts counted = Gate.counted(testsAreLeaks, scanned);
        assertThat(counted.recordsUnmasked()).isEqualTo(1);
        assertThat(counted.recordsMaskedOnly()).isEqualTo(1);
        assertThat(counted.recordsClean()).isEqualTo(8);
        assertThat(counted.type("CREDIT_CARD_NUMBER")).isEqualTo(new TypeCounts(1, 2, 0, 1, 0));
        assertThat(Gate.counted(testsAreLeaks, counted)).as("applied twice").isEqualTo(counted);
    }

    @Test
    void statusesAreJudgedByTheirEnumsAndReportedByTheirKeys() {
        Policy toleratesTruncated = policy(new Threshold(0L, null), Map.of(), Set.of("PARTIAL/TRUNCATED"));
        DatasetCounts c = counts(1000, 0, Map.of(), Map.of("COMPLETE", 1L, "PARTIAL/TRUNCATED", 1L,
                "PARTIAL/CORRUPT", 2L));
        Verdict v = Gate.decide(toleratesTruncated, c);
        assertThat(v.reasons()).singleElement().satisfies(r -> {
            assertThat(r.scope()).isEqualTo("PARTIAL/CORRUPT");
            assertThat(r.observed()).isEqualTo(2);
        });
        assertThat(new ObjectStatus(ScanStatus.PARTIAL, StatusReason.CORRUPT).key()).isEqualTo("PARTIAL/CORRUPT");
        assertThatThrownBy(() -> new ObjectStatus(ScanStatus.SKIPPED, null)).isInstanceOf(
                IllegalArgumentException.class);
    }
}
