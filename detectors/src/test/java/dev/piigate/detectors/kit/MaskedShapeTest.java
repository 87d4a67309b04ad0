package dev.piigate.detectors.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaskedShapeTest {
    private static final MaskedShape SIN = MaskedShape.of("999-999-999", 4);
    private static final MaskedShape NINO = MaskedShape.of("AA 99 99 99 A", 4);

    @Test
    void aShapeMaskedButForItsLastCharactersIsFound() {
        for (String v : new String[] {"***-***-782", "XXX-XXX-782", "xxx-xxx-782", "###-###-782", "•••-•••-782",
                "***-**6-782", "***-***-**2"}) {
            String text = "SIN " + v + " ok";
            assertThat(SIN.startEndingAt(text, 4 + v.length())).as(v).isEqualTo(4);
        }
        assertThat(NINO.startEndingAt("XX XX XX 56 C", 13)).isZero();
        assertThat(NINO.startEndingAt("** ** *4 56 C", 13)).isZero();
    }

    @Test
    void anythingElseIsNot() {
        for (String v : new String[] {
            "123-456-782", // nothing hidden
            "***-*56-782", // five shown
            "***-*5*-782", // shown after hidden
            "*** ***-782", // another separator
            "***-***-78a", // a letter where a digit goes
            "***-***-***", // nothing shown
        }) {
            assertThat(SIN.startEndingAt(v, v.length())).as(v).isEqualTo(-1);
        }
        assertThat(SIN.startEndingAt("-782", 4)).as("too short").isEqualTo(-1);
        assertThat(NINO.startEndingAt("XX XX X4 56 7", 13)).as("a digit for the suffix letter").isEqualTo(-1);
    }

    @Test
    void theGateLooksOnlyAtTheCharsBeforeTheRun() {
        assertThat(MaskedShape.hiddenBefore("***782", 3)).isTrue();
        assertThat(MaskedShape.hiddenBefore("***-782", 4)).isTrue();
        assertThat(MaskedShape.hiddenBefore("**6 782", 4)).isTrue();
        assertThat(MaskedShape.hiddenBefore("ab 782", 3)).isFalse();
        assertThat(MaskedShape.hiddenBefore("782", 0)).isFalse();
        assertThat(MaskedShape.hiddenBefore("on 2024-03-05", 11)).as("a date").isFalse();
        assertThat(MaskedShape.hiddenBefore("ip 10.0.12.7", 11)).as("an address").isFalse();
        assertThat(MaskedShape.hiddenBefore("x 2024-03-05", 10)).as("a mask char too far").isFalse();
    }

    @Test
    void readingTheHiddenPartFirstTakesAnXBeforeShownLettersAsAMask() {
        MaskedShape curp = MaskedShape.of("AAAA999999AAAAAA99", 4);
        assertThat(curp.startEndingAt("XXXXXXXXXXXXXXPR09", 18)).as("the last X read as shown: five").isEqualTo(-1);
        assertThat(curp.startEndingAtHiddenFirst("XXXXXXXXXXXXXXPR09", 18)).isZero();
        assertThat(curp.startEndingAtHiddenFirst("**************PR09", 18)).isZero();
        // the same rule as startEndingAt otherwise: five shown, shown after hidden, separators, nothing shown
        assertThat(curp.startEndingAtHiddenFirst("*************RPR09", 18)).isEqualTo(-1);
        assertThat(curp.startEndingAtHiddenFirst("*************R*R09", 18)).isEqualTo(-1);
        assertThat(curp.startEndingAtHiddenFirst("******************", 18)).isEqualTo(-1);
        assertThat(SIN.startEndingAtHiddenFirst("***-***-782", 11)).isZero();
        assertThat(SIN.startEndingAtHiddenFirst("*** ***-782", 11)).isEqualTo(-1);
        assertThat(SIN.startEndingAtHiddenFirst("-782", 4)).isEqualTo(-1);
        // where a shown letter is a mask letter, only startEndingAt sees it: a detector tries both
        MaskedShape dni = MaskedShape.of("99999999A", 4);
        assertThat(dni.startEndingAtHiddenFirst("********X", 9)).isEqualTo(-1);
        assertThat(dni.startEndingAt("********X", 9)).isZero();
    }

    @Test
    void aShapeNeedsAShownCharacter() {
        assertThatThrownBy(() -> MaskedShape.of("999", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskedShape.of("", 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
