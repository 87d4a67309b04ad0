package dev.piigate.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.piigate.jobs.config.ConfigWarning;
import dev.piigate.jobs.gate.BlockReason;
import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.gate.Verdict;
import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;
import dev.piigate.jobs.scan.ObjectResult;

/**
 * report.html's structure over built values: which sections a run gets, the reasons with their
 * numbers and keys, the tables as the summary counts them, bounded charts, and text from names that
 * stays text. The page is checked in a real browser by ReportHtmlBrowserTest.
 */
class ReportHtmlTest {
    private static final ObjectStatus CORRUPT = new ObjectStatus(ScanStatus.SKIPPED, StatusReason.CORRUPT);
    private static final DatasetCounts COUNTS = new DatasetCounts(3, 3072, 10, 3, 0, 1, 0,
            Map.of("IBAN", new TypeCounts(2, 1, 0, 2), "CREDIT_CARD_NUMBER", new TypeCounts(4, 0, 1, 3)),
            Map.of(ObjectStatus.COMPLETE, 2L, CORRUPT, 1L));
    private static final BlockReason UNMASKED = new BlockReason("UNMASKED_RECORDS", "overall",
            "records with unmasked PII: 3 of 10 scanned, more than the limit of 0 (policy.maxUnmaskedRecords)", 3, 0,
            "policy.maxUnmaskedRecords");
    private static final Verdict BLOCK = new Verdict(Decision.BLOCK, List.of(UNMASKED));
    private static final Verdict PASS = new Verdict(Decision.PASS, List.of());

    private static ObjectResult object(String safeFile, long records, long unmasked) {
        return object(safeFile, records, unmasked, ObjectStatus.COMPLETE, null);
    }

    private static ObjectResult object(String safeFile, long records, long unmasked, ObjectStatus status,
            String detail) {
        return new ObjectResult("file:/d/" + safeFile.hashCode(), safeFile, "text", 1024, null, status, detail,
                records, unmasked, 0, 0, 0, unmasked, 0, Map.of());
    }

    private static final List<ObjectResult> OBJECTS = List.of(object("s3a://b/data/a.txt", 6, 3),
            object("s3a://b/data/b.txt", 4, 0), object("s3a://b/data/c.pdf", 0, 0, CORRUPT, "not a PDF"));

    private static ReportHtml.Page page(Verdict verdict, List<ObjectResult> worst, List<String> notes,
            Map<String, Object> macie, List<String> macieLines, List<FindingLocation> locations) {
        return new ReportHtml.Page("s3a://b/data/", verdict, List.of(new ConfigWarning("detectors.enabled",
                "IBAN is not looked for")), COUNTS, worst, notes, "/tmp/out", macie, macieLines, locations);
    }

    private static String blockedPage() {
        return ReportHtml.render(page(BLOCK, List.of(OBJECTS.get(0), OBJECTS.get(2)),
                List.of("  left out of the scan: 1 file (MARKER 1); listed in report.json ignoredReasons",
                        "  no approval published; any earlier approval withdrawn: s3a://b/train.manifest"),
                null, List.of(), List.of(new FindingLocation("s3a://b/data/a.txt", 2, "$.text", 10, 29,
                        "CREDIT_CARD_NUMBER", "************1111"), new FindingLocation("s3a://b/data/a.txt", 5,
                                "$.note", 0, 22, "IBAN", "******************3000"))),
                OBJECTS.iterator(), false);
    }

