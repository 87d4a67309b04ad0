package dev.piigate.jobs.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.TaskCompletionListener;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.read.ByteRange;
import dev.piigate.jobs.read.ExecutorParserProcesses;
import dev.piigate.jobs.read.Format;
import dev.piigate.jobs.read.ParserProcesses;
import dev.piigate.jobs.state.StateRun;

/**
 * The executor side of the scan. It ships the configuration as its YAML text and builds the
 * detectors on the executor (no Java-serialised detector objects), then scans the partition's
 * objects one at a time, lazily, so only one object's rows are held at once. Its rows are
 * {@link ScanRows#SCHEMA}: each finding, then the object's result.
 */
public final class PartitionScanner implements FlatMapFunction<Iterator<Row>, InternalRow> {
    private static final long serialVersionUID = 1L;

    private final String configYaml;
    private final byte[] fingerprintKey;
    private final String forcedFormat;
    /** What {@code --baseline} accepts, shipped once per executor; null without a baseline. */
    private final Broadcast<AcceptedSet> accepted;
    /** Where the scan's progress is added up, or null for none. */
    private final ProgressCounters progress;
    /** The run's ledger ({@code --state}), or null: input rows then carry their earlier entry last. */
    private final StateRun state;

    public PartitionScanner(String configYaml, byte[] fingerprintKey, Format forcedFormat) {
        this(configYaml, fingerprintKey, forcedFormat, null);
    }

    /** @param accepted the baseline's entries, or null when the run has none */
    public PartitionScanner(String configYaml, byte[] fingerprintKey, Format forcedFormat,
            Broadcast<AcceptedSet> accepted) {
        this(configYaml, fingerprintKey, forcedFormat, accepted, null);
    }

    /** @param progress where the scan's progress is added up as objects are read, or null for none */
    public PartitionScanner(String configYaml, byte[] fingerprintKey, Format forcedFormat,
            Broadcast<AcceptedSet> accepted, ProgressCounters progress) {
        this(configYaml, fingerprintKey, forcedFormat, accepted, progress, null);
    }

    /**
     * @param state the run's ledger, or null: with one, each input row ({@link ScanTasks#withPrior})
     *              carries its task's earlier entry, reused when it can stand, and each task scanned is recorded
     */
    public PartitionScanner(String configYaml, byte[] fingerprintKey, Format forcedFormat,
            Broadcast<AcceptedSet> accepted, ProgressCounters progress, StateRun state) {
        this.state = state;
        this.configYaml = configYaml;
        this.fingerprintKey = fingerprintKey.clone();
        this.forcedFormat = forcedFormat == null ? null : forcedFormat.name();
        this.accepted = accepted;
        this.progress = progress;
    }

    /** Input rows: {@link ScanTasks#SCHEMA}; output: {@link ScanRows#SCHEMA}, as internal rows. */
    @Override
    public Iterator<InternalRow> call(Iterator<Row> input) {
        Config config = ConfigLoader.parse(configYaml, "configuration");
        TextScanner scanner = new TextScanner(DetectorRegistry.load().create(config.detectors()),
                config.detectors().allowList());
        ProgressCounters.Task task = progress == null ? null
                : new ProgressCounters.Task(progress, config.policy().testValuesCountAsUnmasked());
        ObjectScanner objects = new ObjectScanner(config, scanner, new Fingerprinter(fingerprintKey), executorConf(),
                parserProcessesForThisTask(), accepted == null ? AcceptedSet.NONE : accepted.value(),
                task == null ? ObjectScanner.Progress.NONE : task);
        TaskLedger ledger = null;
        if (state != null) {
            TaskContext context = TaskContext.get();
            TaskLedger opened = new TaskLedger(state, fingerprintKey, executorConf(),
                    context == null ? 0 : context.partitionId(), context == null ? 0 : context.taskAttemptId());
            if (context != null) {
                // However the task ends, what it finished is written: a resumed run need not scan it again.
                context.addTaskCompletionListener((TaskCompletionListener) c -> opened.finish());
            }
            ledger = opened;
        }
        return scanEach(input, objects, forcedFormat == null ? null : Format.valueOf(forcedFormat), task, ledger);
    }

