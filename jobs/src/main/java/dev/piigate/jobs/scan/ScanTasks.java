package dev.piigate.jobs.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.crypto.Mac;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction2;
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
     * The tasks of {@link #dealt} as an RDD, each with its earlier ledger entry (at {@link #PRIOR}),
     * or null where there is none. The entries are shuffled straight to their task's slice
     * ({@link TaskSlices}) and meet it there in one pass: each slice's rows and entries are both in
     * task-name order (the order within a slice is free: one task runs its rows one after another),
     * so neither side is held whole, and the driver never holds the entries.
     *
     * @param entries given the slices, each task's ledger name and its entry's JSON (UTF-8), at most
     *                one per task, partitioned by the slices and in name order within each
     */
    public static JavaRDD<Row> withPrior(SparkSession spark, List<List<Row>> dealt, byte[] key,
            Function<TaskSlices, JavaRDD<Tuple2<String, byte[]>>> entries) {
        Mac mac = StateSettings.mac(key);
        List<List<Tuple2<String, Row>>> named = new ArrayList<>(dealt.size());
        for (List<Row> slice : dealt) {
            List<Tuple2<String, Row>> n = new ArrayList<>(slice.size());
            slice.forEach(r -> n.add(new Tuple2<>(taskKey(mac, r), r)));
            n.sort(Comparator.comparing(Tuple2::_1));
            named.add(n);
        }
        List<List<Row>> ordered = named.stream().map(n -> n.stream().map(Tuple2::_2).toList()).toList();
        return rdd(spark, ordered).zipPartitions(entries.apply(TaskSlices.of(named)), new Paired(key));
    }

    /** A task row's ledger name. */
    static String taskKey(Mac mac, Row r) {
        return StateSettings.taskKey(mac, r.getString(0), r.getInt(3), r.getInt(4), r.getInt(5), r.getLong(6),
                r.getLong(7));
    }

    /** A slice's task rows (in name order) each with its entry, from its entries (in name order), one pass. */
    static final class Paired implements FlatMapFunction2<Iterator<Row>, Iterator<Tuple2<String, byte[]>>, Row> {
        private static final long serialVersionUID = 1L;
        private final byte[] key;

        Paired(byte[] key) {
            this.key = key.clone();
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows, Iterator<Tuple2<String, byte[]>> entries) {
            Mac mac = StateSettings.mac(key);
            return new Iterator<>() {
                private Tuple2<String, byte[]> entry = entries.hasNext() ? entries.next() : null;

                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    Row r = rows.next();
                    String name = taskKey(mac, r);
                    while (entry != null && entry._1().compareTo(name) < 0) {
                        entry = entries.hasNext() ? entries.next() : null; // an entry of a task of another slice's name
                    }
                    Object[] values = new Object[PRIOR + 1];
                    for (int k = 0; k < PRIOR; k++) {
                        values[k] = r.get(k);
                    }
                    values[PRIOR] = entry != null && entry._1().equals(name) ? entry._2() : null;
                    return RowFactory.create(values);
                }
            };
        }
    }

    /** The rows of {@code dealt}, slice {@code i} as partition {@code i}. */
    public static JavaRDD<Row> rdd(SparkSession spark, List<List<Row>> dealt) {
        // One list per slice: parallelize cuts n elements into n slices one each, so the partitions are the slices.
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(dealt, Math.max(1, dealt.size()))
                .flatMap(List::iterator);
    }

    /** One task per object, none split. */
    public static JavaRDD<Row> balanced(SparkSession spark, List<InputObject> objects) {
        return balanced(spark, objects, Long.MAX_VALUE, null);
    }

    /**
     * Sorted by bytes and dealt round-robin over 4 x parallelism slices, one partition each, so big
     * objects (and the splits of one) do not pile up in one partition.
     *
     * @param splitBytes   objects larger than this are split into ranges of this size where they can be
     * @param forcedFormat the {@code --format} value, or null to go by extension
     */
    public static JavaRDD<Row> balanced(SparkSession spark, List<InputObject> objects, long splitBytes,
            Format forcedFormat) {
        return rdd(spark, dealt(spark, objects, splitBytes, forcedFormat));
    }

    /** The task rows of {@link #balanced}, slice by slice (slice {@code i} is its partition {@code i}). */
    public static List<List<Row>> dealt(SparkSession spark, List<InputObject> objects, long splitBytes,
            Format forcedFormat) {
        List<Task> tasks = tasks(objects, splitBytes, forcedFormat);
        int slices = Math.max(1, Math.min(tasks.size(), spark.sparkContext().defaultParallelism() * 4));
        tasks.sort(Comparator.comparingLong(Task::bytes).reversed().thenComparing(t -> t.object().path())
                .thenComparingInt(Task::split));
        List<List<Row>> dealt = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            dealt.add(new ArrayList<>());
        }
        for (int i = 0; i < tasks.size(); i++) {
            dealt.get(i % slices).add(tasks.get(i).row());
        }
        return dealt;
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
