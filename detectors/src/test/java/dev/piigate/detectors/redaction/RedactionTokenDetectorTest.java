package dev.piigate.detectors.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.Rejection;
import dev.piigate.detectors.ScanText;

/**
 * [NAME] tokens, which the vector format cannot tag (a tag ends at the first "]]"); every built-in
 * type's token in each delimiter and the hashed form; what is not a token.
 */
class RedactionTokenDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "redaction.txt";
    }

    private static final RedactionTokenDetector DETECTOR =
            (RedactionTokenDetector) RedactionTokenDetector.FACTORY.create(DetectorSettings.defaults());

    private final List<Finding> findings = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    private void scan(String text, String field) {
        DETECTOR.scan(ScanText.of(text, field), new FindingSink() {
            @Override
            public void found(Finding finding) {
                findings.add(finding);
            }

            @Override
            public void rejected(Rejection rejection) {
                rejections.add(rejection);
            }
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Email [EMAIL] now                  | [EMAIL]    | EMAIL_ADDRESS",
        "Call [PHONE] now                   | [PHONE]    | PHONE_NUMBER",
        "Pay [CARD] now                     | [CARD]     | CREDIT_CARD_NUMBER",
        "Id [SSN] now                       | [SSN]      | USA_SOCIAL_SECURITY_NUMBER",
        "Account [IBAN] now                 | [IBAN]     | IBAN",
        "Client [IP] connected              | [IP]       | IP_ADDRESS",
        "from [IP_ADDRESS] at noon          | [IP_ADDRESS] | IP_ADDRESS",
        "client ip [REDACTED] connected     | [REDACTED] | IP_ADDRESS",
        "SSN: [REDACTED]                    | [REDACTED] | USA_SOCIAL_SECURITY_NUMBER",
        "Her phone is [REDACTED] now        | [REDACTED] | PHONE_NUMBER",
        "Card ending, then phone [REDACTED] | [REDACTED] | PHONE_NUMBER",
        "glued[EMAIL]glued                  | [EMAIL]    | EMAIL_ADDRESS",
    })
    void bracketTokens(String text, String token, String type) {
        scan(text.strip(), null);
        int start = text.strip().indexOf(token.strip());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(new EntityType(type.strip()));
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(start + token.strip().length());
            assertThat(f.masked()).isTrue();
        });
    }

    /** A token in each form the detector reads: {@code <T>}, {@code [T]}, {@code |||T|||} and {@code <T:16 letters a-p>}. */
    static List<String> forms(String type) {
        return List.of("<" + type + ">", "[" + type + "]", "|||" + type + "|||", "<" + type + ":kdhpgemoabcnfjlp>");
    }

    static Stream<Arguments> newTypesInEveryForm() {
        return Stream.of("DATE_OF_BIRTH", "IP_ADDRESS", "UK_NATIONAL_INSURANCE_NUMBER",
                "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "SPAIN_NIE_NUMBER", "INDIA_PERMANENT_ACCOUNT_NUMBER",
                "AWS_CREDENTIALS", "GITHUB_TOKEN", "OPENSSH_PRIVATE_KEY", "JSON_WEB_TOKEN", "URL_CREDENTIALS",
                "CREDIT_CARD_NUMBER", "EMAIL_ADDRESS")
                .flatMap(type -> forms(type).stream().map(token -> Arguments.of(type, token)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("newTypesInEveryForm")
    void aTypesOwnNameIsAMaskedFindingOfIt(String type, String token) {
        String text = "was " + token + ", now";
        scan(text, null);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(new EntityType(type));
            assertThat(f.start()).isEqualTo(4);
            assertThat(f.end()).isEqualTo(4 + token.length());
            assertThat(f.masked()).isTrue();
            assertThat(f.detectorId()).isEqualTo(RedactionTokenDetector.ID);
        });
        assertThat(rejections).isEmpty();
    }

    /** What Redactor writes for any type a built-in detector reports is read back as that type, masked. */
    @Test
    void everyBuiltInDetectorsTypeHasItsToken() {
        List<String> missing = new ArrayList<>();
        int types = 0;
        for (Detector d : DetectorRegistry.load().create(DetectorSettings.defaults())) {
            if (d.id().equals(RedactionTokenDetector.ID)) {
                continue;
            }
            for (EntityType type : d.entityTypes()) {
                types++;
                if (!DETECTOR.entityTypes().contains(type)) {
                    missing.add(type + " (" + d.id() + ") not among entityTypes()");
                }
                for (String token : forms(type.name())) {
                    findings.clear();
                    rejections.clear();
                    scan(token, null);
                    boolean ok = findings.size() == 1 && findings.get(0).type().equals(type)
                            && findings.get(0).masked() && findings.get(0).start() == 0
                            && findings.get(0).end() == token.length();
                    if (!ok) {
                        missing.add(token + " (" + d.id() + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(types).isGreaterThanOrEqualTo(30);
    }

    /** The name scan stops one char past the longest name, and the longest still fits. */
    @Test
    void theLongestNameBoundsTheNameScan() {
        int longest = 0;
        for (EntityType type : TokenTable.types()) {
            longest = Math.max(longest, type.name().length());
        }
        assertThat(TokenTable.MAX_NAME).isEqualTo(longest).isGreaterThan(26);
        String name = "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER";
        assertThat(name).hasSize(longest);
        scan("<" + name + "> <" + name + "S> <X" + name + ">", null);
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.end()).isEqualTo(name.length() + 2));
        assertThat(rejections).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<DATE_OF_BIRTH:abc>",
        "<DATE_OF_BIRTH:>",
        "<DATE_OF_BIRTH:kdhpgemoabcnfjl>",
        "<DATE_OF_BIRTH:kdhpgemoabcnfjlpa>",
        "<DATE_OF_BIRTH:kdhpgemoabcnfjlq>",
        "<DATE_OF_BIRTH:zzzzzzzzzzzzzzzz>",
        "<DATE_OF_BIRTH:KDHPGEMOABCNFJLP>",
        "<DATE_OF_BIRTH:0123456789abcdef>",
        "<DATE_OF_BIRTH:kdhpgemo abcnfjlp>",
        "<DATE_OF_BIRTH:kdhpgemoabcnfjlp",
        "<DATE_OF_BIRTH::kdhpgemoabcnfjlp>",
        "[DATE_OF_BIRTH:kdhpgemoabcnfjlp]",
        "|||DATE_OF_BIRTH:kdhpgemoabcnfjlp|||",
        "<EMAIL:kdhpgemoabcnfjlp>",
        "<REDACTED:kdhpgemoabcnfjlp>",
        "<NAME:kdhpgemoabcnfjlp>",
        "<date_of_birth>",
        "[uk_national_insurance_number]",
        "|||aws_credentials|||",
        "<Date_Of_Birth>",
        "<date_of_birth:kdhpgemoabcnfjlp>",
        "<DATE_OF_BIRTHS>",
        "<USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBERS>",
    })
    void notATokenOfAnyType(String text) {
        scan("was " + text + " now", null);
        assertThat(findings).isEmpty();
        assertThat(rejections).isEmpty();
    }

    @Test
    void fieldNameGivesTheType() {
        scan("[REDACTED]", "$.customer.email");
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.type()).isEqualTo(EntityType.EMAIL_ADDRESS));
    }

    @Test
    void genericWithoutKeywordIsRejected() {
        scan("Name [REDACTED] signed.", null);
        assertThat(findings).isEmpty();
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.NO_KEYWORD);
            assertThat(r.start()).isEqualTo(5);
            assertThat(r.end()).isEqualTo(15);
        });
    }

    @Test
    void markdownAndArraysAreNotTokens() {
        scan("[email](mailto:x) a[i] [Phone] [ EMAIL ] [EMAIL_ADDRESS", null);
        assertThat(findings).isEmpty();
        assertThat(rejections).isEmpty();
    }
}
