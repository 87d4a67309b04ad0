package dev.piigate.detectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.piigate.detectors.AllowList;
import dev.piigate.detectors.TextScanner;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.IBANValidatorStatus;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark inputs honest: the generators are deterministic, sized as documented, and
 * the PII-dense text really holds valid values at the stated density while the prose holds none.
 * Not a timing test.
 */
class BenchTextTest {
    private static final long SEED = 42;

    @Test
    void everyTextIsDeterministicAndSized() {
        for (BenchText kind : BenchText.values()) {
            String first = kind.generate();
            assertThat(kind.generate()).as(kind.param()).isEqualTo(first);
            assertThat(BenchText.utf8Bytes(first)).as(kind.param()).isBetween(1_000_000, 4_000_000);
            assertThat(BenchText.fromParam(kind.param())).isEqualTo(kind);
        }
    }

    @Test
    void checkDigitHelpersAgreeWithPublishedValues() {
        assertThat(ValidValues.luhnValid("79927398713")).isTrue();
        assertThat(ValidValues.luhnValid("79927398710")).isFalse();
        assertThat(ValidValues.luhnValid("4111111111111111")).isTrue();
        assertThat(ValidValues.mod97("370400440532013000DE00")).isEqualTo(98 - 89);
        assertThat(ValidValues.ibanValid("DE89370400440532013000")).isTrue();
        assertThat(ValidValues.ibanValid("GB82WEST12345698765432")).isTrue();
        assertThat(ValidValues.ibanValid("GB82WEST12345698765433")).isFalse();
        Random random = new Random(SEED);
        for (int i = 0; i < 1000; i++) {
            String iban = ValidValues.iban(random);
            assertThat(ValidValues.ibanValid(iban)).as(iban).isTrue();
            assertThat(IBANValidator.getInstance().validate(iban)).as(iban).isEqualTo(IBANValidatorStatus.VALID);
            assertThat(ValidValues.luhnValid(ValidValues.cardDigits(random))).isTrue();
        }
    }

    @Test
    void proseHoldsNoCandidatesAndNothingTheScannerFolds() {
        String prose = BenchText.PROSE.generate();
        assertThat(prose).doesNotContain("@");
        assertThat(longestDigitRun(prose)).isLessThanOrEqualTo(4);
        assertThat(prose.chars().anyMatch(c -> c >= 0x80)).as("some typographic characters").isTrue();
        // Em dashes, no-break spaces and fullwidth forms would make ScanText copy the whole text.
        assertThat(prose).doesNotContain("\u2014", "\u2013", "\u00A0", "\u2009");
        assertThat(prose.chars().noneMatch(c -> c >= 0xFF01 && c <= 0xFF5E)).isTrue();
        assertThat(new RegexBaseline(List.of("US")).scan(prose).total()).isZero();
    }

    @Test
    void logsAreDigitHeavyWithoutAddresses() {
        String logs = BenchText.LOGS.generate();
        long digits = logs.chars().filter(c -> c >= '0' && c <= '9').count();
        assertThat((double) digits / logs.length()).isGreaterThan(0.3);
        assertThat(logs).doesNotContain("@");
    }

    @Test
    void piiTextHoldsValidValuesAtTheStatedDensity() {
        PiiText.Generated pii = PiiText.generate(SEED, 500_000);
        double charsPerValue = (double) pii.text().length() / pii.total();
        assertThat(charsPerValue).isBetween(100.0, 200.0);
        assertThat(pii.planted()).containsOnlyKeys(PiiText.CARD, PiiText.SSN, PiiText.IBAN, PiiText.PHONE,
                PiiText.EMAIL, PiiText.MASKED);
        assertThat(pii.planted().values()).allMatch(n -> n > 50);

        // A plain check, independent of any detector: Luhn-valid 16-digit numbers written as four
        // groups of four (one separator or none), not inside an IBAN's print form.
        Pattern sixteen = Pattern.compile("(?<![A-Z0-9][ -]?)(?<![\\w-])\\d{4}([ -]?)\\d{4}\\1\\d{4}\\1\\d{4}(?![ -]?\\d)");
        int luhnValid = 0;
        Matcher m = sixteen.matcher(pii.text());
        while (m.find()) {
            if (ValidValues.luhnValid(m.group().replaceAll("[ -]", ""))) {
                luhnValid++;
            }
        }
        long planted16 = pii.cardDigits().stream().filter(d -> d.length() == 16).count();
        assertThat(pii.cardDigits()).allMatch(ValidValues::luhnValid);
        assertThat(planted16).isGreaterThan(100);
        assertThat(luhnValid).isEqualTo(planted16);

        // The baseline finds what was planted (it must not look fast because it is broken).
        RegexBaseline.Counts found = new RegexBaseline(List.of("US")).scan(pii.text());
        assertThat(found.cards()).isGreaterThanOrEqualTo(pii.planted().get(PiiText.CARD));
        assertThat(found.ibans()).isEqualTo(pii.planted().get(PiiText.IBAN));
        assertThat(found.ssns()).isGreaterThanOrEqualTo(pii.planted().get(PiiText.SSN));
        assertThat(found.emails()).isGreaterThanOrEqualTo(pii.planted().get(PiiText.EMAIL));
        // US numbers, +44 numbers; UK national-form numbers are invalid for region US.
        assertThat(found.phones()).isGreaterThan(pii.planted().get(PiiText.PHONE) * 8 / 10);
    }

    @Test
    void trivialDetectorFindsThePlainCards() {
        PiiText.Generated pii = PiiText.generate(SEED, 200_000);
        TextScanner scanner = new TextScanner(List.of(new DigitRunDetector()), AllowList.empty());
        assertThat(scanner.scan(pii.text())).isNotEmpty();
    }

    private static int longestDigitRun(String s) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = Character.isDigit(s.charAt(i)) ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
