package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.testing.WrittenPaths;

/**
 * Issue 15, listing hygiene: a folder scan of a dataset prefix that holds manifests (each kind),
 * an approved manifest, pii-gate's approval record and its own --out passes when the data is
 * clean, with exactly those files left out and why; and nothing that only looks like ours is left
 * out: a "record" holding an SSN, an augmented manifest with an SSN inline, a broken manifest
 * holding one and another run's outputs are scanned, and each blocks. No planted value is written
 * anywhere (report, findings, summary, log).
 */
@ResourceLock(SparkTestSession.LOCK)
class FolderOwnFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Canaries FAKE_RECORD = new Canaries("fake-record");
    private static final Canaries ONE_LINE_RECORD = new Canaries("one-line-record");
    private static final Canaries INLINE = new Canaries("augmented-inline");
    private static final Canaries BROKEN = new Canaries("broken-manifest");
    private static final List<String> PLANTED = List.of(FAKE_RECORD.ssn, ONE_LINE_RECORD.ssn, INLINE.ssn,
            BROKEN.ssn);

    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static final StringWriter log = new StringWriter();
    private static final Map<String, String> places = new LinkedHashMap<>();
    private static Path ds;
    private static Run approve;
    private static Run first;
    private static Run second;
    private static Run blocked;
    /**
     * What the first folder run left in its --out that the second run finds there (its report,
     * verdict, summary.md and report.html go first).
     */
    private static List<String> earlierOutput;

    record Run(int status, String out, String err, JsonNode report) {
        JsonNode object(String name) {
            for (JsonNode f : report.get("files")) {
                if (WrittenPaths.names(f.get("path").asText(), name)) {
                    return f;
                }
            }
            throw new AssertionError(name + " not scanned: " + report.get("files"));
        }

        List<String> paths() {
            List<String> paths = new ArrayList<>();
            report.get("files").forEach(f -> paths.add(f.get("path").asText()));
            return paths;
        }
    }

    @BeforeAll
    static void runAll() throws IOException {
        ds = Files.createDirectories(tmp.resolve("ds"));
        write(ds, "a.jsonl", "{\"text\":\"hello\"}\n{\"text\":\"see you tomorrow\"}\n");
        write(ds, "notes.txt", "nothing here\n");
        write(ds, "train.manifest", "a.jsonl\nnotes.txt\n");
        write(ds, "sagemaker.manifest", "[{\"prefix\":\"s3://example-bucket/ds/\"},\"a.jsonl\",\"notes.txt\"]");
        write(ds, "augmented.manifest", "{\"source-ref\":\"s3://example-bucket/ds/a.jsonl\",\"label\":\"greeting\"}\n"
                + "{\"source-ref\":\"s3://example-bucket/ds/notes.txt\",\"label\":\"note\"}\n");
        write(ds, "_SUCCESS", "");

        Path bad = Files.createDirectories(tmp.resolve("bad"));
        write(bad, "a.jsonl", "{\"text\":\"hello\"}\n");

        spark = SparkTestSession.start();
        LogCapture capture = LogCapture.start("pii-gate-own-files", log);
        try {
            // A real approval record beside the manifest, written by a PASS run.
            approve = run("approve", "--out", tmp.resolve("out-approve").toString(), "--manifest",
                    ds.resolve("train.manifest").toString());
            // The folder with --out inside it, twice: the second run finds the first one's outputs there.
            first = run("first", "--out", ds.resolve("gate-out").toString(), ds.toString());
            earlierOutput = outputsLeftFor(ds.resolve("gate-out"));
            second = run("second", "--out", ds.resolve("gate-out").toString(), ds.toString());

            String record = Files.readString(ds.resolve("train.approved.manifest.verdict.json"), UTF_8);
            JsonNode parsed = JSON.readTree(record);
            write(bad, "fake.approved.manifest.verdict.json", record.replace(
                    "\"dataset\" : " + parsed.get("dataset").toString(),
                    "\"dataset\" : \"ssn " + FAKE_RECORD.ssn + "\""));
            write(bad, "one-line.approved.manifest.verdict.json", JSON.writeValueAsString(((com.fasterxml.jackson
                    .databind.node.ObjectNode) parsed.deepCopy()).put("note", "ssn " + ONE_LINE_RECORD.ssn)) + "\n");
            write(bad, "inline.manifest", "{\"source-ref\":\"s3://example-bucket/bad/a.jsonl\",\"note\":\"customer ssn "
                    + INLINE.ssn + "\"}\n");
            write(bad, "broken.manifest", "{\"source-ref\":\"s3://example-bucket/bad/a.jsonl\"}\ncustomer ssn "
                    + BROKEN.ssn + "\n");
            Path oldOut = Files.createDirectories(bad.resolve("old-out"));
            Files.copy(ds.resolve("gate-out/report.json"), oldOut.resolve("report.json"));
            Files.copy(ds.resolve("gate-out/verdict.json"), oldOut.resolve("verdict.json"));
            blocked = run("blocked", "--out", bad.resolve("gate-out").toString(), bad.toString());
        } finally {
            capture.close();
        }
        places.put("log4j events", log.toString());
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    private static Run run(String name, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("--findings-format", "jsonl"));
        argv.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv.toArray(String[]::new), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        Path outDir = Path.of(args[1]);
        places.put("run " + name + " stdout", out.toString(UTF_8));
        places.put("run " + name + " stderr", err.toString(UTF_8));
        places.put("run " + name + " --out", Leaks.readTree(outDir));
        return new Run(status, out.toString(UTF_8), err.toString(UTF_8),
                JSON.readTree(outDir.resolve("report.json").toFile()));
    }

    /** Files below an earlier run's --out as the next run lists them: without its report and verdict (withdrawn first) and checksum files (the local file system hides them). */
    private static List<String> outputsLeftFor(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(p -> ds.relativize(p).toString())
                    .filter(p -> !p.equals("gate-out/report.json") && !p.equals("gate-out/verdict.json")
                            && !p.equals("gate-out/summary.md") && !p.equals("gate-out/report.html")
                            && !p.endsWith(".crc"))
                    .sorted().toList();
        }
    }

    @Test
    void aCleanFolderWithItsManifestsApprovalAndOutputsPasses() {
        assertThat(approve.status()).as(approve.out() + approve.err()).isEqualTo(Main.PASS);
        assertThat(first.status()).as(first.out() + first.err()).isEqualTo(Main.PASS);
        assertThat(second.status()).as(second.out() + second.err()).isEqualTo(Main.PASS);
        for (Run run : List.of(first, second)) {
            assertThat(run.paths()).extracting(FolderOwnFilesTest::belowDs).containsExactly("a.jsonl",
                    "augmented.manifest", "notes.txt", "sagemaker.manifest", "train.approved.manifest",
                    "train.manifest");
            assertThat(run.report().get("statuses").toString()).isEqualTo("{\"COMPLETE\":6}");
            assertThat(run.report().get("totals").get("recordsUnmasked").asLong()).isZero();
        }
    }

    @Test
    void eachManifestIsScannedInTheRecordFormatOfItsKind() {
        assertThat(second.object("augmented.manifest").get("format").asText()).isEqualTo("jsonl");
        assertThat(second.object("augmented.manifest").get("records").asLong()).isEqualTo(2);
        assertThat(second.object("sagemaker.manifest").get("format").asText()).isEqualTo("text");
        assertThat(second.object("train.manifest").get("format").asText()).isEqualTo("text");
        assertThat(second.object("train.approved.manifest").get("format").asText()).isEqualTo("text");
        assertThat(second.object("train.manifest").get("records").asLong()).isEqualTo(2);
    }

    @Test
    void theFilesLeftOutAreExactlyOursEachWithItsReason() {
        assertThat(earlierOutput).as("the first run left findings in --out").isNotEmpty()
                .allMatch(p -> p.startsWith("gate-out/findings/"));
        List<String> expected = new ArrayList<>();
        expected.add("_SUCCESS MARKER");
        earlierOutput.forEach(p -> expected.add(p + " RUN_OUTPUT"));
        expected.add("train.approved.manifest.verdict.json VERDICT_RECORD");

        JsonNode reasons = second.report().get("ignoredReasons");
        List<String> listed = new ArrayList<>();
        reasons.get("files").forEach(f -> listed.add(belowDs(f.get("path").asText()) + " " + f.get("reason").asText()));
        assertThat(listed).containsExactlyElementsOf(expected);
        List<String> ignoredFiles = new ArrayList<>();
        second.report().get("ignoredFiles").forEach(f -> ignoredFiles.add(belowDs(f.asText())));
        assertThat(ignoredFiles).containsExactlyElementsOf(expected.stream().map(e -> e.substring(0, e.indexOf(' ')))
                .toList());
        assertThat(reasons.get("counts").toString()).isEqualTo("{\"MARKER\":1,\"RUN_OUTPUT\":" + earlierOutput.size()
                + ",\"VERDICT_RECORD\":1}");
        assertThat(second.out()).contains("  left out of the scan: " + expected.size() + " files (MARKER 1, RUN_OUTPUT "
                + earlierOutput.size() + ", VERDICT_RECORD 1); listed in report.json ignoredReasons");

        // The first run: --out was still empty.
        assertThat(first.report().get("ignoredReasons").get("counts").toString())
                .isEqualTo("{\"MARKER\":1,\"VERDICT_RECORD\":1}");
        assertThat(first.report().get("ignoredFiles")).hasSize(2);
    }

    @Test
    void whatOnlyLooksLikeOursIsScannedAndBlocks() {
        assertThat(blocked.status()).as(blocked.out() + blocked.err()).isEqualTo(Main.BLOCK);
        assertThat(blocked.report().get("ignoredFiles")).isEmpty();
        assertThat(blocked.report().get("ignoredReasons").toString()).isEqualTo("{\"counts\":{},\"files\":[]}");
        assertThat(blocked.out()).doesNotContain("left out of the scan");

        // A pretty-printed record is not JSON Lines: it cannot be read as data, which blocks on its own.
        JsonNode fake = blocked.object("fake.approved.manifest.verdict.json");
        assertThat(fake.get("status").asText()).isNotEqualTo("COMPLETE");
        assertThat(fake.get("reason").asText()).isEqualTo("CORRUPT");
        JsonNode oneLine = blocked.object("one-line.approved.manifest.verdict.json");
        assertThat(oneLine.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(HostileRun.unmasked(oneLine, "USA_SOCIAL_SECURITY_NUMBER")).isEqualTo(1);

        JsonNode inline = blocked.object("inline.manifest");
        assertThat(inline.get("format").asText()).isEqualTo("jsonl");
        assertThat(inline.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(HostileRun.unmasked(inline, "USA_SOCIAL_SECURITY_NUMBER")).isEqualTo(1);

        JsonNode broken = blocked.object("broken.manifest");
        assertThat(broken.get("format").asText()).isEqualTo("text");
        assertThat(broken.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(HostileRun.unmasked(broken, "USA_SOCIAL_SECURITY_NUMBER")).isEqualTo(1);

        // Another run's outputs are data here: only this run's --out is left out.
        assertThat(blocked.paths()).anyMatch(p -> p.endsWith("/bad/old-out/report.json"))
                .anyMatch(p -> p.endsWith("/bad/old-out/verdict.json"));
        // At least the three planted SSNs: the copied report and the pretty-printed record hold run ids,
        // digests and times that differ per run, and a run of their digits may read as a number.
        assertThat(blocked.report().get("totals").get("recordsUnmasked").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void noPlantedValueIsWrittenAnywhere() {
        assertThat(places.get("run blocked --out").contains("USA_SOCIAL_SECURITY_NUMBER")).as("findings written")
                .isTrue();
        assertThat(places.get("log4j events").contains("pii-gate run")).as("captured log").isTrue();
        assertThat(Leaks.find(places, PLANTED, "[\\s\\-().+/_]")).isEmpty();
    }

    private static String belowDs(String uri) {
        int at = uri.indexOf("/ds/");
        return at < 0 ? uri : uri.substring(at + "/ds/".length());
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, UTF_8);
    }
}
