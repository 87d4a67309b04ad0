package dev.piigate.detectors.ssn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SsnDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "ssn.txt";
    }

    private static final SsnDetector DETECTOR =
            (SsnDetector) SsnDetector.FACTORY.create(DetectorSettings.defaults());

    @Property(tries = 500)
    void everyIssuableNumberIsFoundInEveryForm(@ForAll("areas") int area, @ForAll @IntRange(min = 1, max = 99) int group,
            @ForAll @IntRange(min = 1, max = 9999) int serial) {
        String digits = String.format("%03d%02d%04d", area, group, serial);
        Assume.that(!digits.chars().allMatch(c -> c == digits.charAt(0)));
        Assume.that(!List.of("078051120", "123456789", "219099999", "457555462").contains(digits));
        String dashed = digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
        String spaced = dashed.replace('-', ' ');

        for (String form : List.of(dashed, spaced)) {
            Finding plain = single(Recorder.run(DETECTOR, "value " + form + " here", null));
            Finding withKeyword = single(Recorder.run(DETECTOR, "SSN " + form + " here", null));
            assertThat(plain.isUnmasked()).isTrue();
            assertThat(withKeyword.confidence()).isGreaterThan(plain.confidence());
        }
        assertThat(Recorder.run(DETECTOR, "value " + digits + " here", null).reasons()).containsExactly(RejectReason.NO_KEYWORD);
        single(Recorder.run(DETECTOR, "ssn " + digits, null));
        single(Recorder.run(DETECTOR, digits, "$.customer.ssn"));
    }

    @Provide
    Arbitrary<Integer> areas() {
        return Arbitraries.integers().between(1, 899).filter(a -> a != 666);
    }

    @Test
    void areasNeverIssuedAreRejected() {
        List<Integer> areas = new ArrayList<>(List.of(0, 666));
        for (int a = 900; a <= 999; a++) {
            areas.add(a);
        }
        for (int a : areas) {
            String value = String.format("%03d-45-6781", a);
            Recorder r = Recorder.run(DETECTOR, "SSN " + value, null);
            assertThat(r.findings).as(value).isEmpty();
            assertThat(r.reasons()).as(value).containsExactly(RejectReason.INVALID_RANGE);
        }
    }

    @Test
    void keywordDistanceComesFromTheSettings() {
        String text = "ssn is the number 536221047";
        assertThat(Recorder.run(DETECTOR, text, null).findings).hasSize(1);
        SsnDetector near = (SsnDetector) SsnDetector.FACTORY.create(DetectorSettings.defaults().withKeywordDistance(5));
        Recorder r = Recorder.run(near, text);
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsExactly(RejectReason.NO_KEYWORD);
    }

    @Test
    void maskedValuesAreMaskedWhateverTheKeyword() {
        for (String text : List.of("XXX-XX-6789", "ssn ***-**-6789", "###-##-1234", "xxx xx 1234")) {
            assertThat(single(Recorder.run(DETECTOR, text, null)).masked()).as(text).isTrue();
        }
    }

    @Test
    void proseAndLogsCostNothingAndReportNothing() {
        String prose = "The quick brown fox jumps over the lazy dog. ".repeat(50);
        assertThat(Recorder.run(DETECTOR, prose, null).findings).isEmpty();
        assertThat(Recorder.run(DETECTOR, prose, null).rejections).isEmpty();
        String log = "2024-03-05T10:11:12.345Z INFO req=7f3a9c21 took=123ms bytes=40960 status=200 "
                + "ip=10.0.12.7 port=8443 phone 415-555-1234 zip 94103-1234\n";
        Recorder r = Recorder.run(DETECTOR, log.repeat(20), null);
        assertThat(r.findings).isEmpty();
        assertThat(r.rejections).isEmpty();
    }

    private static Finding single(Recorder r) {
        assertThat(r.findings).hasSize(1);
        return r.findings.get(0);
    }
}
