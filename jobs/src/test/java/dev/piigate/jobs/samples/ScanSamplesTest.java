package dev.piigate.jobs.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.samples.SampleGenerator.Planted;
import dev.piigate.jobs.samples.SampleGenerator.State;
import dev.piigate.jobs.testing.HtmlText;
import dev.piigate.jobs.testing.MainRun;

/**
 * The scan job end to end on the bundled samples, in Spark local mode: golden reports, exit
 * statuses, the approved manifest, counts against what the generator planted, and no planted value
 * in anything the job writes. The samples are copied to a temporary folder first, so approvals are
 * never written into the repository.
 */
@ResourceLock(SparkTestSession.LOCK)
public class ScanSamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;
    @TempDir
    static Path tmp;
    private static Path data;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkTestSession.start();
        data = tmp.resolve("samples");
        copyTree(SampleGenerator.samplesDir(), data);
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    /**
     * The blocked and the clean samples scanned once each with default flags, shared by the tests
     * that only read what such a run wrote (a scan is the slow part of this class).
     */
    private static MainRun blocked;
    private static MainRun clean;

    private static synchronized MainRun blockedRun() {
        if (blocked == null) {
            blocked = run("--out", tmp.resolve("out-blocked").toString(), "--manifest",
                    data.resolve("blocked/train.manifest").toString());
        }
        return blocked;
    }

    private static synchronized MainRun cleanRun() {
        if (clean == null) {
            clean = run("--out", tmp.resolve("out-clean").toString(), "--manifest",
                    data.resolve("clean/train.manifest").toString());
        }
        return clean;
    }

    static MainRun run(String... argv) {
        return MainRun.of(argv);
    }

    @Test
    void blockedSamplesBlockWithTheGoldenReport() throws IOException {
        Path out = tmp.resolve("out-blocked");
        MainRun r = blockedRun();
        assertThat(r.status()).as(r.err()).isEqualTo(Main.BLOCK);
        assertThat(r.out()).startsWith("\npii-gate: BLOCK").contains("policy.maxUnmaskedRecords");
        assertGolden(out.resolve("report.json"), "blocked-report.json");
        JsonNode verdict = JSON.readTree(out.resolve("verdict.json").toFile());
        assertThat(verdict.get("decision").asText()).isEqualTo("BLOCK");
        assertThat(verdict.get("report").get("sha256").asText()).isEqualTo(sha256(out.resolve("report.json")));
        assertThat(Files.exists(data.resolve("blocked/train.approved.manifest"))).isFalse();
    }

    @Test
    void cleanSamplesPassAndPublishTheApprovedManifest() throws IOException {
        Path out = tmp.resolve("out-clean");
        Path manifest = data.resolve("clean/train.manifest");
        MainRun r = cleanRun();
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);
        assertGolden(out.resolve("report.json"), "clean-report.json");
        Path approved = data.resolve("clean/train.approved.manifest");
        assertThat(Files.readAllBytes(approved)).isEqualTo(Files.readAllBytes(manifest));
        JsonNode record = JSON.readTree(data.resolve("clean/train.approved.manifest.verdict.json").toFile());
        assertThat(record.get("decision").asText()).isEqualTo("PASS");
        assertThat(record.get("manifest").get("sha256").asText()).isEqualTo(sha256(manifest));
        assertThat(record.get("report").get("sha256").asText()).isEqualTo(sha256(out.resolve("report.json")));
    }

    /**
     * summary.md beside report.json says what the printed summary says: the verdict as its heading,
     * each reason with its numbers and key, a row per type and per worst object as report.json
     * counts them, and what happened to the manifest.
     */
    @Test
    void summaryMdOfTheBlockedSamplesMatchesTheReport() throws IOException {
        Path out = tmp.resolve("out-blocked");
        assertThat(blockedRun().status()).isEqualTo(Main.BLOCK);
        String md = Files.readString(out.resolve("summary.md"), UTF_8);
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        JsonNode totals = report.get("totals");
        assertThat(md).startsWith("# pii-gate: BLOCK\n")
                .contains("\n## Reasons\n\n- **BLOCK** records with unmasked PII: 107 of 340 scanned")
                .contains("observed 107, threshold 0; set by `policy.maxUnmaskedRecords`\n")
                .contains(String.format("records %d: **%d with unmasked PII**, %d masked only, %d clean.",
                        totals.get("records").asLong(), totals.get("recordsUnmasked").asLong(),
                        totals.get("recordsMaskedOnly").asLong(), totals.get("recordsClean").asLong()))
                .contains("| COMPLETE | 11 |\n")
                .contains("- no approval published; any earlier approval withdrawn: ")
                .endsWith("Full report: `" + out + "/report.json`\n");
        assertThat(report.get("types").size()).isGreaterThan(5);
        report.get("types").fields().forEachRemaining(e -> assertThat(md).contains("\n| " + e.getKey() + " | "
                + e.getValue().get("unmasked") + " | " + e.getValue().get("masked") + " | "
                + e.getValue().get("testValues") + " | " + e.getValue().get("recordsUnmasked") + " |\n"));
        assertThat(report.get("worstFiles").size()).isEqualTo(10);
        for (JsonNode w : report.get("worstFiles")) {
            assertThat(md).contains("\n| " + w.get("recordsUnmasked") + " | " + w.get("records") + " | "
                    + w.get("status").asText() + " | `" + w.get("path").asText() + "` |\n");
        }
    }

    /**
     * report.html beside report.json shows what report.json says: the verdict and its reason with its
     * numbers and key, a row per type and per worst object, and where the worst objects' unmasked
     * findings are: the same ones findings/ holds, first by record and start, masked; and no
     * planted value, raw or as the page's text reads.
     */
    @Test
    void reportHtmlOfTheBlockedSamplesMatchesTheReportAndFindings() throws IOException {
        Path out = tmp.resolve("out-blocked");
        assertThat(blockedRun().status()).isEqualTo(Main.BLOCK);
        String html = Files.readString(out.resolve("report.html"), UTF_8);
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(html).contains("<header class=\"verdict block\">")
                .contains("<td>records with unmasked PII: 107 of 340 scanned")
                .contains("<td class=\"n\">107</td><td class=\"n\">0</td><td><code>policy.maxUnmaskedRecords</code>")
                .contains("<tr><td>COMPLETE</td><td class=\"n\">11</td></tr>")
                .contains("<li>no approval published; any earlier approval withdrawn: ");
        report.get("types").fields().forEachRemaining(e -> assertThat(html).contains("<tr><td>" + e.getKey()
                + "</td><td class=\"n\">" + e.getValue().get("unmasked") + "</td><td class=\"n\">"
                + e.getValue().get("masked") + "</td><td class=\"n\">" + e.getValue().get("testValues")
                + "</td><td class=\"n\">" + e.getValue().get("recordsUnmasked") + "</td></tr>"));
        for (JsonNode w : report.get("worstFiles")) {
            assertThat(html).contains("<tr><td class=\"n\">" + w.get("recordsUnmasked") + "</td><td class=\"n\">"
                    + w.get("records") + "</td><td>" + w.get("status").asText() + "</td><td><code>"
                    + w.get("path").asText() + "</code></td></tr>");
        }

        // The locations, per object, are the first of its unmasked findings in findings/.
        Map<String, List<String>> shown = locations(html);
        assertThat(shown).isNotEmpty();
        assertThat(shown.values().stream().mapToInt(List::size).sum()).isLessThanOrEqualTo(200);
        List<String> worstPaths = new ArrayList<>();
        report.get("worstFiles").forEach(w -> worstPaths.add(w.get("path").asText()));
        assertThat(worstPaths).containsAll(shown.keySet());
        for (Map.Entry<String, List<String>> e : shown.entrySet()) {
            List<String> expected = spark.read().parquet(out.resolve("findings").toString())
                    .filter("masked = false AND testValue = false").filter(functions.col("file").equalTo(e.getKey()))
                    .orderBy("record", "start", "field", "end", "type").limit(20)
                    .selectExpr("concat_ws(' ', record, field, concat(start, '-', end), type, preview)")
                    .collectAsList().stream().map(r -> r.getString(0)).toList();
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(expected);
        }
        assertThat(plantedIn(html + "\n" + HtmlText.unescape(html))).isEmpty();
    }

    /** The locations table's rows per object, as {@code record field start-end TYPE preview}. */
    private static Map<String, List<String>> locations(String html) {
        int start = html.indexOf("<section id=\"locations\">");
        String section = html.substring(start, html.indexOf("</section>", start));
        Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr class=\"object\"><th colspan=\"5\"><code>"
                + "(.*?)</code></th></tr>|<tr><td class=\"n\">(\\d+)</td><td>(?:<code>(.*?)</code>)?</td>"
                + "<td class=\"n\">(\\d+-\\d+)</td><td>(.*?)</td><td><code>(.*?)</code></td></tr>").matcher(section);
        String object = null;
        while (m.find()) {
            if (m.group(1) != null) {
                object = HtmlText.unescape(m.group(1));
                rows.put(object, new ArrayList<>());
            } else {
                rows.get(object).add(HtmlText.unescape(m.group(2) + " " + (m.group(3) == null ? "" : m.group(3)) + " "
                        + m.group(4) + " " + m.group(5) + " " + m.group(6)));
            }
        }
        return rows;
    }

    /** The unmasked planted values {@code text} holds, as written or with separators left out, named by place. */
    private static List<String> plantedIn(String text) {
        String compactText = text.replaceAll("[^0-9A-Za-z@.]", "");
        List<String> leaks = new ArrayList<>();
        for (Planted p : SampleGenerator.generate().ledger().planted()) {
            if (p.state() == State.UNMASKED && (text.contains(p.value())
                    || compactText.contains(p.value().replaceAll("[^0-9A-Za-z@.]", "")))) {
                leaks.add(p.entity() + " in " + p.file() + " record " + p.record());
            }
        }
        return leaks;
    }

    @Test
    void summaryMdOfTheCleanSamplesSaysPassAndTheApprovedManifest() throws IOException {
        Path out = tmp.resolve("out-clean");
        assertThat(cleanRun().status()).isEqualTo(Main.PASS);
        String md = Files.readString(out.resolve("summary.md"), UTF_8);
        assertThat(md).startsWith("# pii-gate: PASS\n").contains("**0 with unmasked PII**")
                .contains("| COMPLETE | 11 |\n").contains("- approved manifest: ")
                .doesNotContain("## Reasons").doesNotContain("## Worst objects");
    }

    @Test
    void newPiiWithdrawsAnEarlierApproval() throws IOException {
        Path copy = tmp.resolve("withdraw");
        copyTree(data.resolve("clean"), copy);
        Files.deleteIfExists(copy.resolve("train.approved.manifest"));
        Path manifest = copy.resolve("train.manifest");
        assertThat(run("--out", tmp.resolve("out-w1").toString(), "--manifest", manifest.toString()).status())
                .isEqualTo(Main.PASS);
        assertThat(copy.resolve("train.approved.manifest")).exists();

        Files.writeString(copy.resolve("tickets.txt"), "refund to card 4539 1488 0343 6467 please\n", UTF_8,
                StandardOpenOption.APPEND);
        MainRun blocked = run("--out", tmp.resolve("out-w2").toString(), "--manifest", manifest.toString());
        assertThat(blocked.status()).isEqualTo(Main.BLOCK);
        assertThat(copy.resolve("train.approved.manifest")).doesNotExist();
        assertThat(copy.resolve("train.approved.manifest.verdict.json")).doesNotExist();
    }

    @Test
    void aBrokenManifestIsAnErrorAndWithdrawsAnEarlierApproval() throws IOException {
        Path copy = tmp.resolve("broken");
        copyTree(data.resolve("clean"), copy);
        Path manifest = copy.resolve("train.manifest");
        assertThat(run("--out", tmp.resolve("out-b1").toString(), "--manifest", manifest.toString()).status())
                .isEqualTo(Main.PASS);
        Files.writeString(manifest, "tickets.txt\ntickets.txt\n", UTF_8);
        MainRun r = run("--out", tmp.resolve("out-b2").toString(), "--manifest", manifest.toString());
        assertThat(r.status()).isEqualTo(Main.ERROR);
        assertThat(r.err()).contains("nothing approved").contains("line 2");
        assertThat(copy.resolve("train.approved.manifest")).doesNotExist();
    }

    /** A run that fails before it decides leaves no earlier run's report.html or summary.md in --out: they said PASS. */
    @Test
    void aFailedRunLeavesNoEarlierPageOrSummaryInItsOut() throws IOException {
        Path copy = tmp.resolve("earlier-page");
        copyTree(data.resolve("clean"), copy);
        Path manifest = copy.resolve("train.manifest");
        Path out = tmp.resolve("out-earlier-page");
        assertThat(run("--out", out.toString(), "--manifest", manifest.toString()).status()).isEqualTo(Main.PASS);
        assertThat(out.resolve("report.html")).content(UTF_8).contains("<header class=\"verdict pass\">");
        Files.writeString(manifest, "tickets.txt\ntickets.txt\n", UTF_8);
        assertThat(run("--out", out.toString(), "--manifest", manifest.toString()).status()).isEqualTo(Main.ERROR);
        assertThat(out.resolve("report.html")).doesNotExist();
        assertThat(out.resolve("summary.md")).doesNotExist();
    }

    @Test
    void aMissingManifestEntryBlocksAsNotFound() throws IOException {
        Path copy = tmp.resolve("missing");
        copyTree(data.resolve("clean"), copy);
        Files.delete(copy.resolve("tickets.txt"));
        Path out = tmp.resolve("out-missing");
        MainRun r = run("--out", out.toString(), "--manifest", copy.resolve("train.manifest").toString());
        assertThat(r.status()).isEqualTo(Main.BLOCK);
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(report.get("statuses").get("SKIPPED/NOT_FOUND").asLong()).isEqualTo(1);
    }

    @Test
    void aMissingInputOrABadConfigIsBadUsage() throws IOException {
        MainRun missing = run("--out", tmp.resolve("o").toString(), tmp.resolve("no-such-folder").toString());
        assertThat(missing.status()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("INPUT does not exist");
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "policy:\n  maxUnmaskedRecods: 0\n", UTF_8);
        MainRun bad = run("--out", tmp.resolve("o").toString(), "--config", config.toString(), data.toString());
        assertThat(bad.status()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("policy.maxUnmaskedRecods: unknown key");
    }

    /**
     * Cards, SSNs, IBANs, e-mails and every credential type found per file equal what the generator
     * planted, exactly (masked credentials: at most what was planted).
     */
    @Test
    void countsMatchWhatWasPlanted() throws IOException {
        Path out = tmp.resolve("out-blocked");
        assertThat(blockedRun().status()).isEqualTo(Main.BLOCK);
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        Map<String, Long> found = new TreeMap<>();
        for (JsonNode f : report.get("files")) {
            String file = "blocked/" + Path.of(f.get("path").asText()).getFileName();
            f.get("types").fields().forEachRemaining(e -> {
                found.put(file + " " + e.getKey() + " UNMASKED", e.getValue().get("unmasked").asLong());
                found.put(file + " " + e.getKey() + " MASKED", e.getValue().get("masked").asLong());
            });
        }
        Map<String, Long> planted = new TreeMap<>();
        for (Planted p : SampleGenerator.generate().ledger().planted()) {
            // UK numbers in Ofcom's drama ranges are fictional: reported as test values, see samples/README.md.
            if (!p.file().startsWith("blocked/") || p.entity() == SampleGenerator.Entity.PHONE_NUMBER
                    || p.state() == State.TEST_VALUE) {
                continue;
            }
            planted.merge(p.file() + " " + p.entity() + " " + p.state(), 1L, Long::sum);
        }
        for (Map.Entry<String, Long> e : planted.entrySet()) {
            if (e.getKey().endsWith(" MASKED") && !OLDER_TYPES.contains(e.getKey().split(" ", -1)[1])) {
                // A masked credential may be reported masked or not at all ("AKIA****" is too short
                // a token run to be looked at, "<AWS_SECRET_KEY>" is no token): never as more.
                assertThat(found.getOrDefault(e.getKey(), 0L)).as(e.getKey()).isLessThanOrEqualTo(e.getValue());
                continue;
            }
            assertThat(found.getOrDefault(e.getKey(), 0L)).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    /**
     * The clean set's national ids, addresses and dates of birth are there only masked or as test
     * values (issue 13): each is reported as planted, in that state, and none counts.
     */
    @Test
    void cleanIdentityFormsAreReportedMaskedOrAsTestValues() throws IOException {
        Path out = tmp.resolve("out-clean");
        assertThat(cleanRun().status()).isEqualTo(Main.PASS);
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        Map<String, Long> found = new TreeMap<>();
        for (JsonNode f : report.get("files")) {
            String file = "clean/" + Path.of(f.get("path").asText()).getFileName();
            f.get("types").fields().forEachRemaining(e -> {
                if (SampleGenerator.Entity.valueOf(e.getKey()).isIdentity()) {
                    found.put(file + " " + e.getKey() + " UNMASKED", e.getValue().get("unmasked").asLong());
                    found.put(file + " " + e.getKey() + " MASKED", e.getValue().get("masked").asLong());
                    found.put(file + " " + e.getKey() + " TEST_VALUE", e.getValue().get("testValues").asLong());
                }
            });
        }
        Map<String, Long> planted = new TreeMap<>();
        for (Planted p : SampleGenerator.generate().ledger().planted()) {
            if (p.file().startsWith("clean/") && p.entity().isIdentity()) {
                planted.merge(p.file() + " " + p.entity() + " " + p.state(), 1L, Long::sum);
            }
        }
        assertThat(planted).as("the clean set plants issue 13's types").isNotEmpty();
        found.values().removeIf(n -> n == 0);
        assertThat(found).isEqualTo(planted);
    }

    private static final java.util.Set<String> OLDER_TYPES = java.util.Set.of("CREDIT_CARD_NUMBER",
            "USA_SOCIAL_SECURITY_NUMBER", "IBAN", "PHONE_NUMBER", "EMAIL_ADDRESS");

    private static MainRun canary;

    /** The blocked samples with JSON Lines findings and five findings shown on the console. */
    private static synchronized MainRun canaryRun() {
        if (canary == null) {
            canary = run("--out", tmp.resolve("out-canary").toString(), "--findings-format", "jsonl",
                    "--show-findings", "5", "--manifest", data.resolve("blocked/train.manifest").toString());
        }
        return canary;
    }

    /**
     * No planted value, in any written form, in anything the job writes: report, verdict, summary.md,
     * report.html, findings, and stdout with findings shown.
     */
    @Test
    void nothingWrittenHoldsAPlantedValue() throws IOException {
        Path out = tmp.resolve("out-canary");
        MainRun canaryRun = canaryRun();
        assertThat(canaryRun.out()).contains(" CREDIT_CARD_NUMBER "); // findings shown, so stdout is checked too
        StringBuilder written = new StringBuilder(canaryRun.out()).append('\n').append(canaryRun.err()).append('\n');
        try (Stream<Path> files = Files.walk(out)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(p), UTF_8);
                written.append(text).append('\n');
                if (p.getFileName().toString().endsWith(".html")) {
                    written.append(HtmlText.unescape(text)).append('\n'); // as its reader sees it
                }
            }
        }
        assertThat(written.toString()).contains("CREDIT_CARD_NUMBER"); // the outputs are really there
        assertThat(out.resolve("summary.md")).content(UTF_8).startsWith("# pii-gate: BLOCK"); // covered too
        assertThat(out.resolve("report.html")).content(UTF_8).contains("<section id=\"locations\">");
        String all = written.toString();
        String digitsOnly = all.replaceAll("[^0-9A-Za-z@.]", "");
        List<String> leaks = new ArrayList<>();
        for (Planted p : SampleGenerator.generate().ledger().planted()) {
            if (p.state() != State.UNMASKED) {
                continue;
            }
            String compact = p.value().replaceAll("[^0-9A-Za-z@.]", "");
            if (all.contains(p.value()) || digitsOnly.contains(compact)) {
                leaks.add(p.entity() + " in " + p.file() + " record " + p.record());
            }
        }
        assertThat(leaks).isEmpty();
        // And the parquet findings (the default) hold the same columns and no values either.
        Path parquetOut = tmp.resolve("out-blocked");
        assertThat(blockedRun().status()).isEqualTo(Main.BLOCK);
        List<Row> rows = spark.read().parquet(parquetOut.resolve("findings").toString()).collectAsList();
        assertThat(rows).hasSize(countFindings(out.resolve("findings")));
        assertThat(spark.read().parquet(parquetOut.resolve("findings").toString()).columns()).containsExactly(
                "file", "record", "field", "start", "end", "type", "detector", "masked", "testValue", "confidence",
                "preview", "fingerprint");
        for (Row row : rows) {
            String text = row.toString();
            for (Planted p : SampleGenerator.generate().ledger().planted()) {
                if (p.state() == State.UNMASKED) {
                    assertThat(text).doesNotContain(p.value());
                }
            }
        }
    }

    /**
     * --show-findings 5 prints, after the summary, the first five unmasked findings that are not test
     * values in object, record and start order: the same ones findings/ holds, as findings/ writes them.
     */
    @Test
    void showFindingsPrintsTheFirstUnmaskedFindingsAfterTheSummary() throws IOException {
        MainRun r = canaryRun();
        assertThat(r.status()).isEqualTo(Main.BLOCK);
        List<JsonNode> unmasked = new ArrayList<>();
        try (Stream<Path> files = Files.list(tmp.resolve("out-canary").resolve("findings"))) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(p, UTF_8)) {
                    JsonNode f = JSON.readTree(line);
                    if (!f.get("masked").asBoolean() && !f.get("testValue").asBoolean()) {
                        unmasked.add(f);
                    }
                }
            }
        }
        assertThat(unmasked.size()).isGreaterThan(5);
        unmasked.sort(java.util.Comparator.comparing((JsonNode f) -> f.get("file").asText())
                .thenComparingLong(f -> f.get("record").asLong()).thenComparingInt(f -> f.get("start").asInt())
                .thenComparing(f -> f.get("field").asText()));
        List<String> expected = unmasked.subList(0, 5).stream().map(f -> f.get("file").asText() + ":"
                + f.get("record").asLong() + ":" + f.get("field").asText() + ":" + f.get("start").asInt() + "-"
                + f.get("end").asInt() + " " + f.get("type").asText() + " " + f.get("preview").asText()).toList();
        String shown = r.out().substring(r.out().indexOf("report: "));
        assertThat(shown).contains("\n  unmasked findings, first 5 by object, record and start:\n"
                + String.join("\n", expected) + "\n\n");
        // The preview is the masked one: at most the last four letters or digits in clear.
        assertThat(expected).allSatisfy(line -> assertThat(line).contains("*"));
    }

    private static int countFindings(Path jsonlDir) throws IOException {
        int n = 0;
        try (Stream<Path> files = Files.list(jsonlDir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                n += (int) Files.readAllLines(p, UTF_8).stream().filter(l -> !l.isBlank()).count();
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- golden files

    /**
     * Compares a report with {@code samples/expected/<name>} after replacing what changes from run
     * to run (run id, times, the temporary folder). {@code -Dgolden.update=true} rewrites the file;
     * nothing else writes it: a missing golden is a failure, not a new golden.
     */
    private static void assertGolden(Path report, String name) throws IOException {
        assertGolden(report, SampleGenerator.samplesDir().resolve("expected").resolve(name),
                Boolean.getBoolean("golden.update"));
    }

    static void assertGolden(Path report, Path golden, boolean update) throws IOException {
        JsonNode actual = normalise(JSON.readTree(report.toFile()));
        String name = golden.getFileName().toString();
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n";
        if (update) {
            Files.writeString(golden, pretty, UTF_8);
        }
        if (!Files.exists(golden)) {
            Path dump = Path.of("target", name + ".actual");
            Files.writeString(dump, pretty, UTF_8);
            throw new AssertionError("no golden report " + golden + " (actual written to " + dump.toAbsolutePath()
                    + "; rerun with -Dgolden.update=true to write it)");
        }
        JsonNode expected = JSON.readTree(golden.toFile());
        if (!expected.equals(actual)) {
            Path dump = Path.of("target", name + ".actual");
            Files.writeString(dump, pretty, UTF_8);
            assertThat(pretty).as("report differs from %s (actual written to %s; rerun with -Dgolden.update=true to"
                    + " accept)", golden, dump.toAbsolutePath()).isEqualTo(Files.readString(golden, UTF_8));
        }
    }

    /** A missing golden fails and stays missing; only -Dgolden.update=true writes one. */
    @Test
    void aMissingGoldenIsAFailureNotANewGolden() throws IOException {
        Path report = tmp.resolve("tiny-report.json");
        Files.writeString(report, "{\"tool\": {\"version\": \"x\"}, \"decision\": \"PASS\"}", UTF_8);
        Path golden = tmp.resolve("expected-missing.json");
        assertThatThrownBy(() -> assertGolden(report, golden, false)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no golden report").hasMessageContaining("-Dgolden.update=true");
        assertThat(golden).doesNotExist();

        assertGolden(report, golden, true);
        assertThat(golden).exists();
        assertGolden(report, golden, false);
        Files.writeString(report, "{\"tool\": {\"version\": \"x\"}, \"decision\": \"BLOCK\"}", UTF_8);
        assertThatThrownBy(() -> assertGolden(report, golden, false)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("report differs");
    }

    private static JsonNode normalise(JsonNode report) {
        String text = report.toString()
                .replace(data.toUri().toString(), "samples/")
                .replace("file:" + data.toString(), "samples")
                .replace(data.toString(), "samples");
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(text);
            for (String volatileField : List.of("runId", "startedAt", "finishedAt")) {
                node.put(volatileField, "<varies>");
            }
            ((ObjectNode) node.get("tool")).put("version", "<varies>");
            return node;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tree without approvals an earlier run left (shared by the sample tests and StateRunTest). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Iterator<Path> it = walk.iterator(); it.hasNext();) {
                Path src = it.next();
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else if (!src.getFileName().toString().contains(".approved.")) {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
