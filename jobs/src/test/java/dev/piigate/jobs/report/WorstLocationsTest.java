package dev.piigate.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.scan.FindingRow;
import dev.piigate.jobs.scan.ObjectResult;
import dev.piigate.jobs.scan.ScanRows;

/**
 * The worst objects' finding locations, taken in one pass over the scan's rows: only those objects, only findings
 * the gate counts as unmasked, worst object first, at most so many per object and in all.
 */
@ResourceLock(SparkTestSession.LOCK)
class WorstLocationsTest {
    private static SparkSession spark;
    private static Dataset<Row> scanned;
    private static final ObjectResult A = object("file:/d/a.txt", "masked/a.txt");
    private static final ObjectResult B = object("file:/d/b.txt", "masked/b.txt");

    private static ObjectResult object(String file, String safeFile) {
        return new ObjectResult(file, safeFile, "text", 1, null, ObjectStatus.COMPLETE, null, 1, 1, 0, 0, 0, 1, 0,
                Map.of());
    }

    private static FindingRow finding(String file, long record, int start, boolean masked, boolean testValue) {
        return new FindingRow(file, "masked/" + file.substring(file.lastIndexOf('/') + 1), record, "$.text", start,
                start + 4, masked ? "EMAIL_ADDRESS" : "CREDIT_CARD_NUMBER", "d", masked, testValue, 1.0, Set.of(),
                "****" + record, "fp");
    }

    /** A finding as a row of the scan ({@link ScanRows#SCHEMA}). */
    private static Row scanRow(FindingRow f) {
        return RowFactory.create(null, ScanRows.toRow(f), null, null);
    }

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start();
        List<Row> rows = new ArrayList<>();
        // a.txt: 30 unmasked findings, written out of order, and masked ones and test values among them.
        for (int i = 29; i >= 0; i--) {
            rows.add(scanRow(finding("file:/d/a.txt", i, 7, false, false)));
            rows.add(scanRow(finding("file:/d/a.txt", i, 1, true, false)));
        }
        rows.add(scanRow(finding("file:/d/a.txt", 0, 2, false, true)));
        rows.add(scanRow(finding("file:/d/b.txt", 3, 0, false, false)));
        rows.add(scanRow(finding("file:/d/b.txt", 1, 9, false, false)));
        // c.txt is not among the worst objects.
        rows.add(scanRow(finding("file:/d/c.txt", 0, 0, false, false)));
        rows.add(RowFactory.create(ScanRows.toRow(B), null, null, null)); // an object row among the findings
        scanned = spark.createDataFrame(rows, ScanRows.SCHEMA).repartition(3);
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    private static List<String> take(List<ObjectResult> worst, boolean testValuesCount, int perObject, int total) {
        return WorstLocations.take(scanned, worst, testValuesCount, perObject, total).stream()
                .map(l -> l.safeFile() + ":" + l.record() + ":" + l.start()).toList();
    }

    @Test
    void worstObjectFirstThenByRecordAndStartAtMostPerObject() {
        List<String> taken = take(List.of(B, A), false, 20, 200);
        assertThat(taken).hasSize(22).startsWith("masked/b.txt:1:9", "masked/b.txt:3:0", "masked/a.txt:0:7",
                "masked/a.txt:1:7").endsWith("masked/a.txt:19:7").noneMatch(l -> l.startsWith("masked/c.txt"));
    }

    @Test
    void atMostTotalInAll() {
        assertThat(take(List.of(A, B), false, 20, 21)).hasSize(21).endsWith("masked/b.txt:1:9");
        assertThat(take(List.of(A, B), false, 5, 200)).hasSize(7);
    }

    @Test
    void testValuesOnlyWhenTheyCount() {
        assertThat(take(List.of(A), true, 2, 200)).containsExactly("masked/a.txt:0:2", "masked/a.txt:0:7");
        assertThat(take(List.of(A), false, 2, 200)).containsExactly("masked/a.txt:0:7", "masked/a.txt:1:7");
    }

    @Test
    void locationsAreInTheOrderSparkSortsThem() {
        // Nulls, ties broken by later keys, and fields Spark orders by UTF-8 (U+FFFD before U+1F600).
        List<Row> rows = new ArrayList<>();
        String[] fields = {null, "$.b", "$.a", "$.\uFFFD", "$.\uD83D\uDE00"};
        Long[] records = {null, 2L, 1L};
        Integer[] starts = {null, 5, 3};
        for (Long record : records) {
            for (Integer start : starts) {
                for (String field : fields) {
                    rows.add(org.apache.spark.sql.RowFactory.create(record, start, field, start == null ? null : start + 1,
                            field == null ? null : "T"));
                }
            }
        }
        var schema = new org.apache.spark.sql.types.StructType().add("record", "long").add("start", "int")
                .add("field", "string").add("end", "int").add("type", "string");
        List<String> bySpark = spark.createDataFrame(rows, schema).repartition(3)
                .orderBy("record", "start", "field", "end", "type").collectAsList().stream().map(Row::toString).toList();
        List<WorstLocations.Ranked> ranked = new ArrayList<>(rows.stream().map(r -> new WorstLocations.Ranked(0, "f",
                r.isNullAt(0) ? null : r.getLong(0), r.getString(2), r.isNullAt(1) ? null : r.getInt(1),
                r.isNullAt(3) ? null : r.getInt(3), r.getString(4), null)).toList());
        java.util.Collections.shuffle(ranked, new java.util.Random(7));
        ranked.sort(WorstLocations.ORDER);
        assertThat(ranked.stream().map(l -> org.apache.spark.sql.RowFactory.create(l.record(), l.start(), l.field(),
                l.end(), l.type()).toString()).toList()).isEqualTo(bySpark);
    }

    @Test
    void noWorstObjectsNoQuery() {
        assertThat(take(List.of(), false, 20, 200)).isEmpty();
    }
}
