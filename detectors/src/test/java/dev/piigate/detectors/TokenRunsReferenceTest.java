package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The prefilter's masked, chunked pass against a plain reading of its rule. */
class TokenRunsReferenceTest {

    /** The rule as written in TokenRuns' comment, one branch at a time. */
    private static List<String> reference(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (!isToken(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean punct = false;
            boolean colon = false;
            int capitals = 0;
            while (i < s.length() && isToken(s.charAt(i))) {
                char c = s.charAt(i);
                punct |= !Character.isLetter(c);
                colon |= c == ':';
                capitals += c >= 'A' && c <= 'Z' ? 1 : 0;
                i++;
            }
            int len = i - start;
            if (len >= TokenRuns.MIN_LENGTH && (punct || capitals >= 2) || len >= TokenRuns.MIN_COLON_LENGTH && colon) {
                out.add(start + "-" + i);
            }
        }
        return out;
    }

    private static boolean isToken(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "+/=_-.:@%~".indexOf(c) >= 0);
    }

    private static List<String> fast(String s) {
        TokenRuns runs = TokenRuns.of(s);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < runs.count(); i++) {
            out.add(runs.start(i) + "-" + runs.end(i));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-----BEGIN RSA                 | 0-10",
        "Authorization: Basic           | 0-14",
        "see ftp://u:p now              | 4-13",
        "Understanding everything       | ''",
        "HelloWorld is                  | 0-10",
        "Helloworld is                  | ''",
        "a:b:c                          | ''",
        "eyJhbGciOi.x                   | 0-12",
        "ünïcødé1234567890              | 7-17",
        "ends with a run ghp_0123456789 | 16-30",
    })
    void examples(String text, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(fast(text.strip())).isEqualTo(want).isEqualTo(reference(text.strip()));
    }

    @Test
    void randomTextsAgreeWithTheReference() {
        String alphabet = "aaaaeeiiooubcdfgklmnrstAZKQ0123456789  \n\t+/=_-.:@%~!#$&*,;\"'()ü漢\u200B";
        Random random = new Random(20261203);
        for (int round = 0; round < 3000; round++) {
            int length = random.nextInt(round % 10 == 0 ? 20_000 : 200);
            StringBuilder sb = new StringBuilder(length);
            for (int k = 0; k < length; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertThat(fast(s)).as("round %d", round).isEqualTo(reference(s));
        }
    }

    @Test
    void runsAcrossChunkEdgesAreWhole() {
        String run = "x" + "A1".repeat(40);
        for (int pad = 4000; pad < 4200; pad += 7) {
            String s = " ".repeat(pad) + run + " " + "ab ".repeat(3000) + run;
            assertThat(fast(s)).as("pad %d", pad).isEqualTo(reference(s)).hasSize(2);
        }
    }
}
