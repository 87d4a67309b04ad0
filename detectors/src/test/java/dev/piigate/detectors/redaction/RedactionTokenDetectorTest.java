package dev.piigate.detectors.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.Rejection;
import dev.piigate.detectors.ScanText;

/** [NAME] tokens, which the vector format cannot tag (a tag ends at the first "]]"). */
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
