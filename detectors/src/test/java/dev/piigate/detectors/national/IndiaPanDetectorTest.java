package dev.piigate.detectors.national;

import static dev.piigate.detectors.national.GatedIds.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IndiaPanDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "pan.txt";
    }

    private static final IndiaPanDetector DETECTOR =
            (IndiaPanDetector) IndiaPanDetector.FACTORY.create(DetectorSettings.defaults());

    /** The holder types (python-stdnum in_.pan's table), written out here. */
    static final String HOLDERS = "PCHFATBLJGK";

    @Property(tries = 500)
    void everyPanWithAHolderTypeIsFoundWithAKeywordOnly(@ForAll("letters") String first3, @ForAll("letters") String last,
            @ForAll @IntRange(min = 0, max = 25) int holder, @ForAll @IntRange(min = 1, max = 9999) int serial) {
        char type = (char) ('A' + holder);
        String value = first3.substring(0, 3) + type + last.charAt(0) + String.format("%04d", serial) + last.charAt(1);
        Recorder r = Recorder.run(DETECTOR, "PAN " + value + " here", null);
        if (HOLDERS.indexOf(type) >= 0) {
            assertThat(single(r).isUnmasked()).as(value).isTrue();
            single(Recorder.run(DETECTOR, "पैन कार्ड " + value.toLowerCase(Locale.ROOT), null));
            single(Recorder.run(DETECTOR, value, "$.kyc.pan_number"));
            assertThat(Recorder.run(DETECTOR, "order " + value + " shipped", null).reasons()).as(value)
                    .containsExactly(RejectReason.NO_KEYWORD);
        } else {
            assertThat(r.findings).as(value).isEmpty();
            assertThat(r.reasons()).as(value).containsExactly(RejectReason.INVALID_PATTERN);
        }
    }

    @Provide
    Arbitrary<String> letters() {
        return Arbitraries.strings().withCharRange('A', 'Z').ofLength(3);
    }

    @Test
    void serialZeroIsNeverIssued() {
        Recorder r = Recorder.run(DETECTOR, "PAN BKRPM0000Q", null);
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsExactly(RejectReason.INVALID_RANGE);
    }

    @Test
    void proseAndCodeReportNothing() {
        String text = "The quick brown fox jumps over the lazy dog; pan the camera. SHA256 ISO8601 AI2024 UTF8 "
                + "x86_64 IPv6 H264 MP4 ABCDE12345. ";
        Recorder r = Recorder.run(DETECTOR, text.repeat(20), null);
        assertThat(r.findings).isEmpty();
        assertThat(r.rejections).isEmpty();
        for (String v : List.of("ABCDE1234F")) { // the ubiquitous example: D is no holder type
            assertThat(Recorder.run(DETECTOR, "PAN " + v, null).reasons()).containsExactly(RejectReason.INVALID_PATTERN);
        }
    }

    /** Masked showing no digit: the last letter alone shown, in any mask char but all X (which shows nothing). */
    @Test
    void maskedValuesShowingNoDigitAreFoundAtMaskRunStarts() {
        for (String masked : List.of("*********", "XXXXXXXXX", "#########", "\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022")) {
            for (char c = 'A'; c <= 'Z'; c++) {
                String v = masked + c;
                Recorder r = Recorder.run(DETECTOR, "PAN " + v + " on file", null);
                if (c == 'X' && masked.startsWith("X")) {
                    assertThat(r.findings).as(v).isEmpty();
                    continue;
                }
                Finding f = single(r);
                assertThat(f.masked()).as(v).isTrue();
                assertThat(f.end() - f.start()).as(v).isEqualTo(10);
                single(Recorder.run(DETECTOR, v, "$.kyc.pan_number"));
                assertThat(Recorder.run(DETECTOR, "order " + v + " shipped", null).reasons()).as(v)
                        .containsExactly(RejectReason.NO_KEYWORD);
            }
        }
        for (String v : List.of("**********", "XXXXXXXXX1", "*********A7", "********A", "xxxxxxxxxF")) {
            assertThat(Recorder.run(DETECTOR, "PAN " + v, null).findings).as(v).isEmpty();
        }
    }

    /** A masked value showing digits is the digit-run path's: reported once, not again from its mask-run start. */
    @Test
    void maskedValuesShowingDigitsAreReportedOnce() {
        for (String v : List.of("******821Q", "XXXXXXX73K", "*****X821Q")) {
            assertThat(single(Recorder.run(DETECTOR, "PAN " + v, null)).masked()).as(v).isTrue();
        }
    }
}