    /**
     * The executor's parser processes, held until this task ends (however it ends): the last task
     * to let go ends them ({@link ExecutorParserProcesses}). Package-private for the benchmark's
     * read-only pass.
     */
    static ParserProcesses parserProcessesForThisTask() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            throw new IllegalStateException("not in a Spark task: nothing would release the parser processes");
        }
        ExecutorParserProcesses.Lease lease = ExecutorParserProcesses.lease();
        task.addTaskCompletionListener((TaskCompletionListener) context -> lease.close());
        return lease.processes();
    }

    /**
     * The Hadoop configuration on an executor (the session's, as Spark ships it), or a default one
     * elsewhere; a new instance per call, which the caller may change. On an executor it is a copy
     * of one made once per executor: making it anew parsed Hadoop's XML resources every time,
     * twice per task with {@code --state} (6% of a re-run's task CPU).
     */
    public static Configuration executorConf() {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            return new Configuration();
        }
        ExecutorConf made = executorConf;
        if (made == null || made.env() != env) {
            Configuration conf = SparkHadoopUtil.get().newConfiguration(env.conf());
            conf.size(); // its resources read now, once: a copy of a configuration not yet read reads them again
            made = new ExecutorConf(env, conf);
            executorConf = made;
        }
        return new Configuration(made.conf());
    }

    /** The configuration {@link #executorConf} copies, and the executor (SparkEnv) it was made for: never changed. */
    private record ExecutorConf(SparkEnv env, Configuration conf) {}

    private static volatile ExecutorConf executorConf;

    /**
     * The objects of a partition scanned one at a time, lazily. Package-private so the benchmark's
     * read-only pass (test code) runs this same loop with a scanner of zero detectors.
     */
    static Iterator<InternalRow> scanEach(Iterator<Row> input, ObjectScanner objects, Format format) {
        return scanEach(input, objects, format, null);
    }

    /** @param progress the task's progress, told of each object (or split) before and after it is read; or null */
    static Iterator<InternalRow> scanEach(Iterator<Row> input, ObjectScanner objects, Format format,
            ProgressCounters.Task progress) {
        return scanEach(input, objects, format, progress, null);
    }

    /** @param ledger the task's side of {@code --state}, or null */
    static Iterator<InternalRow> scanEach(Iterator<Row> input, ObjectScanner objects, Format format,
            ProgressCounters.Task progress, TaskLedger ledger) {
        return new Iterator<>() {
            private Iterator<InternalRow> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && input.hasNext()) {
                    Row task = input.next();
                    long size = task.isNullAt(1) ? -1 : task.getLong(1);
                    ByteRange range = ScanTasks.range(task);
                    if (progress != null) {
                        progress.startObject(range == null ? size : range.end() - range.start());
                    }
                    ScannedObject scanned = ledger == null ? null : reused(ledger, task, range);
                    if (scanned == null) {
                        FileStatus before = ledger == null ? null : ledger.before(task);
                        scanned = objects.scan(task.getString(0), task.getInt(3), size,
                                task.isNullAt(2) ? null : task.getString(2), format, range);
                        if (ledger != null) {
                            ledger.record(task, scanned, before);
                        }
                    }
                    if (progress != null) {
                        // A split object counts as done once, by its first split; its bytes by each split.
                        progress.finishObject(range == null || range.first(),
                                range == null ? scanned.result().size() : range.end() - range.start(),
                                scanned.result());
                    }
                    List<InternalRow> rows = new ArrayList<>(scanned.findings().size() + 1);
                    SplitPart split = scanned.split();
                    if (split == null) {
                        scanned.findings().forEach(f -> rows.add(ScanRows.internal(f)));
                        rows.add(ScanRows.internal(scanned.result()));
                    } else {
                        long ordinal = 0;
                        for (FindingRow f : scanned.findings()) {
                            rows.add(ScanRows.internal(f, split.index(), ordinal++));
                        }
                        rows.add(ScanRows.internal(scanned.result(), split));
                    }
                    current = rows.iterator();
                }
                return current.hasNext();
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The task's earlier rows if its entry can stand now, counted as reused; else null. */
    private static ScannedObject reused(TaskLedger ledger, Row task, ByteRange range) {
        if (task.length() <= ScanTasks.PRIOR || task.isNullAt(ScanTasks.PRIOR)) {
            return null;
        }
        ScannedObject scanned = ledger.reuse((byte[]) task.get(ScanTasks.PRIOR), task);
        if (scanned != null) {
            ledger.countReused(task, range, scanned.result().size());
        }
        return scanned;
    }
}
