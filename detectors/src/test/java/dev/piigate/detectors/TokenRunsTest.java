package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The credential prefilter: the same runs as the rule read plainly, across chunk borders too. */
class TokenRunsTest {

    @Test
    void runsThatCouldHoldACredentialAndNoPlainWords() {
        String text = "The quick brownish fox token=ghp_abc AKIAIOSFODNN7EXAMPLE ftp://u:p "
                + "extraordinary McDonaldsCo a:b 2026-12-03 Authorization: Basic";
        assertThat(runs(TokenRuns.of(text), text)).containsExactly("token=ghp_abc", "AKIAIOSFODNN7EXAMPLE",
                "ftp://u:p", "McDonaldsCo", "2026-12-03", "Authorization:");
    }

    @Property(tries = 300)
    void sameRunsAsThePlainRule(@ForAll long seed, @ForAll @IntRange(min = 0, max = 9000) int length) {
        Random r = new Random(seed);
        String chars = "aaaaaeeeiioouu        bcdfghklmnrstABCDEZ0123456789_-.:/=+@%~,;\"'()\u00e9\u4e2d\n";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        String text = sb.toString();
        assertThat(runs(TokenRuns.of(text), text)).isEqualTo(plainRule(text));
    }

    @Test
    void aRunAtTheEndAndOneAcrossTheChunkBorderAreKept() {
        String text = "x".repeat(4090) + " " + "abc-def-ghi-jkl" + " word " + "tail_1234567";
        assertThat(runs(TokenRuns.of(text), text)).containsExactly("abc-def-ghi-jkl", "tail_1234567");
        assertThat(TokenRuns.of("").count()).isZero();
    }

    private static List<String> runs(TokenRuns runs, String text) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < runs.count(); i++) {
            out.add(text.substring(runs.start(i), runs.end(i)));
        }
        return out;
    }

    /** The rule as the class comment states it, one char at a time. */
    private static List<String> plainRule(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (!isTokenChar(text.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            boolean mark = false;
            boolean colon = false;
            int capitals = 0;
            while (j < text.length() && isTokenChar(text.charAt(j))) {
                char c = text.charAt(j);
                mark |= !Character.isLetter(c);
                colon |= c == ':';
                capitals += c >= 'A' && c <= 'Z' ? 1 : 0;
                j++;
            }
            int len = j - i;
            if (len >= TokenRuns.MIN_LENGTH && (mark || capitals >= 2) || len >= TokenRuns.MIN_COLON_LENGTH && colon) {
                out.add(text.substring(i, j));
            }
            i = j;
        }
        return out;
    }

    private static boolean isTokenChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "+/=_-.:@%~".indexOf(c) >= 0);
    }
}
