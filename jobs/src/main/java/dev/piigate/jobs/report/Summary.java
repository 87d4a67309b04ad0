package dev.piigate.jobs.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.piigate.jobs.config.ConfigWarning;
import dev.piigate.jobs.gate.BlockReason;
import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.gate.Verdict;
import dev.piigate.jobs.scan.ObjectResult;

/** The summary printed at the end of a run: verdict first, then what a person needs to act on it. */
public final class Summary {
    private Summary() {}

    /** @param warnings settings that narrow detection or the gate: one line each, after the verdict */
    public static void print(PrintStream out, String dataset, Verdict verdict, List<ConfigWarning> warnings,
            DatasetCounts counts, List<ObjectResult> worst, List<String> extraLines, String outUri) {
        out.println();
        out.println(verdictLine(verdict, dataset));
        if (verdict.decision() != Decision.PASS) {
            for (BlockReason r : verdict.reasons()) {
                String label = label(r);
                out.println("  " + label + " " + r.message());
                if (label.equals("BLOCK")) {
                    out.println("        threshold " + num(r.threshold()) + ", observed " + num(r.observed())
                            + "; set by " + r.configKey());
                }
            }
        }
        for (ConfigWarning w : warnings) {
            out.println("  WARNING " + w.key() + ": " + w.message());
        }
        out.printf(Locale.ROOT, "%n  objects %d (%s), records %d: %d with unmasked PII, %d masked only, %d clean%n",
                counts.files(), bytes(counts.bytes()), counts.records(), counts.recordsUnmasked(),
                counts.recordsMaskedOnly(), counts.recordsClean());
        StringBuilder statuses = new StringBuilder();
        for (Map.Entry<ObjectStatus, Long> e : new java.util.TreeMap<>(counts.statuses()).entrySet()) {
            statuses.append(statuses.length() == 0 ? "" : ", ").append(e.getKey().key()).append(' ').append(e.getValue());
        }
        out.println("  object status: " + statuses);
        if (!counts.perType().isEmpty()) {
            // As wide as the longest type (FRANCE_NATIONAL_IDENTIFICATION_NUMBER is 37), so columns stay aligned.
            int width = Math.max(28, counts.perType().keySet().stream().mapToInt(String::length).max().orElse(0));
            out.printf(Locale.ROOT, "%n  %-" + width + "s %10s %10s %10s %16s%n", "type", "unmasked", "masked", "test",
                    "records unmasked");
            for (Map.Entry<String, TypeCounts> e : new java.util.TreeMap<>(counts.perType()).entrySet()) {
                TypeCounts t = e.getValue();
                out.printf(Locale.ROOT, "  %-" + width + "s %10d %10d %10d %16d%n", e.getKey(), t.unmasked(),
                        t.masked(), t.testValues(), t.recordsUnmasked());
            }
        }
        if (!worst.isEmpty()) {
            out.println();
            out.println("  worst objects:");
            for (ObjectResult o : worst) {
                out.printf(Locale.ROOT, "    %6d unmasked records of %-8d %-9s %s%n", o.recordsUnmasked(), o.records(),
                        o.status().key(), o.safeFile());
            }
        }
        for (String line : extraLines) {
            out.println(line);
        }
        out.println();
        out.println("  report: " + outUri + "/report.json");
        out.println();
    }

    /** The summary's first line, also all that {@code --quiet} prints: {@code pii-gate: BLOCK  <dataset>}. */
    public static String verdictLine(Verdict verdict, String dataset) {
        return "pii-gate: " + verdict.decision() + "  " + dataset;
    }

    /**
     * {@code BLOCK} for a reason of the gate, {@code ERROR} for the failure an ERROR adds to them
     * (which has no numbers): how the summary, summary.md and report.html label a reason.
     */
    static String label(BlockReason r) {
        return r.code().equals(Report.PUBLISH_FAILED) ? "ERROR" : "BLOCK";
    }

    static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.6f", d);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", b / (1024.0 * 1024 * 1024));
    }
}
