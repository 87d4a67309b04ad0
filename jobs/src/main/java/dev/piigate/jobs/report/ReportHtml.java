package dev.piigate.jobs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
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
 * report.html beside report.json: the run's outcome as one page a person reads, self-contained (one
 * file, inline style and SVG charts, no script, nothing fetched: its Content-Security-Policy
 * forbids it). It shows what the printed {@link Summary} says, with the same inputs and words,
 * plus charts, the Macie cross-check and where the worst objects' unmasked findings sit
 * ({@link WorstLocations}). Like summary.md it holds nothing the outputs do not: paths, fields and
 * previews come masked, and every text is escaped, so a name stays text whatever it holds.
 */
public final class ReportHtml {
    public static final String FILE_NAME = "report.html";
    /** Nothing loads but the page itself; its style and its SVG are inline. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
    /** The chart over the dataset has at most this many columns ({@link DatasetBins}). */
    static final int MAX_BINS = 100;

    /**
     * What the page shows besides the objects streamed past for the chart over the dataset.
     *
     * @param dataset      the inputs or the manifest as outputs name them (masked)
     * @param counts       as the gate counts them
     * @param worst        the worst objects as the gate counts them, worst first
     * @param notes        the printed summary's extra lines (Macie's among them, shown in their own section)
     * @param macieSection report.json's {@code macie} section, or null when there was no cross-check
     * @param macieLines   the cross-check's lines of the printed summary (empty without one)
     * @param locations    the worst objects' unmasked findings ({@link WorstLocations#take})
     */
    public record Page(String dataset, Verdict verdict, List<ConfigWarning> warnings, DatasetCounts counts,
            List<ObjectResult> worst, List<String> notes, String outUri, Map<String, Object> macieSection,
            List<String> macieLines, List<FindingLocation> locations) {
        public Page {
            warnings = List.copyOf(warnings);
            worst = List.copyOf(worst);
            notes = List.copyOf(notes);
            macieLines = List.copyOf(macieLines);
            locations = List.copyOf(locations);
        }
    }

    private ReportHtml() {}

