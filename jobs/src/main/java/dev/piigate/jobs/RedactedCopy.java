package dev.piigate.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.manifest.ManifestKind;
import dev.piigate.jobs.manifest.Manifests;
import dev.piigate.jobs.report.Report;
import dev.piigate.jobs.scan.CopyWriter;
import dev.piigate.jobs.scan.InputObject;
import dev.piigate.jobs.scan.ObjectListing;
import dev.piigate.jobs.scan.PathMasker;
import dev.piigate.jobs.scan.ScanRows;

/**
 * {@code --redact-to}: writes the redacted copy of the scanned objects ({@link CopyWriter} on the
 * executors), sums up what it did for report.json, then gates the copy as a run of its own over a
 * manifest of the copy's objects. The copy goes to a folder that does not exist or is empty: a copy
 * that an approval may stand on is never overwritten, and nothing of an earlier copy can be
 * mistaken for part of this one.
 */
final class RedactedCopy {
    private static final Logger LOG = LoggerFactory.getLogger(RedactedCopy.class);
    /** At most this many objects that were not redacted are named in report.json; all are counted. */
    static final int NOT_REDACTED_LISTED = 100;
    /** The suffix that names the copy's manifest beside a manifest ({@code train.redacted.manifest}). */
    static final String MANIFEST_SUFFIX = "redacted";

    private RedactedCopy() {}

    /**
     * What the copy step did, for report.json and the summary.
     *
     * @param notRedacted the objects (paths as the job reads them) with no copy
     */
    record Outcome(Map<String, Object> json, List<String> summaryLines, Set<String> notRedacted) {}

    /** Checked before anything is read: where the copy goes is new or empty and outside the dataset and --out. */
    static void checkTarget(Args args, Configuration hconf) throws IOException {
        String target = folder(ObjectListing.toHadoopUri(args.redactTo(), hconf));
        List<String> others = new ArrayList<>(args.inputs());
        others.add(args.out());
        if (args.manifest() != null) {
            others.add(args.manifest());
        }
        for (String other : others) {
            String o = folder(ObjectListing.toHadoopUri(other, hconf));
            if (o.startsWith(target) || target.startsWith(o)) {
                throw new UsageException("--redact-to must lie outside the dataset, the manifest and --out");
            }
        }
        Path root = new Path(target);
        FileSystem fs = root.getFileSystem(hconf);
        FileStatus status;
        try {
            status = fs.getFileStatus(root);
        } catch (java.io.FileNotFoundException e) {
            return;
        }
        if (!status.isDirectory()) {
            throw new UsageException("--redact-to names a file: the copy goes to a new or empty folder");
        }
        RemoteIterator<FileStatus> entries = fs.listStatusIterator(root);
        if (entries.hasNext()) {
            throw new UsageException("--redact-to is not empty: the copy goes to a new or empty folder "
                    + "(a copy an approval may stand on is never overwritten)");
        }
    }

    /** The objects' copies: one relative path each, and none inside the copy's own folder. */
    static void checkPlan(ScanJob.Plan plan, String redactTo, Configuration hconf) {
        String target = folder(ObjectListing.toHadoopUri(redactTo, hconf));
        Set<String> relative = new HashSet<>();
        for (InputObject o : plan.objects()) {
            if (o.path().startsWith(target)) {
                throw new JobException("--redact-to holds an object of the dataset: the copy must lie outside it");
            }
            if (!relative.add(o.path().substring(o.relativeFrom()))) {
                throw new JobException("two objects of the dataset have the same path below their roots "
                        + "(objects from two buckets or folders): their copies would overwrite each other");
            }
        }
    }

