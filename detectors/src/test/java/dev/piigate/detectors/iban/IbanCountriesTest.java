package dev.piigate.detectors.iban;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.checkdigit.CheckDigitException;
import org.apache.commons.validator.routines.checkdigit.IBANCheckDigit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every country of Commons Validator's IBAN table: a generated valid IBAN is found in electronic,
 * print and lower-case form and masked, and every single-digit substitution is rejected. Commons
 * Validator is the oracle: the generated values must be valid for it, the substituted ones not.
 */
class IbanCountriesTest {
    private static final IbanDetector DETECTOR = new IbanDetector();
    private static final IBANValidator COMMONS = IBANValidator.getInstance();
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";

    static Stream<String> countries() {
        TreeSet<String> codes = new TreeSet<>();
        for (IBANValidator.Validator v : COMMONS.getDefaultValidators()) {
            for (Pattern p : v.getRegexValidator().getPatterns()) {
                codes.add(p.pattern().substring(0, 2));
            }
        }
        return codes.stream();
    }

    @Test
    void tableHoldsEveryCountryOfCommonsValidator() {
        assertThat(IbanFormats.countries()).containsExactlyElementsOf(countries().toList());
        assertThat(IbanFormats.countries()).hasSizeGreaterThanOrEqualTo(89 + 16);
        assertThat(IbanFormats.MIN_LENGTH).isEqualTo(15);
        assertThat(IbanFormats.MAX_LENGTH).isLessThanOrEqualTo(34);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("countries")
    void generatedIbanIsFoundInEveryForm(String country) {
        String iban = generate(country, new Random(country.hashCode()));
        assertThat(COMMONS.isValid(iban)).as("Commons Validator accepts %s-format value", country).isTrue();

        for (String form : List.of(iban, print(iban), print(iban).toLowerCase(Locale.ROOT))) {
            String text = "account: " + form + ", thanks";
            Recorder r = Recorder.run(DETECTOR, text);
            assertThat(r.findings).as(country).singleElement().satisfies(f -> {
                assertThat(f.start()).isEqualTo(9);
                assertThat(f.end()).isEqualTo(9 + form.length());
                assertThat(f.isUnmasked()).isTrue();
                assertThat(f.type()).isEqualTo(EntityType.IBAN);
            });
        }
        String masked = iban.substring(0, 4) + "*".repeat(iban.length() - 8) + iban.substring(iban.length() - 4);
        assertThat(Recorder.run(DETECTOR, print(masked)).findings).as(country).singleElement()
                .satisfies(f -> assertThat(f.masked()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("countries")
    void everySingleDigitSubstitutionIsRejected(String country) {
        String iban = generate(country, new Random(country.hashCode() * 31L));
        int checked = 0;
        for (int i = 2; i < iban.length(); i++) {
            char original = iban.charAt(i);
            if (!Character.isDigit(original)) {
                continue;
            }
            for (char d = '0'; d <= '9'; d++) {
                if (d == original) {
                    continue;
                }
                String changed = iban.substring(0, i) + d + iban.substring(i + 1);
                assertThat(COMMONS.isValid(changed)).isFalse();
                Recorder r = Recorder.run(DETECTOR, changed);
                assertThat(r.findings).as("%s position %d", country, i).isEmpty();
                assertThat(r.rejections).as("%s position %d", country, i).singleElement()
                        .satisfies(rej -> assertThat(rej.reason()).isEqualTo(RejectReason.INVALID_CHECKSUM));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(9 * 2);
    }

    @Property(tries = 500)
    void anyValidIbanIsFoundAndAdjacentTranspositionsAreNot(@ForAll("ibans") String iban, @ForAll("positions") int at) {
        Recorder valid = Recorder.run(DETECTOR, "IBAN " + print(iban) + ".");
        assertThat(valid.findings).singleElement().satisfies(f -> assertThat(f.isUnmasked()).isTrue());

        int i = 2 + at % (iban.length() - 3);
        char a = iban.charAt(i);
        char b = iban.charAt(i + 1);
        if (a != b && Character.isDigit(a) && Character.isDigit(b)) {
            String swapped = iban.substring(0, i) + b + a + iban.substring(i + 2);
            assertThat(Recorder.run(DETECTOR, "IBAN " + swapped + ".").findings).isEmpty();
        }
    }

    @Provide
    Arbitrary<String> ibans() {
        List<String> codes = IbanFormats.countries();
        return Combinators.combine(Arbitraries.of(codes), Arbitraries.longs())
                .as((country, seed) -> generate(country, new Random(seed)))
                // four X letters in a row read as a mask once a transposition breaks the checksum
                .filter(iban -> !iban.contains("XXXX"));
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 1000);
    }

    /** A random BBAN of the country's format with correct check digits. */
    static String generate(String country, Random random) {
        byte[] format = IbanFormats.format(country.charAt(0), country.charAt(1));
        StringBuilder bban = new StringBuilder();
        for (int i = 4; i < format.length; i++) {
            String pool = switch (format[i]) {
                case IbanFormats.DIGIT -> DIGITS;
                case IbanFormats.LETTER -> LETTERS;
                default -> DIGITS + LETTERS;
            };
            bban.append(pool.charAt(random.nextInt(pool.length())));
        }
        try {
            String check = IBANCheckDigit.IBAN_CHECK_DIGIT.calculate(country + "00" + bban);
            return country + check + bban;
        } catch (CheckDigitException e) {
            throw new IllegalStateException(e);
        }
    }

    static String print(String iban) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(iban, i, Math.min(iban.length(), i + 4));
        }
        return sb.toString();
    }
}
