package dev.piigate.jobs.macie;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.MacieSettings;
import dev.piigate.jobs.gate.BlockReason;
import dev.piigate.jobs.scan.ObjectListing;
import dev.piigate.jobs.scan.ScanRows;
import dev.piigate.jobs.s3.StorageFailure;

/**
 * The Amazon Macie cross-check, called once by the scan job when {@code --macie-results} is given:
 * reads the Macie files on the executors, reconciles them with the scan's rows per object, streams
 * {@code macie-crosscheck.json} to the output folder, and returns what the gate and the report need.
 * The driver holds counts per category and type, never per-object or per-occurrence data.
 */
public final class MacieCrossCheck {
    public static final int SCHEMA_VERSION = 1;
    public static final String FILE_NAME = "macie-crosscheck.json";
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MacieCrossCheck() {}

    /**
     * What the cross-check hands back to the scan job.
     *
     * @param extraUnmaskedRecords for {@code Gate.decide}: Macie-only records per type
     *                             ({@code macie.onMacieOnly: count}), else empty
     * @param extraReasons         block reasons ({@code onMacieOnly: block}, {@code requireCoverage})
     * @param reportSection        the {@code macie} section of report.json, or null
     * @param summaryLines         lines for the printed summary
     */
    public record Outcome(Map<String, Long> extraUnmaskedRecords, List<BlockReason> extraReasons,
            Map<String, Object> reportSection, List<String> summaryLines) {
        public static final Outcome NONE = new Outcome(Map.of(), List.of(), null, List.of());

        public Outcome {
            extraUnmaskedRecords = Map.copyOf(extraUnmaskedRecords);
            extraReasons = List.copyOf(extraReasons);
            summaryLines = List.copyOf(summaryLines);
        }
    }

