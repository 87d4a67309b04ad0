package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.detectors.custom.CustomIdentifierDetector;

/** The shared machinery under every detector: normalisation, keywords, bounds, evidence, overlaps. */
class CoreTest {
    private static final String CARD = "4539 1488 0343 6467";

    @Test
    void asciiTextIsNotCopiedAndDigitRunsAreIndexedInOnePass() {
        String s = "order 12, card 4539-1488 at 9";
        ScanText t = ScanText.of(s);
        assertThat(t.text()).isSameAs(s);
        assertThat(t.isNormalised()).isFalse();
        assertThat(t.digitRunCount()).isEqualTo(4);
        assertThat(List.of(t.digitRunStart(0), t.digitRunEnd(0), t.digitRunStart(3), t.digitRunEnd(3)))
                .containsExactly(6, 8, 28, 29);
        assertThat(t.firstDigitRunAtOrAfter(9)).isEqualTo(1);
        assertThat(t.toString()).doesNotContain("4539");
    }

    @Test
    void fullwidthArabicAndOtherDigitsFoldToAsciiWithOffsetsKept() {
        String fullwidth = "card \uFF14\uFF15\uFF13\uFF19 \uFF11\uFF14\uFF18\uFF18";
        ScanText t = ScanText.of(fullwidth);
        assertThat(t.text()).isEqualTo("card 4539 1488");
        assertThat(t.toOriginal(5)).isEqualTo(5);
        String arabicIndic = "\u0664\u0665\u0663\u0669";
        assertThat(ScanText.of(arabicIndic).text()).isEqualTo("4539");
        String nbspAndDash = "4539\u00A01488\u20111234";
        assertThat(ScanText.of(nbspAndDash).text()).isEqualTo("4539 1488-1234");
    }

    @Test
    void supplementaryDigitsMapBackToTheirSurrogatePairs() {
        // MATHEMATICAL BOLD DIGIT FOUR..SEVEN: two UTF-16 units each
        String bold = "x " + new String(Character.toChars(0x1D7D2)) + new String(Character.toChars(0x1D7D3)) + " y";
        ScanText t = ScanText.of(bold);
        assertThat(t.text()).isEqualTo("x 45 y");
        Finding f = new Finding(EntityType.CREDIT_CARD_NUMBER, 2, 4, "t", 1, false, false);
        Finding mapped = t.toOriginal(f);
        assertThat(mapped.start()).isEqualTo(2);
        assertThat(mapped.end()).isEqualTo(6);
        assertThat(bold.substring(mapped.start(), mapped.end()).codePointCount(0, 4)).isEqualTo(2);
    }

