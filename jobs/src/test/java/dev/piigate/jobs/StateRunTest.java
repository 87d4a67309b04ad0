package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.piigate.jobs.samples.ScanSamplesTest;
import dev.piigate.jobs.scan.ScanFaults;
import dev.piigate.jobs.state.StateLock;
import dev.piigate.jobs.testing.ChildMain;
import dev.piigate.jobs.testing.MainRun;
import scala.collection.JavaConverters;

/**
 * {@code --state} end to end on real local files: a re-run reuses what did not change and gives
 * the report.json counts and findings/ of a fresh full scan of the same data; settings or key
 * changes reuse nothing, nor does other code (the job run in a JVM of its own from a changed copy
 * of its classes folder); a damaged ledger is ignored with a warning and changes no verdict.
 */
@ResourceLock(SparkTestSession.LOCK)
class StateRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Planted in one object: its digits must never reach the ledger. */
    private static final String CARD = "4556 7375 8689 9855";
    private static SparkSession spark;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    @AfterEach
    void clearFaults() {
        ScanFaults.clear();
    }

    /** Ten JSON Lines objects, PII in each, the card in the third. */
    private static Path dataset(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < 10; i++) {
            write(dir.resolve("part-" + i + ".jsonl"), i, i == 2);
        }
        return dir;
    }

    private static void write(Path file, int i, boolean card) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < 40; r++) {
            text.append("{\"id\":").append(r).append(",\"mail\":\"user").append(i).append('x').append(r)
                    .append("@mailbox.org\",\"note\":\"").append(card && r == 7 ? "card " + CARD : "lorem ipsum")
                    .append("\"}\n");
        }
        Files.writeString(file, text, UTF_8);
    }

    private static MainRun scan(Path data, Path out, Path state, String... extra) {
        List<String> argv = new ArrayList<>(List.of("--out", out.toString(), "--findings-format", "jsonl",
                "--quiet"));
        if (state != null) {
            argv.add("--state");
            argv.add(state.toString());
        }
        argv.addAll(List.of(extra));
        argv.add(data.toString());
        return MainRun.of(argv.toArray(String[]::new));
    }

    private static JsonNode report(Path out) throws IOException {
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    /** report.json without what differs from run to run, and without the ledger's own section. */
    static JsonNode comparable(Path out) throws IOException {
        ObjectNode r = (ObjectNode) report(out);
        r.remove(List.of("runId", "startedAt", "finishedAt", "state"));
        return r;
    }

    static List<String> findings(Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out.resolve("findings"))) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                lines.addAll(Files.readAllLines(p, UTF_8));
            }
        }
        lines.sort(null);
        return lines;
    }

    private static List<Path> ledgerParts(Path state) throws IOException {
        try (Stream<Path> files = Files.list(state.resolve("entries"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
    }

    private static long stateField(Path out, String field) throws IOException {
        return report(out).get("state").get(field).asLong();
    }

    @Test
    void aReRunReadsOnlyWhatChangedAndEqualsAFreshScan() throws IOException {
        Path data = dataset("inc");
        Path state = tmp.resolve("inc-state");
        MainRun first = scan(data, tmp.resolve("inc-1"), state);
        assertThat(first.status()).isEqualTo(Main.BLOCK);
        assertThat(stateField(tmp.resolve("inc-1"), "objectsScanned")).isEqualTo(10);
        assertThat(stateField(tmp.resolve("inc-1"), "objectsReused")).isZero();
        assertThat(stateField(tmp.resolve("inc-1"), "entriesWritten")).isEqualTo(10);

        write(data.resolve("part-5.jsonl"), 55, false); // changed
        write(data.resolve("part-10.jsonl"), 10, false); // added
        Files.delete(data.resolve("part-7.jsonl")); // gone
        MainRun again = scan(data, tmp.resolve("inc-2"), state);
        MainRun fresh = scan(data, tmp.resolve("inc-fresh"), null);

        assertThat(again.status()).isEqualTo(fresh.status()).isEqualTo(Main.BLOCK);
        JsonNode s = report(tmp.resolve("inc-2")).get("state");
        assertThat(s.get("objectsScanned").asLong()).isEqualTo(2);
        assertThat(s.get("objectsReused").asLong()).isEqualTo(8);
        assertThat(s.get("bytesScanned").asLong()).isEqualTo(Files.size(data.resolve("part-5.jsonl"))
                + Files.size(data.resolve("part-10.jsonl")));
        assertThat(comparable(tmp.resolve("inc-2"))).isEqualTo(comparable(tmp.resolve("inc-fresh")));
        assertThat(findings(tmp.resolve("inc-2"))).isEqualTo(findings(tmp.resolve("inc-fresh"))).isNotEmpty();
        assertThat(report(tmp.resolve("inc-2")).get("files").toString()).doesNotContain("part-7.jsonl");
        assertThat(Files.readString(tmp.resolve("inc-2/summary.md"), UTF_8))
                .contains(": 8 objects reused (").contains(", 2 scanned (");

        // A third run with nothing changed reads nothing.
        scan(data, tmp.resolve("inc-3"), state);
        assertThat(stateField(tmp.resolve("inc-3"), "objectsScanned")).isZero();
        assertThat(comparable(tmp.resolve("inc-3"))).isEqualTo(comparable(tmp.resolve("inc-fresh")));

        // The card's digits are nowhere in the ledger (findings carry masked previews and fingerprints).
        String digits = CARD.replace(" ", "");
        for (Path part : ledgerParts(state)) {
            String text = Files.readString(part, UTF_8);
            assertThat(text).doesNotContain(digits).doesNotContain(CARD).doesNotContain("user2x7@mailbox.org");
        }
    }

    @Test
    void aConfigurationOrKeyChangeReusesNothing() throws IOException {
        Path data = dataset("cfg");
        Path state = tmp.resolve("cfg-state");
        scan(data, tmp.resolve("cfg-1"), state);
        Path noEmail = Files.writeString(tmp.resolve("no-email.yaml"), "detectors:\n  keywordDistance: 51\n", UTF_8);
        Path otherKey = Files.writeString(tmp.resolve("other-key.yaml"),
                "fingerprint:\n  keyEnvironmentVariable: PATH\n", UTF_8);

        scan(data, tmp.resolve("cfg-2"), state, "--config", noEmail.toString());
        scan(data, tmp.resolve("cfg-3"), state, "--config", otherKey.toString());
        scan(data, tmp.resolve("cfg-4"), state);

        assertThat(stateField(tmp.resolve("cfg-2"), "objectsReused")).isZero();
        assertThat(stateField(tmp.resolve("cfg-3"), "objectsReused")).isZero();
        assertThat(stateField(tmp.resolve("cfg-4"), "objectsReused")).isEqualTo(10);
    }

    /** This JVM's class path with the job's classes folder swapped for {@code classes}. */
    private static String classPathWith(Path classes) throws Exception {
        Path ours = Path.of(ScanJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> entries = new ArrayList<>();
        int swapped = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
            if (!e.isEmpty() && Path.of(e).toAbsolutePath().normalize().equals(ours.toAbsolutePath().normalize())) {
                entries.add(classes.toString());
                swapped++;
            } else {
                entries.add(e);
            }
        }
        assertThat(swapped).as("the job's classes folder on the class path").isEqualTo(1);
        return String.join(File.pathSeparator, entries);
    }

    private static Path copyOfClasses(String name) throws Exception {
        Path to = tmp.resolve(name);
        Path from = Path.of(ScanJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ScanSamplesTest.copyTree(from, to);
        return to;
    }

    /** The job with {@code --state} in a JVM of its own, from {@code classes} instead of its own folder. */
    private static void childScan(Path classes, Path data, Path out, Path state) throws Exception {
        Path err = tmp.resolve(out.getFileName() + ".err");
        Process run = ChildMain.start(classPathWith(classes), Map.of(), tmp.resolve(out.getFileName() + ".out"), err,
                "--out", out.toString(), "--findings-format", "jsonl", "--quiet", "--state", state.toString(),
                data.toString());
        assertThat(run.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(err, UTF_8)).isEqualTo(Main.BLOCK);
    }

    @Test
    void entriesAreReusedByTheSameCodeWhereverItLiesAndByNoOther() throws Exception {
        Path data = dataset("code");
        Path state = tmp.resolve("code-state");
        scan(data, tmp.resolve("code-1"), state);

        childScan(copyOfClasses("same-classes"), data, tmp.resolve("code-same"), state);
        assertThat(stateField(tmp.resolve("code-same"), "objectsReused")).isEqualTo(10);
        assertThat(stateField(tmp.resolve("code-same"), "objectsScanned")).isZero();

        Path rebuilt = copyOfClasses("rebuilt-classes");
        Files.writeString(rebuilt.resolve("dev/piigate/jobs/rebuilt.txt"), "one file more\n", UTF_8);
        childScan(rebuilt, data, tmp.resolve("code-other"), state);
        assertThat(stateField(tmp.resolve("code-other"), "objectsReused")).isZero();
        assertThat(stateField(tmp.resolve("code-other"), "objectsScanned")).isEqualTo(10);
    }

    @Test
    void aDamagedLedgerIsIgnoredWithAWarningAndTheVerdictStands() throws IOException {
        Path data = dataset("dmg");
        Path state = tmp.resolve("dmg-state");
        scan(data, tmp.resolve("dmg-fresh"), null);
        scan(data, tmp.resolve("dmg-1"), state, "--conf", "spark.default.parallelism=1");
        List<Path> parts = ledgerParts(state);
        assertThat(parts).isNotEmpty();
        // One byte flipped in the first line of the first part, the last part cut short, one part not JSON.
        byte[] first = Files.readAllBytes(parts.get(0));
        first[first.length / 20] ^= 0x01;
        Files.write(parts.get(0), first);
        byte[] last = Files.readAllBytes(parts.get(parts.size() - 1));
        if (parts.size() > 1) {
            Files.write(parts.get(parts.size() - 1), java.util.Arrays.copyOf(last, last.length - 40));
        }
        Files.writeString(state.resolve("entries/part-not-json.jsonl"), "hello\n{\"a\":1}\n", UTF_8);

        MainRun again = scan(data, tmp.resolve("dmg-2"), state);

        assertThat(again.err()).contains("warning").contains("damaged").contains(parts.get(0).getFileName().toString())
                .contains("part-not-json.jsonl");
        JsonNode s = report(tmp.resolve("dmg-2")).get("state");
        assertThat(s.get("entriesIgnored").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(s.get("partsIgnored").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(s.get("objectsScanned").asLong()).isPositive();
        assertThat(s.get("objectsReused").asLong() + s.get("objectsScanned").asLong()).isEqualTo(10);
        assertThat(again.status()).isEqualTo(Main.BLOCK);
        assertThat(comparable(tmp.resolve("dmg-2"))).isEqualTo(comparable(tmp.resolve("dmg-fresh")));
        assertThat(findings(tmp.resolve("dmg-2"))).isEqualTo(findings(tmp.resolve("dmg-fresh")));
    }

    @Test
    void aDamagedPartIsNamedMaskedWhereItsNameHoldsPii() throws IOException, TimeoutException {
        Path data = dataset("dmg-name");
        Path state = tmp.resolve("dmg-name-state");
        scan(data, tmp.resolve("dmg-name-1"), state);
        // Anyone who can write STATE can drop a file there: its name is data like any path.
        Files.writeString(state.resolve("entries/card-4556737586899855.jsonl"), "hello\n", UTF_8);
        // What Spark shows in its UI and writes to its event log of each task's accumulators.
        List<String> published = java.util.Collections.synchronizedList(new ArrayList<>());
        SparkListener accumulables = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                JavaConverters.seqAsJavaList(end.taskInfo().accumulables())
                        .forEach(a -> published.add(a.name() + " " + a.update() + " " + a.value()));
            }
        };
        spark.sparkContext().addSparkListener(accumulables);
        MainRun again;
        try {
            again = scan(data, tmp.resolve("dmg-name-2"), state);
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(accumulables);
        }

        assertThat(again.err()).contains("damaged").contains("card-").doesNotContain("4556737586899855");
        assertThat(again.status()).isEqualTo(Main.BLOCK);
        assertThat(published).isNotEmpty().noneMatch(a -> a.contains("4556737586899855"));
    }

    @Test
    void aSecondRunOnAStateInUseExitsOneAndChangesNothing() throws IOException {
        Path data = dataset("busy");
        Path state = tmp.resolve("busy-state");
        MainRun refused;
        try (StateLock holder = StateLock.acquire(state.toString(), new Configuration(), "the-other-run")) {
            refused = scan(data, tmp.resolve("busy-1"), state);
        }
        assertThat(refused.status()).isEqualTo(Main.ERROR);
        assertThat(refused.err()).contains("another run").contains("the-other-run");
        assertThat(tmp.resolve("busy-1").resolve("report.json")).doesNotExist();
        assertThat(state.resolve("entries")).doesNotExist();

        // Released: the next run goes ahead.
        assertThat(scan(data, tmp.resolve("busy-2"), state).status()).isEqualTo(Main.BLOCK);
        assertThat(stateField(tmp.resolve("busy-2"), "objectsScanned")).isEqualTo(10);
    }

    @Test
    void aStateThatIsAFileIsIgnoredWithAWarning() throws IOException {
        Path data = dataset("file");
        Path state = Files.writeString(tmp.resolve("state-file"), "not a ledger", UTF_8);
        scan(data, tmp.resolve("file-fresh"), null);

        MainRun run = scan(data, tmp.resolve("file-1"), state);

        assertThat(run.status()).isEqualTo(Main.BLOCK);
        assertThat(run.err()).contains("warning").contains("cannot be written");
        assertThat(stateField(tmp.resolve("file-1"), "objectsScanned")).isEqualTo(10);
        assertThat(comparable(tmp.resolve("file-1"))).isEqualTo(comparable(tmp.resolve("file-fresh")));
        assertThat(Files.readString(state, UTF_8)).isEqualTo("not a ledger");
    }

    @Test
    void anObjectNotCompleteBeforeIsScannedAgain() throws IOException {
        Path data = dataset("partial");
        Path state = tmp.resolve("partial-state");
        Path changing = data.resolve("part-4.jsonl");
        // First run: the object grows between listing and reading: OBJECT_CHANGED, not COMPLETE.
        ScanFaults.install((path, attempt) -> {
            if (path.endsWith("part-4.jsonl")) {
                Files.writeString(changing, "{\"late\":1}\n", UTF_8, java.nio.file.StandardOpenOption.APPEND);
            }
        });
        scan(data, tmp.resolve("partial-1"), state);
        ScanFaults.clear();
        assertThat(report(tmp.resolve("partial-1")).get("files").toString()).contains("OBJECT_CHANGED");

        scan(data, tmp.resolve("partial-2"), state);

        assertThat(stateField(tmp.resolve("partial-2"), "objectsScanned")).isEqualTo(1);
        assertThat(stateField(tmp.resolve("partial-2"), "objectsReused")).isEqualTo(9);
        assertThat(report(tmp.resolve("partial-2")).get("files").toString()).doesNotContain("OBJECT_CHANGED");
    }

    @Test
    void aSplitObjectIsReusedSplitBySplit() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("split"));
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() < 2_600_000; i++) {
            big.append("{\"id\":").append(i).append(",\"mail\":\"user").append(i).append("@mailbox.org\",\"text\":\"")
                    .append("lorem ipsum ".repeat(10)).append("\"}\n");
        }
        Files.writeString(data.resolve("big.jsonl"), big, UTF_8);
        write(data.resolve("small.jsonl"), 1, true);
        Path split = Files.writeString(tmp.resolve("split.yaml"),
                "report:\n  maxFindingsPerFile: 100000\nlimits:\n  splitBytes: 1048576\n", UTF_8);
        Path state = tmp.resolve("split-state");

        scan(data, tmp.resolve("split-1"), state, "--config", split.toString());
        MainRun again = scan(data, tmp.resolve("split-2"), state, "--config", split.toString());
        scan(data, tmp.resolve("split-fresh"), null, "--config", split.toString());

        assertThat(stateField(tmp.resolve("split-1"), "entriesWritten")).isEqualTo(4); // 3 splits + 1
        JsonNode s = report(tmp.resolve("split-2")).get("state");
        assertThat(s.get("objectsReused").asLong()).isEqualTo(2);
        assertThat(s.get("objectsScanned").asLong()).isZero();
        assertThat(again.status()).isEqualTo(Main.BLOCK);
        assertThat(comparable(tmp.resolve("split-2"))).isEqualTo(comparable(tmp.resolve("split-fresh")));
        assertThat(findings(tmp.resolve("split-2"))).isEqualTo(findings(tmp.resolve("split-fresh")));
    }

    @Test
    void aRunThatFailedHalfWayResumesWithWhatItFinished() throws IOException {
        Path data = dataset("resume");
        Path state = tmp.resolve("resume-state");
        scan(data, tmp.resolve("resume-fresh"), null);
        // Every entry flushed at once, as a long run's would be every flushMillis; one object fails its task
        // (local mode does not retry), which fails the run.
        System.setProperty("piigate.state.flushMillis", "0");
        ScanFaults.install((path, attempt) -> {
            if (path.endsWith("part-6.jsonl")) {
                throw new IOException("injected: the executor is lost");
            }
        });
        MainRun failed;
        try {
            failed = scan(data, tmp.resolve("resume-1"), state);
        } finally {
            ScanFaults.clear();
            System.clearProperty("piigate.state.flushMillis");
        }
        assertThat(failed.status()).isEqualTo(Main.ERROR);
        awaitNoRunningTasks();
        List<Path> parts = ledgerParts(state);
        long entries = 0;
        for (Path p : parts) {
            entries += Files.readAllLines(p, UTF_8).size();
        }
        assertThat(entries).as("one part per entry").isEqualTo(parts.size()).isBetween(1L, 9L);

        MainRun resumed = scan(data, tmp.resolve("resume-2"), state);

        assertThat(resumed.status()).isEqualTo(Main.BLOCK);
        assertThat(stateField(tmp.resolve("resume-2"), "objectsReused")).isEqualTo(entries);
        assertThat(stateField(tmp.resolve("resume-2"), "objectsScanned")).isEqualTo(10 - entries);
        assertThat(comparable(tmp.resolve("resume-2"))).isEqualTo(comparable(tmp.resolve("resume-fresh")));
        assertThat(findings(tmp.resolve("resume-2"))).isEqualTo(findings(tmp.resolve("resume-fresh")));
    }

    /**
     * The failed job's other tasks run on (the job group does not interrupt them) and write their
     * entries as they end: in a process of its own the driver's exit would stop them; here, with the
     * session shared, they are waited for, so the ledger counted is the one the next run reads.
     */
    private static void awaitNoRunningTasks() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (java.util.Arrays.stream(spark.sparkContext().statusTracker().getExecutorInfos())
                .anyMatch(e -> e.numRunningTasks() > 0)) {
            assertThat(System.nanoTime()).as("tasks still running after 60 s").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aSplitObjectReadAgainWholeCountsAsScanned() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("across"));
        SplitRunTest.bigCsv(data, "across.csv", true); // a quoted line break across its first split's end
        Path split = Files.writeString(tmp.resolve("across.yaml"),
                "report:\n  maxFindingsPerFile: 100000\nlimits:\n  splitBytes: 1048576\n", UTF_8);
        Path state = tmp.resolve("across-state");

        scan(data, tmp.resolve("across-1"), state, "--config", split.toString());
        scan(data, tmp.resolve("across-2"), state, "--config", split.toString());
        scan(data, tmp.resolve("across-fresh"), null, "--config", split.toString());

        JsonNode s = report(tmp.resolve("across-2")).get("state");
        assertThat(s.get("objectsReused").asLong()).isZero();
        assertThat(s.get("objectsScanned").asLong()).isEqualTo(1);
        assertThat(comparable(tmp.resolve("across-2"))).isEqualTo(comparable(tmp.resolve("across-fresh")));
        assertThat(findings(tmp.resolve("across-2"))).isEqualTo(findings(tmp.resolve("across-fresh")));
    }

    @Test
    void stateWithoutTheFixedKeyIsBadUsage() throws IOException {
        Path data = dataset("nokey");
        Path noKey = Files.writeString(tmp.resolve("no-key.yaml"),
                "fingerprint:\n  keyEnvironmentVariable: PII_GATE_TEST_KEY_NOT_SET\n", UTF_8);
        MainRun run = scan(data, tmp.resolve("nokey-1"), tmp.resolve("nokey-state"), "--config", noKey.toString());
        assertThat(run.status()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--state needs the fixed fingerprint key");
    }
}
