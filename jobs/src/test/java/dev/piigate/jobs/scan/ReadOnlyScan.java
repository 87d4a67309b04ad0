package dev.piigate.jobs.scan;

import java.security.SecureRandom;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;

import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;

/**
 * The benchmark's baseline, test code only (not in the jar, no flag of the job reaches it): the
 * scan job's reading pipeline (listing, balanced task partitions, {@link PartitionScanner#scanEach}
 * and {@link ObjectScanner} with the real readers) with a {@link TextScanner} of zero detectors.
 * It writes nothing and decides nothing; it prints counts, so {@code scripts/bench} can set the
 * full scan's speed against the cost of reading alone.
 *
 * <p>Usage: {@code ReadOnlyScan INPUT...} (built-in default configuration, local[*]).
 */
public final class ReadOnlyScan {

    private ReadOnlyScan() {
    }

    public static void main(String[] inputs) throws Exception {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("usage: ReadOnlyScan INPUT...");
        }
        // The same session settings as the job's Main.session in local mode.
        SparkConf conf = new SparkConf().setMaster("local[*]").setAppName("pii-gate read-only bench")
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "true")
                .set("spark.driver.host", "127.0.0.1").set("spark.speculation", "false")
                .set("spark.sql.adaptive.enabled", "false")
                .set("spark.sql.shuffle.partitions", Integer.toString(Runtime.getRuntime().availableProcessors()));
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            Configuration hconf = spark.sparkContext().hadoopConfiguration();
            List<InputObject> objects = ObjectListing.list(List.of(inputs), hconf).objects();
            Config config = ConfigLoader.defaults();
            // Big objects in splits, as the job reads them, merged back into one row per object.
            long splitBytes = config.limits().splitBytes();
            Dataset<Row> rows = SplitMerge.apply(spark, scanRows(spark,
                    ScanTasks.balanced(spark, objects, splitBytes, null), config.yaml()),
                    config.maxFindingsPerFile(), SplitMerge.anySplit(objects, splitBytes, null),
                    files -> scanRows(spark, ScanTasks.balanced(spark, objects.stream()
                            .filter(o -> files.contains(o.path())).toList()), config.yaml()));
            Row totals = ScanRows.objects(rows)
                    .selectExpr("count(*)", "sum(size)", "sum(records)", "sum(if(status = 'COMPLETE', 1, 0))",
                            "sum(findingsWritten)")
                    .first();
            System.out.printf(Locale.ROOT, "read-only: files=%d bytes=%d records=%d complete=%d findings=%d%n",
                    totals.getLong(0), totals.getLong(1), totals.getLong(2), totals.getLong(3), totals.getLong(4));
        } finally {
            spark.stop();
        }
    }

    /** The rows of the tasks as the job makes them (ScanJob.scanRows), with no detectors. */
    private static Dataset<Row> scanRows(SparkSession spark, JavaRDD<Row> tasks, String configYaml) {
        return ScanRows.dataset(spark, tasks.mapPartitions(new NoDetectors(configYaml)));
    }

    /** PartitionScanner's executor side with an empty detector list. */
    private static final class NoDetectors implements FlatMapFunction<Iterator<Row>, InternalRow> {
        private static final long serialVersionUID = 1L;
        private final String configYaml;

        NoDetectors(String configYaml) {
            this.configYaml = configYaml;
        }

        @Override
        public Iterator<InternalRow> call(Iterator<Row> input) {
            Config config = ConfigLoader.parse(configYaml, "configuration");
            TextScanner none = new TextScanner(List.of(), config.detectors().allowList());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            ObjectScanner objects = new ObjectScanner(config, none, new Fingerprinter(key),
                    PartitionScanner.executorConf(), PartitionScanner.parserProcessesForThisTask());
            return PartitionScanner.scanEach(input, objects, null);
        }
    }
}
