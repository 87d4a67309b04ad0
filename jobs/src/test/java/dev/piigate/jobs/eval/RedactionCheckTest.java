package dev.piigate.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.detectors.Finding;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.ConfigLoader;

/** The redaction check's span rule: a copy may differ from the original only inside allowed spans. */
class RedactionCheckTest {
    @ParameterizedTest(name = "{0} -> {1} with {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "card 4111 now|card <C> now|5-9|true",
        "card 4111 now|card <C> later|5-9|false",
        "card 4111 now|kard <C> now|5-9|false",
        "a X b Y c|a 1 b 2 c|2-3,6-7|true",
        "a X b Y c|a 1 c|2-3,6-7|false",
        "a X b Y c|a 1 b 2 c!|2-3,6-7|false",
        "X tail|<T> tail|0-1|true",
        "head X|head <T>|5-6|true",
        "head X|head <T> more|5-6|true",
        "same|same|0-0|true",
        "x X x|x <a>x<b> x|2-3|true",
        "xx|x|0-0|false",
    })
    void aCopyMayDifferOnlyInsideTheAllowedSpans(String original, String copy, String spans, boolean expected) {
        List<int[]> allowed = new ArrayList<>();
        for (String s : spans.split(",", -1)) {
            String[] p = s.split("-", -1);
            if (!p[0].equals(p[1])) {
                allowed.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
            }
        }
        assertThat(RedactionCheck.onlyInside(original, copy, allowed)).isEqualTo(expected);
    }

    /**
     * A look-alike the scan left alone next to a replaced phone number: the token no longer claims
     * the keyword "mobile", so the next round reads the number after it as a phone, and replaces
     * it; a copy that changed anything else is not explained.
     */
    @Test
    void aChangeOutsideTheOriginalSpansIsExplainedOnlyByALaterRound() {
        TextScanner scanner = TextScanner.create(
                ConfigLoader.parse("detectors:\n  phoneRegions: [US, GB, DE, FR, IN]\n", "test").detectors());
        String original = " mobile 0117 118 4002.  (1571759332  (ORD-6404888106, ";
        List<Finding> first = scanner.scan(original, Scorer.TEXT_FIELD);
        List<Scorer.Found> flagged = new ArrayList<>();
        for (Finding f : first) {
            flagged.add(new Scorer.Found(0, Scorer.TEXT_FIELD, f.start(), f.end(), f.type().name(), f.masked(),
                    f.testValue()));
        }
        assertThat(flagged).as("the scan flags the phone number only").hasSize(1);
        assertThat(RedactionCheck.laterRound(original, " mobile <PHONE_NUMBER>.  <PHONE_NUMBER>  (ORD-6404888106, ",
                flagged, scanner)).isEqualTo(2);
        assertThat(RedactionCheck.laterRound(original, " mobile <PHONE_NUMBER>.  <PHONE_NUMBER>  (ORD-64, ",
                flagged, scanner)).isZero();
    }
}