    @Test
    void aBlockedRunsPageHasItsSectionsInOrder() {
        String html = blockedPage();
        assertThat(sections(html)).containsExactly("reasons", "warnings", "counts", "types", "worst", "over-dataset",
                "locations", "notes");
        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                + " img-src data:\">\n")
                .contains("<title>pii-gate: BLOCK  s3a://b/data/</title>")
                .contains("<header class=\"verdict block\">\n<h1><span class=\"decision\">BLOCK</span> pii-gate</h1>\n"
                        + "<p>Dataset <code>s3a://b/data/</code></p>\n<p>Objects 3 (3.0 KiB), records 10: <strong>3"
                        + " with unmasked PII</strong>, 1 masked only, 6 clean.</p>")
                // The reason with its numbers and the key that sets the limit, as the summary says them.
                .contains("<tr><td><span class=\"tag block\">BLOCK</span></td><td>records with unmasked PII: 3 of 10"
                        + " scanned, more than the limit of 0 (policy.maxUnmaskedRecords)</td><td class=\"n\">3</td>"
                        + "<td class=\"n\">0</td><td><code>policy.maxUnmaskedRecords</code></td></tr>")
                .contains("<li><code>detectors.enabled</code>: IBAN is not looked for</li>")
                .contains("<tr><td>COMPLETE</td><td class=\"n\">2</td></tr>\n<tr><td>SKIPPED/CORRUPT</td>"
                        + "<td class=\"n\">1</td></tr>")
                // Types sorted by name in the table, as the printed summary sorts them.
                .contains("<tr><td>CREDIT_CARD_NUMBER</td><td class=\"n\">4</td><td class=\"n\">0</td><td class=\"n\">1"
                        + "</td><td class=\"n\">3</td></tr>\n<tr><td>IBAN</td><td class=\"n\">2</td><td class=\"n\">1"
                        + "</td><td class=\"n\">0</td><td class=\"n\">2</td></tr>")
                .contains("<tr><td class=\"n\">3</td><td class=\"n\">6</td><td>COMPLETE</td><td><code>"
                        + "s3a://b/data/a.txt</code></td></tr>")
                .contains("<td>SKIPPED/CORRUPT<br><small>not a PDF</small></td>")
                .contains("<tr class=\"object\"><th colspan=\"5\"><code>s3a://b/data/a.txt</code></th></tr>\n"
                        + "<tr><td class=\"n\">2</td><td><code>$.text</code></td><td class=\"n\">10-29</td>"
                        + "<td>CREDIT_CARD_NUMBER</td><td><code>************1111</code></td></tr>\n"
                        + "<tr><td class=\"n\">5</td>")
                .contains("<li>left out of the scan: 1 file (MARKER 1); listed in report.json ignoredReasons</li>")
                .contains("<code>/tmp/out/report.json</code>")
                .endsWith("</footer>\n</body>\n</html>\n");
        // One group header per object, however many of its findings are listed.
        assertThat(count(html, "<tr class=\"object\">")).isEqualTo(1);
    }

    @Test
    void anErrorSaysTheGatesReasonsAndTheFailureWithoutNumbers() {
        Verdict error = new Verdict(Decision.ERROR, List.of(UNMASKED, new BlockReason(Report.PUBLISH_FAILED,
                "publish", "publishing the outcome failed (AccessDeniedException): nothing of this run is approved",
                0, 0, "(none: re-run when the output and the manifest's folder are writable)")));
        String html = ReportHtml.render(page(error, List.of(), List.of(), null, List.of(), List.of()),
                OBJECTS.iterator(), false);
        assertThat(html).contains("<header class=\"verdict error\">").contains("<span class=\"tag block\">BLOCK")
                .contains("<tr><td><span class=\"tag error\">ERROR</span></td><td>publishing the outcome failed"
                        + " (AccessDeniedException): nothing of this run is approved</td><td class=\"n\">-</td>"
                        + "<td class=\"n\">-</td><td>(none: re-run when the output and the manifest&#39;s folder are"
                        + " writable)</td></tr>");
    }

    @Test
    void aPassingRunsPageHasNoReasonsWorstObjectsOrLocations() {
        String html = ReportHtml.render(new ReportHtml.Page("d", PASS, List.of(), COUNTS, List.of(), List.of(), "o",
                null, List.of(), List.of()), OBJECTS.iterator(), false);
        assertThat(sections(html)).containsExactly("counts", "types", "over-dataset");
        assertThat(html).contains("<header class=\"verdict pass\">").doesNotContain("BLOCK");
    }

    @Test
    void theMacieCrossCheckHasItsOwnSectionAndItsLinesLeaveTheNotes() {
        List<String> macieLines = List.of("", "  Macie cross-check (2 results files): objects AGREE 1, NOT_IN_MACIE 1",
                "    occurrences: 3 AGREE, 1 MACIE_ONLY, 0 OURS_ONLY", "    details: /tmp/out/macie-crosscheck.json");
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("objects", new LinkedHashMap<>(Map.of("AGREE", 1L)));
        section.put("types", Map.of("EMAIL_ADDRESS", Map.of("macie", 4L, "ours", 3L, "agree", 3L, "macieOnly", 1L,
                "oursOnly", 0L)));
        List<String> notes = new ArrayList<>(List.of("  redacted copy: 3 objects written"));
        notes.addAll(macieLines);
        String html = ReportHtml.render(page(BLOCK, List.of(), notes, section, macieLines, List.of()),
                OBJECTS.iterator(), false);
        assertThat(sections(html)).containsExactly("reasons", "warnings", "counts", "types", "over-dataset", "macie",
                "notes");
        String macie = between(html, "<section id=\"macie\">", "</section>");
        assertThat(macie).contains("<li>Macie cross-check (2 results files): objects AGREE 1, NOT_IN_MACIE 1</li>")
                .contains("<li class=\"detail\">occurrences: 3 AGREE, 1 MACIE_ONLY, 0 OURS_ONLY</li>")
                .contains("<tr><td>AGREE</td><td class=\"n\">1</td></tr>")
                .contains("<tr><td>EMAIL_ADDRESS</td><td class=\"n\">4</td><td class=\"n\">3</td><td class=\"n\">3</td>"
                        + "<td class=\"n\">1</td><td class=\"n\">0</td></tr>");
        assertThat(between(html, "<section id=\"notes\">", "</section>")).contains("redacted copy")
                .doesNotContain("Macie");
    }

    /** A name is data: whatever a masked path, a field or a message holds, it stays text. */
    @Test
    void markupInANameStaysText() {
        String evil = "s3a://b/<script>alert(1)</script>/x\" onload=\"alert(2)' &amp;.txt";
        ReportHtml.Page p = new ReportHtml.Page(evil, new Verdict(Decision.BLOCK, List.of(new BlockReason(
                "UNMASKED_RECORDS", "overall", "in " + evil, 1, 0, "<b>key</b>"))), List.of(new ConfigWarning(
                        "<i>k</i>", evil)), COUNTS, List.of(object(evil, 2, 1, CORRUPT, evil)), List.of("  " + evil),
                "/tmp/<out>", null, List.of(), List.of(new FindingLocation(evil, 1, evil, 0, 4, "<TYPE>", evil)));
        String html = ReportHtml.render(p, List.of(object(evil, 2, 1)).iterator(), false);
        assertThat(html.toLowerCase(java.util.Locale.ROOT)).doesNotContain("<script").doesNotContain("<b>")
                .doesNotContain("<i>").doesNotContain(" onload=\"").doesNotContain("<type>").doesNotContain("<out>");
        assertThat(html).contains("s3a://b/&lt;script&gt;alert(1)&lt;/script&gt;/x&quot; onload=&quot;alert(2)&#39;"
                + " &amp;amp;.txt");
        assertThat(tagNames(html)).isSubsetOf(ALLOWED_TAGS);
        assertBalanced(html);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '|', value = {
        "plain => plain",
        "a<b>c => a&lt;b&gt;c",
        "|\"q\" 'a'| => |&quot;q&quot; &#39;a&#39;|",
        "&amp; => &amp;amp;",
    })
    void escapesMarkupCharacters(String raw, String escaped) {
        assertThat(ReportHtml.escape(raw)).isEqualTo(escaped);
    }

    @Test
    void controlCharactersBecomeReplacementCharacters() {
        assertThat(ReportHtml.escape("a\u0000b\u001bc\u007fd\te\nf")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\te\nf");
        assertThat(ReportHtml.escape(null)).isEmpty();
    }

    /** The page loads nothing: no script, no link, no URL but the SVG namespace, one inline style sheet. */
    @Test
    void thePageIsSelfContained() {
        String html = blockedPage();
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("<link").doesNotContain("<img")
                .doesNotContain("<iframe").doesNotContain(" src=").doesNotContain(" href=").doesNotContain("url(")
                .doesNotContain("@import").doesNotContain("@font-face");
        assertThat(lower.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:")
                .doesNotContain("https:").doesNotContain("//www.");
        assertThat(count(html, "<style>")).isEqualTo(1);
        assertThat(tagNames(html)).isSubsetOf(ALLOWED_TAGS);
        assertBalanced(html);
    }

    /** The chart over the dataset has a column per object up to 100, then bins of equal width; counts add up. */
    @ParameterizedTest
    @ValueSource(longs = {1, 99, 100, 101, 1000, 12345})
    void theChartOverTheDatasetHasAtMostAHundredColumns(long objects) {
        Iterator<ObjectResult> many = LongStream.range(0, objects)
                .mapToObj(i -> object(String.format("s3a://b/d/%06d.txt", i), 3, i % 7 == 0 ? 1 : 0)).iterator();
        String html = ReportHtml.render(new ReportHtml.Page("d", PASS, List.of(), COUNTS, List.of(), List.of(), "o",
                null, List.of(), List.of()), many, false);
        String chart = between(html, "<section id=\"over-dataset\">", "</section>");
        int columns = count(chart, "<g><title>object");
        assertThat(columns).isLessThanOrEqualTo(100).isEqualTo((int) Math.min(objects, columns));
        if (objects <= 100) {
            assertThat(columns).isEqualTo(objects);
            assertThat(chart).contains("One column per object");
        } else {
            assertThat(columns).isGreaterThanOrEqualTo(50);
            assertThat(chart).containsPattern("Each column is \\d+ consecutive objects");
        }
        assertThat(chart).contains(">object " + objects + " (path order)</text>");
        // The last column's tooltip names the last object.
        assertThat(chart).contains(String.format("s3a://b/d/%06d.txt: ", objects - 1));
    }

    /** Test values count as unmasked when the policy says so: the chart counts as the gate does. */
    @Test
    void theChartCountsTestValuesAsThePolicySays() {
        ObjectResult testOnly = new ObjectResult("file:/d/t", "s3a://b/t.txt", "text", 10, null,
                ObjectStatus.COMPLETE, null, 5, 0, 2, 0, 0, 2, 0, Map.of());
        ReportHtml.Page p = new ReportHtml.Page("d", PASS, List.of(), COUNTS, List.of(), List.of(), "o", null,
                List.of(), List.of());
        assertThat(ReportHtml.render(p, List.of(testOnly).iterator(), true)).contains("5 records, 2 with unmasked PII");
        assertThat(ReportHtml.render(p, List.of(testOnly).iterator(), false)).contains("5 records, 0 with unmasked PII");
    }

    @Test
    void longLabelsKeepTheirEnd() {
        assertThat(HtmlCharts.endOf("short", 40)).isEqualTo("short");
        assertThat(HtmlCharts.endOf("s3a://bucket/a/very/long/prefix/of/folders/and/the-file.jsonl", 20))
                .isEqualTo("\u2026/and/the-file.jsonl").hasSize(20);
        // Cut between code points, never inside a surrogate pair.
        assertThat(HtmlCharts.endOf("\uD83D\uDE00".repeat(30), 10)).isEqualTo("\u2026" + "\uD83D\uDE00".repeat(9));
    }

    // ------------------------------------------------------------------ helpers

    private static final Set<String> ALLOWED_TAGS = Set.of("html", "head", "meta", "title", "style", "body", "header",
            "h1", "h2", "h3", "p", "span", "strong", "small", "br", "code", "section", "table", "thead", "tbody", "tr",
            "th", "td", "ul", "li", "svg", "g", "rect", "text", "line", "footer");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)");

    private static Set<String> tagNames(String html) {
        Set<String> names = new TreeSet<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            names.add(m.group(2));
        }
        return names;
    }

    /** Every element that has an end tag is closed as often as opened. */
    private static void assertBalanced(String html) {
        for (String tag : List.of("html", "head", "title", "style", "body", "header", "h1", "h2", "h3", "p", "span",
                "strong", "small", "code", "section", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "svg",
                "g", "text", "footer")) {
            assertThat(count(html, "</" + tag + ">")).as(tag).isEqualTo(count(html, "<" + tag + ">")
                    + count(html, "<" + tag + " "));
        }
    }

    private static List<String> sections(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<section id=\"([a-z-]+)\">").matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String between(String s, String from, String to) {
        int start = s.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        return s.substring(start, s.indexOf(to, start) + to.length());
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
