package dev.piigate.jobs.macie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.detectors.Finding;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.detectors.DetectorRegistry;

/** Holds KeywordEvidence to the evidence the detectors actually report, with a keyword, a field name and neither. */
class KeywordEvidenceTest {
    static final Config CONFIG = ConfigLoader.defaults();
    static final TextScanner SCANNER = new TextScanner(DetectorRegistry.load().create(CONFIG.detectors()),
            CONFIG.detectors().allowList());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "card number 5164 3426 8782 6989 |       | CREDIT_CARD_NUMBER         | true",
        "paid with 5164342687826989 ok   |       | CREDIT_CARD_NUMBER         | false",
        "5164 3426 8782 6989             | card_number | CREDIT_CARD_NUMBER   | true",
        "card number 9999 9160 1108 4366 |       | CREDIT_CARD_NUMBER         | true",
        "SSN: 405-61-0957                |       | USA_SOCIAL_SECURITY_NUMBER | true",
        "ref 405-61-0957                 |       | USA_SOCIAL_SECURITY_NUMBER | false",
        "405-61-0957                     | ssn   | USA_SOCIAL_SECURITY_NUMBER | true",
        "phone (702) 210-0224            |       | PHONE_NUMBER               | true",
        "from (702) 210-0224 today       |       | PHONE_NUMBER               | false",
        // Issue 13's keyword-gated types: a finding always had its keyword (or its field name).
        "NINO: JS 21 42 85 C             |       | UK_NATIONAL_INSURANCE_NUMBER | true",
        "JS 21 42 85 C                   | nino  | UK_NATIONAL_INSURANCE_NUMBER | true",
        "CPF 649.294.192-63              |       | BRAZIL_CPF_NUMBER          | true",
        "ITIN 954-81-3657                |       | USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER | true",
        "DOB 1989-01-21                  |       | DATE_OF_BIRTH              | true",
        "1989-01-21 is her date of birth |       | DATE_OF_BIRTH              | true",
        "1989-01-21                      | date_of_birth | DATE_OF_BIRTH      | true",
    })
    void keywordIsReadFromTheFindingsEvidence(String text, String field, String type, boolean keyword) {
        List<Finding> findings = SCANNER.scan(text.strip(), field == null ? null : field.strip());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type().name()).isEqualTo(type);
            assertThat(KeywordEvidence.hasKeyword(f.evidence())).as("evidence %s", f.evidence()).isEqualTo(keyword);
        });
    }
}
