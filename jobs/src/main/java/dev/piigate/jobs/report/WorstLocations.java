package dev.piigate.jobs.report;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.piigate.jobs.scan.ObjectResult;

/**
 * The finding locations report.html lists for the worst objects: one Spark query over the scan's
 * findings that hands the driver at most {@code total} rows (a top-N per partition), never the
 * findings themselves.
 */
public final class WorstLocations {
    /** At most this many locations per object, and in all: a page a person reads, not findings/. */
    public static final int PER_OBJECT = 20;
    public static final int TOTAL = 200;

    private static final StructType RANKS = new StructType()
            .add("rankedFile", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false);

    private WorstLocations() {}

    /**
     * The unmasked findings as the gate counts them (test values only when they count) of the
     * {@code worst} objects, worst object first, then by record, start, field, end and type; at most
     * {@code perObject} of an object and {@code total} in all.
     *
     * @param findings {@link dev.piigate.jobs.scan.ScanRows#findings} rows (real and masked path both)
     */
    public static List<FindingLocation> take(Dataset<Row> findings, List<ObjectResult> worst,
            boolean testValuesCount, int perObject, int total) {
        if (worst.isEmpty() || perObject <= 0 || total <= 0) {
            return List.of();
        }
        List<Row> ranks = new ArrayList<>();
        for (int i = 0; i < worst.size(); i++) {
            ranks.add(RowFactory.create(worst.get(i).file(), i));
        }
        // A broadcast join: worst is small (report.worstFiles), the findings are not.
        Dataset<Row> ranked = functions.broadcast(findings.sparkSession().createDataFrame(ranks, RANKS));
        String unmasked = testValuesCount ? "masked = false" : "masked = false AND testValue = false";
        Dataset<Row> located = findings.filter(unmasked)
                .join(ranked, functions.col("file").equalTo(functions.col("rankedFile")))
                .withColumn("n", functions.row_number().over(Window.partitionBy("rank")
                        .orderBy("record", "start", "field", "end", "type")))
                .filter(functions.col("n").leq(perObject))
                .orderBy("rank", "n")
                .selectExpr("safeFile", "record", "field", "start", "end", "type", "preview");
        List<FindingLocation> out = new ArrayList<>();
        for (Row r : located.takeAsList(total)) {
            out.add(new FindingLocation(r.getString(0), r.isNullAt(1) ? -1 : r.getLong(1), r.getString(2),
                    r.isNullAt(3) ? -1 : r.getInt(3), r.isNullAt(4) ? -1 : r.getInt(4), r.getString(5),
                    r.getString(6)));
        }
        return out;
    }
}
