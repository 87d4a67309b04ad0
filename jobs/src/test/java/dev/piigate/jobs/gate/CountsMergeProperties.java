package dev.piigate.jobs.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;

/**
 * Counts merge like numbers: in any grouping and order (partitions and objects arrive in no fixed
 * order), with ZERO as identity; and the policy's view of a merge is the merge of the views, so the
 * report's totals and its per-object entries agree whatever the policy.
 */
class CountsMergeProperties {

    @Property
    void typeCountsMergeIsAssociativeAndCommutative(@ForAll("types") TypeCounts a, @ForAll("types") TypeCounts b,
            @ForAll("types") TypeCounts c) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
        assertThat(a.merge(TypeCounts.ZERO)).isEqualTo(a);
    }

    @Property
    void datasetCountsMergeIsAssociativeAndCommutative(@ForAll("datasets") DatasetCounts a,
            @ForAll("datasets") DatasetCounts b, @ForAll("datasets") DatasetCounts c) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
        assertThat(a.merge(DatasetCounts.ZERO)).isEqualTo(a);
    }

    @Property
    void thePolicyViewOfAMergeIsTheMergeOfTheViews(@ForAll("datasets") DatasetCounts a,
            @ForAll("datasets") DatasetCounts b, @ForAll boolean testsCount) {
        assertThat(a.merge(b).counted(testsCount)).isEqualTo(a.counted(testsCount).merge(b.counted(testsCount)));
        assertThat(a.counted(testsCount).counted(testsCount)).isEqualTo(a.counted(testsCount));
        // Nothing is lost or made up: records are split the same way, only the label moves. A test-only
        // record with an accepted value is unmasked when test values count, else accepted-only.
        DatasetCounts v = a.counted(testsCount);
        assertThat(v.records()).isEqualTo(a.records());
        assertThat(v.recordsUnmasked() + v.recordsMaskedOnly() + v.recordsAcceptedOnly())
                .isEqualTo(a.recordsUnmasked() + a.recordsMaskedOnly() + a.recordsMaskedTestOnly()
                        + a.recordsAcceptedOnly() + a.recordsAcceptedTestOnly()
                        + (testsCount ? a.recordsTestOnly() - a.recordsMaskedTestOnly() - a.recordsAcceptedTestOnly()
                                : 0));
        assertThat(v.recordsAcceptedOnly()).isEqualTo(a.recordsAcceptedOnly()
                + (testsCount ? 0 : a.recordsAcceptedTestOnly()));
        assertThat(v.recordsClean()).isNotNegative();
        assertThat(v.accepted()).isEqualTo(a.accepted()); // test values are never accepted: no policy moves them
    }

    @Provide
    Arbitrary<TypeCounts> types() {
        Arbitrary<Long> n = Arbitraries.longs().between(0, 1_000_000);
        return Combinators.combine(n, n, n, n, n, n).as(TypeCounts::new);
    }

    @Provide
    Arbitrary<DatasetCounts> datasets() {
        Arbitrary<Long> n = Arbitraries.longs().between(0, 1_000_000);
        Arbitrary<Map<String, TypeCounts>> perType = Arbitraries.maps(
                Arbitraries.of("CREDIT_CARD_NUMBER", "EMAIL_ADDRESS", "IBAN", "PHONE_NUMBER"), types()).ofMaxSize(4);
        Arbitrary<Map<ObjectStatus, Long>> statuses = Arbitraries.maps(Arbitraries.of(ObjectStatus.COMPLETE,
                ObjectStatus.of(ScanStatus.SKIPPED, StatusReason.EMPTY),
                ObjectStatus.of(ScanStatus.PARTIAL, StatusReason.TRUNCATED)), n).ofMaxSize(3);
        Arbitrary<long[]> recordCounts = n.array(long[].class).ofSize(6).map(r -> {
            // recordsMaskedTestOnly and recordsAcceptedTestOnly are apart parts of recordsTestOnly
            long testOnly = r[1] + r[3] + r[5];
            return new long[] {r[0], testOnly, r[2], r[3], r[4], r[5]};
        });
        return Combinators.combine(n, n, n, recordCounts, perType, statuses).as((files, bytes, extra, r, types,
                st) -> new DatasetCounts(files, bytes, r[0] + r[1] + r[2] + r[4] + extra, r[0], r[1], r[2], r[3], r[4],
                        r[5], new TreeMap<>(types), new TreeMap<>(st)));
    }
}
