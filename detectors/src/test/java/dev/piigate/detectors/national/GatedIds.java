package dev.piigate.detectors.national;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;

/** What the tests of the keyword-gated national identifiers assert alike. */
final class GatedIds {
    static final String PROSE = "The quick brown fox jumps over the lazy dog. ".repeat(50);
    /** A log line full of numbers of other kinds: dates, times, sizes, an address, a phone number, a ZIP. */
    static final String LOG = "2024-03-05T10:11:12.345Z INFO req=7f3a9c21 took=123ms bytes=40960 status=200 "
            + "ip=10.0.12.7 port=8443 phone 415-555-1234 zip 94103-1234\n";

    private GatedIds() {}

    /** The one finding of the run. */
    static Finding single(Recorder r) {
        assertThat(r.findings).hasSize(1);
        return r.findings.get(0);
    }

    /**
     * Macie's rule for a valid {@code value}: found once, unmasked, in each text of
     * {@code withKeyword} and alone in a field named {@code field}; in {@code withoutKeyword}
     * not found, rejected NO_KEYWORD alone.
     */
    static void foundOnlyWithAKeyword(Detector detector, String value, String field, List<String> withKeyword,
            String withoutKeyword) {
        for (String text : withKeyword) {
            assertThat(single(Recorder.run(detector, text, null)).isUnmasked()).as(text).isTrue();
        }
        assertThat(single(Recorder.run(detector, value, field)).isUnmasked()).as(value).isTrue();
        Recorder none = Recorder.run(detector, withoutKeyword, null);
        assertThat(none.findings).as(withoutKeyword).isEmpty();
        assertThat(none.reasons()).as(withoutKeyword).containsExactly(RejectReason.NO_KEYWORD);
    }

    /** Prose rejects nothing; a log line of other numbers, repeated, neither finds nor rejects anything. */
    static void proseAndLogsReportNothing(Detector detector, String log) {
        assertThat(Recorder.run(detector, PROSE, null).rejections).isEmpty();
        Recorder r = Recorder.run(detector, log.repeat(20), null);
        assertThat(r.findings).isEmpty();
        assertThat(r.rejections).isEmpty();
    }
}
