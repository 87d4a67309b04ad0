package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Keywords#startsLatin1} answers as the char loop ({@link Keywords#starts}) wherever it answers. */
class KeywordsStartsTest {
    private static final String CHARS = "aAbBcCdDsSnNzZ09 -_.,:/#@()\t\n'éÉß";

    @Test
    void theEightCharPassFindsTheStartsOfTheCharLoop() {
        List<Keywords> lists = List.of(Keywords.of("ssn", "social security number", "soc sec"),
                Keywords.of("card", "cc number", "Visa"), Keywords.of("dob", "date of birth", "born on"),
                Keywords.of("nino", "national insurance"));
        Random random = new Random(11);
        byte[] bytes = new byte[64];
        int answered = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(150);
            boolean ascii = random.nextInt(4) != 0;
            for (int i = 0; i < length; i++) {
                char c = CHARS.charAt(random.nextInt(ascii ? CHARS.length() - 3 : CHARS.length()));
                sb.append(random.nextInt(50) == 0 ? '\u4e2d' : c);
            }
            String text = sb.toString();
            int base = random.nextInt(text.length());
            int end = Math.min(text.length(), base + 1 + random.nextInt(64));
            for (Keywords list : lists) {
                long fast = list.startsLatin1(text, base, end, bytes);
                if (fast != -1) {
                    answered++;
                    assertThat(fast).as("%s [%d, %d) of %s", list, base, end, text).isEqualTo(list.starts(text, base, end));
                }
            }
        }
        assertThat(answered).isGreaterThan(20_000);
    }
}
