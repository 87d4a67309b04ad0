package dev.piigate.detectors.card;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Rejection;
import dev.piigate.detectors.ScanText;
import java.util.ArrayList;
import java.util.List;

/** A hand-written sink recording what the detector reported, in original offsets. */
final class CardRecorder implements FindingSink {
    final List<Finding> findings = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();

    static CardRecorder run(Detector detector, String text, String field) {
        ScanText scanText = ScanText.of(text, field);
        CardRecorder raw = new CardRecorder();
        detector.scan(scanText, raw);
        CardRecorder mapped = new CardRecorder();
        raw.findings.forEach(f -> mapped.findings.add(scanText.toOriginal(f)));
        raw.rejections.forEach(r -> mapped.rejections.add(scanText.toOriginal(r)));
        return mapped;
    }

    static CardRecorder run(Detector detector, String text) {
        return run(detector, text, null);
    }

    @Override
    public void found(Finding finding) {
        findings.add(finding);
    }

    @Override
    public void rejected(Rejection rejection) {
        rejections.add(rejection);
    }
}
