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
 * A ledger entry is reused only by the code that made it: the job run in a JVM of its own from a
 * copy of its classes folder reuses every entry (the same bytes elsewhere are the same code); from
 * a copy with one file more, none.
 */
@ResourceLock(SparkTestSession.LOCK)
class StateCodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OBJECTS = 3;
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

    private static List<String> argv(Path data, Path out, Path state) {
        return List.of("--out", out.toString(), "--findings-format", "jsonl", "--quiet", "--state", state.toString(),
                data.toString());
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
        Path from = Path.of(ScanJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path to = tmp.resolve(name);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static JsonNode childRun(Path classes, Path data, Path out, Path state) throws Exception {
        Process run = ChildMain.start(classPathWith(classes), Map.of(), tmp.resolve(out.getFileName() + ".out"),
                tmp.resolve(out.getFileName() + ".err"), argv(data, out, state).toArray(String[]::new));
        assertThat(run.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(tmp.resolve(out.getFileName() + ".err"), UTF_8))
                .isEqualTo(Main.BLOCK);
        return JSON.readTree(out.resolve("report.json").toFile()).get("state");
    }

    @Test
    void entriesAreReusedByTheSameCodeWhereverItLiesAndByNoOther() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (int i = 0; i < OBJECTS; i++) {
            Files.writeString(data.resolve("part-" + i + ".jsonl"),
                    "{\"id\":" + i + ",\"mail\":\"user" + i + "@mailbox.org\"}\n", UTF_8);
        }
        Path state = tmp.resolve("state");
        MainRun first = MainRun.of(argv(data, tmp.resolve("first"), state).toArray(String[]::new));
        assertThat(first.status()).as(first.err()).isEqualTo(Main.BLOCK);

        JsonNode same = childRun(copyOfClasses("same-classes"), data, tmp.resolve("same"), state);
        assertThat(same.get("objectsReused").asLong()).isEqualTo(OBJECTS);
        assertThat(same.get("objectsScanned").asLong()).isZero();

        Path rebuilt = copyOfClasses("rebuilt-classes");
        Files.writeString(rebuilt.resolve("dev/piigate/jobs/rebuilt.txt"), "one file more\n", UTF_8);
        JsonNode other = childRun(rebuilt, data, tmp.resolve("other"), state);
        assertThat(other.get("objectsReused").asLong()).isZero();
        assertThat(other.get("objectsScanned").asLong()).isEqualTo(OBJECTS);
    }
}