    private static String folder(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** Writes the copy of every object of the plan, given the scan's object rows ({@code ScanRows.objects}). */
    static Outcome write(SparkSession spark, ScanJob.Plan plan, Dataset<Row> objectRows, Dataset<Row> findingRows,
            Config config, byte[] key, String redactTo, Path outDir, PathMasker paths, Configuration hconf) {
        String root = folder(ObjectListing.toHadoopUri(redactTo, hconf));
        List<Row> roots = new ArrayList<>(plan.objects().size());
        for (InputObject o : plan.objects()) {
            roots.add(RowFactory.create(o.path(), o.relativeFrom()));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> tasks = spark.createDataFrame(jsc.parallelize(roots, Math.max(1, jsc.defaultParallelism() * 4)),
                new org.apache.spark.sql.types.StructType()
                        .add("path", org.apache.spark.sql.types.DataTypes.StringType, false)
                        .add("relativeFrom", org.apache.spark.sql.types.DataTypes.IntegerType, false));
        // The records each object's scan found anything in: the copy scans only those again (a record
        // the scan found nothing in has nothing to replace). Complete only when no finding row was cut.
        Dataset<Row> found = findingRows.filter(functions.col("record").geq(0)).groupBy("file")
                .agg(functions.collect_set("record").as("findingRecords")).withColumnRenamed("file", "foundFile");
        Dataset<Row> input = objectRows.join(tasks, objectRows.col("file").equalTo(tasks.col("path")))
                .join(found, functions.col("file").equalTo(found.col("foundFile")), "left_outer")
                // An accepted value (--baseline) is still a value: records holding one are redacted too.
                .selectExpr("file", "relativeFrom", "safeFile", "format", "status",
                        "recordsUnmasked + recordsAcceptedOnly + recordsAcceptedTestOnly AS recordsUnmasked", "records",
                        "findingsNotWritten", "findingRecords", "recordsTestOnly");
        spark.sparkContext().setJobDescription("write the redacted copy");
        Dataset<Row> results = input.mapPartitions(new CopyWriter(config.yaml(), key, root),
                Encoders.row(CopyWriter.RESULT)).persist(StorageLevel.MEMORY_AND_DISK());
        long started = System.nanoTime();
        try {
            results.drop("file").withColumnRenamed("safeFile", "file").write().mode(SaveMode.Overwrite)
                    .json(new Path(outDir, "redaction").toString());
            double seconds = (System.nanoTime() - started) / 1e9;
            Outcome outcome = summarise(results, config, paths.maskArgument(redactTo),
                    paths.maskArgument(new Path(outDir, "redaction").toString()),
                    paths.maskArgument(new Path(new Path(outDir, "redacted"), "report.json").toString()));
            // What writing the copy took (the per-object rows written with it): scripts/bench --redact sets it against the scan.
            outcome.json().put("writeSeconds", Math.round(seconds * 10) / 10.0);
            return outcome;
        } finally {
            results.unpersist(false);
        }
    }

    /**
     * Sums up the per-object rows in one pass streamed to the driver (one Spark job, bounded memory:
     * counts, at most {@link #NOT_REDACTED_LISTED} listed objects, and the paths of the objects that
     * were not redacted, which the copy's manifest leaves out under {@code redaction.allowDropped}).
     */
    private static Outcome summarise(Dataset<Row> results, Config config, String safeTarget, String objectsUri,
            String copyReport) {
        Map<String, Long> outcomes = new TreeMap<>();
        for (String o : List.of(CopyWriter.REDACTED, CopyWriter.COPIED, CopyWriter.NOT_REDACTED)) {
            outcomes.put(o, 0L);
        }
        Map<String, Long> replaced = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        long written = 0;
        long overLimit = 0;
        long unrewritable = 0;
        // The first objects in path order: a max-heap of the smallest names seen.
        java.util.PriorityQueue<Row> first = new java.util.PriorityQueue<>(
                java.util.Comparator.comparing((Row r) -> r.getString(1)).reversed());
        Set<String> notRedactedFiles = new HashSet<>();
        for (Iterator<Row> it = ScanRows.toLocalIterator(results); it.hasNext();) {
            Row r = it.next();
            String outcome = r.getString(2);
            outcomes.merge(outcome, 1L, Long::sum);
            written += r.getLong(5);
            overLimit += r.getLong(6);
            unrewritable += r.getLong(7);
            for (Row t : r.<Row>getList(8)) {
                replaced.merge(t.getString(0), t.getLong(1), Long::sum);
            }
            if (CopyWriter.NOT_REDACTED.equals(outcome)) {
                byReason.merge(r.getString(3), 1L, Long::sum);
                notRedactedFiles.add(r.getString(0));
                first.add(r);
                if (first.size() > NOT_REDACTED_LISTED) {
                    first.poll();
                }
            }
        }
        List<Row> firstInOrder = new ArrayList<>(first);
        firstInOrder.sort(java.util.Comparator.comparing((Row r) -> r.getString(1)));
        List<Object> listed = new ArrayList<>();
        for (Row r : firstInOrder) {
            listed.add(Report.ordered("file", r.getString(1), "reason", r.getString(3), "detail", r.getString(4)));
        }
        long values = replaced.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("to", safeTarget);
        json.put("style", config.redaction().style().configName());
        Map<String, Object> perType = new TreeMap<>();
        config.redaction().perType().forEach((t, s) -> perType.put(t.name(), s.configName()));
        json.put("perType", perType);
        json.put("objects", Report.ordered("redacted", outcomes.get(CopyWriter.REDACTED), "copied",
                outcomes.get(CopyWriter.COPIED), "notRedacted", outcomes.get(CopyWriter.NOT_REDACTED)));
        json.put("valuesReplaced", values);
        json.put("replacedPerType", replaced);
        json.put("records", Report.ordered("written", written, "droppedOverLimit", overLimit,
                "droppedUnrewritable", unrewritable));
        json.put("dropRecordsOver", config.redaction().dropRecordsOver() < 0 ? null
                : config.redaction().dropRecordsOver());
        json.put("notRedactedByReason", byReason);
        json.put("notRedacted", listed);
        json.put("allowDropped", config.redaction().allowDropped());
        json.put("perObject", objectsUri);
        json.put("copyReport", copyReport);

        List<String> lines = new ArrayList<>();
        lines.add("  redacted copy: " + (outcomes.get(CopyWriter.REDACTED) + outcomes.get(CopyWriter.COPIED))
                + " objects written to " + safeTarget + " (" + outcomes.get(CopyWriter.REDACTED) + " redacted, "
                + outcomes.get(CopyWriter.COPIED) + " copied unchanged), " + values + " values replaced"
                + (overLimit + unrewritable > 0 ? ", " + (overLimit + unrewritable) + " records dropped" : ""));
        if (outcomes.get(CopyWriter.NOT_REDACTED) > 0) {
            lines.add("  not redacted: " + outcomes.get(CopyWriter.NOT_REDACTED) + " objects " + byReason
                    + (config.redaction().allowDropped() ? ", left out of the copy (redaction.allowDropped)"
                            : ": the copy blocks (redaction.allowDropped: false)"));
        }
        return new Outcome(json, lines, notRedactedFiles);
    }

    /**
     * Where the copy's manifest goes: beside a manifest the copy can be approved in the same kind, else
     * in --out (a run over INPUT, whose kind is null; an augmented manifest, whose inline data the copy
     * does not rewrite).
     */
    static String copyManifestUri(Args args, ManifestKind kind) {
        if (args.manifest() != null && kind != null && kind != ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST) {
            return Manifests.approvedName(args.manifest(), MANIFEST_SUFFIX);
        }
        return (args.out().endsWith("/") ? args.out() : args.out() + "/") + "redacted.manifest";
    }

    /**
     * Gates the copy: writes its manifest (every object's copy, or with {@code redaction.allowDropped}
     * only those written: a listed copy that is missing is NOT_FOUND and blocks) and runs the scan
     * over it, with its report in {@code OUT/redacted/}. On PASS that run publishes the copy's
     * approved manifest beside the copy's manifest.
     */
    static Decision gate(SparkSession spark, Args args, Config config, PrintStream out, PrintStream err,
            ScanJob.Plan plan,
            ManifestKind kind, Outcome outcome, Configuration hconf) throws IOException,
            dev.piigate.jobs.manifest.ManifestException {
        String manifestUri = copyManifestUri(args, kind);
        List<String> copies = new ArrayList<>(plan.objects().size());
        for (InputObject o : plan.objects()) {
            if (config.redaction().allowDropped() && outcome.notRedacted().contains(o.path())) {
                continue;
            }
            copies.add(CopyWriter.copyUri(args.redactTo(), o.path(), o.relativeFrom()));
        }
        if (copies.isEmpty()) {
            throw new JobException("no object of the dataset could be redacted: there is no copy to gate");
        }
        writeManifest(manifestUri, kind, args.redactTo(), copies, hconf);
        LOG.info("gating the redacted copy: {} objects", copies.size());
        if (args.verbosity() != Verbosity.QUIET) {
            out.println();
            out.println("Scan of the redacted copy:");
        }
        Args copyArgs = new Args(List.of(), manifestUri, (args.out().endsWith("/") ? args.out() : args.out() + "/")
                + "redacted", args.config(), args.findingsFormat(), args.format(), args.conf(), List.of(), Map.of(),
                false, false, args.outputKmsKey(), null, args.showFindings(),
                args.verbosity(), null, null, null); // the copy's gate takes no baseline, writes none, keeps no ledger
        return new ScanJob(spark, copyArgs, config, out, err).run();
    }

    private static void writeManifest(String uri, ManifestKind kind, String copyRoot, List<String> copies,
            Configuration hconf) throws IOException {
        byte[] bytes;
        if (kind == ManifestKind.SAGEMAKER_MANIFEST_FILE) {
            String prefix = copyRoot.endsWith("/") ? copyRoot : copyRoot + "/";
            List<Object> json = new ArrayList<>();
            json.add(Map.of("prefix", prefix));
            for (String c : copies) {
                json.add(c.substring(prefix.length()));
            }
            bytes = new ObjectMapper().writeValueAsBytes(json);
        } else {
            bytes = (String.join("\n", copies) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        Path path = new Path(ObjectListing.toHadoopUri(uri, hconf));
        try (OutputStream o = path.getFileSystem(hconf).create(path, true)) {
            o.write(bytes);
        }
    }
}
