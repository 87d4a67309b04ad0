package dev.piigate.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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

import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.gate.Gate;
import dev.piigate.jobs.gate.BlockReason;
import dev.piigate.jobs.gate.Verdict;
import dev.piigate.jobs.config.ConfigWarning;
import dev.piigate.jobs.config.ConfigWarnings;
import dev.piigate.jobs.manifest.ManifestContent;
import dev.piigate.jobs.macie.MacieCrossCheck;
import dev.piigate.jobs.macie.MacieFormatException;
import dev.piigate.jobs.manifest.Manifest;
import dev.piigate.jobs.manifest.ManifestException;
import dev.piigate.jobs.manifest.Manifests;
import dev.piigate.jobs.report.Report;
import dev.piigate.jobs.report.Summary;
import dev.piigate.jobs.scan.InputObject;
import dev.piigate.jobs.scan.ObjectListing;
import dev.piigate.jobs.scan.ObjectResult;
import dev.piigate.jobs.scan.PartitionScanner;
import dev.piigate.jobs.scan.PathMasker;
import dev.piigate.jobs.scan.ScanRows;
import dev.piigate.jobs.scan.ScanTasks;
import dev.piigate.jobs.s3.ConditionalCreate;
import dev.piigate.jobs.s3.PublishConflict;

/**
 * The scan job on the driver: list the objects, scan them on the executors in one pass that yields
 * finding rows and per-object rows, write findings/, judge the merged counts, and write report.json,
 * verdict.json and (on PASS with a manifest) the approved manifest. The driver sees per-object rows
 * and bounded samples, never per-record data.
 */
final class ScanJob {
    private static final Logger LOG = LoggerFactory.getLogger(ScanJob.class);

    private final SparkSession spark;
    private final Args args;
    private final Config config;
    private final PrintStream out;

    ScanJob(SparkSession spark, Args args, Config config, PrintStream out) {
        this.spark = spark;
        this.args = args;
        this.config = config;
        this.out = out;
    }

