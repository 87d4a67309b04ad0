package dev.piigate.jobs;

import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters$;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import dev.piigate.jobs.scan.ObjectResult;
import dev.piigate.jobs.scan.ScanRows;
import dev.piigate.jobs.scan.ScanRows.At;
import scala.Function1;

/**
 * The per-object results and the report's sample, read in one pass over the scan's rows: one job,
 * where a collect of the object rows and Spark SQL's ordered limit over the findings took two, each
 * a query planned and compiled on the driver. Each partition hands over its object rows and its
 * first {@code sampleSize} sample findings; the driver sorts both. A run of more objects than the
 * driver holds ({@link ScanJob#OBJECTS_ON_DRIVER}) has Spark sort them, and the sample is read in a
 * pass of its own.
 */
final class ObjectsAndSample {
    /** Positions in {@link ScanRows#FINDING} of the columns the sample shows ({@link ScanRows#FINDING_OUTPUT}). */
    private static final int[] SHOWN = {At.SAFE_FILE, At.RECORD, At.FIELD, At.START, At.END, At.TYPE, At.DETECTOR,
        At.MASKED, At.TEST_VALUE, At.CONFIDENCE, At.PREVIEW, At.FINGERPRINT};
    private static final StructType SAMPLE = sampleSchema();

    /**
     * The sample's order: Spark SQL's {@code ORDER BY file, record, field, start} (strings by UTF-8
     * bytes, nulls first), then end, type, detector, preview and fingerprint, so that ties come out
     * in one order however the rows were partitioned.
     */
    static final Comparator<InternalRow> SAMPLE_ORDER = Comparator
            .<InternalRow, UTF8String>comparing(f -> f.getUTF8String(At.FILE))
            .thenComparing(f -> f.isNullAt(At.RECORD) ? null : f.getLong(At.RECORD), nullsFirst(naturalOrder()))
            .thenComparing(f -> text(f, At.FIELD), nullsFirst(naturalOrder()))
            .thenComparing(f -> f.isNullAt(At.START) ? null : f.getInt(At.START), nullsFirst(naturalOrder()))
            .thenComparing(f -> f.isNullAt(At.END) ? null : f.getInt(At.END), nullsFirst(naturalOrder()))
            .thenComparing(f -> text(f, At.TYPE), nullsFirst(naturalOrder()))
            .thenComparing(f -> text(f, At.DETECTOR), nullsFirst(naturalOrder()))
            .thenComparing(f -> text(f, At.PREVIEW), nullsFirst(naturalOrder()))
            .thenComparing(f -> text(f, At.FINGERPRINT), nullsFirst(naturalOrder()));

    /** The per-object results in path order, and the sample (columns {@link ScanRows#FINDING_OUTPUT}). */
    record Read(ScanJob.ObjectsInPathOrder objects, List<Row> sample) {}

    private ObjectsAndSample() {}

    /**
     * Reads the scan's rows ({@link ScanRows#SCHEMA}) once, or twice with more than {@code onDriver}
     * objects.
     *
     * @param objects    how many object rows the scan yields (known from the plan)
     * @param sampleSize unmasked findings in the sample, at most (0: none)
     */
    static Read read(Dataset<Row> scanned, long objects, long onDriver, int sampleSize) {
        if (objects > onDriver) {
            List<InternalRow> sample = sampleSize == 0 ? List.of()
                    : ScanRows.internalRows(scanned).mapPartitions(new Pass(sampleSize, false)).collect();
            return new Read(ScanJob.objectsInPathOrder(ScanRows.objects(scanned), objects, onDriver),
                    sample(sample, sampleSize));
        }
        Function1<Object, Object> toObject = CatalystTypeConverters$.MODULE$.createToScalaConverter(ScanRows.OBJECT);
        List<ObjectResult> all = new ArrayList<>();
        List<InternalRow> candidates = new ArrayList<>();
        for (InternalRow r : ScanRows.internalRows(scanned).mapPartitions(new Pass(sampleSize, true)).collect()) {
            if (r.isNullAt(At.OBJECT)) {
                candidates.add(r);
            } else {
                all.add(ScanRows.objectResult((Row) toObject.apply(ScanRows.objectOf(r))));
            }
        }
        return new Read(ScanJob.inPathOrder(all), sample(candidates, sampleSize));
    }

