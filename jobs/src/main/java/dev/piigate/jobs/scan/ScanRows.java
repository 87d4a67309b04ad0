package dev.piigate.jobs.scan;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters$;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import scala.Function1;
import scala.collection.JavaConverters;

import dev.piigate.detectors.Evidence;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;

/**
 * The scan's rows as typed columns: each row is either an {@link ObjectResult} (column
 * {@code object}) or a {@link FindingRow} (column {@code finding}), the other null, so one pass over
 * the data yields both and an object's findings stream instead of filling one row (an object may
 * have up to {@code report.maxFindingsPerFile} of them). {@link #objects} and {@link #findings}
 * split them into their own Datasets; {@link #objectResult} and {@link #findingRow} read one back.
 */
public final class ScanRows {
    /** The columns of findings/ (the published findings schema, in order). */
    public static final String[] FINDING_COLUMNS = {"file", "record", "field", "start", "end", "type", "detector",
        "masked", "testValue", "confidence", "preview", "fingerprint"};

    /**
     * {@link #FINDING_COLUMNS} over {@link #findings}: {@code file} is the masked path
     * ({@code safeFile}); the real one stays inside the job (Macie matching, ordering).
     */
    public static final String[] FINDING_OUTPUT = {"safeFile AS file", "record", "field", "start", "end", "type",
        "detector", "masked", "testValue", "confidence", "preview", "fingerprint"};

    /**
     * The column findings/ gains after {@link #FINDING_OUTPUT} in a run with {@code --baseline}: whether
     * the baseline accepted the finding. A run without one writes findings/ as it always has.
     */
    public static final String ACCEPTED = "accepted";

    static final StructType TYPE_COUNTS = new StructType(new StructField[] {
        field("type", DataTypes.StringType, false),
        field("unmasked", DataTypes.LongType, false),
        field("masked", DataTypes.LongType, false),
        field("testValues", DataTypes.LongType, false),
        field("recordsUnmasked", DataTypes.LongType, false),
        field("recordsTestOnly", DataTypes.LongType, false),
        field("accepted", DataTypes.LongType, false),
    });

    /** {@link ObjectResult}: status and reason by enum name, per-type counts sorted by type. */
    public static final StructType OBJECT = new StructType(new StructField[] {
        field("file", DataTypes.StringType, false),
        field("safeFile", DataTypes.StringType, false),
        field("format", DataTypes.StringType, false),
        field("size", DataTypes.LongType, false),
        field("etag", DataTypes.StringType, true),
        field("status", DataTypes.StringType, false),
        field("reason", DataTypes.StringType, true),
        field("detail", DataTypes.StringType, true),
        field("records", DataTypes.LongType, false),
        field("recordsUnmasked", DataTypes.LongType, false),
        field("recordsTestOnly", DataTypes.LongType, false),
        field("recordsMaskedOnly", DataTypes.LongType, false),
        field("recordsMaskedTestOnly", DataTypes.LongType, false),
        field("findingsWritten", DataTypes.LongType, false),
        field("findingsNotWritten", DataTypes.LongType, false),
        field("types", DataTypes.createArrayType(TYPE_COUNTS, false), false),
        // last, so the columns before them keep their positions
        field("versionId", DataTypes.StringType, true),
        field("recordsAcceptedOnly", DataTypes.LongType, false),
        field("recordsAcceptedTestOnly", DataTypes.LongType, false),
    });

    /** {@link FindingRow}; nullability as findings/ has always declared it. */
    public static final StructType FINDING = new StructType(new StructField[] {
        field("file", DataTypes.StringType, false),
        field("safeFile", DataTypes.StringType, false),
        field("record", DataTypes.LongType, true),
        field("field", DataTypes.StringType, true),
        field("start", DataTypes.IntegerType, true),
        field("end", DataTypes.IntegerType, true),
        field("type", DataTypes.StringType, true),
        field("detector", DataTypes.StringType, true),
        field("masked", DataTypes.BooleanType, true),
        field("testValue", DataTypes.BooleanType, true),
        field("confidence", DataTypes.DoubleType, true),
        field("evidence", DataTypes.createArrayType(DataTypes.StringType, false), false),
        field("preview", DataTypes.StringType, true),
        field("fingerprint", DataTypes.StringType, true),
        field(ACCEPTED, DataTypes.BooleanType, false),
    });

