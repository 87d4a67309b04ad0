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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigWarning;
import dev.piigate.jobs.config.ConfigWarnings;
import dev.piigate.jobs.config.Policy;
import dev.piigate.jobs.gate.BlockReason;
import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.gate.Gate;
import dev.piigate.jobs.gate.Verdict;
import dev.piigate.jobs.macie.MacieCrossCheck;
import dev.piigate.jobs.macie.MacieFormatException;
import dev.piigate.jobs.manifest.Manifest;
import dev.piigate.jobs.manifest.ManifestContent;
import dev.piigate.jobs.manifest.ManifestException;
import dev.piigate.jobs.manifest.Manifests;
import dev.piigate.jobs.read.Format;
import dev.piigate.jobs.read.ReadLimits;
import dev.piigate.jobs.report.FindingLocation;
import dev.piigate.jobs.report.Report;
import dev.piigate.jobs.report.ReportHtml;
import dev.piigate.jobs.report.Summary;
import dev.piigate.jobs.report.SummaryMarkdown;
import dev.piigate.jobs.report.WorstLocations;
import dev.piigate.jobs.s3.ApprovalTags;
import dev.piigate.jobs.s3.ConditionalCreate;
import dev.piigate.jobs.s3.PublishConflict;
import dev.piigate.jobs.s3.StorageFailure;
import dev.piigate.jobs.scan.AcceptedSet;
import dev.piigate.jobs.scan.IgnoreReason;
import dev.piigate.jobs.scan.InputObject;
import dev.piigate.jobs.scan.ObjectListing;
import dev.piigate.jobs.scan.ObjectResult;
import dev.piigate.jobs.scan.PartitionScanner;
import dev.piigate.jobs.scan.PathMasker;
import dev.piigate.jobs.scan.ProgressCounters;
import dev.piigate.jobs.scan.ScanRows;
import dev.piigate.jobs.scan.ScanTasks;
import dev.piigate.jobs.scan.SplitMerge;
import dev.piigate.jobs.state.CodeIdentity;
import dev.piigate.jobs.state.LedgerRead;
import dev.piigate.jobs.state.StateRun;
import dev.piigate.jobs.state.StateSettings;

/**
 * The scan job on the driver, as named steps: {@link #plan} the objects, {@link #scan} them on the
 * executors in one pass that yields typed finding and object rows, write findings/, {@link #merge}
 * the per-object results, cross-check with Macie, {@link #judge} the merged counts, write
 * report.json and {@link #publish} verdict.json and (on PASS with a manifest) the approved manifest.
 * The driver sees per-object results and bounded samples, never per-record data.
 */
final class ScanJob {
    /**
     * The classes whose code a ledger entry is tied to ({@link CodeIdentity}): the job's, the
     * detectors', and the libraries' that read and judge the data without a version compiled in
     * ({@link Versions#readers} has the others). The shaded jar holds them all: one location. A
     * method, so runs without {@code --state} do not load these classes for it.
     */
    static List<Class<?>> code() {
        return List.of(ScanJob.class, TextScanner.class, org.apache.tika.Tika.class,
            org.apache.pdfbox.Loader.class, org.jsoup.Jsoup.class,
            org.apache.commons.compress.compressors.CompressorStreamFactory.class,
            org.apache.commons.csv.CSVFormat.class, org.apache.commons.validator.routines.EmailValidator.class,
            com.google.i18n.phonenumbers.PhoneNumberUtil.class);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ScanJob.class);

    private final SparkSession spark;
    private final Args args;
    private final Config config;
    private final PrintStream out;
    private final PrintStream err;
    /** The progress line while the scan runs, or null (--quiet, or not started yet). */
    private ScanProgress progress;

