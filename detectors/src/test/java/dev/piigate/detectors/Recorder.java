package dev.piigate.detectors;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one detector over a text and records what it reported, mapped to original offsets: the one
 * recording sink of the detector tests.
 */
public final class Recorder implements FindingSink {
    public final List<Finding> findings = new ArrayList<>();
    public final List<Rejection> rejections = new ArrayList<>();

    public static Recorder run(Detector detector, String text, String field) {
        ScanText scanText = ScanText.of(text, field);
        Recorder raw = new Recorder();
        detector.scan(scanText, raw);
        Recorder mapped = new Recorder();
        raw.findings.forEach(f -> mapped.findings.add(scanText.toOriginal(f)));
        raw.rejections.forEach(r -> mapped.rejections.add(scanText.toOriginal(r)));
        return mapped;
    }

    public static Recorder run(Detector detector, String text) {
        return run(detector, text, null);
    }

    /** The reasons of the rejections, in order. */
    public List<RejectReason> reasons() {
        return rejections.stream().map(Rejection::reason).toList();
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
