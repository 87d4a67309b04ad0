package dev.piigate.detectors.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.detectors.redaction.Redactor.Style;

class RedactorTest {
    private static final EntityType CARD = EntityType.CREDIT_CARD_NUMBER;
    private static final EntityType PHONE = EntityType.PHONE_NUMBER;
    private static final EntityType EMAIL = EntityType.EMAIL_ADDRESS;
    private static final Fingerprinter KEY = new Fingerprinter("redactor-test-key-0123".getBytes(StandardCharsets.UTF_8));

    /** The finding of {@code value} in {@code text} (its first occurrence). */
    private static Finding at(String text, String value, EntityType type, double confidence) {
        int start = text.indexOf(value);
        assertThat(start).as("the value is in the text").isNotNegative();
        return new Finding(type, start, start + value.length(), "test_v1", confidence, false, false);
    }

    private static Redactor redactor(Style style) {
        return new Redactor(style, Map.of(), KEY);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "type | Pay with 4539 1488 0343 6467 today. | 4539 1488 0343 6467 | Pay with <CREDIT_CARD_NUMBER> today.",
        "mask | Pay with 4539 1488 0343 6467 today. | 4539 1488 0343 6467 | Pay with **** **** **** 6467 today.",
        "mask | card=4539-1488-0343-6467& | 4539-1488-0343-6467 | card=****-****-****-6467&",
        "mask | ssn 123-45-6789. | 123-45-6789 | ssn ***-**-6789.",
        "mask | code AB12-C | AB12-C | code ****-*",
        "mask | \"4539148803436467\" | 4539148803436467 | \"************6467\"",
    })
    void replacesTheValueAndNothingElse(String style, String text, String value, String expected) {
        Redactor.Redacted r = redactor(Style.named(style)).redact(text, List.of(at(text, value, CARD, 0.9)));

        assertThat(r.text()).isEqualTo(expected);
        assertThat(r.replaced()).isEqualTo(Map.of(CARD, 1));
        assertThat(r.total()).isEqualTo(1);
    }

    @Test
    void maskCountsASurrogatePairAsOneLetter() {
        String text = "id \uD835\uDC00\uD835\uDC01BCDEFGH9 end"; // two mathematical bold letters, then ASCII
        String value = text.substring(3, text.length() - 4);
        Redactor.Redacted r = redactor(Style.MASK).redact(text, List.of(at(text, value, CARD, 0.9)));

        assertThat(r.text()).isEqualTo("id ******FGH9 end");
    }

    @Test
    void hashGivesOneTokenPerValueWhateverItsSeparatorsAndAnotherPerKey() {
        String a = "a 4539 1488 0343 6467 b";
        String b = "c 4539-1488-0343-6467 d";
        String tokenA = redactor(Style.HASH).redact(a, List.of(at(a, "4539 1488 0343 6467", CARD, 0.9))).text();
        String tokenB = redactor(Style.HASH).redact(b, List.of(at(b, "4539-1488-0343-6467", CARD, 0.9))).text();
        String otherKey = new Redactor(Style.HASH, Map.of(), new Fingerprinter(
                "another-key-0123456789".getBytes(StandardCharsets.UTF_8)))
                .redact(a, List.of(at(a, "4539 1488 0343 6467", CARD, 0.9))).text();

        assertThat(tokenA).matches("a <CREDIT_CARD_NUMBER:[a-p]{16}> b");
        assertThat(tokenA.substring(2, tokenA.length() - 2)).isEqualTo(tokenB.substring(2, tokenB.length() - 2));
        assertThat(otherKey).matches("a <CREDIT_CARD_NUMBER:[a-p]{16}> b").isNotEqualTo(tokenA);
    }

    @Test
    void hashOfAnEmailAddressIgnoresCase() {
        String a = "to Alice.Smith@Example.com now";
        String b = "to alice.smith@example.com now";
        assertThat(redactor(Style.HASH).redact(a, List.of(at(a, "Alice.Smith@Example.com", EMAIL, 0.9))).text())
                .isEqualTo(redactor(Style.HASH).redact(b, List.of(at(b, "alice.smith@example.com", EMAIL, 0.9))).text());
    }

    @Test
    void overlappingFindingsAreOneValueNamedByTheMostConfident() {
        String text = "call 4539148803436467 now";
        Finding card = at(text, "4539148803436467", CARD, 0.95);
        Finding phone = at(text, "39148803436467", PHONE, 0.6);

        Redactor.Redacted r = redactor(Style.TYPE).redact(text, List.of(card, phone));

        assertThat(r.text()).isEqualTo("call <CREDIT_CARD_NUMBER> now");
        assertThat(r.replaced()).isEqualTo(Map.of(CARD, 1));
    }

    @Test
    void maskedAndTestValuesStayAsTheyAre() {
        String text = "masked ****-****-****-1234, test 4111 1111 1111 1111, real 4539 1488 0343 6467";
        Finding masked = new Finding(CARD, 7, 26, "test_v1", 0.9, true, false);
        Finding test = new Finding(CARD, 33, 52, "test_v1", 0.9, false, true);
        Finding real = at(text, "4539 1488 0343 6467", CARD, 0.9);

        Redactor.Redacted r = redactor(Style.TYPE).redact(text, List.of(masked, test, real));

        assertThat(r.text()).isEqualTo("masked ****-****-****-1234, test 4111 1111 1111 1111, real <CREDIT_CARD_NUMBER>");
        assertThat(r.total()).isEqualTo(1);
    }

    @Test
    void aTypeOverridesTheDefaultStyle() {
        String text = "4539 1488 0343 6467 or +1 415 555 0134";
        Redactor r = new Redactor(Style.TYPE, Map.of(PHONE, Style.MASK), null);

        Redactor.Redacted out = r.redact(text, List.of(at(text, "4539 1488 0343 6467", CARD, 0.9),
                at(text, "+1 415 555 0134", PHONE, 0.9)));

        assertThat(out.text()).isEqualTo("<CREDIT_CARD_NUMBER> or +* *** *** 0134");
        assertThat(out.replaced()).isEqualTo(Map.of(CARD, 1, PHONE, 1));
        assertThat(r.styleOf(PHONE)).isEqualTo(Style.MASK);
        assertThat(r.styleOf(EMAIL)).isEqualTo(Style.TYPE);
    }

    /** The token names its type: "DATE_OF_BIRTH" is a keyword for the date after it in the copy. */
    @Test
    void untilCleanRedactsWhatAReplacementMadeAValue() {
        TextScanner scanner = TextScanner.create(DetectorSettings.defaults());
        String text = "14/03/1987 (DOB), joined 01/06/2015";
        List<Finding> found = scanner.scan(text);
        String once = redactor(Style.TYPE).redact(text, found).text();
        assertThat(once).isEqualTo("<DATE_OF_BIRTH> (DOB), joined 01/06/2015");
        assertThat(scanner.scan(once)).anyMatch(Finding::isUnmasked);

        Redactor.Redacted r = redactor(Style.TYPE).redactUntilClean(scanner, text, null, found).orElseThrow();

        assertThat(r.text()).isEqualTo("<DATE_OF_BIRTH> (DOB), joined <DATE_OF_BIRTH>");
        assertThat(r.replaced()).isEqualTo(Map.of(new EntityType("DATE_OF_BIRTH"), 2));
        assertThat(scanner.scan(r.text())).noneMatch(Finding::isUnmasked);
    }

    @Test
    void noFindingsGivesTheSameText() {
        String text = "nothing here";
        assertThat(redactor(Style.TYPE).redact(text, List.of()).text()).isSameAs(text);
    }

    @Test
    void hashWithoutAKeyAndFindingsOfAnotherTextAreErrorsWithoutValues() {
        assertThatThrownBy(() -> new Redactor(Style.TYPE, Map.of(EMAIL, Style.HASH), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the hash style needs a fingerprint key");
        Finding tooFar = new Finding(CARD, 2, 40, "test_v1", 0.9, false, false);
        assertThatThrownBy(() -> redactor(Style.TYPE).redact("4539 1488 0343 6467", List.of(tooFar)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a finding reaches past the text: findings of another text");
    }

    @Test
    void stylesByTheirConfigurationNames() {
        assertThat(Style.named("type")).isEqualTo(Style.TYPE);
        assertThat(Style.named("mask")).isEqualTo(Style.MASK);
        assertThat(Style.named("hash")).isEqualTo(Style.HASH);
        assertThat(Style.named("HASH")).isNull();
        assertThat(Style.HASH.configName()).isEqualTo("hash");
    }
}
