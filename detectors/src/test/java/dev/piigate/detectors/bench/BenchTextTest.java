package dev.piigate.detectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.piigate.detectors.AllowList;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
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
            // The generators stop at the first block past the target: MB/s figures are per ~2 MB.
            assertThat(first.length()).as(kind.param()).isBetween(BenchText.TARGET_CHARS, BenchText.TARGET_CHARS + 10_000);
            assertThat(BenchText.utf8Bytes(first)).as(kind.param()).isBetween(first.length(), first.length() * 21 / 20);
            assertThat(BenchText.fromParam(kind.param())).isEqualTo(kind);
        }
    }

    /**
     * What the built-in detectors (default settings, as the bench runs them) find in each text: in
     * the PII text every planted card, SSN, IBAN and e-mail exactly once, most phone numbers (UK
     * numbers in national form are not numbers for the default region, US), masked forms as masked,
     * and no other type; in the prose nothing; in the logs only IP addresses, though they hold
     * Luhn-valid epoch times, order ids, dates and UUIDs.
     */
    @Test
    void theDetectorsFindWhatEachTextHolds() {
        TextScanner scanner = TextScanner.create(DetectorSettings.defaults());

        PiiText.Generated pii = BenchText.pii();
        assertThat(pii.text()).isEqualTo(BenchText.PII.generate());
        Map<String, Integer> found = counts(scanner.scan(pii.text()));
        Map<String, Integer> planted = pii.planted();
        assertThat(found.get("CREDIT_CARD_NUMBER")).isEqualTo(planted.get(PiiText.CARD));
        assertThat(found.get("USA_SOCIAL_SECURITY_NUMBER")).isEqualTo(planted.get(PiiText.SSN));
        assertThat(found.get("IBAN")).isEqualTo(planted.get(PiiText.IBAN));
        assertThat(found.get("EMAIL_ADDRESS")).isEqualTo(planted.get(PiiText.EMAIL));
        assertThat(found.get("PHONE_NUMBER")).isBetween(planted.get(PiiText.PHONE) * 85 / 100, planted.get(PiiText.PHONE));
        int masked = 0;
        for (String type : List.of("CREDIT_CARD_NUMBER", "USA_SOCIAL_SECURITY_NUMBER", "EMAIL_ADDRESS", "PHONE_NUMBER")) {
            assertThat(found.get(type + "/masked")).as(type + " masked").isGreaterThan(50);
            masked += found.get(type + "/masked");
        }
        // Redaction tokens and "card ending in 1234" name no value: fewer masked findings than masked lines.
        assertThat(masked).isLessThanOrEqualTo(planted.get(PiiText.MASKED));
        assertThat(found.keySet()).containsOnly("CREDIT_CARD_NUMBER", "CREDIT_CARD_NUMBER/masked",
                "USA_SOCIAL_SECURITY_NUMBER", "USA_SOCIAL_SECURITY_NUMBER/masked", "IBAN", "IBAN/masked",
                "EMAIL_ADDRESS", "EMAIL_ADDRESS/masked", "PHONE_NUMBER", "PHONE_NUMBER/masked");

        assertThat(scanner.scan(BenchText.PROSE.generate())).isEmpty();

        String logs = BenchText.LOGS.generate();
        Map<String, Integer> inLogs = counts(scanner.scan(logs));
        assertThat(inLogs.keySet()).containsOnly("IP_ADDRESS", "IP_ADDRESS/test");
        assertThat(inLogs.get("IP_ADDRESS") + inLogs.get("IP_ADDRESS/test")).isGreaterThan(1000);
        // the hard negatives are there: standalone 13-19 digit runs that pass Luhn, none of them a card
        assertThat(new TextScanner(List.of(new DigitRunDetector()), AllowList.empty()).scan(logs)).hasSizeGreaterThan(100);
    }

    private static Map<String, Integer> counts(List<Finding> findings) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Finding f : findings) {
            counts.merge(f.type().name() + (f.masked() ? "/masked" : "") + (f.testValue() ? "/test" : ""), 1, Integer::sum);
        }
        return counts;
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

    /**
     * The harness check detector finds exactly the cards written as one run of digits: every
     * standalone run of 13-19 digits in the PII text is a planted card (order ids, amounts and
     * phones are shorter; an IBAN's digits are glued to its letters), and each is found once.
     */
    @Test
    void trivialDetectorFindsThePlainCards() {
        PiiText.Generated pii = PiiText.generate(SEED, 200_000);
        String text = pii.text();
        List<String> plain = new ArrayList<>();
        Matcher run = Pattern.compile("(?<![\\p{L}\\p{N}])\\d{13,19}(?![\\p{L}\\p{N}])").matcher(text);
        while (run.find()) {
            plain.add(run.group());
        }
        assertThat(pii.cardDigits()).containsAll(plain);
        // about 7 of 20 cards are written without separators
        assertThat(plain.size()).isBetween(pii.cardDigits().size() / 4, pii.cardDigits().size() / 2);
        TextScanner scanner = new TextScanner(List.of(new DigitRunDetector()), AllowList.empty());
        List<String> found = scanner.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
        assertThat(found).containsExactlyElementsOf(plain);
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
