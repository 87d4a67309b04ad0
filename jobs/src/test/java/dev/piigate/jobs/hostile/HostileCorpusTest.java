package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
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
import dev.piigate.jobs.scan.ScanFaults;
import dev.piigate.jobs.testing.WrittenPaths;

/**
 * The hostile-input corpus end to end, in one Spark local session that allows one retry per task
 * ({@code local[2,2]}) and writes an event log. Four runs, all in {@link #runAll}:
 * <ol>
 * <li>everything: the corpus, two objects deleted or rewritten after listing, and the misbehaving
 * test parsers; the first attempt of one task fails on purpose;</li>
 * <li>the corpus again, with the same injected task failure;</li>
 * <li>the corpus again, undisturbed: its report must equal run 2's (apart from run id and times);</li>
 * <li>a manifest of a few hostile files under a policy that tolerates them: PASS, with an approved
 * manifest.</li>
 * </ol>
 * Then one test per kind of hostile input checks its object's status and reason, that the status
 * alone blocks the dataset, and that the good files are COMPLETE; and the canary test searches
 * every output, the captured logs, stdout/stderr and the event log for every planted value.
 */
@ResourceLock(SparkTestSession.LOCK)
class HostileCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAILED_ONCE = "good.csv";

    @TempDir
    static Path tmp;
    private static Corpus corpus;
    private static final List<Run> runs = new ArrayList<>();
    private static final StringWriter log = new StringWriter();
    private static final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private static final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private static final AtomicInteger injectedFailures = new AtomicInteger();
    private static Path events;
    private static Path approved;

    record Run(String name, int status, String out, String err, Path outDir, JsonNode report) {
        JsonNode object(String fileName) {
            for (JsonNode f : report.get("files")) {
                if (WrittenPaths.names(f.get("path").asText(), fileName)) {
                    return f;
                }
            }
            throw new AssertionError(fileName + " not in the report of run " + name);
        }
    }

    @BeforeAll
    static void runAll() throws IOException {
        corpus = new Corpus(tmp.resolve("data"));
        events = Files.createDirectories(tmp.resolve("events"));
        Path config = tmp.resolve("hostile.yaml");
        // The hanging parser holds its task until this deadline; the corpus's real documents parse in
        // well under a second (it passed with both cores taken by two busy loops).
        Files.writeString(config, "limits:\n  maxValueChars: " + Corpus.CHUNK + "\n  documentTimeoutSeconds: 4\n", UTF_8);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(stdout, true, UTF_8));
        System.setErr(new PrintStream(stderr, true, UTF_8));
        SparkSession spark = null;
        LogCapture capture = null;
        try {
            spark = SparkSession.builder()
                    .master("local[2,2]") // two threads, and a failed task is tried once more
                    .appName("pii-gate-hostile-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.speculation", "false")
                    .config("spark.eventLog.enabled", "true")
                    .config("spark.eventLog.dir", events.toUri().toString())
                    .getOrCreate();
            capture = LogCapture.start("pii-gate-canary", log);

            AtomicBoolean changed = new AtomicBoolean();
            ScanFaults.install((path, attempt) -> {
                if (path.endsWith("/deleted.txt")) {
                    Files.deleteIfExists(corpus.victims.resolve("deleted.txt"));
                }
                if (path.endsWith("/changed.txt") && changed.compareAndSet(false, true)) {
                    Files.writeString(corpus.victims.resolve("changed.txt"), "appended after listing\n", UTF_8,
                            StandardOpenOption.APPEND);
                }
                failFirstAttempt(path, attempt);
            });
            runs.add(run("1-everything", config, corpus.main, corpus.victims, corpus.parsers));
            ScanFaults.install(HostileCorpusTest::failFirstAttempt);
            runs.add(run("2-retried", config, corpus.main));
            ScanFaults.clear();
            runs.add(run("3-undisturbed", config, corpus.main));

            Path manifest = corpus.main.resolve("tolerated.manifest");
            Files.writeString(manifest, "good.txt\nbinary.txt\ntruncated.txt.gz\n", UTF_8);
            Path lenient = tmp.resolve("lenient.yaml");
            Files.writeString(lenient, "policy:\n  maxUnmaskedRecords: 1000000\n  tolerate: [PARTIAL, SKIPPED]\n", UTF_8);
            runs.add(runManifest("4-tolerated", lenient, manifest));
            approved = corpus.main.resolve("tolerated.approved.manifest");
        } finally {
            ScanFaults.clear();
            if (capture != null) {
                capture.close();
            }
            if (spark != null) {
                spark.stop(); // flushes the event log
            }
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        // What each hostile input came to, for people reading the build log.
        for (JsonNode f : everything().report().get("files")) {
            String path = f.get("path").asText();
            System.out.printf("hostile corpus: %-28s %-9s %-18s %s%n", path.substring(path.lastIndexOf('/') + 1),
                    f.get("status").asText(), f.get("reason").isNull() ? "" : f.get("reason").asText(),
                    f.get("detail").isNull() ? "" : f.get("detail").asText());
        }
    }

    @AfterAll
    static void cleanUp() {
        ScanFaults.clear();
    }

    private static void failFirstAttempt(String path, int attempt) {
        if (path.endsWith("/" + FAILED_ONCE) && attempt == 0) {
            injectedFailures.incrementAndGet();
            throw new IllegalStateException("injected failure of a first task attempt");
        }
    }


    private static Run run(String name, Path config, Path... inputs) throws IOException {
        List<String> argv = new ArrayList<>(List.of("--out", tmp.resolve("out-" + name).toString(), "--config",
                config.toString(), "--findings-format", "jsonl"));
        for (Path p : inputs) {
            argv.add(p.toString());
        }
        return execute(name, argv);
    }

    private static Run runManifest(String name, Path config, Path manifest) throws IOException {
        return execute(name, List.of("--out", tmp.resolve("out-" + name).toString(), "--config", config.toString(),
                "--findings-format", "jsonl", "--manifest", manifest.toString()));
    }

    private static Run execute(String name, List<String> argv) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv.toArray(String[]::new), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        Path outDir = tmp.resolve("out-" + name);
        Path report = outDir.resolve("report.json");
        JsonNode json = Files.exists(report) ? JSON.readTree(report.toFile()) : null;
        if (json == null) {
            throw new AssertionError("run " + name + " wrote no report; exit " + status + ": " + err.toString(UTF_8));
        }
        return new Run(name, status, out.toString(UTF_8), err.toString(UTF_8), outDir, json);
    }

    private static Run everything() {
        return runs.get(0);
    }

    // ------------------------------------------------------------------ one test per kind

    /**
     * The object ended with {@code status/reason}; that status alone blocks the dataset (a block
     * reason names it); the good files are COMPLETE; the driver finished the run (exit 2, BLOCK).
     */
    private static JsonNode assertOutcome(String file, String status, String reason) {
        Run run = everything();
        JsonNode o = run.object(file);
        assertThat(o.get("status").asText()).as(file + ": " + o).isEqualTo(status);
        if (reason == null) {
            assertThat(o.get("reason").isNull()).as(file + ": " + o).isTrue();
        } else {
            assertThat(o.get("reason").asText()).as(file + ": " + o).isEqualTo(reason);
            List<String> scopes = new ArrayList<>();
            for (JsonNode r : run.report().get("verdict").get("reasons")) {
                if (r.get("code").asText().equals("OBJECT_STATUS")) {
                    scopes.add(r.get("scope").asText());
                }
            }
            assertThat(scopes).contains(status + "/" + reason);
        }
        assertThat(run.status()).as(run.err()).isEqualTo(Main.BLOCK);
        assertThat(run.report().get("verdict").get("decision").asText()).isEqualTo("BLOCK");
        for (String good : List.of("good.jsonl", "good.csv", "good.txt", "good.docx", "good.pdf", "good-a.parquet",
                "good-b.parquet")) {
            JsonNode g = run.object(good);
            assertThat(g.get("status").asText()).as(good + ": " + g).isEqualTo("COMPLETE");
            assertThat(g.get("recordsUnmasked").asLong()).as(good + " has its canaries found").isPositive();
        }
        return o;
    }

    private static long unmasked(JsonNode object, String type) {
        JsonNode t = object.get("types").get(type);
        return t == null ? 0 : t.get("unmasked").asLong();
    }

    @Test
    void zeroByteFileIsSkippedEmpty() {
        assertOutcome("empty.txt", "SKIPPED", "EMPTY");
    }

    @Test
    void truncatedGzipIsPartialTruncatedAndWhatWasReadIsScanned() {
        JsonNode o = assertOutcome("truncated.txt.gz", "PARTIAL", "TRUNCATED");
        assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).isEqualTo(1);
    }

    /** Documented outcome: gzip data is recognised by its magic bytes and scanned whole. */
    @Test
    void gzipWithoutItsSuffixIsDecompressedAndScanned() {
        JsonNode o = assertOutcome("gzip-without-suffix.txt", "COMPLETE", null);
        assertThat(o.get("records").asLong()).isEqualTo(2);
        assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).isEqualTo(1);
        assertThat(unmasked(o, "IBAN")).isEqualTo(1);
    }

    @Test
    void gzSuffixOnPlainTextIsSkippedCorrupt() {
        assertOutcome("plain-text.txt.gz", "SKIPPED", "CORRUPT");
    }

    @Test
    void concatenatedGzipMembersAreReadWhole() {
        JsonNode o = assertOutcome("members.txt.gz", "COMPLETE", null);
        assertThat(o.get("records").asLong()).isEqualTo(2);
        assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).isEqualTo(2);
    }

    @Test
    void invalidUtf8AroundACardNumberStillFindsIt() {
        JsonNode o = assertOutcome("bad-utf8.txt", "COMPLETE", null);
        // The card between the bad bytes, and the one in the canary line.
        assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).isEqualTo(2);
    }

    @Test
    void aLongLineIsScannedInChunksAndEveryCardOnABorderCountedOnce() {
        JsonNode o = assertOutcome("long-line.txt", "COMPLETE", null);
        assertThat(o.get("records").asLong()).isEqualTo(1);
        assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).isEqualTo(1 + Corpus.LONG_LINE_CARDS);
    }

    @Test
    void aJsonLineOverTheValueLimitIsScannedAsTextAndTooLarge() {
        JsonNode o = assertOutcome("long-line.jsonl", "PARTIAL", "TOO_LARGE");
        assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).isEqualTo(1);
    }

    @Test
    void deeplyNestedJsonIsCorruptAndItsTextStillScanned() {
        JsonNode o = assertOutcome("deep.jsonl", "PARTIAL", "CORRUPT");
        assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).isEqualTo(1);
    }

    @Test
    void jsonWithTrailingGarbageIsCorruptAndScanned() {
        JsonNode o = assertOutcome("trailing-garbage.jsonl", "PARTIAL", "CORRUPT");
        assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).isEqualTo(1);
    }

    @Test
    void raggedCsvRowsAreCorruptAndEveryCellScanned() {
        JsonNode o = assertOutcome("ragged.csv", "PARTIAL", "CORRUPT");
        assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).isEqualTo(1);
    }

    @Test
    void parquetFilesWithDifferentSchemasHaveEveryColumnScanned() {
        assertThat(unmasked(assertOutcome("good-a.parquet", "COMPLETE", null), "EMAIL_ADDRESS")).isEqualTo(1);
        JsonNode b = everything().object("good-b.parquet");
        assertThat(unmasked(b, "IBAN")).isEqualTo(2);
        assertThat(unmasked(b, "CREDIT_CARD_NUMBER")).isEqualTo(1);
    }

    @Test
    void zipBombDocxIsSkippedTooLarge() {
        assertOutcome("zip-bomb.docx", "SKIPPED", "TOO_LARGE");
    }

    /** Documented outcome: one level of compression is unpacked, a second is binary content. */
    @Test
    void deeplyNestedArchiveIsSkippedUnsupported() {
        assertOutcome("nested.txt.gz", "SKIPPED", "UNSUPPORTED_FORMAT");
    }

    @Test
    void encryptedPdfIsSkippedEncrypted() {
        assertOutcome("encrypted.pdf", "SKIPPED", "ENCRYPTED");
    }

    @Test
    void encryptedDocxIsSkippedEncrypted() {
        assertOutcome("encrypted.docx", "SKIPPED", "ENCRYPTED");
    }

    @Test
    void malformedPdfIsSkippedCorrupt() {
        assertOutcome("malformed.pdf", "SKIPPED", "CORRUPT");
    }

    /** Documented outcome: NUL bytes in a text format mean binary content, not text to scan. */
    @Test
    void binaryContentWithATextExtensionIsSkippedUnsupported() {
        JsonNode o = assertOutcome("binary.txt", "SKIPPED", "UNSUPPORTED_FORMAT");
        assertThat(o.get("detail").asText()).contains("NUL byte");
    }

    @Test
    void anObjectDeletedAfterListingIsSkippedNotFound() {
        assertOutcome("deleted.txt", "SKIPPED", "NOT_FOUND");
    }

    @Test
    void anObjectRewrittenAfterListingIsSkippedObjectChanged() {
        JsonNode o = assertOutcome("changed.txt", "SKIPPED", "OBJECT_CHANGED");
        assertThat(o.get("detail").asText()).contains("when listed");
    }

    @Test
    void aHangingParserCostsOneDocumentAsParserTimeout() {
        assertOutcome("piigate-test-hang.doc", "SKIPPED", "PARSER_TIMEOUT");
    }

    @Test
    void aParserThatRunsOutOfMemoryCostsOneDocumentAsParserCrash() {
        assertOutcome("piigate-test-oom.doc", "SKIPPED", "PARSER_CRASH");
    }

    @Test
    void aParserThatCallsSystemExitCostsOneDocumentAsParserCrash() {
        assertOutcome("piigate-test-exit.doc", "SKIPPED", "PARSER_CRASH");
    }

    @Test
    void aParserErrorQuotingTheDocumentIsCorruptByClassName() {
        JsonNode o = assertOutcome("piigate-test-quote.doc", "SKIPPED", "CORRUPT");
        assertThat(o.get("detail").asText()).isEqualTo("parse failed: TikaException");
    }

    @Test
    void everyListedObjectHasAStatusAndEveryNonCompleteOneAReason() {
        long listed;
        try (Stream<Path> a = Files.list(corpus.main); Stream<Path> b = Files.list(corpus.victims);
                Stream<Path> c = Files.list(corpus.parsers)) {
            listed = Stream.concat(Stream.concat(a, b), c)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().startsWith("tolerated.")).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        JsonNode files = everything().report().get("files");
        assertThat(files.size()).isEqualTo(listed + 1); // deleted.txt is gone now

        for (JsonNode f : files) {
            boolean complete = f.get("status").asText().equals("COMPLETE");
            assertThat(f.get("reason").isNull()).as(f.toString()).isEqualTo(complete);
        }
    }

    /** Documented tolerated outcome: policy.tolerate and a threshold let the same objects pass. */
    @Test
    void aPolicyThatToleratesThemPassesAndApprovesTheManifest() {
        Run run = runs.get(3);
        assertThat(run.status()).as(run.err()).isEqualTo(Main.PASS);
        assertThat(run.report().get("statuses").get("SKIPPED/UNSUPPORTED_FORMAT").asLong()).isEqualTo(1);
        assertThat(run.report().get("statuses").get("PARTIAL/TRUNCATED").asLong()).isEqualTo(1);
        assertThat(approved).exists();
    }

    // ------------------------------------------------------------------ same answer every time

    @Test
    void countsSurviveATaskRetryAndARerunGivesTheSameReport() {
        assertThat(injectedFailures.get()).as("first attempts failed on purpose").isGreaterThanOrEqualTo(2);
        assertThat(log.toString()).contains("injected failure of a first task attempt");
        JsonNode retried = normalise(runs.get(1).report());
        JsonNode undisturbed = normalise(runs.get(2).report());
        assertThat(retried.get("totals")).isEqualTo(undisturbed.get("totals"));
        assertThat(retried).isEqualTo(undisturbed);
        // And the per-object rows of the corpus are the same in the run with everything else in it.
        Map<String, JsonNode> first = new HashMap<>();
        for (JsonNode f : runs.get(0).report().get("files")) {
            first.put(f.get("path").asText(), f);
        }
        for (JsonNode f : runs.get(2).report().get("files")) {
            assertThat(first.get(f.get("path").asText())).as(f.get("path").asText()).isEqualTo(f);
        }
    }

    private static JsonNode normalise(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        for (String field : List.of("runId", "startedAt", "finishedAt")) {
            copy.put(field, "<varies>");
        }
        return copy;
    }

    // ------------------------------------------------------------------ inputs that used to PASS

    @Test
    void pandasFloatsAreScannedAsTheIntegersTheyHold() {
        JsonNode o = assertOutcome("pandas.jsonl", "COMPLETE", null);
        // Each as a float under its key and once more in the note.
        assertThat(unmasked(o, "USA_SOCIAL_SECURITY_NUMBER")).isEqualTo(2);
        assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).isEqualTo(2);
    }

    @Test
    void valuesGluedToJapaneseAndChineseTextAreFound() {
        JsonNode o = assertOutcome("cjk.txt", "COMPLETE", null);
        assertThat(o.get("recordsUnmasked").asLong()).isEqualTo(3);
        assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).isEqualTo(3);
        assertThat(unmasked(o, "EMAIL_ADDRESS")).isEqualTo(2);
    }

    @Test
    void utf16WithoutAByteOrderMarkIsDecoded() {
        JsonNode o = assertOutcome("utf16-no-bom.txt", "COMPLETE", null);
        for (String type : List.of("CREDIT_CARD_NUMBER", "USA_SOCIAL_SECURITY_NUMBER", "IBAN", "PHONE_NUMBER",
                "EMAIL_ADDRESS")) {
            assertThat(unmasked(o, type)).as(type).isEqualTo(1);
        }
    }

    @Test
    void aZlibStreamInATextFileIsNotScannedAsText() {
        JsonNode o = assertOutcome("zlib-in-text.txt", "PARTIAL", "UNSUPPORTED_FORMAT");
        // Lines before the blob are scanned (those in the look-ahead window when it is found are
        // not, and the object is PARTIAL for it); the blob is never read as text, wherever it starts.
        assertThat(o.get("records").asLong()).isPositive().isLessThanOrEqualTo(Corpus.ZLIB_AFTER_LINES);
    }

    @Test
    void aFileNameHoldingPiiCountsAndIsWrittenMasked() {
        JsonNode named = null;
        for (JsonNode f : everything().report().get("files")) {
            if (f.get("path").asText().contains("/export_")) {
                named = f;
            }
        }
        assertThat(named).as("the file named with PII is in the report").isNotNull();
        assertThat(named.get("path").asText()).contains("#path-fingerprint:").doesNotContain(corpus.failOpenName);
        assertThat(named.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(unmasked(named, "EMAIL_ADDRESS")).isEqualTo(1);
        assertThat(unmasked(named, "USA_SOCIAL_SECURITY_NUMBER")).isEqualTo(1);
        // The canary test below checks that the name is written nowhere in clear.
    }

    // ------------------------------------------------------------------ the canary test

    @Test
    void noPlantedValueLeavesTheScanner() throws IOException {
        Map<String, String> places = new HashMap<>();
        for (Run r : runs) {
            places.put("run " + r.name() + " stdout", r.out());
            places.put("run " + r.name() + " stderr", r.err());
            places.put("run " + r.name() + " --out", Leaks.readTree(r.outDir()));
        }
        places.put("approved manifest", Files.readString(approved, UTF_8)
                + Files.readString(approved.resolveSibling(approved.getFileName() + ".verdict.json"), UTF_8));
        places.put("log4j events (driver and executors)", log.toString());
        places.put("System.out", stdout.toString(UTF_8));
        places.put("System.err", stderr.toString(UTF_8));
        places.put("Spark event log", Leaks.readTree(events));

        // The outputs are really there: findings name the types, the event log holds the failed task.
        assertThat(places.get("run 1-everything --out")).contains("CREDIT_CARD_NUMBER", "IBAN", "EMAIL_ADDRESS");
        assertThat(places.get("Spark event log")).contains("SparkListenerTaskEnd", "injected failure");
        assertThat(places.get("log4j events (driver and executors)")).contains("pii-gate run");

        List<String> values = corpus.allValues();
        assertThat(values).hasSizeGreaterThan(100);
        assertThat(Leaks.find(places, values, "[\\s\\-().+/]")).isEmpty();
    }
}