    /**
     * The page.
     *
     * @param objects         every object in path order, as the scan counted it: streamed past once
     *                        into at most {@value #MAX_BINS} bins, never held
     * @param testValuesCount {@code policy.testValuesCountAsUnmasked}: the objects are counted as the gate counts them
     */
    public static String render(Page p, Iterator<ObjectResult> objects, boolean testValuesCount) {
        List<DatasetBins.Bin> bins = DatasetBins.of(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return objects.hasNext();
            }

            @Override
            public ObjectResult next() {
                return objects.next().counted(testValuesCount);
            }
        }, MAX_BINS);
        long binned = bins.stream().mapToLong(DatasetBins.Bin::objects).sum();
        DatasetCounts c = p.counts();
        Decision decision = p.verdict().decision();
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"color-scheme\" content=\"light\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(Summary.verdictLine(p.verdict(), p.dataset()))).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");

        h.append("<header class=\"verdict ").append(decision.name().toLowerCase(Locale.ROOT)).append("\">\n")
                .append("<h1><span class=\"decision\">").append(decision.name()).append("</span> pii-gate</h1>\n")
                .append("<p>Dataset <code>").append(escape(p.dataset())).append("</code></p>\n")
                .append("<p>").append(String.format(Locale.ROOT, "Objects %d (%s), records %d: <strong>%d with"
                        + " unmasked PII</strong>, %d masked only, %d clean.", c.files(), Summary.bytes(c.bytes()),
                        c.records(), c.recordsUnmasked(), c.recordsMaskedOnly(), c.recordsClean()))
                .append("</p>\n</header>\n");

        if (decision != Decision.PASS && !p.verdict().reasons().isEmpty()) {
            reasons(h, p.verdict().reasons());
        }
        if (!p.warnings().isEmpty()) {
            h.append("<section id=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n");
            for (ConfigWarning w : p.warnings()) {
                h.append("<li><code>").append(escape(w.key())).append("</code>: ").append(escape(w.message()))
                        .append("</li>\n");
            }
            h.append("</ul>\n</section>\n");
        }
        counts(h, c);
        types(h, c);
        if (!p.worst().isEmpty()) {
            worst(h, p.worst());
        }
        h.append("<section id=\"over-dataset\">\n<h2>Records with PII over the dataset</h2>\n<p>")
                .append(bins.size() == binned ? "One column per object"
                        : "Each column is " + bins.get(0).objects() + " consecutive objects")
                .append(", in path order; a dark mark below a column: an object in it was not scanned COMPLETE.</p>\n")
                .append(HtmlCharts.overDataset(bins, binned)).append('\n')
                .append(legend(List.of(new String[] {"s-unmasked", "with unmasked PII"},
                        new String[] {"s-masked", "masked only"}, new String[] {"s-clean", "clean"},
                        new String[] {"s-incomplete", "not scanned COMPLETE"})))
                .append("</section>\n");
        if (!p.locations().isEmpty()) {
            locations(h, p.locations());
        }
        if (p.macieSection() != null) {
            macie(h, p.macieSection(), p.macieLines());
        }
        List<String> notes = new ArrayList<>(p.notes());
        notes.removeAll(p.macieLines());
        notes.removeIf(String::isBlank);
        if (!notes.isEmpty()) {
            h.append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
            for (String line : notes) {
                // The printed lines indent by two, and a detail of the line above by two more.
                boolean detail = line.length() - line.stripLeading().length() > 2;
                h.append(detail ? "<li class=\"detail\">" : "<li>").append(escape(line.strip())).append("</li>\n");
            }
            h.append("</ul>\n</section>\n");
        }
        h.append("<footer>\n<p>Full report: <code>").append(escape(p.outUri() + "/report.json"))
                .append("</code>; every finding: <code>").append(escape(p.outUri() + "/findings/"))
                .append("</code>.</p>\n<p>No value from the data is on this page: paths, fields and previews are"
                        + " masked as report.json and findings/ write them.</p>\n</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void reasons(StringBuilder h, List<BlockReason> reasons) {
        h.append("<section id=\"reasons\">\n<h2>Why</h2>\n<table>\n<thead><tr><th></th><th>reason</th>"
                + "<th class=\"n\">observed</th><th class=\"n\">threshold</th><th>set by</th></tr></thead>\n<tbody>\n");
        for (BlockReason r : reasons) {
            String label = Summary.label(r);
            boolean block = label.equals("BLOCK");
            h.append("<tr><td><span class=\"tag ").append(label.toLowerCase(Locale.ROOT)).append("\">").append(label)
                    .append("</span></td><td>").append(escape(r.message())).append("</td>");
            if (block) {
                h.append("<td class=\"n\">").append(Summary.num(r.observed())).append("</td><td class=\"n\">")
                        .append(Summary.num(r.threshold())).append("</td><td><code>").append(escape(r.configKey()))
                        .append("</code></td>");
            } else {
                // An ERROR has no numbers (as the printed summary says it); its key says what to do.
                h.append("<td class=\"n\">-</td><td class=\"n\">-</td><td>").append(escape(r.configKey()))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void counts(StringBuilder h, DatasetCounts c) {
        long unmasked = 0;
        long masked = 0;
        long test = 0;
        for (TypeCounts t : c.perType().values()) {
            unmasked += t.unmasked();
            masked += t.masked();
            test += t.testValues();
        }
        h.append("<section id=\"counts\">\n<h2>Masked, unmasked and test values</h2>\n")
                .append(HtmlCharts.horizontal("records and findings by state", List.of(
                        new HtmlCharts.Bar("records", c.recordsUnmasked() + " of " + c.records(), List.of(
                                new HtmlCharts.Segment(c.recordsUnmasked(), "s-unmasked", "with unmasked PII"),
                                new HtmlCharts.Segment(c.recordsMaskedOnly(), "s-masked", "masked only"),
                                new HtmlCharts.Segment(c.recordsClean(), "s-clean", "clean"))),
                        new HtmlCharts.Bar("findings", unmasked + " of " + (unmasked + masked + test), List.of(
                                new HtmlCharts.Segment(unmasked, "s-unmasked", "unmasked"),
                                new HtmlCharts.Segment(masked, "s-masked", "masked"),
                                new HtmlCharts.Segment(test, "s-test", "test values"))))))
                .append('\n')
                .append(legend(List.of(new String[] {"s-unmasked", "unmasked (records: with unmasked PII)"},
                        new String[] {"s-masked", "masked (records: masked only)"},
                        new String[] {"s-test", "public test values"}, new String[] {"s-clean", "clean records"})));
        h.append("<h3>Object status</h3>\n");
        List<HtmlCharts.Bar> statuses = new ArrayList<>();
        for (Map.Entry<ObjectStatus, Long> e : new TreeMap<>(c.statuses()).entrySet()) {
            statuses.add(new HtmlCharts.Bar(e.getKey().key(), String.valueOf(e.getValue()), List.of(
                    new HtmlCharts.Segment(e.getValue(), e.getKey().complete() ? "s-complete" : "s-incomplete",
                            "objects"))));
        }
        h.append(HtmlCharts.horizontal("objects per status", statuses)).append('\n')
                .append("<table>\n<thead><tr><th>object status</th><th class=\"n\">objects</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<ObjectStatus, Long> e : new TreeMap<>(c.statuses()).entrySet()) {
            h.append("<tr><td>").append(escape(e.getKey().key())).append("</td><td class=\"n\">").append(e.getValue())
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void types(StringBuilder h, DatasetCounts c) {
        if (c.perType().isEmpty()) {
            return;
        }
        h.append("<section id=\"types\">\n<h2>Findings per type</h2>\n");
        List<Map.Entry<String, TypeCounts>> byUnmasked = new ArrayList<>(new TreeMap<>(c.perType()).entrySet());
        byUnmasked.sort(Comparator.comparingLong((Map.Entry<String, TypeCounts> e) -> e.getValue().unmasked())
                .reversed().thenComparing(Comparator.comparingLong((Map.Entry<String, TypeCounts> e) ->
                        e.getValue().masked() + e.getValue().testValues()).reversed()));
        List<HtmlCharts.Bar> bars = new ArrayList<>();
        for (Map.Entry<String, TypeCounts> e : byUnmasked) {
            TypeCounts t = e.getValue();
            bars.add(new HtmlCharts.Bar(e.getKey(), t.unmasked() + " / " + t.masked() + " / " + t.testValues(),
                    List.of(new HtmlCharts.Segment(t.unmasked(), "s-unmasked", "unmasked"),
                            new HtmlCharts.Segment(t.masked(), "s-masked", "masked"),
                            new HtmlCharts.Segment(t.testValues(), "s-test", "test values"))));
        }
        h.append(HtmlCharts.horizontal("findings per type: unmasked, masked, test values", bars)).append('\n')
                .append(legend(List.of(new String[] {"s-unmasked", "unmasked"}, new String[] {"s-masked", "masked"},
                        new String[] {"s-test", "public test values"})))
                .append("<table>\n<thead><tr><th>type</th><th class=\"n\">unmasked</th><th class=\"n\">masked</th>"
                        + "<th class=\"n\">test</th><th class=\"n\">records unmasked</th></tr></thead>\n<tbody>\n");
        // Sorted by name, as the printed summary sorts them.
        for (Map.Entry<String, TypeCounts> e : new TreeMap<>(c.perType()).entrySet()) {
            TypeCounts t = e.getValue();
            h.append("<tr><td>").append(escape(e.getKey())).append("</td><td class=\"n\">").append(t.unmasked())
                    .append("</td><td class=\"n\">").append(t.masked()).append("</td><td class=\"n\">")
                    .append(t.testValues()).append("</td><td class=\"n\">").append(t.recordsUnmasked())
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void worst(StringBuilder h, List<ObjectResult> worst) {
        h.append("<section id=\"worst\">\n<h2>Worst objects</h2>\n");
        List<HtmlCharts.Bar> bars = new ArrayList<>();
        for (ObjectResult o : worst) {
            bars.add(new HtmlCharts.Bar(o.safeFile(), o.recordsUnmasked() + " of " + o.records()
                    + (o.status().complete() ? "" : " " + o.status().key()), List.of(
                            new HtmlCharts.Segment(o.recordsUnmasked(), "s-unmasked", "records with unmasked PII"),
                            new HtmlCharts.Segment(o.records() - o.recordsUnmasked(), "s-clean", "other records"))));
        }
        h.append(HtmlCharts.horizontal("records with unmasked PII in the worst objects", bars)).append('\n')
                .append(legend(List.of(new String[] {"s-unmasked", "records with unmasked PII"},
                        new String[] {"s-clean", "other records"})))
                .append("<table>\n<thead><tr><th class=\"n\">unmasked records</th><th class=\"n\">records</th>"
                        + "<th>status</th><th>object</th></tr></thead>\n<tbody>\n");
        for (ObjectResult o : worst) {
            h.append("<tr><td class=\"n\">").append(o.recordsUnmasked()).append("</td><td class=\"n\">")
                    .append(o.records()).append("</td><td>").append(escape(o.status().key()));
            if (o.detail() != null && !o.detail().isEmpty()) {
                h.append("<br><small>").append(escape(o.detail())).append("</small>");
            }
            h.append("</td><td><code>").append(escape(o.safeFile())).append("</code></td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void locations(StringBuilder h, List<FindingLocation> locations) {
        h.append("<section id=\"locations\">\n<h2>Where the worst objects' unmasked findings are</h2>\n<p>")
                .append("The first ").append(WorstLocations.PER_OBJECT).append(" of each worst object by record and"
                        + " start, ").append(WorstLocations.TOTAL).append(" in all, as the gate counts them;"
                        + " findings/ holds every finding.</p>\n")
                .append("<table>\n<thead><tr><th class=\"n\">record</th><th>field</th><th class=\"n\">span</th>"
                        + "<th>type</th><th>masked preview</th></tr></thead>\n<tbody>\n");
        String object = null;
        for (FindingLocation l : locations) {
            if (!l.safeFile().equals(object)) {
                object = l.safeFile();
                h.append("<tr class=\"object\"><th colspan=\"5\"><code>").append(escape(object))
                        .append("</code></th></tr>\n");
            }
            h.append("<tr><td class=\"n\">").append(l.record()).append("</td><td>")
                    .append(l.field() == null ? "" : "<code>" + escape(l.field()) + "</code>")
                    .append("</td><td class=\"n\">").append(l.start()).append('-').append(l.end()).append("</td><td>")
                    .append(escape(l.type())).append("</td><td><code>").append(escape(l.preview()))
                    .append("</code></td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    /** report.json's {@code macie} section as tables (object categories, occurrences, per type) and the summary's lines. */
    private static void macie(StringBuilder h, Map<String, Object> section, List<String> lines) {
        h.append("<section id=\"macie\">\n<h2>Macie cross-check</h2>\n<ul>\n");
        for (String line : lines) {
            if (!line.isBlank()) {
                boolean detail = line.length() - line.stripLeading().length() > 2;
                h.append(detail ? "<li class=\"detail\">" : "<li>").append(escape(line.strip())).append("</li>\n");
            }
        }
        h.append("</ul>\n");
        if (section.get("objects") instanceof Map<?, ?> objects && !objects.isEmpty()) {
            h.append("<table>\n<thead><tr><th>objects</th><th class=\"n\">count</th></tr></thead>\n<tbody>\n");
            objects.forEach((k, v) -> h.append("<tr><td>").append(escape(String.valueOf(k)))
                    .append("</td><td class=\"n\">").append(escape(String.valueOf(v))).append("</td></tr>\n"));
            h.append("</tbody>\n</table>\n");
        }
        if (section.get("types") instanceof Map<?, ?> types && !types.isEmpty()) {
            List<String> columns = List.of("macie", "ours", "agree", "macieOnly", "oursOnly");
            h.append("<table>\n<thead><tr><th>type</th>");
            for (String col : columns) {
                h.append("<th class=\"n\">").append(col).append("</th>");
            }
            h.append("</tr></thead>\n<tbody>\n");
            new TreeMap<>(types).forEach((type, counts) -> {
                h.append("<tr><td>").append(escape(String.valueOf(type))).append("</td>");
                for (String col : columns) {
                    Object v = counts instanceof Map<?, ?> m ? m.get(col) : null;
                    h.append("<td class=\"n\">").append(v == null ? "0" : escape(String.valueOf(v))).append("</td>");
                }
                h.append("</tr>\n");
            });
            h.append("</tbody>\n</table>\n");
        }
        h.append("</section>\n");
    }

    private static String legend(List<String[]> entries) {
        StringBuilder l = new StringBuilder("<p class=\"legend\">");
        for (String[] e : entries) {
            l.append("<span><span class=\"sw ").append(e[0]).append("\"></span>").append(escape(e[1]))
                    .append("</span>");
        }
        return l.append("</p>\n").toString();
    }

    /**
     * Text for HTML content and attribute values: markup characters as entities, control characters
     * (but tab and line feed) as U+FFFD, so nothing from a name becomes markup or breaks the page.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (Character.isISOControl(cp) && cp != '\t' && cp != '\n') {
                        b.append('\uFFFD');
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.toString();
    }

    /** Light, printable, no web font: the system's sans-serif and monospace. */
    private static final String STYLE = """
            :root{color-scheme:light}
            *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1b1b1b;\
            background:#fff;max-width:1100px;margin:0 auto;padding:16px 24px 40px}
            h1{font-size:26px;margin:0 0 6px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ccc;\
            padding-bottom:3px}h3{font-size:15px;margin:18px 0 6px}
            code{font:12.5px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
            .verdict{border:2px solid;border-radius:6px;padding:12px 18px;margin-bottom:8px}
            .verdict p{margin:4px 0}
            .verdict.pass{background:#e6f4ea;border-color:#137333}.verdict.pass .decision{background:#137333}
            .verdict.block{background:#fce8e6;border-color:#a50e0e}.verdict.block .decision{background:#a50e0e}
            .verdict.error{background:#fef3e0;border-color:#8a4b00}.verdict.error .decision{background:#8a4b00}
            .decision{color:#fff;border-radius:4px;padding:1px 10px;margin-right:6px}
            table{border-collapse:collapse;margin:8px 0}
            th,td{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}
            th{background:#f3f3f3}.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            tr.object th{background:#fafafa;font-weight:normal}
            .tag{font-weight:bold;padding:0 6px;border-radius:3px;color:#fff}.tag.block{background:#a50e0e}\
            .tag.error{background:#8a4b00}
            li.detail{margin-left:20px;list-style:circle}
            svg{display:block;max-width:100%;height:auto;margin:6px 0}
            svg text{font:12px system-ui,"DejaVu Sans",sans-serif;fill:#1b1b1b}
            svg .axis{stroke:#888;stroke-width:1}
            .s-unmasked{fill:#c0392b}.s-masked{fill:#1f6fb2}.s-test{fill:#e69f00}.s-clean{fill:#cfcfcf}\
            .s-complete{fill:#2e8b57}.s-incomplete{fill:#333}
            .sw{display:inline-block;width:11px;height:11px;margin:0 5px 0 0;vertical-align:-1px}
            .sw.s-unmasked{background:#c0392b}.sw.s-masked{background:#1f6fb2}.sw.s-test{background:#e69f00}\
            .sw.s-clean{background:#cfcfcf}.sw.s-complete{background:#2e8b57}.sw.s-incomplete{background:#333}
            .legend{font-size:12.5px;color:#444}.legend>span{margin-right:16px;white-space:nowrap}
            footer{margin-top:32px;color:#555;font-size:12.5px}
            @media print{body{max-width:none;padding:0}section{break-inside:avoid-page}h2{break-after:avoid}}
            """;
}