    ScanJob(SparkSession spark, Args args, Config config, PrintStream out, PrintStream err) {
        this.spark = spark;
        this.args = args;
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /**
     * The manifest of a run that approves one, as read before the scan: its bytes are what gets
     * approved and what the digest after the scan must still match. A class, not a record: a record
     * would compare its bytes by identity.
     */
    static final class ManifestRead {
        final Manifest manifest;
        /** The manifest's URI in the form the scan reads it. */
        final String object;
        private final byte[] bytes;

        ManifestRead(Manifest manifest, String object, byte[] bytes) {
            this.manifest = manifest;
            this.object = object;
            this.bytes = bytes.clone();
        }

        byte[] bytes() {
            return bytes.clone();
        }

        long size() {
            return bytes.length;
        }
    }

    /**
     * What a run scans.
     *
     * @param safeDataset the inputs or the manifest as outputs name them (masked where they hold PII)
     * @param manifest    the manifest to approve, or null for a run over --input
     */
    record Plan(List<InputObject> objects, List<ObjectListing.Ignored> ignored, String safeDataset,
            ManifestRead manifest) {
        Plan {
            objects = List.copyOf(objects);
            ignored = List.copyOf(ignored);
        }
    }

    /**
     * The per-object results merged on the driver, one object at a time.
     *
     * @param counts   as the scan counted them (test values apart; the gate applies the policy)
     * @param worst    the worst objects as the gate counts them, worst first, at most {@code report.worstFiles}
     * @param manifest the manifest's own result as the gate counts it, or null
     */
    record Merged(DatasetCounts counts, List<ObjectResult> worst, ObjectResult manifest) {
        Merged {
            worst = List.copyOf(worst);
        }
    }

    /** Runs the scan; returns the decision. Throws on error (the caller exits 1 and withdraws approval). */
    Decision run() throws IOException, ManifestException {
        try {
            return runSteps();
        } finally {
            stopProgress(); // a run that failed: its last line, before the error
        }
    }

    private Decision runSteps() throws IOException, ManifestException {
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Configuration hconf = spark.sparkContext().hadoopConfiguration();
        args.outputEncryption().forEach(hconf::set); // also for a session that existed before this run
        Path outDir = new Path(ObjectListing.toHadoopUri(args.out(), hconf));
        // Before anything is read or withdrawn: a verdict or approval that cannot be written
        // create-only would break "exactly one of two racing runs publishes".
        ConditionalCreate.requireCreateOnly(outDir, hconf, "--out");
        if (args.manifest() != null) {
            ConditionalCreate.requireCreateOnly(new Path(ObjectListing.toHadoopUri(args.manifest(), hconf)), hconf,
                    "--manifest");
        }
        if (args.redactTo() != null) {
            RedactedCopy.checkTarget(args, hconf);
        }
        // A baseline that cannot be used is bad usage, told before any data is read or anything withdrawn.
        BaselineFile.Read baseline = readBaseline(hconf);
        requireStateKey();
        // Held until the run (and its copy's gate) ends: two runs never write one ledger at once.
        try (StateGuard guard = args.state() == null ? StateGuard.NONE
                : StateGuard.acquire(ObjectListing.toHadoopUri(args.state(), hconf), hconf, runId)) {
            return runHolding(runId, started, hconf, outDir, baseline, guard);
        }
    }

    private Decision runHolding(String runId, Instant started, Configuration hconf, Path outDir,
            BaselineFile.Read baseline, StateGuard guard) throws IOException, ManifestException {
        withdrawEarlierOutcome(outDir, hconf);
        if (args.redactTo() != null && args.manifest() != null) {
            // A new copy is on its way: the approval of an earlier run's copy goes first, as the original's does.
            ManifestApproval.withdraw(Manifests.approvedName(args.manifest(), RedactedCopy.MANIFEST_SUFFIX), config,
                    hconf);
        }

        byte[] key = fingerprintKey();
        // Names are data: every path this driver writes (report, verdict, summary, log, job group)
        // goes through the masking the executors apply to the objects they scan.
        TextScanner scanner = TextScanner.create(config.detectors()); // built once: the report lists its ids
        PathMasker paths = new PathMasker(scanner, new Fingerprinter(key));
        Plan plan = plan(args, paths, hconf);
        if (args.redactTo() != null) {
            RedactedCopy.checkPlan(plan, args.redactTo(), hconf);
        }
        // The paths streamed past once, not copied: a plan can hold millions of objects.
        ApprovalTags.Tagging tagging = ApprovalTags.decide(config.tagObjects(),
                () -> plan.objects().stream().map(InputObject::path).iterator(), hconf);
        LOG.info("pii-gate run {}: {} objects listed in {}{}", runId, plan.objects().size(), plan.safeDataset(),
                plan.ignored().isEmpty() ? "" : "; " + leftOut(plan.ignored()));
        spark.sparkContext().setJobGroup("pii-gate " + runId, "pii-gate scan of " + plan.safeDataset(), false);

        // Shipped once per executor, not with every task; null without a baseline.
        Broadcast<AcceptedSet> accepted = baseline == null ? null
                : JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(baseline.accepted());
        boolean withAccepted = baseline != null;
        if (args.verbosity() != Verbosity.QUIET) {
            progress = ScanProgress.start(spark.sparkContext(), plan.objects().size() + (plan.manifest() == null ? 0 : 1L),
                    plannedBytes(plan), err);
        }
        Ledger ledger = args.state() == null ? null : openLedger(runId, key, scanner, paths, hconf, guard, baseline);
        Dataset<Row> scannedSplits = scan(spark, plan, config.yaml(), key, args.format(),
                config.limits().splitBytes(), accepted, progress == null ? null : progress.counters(),
                ledger == null ? null : ledger.run(),
                ledger == null ? null : ledger.read())
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Dataset<Row>> persisted = new ArrayList<>(List.of(scannedSplits));
        Set<String> readWholeAgain = new HashSet<>(); // split objects SplitMerge read again whole
        // Split objects' rows merged into whole objects' before anything reads them (SplitMerge);
        // an object whose splits did not meet at a record boundary is scanned again, whole.
        Dataset<Row> scanned = SplitMerge.apply(spark, scannedSplits, config.maxFindingsPerFile(),
                SplitMerge.anySplit(plan.objects(), config.limits().splitBytes(), args.format()), files -> {
                    readWholeAgain.addAll(files);
                    Dataset<Row> again = scanWhole(spark, plan, files, config.yaml(), key, args.format(), accepted)
                            .persist(StorageLevel.MEMORY_AND_DISK());
                    persisted.add(again);
                    return again;
                });
        boolean tagsWithdrawn = !tagging.enabled(); // nothing of ours left on the dataset's objects
        RedactedCopy.Outcome copy = null;
        Decision decision;
        try {
            spark.sparkContext().setJobDescription("scan " + plan.objects().size() + " objects, write findings");
            StorageFailure.run(StorageFailure.Action.WRITE, "writing findings/ to", args.out(),
                    () -> writeFindings(ScanRows.findings(scanned), outDir + "/findings", args.findingsFormat(),
                            withAccepted));

            spark.sparkContext().setJobDescription("merge per-object counts, take the sample");
            ObjectsAndSample.Read read = ObjectsAndSample.read(scanned,
                    plan.objects().size() + (plan.manifest() == null ? 0 : 1L), OBJECTS_ON_DRIVER, config.sampleSize());
            ObjectsInPathOrder objectRows = read.objects();
            Merged merged = merge(objectRows.iterator(), config.policy(), config.worstFiles(),
                    plan.manifest() == null ? null : plan.manifest().object);
            DatasetCounts counted = Gate.counted(config.policy(), merged.counts());
            LOG.info("pii-gate run {}: {} records in {} objects, {} with unmasked PII", runId, counted.records(),
                    counted.files(), counted.recordsUnmasked());
            List<Row> sample = read.sample();

            MacieCrossCheck.Outcome macie = crossCheck(dataObjects(scanned, plan), outDir);
            HtmlParts html = new HtmlParts(macie, objectRows, () -> WorstLocations.take(scanned,
                    merged.worst(), config.policy().testValuesCountAsUnmasked(), WorstLocations.PER_OBJECT,
                    WorstLocations.TOTAL));
            if (plan.manifest() != null) {
                checkUnchanged(plan.manifest(), args.manifest(), hconf);
            }
            Verdict verdict = judge(config.policy(), merged, macie, plan.manifest() != null);
            BaselineFile.Written baselineWritten = null;
            if (args.writeBaseline() != null) {
                // Before anything is tagged or published: a baseline that cannot be written fails the run.
                spark.sparkContext().setJobDescription("write the baseline");
                baselineWritten = BaselineFile.write(ScanRows.findings(scanned), findingsNotWritten(scanned),
                        args.writeBaseline(), key, Versions.piiGate(), hconf);
            }
            TagStep tags = tag(tagging, runId, verdict, ScanRows.objects(dataObjects(scanned, plan)));
            tagsWithdrawn = tags.withdrawn();
            if (tags.failure() != null) {
                verdict = tagsFailed(verdict, tags.failure());
            }

            if (args.redactTo() != null) {
                copy = RedactedCopy.write(spark, plan, ScanRows.objects(scanned), ScanRows.findings(scanned), config,
                        key, args.redactTo(), outDir, paths, hconf);
            }
            List<ConfigWarning> warnings = ConfigWarnings.of(config);
            LedgerRead.Counted ledgerRead = ledger == null ? null : ledger.read().counted(); // known once the scan ran
            if (ledger != null) {
                warnUnused(runId, ledger, ledgerRead, paths);
            }
            StateCounts stateCounts = ledger == null ? null
                    : stateCounts(ledger, ledgerRead, plan, merged, counted, readWholeAgain, key);
            Map<String, Object> head = reportHead(runId, started, plan, paths, scanner, warnings, counted, verdict,
                    macie, merged.worst(), sample);
            head.put("approvalTags", tags.json());
            if (copy != null) {
                head.put("redaction", copy.json());
            }
            if (withAccepted) {
                // Replaces the sections in place: a run without a baseline writes them as it always has.
                head.putAll(Report.countsSection(counted, true));
                head.put("worstFiles", Report.objectsJson(merged.worst(), true));
                head.put("baseline", baselineJson(baseline, counted, paths));
            }
            if (baselineWritten != null) {
                head.put("baselineWritten", baselineWrittenJson(baselineWritten, paths));
            }
            if (stateCounts != null) {
                head.put("state", stateCounts.json());
            }
            spark.sparkContext().setJobDescription("write report");
            Path reportPath = new Path(outDir, "report.json");
            String reportDigest = StorageFailure.during(StorageFailure.Action.WRITE, "writing report.json to",
                    args.out(), () -> writeReport(reportPath, hconf, head, objectRows, config.policy(), withAccepted));
            Map<String, Object> verdictJson = verdictJson(runId, verdict, warnings, plan, paths, reportPath.toString(),
                    reportDigest);
            if (withAccepted) {
                // An approval that stands on accepted findings says so where the approval is recorded.
                verdictJson.put("baseline", baselineJson(baseline, counted, paths));
            }
            byte[] verdictBytes = Report.toJsonBytes(verdictJson);
            if (tags.failure() != null) {
                // No verdict.json and no approval: the report says ERROR and why.
                summarize(verdict, new Printed(plan.safeDataset(), warnings, counted, merged.worst(),
                        List.of("  nothing approved: the approval tags could not be written"), outDir.toString(),
                        html),
                        outDir);
                throw new JobException("approval tags: " + tags.failure());
            }

            List<String> extraLines = new ArrayList<>();
            if (!plan.ignored().isEmpty()) {
                extraLines.add("  " + leftOut(plan.ignored()) + "; listed in report.json ignoredReasons");
            }
            extraLines.addAll(baselineLines(baseline, baselineWritten, counted, paths));
            if (stateCounts != null) {
                extraLines.addAll(stateCounts.lines());
            }
            extraLines.addAll(macie.summaryLines());
            if (copy != null) {
                extraLines.addAll(copy.summaryLines());
            }
            decision = publish(plan, verdict, verdictBytes, paths, head, outDir, objectRows,
                    new Printed(plan.safeDataset(), warnings, counted, merged.worst(), extraLines,
                            outDir.toString(), html));
            if (args.showFindings() > 0 && args.verbosity() != Verbosity.QUIET) {
                spark.sparkContext().setJobDescription("take the first " + args.showFindings() + " findings to show");
                FindingsOnConsole.print(out, FindingsOnConsole.first(ScanRows.findings(scanned), args.showFindings(),
                        config.policy().testValuesCountAsUnmasked()), args.showFindings());
            }
        } catch (IOException | RuntimeException e) {
            if (!tagsWithdrawn && !(e instanceof PublishConflict)) {
                withdrawTags(runId, plan, e); // fail closed; a run that lost the race leaves the winner's tags
            }
            throw e;
        } finally {
            persisted.forEach(d -> d.unpersist(false));
            if (accepted != null) {
                accepted.destroy();
            }
            spark.sparkContext().clearJobGroup();
        }
        if (copy != null) {
            // After the original's verdict is published: the copy is gated as a run of its own, and
            // its outcome (or failure) leaves the original's verdict as it stands.
            RedactedCopy.gate(spark, args, config, out, err, plan,
                    plan.manifest() == null ? null : plan.manifest().manifest.kind(), copy, hconf);
        }
        return decision;
    }

    /**
     * What an earlier run published goes first: while this run scans nothing stands approved on its
     * behalf, and the create-only publishing at the end then lets one of two overlapping runs
     * publish. An earlier report goes too: if this run fails, no PASS of another run is left in --out.
     * The approval tags stay for now: each approves an object version an earlier PASS scanned, whose
     * bytes this run does not change; this run's outcome settles them (tagged on PASS, removed on
     * BLOCK or error), and untagging here would cost a request per object and briefly take the
     * approval from other datasets sharing the objects, for no gain in what IAM lets be read.
     */
    private void withdrawEarlierOutcome(Path outDir, Configuration hconf) throws IOException, ManifestException {
        StorageFailure.run(StorageFailure.Action.DELETE, "removing an earlier run's verdict from", args.out(), () -> {
            FileSystem outFs = outDir.getFileSystem(hconf);
            deleteFile(outFs, new Path(outDir, "verdict.json"));
            deleteFile(outFs, new Path(outDir, "report.json"));
            deleteFile(outFs, new Path(outDir, SummaryMarkdown.FILE_NAME)); // an earlier run's, which may say PASS
            deleteFile(outFs, new Path(outDir, ReportHtml.FILE_NAME)); // as summary.md
        });
        if (args.manifest() != null) {
            StorageFailure.run(StorageFailure.Action.DELETE, "withdrawing an earlier approval of", args.manifest(),
                    () -> ManifestApproval.withdraw(args.manifest(), config, hconf));
        }
    }

    /**
     * Step 1, plan: the objects to scan, listed under --input or read from the manifest (whose own
     * object is scanned too, see {@link #scan}). Fails closed when there is nothing to scan.
     */
    static Plan plan(Args args, PathMasker paths, Configuration hconf) throws IOException, ManifestException {
        Plan plan;
        if (args.manifest() != null) {
            String manifestUri = ObjectListing.toHadoopUri(args.manifest(), hconf);
            byte[] bytes = StorageFailure.during(StorageFailure.Action.READ, "reading the manifest", args.manifest(),
                    () -> readAll(manifestUri, hconf));
            Manifest manifest = Manifests.parse(args.manifest(), bytes);
            List<InputObject> objects = new ArrayList<>();
            // The dataset root of an entry is the manifest's folder when the entry lies below it (as
            // written: relative entries are resolved against it), else its bucket or the file system root.
            // Both sides in the form the scan reads (s3:// as s3a://, a path as file:), so an entry
            // written as a URI and a manifest given as a path still share their folder.
            String folder = manifestUri.substring(0, manifestUri.lastIndexOf('/') + 1);
            for (String entry : manifest.objects()) {
                String uri = ObjectListing.toHadoopUri(entry, hconf);
                int below = below(uri, folder);
                int from = below >= 0 ? below : PathMasker.keyStart(uri);
                objects.add(new InputObject(uri, -1, null, from));
            }
            plan = new Plan(objects, List.of(), paths.maskArgument(args.manifest()),
                    new ManifestRead(manifest, manifestUri, bytes));
        } else {
            // This run's --out and pii-gate's approval records are left out of a folder, with the
            // reason (ObjectListing); manifests in it are scanned as their kind says (ObjectScanner).
            ObjectListing.Listing listing = ObjectListing.list(args.inputs(), hconf,
                    new ObjectListing.OwnFiles(args.out(), paths::holdsUnmasked));
            plan = new Plan(listing.objects(), listing.ignored(),
                    String.join(" ", args.inputs().stream().map(paths::maskArgument).toList()), null);
        }
        if (plan.objects().isEmpty()) {
            throw new JobException("no objects to scan in " + plan.safeDataset()
                    + (plan.ignored().isEmpty() ? "" : " (" + leftOut(plan.ignored()) + ")")
                    + ": nothing can be approved");
        }
        return plan;
    }

    /**
     * Where {@code uri}'s part below {@code folder} starts, or -1 when it does not lie below it. Both
     * are compared as Hadoop normalises them too: {@code file:///tmp/a.txt} and {@code file:/tmp/a.txt}
     * name one file, and an entry's whole path read as its name would be scanned as data.
     */
    static int below(String uri, String folder) {
        if (folder.isEmpty()) {
            return -1;
        }
        if (uri.startsWith(folder)) {
            return folder.length();
        }
        try {
            String normalised = new Path(uri).toString();
            String normalisedFolder = new Path(folder).toString();
            if (!normalisedFolder.endsWith("/")) {
                normalisedFolder += "/";
            }
            if (!normalised.startsWith(normalisedFolder)) {
                return -1;
            }
            String tail = normalised.substring(normalisedFolder.length());
            return !tail.isEmpty() && uri.endsWith(tail) ? uri.length() - tail.length() : -1;
        } catch (IllegalArgumentException e) {
            return -1; // not a Hadoop path: compared as written only
        }
    }

    /** At most this many left-out files are named with their reason in report.json; all are counted. */
    static final int IGNORED_LISTED = 100;

    /** Left-out files per reason, in reason order: {@code left out of the scan: 3 files (MARKER 1, RUN_OUTPUT 2)}. */
    static String leftOut(List<ObjectListing.Ignored> ignored) {
        StringBuilder why = new StringBuilder();
        ignoredCounts(ignored).forEach((reason, n) -> why.append(why.length() == 0 ? "" : ", ").append(reason)
                .append(' ').append(n));
        return "left out of the scan: " + ignored.size() + (ignored.size() == 1 ? " file" : " files") + " (" + why
                + ")";
    }

    private static Map<String, Long> ignoredCounts(List<ObjectListing.Ignored> ignored) {
        Map<IgnoreReason, Long> counts = new java.util.EnumMap<>(IgnoreReason.class);
        ignored.forEach(i -> counts.merge(i.reason(), 1L, Long::sum));
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((reason, n) -> named.put(reason.name(), n));
        return named;
    }

    /**
     * report.json {@code ignoredReasons}: {@code counts} per reason (those that occur, in reason
     * order) and {@code files}, the first {@value #IGNORED_LISTED} in path order as {@code {path, reason}},
     * paths masked as {@code ignoredFiles} writes them.
     */
    static Map<String, Object> ignoredReasonsJson(List<ObjectListing.Ignored> ignored, PathMasker paths) {
        List<Object> files = new ArrayList<>();
        for (ObjectListing.Ignored i : ignored.subList(0, Math.min(ignored.size(), IGNORED_LISTED))) {
            files.add(Report.ordered("path", paths.maskArgument(i.path()), "reason", i.reason().name()));
        }
        return Report.ordered("counts", ignoredCounts(ignored), "files", files);
    }

    /**
     * Step 2, scan: the planned objects on the executors, lazily, as {@link ScanRows#SCHEMA} rows (each
     * object's findings, then its result). Nothing runs until the rows are used.
     */
    static Dataset<Row> scan(SparkSession spark, Plan plan, String configYaml, byte[] key, Format format) {
        return scan(spark, plan, configYaml, key, format, ReadLimits.DEFAULT_SPLIT_BYTES);
    }

    /**
     * As above, objects larger than {@code splitBytes} read in splits where their format allows
     * ({@link ScanTasks}): their rows are per split until {@link SplitMerge#apply} merges them.
     */
    static Dataset<Row> scan(SparkSession spark, Plan plan, String configYaml, byte[] key, Format format,
            long splitBytes) {
        return scan(spark, plan, configYaml, key, format, splitBytes, null);
    }

    /**
     * As above, with what {@code --baseline} accepts (null: nothing). The manifest's own scan takes
     * no baseline: an approved manifest never carries unmasked PII, accepted or not.
     */
    static Dataset<Row> scan(SparkSession spark, Plan plan, String configYaml, byte[] key, Format format,
            long splitBytes, Broadcast<AcceptedSet> accepted) {
        return scan(spark, plan, configYaml, key, format, splitBytes, accepted, null);
    }

    /** As above, adding up the scan's progress in {@code progress} (null for none). */
    static Dataset<Row> scan(SparkSession spark, Plan plan, String configYaml, byte[] key, Format format,
            long splitBytes, Broadcast<AcceptedSet> accepted, ProgressCounters progress) {
        return scan(spark, plan, configYaml, key, format, splitBytes, accepted, progress, null, null);
    }

    /**
     * As above, with the run's ledger ({@code --state}; null: none): each task's earlier entry
     * ({@code earlier}'s, when it has parts) is paired with it in the scan's own job, and reused
     * where it can stand; each task scanned is recorded. The manifest's own scan never reuses: it is
     * read as the approval's subject, every run.
     */
    static Dataset<Row> scan(SparkSession spark, Plan plan, String configYaml, byte[] key, Format format,
            long splitBytes, Broadcast<AcceptedSet> accepted, ProgressCounters progress, StateRun state,
            LedgerRead.Read earlier) {
        List<List<Row>> dealt = ScanTasks.dealt(spark, plan.objects(), splitBytes, format);
        JavaRDD<Row> tasks = state != null && earlier != null && earlier.parts() != null
                ? ScanTasks.withPrior(spark, dealt, key, earlier::entries)
                : ScanTasks.rdd(spark, dealt);
        Dataset<Row> scanned = scanRows(spark, tasks, new PartitionScanner(configYaml, key, format, accepted, progress,
                state));
        ManifestRead manifest = plan.manifest();
        if (manifest == null) {
            return scanned;
        }
        // The manifest is one more object of the run, read as its kind says whatever its name or
        // --format: its labels, metadata and inline text are data a training job reads, and it
        // is what gets approved. Its size is the one digested here: a rewrite in between is
        // OBJECT_CHANGED, and the digest is checked again after the scan.
        JavaRDD<Row> manifestTask = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(
                List.of(ScanTasks.whole(manifest.object, manifest.size(), null,
                        manifest.object.lastIndexOf('/') + 1)), 1); // its name is scanned as the name of a file INPUT
        return scanned.union(scanRows(spark, manifestTask,
                new PartitionScanner(configYaml, key, manifest.manifest.kind().recordFormat(), null, progress)));
    }

    /** The scanner's rows over {@code tasks} as a Dataset of {@link ScanRows#SCHEMA} ({@link ScanRows#dataset}). */
    private static Dataset<Row> scanRows(SparkSession spark, JavaRDD<Row> tasks, PartitionScanner scanner) {
        return ScanRows.dataset(spark, tasks.mapPartitions(scanner::call));
    }

    /**
     * Step 2 again for {@code files}, each object read whole ({@link SplitMerge}: its splits ended
     * inside a record): as {@link #scan}, lazily.
     */
    static Dataset<Row> scanWhole(SparkSession spark, Plan plan, Set<String> files, String configYaml, byte[] key,
            Format format, Broadcast<AcceptedSet> accepted) {
        List<InputObject> objects = plan.objects().stream().filter(o -> files.contains(o.path())).toList();
        LOG.info("{} objects scanned again unsplit: one of their splits read unlike a read of the whole object",
                objects.size());
        return scanRows(spark, ScanTasks.balanced(spark, objects), new PartitionScanner(configYaml, key, format, accepted));
    }

    /** The published findings/ columns of the scan's findings ({@link ScanRows#findings}). */
    static Dataset<Row> findingsOutput(Dataset<Row> findings) {
        return findings.selectExpr(ScanRows.FINDING_OUTPUT);
    }

    /** As above; {@code withAccepted} (a run with {@code --baseline}) adds the {@code accepted} column last. */
    static Dataset<Row> findingsOutput(Dataset<Row> findings, boolean withAccepted) {
        if (!withAccepted) {
            return findingsOutput(findings);
        }
        String[] columns = Arrays.copyOf(ScanRows.FINDING_OUTPUT, ScanRows.FINDING_OUTPUT.length + 1);
        columns[columns.length - 1] = ScanRows.ACCEPTED;
        return findings.selectExpr(columns);
    }

    private static void writeFindings(Dataset<Row> findings, String uri, String format, boolean withAccepted) {
        if (format.equals("jsonl")) {
            findingsOutput(findings, withAccepted).write().mode(SaveMode.Overwrite).json(uri);
        } else {
            findingsOutput(findings, withAccepted).write().mode(SaveMode.Overwrite).parquet(uri);
        }
    }

    /** At most this many object rows are sorted on the driver (about 20 MB of results); more, by Spark. */
    static final long OBJECTS_ON_DRIVER = 20_000;

    /** The per-object results in path order, as often as the run reads them (merge, report, its rewrite). */
    interface ObjectsInPathOrder {
        Iterator<ObjectResult> iterator();
    }

    /**
     * The object rows ({@link ScanRows#objects}) in {@code orderBy("file")}'s order. Up to
     * {@code onDriver} objects are collected once and sorted here: one job, no shuffle, and every
     * later read is free (a distributed sort costs a sampling job, a shuffle and a job per read).
     * More are sorted by Spark and streamed, so the driver never holds them all.
     *
     * @param objects how many object rows the scan yields (known from the plan)
     */
    static ObjectsInPathOrder objectsInPathOrder(Dataset<Row> objectRows, long objects, long onDriver) {
        if (objects > onDriver) {
            Dataset<Row> sorted = objectRows.orderBy("file");
            return () -> results(ScanRows.toLocalIterator(sorted));
        }
        List<ObjectResult> all = new ArrayList<>();
        results(ScanRows.collect(objectRows).iterator()).forEachRemaining(all::add);
        return inPathOrder(all);
    }

    /** Results collected on the driver, sorted there once into {@code orderBy("file")}'s order. */
    static ObjectsInPathOrder inPathOrder(List<ObjectResult> all) {
        List<ObjectResult> sorted = all.stream()
                .sorted(Comparator.comparing(ObjectResult::file, Report::compareAsSpark)).toList();
        return sorted::iterator;
    }

    /** The object rows as results, one at a time (the driver never holds them all). */
    static Iterator<ObjectResult> results(Iterator<Row> objectRows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return objectRows.hasNext();
            }

            @Override
            public ObjectResult next() {
                return ScanRows.objectResult(objectRows.next());
            }
        };
    }

    /**
     * Step 3, merge: the per-object results into the dataset's counts, the worst objects (bounded)
     * and the manifest's own result, streamed past once.
     *
     * @param manifestObject the manifest's URI as scanned, or null
     */
    static Merged merge(Iterator<ObjectResult> results, Policy policy, int worstFiles, String manifestObject) {
        DatasetCounts counts = DatasetCounts.ZERO;
        PriorityQueue<ObjectResult> worst = new PriorityQueue<>(WORST.reversed());
        ObjectResult manifest = null;
        boolean testsCount = policy.testValuesCountAsUnmasked();
        while (results.hasNext()) {
            ObjectResult scanned = results.next();
            counts = counts.merge(scanned.counts());
            ObjectResult o = scanned.counted(testsCount);
            if (o.file().equals(manifestObject)) {
                manifest = o;
            }
            if (worstFiles > 0 && (o.recordsUnmasked() > 0 || !o.status().complete())) {
                worst.add(o);
                if (worst.size() > worstFiles) {
                    worst.poll();
                }
            }
        }
        List<ObjectResult> worstList = new ArrayList<>(worst);
        worstList.sort(WORST);
        return new Merged(counts, worstList, manifest);
    }

    /**
     * The scan's rows without the manifest's own: it is ours to scan, not a dataset object Macie is
     * expected to cover (macie.requireCoverage would block every manifest run on it).
     */
    private static Dataset<Row> dataObjects(Dataset<Row> scanned, Plan plan) {
        if (plan.manifest() == null) {
            return scanned;
        }
        return scanned.filter(functions.coalesce(functions.col("object.file"), functions.col("finding.file"))
                .notEqual(plan.manifest().object));
    }

    private MacieCrossCheck.Outcome crossCheck(Dataset<Row> dataObjects, Path outDir) throws IOException {
        if (args.macieResults().isEmpty()) {
            return MacieCrossCheck.Outcome.NONE;
        }
        try {
            return MacieCrossCheck.run(spark, args.macieResults(), args.maciePathMap(), config, dataObjects, outDir);
        } catch (MacieFormatException e) {
            throw new JobException(e.getMessage()); // names file and line, never content: exit 1
        }
    }

    /** What was scanned must be what the manifest says now: else the run fails (exit 1), nothing approved. */
    private static void checkUnchanged(ManifestRead read, String manifestArg, Configuration hconf) {
        String after;
        try {
            after = HexFormat.of().formatHex(digestOf(read.object, hconf));
        } catch (IOException e) {
            throw new JobException("manifest " + manifestArg + " could not be read again after the scan ("
                    + e.getClass().getSimpleName() + "); run again");
        }
        if (!after.equals(read.manifest.sha256())) {
            throw new JobException("manifest " + manifestArg
                    + " changed while it was scanned: what was scanned is not what it says now; run again");
        }
    }

    /**
     * Step 4, judge: the gate over the merged counts, with what the Macie cross-check adds and, for a
     * manifest run, the manifest's own result (never tolerated, never with PII).
     */
    static Verdict judge(Policy policy, Merged merged, MacieCrossCheck.Outcome macie, boolean manifestRun) {
        List<BlockReason> extraReasons = new ArrayList<>(macie.extraReasons());
        if (manifestRun) {
            extraReasons.addAll(ManifestContent.reasons(merged.manifest()));
        }
        return Gate.decide(policy, merged.counts(), macie.extraUnmaskedRecords(), extraReasons);
    }

    private Map<String, Object> reportHead(String runId, Instant started, Plan plan, PathMasker paths,
            TextScanner scanner, List<ConfigWarning> warnings, DatasetCounts counted, Verdict verdict,
            MacieCrossCheck.Outcome macie, List<ObjectResult> worst, List<Row> sample) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("schemaVersion", Report.SCHEMA_VERSION);
        head.put("tool", Report.ordered("name", "pii-gate", "version", Versions.piiGate()));
        head.put("runId", runId);
        head.put("startedAt", started.toString());
        head.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        head.put("inputs", plan.manifest() == null ? args.inputs().stream().map(paths::maskArgument).toList()
                : List.of());
        head.put("manifest", plan.manifest() == null ? null : manifestJson(plan.manifest().manifest, paths));
        head.put("ignoredFiles", plan.ignored().stream().map(i -> paths.maskArgument(i.path())).toList());
        head.put("ignoredReasons", ignoredReasonsJson(plan.ignored(), paths));
        head.put("configuration", configJson());
        head.put("warnings", Report.warningsJson(warnings));
        head.put("detectors", scanner.detectorIds());
        head.put("libraries", Versions.libraries(spark));
        head.put("fingerprintKey", keyDescription());
        head.putAll(Report.countsSection(counted));
        head.put("verdict", Report.verdictJson(verdict));
        if (macie.reportSection() != null) {
            head.put("macie", macie.reportSection());
        }
        head.put("worstFiles", Report.objectsJson(worst));
        head.put("sampleFindings", sample.stream().map(ScanJob::findingJson).toList());
        return head;
    }

    private static Map<String, Object> verdictJson(String runId, Verdict verdict, List<ConfigWarning> warnings,
            Plan plan, PathMasker paths, String reportUri, String reportDigest) {
        Map<String, Object> verdictJson = new LinkedHashMap<>();
        verdictJson.put("schemaVersion", Report.SCHEMA_VERSION);
        verdictJson.put("runId", runId);
        verdictJson.putAll(Report.verdictJson(verdict));
        verdictJson.put("warnings", Report.warningsJson(warnings));
        verdictJson.put("dataset", plan.safeDataset());
        verdictJson.put("manifest", plan.manifest() == null ? null : manifestJson(plan.manifest().manifest, paths));
        verdictJson.put("report", Report.ordered("uri", reportUri, "sha256", reportDigest));
        verdictJson.put("decidedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return verdictJson;
    }

    /**
     * The approval tags as a run leaves them.
     *
     * @param json      report.json's {@code approvalTags}
     * @param withdrawn no tag of ours is left on the dataset's objects (BLOCK, or a PASS whose tags failed)
     * @param failure   why tagging failed, in our words (counts and S3 error codes), or null
     */
    private record TagStep(Map<String, Object> json, boolean withdrawn, String failure) {}

    /**
     * Step 4b, the approval tags, before anything is written or published: on PASS the objects
     * scanned COMPLETE are tagged (and any other object of the dataset untagged), on BLOCK every
     * object is untagged. A PASS whose tagging failed takes every tag of ours off the dataset
     * again (fail closed, also what earlier runs wrote) and the run then fails.
     */
    private TagStep tag(ApprovalTags.Tagging tagging, String runId, Verdict verdict, Dataset<Row> dataObjectRows) {
        if (!tagging.enabled()) {
            return new TagStep(tagging.json(), true, null);
        }
        boolean pass = verdict.decision() == Decision.PASS;
        ApprovalTags.Action action = pass ? ApprovalTags.Action.APPROVE : ApprovalTags.Action.WITHDRAW;
        spark.sparkContext().setJobDescription(pass ? "tag the approved object versions" : "remove approval tags");
        ApprovalTags.Outcome done = ApprovalTags.apply(action, runId, dataObjectRows);
        Map<String, Object> json = new LinkedHashMap<>(done.json());
        LOG.info("pii-gate run {}: approval tags: {} objects tagged, {} untagged, {} failed, {} requests", runId,
                done.tagged(), done.untagged(), done.failed(), done.requests());
        if (done.ok()) {
            return new TagStep(json, !pass, null);
        }
        String failure = done.failed() + " object(s) could not be " + (pass ? "tagged" : "untagged") + " ("
                + done.failure() + ")";
        if (pass) {
            spark.sparkContext().setJobDescription("remove approval tags after a failure");
            ApprovalTags.Outcome undone = ApprovalTags.apply(ApprovalTags.Action.WITHDRAW, runId, dataObjectRows);
            json.put("withdrawnAfterFailure", undone.json());
            if (!undone.ok()) {
                failure += "; removing the tags again failed for " + undone.failed() + " (" + undone.failure() + ")";
            }
        }
        return new TagStep(json, true, failure);
    }

    /**
     * On error every planned object loses the approval tags (its current version: the scan's
     * per-object rows may not exist). Failures are added to the run's error, which is thrown anyway.
     */
    private void withdrawTags(String runId, Plan plan, Exception failure) {
        try {
            Dataset<Row> planned = spark.createDataFrame(ScanTasks.balanced(spark, plan.objects()), ScanTasks.SCHEMA)
                    .selectExpr("path AS file", "CAST(NULL AS STRING) AS versionId", "etag",
                            "CAST(NULL AS STRING) AS status");
            spark.sparkContext().setJobDescription("remove approval tags after an error");
            ApprovalTags.Outcome undone = ApprovalTags.apply(ApprovalTags.Action.WITHDRAW, runId, planned);
            if (!undone.ok()) {
                LOG.error("pii-gate run {}: removing the approval tags after an error failed for {} objects ({})",
                        runId, undone.failed(), undone.failure());
                failure.addSuppressed(new JobException("approval tags not removed from " + undone.failed()
                        + " object(s): " + undone.failure()));
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The run's outcome when the approval tags could not be written: ERROR, with the gate's own reasons. */
    static Verdict tagsFailed(Verdict gate, String failure) {
        List<BlockReason> reasons = new ArrayList<>(gate.reasons());
        reasons.add(new BlockReason(Report.PUBLISH_FAILED, "approvalTags", "the approval tags could not be written: "
                + failure + ": nothing of this run is approved, no tag of pii-gate is left on the dataset's objects"
                + " where S3 allowed their removal, and no verdict.json is written", 0, 0,
                "(none: re-run when the scanner may tag the dataset's objects; approval.tagObjects)"));
        return new Verdict(Decision.ERROR, reasons);
    }

    /** What the summary prints besides the verdict: the counts as judged, the worst objects, Macie's lines. */
    private record Printed(String dataset, List<ConfigWarning> warnings, DatasetCounts counted,
            List<ObjectResult> worst, List<String> macieLines, String outUri, HtmlParts html) {
        Printed withExtra(List<String> lines) {
            return new Printed(dataset, warnings, counted, worst, lines, outUri, html);
        }
    }

    /**
     * What report.html shows besides the summary, read only when it is written: the objects again
     * (streamed) and the worst objects' finding locations (one bounded Spark query).
     */
    private record HtmlParts(MacieCrossCheck.Outcome macie, ObjectsInPathOrder objects,
            java.util.function.Supplier<List<FindingLocation>> locations) {}

    /**
     * The summary on stdout (the verdict line only under --quiet), then as summary.md beside report.json. summary.md only repeats what
     * stdout said: a failure to write it is said on stdout and in the log and leaves the outcome
     * as it is (verdict.json and the approval are what decide).
     */
    private void summarize(Verdict verdict, Printed p, Path outDir) {
        stopProgress();
        if (args.verbosity() == Verbosity.QUIET) {
            out.println(Summary.verdictLine(verdict, p.dataset()));
        } else {
            Summary.print(out, p.dataset(), verdict, p.warnings(), p.counted(), p.worst(), p.macieLines(),
                    p.outUri());
        }
        String md = SummaryMarkdown.render(p.dataset(), verdict, p.warnings(), p.counted(), p.worst(),
                p.macieLines(), p.outUri());
        Path file = new Path(outDir, SummaryMarkdown.FILE_NAME);
        try (OutputStream os = file.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(file, true)) {
            os.write(md.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warn("summary.md could not be written: {}", e.getClass().getName());
            out.println("  summary.md could not be written (" + e.getClass().getName() + ")");
        }
        writeHtml(verdict, p, outDir);
    }

    /**
     * report.html beside summary.md, as summary.md: it shows what the run decided, so a failure to
     * take its finding locations or to write it is said and leaves the outcome as it is. A page cut
     * short is deleted.
     */
    private void writeHtml(Verdict verdict, Printed p, Path outDir) {
        Path file = new Path(outDir, ReportHtml.FILE_NAME);
        try {
            spark.sparkContext().setJobDescription("take the worst objects' finding locations for report.html");
            HtmlParts parts = p.html();
            String html = ReportHtml.render(new ReportHtml.Page(p.dataset(), verdict, p.warnings(), p.counted(),
                    p.worst(), p.macieLines(), p.outUri(), parts.macie().reportSection(),
                    parts.macie().summaryLines(), parts.locations().get()), parts.objects().iterator(),
                    config.policy().testValuesCountAsUnmasked());
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream os = fs.create(file, true)) {
                os.write(html.getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                try {
                    fs.delete(file, false);
                } catch (IOException | RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("report.html could not be written: {}", e.getClass().getName());
            out.println("  report.html could not be written (" + e.getClass().getName() + ")");
        }
    }

    /**
     * Step 6, publish: the approved manifest (PASS) or the withdrawal (BLOCK), then verdict.json,
     * create-only and last, once the approval stands: a run that fails in between leaves no
     * verdict.json and a report that says ERROR, never a PASS without its approval.
     */
    private Decision publish(Plan plan, Verdict verdict, byte[] verdictBytes, PathMasker paths,
            Map<String, Object> head, Path outDir, ObjectsInPathOrder objectRows, Printed printed) throws IOException {
        Configuration hconf = spark.sparkContext().hadoopConfiguration();
        Path reportPath = new Path(outDir, "report.json");
        Manifest manifest = plan.manifest() == null ? null : plan.manifest().manifest;
        List<String> extra = new ArrayList<>(printed.macieLines());
        String approved = null;
        try {
            if (manifest != null) {
                approved = StorageFailure.during(StorageFailure.Action.WRITE,
                        verdict.decision() == Decision.PASS ? "publishing the approval of" : "withdrawing the approval of",
                        args.manifest(), () -> ManifestApproval.apply(manifest, plan.manifest().bytes(),
                                verdict.decision(), verdictBytes, config, hconf));
            }
            StorageFailure.run(StorageFailure.Action.WRITE, "publishing verdict.json to", args.out(),
                    () -> ConditionalCreate.create(new Path(outDir, "verdict.json"), verdictBytes, hconf));
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
                writeReport(reportPath, hconf, head, objectRows, config.policy(), args.baseline() != null);
            } catch (IOException | RuntimeException rewrite) {
                e.addSuppressed(rewrite);
            }
            summarize(failed, printed.withExtra(extra), outDir);
            throw e;
        }
        if (manifest != null) {
            extra.add(verdict.decision() == Decision.PASS ? "  approved manifest: " + paths.maskArgument(approved)
                    : "  no approval published; any earlier approval withdrawn: " + paths.maskArgument(approved));
        }
        summarize(verdict, printed.withExtra(extra), outDir);
        return verdict.decision();
    }

    /**
     * Step 5, write: report.json, its head then every object as the gate counts it, streamed in path
     * order; returns its digest. A report cut short by a failure is deleted: its head (with the
     * verdict) is written before the objects, so a partial file could still say PASS.
     */
    private static String writeReport(Path reportPath, Configuration hconf, Map<String, Object> head,
            ObjectsInPathOrder objectRows, Policy policy, boolean withAccepted) throws IOException {
        FileSystem fs = reportPath.getFileSystem(hconf);
        boolean testsCount = policy.testValuesCountAsUnmasked();
        try (OutputStream os = fs.create(reportPath, true)) {
            Iterator<ObjectResult> all = objectRows.iterator();
            return Report.write(os, head, new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return all.hasNext();
                }

                @Override
                public ObjectResult next() {
                    return all.next().counted(testsCount);
                }
            }, withAccepted);
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
                : e instanceof StorageFailure f && f.getCause() != null ? f.getCause().getClass().getSimpleName()
                : e.getClass().getSimpleName();
        reasons.add(new BlockReason(Report.PUBLISH_FAILED, "publish",
                "publishing the outcome failed (" + what + "): nothing of this run is approved, and no"
                        + " verdict.json is written",
                0, 0, "(none: re-run when the output and the manifest's folder are writable)"));
        return new Verdict(Decision.ERROR, reasons);
    }

    /** The progress line's last line, once; before the summary or an error. */
    private void stopProgress() {
        if (progress != null) {
            progress.stop();
        }
    }

    /** The bytes of the planned objects and the manifest, or -1 when a size is not known before reading. */
    static long plannedBytes(Plan plan) {
        long bytes = plan.manifest() == null ? 0 : plan.manifest().size();
        for (InputObject o : plan.objects()) {
            if (o.size() < 0) {
                return -1;
            }
            bytes += o.size();
        }
        return bytes;
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
            Report.update(sha, in);
        }
        return sha.digest();
    }

    /** Most unmasked records first, then not-COMPLETE, then by path: a stable order. */
    private static final Comparator<ObjectResult> WORST = Comparator
            .comparingLong(ObjectResult::recordsUnmasked).reversed()
            .thenComparing(o -> o.status().complete())
            .thenComparing(ObjectResult::safeFile);

    /** A ledger part is written at least this often (ms) while a task runs: what a killed run keeps. */
    static final String FLUSH_MILLIS = "piigate.state.flushMillis";
    static final long DEFAULT_FLUSH_MILLIS = 30_000;
    /** ... or after this many entries. */
    static final int FLUSH_ENTRIES = 1_000;

    /**
     * The run's ledger: what the executors write with ({@code run}), what was read of earlier runs,
     * STATE as outputs name it (masked), and the warnings so far.
     */
    record Ledger(StateRun run, LedgerRead.Read read, String safeUri, List<String> warnings) {}

    /**
     * {@code --state} keys its entries and tasks with the fingerprint key: a random key would make
     * every run's results unreadable to the next, so without the fixed key it is bad usage.
     */
    private void requireStateKey() {
        String value = System.getenv(config.fingerprintKeyEnv());
        if (args.state() != null && (value == null || value.isEmpty())) {
            throw new UsageException("--state needs the fixed fingerprint key its entries are made under: set "
                    + config.fingerprintKeyEnv() + " (at least 16 bytes; fingerprint.keyEnvironmentVariable)");
        }
    }

    /**
     * Reads STATE/entries and prepares this run's writing. Fail closed: a ledger that cannot be read
     * is ignored with a warning (everything is scanned), one that cannot be written with another
     * (the scan goes on, nothing is kept for the next run).
     */
    private Ledger openLedger(String runId, byte[] key, TextScanner scanner, PathMasker paths, Configuration hconf,
            StateGuard guard, BaselineFile.Read baseline) throws IOException {
        String stateUri = ObjectListing.toHadoopUri(args.state(), hconf);
        String safeUri = paths.maskArgument(args.state());
        String entriesUri = (stateUri.endsWith("/") ? stateUri : stateUri + "/") + "entries";
        String baselineDigest = baseline == null ? null : baseline.sha256();
        List<String> warnings = new ArrayList<>();
        String code;
        try {
            code = CodeIdentity.of(code());
        } catch (IOException e) {
            // Results of code that cannot be told apart from other code are not reused, nor reusable.
            code = "unknown to run " + runId;
            warnings.add("pii-gate's code could not be identified (" + e.getMessage()
                    + "): nothing in the ledger is reused, and this run's entries will not be either");
        }
        String settings = StateSettings.digest(Report.sha256Hex(Report.toJsonBytes(EffectiveConfig.of(config))),
                scanner.detectorIds(), args.format() == null ? null : args.format().name(),
                StateSettings.keyCheck(key), baselineDigest, Versions.piiGate(), code, Versions.readers(spark));
        LedgerRead.Read read = LedgerRead.read(spark, entriesUri, settings);
        if (read.unreadable() != null) {
            warnings.add("the ledger " + safeUri + " " + read.unreadable() + ": ignored, every object is scanned");
        }
        boolean writable = guard.held();
        if (!writable) {
            // Unlocked writes could interleave with another run's: this run keeps nothing.
            warnings.add("the ledger " + safeUri + " cannot be locked (" + guard.whyNotHeld() + ")");
        }
        try {
            Path entries = new Path(entriesUri);
            writable = writable && entries.getFileSystem(hconf).mkdirs(entries);
        } catch (IOException | RuntimeException e) {
            writable = false;
        }
        if (!writable) {
            warnings.add("the ledger " + safeUri + " cannot be written: this run's results are not kept");
        }
        warnings.forEach(w -> warn(runId, w));
        long flushMillis = Long.getLong(FLUSH_MILLIS, DEFAULT_FLUSH_MILLIS);
        var sc = spark.sparkContext();
        StateRun run = new StateRun(writable ? entriesUri : null, runId, settings, flushMillis, FLUSH_ENTRIES,
                sc.collectionAccumulator("pii-gate objects reused"),
                sc.collectionAccumulator("pii-gate splits reused"),
                sc.longAccumulator("pii-gate ledger entries written"),
                sc.longAccumulator("pii-gate ledger parts not written"));
        return new Ledger(run, read, safeUri, warnings);
    }

    private void warn(String runId, String warning) {
        LOG.warn("pii-gate run {}: {}", runId, warning);
        err.println("pii-gate: warning: " + warning);
    }

    /**
     * After the scan, whose first stage read the ledger: what of it was damaged or could not be read,
     * warned and kept with the ledger's warnings.
     */
    private void warnUnused(String runId, Ledger ledger, LedgerRead.Counted read, PathMasker paths) {
        if (read.partsIgnored() == 0) {
            return;
        }
        String named = " (" + String.join(", ", read.partsNamed().stream().map(paths::maskText).toList())
                + (read.partsIgnored() > read.partsNamed().size() ? ", ..." : "") + ")";
        List<String> found = new ArrayList<>();
        if (read.entriesIgnored() > 0) {
            found.add(read.entriesIgnored() + " damaged " + (read.entriesIgnored() == 1 ? "entry" : "entries")
                    + " in " + read.damagedParts() + (read.damagedParts() == 1 ? " part" : " parts"));
        }
        if (read.unreadableParts() > 0) {
            found.add(read.unreadableParts() + (read.unreadableParts() == 1 ? " part" : " parts")
                    + " that could not be read");
        }
        String w = "the ledger " + ledger.safeUri() + " holds " + String.join(" and ", found) + named
                + ": ignored, their objects are scanned";
        warn(runId, w);
        ledger.warnings().add(w);
    }

    /**
     * What the ledger did for this run, objects and bytes counted once per object (a split object is
     * reused only when all its splits were; one SplitMerge read again whole counts as scanned).
     */
    record StateCounts(String uri, long objectsReused, long bytesReused, long objectsScanned, long bytesScanned,
            long entriesIgnored, long partsIgnored, long entriesWritten, long partsNotWritten, List<String> warnings) {
        Map<String, Object> json() {
            return Report.ordered("uri", uri, "objectsReused", objectsReused, "bytesReused", bytesReused,
                    "objectsScanned", objectsScanned, "bytesScanned", bytesScanned, "entriesIgnored", entriesIgnored,
                    "partsIgnored", partsIgnored, "entriesWritten", entriesWritten, "partsNotWritten", partsNotWritten,
                    "warnings", warnings);
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("  state " + uri + ": " + objectsReused + (objectsReused == 1 ? " object" : " objects")
                    + " reused (" + bytesReused + " bytes), " + objectsScanned + " scanned (" + bytesScanned
                    + " bytes)");
            warnings.forEach(w -> lines.add("    warning: " + w));
            return lines;
        }
    }

    /** Read after the scan: the accumulators hold what the executors reused and wrote. */
    private static StateCounts stateCounts(Ledger ledger, LedgerRead.Counted read, Plan plan, Merged merged,
            DatasetCounts counts, Set<String> readWholeAgain, byte[] key) {
        Set<String> wholeAgain = new HashSet<>();
        Mac mac = StateSettings.mac(key);
        readWholeAgain.forEach(path -> wholeAgain.add(StateSettings.objectKey(mac, path)));
        StateRun run = ledger.run();
        Map<Integer, StateRun.WholeReused> byPartition = new HashMap<>();
        run.reusedWhole().value().forEach(w -> byPartition.put(w.partition(), w));
        long objects = 0;
        long bytes = 0;
        for (StateRun.WholeReused w : byPartition.values()) {
            objects += w.objects();
            bytes += w.bytes();
        }
        Map<String, Set<Integer>> splitsReused = new HashMap<>();
        Map<String, StateRun.SplitReused> splitObjects = new HashMap<>(); // one split of each, for its count and size
        for (StateRun.SplitReused r : new HashSet<>(run.reusedSplits().value())) {
            splitsReused.computeIfAbsent(r.object(), k -> new HashSet<>()).add(r.split());
            splitObjects.put(r.object(), r);
        }
        for (Map.Entry<String, Set<Integer>> e : splitsReused.entrySet()) {
            StateRun.SplitReused o = splitObjects.get(e.getKey());
            if (e.getValue().size() == o.splits() && !wholeAgain.contains(e.getKey())) {
                objects++;
                bytes += o.size();
            }
        }
        long manifestBytes = merged.manifest() == null ? 0 : merged.manifest().size();
        List<String> warnings = new ArrayList<>(ledger.warnings());
        long notWritten = run.writeFailures().value();
        if (notWritten > 0) {
            String w = notWritten + " ledger " + (notWritten == 1 ? "part" : "parts") + " could not be written to "
                    + ledger.safeUri() + ": their objects are scanned again next time";
            LOG.warn(w);
            warnings.add(w);
        }
        return new StateCounts(ledger.safeUri(), objects, bytes, plan.objects().size() - objects,
                counts.bytes() - manifestBytes - bytes, read.entriesIgnored(), read.partsIgnored(),
                run.entriesWritten().value(), notWritten, warnings);
    }

    /**
     * {@code --baseline} read and checked, or null without one. Both baseline flags need the fixed
     * key (a random key's fingerprints match nothing of another run): without it, bad usage.
     */
    private BaselineFile.Read readBaseline(Configuration hconf) throws IOException {
        if (args.baseline() == null && args.writeBaseline() == null) {
            return null;
        }
        String value = System.getenv(config.fingerprintKeyEnv());
        if (value == null || value.isEmpty()) {
            throw new UsageException((args.baseline() != null ? "--baseline" : "--write-baseline")
                    + " needs the fixed fingerprint key its fingerprints are made under: set "
                    + config.fingerprintKeyEnv() + " (at least 16 bytes; fingerprint.keyEnvironmentVariable)");
        }
        return args.baseline() == null ? null : BaselineFile.read(args.baseline(), hconf, fingerprintKey());
    }

    /** Findings of the run that findings/ does not hold ({@code report.maxFindingsPerFile}): one small job. */
    private static long findingsNotWritten(Dataset<Row> scanned) {
        Row sum = ScanRows.collect(ScanRows.objects(scanned).agg(functions.sum("findingsNotWritten"))).get(0);
        return sum.isNullAt(0) ? 0 : sum.getLong(0);
    }

    /**
     * report.json's and verdict.json's {@code baseline}: where it is (masked), its key check (never
     * the key), its entries, and what it accepted in this run as the gate counts it.
     */
    static Map<String, Object> baselineJson(BaselineFile.Read baseline, DatasetCounts counted, PathMasker paths) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", paths.maskArgument(baseline.uri()));
        m.put("keyCheck", baseline.keyCheck());
        m.put("createdAt", baseline.createdAt());
        m.put("complete", baseline.complete());
        m.put("entries", baseline.accepted().size());
        m.put("acceptedFindings", counted.accepted());
        m.put("recordsAcceptedOnly", counted.recordsAcceptedOnly());
        return m;
    }

    /** report.json's {@code baselineWritten}: what {@code --write-baseline} wrote. */
    static Map<String, Object> baselineWrittenJson(BaselineFile.Written written, PathMasker paths) {
        return Report.ordered("uri", paths.maskArgument(written.uri()), "entries", written.entries(), "complete",
                written.complete(), "findingsNotListed", written.findingsNotListed());
    }

    /** The summary's lines of the baselines read and written (none without either). */
    static List<String> baselineLines(BaselineFile.Read baseline, BaselineFile.Written written, DatasetCounts counted,
            PathMasker paths) {
        List<String> lines = new ArrayList<>();
        if (baseline != null) {
            long n = counted.accepted();
            long records = counted.recordsAcceptedOnly();
            lines.add("  " + n + (n == 1 ? " finding" : " findings") + " accepted by the baseline "
                    + paths.maskArgument(baseline.uri()) + " (" + records
                    + (records == 1 ? " record holds" : " records hold") + " no other unmasked PII and "
                    + (records == 1 ? "does" : "do") + " not count)");
        }
        if (written != null) {
            lines.add("  baseline written: " + written.entries() + (written.entries() == 1 ? " entry" : " entries")
                    + " to " + paths.maskArgument(written.uri()));
            if (!written.complete()) {
                lines.add("    incomplete: " + written.findingsNotListed()
                        + " findings beyond report.maxFindingsPerFile are not in findings/, so not listed, and still"
                        + " count in a run with this baseline");
            }
        }
        return lines;
    }

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
