package dev.piigate.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.detectors.Evidence;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.config.Policy;
import dev.piigate.jobs.config.Threshold;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.gate.Verdict;
import dev.piigate.jobs.macie.MacieCrossCheck;
import dev.piigate.jobs.manifest.ManifestContent;
import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;
import dev.piigate.jobs.scan.FindingRow;
import dev.piigate.jobs.scan.ObjectResult;
import dev.piigate.jobs.scan.PathMasker;
import dev.piigate.jobs.scan.ScanRows;

/**
 * ScanJob's steps one at a time on tiny inputs (Iceberg's actions style): plan, scan (typed rows
 * through a real local session), merge, sample and judge. The end-to-end run is ScanSamplesTest's.
 */
@ResourceLock(SparkTestSession.LOCK)
class ScanJobStepsTest {
    private static final Config CONFIG = ConfigLoader.defaults();
    private static final PathMasker PATHS = new PathMasker(TextScanner.create(CONFIG.detectors()),
            new Fingerprinter(new byte[32]));
    private static final String CARD = "5164 3426 8782 6989";
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.builder().config("spark.hadoop.pii-gate.test.setting", "from-the-session")
                .getOrCreate();
    }

    /**
     * In a task, the Hadoop configuration holds the session's spark.hadoop.* settings, and each call
     * gives a copy of its own: what one task sets is not seen by the next.
     */
    @Test
    void executorsGetTheSessionsHadoopSettingsInACopyPerCall() {
        java.util.List<String> seen = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(java.util.List.of(1, 2, 3, 4), 4)
                .map(i -> {
                    org.apache.hadoop.conf.Configuration conf = dev.piigate.jobs.scan.PartitionScanner.executorConf();
                    String before = conf.get("pii-gate.test.setting") + "," + conf.get("pii-gate.test.changed");
                    conf.set("pii-gate.test.changed", "by task " + i);
                    return before;
                })
                .collect();
        assertThat(seen).containsOnly("from-the-session,null");
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    /** A manifest entry's part below the manifest's folder, whichever form of a file URI either is written in. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} below {1}: {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "file:/tmp/d/one.txt|file:/tmp/d/|one.txt",
        "file:///tmp/d/one.txt|file:/tmp/d/|one.txt",
        "file:///tmp/d/sub/one.txt|file:/tmp/d/|sub/one.txt",
        "file:///tmp/other/one.txt|file:/tmp/d/|-",
        "file:///tmp/dd/one.txt|file:/tmp/d/|-",
        "s3a://bucket/d/one.txt|s3a://bucket/d/|one.txt",
        "s3a://bucket/e/one.txt|s3a://bucket/d/|-",
        "s3a://bucket/one.txt||-",
    })
    void anEntryIsBelowTheManifestsFolderInEitherFormOfAFileUri(String uri, String folder, String relative) {
        int from = ScanJob.below(uri, folder == null ? "" : folder);
        assertThat(from < 0 ? "-" : uri.substring(from)).isEqualTo(relative);
    }

    @Test
    void planListsTheInputsAndFailsClosedOnNothing() throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Files.writeString(dir.resolve("b.txt"), "x\n");
        ScanJob.Plan plan = ScanJob.plan(args(dir.toString()), PATHS, new Configuration());
        assertThat(plan.objects()).extracting(o -> o.path().substring(o.path().lastIndexOf('/') + 1))
                .containsExactlyInAnyOrder("a.jsonl", "b.txt");
        assertThat(plan.manifest()).isNull();

        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> ScanJob.plan(args(empty.toString()), PATHS, new Configuration()))
                .isInstanceOf(JobException.class).hasMessageContaining("nothing can be approved");
    }

    @Test
    void scanYieldsTypedObjectAndFindingRowsInOnePass() throws Exception {
        Files.writeString(dir.resolve("cards.jsonl"), "{\"card\":\"" + CARD + "\"}\n{\"note\":\"clean\"}\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("clean.txt"), "nothing here\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("empty.txt"), "", StandardCharsets.UTF_8);
        ScanJob.Plan plan = ScanJob.plan(args(dir.toString()), PATHS, new Configuration());
        Dataset<Row> scanned = ScanJob.scan(spark, plan, CONFIG.yaml(), new byte[32], null).cache();

        List<ObjectResult> objects = ScanRows.objects(scanned).orderBy("file").collectAsList().stream()
                .map(ScanRows::objectResult).toList();
        assertThat(objects).extracting(o -> o.file().substring(o.file().lastIndexOf('/') + 1), ObjectResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cards.jsonl", ObjectStatus.COMPLETE),
                        org.assertj.core.groups.Tuple.tuple("clean.txt", ObjectStatus.COMPLETE),
                        org.assertj.core.groups.Tuple.tuple("empty.txt",
                                ObjectStatus.of(ScanStatus.SKIPPED, StatusReason.EMPTY)));
        assertThat(objects.get(0).types()).containsExactly(Map.entry("CREDIT_CARD_NUMBER",
                new TypeCounts(1, 0, 0, 1, 0)));

        List<FindingRow> findings = ScanRows.findings(scanned).collectAsList().stream().map(ScanRows::findingRow)
                .toList();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("$.card");
            assertThat(f.evidence()).isEqualTo(Set.of(Evidence.KEYWORD, Evidence.CHECKSUM));
        });
        // findings/ keeps its published columns: the evidence and the real path stay inside the job.
        assertThat(ScanJob.findingsOutput(ScanRows.findings(scanned)).columns()).containsExactly(
                ScanRows.FINDING_COLUMNS);
        scanned.unpersist();
    }

    @Test
    void mergeAddsCountsKeepsTheWorstBoundedAndFindsTheManifestByItsRealPath() {
        ObjectResult leaky = result("s3a://b/leaky.jsonl", ObjectStatus.COMPLETE, 10, 3, 0);
        ObjectResult tests = result("s3a://b/tests.jsonl", ObjectStatus.COMPLETE, 10, 0, 2);
        ObjectResult skipped = result("s3a://b/broken.pdf", ObjectStatus.of(ScanStatus.SKIPPED, StatusReason.CORRUPT),
                0, 0, 0);
        ObjectResult clean = result("s3a://b/list.manifest", ObjectStatus.COMPLETE, 4, 0, 0);
        List<ObjectResult> all = List.of(leaky, tests, skipped, clean);

        ScanJob.Merged lenient = ScanJob.merge(all.iterator(), Policy.defaults(), 2, "s3a://b/list.manifest");
        assertThat(lenient.counts().files()).isEqualTo(4);
        assertThat(lenient.counts().records()).isEqualTo(24);
        assertThat(lenient.counts().recordsUnmasked()).isEqualTo(3);
        assertThat(lenient.counts().recordsTestOnly()).isEqualTo(2);
        assertThat(lenient.worst()).extracting(ObjectResult::file)
                .containsExactly("s3a://b/leaky.jsonl", "s3a://b/broken.pdf");
        assertThat(lenient.manifest()).isEqualTo(clean.counted(false));

        Policy testsCount = new Policy(new Threshold(0L, null), Map.of(), true, Set.of());
        ScanJob.Merged strict = ScanJob.merge(all.iterator(), testsCount, 3, null);
        assertThat(strict.counts()).as("the scan's counts, whatever the policy").isEqualTo(lenient.counts());
        assertThat(strict.worst()).extracting(ObjectResult::file, ObjectResult::recordsUnmasked).containsExactly(
                org.assertj.core.groups.Tuple.tuple("s3a://b/leaky.jsonl", 3L),
                org.assertj.core.groups.Tuple.tuple("s3a://b/tests.jsonl", 2L),
                org.assertj.core.groups.Tuple.tuple("s3a://b/broken.pdf", 0L));
        assertThat(strict.manifest()).isNull();
    }

    /**
     * Sorted on the driver or by Spark, the report's objects come in one order, Spark SQL's: UTF-8
     * bytes, where a fullwidth letter (U+FF21) sorts before an emoji (U+1F600), not after as in
     * Java's UTF-16 order; upper case before lower case, a shorter prefix first.
     */
    @Test
    void objectsInPathOrderIsSparksOrderWhetherSortedOnTheDriverOrBySpark() {
        List<String> expected = List.of("s3a://b/A.jsonl", "s3a://b/a", "s3a://b/a.jsonl", "s3a://b/\u00e9.jsonl",
                "s3a://b/\uff21.jsonl", "s3a://b/\ud83d\ude00.jsonl");
        List<String> shuffled = List.of(expected.get(4), expected.get(2), expected.get(5), expected.get(0),
                expected.get(3), expected.get(1));
        Dataset<Row> objectRows = spark.createDataFrame(shuffled.stream()
                .map(f -> ScanRows.toRow(result(f, ObjectStatus.COMPLETE, 1, 0, 0))).toList(), ScanRows.OBJECT)
                .repartition(3);

        ScanJob.ObjectsInPathOrder onDriver = ScanJob.objectsInPathOrder(objectRows, expected.size(), expected.size());
        ScanJob.ObjectsInPathOrder bySpark = ScanJob.objectsInPathOrder(objectRows, expected.size(), 1);

        List<String> driverOrder = new java.util.ArrayList<>();
        onDriver.iterator().forEachRemaining(o -> driverOrder.add(o.file()));
        List<String> sparkOrder = new java.util.ArrayList<>();
        bySpark.iterator().forEachRemaining(o -> sparkOrder.add(o.file()));
        assertThat(sparkOrder).isEqualTo(expected);
        assertThat(driverOrder).isEqualTo(expected);
        List<String> again = new java.util.ArrayList<>();
        onDriver.iterator().forEachRemaining(o -> again.add(o.file()));
        assertThat(again).as("read again (report.json's rewrite)").isEqualTo(expected);
    }

    @Test
    void judgeAddsTheManifestsOwnReasonsOnlyOnAManifestRun() {
        ObjectResult manifest = result("s3a://b/list.manifest", ObjectStatus.COMPLETE, 4, 1, 0);
        ScanJob.Merged merged = ScanJob.merge(List.of(manifest).iterator(),
                new Policy(new Threshold(5L, null), Map.of(), false, Set.of()), 0, "s3a://b/list.manifest");

        Verdict data = ScanJob.judge(new Policy(new Threshold(5L, null), Map.of(), false, Set.of()), merged,
                MacieCrossCheck.Outcome.NONE, false);
        assertThat(data.decision()).isEqualTo(Decision.PASS);
        Verdict manifestRun = ScanJob.judge(new Policy(new Threshold(5L, null), Map.of(), false, Set.of()), merged,
                MacieCrossCheck.Outcome.NONE, true);
        assertThat(manifestRun.reasons()).extracting(r -> r.code()).containsExactly(ManifestContent.MANIFEST_PII);
    }

    /**
     * One pass gives the objects in path order and the sample: unmasked real values only, in a stable
     * order, bounded; the same however the rows are partitioned and whether the objects are sorted
     * on the driver or by Spark.
     */
    @ParameterizedTest(name = "{0} partitions, objects on the driver: {1}")
    @CsvSource({"1, true", "3, true", "3, false"})
    void objectsAndSampleComeFromOnePassInAStableOrder(int partitions, boolean onDriver) {
        List<FindingRow> findings = List.of(
                finding("s3a://b/z.jsonl", 0, false, false), finding("s3a://b/a.jsonl", 5, false, false),
                finding("s3a://b/a.jsonl", 1, true, false), finding("s3a://b/a.jsonl", 2, false, true),
                finding("s3a://b/a.jsonl", 3, false, false));
        List<Row> rows = new java.util.ArrayList<>();
        findings.forEach(f -> rows.add(RowFactory.create(null, ScanRows.toRow(f), null, null)));
        List.of("s3a://b/z.jsonl", "s3a://b/a.jsonl").forEach(f -> rows.add(
                RowFactory.create(ScanRows.toRow(result(f, ObjectStatus.COMPLETE, 1, 1, 0)), null, null, null)));
        Dataset<Row> scanned = spark.createDataFrame(rows, ScanRows.SCHEMA).repartition(partitions);

        ObjectsAndSample.Read read = ObjectsAndSample.read(scanned, 2, onDriver ? 2 : 1, 2);

        assertThat(read.sample()).extracting(r -> r.getAs("file") + "#" + r.getAs("record"))
                .containsExactly("masked:s3a://b/a.jsonl#3", "masked:s3a://b/a.jsonl#5");
        assertThat(read.sample().get(0).schema().fieldNames()).containsExactly(ScanRows.FINDING_COLUMNS);
        List<String> objects = new java.util.ArrayList<>();
        read.objects().iterator().forEachRemaining(o -> objects.add(o.file()));
        assertThat(objects).containsExactly("s3a://b/a.jsonl", "s3a://b/z.jsonl");
        assertThat(ObjectsAndSample.read(scanned, 2, 2, 0).sample()).isEmpty();
    }

    private static FindingRow finding(String file, long record, boolean masked, boolean testValue) {
        return new FindingRow(file, "masked:" + file, record, "$.card", 0, 19, "CREDIT_CARD_NUMBER", "card_luhn_v2",
                masked, testValue, 0.95, Set.of(Evidence.KEYWORD), "************6989", "fp");
    }

    private static ObjectResult result(String file, ObjectStatus status, long records, long unmasked,
            long testOnly) {
        return new ObjectResult(file, "masked:" + file, "jsonl", 100, null, status, "", records, unmasked, testOnly, 0, 0,
                unmasked + testOnly, 0, unmasked + testOnly == 0 ? Map.of()
                        : Map.of("CREDIT_CARD_NUMBER", new TypeCounts(unmasked, 0, testOnly, unmasked, testOnly)));
    }

    private static Args args(String... argv) {
        String[] all = new String[argv.length + 2];
        System.arraycopy(argv, 0, all, 0, argv.length);
        all[argv.length] = "--out";
        all[argv.length + 1] = "/tmp/unused-out";
        return Args.parse(all);
    }
}
