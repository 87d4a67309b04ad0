package dev.piigate.detectors.iban;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.kit.Checks;

/** The IBAN detector's contract over iban.txt, and the rules the kit's mod 97 leaves to it. */
class IbanDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "iban.txt";
    }

    @Test
    void factoryBuildsTheDetectorItNames() {
        assertThat(IbanDetector.FACTORY.id()).isEqualTo(IbanDetector.ID);
        assertThat(IbanDetector.FACTORY.create(DetectorSettings.defaults()).id()).isEqualTo("iban_mod97_v2");
    }

    /**
     * Check digits 01 pass mod 97 wherever 98 does (98 = 97 + 1): a German IBAN whose check digits
     * are 98, written with 01, passes {@link Checks#mod97} and is still rejected, since 01 is
     * never issued.
     */
    @Test
    void checkDigitsThatAreNeverIssuedAreRejectedThoughMod97Passes() {
        String bban = null;
        for (long account = 1_000_000_000L; bban == null; account++) {
            String candidate = "37040044" + account;
            if (checkDigits("DE", candidate) == 98) {
                bban = candidate;
            }
        }
        String issued = "DE98" + bban;
        String never = "DE01" + bban;
        assertThat(Checks.mod97(never, 0, never.length(), 4)).isTrue();
        assertThat(Recorder.run(IbanDetector.FACTORY.create(DetectorSettings.defaults()), "IBAN " + issued).findings)
                .singleElement().satisfies(f -> assertThat(f.start()).isEqualTo(5));
        Recorder r = Recorder.run(IbanDetector.FACTORY.create(DetectorSettings.defaults()), "IBAN " + never);
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsExactly(RejectReason.INVALID_CHECKSUM);
    }

    /** ISO 13616 check digits, computed with BigInteger: independent of the detector's char loop. */
    private static int checkDigits(String country, String bban) {
        StringBuilder digits = new StringBuilder();
        for (char c : (bban + country + "00").toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
    }
}
