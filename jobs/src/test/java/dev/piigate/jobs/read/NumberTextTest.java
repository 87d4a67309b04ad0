package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link NumberText} against BigDecimal, which reads the same grammar exactly, on random number texts. */
class NumberTextTest {
    @Test
    void theIntegerAndWhetherThatIsAllAreBigDecimalsOnRandomNumbers() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String text = randomNumber(random);
            NumberText.Decimal decimal = NumberText.parse(text);
            BigDecimal exact = new BigDecimal(text.strip());
            if (!text.contains(".") && !text.contains("e") && !text.contains("E")) {
                assertThat(decimal).as(text).isNull();
                continue;
            }
            assertThat(decimal).as(text).isNotNull();
            assertThat(new BigDecimal(decimal.integer())).as(text).isEqualTo(new BigDecimal(exact.toBigInteger()));
            assertThat(decimal.integral()).as(text).isEqualTo(exact.signum() == 0 || exact.stripTrailingZeros().scale() <= 0);
        }
    }

    /** Sign, 0-20 integer digits (some zeros in front), an optional point and fraction, an optional exponent. */
    private static String randomNumber(Random random) {
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(4) == 0) {
            sb.append(random.nextBoolean() ? '-' : '+');
        }
        int intDigits = random.nextInt(21);
        int fracDigits = random.nextInt(4) == 0 ? -1 : random.nextInt(20);
        if (intDigits == 0 && fracDigits <= 0) {
            intDigits = 1;
        }
        for (int k = 0; k < intDigits; k++) {
            sb.append(k == 0 && random.nextInt(5) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
        }
        if (fracDigits >= 0) {
            sb.append('.');
            for (int k = 0; k < fracDigits; k++) {
                // Trailing zeros often, so integral values with a fraction come up.
                sb.append(random.nextInt(3) == 0 ? (char) ('0' + random.nextInt(10)) : '0');
            }
        }
        if (random.nextBoolean()) {
            sb.append(random.nextBoolean() ? 'e' : 'E');
            int e = random.nextInt(61) - 30;
            sb.append(e < 0 ? "-" : random.nextBoolean() ? "+" : "").append(Math.abs(e));
        }
        return random.nextInt(10) == 0 ? " " + sb + " " : sb.toString();
    }

    @Test
    void notNumbersAreNull() {
        for (String text : new String[] {"", " ", ".", "-", "e5", "1e", "1e+", "1.2.3", "1,0", "0x1p3", "NaN", "Infinity",
            "1.0 paid", "4550112159504165", "--1.0", "1.0e5.0", "١.٠"}) {
            assertThat(NumberText.parse(text)).as(text).isNull();
        }
    }

    @Test
    void aDoubleIsWrittenAsTheExactIntegerItHoldsOrItsShortestDecimal() {
        assertThat(NumberText.plain(4550112159504165.0)).isEqualTo("4550112159504165");
        assertThat(NumberText.plain(1.0E19)).isEqualTo("10000000000000000000");
        assertThat(NumberText.plain(9007199254740993.0)).isEqualTo("9007199254740992");
        assertThat(NumberText.plain(287654321.5)).isEqualTo("287654321.5");
        assertThat(NumberText.plain(1.0E-7)).isEqualTo("0.00000010");
        assertThat(NumberText.plain(-0.0)).isEqualTo("0");
        assertThat(NumberText.plain(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(NumberText.plain(0.1f)).isEqualTo("0.1");
        assertThat(NumberText.plain(16777216f)).isEqualTo("16777216");
        assertThat(NumberText.plain(1.0E20f)).isEqualTo("100000002004087734272");
    }
}
