package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.testing.ChildMain;
import dev.piigate.jobs.testing.MainRun;

/**
 * Resume after the driver is killed: a run in a JVM of its own is killed with SIGKILL (no cleanup,
 * its lock left unreleased) once about half its objects have ledger entries; the run started again
 * with the same {@code --state} takes the dead run's lock over once it is stale, scans only the
 * objects without an entry, and equals an undisturbed run.
 */
@ResourceLock(SparkTestSession.LOCK)
class StateKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OBJECTS = 40;
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

    /** Objects of about 2.5 MB each, an e-mail address in every record: seconds of scanning in all. */
    private static Path dataset() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        for (int i = 0; i < OBJECTS; i++) {
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(String.format("part-%02d.jsonl", i)), UTF_8)) {
                for (int r = 0; r < 12_000; r++) {
                    w.write("{\"id\":" + r + ",\"mail\":\"user" + i + "x" + r + "@mailbox.org\",\"note\":\"order "
                            + (r * 7919L % 100_000) + " shipped to the usual address, call back after 5 pm\"}\n");
                }
            }
        }
        return dir;
    }

    private static long entries(Path state) throws IOException {
        Path dir = state.resolve("entries");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                n += Files.readAllLines(p, UTF_8).size();
            }
        }
        return n;
    }

    private static List<String> argv(Path data, Path out, Path state) {
        List<String> argv = new ArrayList<>(List.of("--out", out.toString(), "--findings-format", "jsonl", "--quiet"));
        if (state != null) {
            argv.addAll(List.of("--state", state.toString()));
        }
        argv.add(data.toString());
        return argv;
    }

    @Test
    void aRunKilledHalfWayResumesWithWhatItFinishedAndEqualsAnUndisturbedRun() throws Exception {
        Path data = dataset();
        Path state = tmp.resolve("state");
        List<String> child = new ArrayList<>(List.of("--conf", "spark.master=local[1]"));
        child.addAll(argv(data, tmp.resolve("killed"), state));
        // Every entry written as it comes (a long run's every flushMillis); a quick heartbeat.
        Process run = ChildMain.start(Map.of("piigate.state.flushMillis", "0", "piigate.state.heartbeatMillis", "500"),
                tmp.resolve("child.out"), tmp.resolve("child.err"), child.toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        try {
            while (entries(state) < OBJECTS / 2 && run.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            run.destroyForcibly(); // SIGKILL: no shutdown hook, no release, no report
            run.waitFor(60, TimeUnit.SECONDS);
        }
        long finished = entries(state);
        assertThat(finished).as("entries when the driver was killed (the child's stderr: %s)",
                Files.readString(tmp.resolve("child.err"), UTF_8).lines().limit(20).toList())
                .isBetween((long) OBJECTS / 2, OBJECTS - 1L);
        assertThat(tmp.resolve("killed").resolve("report.json")).doesNotExist();

        MainRun undisturbed = MainRun.of(argv(data, tmp.resolve("undisturbed"), null).toArray(String[]::new));
        // The dead run's lock goes stale after staleMillis without a heartbeat; then it is taken over.
        System.setProperty("piigate.state.heartbeatMillis", "500");
        System.setProperty("piigate.state.staleMillis", "1500");
        MainRun resumed;
        try {
            Thread.sleep(2_500);
            resumed = MainRun.of(argv(data, tmp.resolve("resumed"), state).toArray(String[]::new));
        } finally {
            System.clearProperty("piigate.state.heartbeatMillis");
            System.clearProperty("piigate.state.staleMillis");
        }

        assertThat(resumed.status()).as(resumed.err()).isEqualTo(undisturbed.status()).isEqualTo(Main.BLOCK);
        JsonNode st = JSON.readTree(tmp.resolve("resumed").resolve("report.json").toFile()).get("state");
        assertThat(st.get("objectsReused").asLong()).isEqualTo(finished);
        assertThat(st.get("objectsScanned").asLong()).isEqualTo(OBJECTS - finished).isLessThanOrEqualTo(OBJECTS / 2);
        assertThat(StateRunTest.comparable(tmp.resolve("resumed")))
                .isEqualTo(StateRunTest.comparable(tmp.resolve("undisturbed")));
        assertThat(StateRunTest.findings(tmp.resolve("resumed")))
                .isEqualTo(StateRunTest.findings(tmp.resolve("undisturbed")));
    }
}
