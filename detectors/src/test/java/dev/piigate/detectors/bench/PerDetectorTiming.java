package dev.piigate.detectors.bench;

import java.util.List;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.TextScanner;

/** Times each built-in detector alone on the bench texts: a quick look for hot spots, not a benchmark. */
public final class PerDetectorTiming {
    private PerDetectorTiming() {}

    public static void main(String[] args) {
        for (String kind : List.of("prose", "logs", "pii")) {
            String text = BenchText.fromParam(kind).generate();
            double mb = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 1e6;
            for (String id : DetectorRegistry.load().builtInIds()) {
                TextScanner s = TextScanner.create(DetectorSettings.defaults().withEnabled(List.of(id)));
                for (int i = 0; i < 3; i++) {
                    s.scan(text);
                }
                long t0 = System.nanoTime();
                int n = 0;
                int reps = 3;
                for (int i = 0; i < reps; i++) {
                    n = s.scan(text).size();
                }
                double sec = (System.nanoTime() - t0) / 1e9 / reps;
                System.out.printf("%-6s %-26s %8.1f MB/s  findings %d%n", kind, id, mb / sec, n);
            }
        }
    }
}
