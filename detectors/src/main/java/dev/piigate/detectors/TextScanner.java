package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a set of detectors over one text and returns their findings with offsets in the original
 * text: allow-listed values removed, overlapping findings resolved (the more confident, then the
 * longer, wins), in order of position. Thread-safe if its detectors are; build one per executor.
 */
public final class TextScanner {
    private static final Comparator<Finding> BY_POSITION =
            Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end);

    private final List<Detector> detectors;
    private final AllowList allowList;

    public TextScanner(List<Detector> detectors, AllowList allowList) {
        this.detectors = List.copyOf(requireNonNull(detectors, "detectors"));
        this.allowList = requireNonNull(allowList, "allowList");
    }

    public static TextScanner create(DetectorSettings settings) {
        return new TextScanner(DetectorRegistry.load().create(settings), settings.allowList());
    }

    public List<String> detectorIds() {
        List<String> ids = new ArrayList<>();
        for (Detector d : detectors) {
            ids.add(d.id());
        }
        return ids;
    }

    /** Findings in {@code text}, offsets in {@code text}. */
    public List<Finding> scan(String text, String field) {
        ScanText scanText = ScanText.of(text, field);
        Collector collector = new Collector();
        for (Detector d : detectors) {
            d.scan(scanText, collector);
        }
        List<Finding> found = collector.findings;
        if (found.isEmpty()) {
            return List.of();
        }
        List<Finding> result = new ArrayList<>(found.size());
        for (Finding f : resolveOverlaps(found)) {
            Finding mapped = scanText.toOriginal(f);
            if (allowList.isEmpty() || !allowList.allows(text.substring(mapped.start(), mapped.end()))) {
                result.add(mapped);
            }
        }
        return result;
    }

    public List<Finding> scan(String text) {
        return scan(text, null);
    }

    /** Keeps, among findings that overlap, the most confident, then the longest, then the first. */
    static List<Finding> resolveOverlaps(List<Finding> findings) {
        if (findings.size() == 1) {
            return findings;
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(BY_POSITION);
        List<Finding> kept = new ArrayList<>(sorted.size());
        for (Finding f : sorted) {
            boolean add = true;
            for (int k = kept.size() - 1; k >= 0 && kept.get(k).end() > f.start() - 1; k--) {
                Finding other = kept.get(k);
                if (!other.overlaps(f)) {
                    continue;
                }
                if (beats(f, other)) {
                    kept.remove(k);
                } else {
                    add = false;
                    break;
                }
            }
            if (add) {
                kept.add(f);
            }
        }
        kept.sort(BY_POSITION);
        return kept;
    }

    private static boolean beats(Finding a, Finding b) {
        if (a.confidence() != b.confidence()) {
            return a.confidence() > b.confidence();
        }
        return a.length() > b.length();
    }

    private static final class Collector implements FindingSink {
        final List<Finding> findings = new ArrayList<>(4);

        @Override
        public void found(Finding finding) {
            findings.add(finding);
        }

        @Override
        public boolean wantsRejections() {
            return false;
        }
    }
}
