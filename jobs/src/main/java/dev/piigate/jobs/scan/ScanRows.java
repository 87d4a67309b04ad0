package dev.piigate.jobs.scan;

import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows the scan produces: one per finding (kind {@code finding}) and one per object (kind
 * {@code object}) in a single schema, so one pass over the data yields both. Columns of the other
 * kind are null.
 */
public final class ScanRows {
    public static final String FINDING = "finding";
    public static final String OBJECT = "object";

    /** Per-type counts array layout: unmasked, masked, test values, records with unmasked. */
    public static final int UNMASKED = 0;
    public static final int MASKED = 1;
    public static final int TEST = 2;
    public static final int RECORDS_UNMASKED = 3;

    /** The columns of findings/ (the published findings schema, in order). */
    public static final String[] FINDING_COLUMNS = {"file", "record", "field", "start", "end", "type", "detector",
        "masked", "testValue", "confidence", "preview", "fingerprint"};

    /**
     * {@link #FINDING_COLUMNS} as written to findings/ and report.json: {@code file} is the masked
     * path ({@code safeFile}); the real one stays inside the job (Macie matching, ordering).
     */
    public static final String[] FINDING_OUTPUT = {"safeFile AS file", "record", "field", "start", "end", "type",
        "detector", "masked", "testValue", "confidence", "preview", "fingerprint"};

    public static final StructType SCHEMA = new StructType(new StructField[] {
        field("kind", DataTypes.StringType, false),
        field("file", DataTypes.StringType, false),
        // finding
        field("record", DataTypes.LongType, true),
        field("field", DataTypes.StringType, true),
        field("start", DataTypes.IntegerType, true),
        field("end", DataTypes.IntegerType, true),
        field("type", DataTypes.StringType, true),
        field("detector", DataTypes.StringType, true),
        field("masked", DataTypes.BooleanType, true),
        field("testValue", DataTypes.BooleanType, true),
        field("confidence", DataTypes.DoubleType, true),
        field("preview", DataTypes.StringType, true),
        field("fingerprint", DataTypes.StringType, true),
        // object
        field("format", DataTypes.StringType, true),
        field("size", DataTypes.LongType, true),
        field("etag", DataTypes.StringType, true),
        field("status", DataTypes.StringType, true),
        field("reason", DataTypes.StringType, true),
        field("detail", DataTypes.StringType, true),
        field("records", DataTypes.LongType, true),
        field("recordsUnmasked", DataTypes.LongType, true),
        field("recordsMaskedOnly", DataTypes.LongType, true),
        field("findingsWritten", DataTypes.LongType, true),
        field("findingsNotWritten", DataTypes.LongType, true),
        // internal: "TYPE=u,m,t,r;TYPE=..." (see encodeCounts); report.json carries it as JSON
        field("typeCounts", DataTypes.StringType, true),
        // both kinds: the path as every output writes it (PathMasker.maskObjectPath)
        field("safeFile", DataTypes.StringType, false),
    });

    private ScanRows() {}

    private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return new StructField(name, type, nullable, org.apache.spark.sql.types.Metadata.empty());
    }

    static Row finding(String file, String safeFile, long record, String field, int start, int end, String type,
            String detector, boolean masked, boolean testValue, double confidence, String preview, String fingerprint) {
        return RowFactory.create(FINDING, file, record, field, start, end, type, detector, masked, testValue,
                confidence, preview, fingerprint, null, null, null, null, null, null, null, null, null, null, null,
                null, safeFile);
    }

    static Row object(String file, String safeFile, String format, long size, String etag, String status,
            String reason, String detail, long records, long recordsUnmasked, long recordsMaskedOnly,
            long findingsWritten, long findingsNotWritten, Map<String, long[]> typeCounts) {
        return RowFactory.create(OBJECT, file, null, null, null, null, null, null, null, null, null, null, null,
                format, size, etag, status, reason, detail, records, recordsUnmasked, recordsMaskedOnly,
                findingsWritten, findingsNotWritten, encodeCounts(typeCounts), safeFile);
    }

    static String encodeCounts(Map<String, long[]> typeCounts) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, long[]> e : new java.util.TreeMap<>(typeCounts).entrySet()) {
            long[] v = e.getValue();
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(e.getKey()).append('=').append(v[0]).append(',').append(v[1]).append(',').append(v[2])
                    .append(',').append(v[3]);
        }
        return sb.toString();
    }

    public static Map<String, dev.piigate.jobs.gate.TypeCounts> decodeCounts(String encoded) {
        Map<String, dev.piigate.jobs.gate.TypeCounts> out = new java.util.TreeMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String part : encoded.split(";", -1)) {
            int eq = part.indexOf('=');
            String[] v = part.substring(eq + 1).split(",", -1);
            out.put(part.substring(0, eq), new dev.piigate.jobs.gate.TypeCounts(Long.parseLong(v[0]),
                    Long.parseLong(v[1]), Long.parseLong(v[2]), Long.parseLong(v[3])));
        }
        return out;
    }
}
