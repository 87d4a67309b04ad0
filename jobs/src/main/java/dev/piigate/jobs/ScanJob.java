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
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.gate.Gate;
import dev.piigate.jobs.gate.Verdict;
import dev.piigate.jobs.macie.MacieCrossCheck;
import dev.piigate.jobs.macie.MacieFormatException;
import dev.piigate.jobs.manifest.Manifest;
import dev.piigate.jobs.manifest.ManifestException;
import dev.piigate.jobs.manifest.Manifests;
import dev.piigate.jobs.report.ObjectResult;
import dev.piigate.jobs.report.Report;
import dev.piigate.jobs.report.Summary;
import dev.piigate.jobs.scan.InputObject;
import dev.piigate.jobs.scan.ObjectListing;
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
        // What an earlier run published goes first: while this run scans nothing stands approved on its
        // behalf, and the create-only publishing below then lets one of two overlapping runs publish.
        outFs.delete(verdictPath, false);
        if (args.manifest() != null) {
            ManifestApproval.withdraw(args.manifest(), config, hconf);
        }

        byte[] key = fingerprintKey();
        // Names are data: every path this driver writes (report, verdict, summary, log, job group)
        // goes through the masking the executors apply to the objects they scan.
        PathMasker paths = new PathMasker(new TextScanner(DetectorRegistry.load().create(config.detectors()),
                config.detectors().allowList()), new Fingerprinter(key));
        Manifest manifest = null;
        byte[] manifestBytes = null;
        List<InputObject> objects;
        List<String> ignored = List.of();
        String dataset;
        if (args.manifest() != null) {
            String manifestUri = ObjectListing.toHadoopUri(args.manifest(), hconf);
            manifestBytes = readAll(manifestUri, hconf);
            manifest = Manifests.parse(args.manifest(), manifestBytes);
            objects = new ArrayList<>();
            // The dataset root of an entry is the manifest's folder when the entry lies below it (as
            // written: relative entries are resolved against it), else its bucket or the file system root.
            String folder = args.manifest().substring(0, args.manifest().lastIndexOf('/') + 1);
            for (String entry : manifest.objects()) {
                String uri = ObjectListing.toHadoopUri(entry, hconf); // s3:// to s3a:// moves the key
                int from = !folder.isEmpty() && entry.startsWith(folder) ? folder.length() : PathMasker.keyStart(entry);
                objects.add(new InputObject(uri, -1, null, from + uri.length() - entry.length()));
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
                .mapPartitions(new PartitionScanner(config.yaml(), key, args.format()), Encoders.row(ScanRows.SCHEMA))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            spark.sparkContext().setJobDescription("scan " + objects.size() + " objects, write findings");
            Dataset<Row> findings = scanned.filter("kind = '" + ScanRows.FINDING + "'")
                    .selectExpr(ScanRows.FINDING_OUTPUT);
            String findingsUri = outDir + "/findings";
            if (args.findingsFormat().equals("jsonl")) {
                findings.write().mode(SaveMode.Overwrite).json(findingsUri);
            } else {
                findings.write().mode(SaveMode.Overwrite).parquet(findingsUri);
            }

            spark.sparkContext().setJobDescription("merge per-object counts");
            Dataset<Row> objectRows = scanned.filter("kind = '" + ScanRows.OBJECT + "'").orderBy("file");
            DatasetCounts counts = DatasetCounts.ZERO;
            PriorityQueue<ObjectResult> worst = new PriorityQueue<>(WORST.reversed());
            for (Iterator<Row> it = objectRows.toLocalIterator(); it.hasNext();) {
                ObjectResult o = ObjectResult.of(it.next());
                counts = counts.plus(o.counts());
                if (config.worstFiles() > 0 && (o.recordsUnmasked() > 0 || !o.status().equals("COMPLETE"))) {
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
                    : scanned.filter("kind = 'finding' AND masked = false AND testValue = false")
                            .orderBy("file", "record", "field", "start")
                            .selectExpr(ScanRows.FINDING_OUTPUT).limit(config.sampleSize()).collectAsList();

            MacieCrossCheck.Outcome macie;
            try {
                macie = args.macieResults().isEmpty() ? MacieCrossCheck.Outcome.NONE
                        : MacieCrossCheck.run(spark, args.macieResults(), args.maciePathMap(), config, scanned, outDir);
            } catch (MacieFormatException e) {
                throw new JobException(e.getMessage()); // names file and line, never content: exit 1
            }
            Verdict verdict = Gate.decide(config.policy(), counts, macie.extraUnmaskedRecords(), macie.extraReasons());

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
            head.put("detectors", DetectorRegistry.load().create(config.detectors()).stream()
                    .map(dev.piigate.detectors.Detector::id).toList());
            head.put("libraries", Versions.libraries(spark));
            head.put("fingerprintKey", keyDescription());
            head.putAll(Report.countsSection(counts));
            head.put("verdict", Report.verdictJson(verdict));
            if (macie.reportSection() != null) {
                head.put("macie", macie.reportSection());
            }
            head.put("worstFiles", Report.objectsJson(worstList));
            head.put("sampleFindings", sample.stream().map(ScanJob::findingJson).toList());

            spark.sparkContext().setJobDescription("write report");
            String reportDigest;
            Path reportPath = new Path(outDir, "report.json");
            try (OutputStream os = outFs.create(reportPath, true)) {
                Iterator<Row> all = objectRows.toLocalIterator();
                reportDigest = Report.write(os, head, new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return all.hasNext();
                    }

                    @Override
                    public ObjectResult next() {
                        return ObjectResult.of(all.next());
                    }
                });
            }

            Map<String, Object> verdictJson = new LinkedHashMap<>();
            verdictJson.put("schemaVersion", Report.SCHEMA_VERSION);
            verdictJson.put("runId", runId);
            verdictJson.putAll(Report.verdictJson(verdict));
            verdictJson.put("dataset", safeDataset);
            verdictJson.put("manifest", manifest == null ? null : manifestJson(manifest, paths));
            verdictJson.put("report", Report.ordered("uri", reportPath.toString(), "sha256", reportDigest));
            verdictJson.put("decidedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            byte[] verdictBytes = Report.toJsonBytes(verdictJson);
            ConditionalCreate.create(verdictPath, verdictBytes, hconf);

            List<String> extra = new ArrayList<>(macie.summaryLines());
            if (manifest != null) {
                String approved;
                try {
                    approved = ManifestApproval.apply(manifest, manifestBytes, verdict.decision(), verdictBytes, config,
                            hconf);
                } catch (PublishConflict e) {
                    outFs.delete(verdictPath, false); // ours: a verdict without its approval would mislead
                    throw e;
                }
                extra.add(verdict.decision() == Decision.PASS ? "  approved manifest: " + paths.maskArgument(approved)
                        : "  no approval published; any earlier approval withdrawn: " + paths.maskArgument(approved));
            }
            Summary.print(out, safeDataset, verdict, counts, worstList, extra, outDir.toString());
            return verdict.decision();
        } finally {
            scanned.unpersist(false);
            spark.sparkContext().clearJobGroup();
        }
    }

    /** Most unmasked records first, then not-COMPLETE, then by path: a stable order. */
    private static final Comparator<ObjectResult> WORST = Comparator
            .comparingLong(ObjectResult::recordsUnmasked).reversed()
            .thenComparing(o -> o.status().equals("COMPLETE"))
            .thenComparing(ObjectResult::path);

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
