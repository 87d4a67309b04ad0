package dev.piigate.jobs.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The task rows the scan runs on: one per object, spread so partitions get similar bytes. */
public final class ScanTasks {
    public static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("size", DataTypes.LongType, true)
            .add("etag", DataTypes.StringType, true)
            .add("relativeFrom", DataTypes.IntegerType, false);

    private ScanTasks() {}

    /**
     * Sorted by size and dealt round-robin over 4 x parallelism slices, then laid out
     * contiguously for parallelize's slicing, so big objects do not pile up in one partition.
     */
    public static JavaRDD<Row> balanced(SparkSession spark, List<InputObject> objects) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(objects.size(), jsc.defaultParallelism() * 4));
        List<InputObject> sorted = new ArrayList<>(objects);
        sorted.sort(Comparator.comparingLong(InputObject::size).reversed().thenComparing(InputObject::path));
        List<List<Row>> deal = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            deal.add(new ArrayList<>());
        }
        for (int i = 0; i < sorted.size(); i++) {
            InputObject o = sorted.get(i);
            deal.get(i % slices).add(RowFactory.create(o.path(), o.size() < 0 ? null : o.size(), o.etag(),
                    o.relativeFrom()));
        }
        List<Row> rows = new ArrayList<>(sorted.size());
        deal.forEach(rows::addAll);
        return jsc.parallelize(rows, slices);
    }
}