    /** The first {@code size} of the partitions' candidates, as rows of the sample's columns. */
    private static List<Row> sample(List<InternalRow> candidates, int size) {
        Function1<Object, Object> toFinding = CatalystTypeConverters$.MODULE$.createToScalaConverter(ScanRows.FINDING);
        List<InternalRow> findings = new ArrayList<>(candidates.size());
        candidates.forEach(r -> findings.add(ScanRows.findingOf(r)));
        findings.sort(SAMPLE_ORDER);
        List<Row> sample = new ArrayList<>();
        for (InternalRow f : findings.subList(0, Math.min(size, findings.size()))) {
            Row row = (Row) toFinding.apply(f);
            Object[] shown = new Object[SHOWN.length];
            for (int i = 0; i < SHOWN.length; i++) {
                shown[i] = row.get(SHOWN[i]);
            }
            sample.add(new GenericRowWithSchema(shown, SAMPLE));
        }
        return List.copyOf(sample);
    }

    /** Whether a finding is one the sample shows: unmasked, not a test value, not accepted by a baseline. */
    private static boolean shown(InternalRow f) {
        return !f.isNullAt(At.MASKED) && !f.getBoolean(At.MASKED)
                && !f.isNullAt(At.TEST_VALUE) && !f.getBoolean(At.TEST_VALUE) && !f.getBoolean(At.ACCEPTED);
    }

    private static UTF8String text(InternalRow f, int i) {
        return f.isNullAt(i) ? null : f.getUTF8String(i);
    }

    private static StructType sampleSchema() {
        StructField[] fields = new StructField[SHOWN.length];
        for (int i = 0; i < SHOWN.length; i++) {
            StructField f = ScanRows.FINDING.fields()[SHOWN[i]];
            fields[i] = new StructField(ScanRows.FINDING_COLUMNS[i], f.dataType(), f.nullable(), f.metadata());
        }
        return new StructType(fields);
    }

    /**
     * One partition's object rows (when {@code objects}) and its first {@code sampleSize} sample
     * findings in {@link #SAMPLE_ORDER}, as scan rows; a finding is copied only when it is among them.
     */
    static final class Pass implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
        private static final long serialVersionUID = 1L;
        private final int sampleSize;
        private final boolean objects;

        Pass(int sampleSize, boolean objects) {
            this.sampleSize = sampleSize;
            this.objects = objects;
        }

        @Override
        public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
            List<InternalRow> out = new ArrayList<>();
            // The last of the first sampleSize on top, to be pushed out by an earlier one.
            PriorityQueue<InternalRow> first = new PriorityQueue<>(
                    Comparator.<InternalRow, InternalRow>comparing(ScanRows::findingOf,
                            SAMPLE_ORDER).reversed());
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                if (!r.isNullAt(At.OBJECT)) {
                    if (objects) {
                        out.add(r.copy()); // the plan's rows can be one buffer, reused
                    }
                    continue;
                }
                if (sampleSize == 0 || r.isNullAt(At.FINDING)) {
                    continue;
                }
                InternalRow f = ScanRows.findingOf(r);
                if (!shown(f)) {
                    continue;
                }
                if (first.size() < sampleSize) {
                    first.add(r.copy());
                } else if (SAMPLE_ORDER.compare(f, ScanRows.findingOf(first.peek())) < 0) {
                    first.poll();
                    first.add(r.copy());
                }
            }
            out.addAll(first);
            return out.iterator();
        }
    }
}
