package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.jobs.scan.FindingRow;
import dev.piigate.jobs.scan.ScanRows;

/**
 * {@code --write-baseline}'s query on a tiny findings dataset: the distinct (type, fingerprint) of
 * the unmasked findings that are not test values, sorted, read back whole by {@code --baseline}; and
 * more entries than a baseline holds refused before anything is written.
 */
@ResourceLock(SparkTestSession.LOCK)
class BaselineWriteTest {
    private static final byte[] KEY = "pii-gate-test-key-not-secret-0001".getBytes(UTF_8);
    private static final String A = "0123456789abcdef0123456789abcdef";
    private static final String B = "1123456789abcdef0123456789abcdef";
    private static final String C = "2123456789abcdef0123456789abcdef";
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

    private static FindingRow finding(String type, String fingerprint, boolean masked, boolean testValue) {
        return new FindingRow("file:/d/a.txt", "file:/d/a.txt", 0, "$.x", 0, 4, type, "d", masked, testValue, 0.9,
                Set.of(), "****", fingerprint);
    }

    private static Dataset<Row> findings() {
        List<Row> rows = List.of(finding("IBAN", B, false, false), finding("CREDIT_CARD_NUMBER", C, false, false),
                finding("CREDIT_CARD_NUMBER", C, false, false), // the same value twice: one entry
                finding("CREDIT_CARD_NUMBER", A, false, false), finding("EMAIL_ADDRESS", A, true, false), // masked
                finding("PHONE_NUMBER", B, false, true)) // a test value
                .stream().map(ScanRows::toRow).toList();
        return spark.createDataFrame(rows, ScanRows.FINDING);
    }

    @Test
    void theDistinctUnmaskedFindingsAreWrittenSortedAndReadBack() throws IOException {
        Path file = tmp.resolve("base.json");
        BaselineFile.Written w = BaselineFile.write(findings(), 0, file.toString(), KEY, "test", new Configuration());
        assertThat(w.entries()).isEqualTo(3);
        assertThat(w.complete()).isTrue();
        assertThat(Files.readAllLines(file, UTF_8)).filteredOn(l -> l.contains("fingerprint")).containsExactly(
                "    {\"type\": \"CREDIT_CARD_NUMBER\", \"fingerprint\": \"" + A + "\"},",
                "    {\"type\": \"CREDIT_CARD_NUMBER\", \"fingerprint\": \"" + C + "\"},",
                "    {\"type\": \"IBAN\", \"fingerprint\": \"" + B + "\"}");
        BaselineFile.Read read = BaselineFile.read(file.toString(), new Configuration(), KEY);
        assertThat(read.accepted().size()).isEqualTo(3);
        assertThat(read.accepted().contains("PHONE_NUMBER", B)).as("a test value is never listed").isFalse();
        assertThat(read.accepted().contains("EMAIL_ADDRESS", A)).as("a masked value is never listed").isFalse();

        Path incomplete = tmp.resolve("incomplete.json");
        BaselineFile.write(findings().limit(0), 7, incomplete.toString(), KEY, "test", new Configuration());
        BaselineFile.Read empty = BaselineFile.read(incomplete.toString(), new Configuration(), KEY);
        assertThat(empty.complete()).isFalse();
        assertThat(empty.accepted().isEmpty()).isTrue();
    }

    @Test
    void moreEntriesThanABaselineHoldsAreRefusedBeforeAnythingIsWritten() {
        Path file = tmp.resolve("too-many.json");
        assertThatThrownBy(() -> BaselineFile.write(findings(), 0, file.toString(), KEY, "test", new Configuration(),
                2))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("have 3 distinct fingerprints, more than a baseline holds (2)")
                .hasMessageEndingWith("No baseline written");
        assertThat(file).doesNotExist();
    }
}