    /** Runs the scan; returns the decision. Throws on error (the caller exits 1 and withdraws approval). */
    Decision run() throws IOException, ManifestException {
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Configuration hconf = spark.sparkContext().hadoopConfiguration();
        args.outputEncryption().forEach(hconf::set); // also for a session that existed before this run
        Path outDir = new Path(ObjectListing.toHadoopUri(args.out(), hconf));
        FileSystem outFs = outDir.getFileSystem(hconf);
        Path verdictPath = new Path(outDir, "verdict.json");
        Path reportPath = new Path(outDir, "report.json");
        // What an earlier run published goes first: while this run scans nothing stands approved on its
        // behalf, and the create-only publishing below then lets one of two overlapping runs publish.
        // An earlier report goes too: if this run fails, no PASS of another run is left in --out.
        deleteFile(outFs, verdictPath);
        deleteFile(outFs, reportPath);
        if (args.manifest() != null) {
            ManifestApproval.withdraw(args.manifest(), config, hconf);
        }

        byte[] key = fingerprintKey();
        // Names are data: every path this driver writes (report, verdict, summary, log, job group)
        // goes through the masking the executors apply to the objects they scan.
        TextScanner scanner = TextScanner.create(config.detectors()); // built once: the report lists its ids
        PathMasker paths = new PathMasker(scanner, new Fingerprinter(key));
        Manifest manifest = null;
        byte[] manifestBytes = null;
        String manifestObject = null;
        List<InputObject> objects;
        List<String> ignored = List.of();
        String dataset;
        if (args.manifest() != null) {
            String manifestUri = ObjectListing.toHadoopUri(args.manifest(), hconf);
            manifestBytes = readAll(manifestUri, hconf);
            manifestObject = manifestUri;
            manifest = Manifests.parse(args.manifest(), manifestBytes);
            objects = new ArrayList<>();
            // The dataset root of an entry is the manifest's folder when the entry lies below it (as
            // written: relative entries are resolved against it), else its bucket or the file system root.
            // Both sides in the form the scan reads (s3:// as s3a://, a path as file:), so an entry
            // written as a URI and a manifest given as a path still share their folder.
            String folder = manifestUri.substring(0, manifestUri.lastIndexOf('/') + 1);
            for (String entry : manifest.objects()) {
                String uri = ObjectListing.toHadoopUri(entry, hconf);
                int from = !folder.isEmpty() && uri.startsWith(folder) ? folder.length() : PathMasker.keyStart(uri);
                objects.add(new InputObject(uri, -1, null, from));
            }
            dataset = args.manifest();
        } else {
            ObjectListing.Listing listing = ObjectListing.list(args.inputs(), hconf);
            objects = listing.objects();
            ignored = listing.ignored();
            dataset = String.join(" ", args.inputs());
        }
        String safeDataset = args.manifest() != null ? paths.maskArgument(dataset)
                : String.join(" ", args.inputs().stream().map(paths::maskArgument).toList());
        if (objects.isEmpty()) {
            throw new JobException("no objects to scan in " + safeDataset + ": nothing can be approved");
        }
        LOG.info("pii-gate run {}: {} objects listed in {}", runId, objects.size(), safeDataset);
        spark.sparkContext().setJobGroup("pii-gate " + runId, "pii-gate scan of " + safeDataset, false);

        Dataset<Row> tasks = spark.createDataFrame(ScanTasks.balanced(spark, objects), ScanTasks.SCHEMA);
        Dataset<Row> scanned = tasks
                .mapPartitions(new PartitionScanner(config.yaml(), key, args.format()), Encoders.row(ScanRows.SCHEMA));
        if (manifest != null) {
            // The manifest is one more object of the run, read as its kind says whatever its name or
            // --format: its labels, metadata and inline text are data a training job reads, and it
            // is what gets approved. Its size is the one digested here: a rewrite in between is
            // OBJECT_CHANGED, and the digest is checked again after the scan.
            Dataset<Row> manifestTask = spark.createDataFrame(
                    List.of(RowFactory.create(manifestObject, (long) manifestBytes.length, null,
                            manifestObject.lastIndexOf('/') + 1)), ScanTasks.SCHEMA); // its name is scanned as the name of a file INPUT
            scanned = scanned.union(manifestTask.mapPartitions(
                    new PartitionScanner(config.yaml(), key, manifest.kind().recordFormat()),
                    Encoders.row(ScanRows.SCHEMA)));
        }
        scanned = scanned.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            spark.sparkContext().setJobDescription("scan " + objects.size() + " objects, write findings");
            Dataset<Row> findings = ScanRows.findings(scanned).selectExpr(ScanRows.FINDING_OUTPUT);
            String findingsUri = outDir + "/findings";
            if (args.findingsFormat().equals("jsonl")) {
                findings.write().mode(SaveMode.Overwrite).json(findingsUri);
            } else {
                findings.write().mode(SaveMode.Overwrite).parquet(findingsUri);
            }

            spark.sparkContext().setJobDescription("merge per-object counts");
            Dataset<Row> objectRows = ScanRows.objects(scanned).orderBy("file");
            boolean testsCount = config.policy().testValuesCountAsUnmasked();
            DatasetCounts counts = DatasetCounts.ZERO;
            PriorityQueue<ObjectResult> worst = new PriorityQueue<>(WORST.reversed());
            ObjectResult manifestResult = null;
            for (Iterator<Row> it = objectRows.toLocalIterator(); it.hasNext();) {
                ObjectResult scannedObject = ScanRows.objectResult(it.next());
                counts = counts.merge(scannedObject.counts());
                ObjectResult o = scannedObject.counted(testsCount);
                if (o.file().equals(manifestObject)) {
                    manifestResult = o;
                }
                if (config.worstFiles() > 0 && (o.recordsUnmasked() > 0 || !o.status().complete())) {
                    worst.add(o);
                    if (worst.size() > config.worstFiles()) {
                        worst.poll();
                    }
                }
            }
            List<ObjectResult> worstList = new ArrayList<>(worst);
            worstList.sort(WORST);
            LOG.info("pii-gate run {}: {} records in {} objects, {} with unmasked PII", runId, counts.records(),
                    counts.files(), counts.recordsUnmasked());

            List<Row> sample = config.sampleSize() == 0 ? List.of()
                    : ScanRows.findings(scanned).filter("masked = false AND testValue = false")
                            .orderBy("file", "record", "field", "start")
                            .selectExpr(ScanRows.FINDING_OUTPUT).limit(config.sampleSize()).collectAsList();

            MacieCrossCheck.Outcome macie;
            try {
                // The manifest is ours to scan, not a dataset object Macie is expected to cover
                // (macie.requireCoverage would block every manifest run on it).
                Dataset<Row> dataObjects = manifest == null ? scanned
                        : scanned.filter(functions.coalesce(functions.col("object.file"), functions.col("finding.file"))
                                .notEqual(manifestObject));
                macie = args.macieResults().isEmpty() ? MacieCrossCheck.Outcome.NONE
                        : MacieCrossCheck.run(spark, args.macieResults(), args.maciePathMap(), config, dataObjects,
                                outDir);
            } catch (MacieFormatException e) {
                throw new JobException(e.getMessage()); // names file and line, never content: exit 1
            }
            List<BlockReason> extraReasons = new ArrayList<>(macie.extraReasons());
            if (manifest != null) {
                String after;
                try {
                    after = HexFormat.of().formatHex(digestOf(manifestObject, hconf));
                } catch (IOException e) {
                    throw new JobException("manifest " + args.manifest() + " could not be read again after the scan ("
                            + e.getClass().getSimpleName() + "); run again");
                }
                if (!after.equals(manifest.sha256())) {
                    throw new JobException("manifest " + args.manifest()
                            + " changed while it was scanned: what was scanned is not what it says now; run again");
                }
                extraReasons.addAll(ManifestContent.reasons(manifestResult));
            }
            Verdict verdict = Gate.decide(config.policy(), counts, macie.extraUnmaskedRecords(), extraReasons);
            List<ConfigWarning> warnings = ConfigWarnings.of(config);

            Map<String, Object> head = new LinkedHashMap<>();
            head.put("schemaVersion", Report.SCHEMA_VERSION);
            head.put("tool", Report.ordered("name", "pii-gate", "version", Versions.piiGate()));
            head.put("runId", runId);
            head.put("startedAt", started.toString());
            head.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            head.put("inputs", manifest == null ? args.inputs().stream().map(paths::maskArgument).toList() : List.of());
            head.put("manifest", manifest == null ? null : manifestJson(manifest, paths));
            head.put("ignoredFiles", ignored.stream().map(paths::maskArgument).toList());
            head.put("configuration", configJson());
            head.put("warnings", Report.warningsJson(warnings));
            head.put("detectors", scanner.detectorIds());
            head.put("libraries", Versions.libraries(spark));
            head.put("fingerprintKey", keyDescription());
            head.putAll(Report.countsSection(Gate.counted(config.policy(), counts)));
            head.put("verdict", Report.verdictJson(verdict));
            if (macie.reportSection() != null) {
                head.put("macie", macie.reportSection());
            }
            head.put("worstFiles", Report.objectsJson(worstList));
            head.put("sampleFindings", sample.stream().map(ScanJob::findingJson).toList());

            spark.sparkContext().setJobDescription("write report");
            String reportDigest = writeReport(outFs, reportPath, head, objectRows, testsCount);

            Map<String, Object> verdictJson = new LinkedHashMap<>();
            verdictJson.put("schemaVersion", Report.SCHEMA_VERSION);
            verdictJson.put("runId", runId);
            verdictJson.putAll(Report.verdictJson(verdict));
            verdictJson.put("warnings", Report.warningsJson(warnings));
            verdictJson.put("dataset", safeDataset);
            verdictJson.put("manifest", manifest == null ? null : manifestJson(manifest, paths));
            verdictJson.put("report", Report.ordered("uri", reportPath.toString(), "sha256", reportDigest));
            verdictJson.put("decidedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            byte[] verdictBytes = Report.toJsonBytes(verdictJson);

            // verdict.json is written last, once the approval stands: a run that fails in between
            // leaves no verdict.json and a report that says ERROR, never a PASS without its approval.
            List<String> extra = new ArrayList<>(macie.summaryLines());
            String approved = null;
            try {
                if (manifest != null) {
                    approved = ManifestApproval.apply(manifest, manifestBytes, verdict.decision(), verdictBytes,
                            config, hconf);
                }
                ConditionalCreate.create(verdictPath, verdictBytes, hconf);
            } catch (IOException | RuntimeException e) {
                if (approved != null && verdict.decision() == Decision.PASS) {
                    retract(manifest, e);
                }
                if (manifest != null) {
                    extra.add("  nothing approved: publishing failed");
                }
                Verdict failed = publishFailed(verdict, e);
                head.put("verdict", Report.verdictJson(failed));
                try {
                    writeReport(outFs, reportPath, head, objectRows, testsCount);
                } catch (IOException | RuntimeException rewrite) {
                    e.addSuppressed(rewrite);
                }
                Summary.print(out, safeDataset, failed, warnings, Gate.counted(config.policy(), counts), worstList, extra,
                        outDir.toString());
                throw e;
            }
            if (manifest != null) {
                extra.add(verdict.decision() == Decision.PASS ? "  approved manifest: " + paths.maskArgument(approved)
                        : "  no approval published; any earlier approval withdrawn: " + paths.maskArgument(approved));
            }
            Summary.print(out, safeDataset, verdict, warnings, Gate.counted(config.policy(), counts), worstList, extra,
                    outDir.toString());
            return verdict.decision();
        } finally {
            scanned.unpersist(false);
            spark.sparkContext().clearJobGroup();
        }
    }

