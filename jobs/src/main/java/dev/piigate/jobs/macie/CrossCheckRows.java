package dev.piigate.jobs.macie;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.scan.PathMasker;
import dev.piigate.jobs.scan.ScanRows;

/**
 * The executor side of the cross-check: Macie records and our scan rows in one schema, keyed by
 * the object's canonical name, grouped per object and reconciled there. Named static classes with
 * plain serialisable fields; detectors are built on the executor from the configuration's text.
 */
final class CrossCheckRows {
    static final String MACIE = "macie";

    /** kind, key, then the members of either side (null where the kind has none). */
    static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("key", DataTypes.StringType, false)
            .add("macie", DataTypes.StringType, true)
            .add("path", DataTypes.StringType, true)
            .add("size", DataTypes.LongType, true)
            .add("etag", DataTypes.StringType, true)
            .add("complete", DataTypes.BooleanType, true)
            .add("typeCounts", DataTypes.StringType, true)
            .add("record", DataTypes.LongType, true)
            .add("field", DataTypes.StringType, true)
            .add("start", DataTypes.IntegerType, true)
            .add("end", DataTypes.IntegerType, true)
            .add("type", DataTypes.StringType, true)
            .add("masked", DataTypes.BooleanType, true)
            .add("testValue", DataTypes.BooleanType, true)
            .add("confidence", DataTypes.DoubleType, true);

    /** key, seq (-1: a Macie object we did not scan; 0: the object; 1..: its disagreements), JSON. */
    static final StructType OUT_SCHEMA = new StructType()
            .add("key", DataTypes.StringType, false)
            .add("seq", DataTypes.LongType, false)
            .add("json", DataTypes.StringType, false);

    static final ObjectMapper JSON = new ObjectMapper();

    private CrossCheckRows() {}

    private static Configuration hadoopConf() {
        return SparkEnv.get() == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf());
    }

    /** One results file to its Macie records, read lazily. */
    static final class ReadFile implements FlatMapFunction<String, Row> {
        private static final long serialVersionUID = 1L;
        private final ObjectKeys keys;

        ReadFile(ObjectKeys keys) {
            this.keys = keys;
        }

        @Override
        public Iterator<Row> call(String file) {
            MacieFiles.Records records = MacieFiles.open(file, hadoopConf());
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public Row next() {
                    MacieObject m = records.next();
                    try {
                        return RowFactory.create(MACIE, keys.macie(m.uri()), JSON.writeValueAsString(m), null, null, null,
                                null, null, null, null, null, null, null, null, null, null);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("cannot encode a Macie record: " + e.getClass().getName());
                    }
                }
            };
        }
    }

    /** A finding or object row of the scan (ScanRows.SCHEMA) into this schema. */
    static final class FromScan implements MapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row call(Row r) {
            String kind = r.getAs("kind");
            String key = ObjectKeys.canonical(r.getAs("file"));
            String file = r.getAs("safeFile"); // what the cross-check writes: masked where it holds PII
            if (kind.equals(ScanRows.OBJECT)) {
                long notWritten = r.<Long>getAs("findingsNotWritten");
                return RowFactory.create(kind, key, null, file, r.getAs("size"), r.getAs("etag"), notWritten == 0,
                        r.getAs("typeCounts"), null, null, null, null, null, null, null, null);
            }
            return RowFactory.create(kind, key, null, file, null, null, null, null, r.getAs("record"), r.getAs("field"),
                    r.getAs("start"), r.getAs("end"), r.getAs("type"), r.getAs("masked"), r.getAs("testValue"),
                    r.getAs("confidence"));
        }
    }

    /** All rows of one object to its outcome as JSON rows (see {@link #OUT_SCHEMA}). */
    static final class Reconcile implements FlatMapGroupsFunction<String, Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String configYaml;
        private final TypeMapping mapping;
        private transient TextScanner scanner;
        private transient PathMasker paths;
        private transient Config config;

        Reconcile(String configYaml, TypeMapping mapping) {
            this.configYaml = configYaml;
            this.mapping = mapping;
        }

        @Override
        public Iterator<Row> call(String key, Iterator<Row> rows) throws Exception {
            if (scanner == null) {
                config = ConfigLoader.parse(configYaml, "configuration");
                scanner = TextScanner.create(config.detectors());
                paths = new PathMasker(scanner, null); // Macie's keys: masked, no fingerprint (no key here)
            }
            List<MacieObject> macie = new ArrayList<>();
            List<Reconciliation.Ours> ours = new ArrayList<>();
            Reconciliation.Scanned scanned = null;
            while (rows.hasNext()) {
                Row r = rows.next();
                String kind = r.getAs("kind");
                if (kind.equals(MACIE)) {
                    macie.add(JSON.readValue(r.<String>getAs("macie"), MacieObject.class));
                } else if (kind.equals(ScanRows.OBJECT)) {
                    if (scanned == null) { // the same file given twice is one object
                        Map<String, TypeCounts> counts = ScanRows.decodeCounts(r.getAs("typeCounts"));
                        Map<String, Long> unmasked = new java.util.TreeMap<>();
                        counts.forEach((t, c) -> unmasked.put(t, c.unmasked()));
                        Long size = r.getAs("size");
                        scanned = new Reconciliation.Scanned(r.getAs("path"), size == null ? -1 : size, r.getAs("etag"),
                                r.<Boolean>getAs("complete"), unmasked);
                    }
                } else {
                    ours.add(new Reconciliation.Ours(r.<Long>getAs("record"), r.getAs("field"), r.<Integer>getAs("start"),
                            r.<Integer>getAs("end"), r.getAs("type"), r.<Boolean>getAs("masked"),
                            r.<Boolean>getAs("testValue"), r.<Double>getAs("confidence")));
                }
            }
            List<Row> out = new ArrayList<>();
            if (scanned == null) {
                out.add(RowFactory.create(key, -1L, "{}"));
                return out.iterator();
            }
            Reconciliation.Outcome o = Reconciliation.reconcile(scanned, ours, macie, mapping,
                    config.policy().testValuesCountAsUnmasked());
            String macieUri = o.macieUri() == null ? null
                    : paths.maskObjectPath(o.macieUri(), PathMasker.keyStart(o.macieUri())); // Macie's key: data too
            out.add(RowFactory.create(key, 0L, JSON.writeValueAsString(CrossCheckJson.object(o, macieUri))));
            long seq = 1;
            for (Reconciliation.Disagreement d : o.disagreements()) {
                out.add(RowFactory.create(key, seq++, JSON.writeValueAsString(CrossCheckJson.disagreement(d,
                        safeField(d.field())))));
            }
            return out.iterator();
        }

        /** Macie's column names and JSON paths are keys of the data: masked by the rule of our own. */
        private String safeField(String field) {
            return field == null ? null : paths.maskFieldPath(field);
        }
    }
}
