package dev.piigate.detectors;

import java.util.ArrayList;
import java.util.List;

/** Runs one detector over a text and records what it reported, mapped to original offsets. */
final class Recorder implements FindingSink {
    final List<Finding> findings = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();

    static Recorder run(Detector detector, String text, String field) {
        ScanText scanText = ScanText.of(text, field);
        Recorder raw = new Recorder();
        detector.scan(scanText, raw);
        Recorder mapped = new Recorder();
        raw.findings.forEach(f -> mapped.findings.add(scanText.toOriginal(f)));
        raw.rejections.forEach(r -> mapped.rejections.add(scanText.toOriginal(r)));
        return mapped;
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
