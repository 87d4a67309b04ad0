package dev.piigate.detectors.national;

import static dev.piigate.detectors.national.GatedIds.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class UsItinDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "itin.txt";
    }

    private static final UsItinDetector DETECTOR =
            (UsItinDetector) UsItinDetector.FACTORY.create(DetectorSettings.defaults());

    /** The IRS's ITIN groups, written out as the IRS lists them: 50-65, 70-88, 90-92, 94-99. */
    static final Set<Integer> GROUPS = new TreeSet<>();

    static {
        IntStream.rangeClosed(50, 65).forEach(GROUPS::add);
        IntStream.rangeClosed(70, 88).forEach(GROUPS::add);
        IntStream.rangeClosed(90, 92).forEach(GROUPS::add);
        IntStream.rangeClosed(94, 99).forEach(GROUPS::add);
    }

    @Property(tries = 1000)
    void everyNumberIsFoundWithAKeywordExactlyWhenItsGroupIsAnItinGroup(@ForAll @IntRange(min = 0, max = 99) int area,
            @ForAll @IntRange(min = 0, max = 99) int group, @ForAll @IntRange(min = 0, max = 9999) int serial) {
        String digits = String.format("9%02d%02d%04d", area, group, serial);
        boolean repeated = digits.chars().allMatch(c -> c == '9');
        for (String form : forms(digits)) {
            Recorder r = Recorder.run(DETECTOR, "ITIN " + form + " here", null);
            if (GROUPS.contains(group) && !repeated) {
                assertThat(single(r).isUnmasked()).as(form).isTrue();
                single(Recorder.run(DETECTOR, form, "$.taxpayer.itin"));
                assertThat(Recorder.run(DETECTOR, "order " + form + " shipped", null).reasons()).as(form)
                        .containsExactly(RejectReason.NO_KEYWORD);
            } else {
                assertThat(r.findings).as(form).isEmpty();
                assertThat(r.reasons()).as(form).containsAnyOf(RejectReason.INVALID_RANGE, RejectReason.DEGENERATE);
            }
        }
    }

    @Test
    void groupsOutsideTheRangesAreRejected() {
        for (int g = 0; g <= 99; g++) {
            String v = String.format("912-%02d-4417", g);
            Recorder r = Recorder.run(DETECTOR, "ITIN " + v, null);
            assertThat(r.findings.size()).as(v).isEqualTo(GROUPS.contains(g) ? 1 : 0);
        }
    }

    /** SsnDetector rejects every ITIN (area 9xx): one value is never counted as both. */
    @Test
    void anItinIsNeverAnSsnFinding() {
        Detector ssn = DetectorRegistry.load().create(DetectorSettings.defaults().withEnabled(List.of("ssn_v2"))).get(0);
        for (String v : List.of("947-72-1638", "905 53 2817", "981884025")) {
            Recorder r = Recorder.run(ssn, "SSN or ITIN " + v, null);
            assertThat(r.findings).as(v).isEmpty();
            assertThat(r.reasons()).as(v).containsExactly(RejectReason.INVALID_RANGE);
        }
    }

    static List<String> forms(String d) {
        return List.of(d.substring(0, 3) + "-" + d.substring(3, 5) + "-" + d.substring(5),
                d.substring(0, 3) + " " + d.substring(3, 5) + " " + d.substring(5), d);
    }
}