    /**
     * @param scanned the scan's rows ({@link ScanRows#SCHEMA}), persisted by the caller
     * @param outDir  the {@code --out} folder
     * @throws MacieFormatException a Macie file that is not Macie output: the job must fail closed
     */
    public static Outcome run(SparkSession spark, List<String> macieResults, Map<String, String> pathMap,
            Config config, Dataset<Row> scanned, Path outDir) throws IOException {
        Configuration hconf = spark.sparkContext().hadoopConfiguration();
        List<String> uris = new ArrayList<>();
        for (String uri : macieResults) {
            uris.add(ObjectListing.toHadoopUri(uri, hconf));
        }
        List<String> files = StorageFailure.during(StorageFailure.Action.LIST, "listing the Macie results in",
                String.join(" ", macieResults), () -> MacieFiles.list(uris, hconf));
        MacieSettings settings = config.macie();
        TypeMapping mapping = new TypeMapping(settings.typeMapping());
        spark.sparkContext().setJobDescription("Macie cross-check: read " + files.size() + " results files, reconcile");

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 4));
        JavaRDD<Row> macieRows = jsc.parallelize(files, slices).flatMap(new CrossCheckRows.ReadFile(
                new ObjectKeys(pathMap)));
        Dataset<Row> macie = spark.createDataFrame(macieRows, CrossCheckRows.SCHEMA);
        Dataset<Row> ours = scanned.map(new CrossCheckRows.FromScan(), Encoders.row(CrossCheckRows.SCHEMA));
        Dataset<Row> outcomes = ours.union(macie)
                .groupByKey((org.apache.spark.api.java.function.MapFunction<Row, String>) r -> r.getString(0),
                        Encoders.STRING())
                .flatMapGroups(new CrossCheckRows.Reconcile(config.yaml(), mapping),
                        Encoders.row(OutcomeRows.SCHEMA))
                .orderBy("key", "seq");

        Totals totals = new Totals();
        Path file = new Path(outDir, FILE_NAME);
        try (OutputStream os = file.getFileSystem(hconf).create(file, true);
                JsonGenerator g = PRETTY.getFactory().createGenerator(os, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeFieldName("settings");
            PRETTY.writeValue(nonClosing(g), settingsJson(macieResults, pathMap, settings, files.size()));
            g.writeArrayFieldStart("objects");
            boolean open = false;
            for (Iterator<Row> it = toLocalIterator(outcomes); it.hasNext();) {
                Row r = it.next();
                long seq = r.getLong(1);
                if (seq < 0) {
                    totals.macieObjectsNotScanned++;
                    continue;
                }
                if (seq == 0) {
                    if (open) {
                        g.writeEndArray();
                        g.writeEndObject();
                    }
                    Reconciliation.Outcome o = OutcomeRows.outcome(r.getStruct(2));
                    g.writeStartObject();
                    for (Map.Entry<String, Object> e : CrossCheckJson.object(o, o.macieUri()).entrySet()) {
                        g.writeFieldName(e.getKey());
                        PRETTY.writeValue(nonClosing(g), e.getValue());
                    }
                    g.writeArrayFieldStart("disagreements");
                    open = true;
                    totals.object(o);
                } else {
                    Reconciliation.Disagreement d = OutcomeRows.disagreement(r.getStruct(3));
                    PRETTY.writeValue(nonClosing(g), CrossCheckJson.disagreement(d, d.field()));
                    totals.disagreement(d);
                }
            }
            if (open) {
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            // Totals last: they are known only once every object has streamed past.
            g.writeFieldName("totals");
            PRETTY.writeValue(nonClosing(g), totals.json());
            g.writeEndObject();
        }
        return outcome(totals, settings, files.size(), file.toString());
    }

    /** Spark wraps an executor's exception; ours names file and line and carries no data: unwrap it. */
    private static Iterator<Row> toLocalIterator(Dataset<Row> rows) {
        Iterator<Row> it;
        try {
            it = rows.toLocalIterator();
        } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
            throw unwrap(e);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (Exception e) {
                    throw unwrap(e);
                }
            }

            @Override
            public Row next() {
                try {
                    return it.next();
                } catch (Exception e) {
                    throw unwrap(e);
                }
            }
        };
    }

    private static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MacieFormatException m) {
                return m;
            }
        }
        return MacieCrossCheck.<RuntimeException>rethrow(e);
    }

    /** Rethrows as it is (the caller reports the class name), checked or not. */
    @SuppressWarnings("unchecked")
    private static <T extends Exception> T rethrow(Exception e) throws T {
        throw (T) e;
    }

    private static JsonGenerator nonClosing(JsonGenerator g) {
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        return g;
    }

    private static Map<String, Object> settingsJson(List<String> uris, Map<String, String> pathMap,
            MacieSettings settings, int files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("macieResults", uris);
        m.put("pathMap", new TreeMap<>(pathMap));
        m.put("resultsFiles", files);
        m.put("onMacieOnly", settings.onMacieOnly());
        m.put("requireCoverage", settings.requireCoverage());
        m.put("typeMapping", new TreeMap<>(settings.typeMapping()));
        return m;
    }

    private static Outcome outcome(Totals t, MacieSettings settings, int files, String fileUri) {
        Map<String, Long> extra = new TreeMap<>();
        List<BlockReason> reasons = new ArrayList<>();
        t.types.forEach((type, c) -> {
            long macieOnly = c.get("macieOnly");
            long records = c.get("macieOnlyRecords");
            if (settings.onMacieOnly().equals("count") && records > 0) {
                extra.put(type, records);
            }
            if (settings.onMacieOnly().equals("block") && macieOnly > 0) {
                reasons.add(new BlockReason("MACIE_ONLY", type, macieOnly + " occurrence(s) of " + type
                        + " that Macie reported and pii-gate did not count as unmasked (macie.onMacieOnly: block; see "
                        + FILE_NAME + ")", macieOnly, 0, "macie.onMacieOnly"));
            }
        });
        long uncovered = t.objects.getOrDefault(Reconciliation.NOT_IN_MACIE, 0L)
                + t.objects.getOrDefault(Reconciliation.STALE, 0L)
                + t.objects.getOrDefault(Reconciliation.MACIE_SKIPPED, 0L);
        if (settings.requireCoverage() && uncovered > 0) {
            reasons.add(new BlockReason("MACIE_COVERAGE", "overall", uncovered
                    + " scanned object(s) without a current Macie result that analysed them (NOT_IN_MACIE, STALE,"
                    + " MACIE_SKIPPED; macie.requireCoverage: true)", uncovered, 0, "macie.requireCoverage"));
        }

        Map<String, Object> section = new LinkedHashMap<>();
        section.put("crosscheck", fileUri);
        section.put("resultsFiles", files);
        section.put("onMacieOnly", settings.onMacieOnly());
        section.put("requireCoverage", settings.requireCoverage());
        section.putAll(t.json());
        section.put("countedTowardThresholds", extra);

        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format(Locale.ROOT, "  Macie cross-check (%d results files): objects %s", files,
                t.objectLine()));
        lines.add(String.format(Locale.ROOT, "    occurrences: %d AGREE, %d MACIE_ONLY, %d OURS_ONLY%s",
                t.sum("agree"), t.sum("macieOnly"), t.sum("oursOnly"), t.reasonsLine()));
        long recordsAdded = extra.values().stream().mapToLong(Long::longValue).sum();
        lines.add(switch (settings.onMacieOnly()) {
            case "count" -> "    Macie-only: " + recordsAdded
                    + " record(s) counted toward the thresholds (macie.onMacieOnly: count)";
            case "block" -> "    Macie-only: " + t.sum("macieOnly") + " occurrence(s); any blocks (macie.onMacieOnly: block)";
            default -> "    Macie-only: " + t.sum("macieOnly") + " occurrence(s) reported only (macie.onMacieOnly: report)";
        });
        if (t.macieObjectsNotScanned > 0) {
            lines.add("    Macie objects not in this scan: " + t.macieObjectsNotScanned);
        }
        lines.add("    details: " + fileUri);
        return new Outcome(extra, reasons, section, lines);
    }

    /** Counts per category and type, built as the entries stream past. */
    private static final class Totals {
        final Map<String, Long> objects = new TreeMap<>();
        final Map<String, Map<String, Long>> types = new TreeMap<>();
        final Map<String, Long> oursOnlyReasons = new TreeMap<>();
        final Map<String, Long> macieOnlyNotes = new TreeMap<>();
        final Map<String, Long> skippedReasons = new TreeMap<>();
        long macieObjectsNotScanned;

        void object(Reconciliation.Outcome o) {
            objects.merge(o.category(), 1L, Long::sum);
            if (o.category().equals(Reconciliation.MACIE_SKIPPED)) {
                skippedReasons.merge(o.macieReason() != null ? o.macieReason() : "(none)", 1L, Long::sum);
            }
            o.types().forEach((type, t) -> {
                Map<String, Long> c = types.computeIfAbsent(type, k -> new TreeMap<>());
                c.merge("macie", t.macie(), Long::sum);
                c.merge("ours", t.ours(), Long::sum);
                c.merge("agree", t.agree(), Long::sum);
                c.merge("macieOnly", t.macieOnly(), Long::sum);
                c.merge("oursOnly", t.oursOnly(), Long::sum);
                c.merge("macieOnlyRecords", t.macieOnlyRecords(), Long::sum);
                if (t.oursOnlyReason() != null) {
                    oursOnlyReasons.merge(t.oursOnlyReason(), t.oursOnly(), Long::sum);
                }
            });
        }

        void disagreement(Reconciliation.Disagreement d) {
            String reason = d.reason();
            if (d.category().equals(Reconciliation.OURS_ONLY)) {
                oursOnlyReasons.merge(reason == null ? "UNKNOWN" : reason, 1L, Long::sum);
            } else if (reason != null) {
                macieOnlyNotes.merge(reason, 1L, Long::sum);
            }
        }

        long sum(String field) {
            return types.values().stream().mapToLong(c -> c.getOrDefault(field, 0L)).sum();
        }

        String objectLine() {
            StringBuilder sb = new StringBuilder();
            for (String c : Reconciliation.OBJECT_CATEGORIES) {
                sb.append(sb.length() == 0 ? "" : ", ").append(c).append(' ').append(objects.getOrDefault(c, 0L));
            }
            return sb.toString();
        }

        String reasonsLine() {
            if (oursOnlyReasons.isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder(" (");
            oursOnlyReasons.forEach((k, v) -> sb.append(sb.length() == 2 ? "" : ", ").append(k).append(' ').append(v));
            return sb.append(')').toString();
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Long> objs = new LinkedHashMap<>();
            for (String c : Reconciliation.OBJECT_CATEGORIES) {
                objs.put(c, objects.getOrDefault(c, 0L));
            }
            m.put("objects", objs);
            m.put("macieObjectsNotScanned", macieObjectsNotScanned);
            Map<String, Long> occ = new LinkedHashMap<>();
            occ.put(Reconciliation.AGREE, sum("agree"));
            occ.put(Reconciliation.MACIE_ONLY, sum("macieOnly"));
            occ.put(Reconciliation.OURS_ONLY, sum("oursOnly"));
            m.put("occurrences", occ);
            m.put("types", types);
            m.put("oursOnlyReasons", oursOnlyReasons);
            m.put("macieOnlyWhereOursWas", macieOnlyNotes);
            m.put("macieSkippedReasons", skippedReasons);
            return m;
        }
    }
}
