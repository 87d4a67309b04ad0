package dev.piigate.detectors.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.piigate.detectors.AllowList;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.TextScanner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded scan time of one ~2 MB text: pii-gate's {@link TextScanner} against the
 * regex-per-entity {@link RegexBaseline}. Reported as milliseconds per scan; {@link BenchTable}
 * turns that into MB/s per core from the UTF-8 size of each text.
 *
 * <p>Parameters: {@code text} = prose, logs, pii; {@code detectors} = {@code all} (the real
 * {@code TextScanner.create(DetectorSettings.defaults())}, every built-in detector) or
 * {@code trivial} (the test-only {@link DigitRunDetector}, to check the harness while the real
 * detectors are not there). Run with {@code scripts/bench-detectors}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScanBenchmark {

    @State(Scope.Benchmark)
    public static class Input {
        @Param({"prose", "logs", "pii"})
        public String text;

        String value;

        @Setup(Level.Trial)
        public void generate() {
            BenchText kind = BenchText.fromParam(text);
            value = kind.generate();
            System.out.printf("%n[bench] text=%s: %d chars, %d UTF-8 bytes %s%n", text, value.length(),
                    BenchText.utf8Bytes(value), kind == BenchText.PII ? "planted " + kind.planted() : "");
        }
    }

    @State(Scope.Benchmark)
    public static class PiiGate {
        /** {@code all}: every built-in detector, default settings. {@code trivial}: the harness check. */
        @Param({"all"})
        public String detectors;

        TextScanner scanner;

        @Setup(Level.Trial)
        public void build(Input input) {
            if (detectors.equals("all")) {
                scanner = TextScanner.create(DetectorSettings.defaults());
            } else if (detectors.equals("trivial")) {
                scanner = new TextScanner(List.of(new DigitRunDetector()), AllowList.empty());
            } else {
                throw new IllegalArgumentException("detectors must be 'all' or 'trivial', not '" + detectors + "'");
            }
            // One scan before timing: shows what is being measured finds something (counts only, no values).
            Map<String, Integer> byType = new TreeMap<>();
            int masked = 0;
            for (Finding f : scanner.scan(input.value)) {
                byType.merge(f.type().name(), 1, Integer::sum);
                masked += f.isUnmasked() ? 0 : 1;
            }
            System.out.printf("[bench] pii-gate[%s] %s on %s: findings %s, masked or test values %d%n", detectors,
                    scanner.detectorIds(), input.text, byType, masked);
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        RegexBaseline baseline;

        @Setup(Level.Trial)
        public void build(Input input) {
            baseline = new RegexBaseline(DetectorSettings.defaults().phoneRegions());
            System.out.printf("[bench] baseline on %s: %s%n", input.text, baseline.scan(input.value));
        }
    }

    @Benchmark
    public List<Finding> piiGate(Input input, PiiGate gate) {
        return gate.scanner.scan(input.value);
    }

    @Benchmark
    public int baseline(Input input, Baseline baseline) {
        return baseline.baseline.scan(input.value).total();
    }
}
