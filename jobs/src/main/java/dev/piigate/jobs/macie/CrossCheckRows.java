package dev.piigate.jobs.macie;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import dev.piigate.jobs.scan.FindingRow;
import dev.piigate.jobs.scan.ObjectResult;
import dev.piigate.jobs.scan.PathMasker;
import dev.piigate.jobs.scan.ScanRows;

/**
 * The executor side of the cross-check: Macie records and our scan rows in one schema, keyed by
 * the object's canonical name, grouped per object and reconciled there. Named static classes with
 * plain serialisable fields; detectors are built on the executor from the configuration's text.
 */
final class CrossCheckRows {
    /**
     * key (the object's canonical name), then one of: our {@code object} result, one of our
     * {@code finding}s (typed, {@link ScanRows#OBJECT} and {@link ScanRows#FINDING}), or a
     * {@code macie} record (as JSON); the others null.
     */
    static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.StringType, false)
            .add("object", ScanRows.OBJECT, true)
            .add("finding", ScanRows.FINDING, true)
            .add("macie", DataTypes.StringType, true);

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
                        return RowFactory.create(keys.macie(m.uri()), null, null, JSON.writeValueAsString(m));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("cannot encode a Macie record: " + e.getClass().getName());
                    }
                }
            };
        }
    }

    /** A row of the scan ({@link ScanRows#SCHEMA}) into this schema, keyed by the object's real path. */
    static final class FromScan implements MapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row call(Row r) {
            Row object = r.getStruct(0);
            Row finding = r.getStruct(1);
            String file = (object != null ? object : finding).getAs("file");
            return RowFactory.create(ObjectKeys.canonical(file), object, finding, null);
        }
    }

    /** All rows of one object to its outcome, typed and masked ({@link OutcomeRows#SCHEMA}). */
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
            boolean testsCount = config.policy().testValuesCountAsUnmasked();
            while (rows.hasNext()) {
                Row r = rows.next();
                if (!r.isNullAt(1)) {
                    if (scanned == null) { // the same file given twice is one object
                        scanned = scanned(ScanRows.objectResult(r.getStruct(1)).counted(testsCount));
                    }
                } else if (!r.isNullAt(2)) {
                    ours.add(ours(ScanRows.findingRow(r.getStruct(2))));
                } else {
                    macie.add(JSON.readValue(r.getString(3), MacieObject.class));
                }
            }
            List<Row> out = new ArrayList<>();
            if (scanned == null) {
                out.add(OutcomeRows.notScanned(key));
                return out.iterator();
            }
            Reconciliation.Outcome o = Reconciliation.reconcile(scanned, ours, macie, mapping, testsCount);
            String macieUri = o.macieUri() == null ? null
                    : paths.maskObjectPath(o.macieUri(), PathMasker.keyStart(o.macieUri())); // Macie's key: data too
            out.add(OutcomeRows.outcome(key, new Reconciliation.Outcome(o.path(), o.category(), macieUri, o.source(),
                    o.resultId(), o.createdAt(), o.macieStatus(), o.macieReason(), o.macieEtag(), o.macieSize(),
                    o.types(), o.unmapped(), List.of())));
            long seq = 1;
            for (Reconciliation.Disagreement d : o.disagreements()) {
                out.add(OutcomeRows.disagreement(key, seq++, new Reconciliation.Disagreement(d.category(), d.type(),
                        d.macieType(), d.record(), d.recordTo(), safeField(d.field()), d.start(), d.end(), d.where(),
                        d.reason())));
            }
            return out.iterator();
        }

        /** Our side of one object, counted as the gate counts it. */
        private static Reconciliation.Scanned scanned(ObjectResult counted) {
            Map<String, Long> unmasked = new TreeMap<>();
            counted.types().forEach((t, c) -> unmasked.put(t, c.unmasked()));
            return new Reconciliation.Scanned(counted.safeFile(), counted.size(), counted.etag(),
                    counted.findingsNotWritten() == 0, unmasked);
        }

        private static Reconciliation.Ours ours(FindingRow f) {
            return new Reconciliation.Ours(f.record(), f.field(), f.start(), f.end(), f.type(), f.masked(),
                    f.testValue(), KeywordEvidence.hasKeyword(f.evidence()));
        }

        /** Macie's column names and JSON paths are keys of the data: masked by the rule of our own. */
        private String safeField(String field) {
            return field == null ? null : paths.maskFieldPath(field);
        }
    }
}
