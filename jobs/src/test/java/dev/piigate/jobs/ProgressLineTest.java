package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.scan.ProgressCounters;
import dev.piigate.jobs.testing.MainRun;

/**
 * The progress line on real local runs over the samples (with a short interval): lines while the
 * scan runs, a final line whose counts are the report's, nothing of the data on stderr, nothing
 * under --quiet; and that executor heartbeats bring a running task's additions to the driver.
 */
@ResourceLock(SparkTestSession.LOCK)
class ProgressLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A card number in a file's name and content: data that must not reach stderr. */
    private static final String CARD = "4716 2817 6530 8153";
    private static final String CARD_IN_NAME = "4716281765308153";
    private static final Pattern LINE = Pattern.compile("pii-gate: (scanning|scanned): (\\d+)/(\\d+) objects, "
            + "([0-9.]+)/([0-9.?]+) (B|kB|MB|GB), ([0-9,]+) records, ([0-9,]+) with unmasked PII, ([0-9.]+) MB/s, "
            + "(\\S+ left|in \\S+)");
    private static SparkSession spark;
    @TempDir
    static Path tmp;
    private static Path data;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkTestSession.builder()
                .config("spark.executor.heartbeatInterval", "200ms")
                .getOrCreate();
        data = Files.createDirectories(tmp.resolve("data"));
        try (Stream<Path> samples = Files.list(Path.of("..", "samples", "blocked"))) {
            for (Path f : samples.toList()) {
                if (!f.getFileName().toString().endsWith(".manifest")) {
                    Files.copy(f, data.resolve(f.getFileName()));
                }
            }
        }
        Files.writeString(data.resolve("refund-" + CARD_IN_NAME + ".txt"), "hello\nrefund to card " + CARD + "\n",
                UTF_8);
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    @BeforeEach
    void shortInterval() {
        System.setProperty(ScanProgress.INTERVAL_PROPERTY, "20");
    }

    @AfterEach
    void defaultInterval() {
        System.clearProperty(ScanProgress.INTERVAL_PROPERTY);
    }

    private static MainRun run(String... argv) {
        return MainRun.of(argv);
    }

    @Test
    void linesWhileScanningAndAFinalLineWithTheReportsCounts() throws IOException {
        Path outDir = tmp.resolve("out");
        MainRun r = run("--out", outDir.toString(), data.toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.BLOCK);

        List<String> lines = r.err().lines().toList();
        assertThat(lines).as(r.err()).allSatisfy(l -> assertThat(l).matches(LINE));
        assertThat(lines.subList(0, lines.size() - 1)).as("lines while scanning").isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("pii-gate: scanning: "));
        Matcher last = LINE.matcher(lines.get(lines.size() - 1));
        assertThat(last.matches()).isTrue();
        assertThat(last.group(1)).isEqualTo("scanned");

        JsonNode totals = JSON.readTree(outDir.resolve("report.json").toFile()).get("totals");
        long files = totals.get("files").asLong();
        assertThat(Long.parseLong(last.group(2))).as("objects done").isEqualTo(files);
        assertThat(Long.parseLong(last.group(3))).as("objects in all").isEqualTo(files);
        assertThat(last.group(4)).as("bytes done").isEqualTo(last.group(5));
        assertThat(last.group(4)).isEqualTo(ScanProgress.amount(totals.get("bytes").asLong(),
                totals.get("bytes").asLong()));
        assertThat(number(last.group(7))).as("records").isEqualTo(totals.get("records").asLong()).isPositive();
        assertThat(number(last.group(8))).as("records with unmasked PII")
                .isEqualTo(totals.get("recordsUnmasked").asLong()).isPositive();
        // Numbers only: no value, no path, no file name.
        assertThat(r.err()).doesNotContain(CARD).doesNotContain(CARD_IN_NAME).doesNotContain(tmp.toString())
                .doesNotContain("customers");
        // stdout is as before: the summary, no progress line.
        assertThat(r.out()).doesNotContain("scanning:").contains("pii-gate: BLOCK");
    }

    @Test
    void quietPrintsNoProgress() {
        MainRun r = run("--quiet", "--out", tmp.resolve("out-quiet").toString(), data.toString());
        assertThat(r.status()).isEqualTo(Main.BLOCK);
        assertThat(r.err()).isEmpty();
    }

    /**
     * What a task adds reaches the driver while the task still runs: one task adds, then waits until
     * the listener has seen the addition in a heartbeat (or 60 s pass).
     */
    @Test
    void heartbeatsBringARunningTasksAdditions() throws Exception {
        ProgressCounters counters = ProgressCounters.register(spark.sparkContext());
        ScanProgress.Heartbeats heartbeats = new ScanProgress.Heartbeats(counters.accumulators());
        spark.sparkContext().addSparkListener(heartbeats);
        LongAccumulator records = counters.accumulators().get(2);
        try {
            CompletableFuture<Void> job = CompletableFuture.runAsync(() -> JavaSparkContext
                    .fromSparkContext(spark.sparkContext()).parallelize(List.of(1), 1).foreach(x -> {
                        records.add(7);
                        Waiting.RELEASE.await(60, TimeUnit.SECONDS);
                    }));
            long seen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen == 0 && System.nanoTime() < deadline) {
                seen = heartbeats.running().records();
                Thread.sleep(20);
            }
            long beforeTheEnd = counters.values().records();
            Waiting.RELEASE.countDown();
            job.get(60, TimeUnit.SECONDS);
            assertThat(seen).as("a running task's records, from a heartbeat").isEqualTo(7);
            assertThat(beforeTheEnd).as("nothing merged on the driver before the task ended").isZero();
            assertThat(counters.values().records()).isEqualTo(7);
        } finally {
            Waiting.RELEASE.countDown();
            spark.sparkContext().removeSparkListener(heartbeats);
        }
    }

    /** Local mode: the task runs in this JVM and waits on this latch. */
    static final class Waiting {
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        private Waiting() {}
    }

    @Test
    void lineShapes() {
        ProgressCounters.Values v = new ProgressCounters.Values(3, 1_500_000_000L, 1234567, 12);
        assertThat(ScanProgress.line(v, 10, 4_000_000_000L, 30_000_000_000L, false)).isEqualTo(
                "pii-gate: scanning: 3/10 objects, 1.5/4.0 GB, 1,234,567 records, 12 with unmasked PII, 50.0 MB/s, 50s left");
        assertThat(ScanProgress.line(v, 10, -1, 30_000_000_000L, false)).isEqualTo(
                "pii-gate: scanning: 3/10 objects, 1.5/? GB, 1,234,567 records, 12 with unmasked PII, 50.0 MB/s, ? left");
        assertThat(ScanProgress.line(new ProgressCounters.Values(11, 5_000_000, 9, 0), 10, 4_000_000, 200_000_000_000L,
                true)).as("counted past the total (a task run twice): shown at the total").isEqualTo(
                        "pii-gate: scanned: 10/10 objects, 4.0/4.0 MB, 9 records, 0 with unmasked PII, 0.0 MB/s, in 3m20s");
        assertThat(ScanProgress.line(new ProgressCounters.Values(1, 17, 2, 1), 1, 17, 1_000_000_000L, true))
                .as("under 1 kB in bytes").isEqualTo(
                        "pii-gate: scanned: 1/1 objects, 17/17 B, 2 records, 1 with unmasked PII, 0.0 MB/s, in 1s");
        assertThat(ScanProgress.duration(7600)).isEqualTo("2h06m");
        assertThat(ScanProgress.interval()).as("the test's setting").isEqualTo(20);
        System.setProperty(ScanProgress.INTERVAL_PROPERTY, "soon");
        assertThat(ScanProgress.interval()).as("not a number: the default (no terminal here)")
                .isEqualTo(ScanProgress.LOG_INTERVAL_MILLIS);
    }

    private static long number(String grouped) {
        return Long.parseLong(grouped.replace(",", ""));
    }
}
