package dev.piigate.detectors.national;

import static dev.piigate.detectors.national.GatedIds.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FranceNirDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "nir.txt";
    }

    private static final Detector DETECTOR = FranceNirDetector.FACTORY.create(DetectorSettings.defaults());

    /** The key, written out here with BigInteger: 97 - (n mod 97), Corsica's 2A and 2B as 19 and 18. */
    static String withKey(String thirteen) {
        String digits = thirteen.substring(0, 5) + switch (thirteen.substring(5, 7)) {
            case "2A" -> "19";
            case "2B" -> "18";
            default -> thirteen.substring(5, 7);
        } + thirteen.substring(7);
        int key = 97 - new BigInteger(digits).mod(BigInteger.valueOf(97)).intValue();
        return thirteen + String.format("%02d", key);
    }

    static List<String> forms(String nir) {
        return List.of(nir,
                String.join(" ", nir.substring(0, 1), nir.substring(1, 3), nir.substring(3, 5), nir.substring(5, 7),
                        nir.substring(7, 10), nir.substring(10, 13), nir.substring(13)),
                nir.substring(0, 13) + " " + nir.substring(13));
    }

    @Provide
    Arbitrary<String> thirteen() {
        Arbitrary<String> sex = Arbitraries.of("1", "2", "3", "4", "7", "8");
        Arbitrary<String> year = Arbitraries.integers().between(0, 99).map(y -> String.format("%02d", y));
        Arbitrary<String> month = Arbitraries.integers().between(1, 99)
                .filter(m -> m <= 12 || m >= 20 && m <= 42 || m >= 50).map(m -> String.format("%02d", m));
        Arbitrary<String> department = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 99).map(d -> String.format("%02d", d)), Arbitraries.of("2A", "2B"));
        Arbitrary<String> rest = Arbitraries.integers().between(0, 999_999).map(n -> String.format("%06d", n));
        return net.jqwik.api.Combinators.combine(sex, year, month, department, rest).as((a, b, c, d, e) -> a + b + c + d + e);
    }

    @Property(tries = 300)
    void everyValidNirIsFoundInEveryFormWithAKeywordAndNoOtherwise(@ForAll("thirteen") String thirteen,
            @ForAll @IntRange(min = 0, max = 14) int changed) {
        String nir = withKey(thirteen);
        for (String form : forms(nir)) {
            GatedIds.foundOnlyWithAKeyword(DETECTOR, form, "$.assure.nir",
                    List.of("NIR " + form, "le numéro " + form + " est son NIR", "numéro de sécurité sociale : " + form),
                    "commande " + form);
        }
        // One digit of the number or the key changed (not the sex digit, month or department,
        // whose changes may leave the ranges): the key no longer holds.
        if (changed == 0 || changed == 3 || changed == 4 || changed == 5 || changed == 6) {
            return;
        }
        char[] chars = nir.toCharArray();
        chars[changed] = (char) ('0' + (chars[changed] - '0' + 1) % 10);
        Recorder r = Recorder.run(DETECTOR, "NIR " + new String(chars));
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsExactly(RejectReason.INVALID_CHECKSUM);
    }

    @Test
    void thirteenDigitsWithoutTheKeyAreNotReported() {
        Recorder r = Recorder.run(DETECTOR, "NIR 2920431412057");
        assertThat(r.findings).isEmpty();
        assertThat(r.rejections).isEmpty();
    }

    @Test
    void proseAndLogsReportNothing() {
        GatedIds.proseAndLogsReportNothing(DETECTOR, GatedIds.LOG);
    }
}