    /**
     * Writes report.json and returns its digest. A report cut short by a failure is deleted: its
     * head (with the verdict) is written before the objects, so a partial file could still say PASS.
     */
    private static String writeReport(FileSystem fs, Path reportPath, Map<String, Object> head,
            Dataset<Row> objectRows, boolean testsCount) throws IOException {
        try (OutputStream os = fs.create(reportPath, true)) {
            Iterator<Row> all = objectRows.toLocalIterator();
            return Report.write(os, head, new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return all.hasNext();
                }

                @Override
                public ObjectResult next() {
                    return ScanRows.objectResult(all.next()).counted(testsCount);
                }
            });
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(reportPath, false);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** This run's approval, published, cannot stand once the run failed to finish after it. */
    private void retract(Manifest manifest, Exception failure) {
        try {
            ManifestApproval.retract(manifest, config, spark.sparkContext().hadoopConfiguration());
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The run's outcome when publishing failed: ERROR, with the gate's own reasons (a BLOCK whose
     * withdrawal failed) and the failure, named by its exception class only (messages of storage
     * exceptions are not ours to vouch for).
     */
    static Verdict publishFailed(Verdict gate, Exception e) {
        List<BlockReason> reasons = new ArrayList<>(gate.reasons());
        String what = e instanceof PublishConflict ? "another run published first"
                : e.getClass().getSimpleName();
        reasons.add(new BlockReason(Report.PUBLISH_FAILED, "publish",
                "publishing the outcome failed (" + what + "): nothing of this run is approved, and no"
                        + " verdict.json is written",
                0, 0, "(none: re-run when the output and the manifest's folder are writable)"));
        return new Verdict(Decision.ERROR, reasons);
    }

    /** Only a file: a folder in the way makes the create-only write at the end fail, and the run with it. */
    private static void deleteFile(FileSystem fs, Path path) throws IOException {
        try {
            if (fs.getFileStatus(path).isFile()) {
                fs.delete(path, false);
            }
        } catch (java.io.FileNotFoundException e) {
            // nothing there
        }
    }

    /** SHA-256 of an object, streamed: the manifest is checked again after its scan. */
    private static byte[] digestOf(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        java.security.MessageDigest sha = Report.sha256();
        try (InputStream in = p.getFileSystem(conf).open(p)) {
            byte[] chunk = new byte[65536];
            for (int n; (n = in.read(chunk)) > 0;) {
                sha.update(chunk, 0, n);
            }
        }
        return sha.digest();
    }

    /** Most unmasked records first, then not-COMPLETE, then by path: a stable order. */
    private static final Comparator<ObjectResult> WORST = Comparator
            .comparingLong(ObjectResult::recordsUnmasked).reversed()
            .thenComparing(o -> o.status().complete())
            .thenComparing(ObjectResult::safeFile);

    private byte[] fingerprintKey() {
        String value = System.getenv(config.fingerprintKeyEnv());
        if (value != null && !value.isEmpty()) {
            byte[] key = value.getBytes(StandardCharsets.UTF_8);
            if (key.length < 16) {
                throw new dev.piigate.jobs.config.ConfigException(config.fingerprintKeyEnv()
                        + ": the fingerprint key must be at least 16 bytes (fingerprint.keyEnvironmentVariable)");
            }
            return key;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private String keyDescription() {
        String value = System.getenv(config.fingerprintKeyEnv());
        return value != null && !value.isEmpty() ? "environment " + config.fingerprintKeyEnv()
                : "ephemeral: random for this run, fingerprints not comparable across runs";
    }

    private Map<String, Object> configJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", args.config() == null ? "built-in defaults" : args.config());
        m.put("sha256", Report.sha256Hex(Report.toJsonBytes(EffectiveConfig.of(config))));
        m.put("effective", EffectiveConfig.of(config));
        return m;
    }

    private static Map<String, Object> manifestJson(Manifest m, PathMasker paths) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("uri", paths.maskArgument(m.uri()));
        j.put("kind", m.kind().toString());
        j.put("entries", m.objects().size());
        j.put("sha256", m.sha256());
        return j;
    }

    private static Map<String, Object> findingJson(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String c : ScanRows.FINDING_COLUMNS) {
            m.put(c, r.getAs(c));
        }
        return m;
    }

    static byte[] readAll(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        try (InputStream in = p.getFileSystem(conf).open(p)) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(chunk)) > 0;) {
                total += n;
                if (total > 1024L * 1024 * 1024) {
                    throw new JobException("manifest " + uri + " is larger than 1 GiB");
                }
                buf.write(chunk, 0, n);
            }
            return buf.toByteArray();
        }
    }
}
