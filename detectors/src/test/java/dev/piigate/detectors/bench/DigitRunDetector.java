package dev.piigate.detectors.bench;

import java.util.Set;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.ScanText;

/**
 * Test-only stand-in for the real detectors, used to check the benchmark harness end to end: it
 * walks the shared digit-run index and reports standalone 13-19 digit runs that pass Luhn. Its
 * throughput is roughly the floor cost of {@link ScanText} plus one pass over the runs.
 */
final class DigitRunDetector implements Detector {
    static final String ID = "bench_digit_run_v1";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(EntityType.CREDIT_CARD_NUMBER);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        String s = text.text();
        for (int i = 0, n = text.digitRunCount(); i < n; i++) {
            int start = text.digitRunStart(i);
            int end = text.digitRunEnd(i);
            int length = end - start;
            if (length >= 13 && length <= 19 && Chars.isStandalone(s, start, end)
                    && ValidValues.luhnValid(s.subSequence(start, end))) {
                sink.found(new Finding(EntityType.CREDIT_CARD_NUMBER, start, end, ID, 0.5, false, false));
            }
        }
    }
}
