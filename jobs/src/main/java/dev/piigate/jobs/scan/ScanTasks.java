package dev.piigate.jobs.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;

import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
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

    /**
     * Where a task row of a run with {@code --state} ({@link #withPrior}) holds its earlier ledger
     * entry's JSON (UTF-8 bytes, or null), after the {@link #SCHEMA} fields.
     */
    static final int PRIOR = SCHEMA.size();

    private ScanTasks() {}

    /**
     * The tasks of {@link #balanced} each with its earlier ledger entry (at {@link #PRIOR}), or null
     * where there is none. The join runs on the executors (the driver never holds the entries);
     * afterwards each task goes back to the partition {@link #balanced} dealt it to, so big objects
     * stay spread.
     *
     * @param entries a task's ledger name to its entry's JSON (UTF-8): one per task
     */
    public static JavaRDD<Row> withPrior(JavaRDD<Row> balanced, JavaPairRDD<String, byte[]> entries, byte[] key) {
        int slices = balanced.getNumPartitions();
        return JavaPairRDD.fromJavaRDD(balanced.mapPartitionsWithIndex(new Keyed(key), true))
                .leftOuterJoin(entries).mapToPair(ScanTasks::toSlice).partitionBy(new SlicePartitioner(slices))
                .values();
    }

    /** A task with its slice (its partition in {@link #balanced}) and entry, back to its slice. */
    private static Tuple2<Integer, Row> toSlice(Tuple2<String, Tuple2<Tuple2<Integer, Row>, org.apache.spark.api.java.Optional<byte[]>>> joined) {
        Row r = joined._2()._1()._2();
        org.apache.spark.api.java.Optional<byte[]> prior = joined._2()._2(); // Spark's, not java.util's
        Object[] values = new Object[PRIOR + 1];
        for (int k = 0; k < PRIOR; k++) {
            values[k] = r.get(k);
        }
        values[PRIOR] = prior.isPresent() ? prior.get() : null;
        return new Tuple2<>(joined._2()._1()._1(), RowFactory.create(values));
    }

    /** Each task row keyed by its ledger name, with its slice. */
    static final class Keyed implements Function2<Integer, Iterator<Row>, Iterator<Tuple2<String, Tuple2<Integer, Row>>>> {
        private static final long serialVersionUID = 1L;
        private final byte[] key;

        Keyed(byte[] key) {
            this.key = key.clone();
        }

        @Override
        public Iterator<Tuple2<String, Tuple2<Integer, Row>>> call(Integer slice, Iterator<Row> rows) {
            Mac mac = StateSettings.mac(key);
            List<Tuple2<String, Tuple2<Integer, Row>>> out = new ArrayList<>();
            rows.forEachRemaining(r -> out.add(new Tuple2<>(StateSettings.taskKey(mac, r.getString(0), r.getInt(3),
                    r.getInt(4), r.getInt(5), r.getLong(6), r.getLong(7)), new Tuple2<>(slice, r))));
            return out.iterator();
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
