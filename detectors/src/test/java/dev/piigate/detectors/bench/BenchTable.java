package dev.piigate.detectors.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the CSV that {@code org.openjdk.jmh.Main -rf csv} writes for {@link ScanBenchmark} into
 * the throughput table: MB/s per core (10^6 bytes of UTF-8 text per second, one thread) for
 * pii-gate and the regex baseline, their ratio, and the targets.
 *
 * <p>Usage: {@code BenchTable results.csv [--strict]}; with {@code --strict} the exit code is 1
 * when a target of the {@code all} configuration is missed or has no result.
 */
final class BenchTable {
    private BenchTable() {}

    /** Throughput targets per text, in MB/s per core, and the minimum speed-up over the baseline. */
    record Target(double megabytesPerSecond, double minRatio) {
        String describe() {
            String speed = String.format(Locale.ROOT, ">= %.0f MB/s", megabytesPerSecond);
            return minRatio > 0 ? speed + String.format(Locale.ROOT, ", >= %.0fx", minRatio) : speed;
        }

        boolean met(double megabytesPerSecond, double ratio) {
            return megabytesPerSecond >= this.megabytesPerSecond && (minRatio <= 0 || ratio >= minRatio);
        }
    }

    static final Map<BenchText, Target> TARGETS = Map.of(
            BenchText.PROSE, new Target(500, 10),
            BenchText.LOGS, new Target(50, 0),
            BenchText.PII, new Target(100, 0));

    /** One JMH result row: mean milliseconds per scan and its 99.9% error. */
    record Score(double millis, double error) {
        double megabytesPerSecond(long bytes) {
            return bytes / 1e6 / (millis / 1e3);
        }

        /** Relative error, in percent; NaN when JMH had too few samples to give one. */
        double errorPercent() {
            return 100 * error / millis;
        }
    }

    /** Results keyed by text param, then by "baseline" or "piiGate[detectors]". */
    static Map<String, Map<String, Score>> parse(List<String> csvLines) {
        if (csvLines.isEmpty()) {
            throw new IllegalArgumentException("empty JMH result file");
        }
        List<String> header = splitCsv(csvLines.get(0));
        int benchmark = header.indexOf("Benchmark");
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int unit = header.indexOf("Unit");
        int text = header.indexOf("Param: text");
        int detectors = header.indexOf("Param: detectors");
        if (benchmark < 0 || score < 0 || unit < 0 || text < 0) {
            throw new IllegalArgumentException("not a ScanBenchmark CSV, header: " + header);
        }
        Map<String, Map<String, Score>> results = new LinkedHashMap<>();
        for (String line : csvLines.subList(1, csvLines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> row = splitCsv(line);
            if (!row.get(unit).equals("ms/op")) {
                throw new IllegalArgumentException("expected ms/op (Mode.AverageTime), got " + row.get(unit));
            }
            String method = row.get(benchmark).substring(row.get(benchmark).lastIndexOf('.') + 1);
            String key = method.equals("piiGate") && detectors >= 0 ? "piiGate[" + row.get(detectors) + "]" : method;
            double err = error >= 0 && !row.get(error).isEmpty() ? Double.parseDouble(row.get(error)) : Double.NaN;
            results.computeIfAbsent(row.get(text), k -> new LinkedHashMap<>())
                    .put(key, new Score(Double.parseDouble(row.get(score)), err));
        }
        return results;
    }

    /** JMH's CSV: comma separated, strings in double quotes, no embedded quotes or commas. */
    static List<String> splitCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** The table; returns whether every target of the {@code all} configuration is met. */
    static boolean render(Map<String, Map<String, Score>> results, Map<BenchText, Long> sizes, StringBuilder out) {
        Set<String> configurations = new LinkedHashSet<>();
        for (Map<String, Score> byKey : results.values()) {
            for (String key : byKey.keySet()) {
                if (key.startsWith("piiGate[")) {
                    configurations.add(key.substring("piiGate[".length(), key.length() - 1));
                }
            }
        }
        if (configurations.isEmpty()) {
            configurations.add("all"); // nothing measured: show the default configuration as failed
        }
        String format = "%-22s %-9s %-10s %-17s %-17s %-8s %-22s %s%n";
        out.append(String.format(Locale.ROOT, format, "text", "size", "detectors", "pii-gate MB/s", "baseline MB/s",
                "ratio", "target", "met"));
        boolean allMet = true;
        for (BenchText kind : BenchText.values()) {
            Map<String, Score> byKey = results.getOrDefault(kind.param(), Map.of());
            long bytes = sizes.get(kind);
            Score baseline = byKey.get("baseline");
            Double baselineRate = baseline == null ? null : baseline.megabytesPerSecond(bytes);
            for (String configuration : configurations) {
                Score gate = byKey.get("piiGate[" + configuration + "]");
                Double gateRate = gate == null ? null : gate.megabytesPerSecond(bytes);
                Target target = TARGETS.get(kind);
                String met;
                if (!configuration.equals("all")) {
                    met = "- (targets are for 'all')";
                } else if (gateRate == null || (target.minRatio() > 0 && baselineRate == null)) {
                    met = "NO (no result)";
                    allMet = false;
                } else {
                    boolean ok = target.met(gateRate, baselineRate == null ? 0 : gateRate / baselineRate);
                    met = ok ? "yes" : "NO";
                    allMet &= ok;
                }
                String ratio = gateRate == null || baselineRate == null ? "-"
                        : String.format(Locale.ROOT, "%.1fx", gateRate / baselineRate);
                out.append(String.format(Locale.ROOT, format, kind.description(),
                        String.format(Locale.ROOT, "%.2f MB", bytes / 1e6), configuration, rate(gate, gateRate),
                        rate(baseline, baselineRate), ratio, target.describe(), met));
            }
        }
        return allMet;
    }

    private static String rate(Score score, Double rate) {
        if (score == null) {
            return "failed/not run";
        }
        if (Double.isNaN(score.errorPercent())) {
            return String.format(Locale.ROOT, "%.1f", rate);
        }
        return String.format(Locale.ROOT, "%.1f \u00B1%.0f%%", rate, score.errorPercent());
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: BenchTable <jmh-results.csv> [--strict]");
            System.exit(2);
        }
        boolean strict = args.length > 1 && args[1].equals("--strict");
        Map<String, Map<String, Score>> results = parse(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
        Map<BenchText, Long> sizes = new LinkedHashMap<>();
        for (BenchText kind : BenchText.values()) {
            sizes.put(kind, (long) BenchText.utf8Bytes(kind.generate()));
        }
        StringBuilder out = new StringBuilder();
        out.append("Single-thread scan throughput (MB/s per core, MB = 10^6 bytes of UTF-8 text; \u00B1 = JMH 99.9% error)\n");
        out.append("pii-gate 'all' = TextScanner.create(DetectorSettings.defaults()); 'trivial' = test-only digit-run walk\n");
        out.append("baseline = one java.util.regex.Pattern per entity + Commons Validator / libphonenumber validation\n\n");
        boolean allMet = render(results, sizes, out);
        System.out.print(out);
        if (strict && !allMet) {
            System.exit(1);
        }
    }
}