    @Test
    void fullwidthCardIsFoundAtItsOriginalSpan() {
        String text = "カード：\uFF14\uFF15\uFF13\uFF19 \uFF11\uFF14\uFF18\uFF18 \uFF10\uFF13\uFF14\uFF13 \uFF16\uFF14\uFF16\uFF17";
        List<Finding> found = TextScanner.create(DetectorSettings.defaults()).scan(text);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(EntityType.CREDIT_CARD_NUMBER);
            assertThat(f.start()).isEqualTo(4);
            assertThat(f.end()).isEqualTo(text.length());
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ssn: 123|ssn|true",
        "SS# 123|ss#|true",
        "my Social  Security 123|social security|false",
        "classnumber 123|ssn|false",
        "lessn 123|ssn|false",
    })
    void keywordsMatchCaseInsensitivelyOnWordBoundaries(String text, String keyword, boolean expected) {
        int at = text.indexOf("123");
        assertThat(Keywords.of(keyword).before(text, at, 30)).isEqualTo(expected);
    }

    @Test
    void keywordsRespectTheDistance() {
        String text = "ssn" + " ".repeat(40) + "123";
        assertThat(Keywords.of("ssn").before(text, text.indexOf("123"), 30)).isFalse();
        assertThat(Keywords.of("ssn").before(text, text.indexOf("123"), 45)).isTrue();
        assertThat(Keywords.of("ssn").near("123 is my ssn", 0, 3, 30)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "$.customer.ssn, true",
        "social_security_number, true",
        "customerSSN, true",
        "$['billing details'].ssn, true",
        "$.lessons, false",
        "classname, false",
    })
    void fieldNamesSayWhatTheyHold(String field, boolean expected) {
        assertThat(Keywords.of("ssn", "social security").inField(field)).isEqualTo(expected);
    }

    /**
     * Each keyword list keeps its own answer per field name (the names repeat on every record),
     * and names past the kept bound are still judged, twice the same.
     */
    @Test
    void fieldAnswersAreKeptPerKeywordListAndPastTheBound() {
        Keywords ssn = Keywords.of("ssn", "social security");
        Keywords card = Keywords.of("card number");
        for (int round = 0; round < 2; round++) {
            assertThat(ssn.inField("$.customer.ssn")).isTrue();
            assertThat(card.inField("$.customer.ssn")).isFalse();
            assertThat(card.inField("$.cardNumber")).isTrue();
            assertThat(ssn.inField("$.cardNumber")).isFalse();
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 5_000; i++) {
                assertThat(ssn.inField("$.rows[" + i + "].ssn")).isTrue();
                assertThat(ssn.inField("$.rows[" + i + "].lessons")).isFalse();
            }
        }
    }

    @Test
    void catastrophicRegexFailsClosedInsteadOfHanging() {
        BoundedRegex evil = BoundedRegex.compile("(a+)+b", "detectors.customIdentifiers[0].regex");
        String hostile = "a".repeat(5_000) + "c";
        long start = System.nanoTime();
        assertThatThrownBy(() -> evil.matcher(hostile, "custom_x_v1").find())
                .isInstanceOf(ScanIncompleteException.class)
                .hasMessageContaining("custom_x_v1")
                .hasMessageNotContaining("aaaa");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void boundedRegexRejectsBackreferencesAndNamesTheKey() {
        assertThatThrownBy(() -> BoundedRegex.compile("(a)\\1", "k.regex"))
                .hasMessageContaining("k.regex").hasMessageContaining("backreferences");
        assertThatThrownBy(() -> BoundedRegex.compile("(", "k.regex"))
                .hasMessageContaining("k.regex").hasMessageContaining("invalid regular expression");
    }

    @Test
    void allowListDropsExactValuesInAnySpellingAndWholeRegexMatches() {
        DetectorSettings settings = DetectorSettings.defaults().withAllowList(AllowList.of(
                List.of("4539-1488-0343-6467"), List.of("[a-z]+@corp\\.example\\.com"), "detectors.allowList"));
        TextScanner scanner = TextScanner.create(settings);
        assertThat(scanner.scan("card " + CARD)).isEmpty();
        assertThat(scanner.scan("card 4556 7375 8689 9855")).hasSize(1);
        assertThat(scanner.scan("mail jane@mailbox.org")).hasSize(1);
    }

    @Test
    void customIdentifierFollowsMaciesModel() {
        CustomIdentifier id = new CustomIdentifier("employee-id", new EntityType("EMPLOYEE_ID"), "EMP-[0-9]{6}",
                List.of("employee"), 20, List.of("EMP-000000"));
        CustomIdentifierDetector d = new CustomIdentifierDetector(id);
        assertThat(d.id()).isEqualTo("custom_employee-id_v1");
        Recorder r = Recorder.run(d, "employee number EMP-204811; EMP-000000 for the employee; much later and far away: EMP-331100", null);
        assertThat(r.findings).extracting(Finding::start).containsExactly(16);
        assertThat(r.rejections).extracting(Rejection::reason)
                .containsExactly(RejectReason.IGNORE_WORD, RejectReason.NO_KEYWORD);
        Recorder byField = Recorder.run(d, "EMP-331100", "$.employee.id");
        assertThat(byField.findings).hasSize(1);
    }

    @Test
    void previewKeepsAtMostTheLastFourAndTheShape() {
        assertThat(Preview.render(CARD)).isEqualTo("**** **** **** 6467");
        assertThat(Preview.render("123-45-6789")).isEqualTo("***-**-6789");
        assertThat(Preview.render("jane.doe@mailbox.org")).isEqualTo("****.***@******x.org");
        assertThat(Preview.render("12345")).isEqualTo("***45");
        assertThat(Preview.render("a\nb\tcd")).doesNotContain("\n").doesNotContain("\t");
    }

    @Test
    void aKeyBlockPreviewShowsNoKeyMaterialAndALongValueOnlyItsTail() {
        String body = "MIIEowIBAAKCAQEAx3k9Qv7mZpW2rT8bN1cYdL4eF6gH0jK5sU9vX2yA3zB7wC1nD8oE";
        String cut = "-----BEGIN RSA PRIVATE KEY-----\n" + body; // no END line: the tail is key material
        Finding block = new Finding(new EntityType("PKCS"), 0, cut.length(), "private_key_v1", 0.99, false, false);
        String preview = Preview.render(cut, block);
        assertThat(preview).isEqualTo("[PKCS block, " + cut.length() + " characters]");
        for (int i = 0; i + 3 <= body.length(); i++) {
            assertThat(preview).doesNotContain(body.substring(i, i + 3));
        }
        String jwt = "eyJhbGciOiJIUzI1NiJ9." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0".repeat(5) + ".c2lnbmF0dXJlLXZhbHVlLXRoYXQtaXMtbG9uZw";
        Finding token = new Finding(new EntityType("JSON_WEB_TOKEN"), 0, jwt.length(), "jwt_v1", 0.99, false, false);
        assertThat(Preview.render(jwt, token)).startsWith("[" + jwt.length() + " characters]\u2026")
                .endsWith("9uZw").hasSizeLessThan(48);
    }

    @Test
    void fingerprintsAreKeyedAndIgnoreTheWrittenForm() {
        Fingerprinter a = new Fingerprinter("key-one-0123456789".getBytes(StandardCharsets.UTF_8));
        Fingerprinter b = new Fingerprinter("key-two-0123456789".getBytes(StandardCharsets.UTF_8));
        String spaced = a.fingerprint(Fingerprinter.canonical(CARD, false));
        assertThat(a.fingerprint(Fingerprinter.canonical("4539-1488-0343-6467", false))).isEqualTo(spaced);
        assertThat(a.fingerprint(Fingerprinter.canonical("\uFF14\uFF15\uFF13\uFF19148803436467", false)))
                .isEqualTo(spaced);
        assertThat(b.fingerprint(Fingerprinter.canonical(CARD, false))).isNotEqualTo(spaced);
        assertThat(spaced).hasSize(32).doesNotContain("4539");
        assertThat(a.fingerprint(Fingerprinter.canonical("Jane@Mailbox.org", true)))
                .isEqualTo(a.fingerprint(Fingerprinter.canonical("jane@mailbox.org", true)));
        assertThatThrownBy(() -> new Fingerprinter(new byte[8])).hasMessageContaining("at least 16 bytes");
    }

    @Test
    void findingsAndRejectionsNeverPrintAValue() {
        List<Finding> found = TextScanner.create(DetectorSettings.defaults()).scan("card " + CARD);
        assertThat(found.toString()).doesNotContain("4539").doesNotContain("6467");
    }

    @Test
    void overlapsOfOneTypeKeepTheMoreConfidentThenTheLonger() {
        Finding card = new Finding(EntityType.CREDIT_CARD_NUMBER, 10, 29, "c", 0.95, false, false);
        Finding inner = new Finding(EntityType.CREDIT_CARD_NUMBER, 15, 27, "c", 0.8, false, false);
        Finding email = new Finding(EntityType.EMAIL_ADDRESS, 40, 50, "e", 0.9, false, false);
        Finding shortEqual = new Finding(EntityType.EMAIL_ADDRESS, 40, 45, "e", 0.9, false, false);
        assertThat(TextScanner.resolveOverlaps(List.of(inner, email, card, shortEqual)))
                .containsExactly(card, email);
    }
}
