package dev.piigate.jobs.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.piigate.jobs.config.ConfigWarning;
import dev.piigate.jobs.gate.BlockReason;
import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.gate.Verdict;
import dev.piigate.jobs.scan.ObjectResult;

/**
 * The printed {@link Summary} as Markdown, written to {@code summary.md} beside report.json: an EMR
 * step, a SageMaker job or a pull-request comment shows it where stdout ends up in container logs.
 * It says what the printed summary says and takes the same inputs, so it holds nothing the summary
 * does not (paths are already masked). Text from paths and messages is escaped, so a name cannot
 * turn into markup, a link or a table cell of its own.
 */
public final class SummaryMarkdown {
    public static final String FILE_NAME = "summary.md";

    private SummaryMarkdown() {}

    /** Same parameters as {@link Summary#print}. */
    public static String render(String dataset, Verdict verdict, List<ConfigWarning> warnings, DatasetCounts counts,
            List<ObjectResult> worst, List<String> extraLines, String outUri) {
        StringBuilder md = new StringBuilder();
        md.append("# pii-gate: ").append(verdict.decision()).append("\n\n");
        md.append("Dataset: ").append(code(dataset)).append("\n");
        if (verdict.decision() != Decision.PASS && !verdict.reasons().isEmpty()) {
            md.append("\n## Reasons\n\n");
            for (BlockReason r : verdict.reasons()) {
                boolean error = Summary.label(r).equals("ERROR");
                md.append("- **").append(Summary.label(r)).append("** ").append(text(r.message()));
                if (!error) {
                    md.append("  \n  observed ").append(Summary.num(r.observed())).append(", threshold ")
                            .append(Summary.num(r.threshold())).append("; set by ").append(code(r.configKey()));
                }
                md.append('\n');
            }
        }
        if (!warnings.isEmpty()) {
            md.append("\n## Warnings\n\n");
            for (ConfigWarning w : warnings) {
                md.append("- ").append(code(w.key())).append(": ").append(text(w.message())).append('\n');
            }
        }
        md.append("\n## Counts\n\n");
        md.append(String.format(Locale.ROOT,
                "Objects %d (%s), records %d: **%d with unmasked PII**, %d masked only, %d clean.%n%n",
                counts.files(), Summary.bytes(counts.bytes()), counts.records(), counts.recordsUnmasked(),
                counts.recordsMaskedOnly(), counts.recordsClean()));
        md.append("| object status | objects |\n|---|---:|\n");
        for (Map.Entry<ObjectStatus, Long> e : new TreeMap<>(counts.statuses()).entrySet()) {
            md.append("| ").append(cell(e.getKey().key())).append(" | ").append(e.getValue()).append(" |\n");
        }
        if (!counts.perType().isEmpty()) {
            md.append("\n| type | unmasked | masked | test | records unmasked |\n|---|---:|---:|---:|---:|\n");
            for (Map.Entry<String, TypeCounts> e : new TreeMap<>(counts.perType()).entrySet()) {
                TypeCounts t = e.getValue();
                md.append("| ").append(cell(e.getKey())).append(" | ").append(t.unmasked()).append(" | ")
                        .append(t.masked()).append(" | ").append(t.testValues()).append(" | ")
                        .append(t.recordsUnmasked()).append(" |\n");
            }
        }
        if (!worst.isEmpty()) {
            md.append("\n## Worst objects\n\n| unmasked records | records | status | object |\n|---:|---:|---|---|\n");
            for (ObjectResult o : worst) {
                md.append("| ").append(o.recordsUnmasked()).append(" | ").append(o.records()).append(" | ")
                        .append(cell(o.status().key())).append(" | ").append(cell(code(o.safeFile()))).append(" |\n");
            }
        }
        List<String> notes = extraLines.stream().filter(l -> !l.isBlank()).toList();
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            for (String line : notes) {
                // The printed lines indent by two, and a detail of the line above by two more.
                String stripped = line.strip();
                boolean detail = line.length() - line.stripLeading().length() > 2;
                md.append(detail ? "  - " : "- ").append(text(stripped)).append('\n');
            }
        }
        md.append("\nFull report: ").append(code(outUri + "/report.json")).append('\n');
        return md.toString();
    }

    /**
     * Text with Markdown's markup characters escaped and line breaks folded: it renders as written,
     * never as emphasis, a link, HTML or a cell. Full stops and hyphens stay readable in the raw
     * file; only where they would start a list or heading are they escaped.
     */
    static String text(String s) {
        String flat = s.replace('\r', ' ').replace('\n', ' ');
        StringBuilder b = new StringBuilder(flat.length() + 8);
        int digits = 0;
        while (digits < flat.length() && Character.isDigit(flat.charAt(digits))) {
            digits++;
        }
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            boolean listOrHeading = i == 0 && "-+#=>".indexOf(c) >= 0
                    || i == digits && digits > 0 && (c == '.' || c == ')');
            if (listOrHeading || "\\`*_[]<>|~&".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * A code span fenced by more backticks than any run inside it (CommonMark), padded when the
     * text starts or ends with one; line breaks folded.
     */
    static String code(String s) {
        String flat = s.replace('\r', ' ').replace('\n', ' ');
        int longest = 0;
        int run = 0;
        for (int i = 0; i < flat.length(); i++) {
            run = flat.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = flat.startsWith("`") || flat.endsWith("`") || flat.isEmpty();
        return fence + (pad ? " " : "") + flat + (pad ? " " : "") + fence;
    }

    /** A table cell: a pipe ends the cell even inside a code span (GFM), so it is escaped. */
    static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
