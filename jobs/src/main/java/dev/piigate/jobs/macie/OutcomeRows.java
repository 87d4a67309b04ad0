package dev.piigate.jobs.macie;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.piigate.jobs.macie.Reconciliation.Disagreement;
import dev.piigate.jobs.macie.Reconciliation.Outcome;
import dev.piigate.jobs.macie.Reconciliation.TypeResult;

/**
 * A reconciled object and its disagreements as typed columns, from the executors to the driver,
 * which writes them to macie-crosscheck.json ({@link CrossCheckJson}) and adds them up: no JSON
 * text to parse again. What leaves the executor is already masked (Macie's URI, field names).
 */
final class OutcomeRows {
    static final StructType TYPE_RESULT = new StructType()
            .add("type", DataTypes.StringType, false)
            .add("level", DataTypes.StringType, false)
            .add("macie", DataTypes.LongType, false)
            .add("ours", DataTypes.LongType, false)
            .add("agree", DataTypes.LongType, false)
            .add("macieOnly", DataTypes.LongType, false)
            .add("oursOnly", DataTypes.LongType, false)
            .add("macieLocationsTruncated", DataTypes.BooleanType, false)
            .add("macieOnlyRecords", DataTypes.LongType, false)
            .add("oursOnlyReason", DataTypes.StringType, true);

    static final StructType UNMAPPED = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("count", DataTypes.LongType, false);

    /** {@link Outcome} without its disagreements (they follow as rows of their own). */
    static final StructType OUTCOME = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("category", DataTypes.StringType, false)
            .add("macieUri", DataTypes.StringType, true)
            .add("source", DataTypes.StringType, true)
            .add("resultId", DataTypes.StringType, true)
            .add("createdAt", DataTypes.StringType, true)
            .add("macieStatus", DataTypes.StringType, true)
            .add("macieReason", DataTypes.StringType, true)
            .add("macieEtag", DataTypes.StringType, true)
            .add("macieSize", DataTypes.LongType, false)
            .add("types", DataTypes.createArrayType(TYPE_RESULT, false), false)
            .add("unmapped", DataTypes.createArrayType(UNMAPPED, false), false);

    static final StructType DISAGREEMENT = new StructType()
            .add("category", DataTypes.StringType, false)
            .add("type", DataTypes.StringType, false)
            .add("macieType", DataTypes.StringType, true)
            .add("record", DataTypes.LongType, false)
            .add("recordTo", DataTypes.LongType, false)
            .add("field", DataTypes.StringType, true)
            .add("start", DataTypes.IntegerType, false)
            .add("end", DataTypes.IntegerType, false)
            .add("where", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, true);

    /**
     * key, seq (-1: a Macie object we did not scan; 0: the object, in {@code outcome}; 1..: its
     * disagreements, in {@code disagreement}).
     */
    static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.StringType, false)
            .add("seq", DataTypes.LongType, false)
            .add("outcome", OUTCOME, true)
            .add("disagreement", DISAGREEMENT, true);

    private OutcomeRows() {}

    static Row notScanned(String key) {
        return RowFactory.create(key, -1L, null, null);
    }

    static Row outcome(String key, Outcome o) {
        Row[] types = new Row[o.types().size()];
        int i = 0;
        for (Map.Entry<String, TypeResult> e : o.types().entrySet()) {
            TypeResult t = e.getValue();
            types[i++] = RowFactory.create(e.getKey(), t.level(), t.macie(), t.ours(), t.agree(), t.macieOnly(),
                    t.oursOnly(), t.macieLocationsTruncated(), t.macieOnlyRecords(), t.oursOnlyReason());
        }
        Row[] unmapped = new Row[o.unmapped().size()];
        i = 0;
        for (Map.Entry<String, Long> e : o.unmapped().entrySet()) {
            unmapped[i++] = RowFactory.create(e.getKey(), e.getValue());
        }
        return RowFactory.create(key, 0L, RowFactory.create(o.path(), o.category(), o.macieUri(), o.source(),
                o.resultId(), o.createdAt(), o.macieStatus(), o.macieReason(), o.macieEtag(), o.macieSize(), types,
                unmapped), null);
    }

    static Row disagreement(String key, long seq, Disagreement d) {
        return RowFactory.create(key, seq, null, RowFactory.create(d.category(), d.type(), d.macieType(), d.record(),
                d.recordTo(), d.field(), d.start(), d.end(), d.where(), d.reason()));
    }

    static Outcome outcome(Row r) {
        Map<String, TypeResult> types = new TreeMap<>();
        for (Row t : r.<Row>getList(r.fieldIndex("types"))) {
            types.put(t.getString(0), new TypeResult(t.getString(1), t.getLong(2), t.getLong(3), t.getLong(4),
                    t.getLong(5), t.getLong(6), t.getBoolean(7), t.getLong(8), t.isNullAt(9) ? null : t.getString(9)));
        }
        Map<String, Long> unmapped = new TreeMap<>();
        for (Row u : r.<Row>getList(r.fieldIndex("unmapped"))) {
            unmapped.put(u.getString(0), u.getLong(1));
        }
        return new Outcome(r.getAs("path"), r.getAs("category"), r.getAs("macieUri"), r.getAs("source"),
                r.getAs("resultId"), r.getAs("createdAt"), r.getAs("macieStatus"), r.getAs("macieReason"),
                r.getAs("macieEtag"), r.<Long>getAs("macieSize"), types, unmapped, List.of());
    }

    static Disagreement disagreement(Row r) {
        return new Disagreement(r.getAs("category"), r.getAs("type"), r.getAs("macieType"), r.<Long>getAs("record"),
                r.<Long>getAs("recordTo"), r.getAs("field"), r.<Integer>getAs("start"), r.<Integer>getAs("end"),
                r.getAs("where"), r.getAs("reason"));
    }
}
