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

class CanadaSinDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "sin.txt";
    }

    private static final CanadaSinDetector DETECTOR =
            (CanadaSinDetector) CanadaSinDetector.FACTORY.create(DetectorSettings.defaults());

    /** Every issuable SIN, its Luhn digit computed here (not by the detector's routine), in every form. */
    @Property(tries = 500)
    void everyValidNumberIsFoundInEveryFormWithAKeyword(@ForAll("payloads") String payload) {
        String digits = payload + luhnDigit(payload);
        if (digits.chars().allMatch(c -> c == digits.charAt(0)) || digits.equals("123456782")) {
            return; // degenerate and the documentation example: other vectors
        }
        for (String form : forms(digits)) {
            GatedIds.foundOnlyWithAKeyword(DETECTOR, form, "$.employee.sin",
                    List.of("SIN " + form + " here", "numéro d'assurance sociale : " + form), "order " + form + " shipped");
        }
    }

    /** One digit changed: Luhn catches every single-digit error. */
    @Property(tries = 300)
    void oneChangedDigitFailsTheCheck(@ForAll("payloads") String payload, @ForAll @IntRange(min = 1, max = 8) int at,
            @ForAll @IntRange(min = 1, max = 9) int delta) {
        String digits = payload + luhnDigit(payload);
        char[] changed = digits.toCharArray();
        changed[at] = (char) ('0' + (changed[at] - '0' + delta) % 10);
        String bad = new String(changed);
        Recorder r = Recorder.run(DETECTOR, "SIN " + bad.substring(0, 3) + "-" + bad.substring(3, 6) + "-" + bad.substring(6), null);
        assertThat(r.findings).as(bad).isEmpty();
        assertThat(r.reasons()).as(bad).containsAnyOf(RejectReason.INVALID_CHECKSUM, RejectReason.DEGENERATE);
    }

    @Provide
    Arbitrary<String> payloads() {
        return Arbitraries.strings().numeric().ofLength(8).filter(p -> p.charAt(0) != '0' && p.charAt(0) != '8');
    }

    @Test
    void firstDigitsZeroAndEightAreNeverIssued() {
        for (String v : List.of("046-454-286", "841-209-372")) {
            Recorder r = Recorder.run(DETECTOR, "SIN " + v, null);
            assertThat(r.findings).as(v).isEmpty();
            assertThat(r.reasons()).as(v).containsExactly(RejectReason.INVALID_RANGE);
        }
    }

    @Test
    void keywordDistanceComesFromTheSettings() {
        String text = "sin is the number 273819466";
        assertThat(Recorder.run(DETECTOR, text, null).findings).hasSize(1);
        CanadaSinDetector near =
                (CanadaSinDetector) CanadaSinDetector.FACTORY.create(DetectorSettings.defaults().withKeywordDistance(5));
        assertThat(Recorder.run(near, text, null).reasons()).containsExactly(RejectReason.NO_KEYWORD);
    }

    @Test
    void proseAndLogsReportNothing() {
        GatedIds.proseAndLogsReportNothing(DETECTOR, GatedIds.LOG);
    }

    static List<String> forms(String d) {
        return List.of(d.substring(0, 3) + "-" + d.substring(3, 6) + "-" + d.substring(6),
                d.substring(0, 3) + " " + d.substring(3, 6) + " " + d.substring(6), d);
    }

    /** The Luhn check digit of an 8-digit payload, written out here independently of Checks.luhn. */
    static int luhnDigit(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            int d = payload.charAt(payload.length() - 1 - i) - '0';
            if (i % 2 == 0) { // doubled: the check digit will sit to its right
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}
