package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.jobs.testing.MainRun;

/** --quiet and --verbose on real runs: what reaches stdout and stderr, and that the files are the same. */
@ResourceLock(SparkTestSession.LOCK)
class ConsoleVerbosityTest {
    private static final String CARD = "4539 1488 0343 6467";
    private static SparkSession spark;
    @TempDir
    static Path tmp;
    private static Path data;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkTestSession.start();
        data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("tickets.txt"), "hello\nrefund to card " + CARD + " please\n", UTF_8);
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    private static MainRun run(String... argv) {
        return MainRun.of(argv);
    }

    @Test
    void quietPrintsTheVerdictLineOnlyAndWritesTheSameSummaryMd() throws IOException {
        Path quietOut = tmp.resolve("out-quiet");
        MainRun quiet = run("--quiet", "--show-findings", "3", "--out", quietOut.toString(), data.toString());
        assertThat(quiet.status()).isEqualTo(Main.BLOCK);
        assertThat(quiet.out()).isEqualTo("pii-gate: BLOCK  " + data + "\n");
        assertThat(quiet.err()).isEmpty();

        Path normalOut = tmp.resolve("out-normal");
        MainRun normal = run("--show-findings", "3", "--out", normalOut.toString(), data.toString());
        assertThat(normal.status()).isEqualTo(Main.BLOCK);
        assertThat(normal.out()).contains("\npii-gate: BLOCK  " + data + "\n").contains("policy.maxUnmaskedRecords")
                .contains(":1:content:15-34 CREDIT_CARD_NUMBER ").doesNotContain(CARD);
        assertThat(Files.readString(quietOut.resolve("summary.md"), UTF_8).replace(quietOut.toString(), "OUT"))
                .isEqualTo(Files.readString(normalOut.resolve("summary.md"), UTF_8).replace(normalOut.toString(), "OUT"))
                .contains("## Worst objects");
    }

    /**
     * An --out below a regular file cannot be written: the error names the exception's class, and
     * --verbose adds its chain without any message that is not pii-gate's.
     */
    @Test
    void verboseAddsTheExceptionChainOfAnError() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder", UTF_8);
        MainRun plain = run("--out", file.resolve("out").toString(), data.toString());
        assertThat(plain.status()).isEqualTo(Main.ERROR);
        assertThat(plain.err()).contains("pii-gate: error: ").contains("(--verbose shows the exception chain)")
                .doesNotContain("  at first: ");

        MainRun verbose = run("--verbose", "--out", file.resolve("out2").toString(), data.toString());
        assertThat(verbose.status()).isEqualTo(Main.ERROR);
        assertThat(verbose.err()).contains("pii-gate: error: ").contains("\n  at first: ")
                .doesNotContain("--verbose shows").doesNotContain(CARD);
        // Every chain line is a class name, with a message only when the class is pii-gate's own.
        verbose.err().lines().filter(l -> l.startsWith("  at first: ") || l.startsWith("  caused by: ")
                || l.startsWith("  suppressed: ")).forEach(l -> {
                    String named = l.substring(l.indexOf(": ") + 2);
                    assertThat(named.startsWith("dev.piigate.") || named.matches("[\\w.$]+")).as(l).isTrue();
                });
    }
}
