package dev.piigate.jobs.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;

import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.PairFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.piigate.jobs.read.ByteRange;
import dev.piigate.jobs.read.Format;
import dev.piigate.jobs.read.Readers;
import dev.piigate.jobs.state.StateSettings;

import scala.Tuple2;

/**
 * The task rows the scan runs on: one per object, or one per split of an object larger than
 * {@code limits.splitBytes} that can be read in splits ({@link Readers#splittable}), spread so
 * partitions get similar bytes. {@code split} is 0 and {@code splits} 1 for a whole object.
 */
public final class ScanTasks {
    public static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("size", DataTypes.LongType, true)
            .add("etag", DataTypes.StringType, true)
            .add("relativeFrom", DataTypes.IntegerType, false)
            .add("split", DataTypes.IntegerType, false)
            .add("splits", DataTypes.IntegerType, false)
            .add("start", DataTypes.LongType, false)
            .add("end", DataTypes.LongType, false);

    /** A task row of a run with {@code --state}: its task, then its earlier ledger entry's JSON, or null. */
    public static final StructType WITH_PRIOR = SCHEMA.add("prior", DataTypes.StringType, true);

    /** Where {@link #WITH_PRIOR} holds the entry. */
    static final int PRIOR = SCHEMA.size();

    /** A task row with where {@link #balanced} dealt it ({@code slice}) and its ledger name ({@code task}). */
    static final StructType KEYED = SCHEMA.add("slice", DataTypes.IntegerType, false)
            .add("task", DataTypes.StringType, false);

    private ScanTasks() {}

    /**
     * The tasks of {@link #balanced} each with its earlier ledger entry ({@link #WITH_PRIOR}), or null
     * where there is none. The join runs on the executors (the driver never holds the entries);
     * afterwards each task goes back to the partition {@link #balanced} dealt it to, so big objects
     * stay spread.
     *
     * @param entries {@code task} (the ledger name), {@code entry} (its JSON): one row per task
     */
    public static Dataset<Row> withPrior(SparkSession spark, JavaRDD<Row> balanced, Dataset<Row> entries,
            byte[] key) {
        int slices = balanced.getNumPartitions();
        Dataset<Row> keyed = spark.createDataFrame(balanced.mapPartitionsWithIndex(new Keyed(key), true), KEYED);
        Dataset<Row> joined = keyed.join(entries, keyed.col("task").equalTo(entries.col("task")), "left_outer");
        List<Column> columns = new ArrayList<>();
        for (String c : SCHEMA.fieldNames()) {
            columns.add(keyed.col(c));
        }
        columns.add(keyed.col("slice"));
        columns.add(entries.col("entry").as("prior"));
        JavaRDD<Row> back = joined.select(columns.toArray(Column[]::new)).javaRDD()
                .mapToPair(new BySlice()).partitionBy(new SlicePartitioner(slices)).values().map(new DropSlice());
        return spark.createDataFrame(back, WITH_PRIOR);
    }

    /** Adds each row's slice (its partition in {@link #balanced}) and ledger name. */
    static final class Keyed implements Function2<Integer, Iterator<Row>, Iterator<Row>> {
        private static final long serialVersionUID = 1L;
        private final byte[] key;

        Keyed(byte[] key) {
            this.key = key.clone();
        }

