package dev.piigate.detectors.national;

import static dev.piigate.detectors.national.GatedIds.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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

class AadhaarDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "aadhaar.txt";
    }

    private static final AadhaarDetector DETECTOR =
            (AadhaarDetector) AadhaarDetector.FACTORY.create(DetectorSettings.defaults());

    /** Every number with a first digit 2-9, its Verhoeff digit computed here, in every form with a keyword. */
    @Property(tries = 500)
    void everyValidNumberIsFoundInEveryFormWithAKeyword(@ForAll("payloads") String payload) {
        String digits = payload + verhoeffDigit(payload);
        if (new StringBuilder(digits).reverse().toString().equals(digits)) {
            return; // palindromes: rejected, a vector says so
        }
        for (String form : forms(digits)) {
            GatedIds.foundOnlyWithAKeyword(DETECTOR, form, "$.kyc.aadhaar_number",
                    List.of("Aadhaar " + form + " here", "आधार संख्या " + form), "order " + form + " shipped");
        }
    }

    /** Verhoeff catches every single-digit error. */
    @Property(tries = 300)
    void oneChangedDigitFailsTheCheck(@ForAll("payloads") String payload, @ForAll @IntRange(min = 1, max = 11) int at,
            @ForAll @IntRange(min = 1, max = 9) int delta) {
        char[] changed = (payload + verhoeffDigit(payload)).toCharArray();
        changed[at] = (char) ('0' + (changed[at] - '0' + delta) % 10);
        String bad = new String(changed);
        Recorder r = Recorder.run(DETECTOR, "aadhaar " + bad, null);
        assertThat(r.findings).as(bad).isEmpty();
        assertThat(r.reasons()).as(bad).containsAnyOf(RejectReason.INVALID_CHECKSUM, RejectReason.DEGENERATE);
    }

    @Provide
    Arbitrary<String> payloads() {
        return Arbitraries.strings().numeric().ofLength(11).filter(p -> p.charAt(0) >= '2');
    }

    @Test
    void firstDigitsZeroAndOneAreNeverIssued() {
        for (String payload : List.of("04917263840", "14917263840")) {
            String v = payload + verhoeffDigit(payload);
            Recorder r = Recorder.run(DETECTOR, "aadhaar " + v, null);
            assertThat(r.findings).as(v).isEmpty();
            assertThat(r.reasons()).as(v).containsExactly(RejectReason.INVALID_RANGE);
        }
    }

    @Test
    void proseAndLogsReportNothing() {
        GatedIds.proseAndLogsReportNothing(DETECTOR, GatedIds.LOG);
    }

    static List<String> forms(String d) {
        return List.of(d.substring(0, 4) + " " + d.substring(4, 8) + " " + d.substring(8),
                d.substring(0, 4) + "-" + d.substring(4, 8) + "-" + d.substring(8), d);
    }

    // Verhoeff's tables, written here for the test's own generator (Verhoeff 1969; the dihedral group D5).
    private static final int[][] MULTIPLY = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
    };
    private static final int[] INVERSE = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

    /** The Verhoeff check digit of a payload: permutation sigma^(i+1) applied as sigma = (1 5 8 9 4 2 7 0)(3 6). */
    static int verhoeffDigit(String payload) {
        int[] sigma = {1, 5, 7, 6, 2, 8, 3, 0, 9, 4};
        int c = 0;
        for (int i = 0; i < payload.length(); i++) {
            int d = payload.charAt(payload.length() - 1 - i) - '0';
            for (int k = 0; k < i + 1; k++) {
                d = sigma[d];
            }
            c = MULTIPLY[c][d];
        }
        return INVERSE[c];
    }
}
