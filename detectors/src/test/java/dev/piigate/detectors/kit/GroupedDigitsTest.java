package dev.piigate.detectors.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;

import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.Rejection;
import dev.piigate.detectors.ScanText;
import org.junit.jupiter.api.Test;

/** The kit's walk for digits-only keyword-gated identifiers, on a made-up 2-3-4 type. */
class GroupedDigitsTest {
    private static final EntityType TYPE = new EntityType("TEST_NUMBER");
    private static final KeywordGate GATE = KeywordGate.of(TYPE, "test_v1", Keywords.of("tn"), Boundary.NUMBER, 0.9, 0.8);
    private static final GroupedDigits FORMS = GroupedDigits.builder(GATE)
            .groups(2, 3, 4).separators("- ").bare(9).firstDigits("4567")
            .check((t, s, e) -> t.charAt(e - 1) == '0' ? RejectReason.INVALID_CHECKSUM : null)
            .testValue((t, s, e) -> t.charAt(s) == '7')
            .masked(MaskedShape.of("99-999-9999", 4), MaskedShape.of("999999999", 4))
            .build();

    private final List<Finding> found = new ArrayList<>();
    private final List<Rejection> rejected = new ArrayList<>();
    private final FindingSink sink = new FindingSink() {
        @Override
        public void found(Finding f) {
            found.add(f);
        }

        @Override
        public void rejected(Rejection r) {
            rejected.add(r);
        }
    };

    private void scan(String text) {
        FORMS.scan(ScanText.of(text, null), sink, 40);
    }

    @Test
    void groupedAndBareValuesWithAKeywordAreFound() {
        scan("tn 45-678-9123, tn 45 678 9123, tn 456789123");
        assertThat(found).extracting(Finding::start, Finding::end).containsExactly(
                tuple(3, 14), tuple(19, 30),
                tuple(35, 44));
        assertThat(found).allMatch(f -> !f.masked() && !f.testValue() && f.confidence() == 0.9);
        assertThat(rejected).isEmpty();
    }

    @Test
    void eachCandidateSaysWhyItIsRejected() {
        scan("tn 45-678 9123");
        scan("tn 45-678-9120");
        scan("x45-678-9123 tn");
        scan("no keyword 45 678 9123");
        assertThat(found).isEmpty();
        assertThat(rejected).extracting(Rejection::reason).containsExactly(RejectReason.INVALID_GROUPING,
                RejectReason.INVALID_CHECKSUM, RejectReason.TOKEN_BOUNDARY, RejectReason.NO_KEYWORD);
    }

    @Test
    void otherShapesAndFirstDigitsAreNoCandidates() {
        scan("tn 45.678.9123 tn 45-678-91234 tn 35-678-9123 tn 356789123 tn 4567891234");
        assertThat(found).isEmpty();
        assertThat(rejected).isEmpty();
    }

    @Test
    void aTestValueAndAMaskedValueAreMarked() {
        scan("tn 75-678-9123 and tn **-***-9123");
        assertThat(found).extracting(Finding::testValue, Finding::masked, Finding::confidence)
                .containsExactly(tuple(true, false, 0.9),
                        tuple(false, true, 0.8));
    }

    @Test
    void aDetectorOfTheDeclarationTakesItsIdTypeAndDistance() {
        GroupedDigitsDetector near = new GroupedDigitsDetector(FORMS, 5) {};
        assertThat(near.id()).isEqualTo("test_v1");
        assertThat(near.entityTypes()).containsExactly(TYPE);
        near.scan(ScanText.of("tn is the number 45-678-9123", null), sink);
        assertThat(rejected).extracting(Rejection::reason).containsExactly(RejectReason.NO_KEYWORD);
    }

    @Test
    void aDeclarationNeedsGroupsASeparatorABareLengthAndDigitsToStartWith() {
        assertThatThrownBy(() -> GroupedDigits.builder(GATE).groups(9).separators("-").bare(9)
                .check((t, s, e) -> null).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GroupedDigits.builder(GATE).groups(3, 6).separators("x").bare(9)
                .check((t, s, e) -> null).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GroupedDigits.builder(GATE).groups(3, 6).separators("-").bare(9).firstDigits("9a")
                .check((t, s, e) -> null).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
