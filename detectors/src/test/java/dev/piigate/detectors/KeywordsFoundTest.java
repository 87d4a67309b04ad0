package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keyword look-ups that keep what they found in the {@link ScanText} (the detectors' path)
 * answer exactly as the ones that read the window every time, whatever order the windows are
 * asked in: forward as a detector walks its candidates, backward, and shuffled (so the kept
 * range is extended, started again and trimmed), at every position and several distances.
 */
class KeywordsFoundTest {
    /**
     * Every case the matcher has: word boundaries, camelCase, '_' '-' '.' '+' for a space, CJK,
     * case, the Kelvin sign, which lower-cases to an ASCII 'k', and a Cyrillic keyword glued to a word.
     */
    private static final String PIECE = "Card number 4111, socialSecurity: 12, SSNValue ss# 7 カード番号1234 cardNumber "
            + "phoneNo PhD tel:+1 card_number card-Number lessness CARD  number #id 5 id#6 social+security "
            + "x".repeat(40) + " x tel.\tcardholder mobileTel 电话号码 s\u212Aip мобтелефон телефон ";
    /** Longer than a word-start block (1024 chars) and than what is kept behind a look. */
    private static final String TEXT = PIECE.repeat(30);

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of(Keywords.of("card", "card number", "cardholder", "social security", "ssn", "ss#", "tel",
                        "phone", "mobile", "カード番号", "电话", "skip", "телефон")),
                // Keywords starting with a non-letter, and one of a single char.
                Arguments.of(Keywords.of("#id", "id#", "card", "number")),
                Arguments.of(Keywords.of("x")));
    }

    @ParameterizedTest
    @MethodSource("lists")
    void keptLookupsAnswerAsWindowReads(Keywords keywords) {
        for (String order : List.of("forward", "backward", "shuffled")) {
            ScanText text = ScanText.of(TEXT);
            String t = text.text();
            List<Integer> positions = new ArrayList<>();
            for (int p = 0; p <= t.length(); p++) {
                positions.add(p);
            }
            if (order.equals("backward")) {
                Collections.reverse(positions);
            } else if (order.equals("shuffled")) {
                Collections.shuffle(positions, new Random(16));
            }
            int found = 0;
            for (int p : positions) {
                for (int distance : new int[] {0, 3, 30, 120}) {
                    Keywords.Hit before = keywords.nearestBefore(t, p, distance);
                    Keywords.Hit after = keywords.nearestAfter(t, p, distance);
                    assertThat(keywords.nearestBefore(text, p, distance)).as("%s before %d, %d", order, p, distance)
                            .isEqualTo(before);
                    assertThat(keywords.nearestAfter(text, p, distance)).as("%s after %d, %d", order, p, distance)
                            .isEqualTo(after);
                    found += before == null ? 0 : 1;
                }
            }
            assertThat(found).as("the text holds keywords to find").isPositive();
        }
    }
}