    /** {@link SplitPart}: on the object row of one split of an object ({@link SplitMerge}). */
    static final StructType SPLIT_PART = new StructType(new StructField[] {
        field("index", DataTypes.IntegerType, false),
        field("count", DataTypes.IntegerType, false),
        field("scope", DataTypes.StringType, false),
        field("firstByte", DataTypes.LongType, false),
        field("endByte", DataTypes.LongType, false),
        field("lines", DataTypes.LongType, false),
        field("findings", DataTypes.LongType, false),
        field("modified", DataTypes.LongType, false),
    });

    /** On a finding row of one split: which split, and the finding's place among the split's findings. */
    static final StructType FINDING_SPLIT = new StructType(new StructField[] {
        field("index", DataTypes.IntegerType, false),
        field("ordinal", DataTypes.LongType, false),
    });

    /**
     * {@code objectSplit} and {@code findingSplit} are set on the rows of a split object only, and
     * null once {@link SplitMerge} has merged them: what {@link #objects} and {@link #findings}
     * select does not include them.
     */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        field("object", OBJECT, true),
        field("finding", FINDING, true),
        field("objectSplit", SPLIT_PART, true),
        field("findingSplit", FINDING_SPLIT, true),
    });

    /**
     * Where the cells are, for code that reads the scan's internal rows ({@link #internalRows}): a
     * scan row's object and finding, and the finding's columns, looked up by name once.
     */
    public static final class At {
        public static final int OBJECT = SCHEMA.fieldIndex("object");
        public static final int FINDING = SCHEMA.fieldIndex("finding");
        public static final int FILE = ScanRows.FINDING.fieldIndex("file");
        public static final int SAFE_FILE = ScanRows.FINDING.fieldIndex("safeFile");
        public static final int RECORD = ScanRows.FINDING.fieldIndex("record");
        public static final int FIELD = ScanRows.FINDING.fieldIndex("field");
        public static final int START = ScanRows.FINDING.fieldIndex("start");
        public static final int END = ScanRows.FINDING.fieldIndex("end");
        public static final int TYPE = ScanRows.FINDING.fieldIndex("type");
        public static final int DETECTOR = ScanRows.FINDING.fieldIndex("detector");
        public static final int MASKED = ScanRows.FINDING.fieldIndex("masked");
        public static final int TEST_VALUE = ScanRows.FINDING.fieldIndex("testValue");
        public static final int CONFIDENCE = ScanRows.FINDING.fieldIndex("confidence");
        public static final int PREVIEW = ScanRows.FINDING.fieldIndex("preview");
        public static final int FINGERPRINT = ScanRows.FINDING.fieldIndex("fingerprint");
        public static final int ACCEPTED = ScanRows.FINDING.fieldIndex(ScanRows.ACCEPTED);

        private At() {}
    }

    private ScanRows() {}

    /** The finding of a scan's internal row (one whose {@link At#FINDING} is not null). */
    public static InternalRow findingOf(InternalRow scanRow) {
        return scanRow.getStruct(At.FINDING, FINDING.size());
    }

    /** The object result of a scan's internal row (one whose {@link At#OBJECT} is not null). */
    public static InternalRow objectOf(InternalRow scanRow) {
        return scanRow.getStruct(At.OBJECT, OBJECT.size());
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }

    /** The object rows of a scan, as {@link #OBJECT} columns. */
    public static Dataset<Row> objects(Dataset<Row> scanned) {
        return scanned.filter(functions.col("object").isNotNull()).select("object.*");
    }

    /** The finding rows of a scan, as {@link #FINDING} columns. */
    public static Dataset<Row> findings(Dataset<Row> scanned) {
        return scanned.filter(functions.col("finding").isNotNull()).select("finding.*");
    }

    /** An object's row of {@link #SCHEMA} as Spark's internal row, which the executors hand to the scan's Dataset. */
    static InternalRow internal(ObjectResult o) {
        return (InternalRow) INTERNAL.struct(object(o, INTERNAL), null, null, null);
    }

    static InternalRow internal(FindingRow f) {
        return (InternalRow) INTERNAL.struct(null, finding(f, INTERNAL), null, null);
    }

    static InternalRow internal(ObjectResult o, SplitPart p) {
        return (InternalRow) INTERNAL.struct(object(o, INTERNAL), null, splitPart(p, INTERNAL), null);
    }

    static InternalRow internal(FindingRow f, int split, long ordinal) {
        return (InternalRow) INTERNAL.struct(null, finding(f, INTERNAL), null, INTERNAL.struct(split, ordinal));
    }

    /**
     * The rows of {@code rows} on the driver, read as Spark's internal rows and converted by the
     * schema ({@code CatalystTypeConverters}), as {@code collectAsList} would return them but without
     * its encoder: that generates a deserializer per query, and its first use in a JVM set up Scala's
     * runtime reflection (0.6-0.8 CPU-seconds, on the driver's critical path). For the driver's small
     * collects: the per-object results, the parts of split objects and bounded samples.
     */
    public static List<Row> collect(Dataset<Row> rows) {
        Function1<Object, Object> toRow = CatalystTypeConverters$.MODULE$.createToScalaConverter(rows.schema());
        List<Row> out = new ArrayList<>();
        for (InternalRow r : rows.queryExecution().executedPlan().executeCollect()) {
            out.add((Row) toRow.apply(r));
        }
        return out;
    }

    /** As {@link #collect}, one partition at a time (the driver never holds them all). */
    public static Iterator<Row> toLocalIterator(Dataset<Row> rows) {
        Function1<Object, Object> toRow = CatalystTypeConverters$.MODULE$.createToScalaConverter(rows.schema());
        Iterator<InternalRow> internal = JavaConverters.asJavaIterator(
                rows.queryExecution().executedPlan().executeToIterator());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return internal.hasNext();
            }

            @Override
            public Row next() {
                return (Row) toRow.apply(internal.next());
            }
        };
    }

    /**
     * Rows of {@link #SCHEMA} made on the executors ({@link #internal}) as the scan's Dataset, taken
     * as they are: {@code createDataFrame(JavaRDD<Row>)} generated and compiled its converter again
     * for every partition (two seconds of CPU in a re-run with {@code --state}), and
     * {@code Dataset.mapPartitions}' serializer of this schema is one method of 17 KB of bytecode the
     * JVM never compiles. {@code internalCreateDataFrame} is Spark's own path for internal rows,
     * {@code private[sql]} in Scala and public in the bytecode Java sees (emr/README).
     */
    public static Dataset<Row> dataset(SparkSession spark, JavaRDD<InternalRow> rows) {
        return spark.internalCreateDataFrame(rows.rdd(), SCHEMA, false);
    }

    /** The internal rows of {@code rows} on the executors, read without an encoder (see {@link #collect}). */
    public static JavaRDD<InternalRow> internalRows(Dataset<Row> rows) {
        return rows.queryExecution().toRdd().toJavaRDD();
    }

    static SplitPart splitPart(Row p) {
        return new SplitPart(p.getInt(0), p.getInt(1), p.getString(2), p.getLong(3), p.getLong(4), p.getLong(5),
                p.getLong(6), p.getLong(7));
    }

    /** A result as an {@link #OBJECT} row. */
    public static Row toRow(ObjectResult o) {
        return (Row) object(o, EXTERNAL);
    }

    /** A finding as a {@link #FINDING} row. */
    public static Row toRow(FindingRow f) {
        return (Row) finding(f, EXTERNAL);
    }

    /**
     * How a row's cells are made: Spark's external {@link Row} (the driver, tests) or its internal
     * row (the executors' output, which Spark takes as it is: handing it {@code Row}s, it converted
     * each with an encoder it generated and compiled again for every partition, and its first use in
     * a JVM set up Scala's runtime reflection).
     */
    private interface Cells {
        Object text(String s);

        Object list(Object[] items);

        Object struct(Object... values);
    }

    private static final Cells EXTERNAL = new Cells() {
        @Override
        public Object text(String s) {
            return s;
        }

        @Override
        public Object list(Object[] items) {
            return items;
        }

        @Override
        public Object struct(Object... values) {
            return RowFactory.create(values);
        }
    };

    private static final Cells INTERNAL = new Cells() {
        @Override
        public Object text(String s) {
            return s == null ? null : UTF8String.fromString(s);
        }

        @Override
        public Object list(Object[] items) {
            return new GenericArrayData(items);
        }

        @Override
        public Object struct(Object... values) {
            return new GenericInternalRow(values);
        }
    };

    /** {@link #OBJECT}'s cells: status and reason by enum name, per-type counts sorted by type. */
    private static Object object(ObjectResult o, Cells c) {
        Object[] types = new Object[o.types().size()];
        int i = 0;
        for (Map.Entry<String, TypeCounts> e : new TreeMap<>(o.types()).entrySet()) {
            TypeCounts t = e.getValue();
            types[i++] = c.struct(c.text(e.getKey()), t.unmasked(), t.masked(), t.testValues(), t.recordsUnmasked(),
                    t.recordsTestOnly(), t.accepted());
        }
        ObjectStatus s = o.status();
        return c.struct(c.text(o.file()), c.text(o.safeFile()), c.text(o.format()), o.size(), c.text(o.etag()),
                c.text(s.status().name()), c.text(s.reason() == null ? null : s.reason().name()), c.text(o.detail()),
                o.records(), o.recordsUnmasked(), o.recordsTestOnly(), o.recordsMaskedOnly(), o.recordsMaskedTestOnly(),
                o.findingsWritten(), o.findingsNotWritten(), c.list(types), c.text(o.versionId()),
                o.recordsAcceptedOnly(), o.recordsAcceptedTestOnly());
    }

    private static Object finding(FindingRow f, Cells c) {
        EnumSet<Evidence> kinds = withNone(f.evidence());
        Object[] evidence = new Object[kinds.size()];
        int i = 0;
        for (Evidence e : kinds) {
            evidence[i++] = c.text(e.name());
        }
        return c.struct(c.text(f.file()), c.text(f.safeFile()), f.record(), c.text(f.field()), f.start(), f.end(),
                c.text(f.type()), c.text(f.detector()), f.masked(), f.testValue(), f.confidence(), c.list(evidence),
                c.text(f.preview()), c.text(f.fingerprint()), f.accepted());
    }

    private static Object splitPart(SplitPart p, Cells c) {
        return c.struct(p.index(), p.count(), c.text(p.scope()), p.firstByte(), p.endByte(), p.lines(), p.findings(),
                p.modified());
    }

    private static EnumSet<Evidence> withNone(Set<Evidence> evidence) {
        return evidence.isEmpty() ? EnumSet.noneOf(Evidence.class) : EnumSet.copyOf(evidence);
    }

    /** An {@link #OBJECT} row (from {@link #objects}) back to its value. */
    public static ObjectResult objectResult(Row r) {
        Map<String, TypeCounts> types = new TreeMap<>();
        for (Row t : r.<Row>getList(r.fieldIndex("types"))) {
            types.put(t.getString(0), new TypeCounts(t.getLong(1), t.getLong(2), t.getLong(3), t.getLong(4),
                    t.getLong(5), t.getLong(6)));
        }
        String reason = r.getAs("reason");
        return new ObjectResult(r.getAs("file"), r.getAs("safeFile"), r.getAs("format"), r.<Long>getAs("size"),
                r.getAs("etag"), r.getAs("versionId"), ObjectStatus.of(ScanStatus.valueOf(r.getAs("status")),
                        reason == null ? null : StatusReason.valueOf(reason)),
                r.getAs("detail"), r.<Long>getAs("records"), r.<Long>getAs("recordsUnmasked"),
                r.<Long>getAs("recordsTestOnly"), r.<Long>getAs("recordsMaskedOnly"),
                r.<Long>getAs("recordsMaskedTestOnly"), r.<Long>getAs("findingsWritten"),
                r.<Long>getAs("findingsNotWritten"), types, r.<Long>getAs("recordsAcceptedOnly"),
                r.<Long>getAs("recordsAcceptedTestOnly"));
    }

    /** A {@link #FINDING} row (from {@link #findings}) back to its value. */
    public static FindingRow findingRow(Row r) {
        List<Evidence> evidence = new ArrayList<>();
        for (String e : r.<String>getList(r.fieldIndex("evidence"))) {
            evidence.add(Evidence.valueOf(e));
        }
        return new FindingRow(r.getAs("file"), r.getAs("safeFile"), r.<Long>getAs("record"), r.getAs("field"),
                r.<Integer>getAs("start"), r.<Integer>getAs("end"), r.getAs("type"), r.getAs("detector"),
                r.<Boolean>getAs("masked"), r.<Boolean>getAs("testValue"), r.<Double>getAs("confidence"),
                Set.copyOf(evidence), r.getAs("preview"), r.getAs("fingerprint"), r.<Boolean>getAs(ACCEPTED));
    }
}