        @Override
        public Iterator<Row> call(Integer slice, Iterator<Row> rows) {
            Mac mac = StateSettings.mac(key);
            List<Row> out = new ArrayList<>();
            rows.forEachRemaining(r -> out.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4),
                    r.get(5), r.get(6), r.get(7), slice, StateSettings.taskKey(mac, r.getString(0), r.getInt(3),
                            r.getInt(4), r.getInt(5), r.getLong(6), r.getLong(7)))));
            return out.iterator();
        }
    }

    static final class BySlice implements PairFunction<Row, Integer, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple2<Integer, Row> call(Row r) {
            return new Tuple2<>(r.getInt(PRIOR), r);
        }
    }

    static final class DropSlice implements Function<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row call(Row r) {
            return RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7),
                    r.get(PRIOR + 1));
        }
    }

    /** Slice {@code i} to partition {@code i}. */
    static final class SlicePartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int slices;

        SlicePartitioner(int slices) {
            this.slices = slices;
        }

        @Override
        public int numPartitions() {
            return slices;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SlicePartitioner p && p.slices == slices;
        }

        @Override
        public int hashCode() {
            return slices;
        }
    }

    /** One task per object, none split. */
    public static JavaRDD<Row> balanced(SparkSession spark, List<InputObject> objects) {
        return balanced(spark, objects, Long.MAX_VALUE, null);
    }

    /**
     * Sorted by bytes and dealt round-robin over 4 x parallelism slices, then laid out
     * contiguously for parallelize's slicing, so big objects (and the splits of one) do not pile
     * up in one partition.
     *
     * @param splitBytes   objects larger than this are split into ranges of this size where they can be
     * @param forcedFormat the {@code --format} value, or null to go by extension
     */
    public static JavaRDD<Row> balanced(SparkSession spark, List<InputObject> objects, long splitBytes,
            Format forcedFormat) {
        List<Task> tasks = tasks(objects, splitBytes, forcedFormat);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(tasks.size(), jsc.defaultParallelism() * 4));
        tasks.sort(Comparator.comparingLong(Task::bytes).reversed().thenComparing(t -> t.object().path())
                .thenComparingInt(Task::split));
        List<List<Row>> deal = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            deal.add(new ArrayList<>());
        }
        for (int i = 0; i < tasks.size(); i++) {
            deal.get(i % slices).add(tasks.get(i).row());
        }
        List<Row> rows = new ArrayList<>(tasks.size());
        deal.forEach(rows::addAll);
        return jsc.parallelize(rows, slices);
    }

    /** A task row for a whole object. */
    public static Row whole(String path, long size, String etag, int relativeFrom) {
        return new Task(new InputObject(path, size, etag, relativeFrom), 0, 1, 0, size).row();
    }

    /** The split a task row names, or null for a whole object. */
    static ByteRange range(Row task) {
        int splits = task.getInt(5);
        return splits == 1 ? null : new ByteRange(task.getInt(4), splits, task.getLong(6), task.getLong(7));
    }

    /** The objects' tasks: whole, or one per range of {@code splitBytes}. */
    static List<Task> tasks(List<InputObject> objects, long splitBytes, Format forcedFormat) {
        List<Task> tasks = new ArrayList<>(objects.size());
        for (InputObject o : objects) {
            if (!splits(o, splitBytes, forcedFormat)) {
                tasks.add(new Task(o, 0, 1, 0, o.size()));
                continue;
            }
            long n = (o.size() + splitBytes - 1) / splitBytes;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("limits.splitBytes " + splitBytes + " cuts an object of " + o.size()
                        + " bytes into more than " + Integer.MAX_VALUE + " splits");
            }
            for (int k = 0; k < n; k++) {
                tasks.add(new Task(o, k, (int) n, k * splitBytes, Math.min(o.size(), (k + 1) * splitBytes)));
            }
        }
        return tasks;
    }

    /**
     * Split when larger than a split, of known size (a manifest entry's is looked up on the
     * executor), not a manifest (read as its kind says, whole) and of a format read in splits.
     */
    private static boolean splits(InputObject o, long splitBytes, Format forcedFormat) {
        if (o.size() <= splitBytes) {
            return false;
        }
        Optional<Format> format;
        if (forcedFormat != null) {
            format = Optional.of(forcedFormat);
        } else if (ManifestRecords.isManifestName(o.path())) {
            return false;
        } else {
            format = Readers.detect(o.path());
        }
        return format.isPresent() && Readers.splittable(format.get(), o.path());
    }

    /** One task: a whole object ({@code splits == 1}) or bytes {@code [start, end)} of it. */
    record Task(InputObject object, int split, int splits, long start, long end) {
        long bytes() {
            return splits == 1 ? object.size() : end - start;
        }

        Row row() {
            return RowFactory.create(object.path(), object.size() < 0 ? null : object.size(), object.etag(),
                    object.relativeFrom(), split, splits, start, Math.max(end, 0));
        }
    }
}
