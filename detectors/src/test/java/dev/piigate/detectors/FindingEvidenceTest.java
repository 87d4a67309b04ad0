package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * A finding says what spoke for it: a keyword near it, the field name, a checksum. The evidence
 * survives what the scanner does to a finding after the detector (offsets mapped back from
 * normalised text), and the seven-argument form still means "no evidence".
 */
class FindingEvidenceTest {
    private static final TextScanner SCANNER = TextScanner.create(DetectorSettings.defaults());

    @Test
    void theShortFormHasNoEvidenceAndAMovedFindingKeepsItsOwn() {
        Finding plain = new Finding(EntityType.EMAIL_ADDRESS, 0, 5, "email_v2", 0.9, false, false);
        assertThat(plain.evidence()).isEmpty();
        Finding card = new Finding(EntityType.CREDIT_CARD_NUMBER, 3, 22, "card_luhn_v2", 0.95, false, false,
                Set.of(Evidence.KEYWORD, Evidence.CHECKSUM));
        assertThat(card.at(10, 29)).isEqualTo(new Finding(EntityType.CREDIT_CARD_NUMBER, 10, 29, "card_luhn_v2", 0.95,
                false, false, Set.of(Evidence.CHECKSUM, Evidence.KEYWORD)));
    }

    @Test
    void aKeywordNearTheValueIsEvidenceAndItsAbsenceIsNot() {
        assertThat(only(SCANNER.scan("card number 5164 3426 8782 6989")).evidence())
                .containsExactlyInAnyOrder(Evidence.KEYWORD, Evidence.CHECKSUM);
        assertThat(only(SCANNER.scan("paid with 5164342687826989 ok")).evidence()).containsExactly(Evidence.CHECKSUM);
        assertThat(only(SCANNER.scan("SSN: 405-61-0957")).evidence()).containsExactly(Evidence.KEYWORD);
        assertThat(only(SCANNER.scan("ref 405-61-0957")).evidence()).isEmpty();
        assertThat(only(SCANNER.scan("phone (702) 210-0224")).evidence()).containsExactly(Evidence.KEYWORD);
        assertThat(only(SCANNER.scan("from (702) 210-0224 today")).evidence()).isEmpty();
        assertThat(only(SCANNER.scan("NINO: JS 21 42 85 C")).evidence()).containsExactly(Evidence.KEYWORD);
    }

    @Test
    void theFieldNameAloneIsItsOwnEvidenceForADateOfBirth() {
        assertThat(only(SCANNER.scan("1989-01-21", "date_of_birth")).evidence()).containsExactly(Evidence.FIELD_NAME);
        assertThat(only(SCANNER.scan("DOB 1989-01-21")).evidence()).containsExactly(Evidence.KEYWORD);
    }

    @Test
    void evidenceSurvivesTheMappingBackFromNormalisedText() {
        // Invisible characters are dropped before the detectors run; the finding is mapped back.
        Finding f = only(SCANNER.scan("card number \u200b\u200b5164 3426 8782 6989"));
        assertThat(f.start()).as("mapped back past the two invisibles").isEqualTo(14);
        assertThat(f.evidence()).containsExactlyInAnyOrder(Evidence.KEYWORD, Evidence.CHECKSUM);
    }

    private static Finding only(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}
