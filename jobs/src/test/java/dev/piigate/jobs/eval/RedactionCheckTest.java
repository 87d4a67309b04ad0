package dev.piigate.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
