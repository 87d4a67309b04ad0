package dev.piigate.jobs;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigException;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.manifest.ManifestException;
import dev.piigate.jobs.s3.CreateOnlyUnsupported;
import dev.piigate.jobs.s3.PublishConflict;
import dev.piigate.jobs.s3.StorageCause;
import dev.piigate.jobs.s3.StorageFailure;
import dev.piigate.jobs.scan.PathMasker;
import dev.piigate.jobs.state.CodeIdentity;
import dev.piigate.jobs.state.StateLock;

/**
 * Entry point for spark-submit, SageMaker Processing and scripts/scan. Exit status: 0 PASS,
 * 2 BLOCK, 1 error (nothing approved), 64 bad usage or bad configuration.
 */
public final class Main {
    public static final int PASS = 0;
    public static final int ERROR = 1;
    public static final int BLOCK = 2;
    public static final int USAGE = 64;

    private Main() {}

    public static void main(String[] argv) {
        int status = run(argv, System.out, System.err);
        if (exitExplicitly(status, System.getProperty("spark.submit.deployMode"))) {
            System.exit(status);
        }
    }

    /**
     * In YARN cluster mode (an EMR step with {@code --deploy-mode cluster}) the driver runs inside
     * the ApplicationMaster, which marks the application FAILED whenever user code calls
     * {@code System.exit}, even with 0: there PASS must return normally, and BLOCK or error exit
     * so that the application, spark-submit and the step fail. Everywhere else the status is the
     * process's exit status.
     */
    static boolean exitExplicitly(int status, String deployMode) {
        return status != PASS || !"cluster".equals(deployMode);
    }

    /** Runs the job and returns the exit status; never calls System.exit (tests call this). */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0) {
            // Called bare: what to type, not a complaint about one missing flag.
            err.print(Args.HELP);
            return USAGE;
        }
        Args args;
        Config config;
        try {
            args = Args.parse(argv);
            if (args.help()) {
                out.print(Args.HELP);
                return PASS;
            }
            if (args.version()) {
                out.println("pii-gate " + Versions.piiGate());
                return PASS;
            }
            config = args.config() == null ? ConfigLoader.defaults() : ConfigLoader.load(Path.of(args.config()));
        } catch (UsageException | ConfigException e) {
            err.println("pii-gate: " + e.getMessage());
            return USAGE;
        }
        Level logLevel = LogManager.getRootLogger().getLevel();
        if (args.verbosity() == Verbosity.VERBOSE) {
            // Before the session exists, so Spark's start-up is logged too.
            Configurator.setRootLevel(Level.INFO);
        }
        try {
            return runJob(args, config, out, err);
        } finally {
            if (args.verbosity() == Verbosity.VERBOSE) {
                Configurator.setRootLevel(logLevel); // a caller's JVM (a test, a notebook) keeps its logging
            }
        }
    }

    private static int runJob(Args args, Config config, PrintStream out, PrintStream err) {
        boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        if (args.state() != null) {
            CodeIdentity.prepare(ScanJob.code()); // hashed while Spark starts
        }
        SparkSession spark = session(args);
        try {
            Decision d = new ScanJob(spark, args, config, out, err).run();
            return switch (d) {
                case PASS -> PASS;
                case BLOCK -> BLOCK;
                case ERROR -> ERROR;
            };
        } catch (PublishConflict e) {
            // Lost a race to publish: what the winner published stands, so no withdraw here.
            err.println("pii-gate: error: " + masked(config, e.getMessage())
                    + "; this run published no verdict and no approval");
            printChain(args, config, e, err);
            return ERROR;
        } catch (StateLock.InUse e) {
            // Another live run holds --state: nothing was read or withdrawn, and its outcome stands.
            err.println("pii-gate: error: --state " + masked(config, args.state()) + ": " + e.getMessage()
                    + "; nothing approved");
            return ERROR;
        } catch (CreateOnlyUnsupported e) {
            // Found before anything was read or withdrawn: a deployment to fix, not a data problem.
            err.println("pii-gate: " + masked(config, e.getMessage()));
            return USAGE;
        } catch (FileNotFoundException e) {
            // Only INPUT paths reach here: a missing object inside a dataset is a status, not an error.
            err.println("pii-gate: " + masked(config, e.getMessage()));
            withdraw(args, config, spark);
            return USAGE;
        } catch (UsageException e) {
            // Found before anything was read or withdrawn (a --redact-to that is not new, say).
            err.println("pii-gate: " + masked(config, e.getMessage()));
            return USAGE;
        } catch (ConfigException e) {
            err.println("pii-gate: " + masked(config, e.getMessage()));
            withdraw(args, config, spark);
            return USAGE;
        } catch (StorageFailure e) {
            // Our words only: the step, its URI masked, and the cause read from types and S3's codes.
            printStorageError(StorageCause.explain(e, masked(config, e.uri())), args, err);
            printChain(args, config, e, err);
            withdraw(args, config, spark);
            return ERROR;
        } catch (ManifestException | JobException e) {
            err.println("pii-gate: error: " + masked(config, e.getMessage()) + "; nothing approved");
            printChain(args, config, e, err);
            withdraw(args, config, spark);
            return ERROR;
        } catch (Exception | StackOverflowError e) {
            // Messages of other exceptions (Spark task failures among them) may quote data: class only,
            // or what a storage failure no step named was, read from its types and codes.
            List<String> storage = StorageCause.explain(e);
            if (storage.isEmpty()) {
                err.println("pii-gate: error: " + e.getClass().getName() + "; nothing approved"
                        + (args.verbosity() == Verbosity.VERBOSE ? "" : " (--verbose shows the exception chain)"));
            } else {
                printStorageError(storage, args, err);
            }
            printChain(args, config, e, err);
            withdraw(args, config, spark);
            return ERROR;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /** A storage error: its first line as the error, what to do indented below it. */
    private static void printStorageError(List<String> lines, Args args, PrintStream err) {
        err.println("pii-gate: error: " + lines.get(0) + "; nothing approved"
                + (args.verbosity() == Verbosity.VERBOSE ? "" : " (--verbose shows the exception chain)"));
        lines.subList(1, lines.size()).forEach(err::println);
    }

    /**
     * Our messages name paths (an INPUT, a manifest, a Macie results file) and a path can hold PII:
     * masked as report paths are, without a fingerprint.
     */
    static String masked(Config config, String message) {
        try {
            return new PathMasker(TextScanner.create(config.detectors()), null).maskText(message);
        } catch (RuntimeException e) {
            return "(message withheld: " + e.getClass().getName() + ")"; // fail closed: no unmasked path
        }
    }

    /** Under --verbose, the error's exception chain on {@code err} ({@link #chain}). */
    private static void printChain(Args args, Config config, Throwable e, PrintStream err) {
        if (args.verbosity() == Verbosity.VERBOSE) {
            chain(e, message -> masked(config, message)).forEach(err::println);
        }
    }

    /** Causes and suppressed exceptions deeper than this are left out: a chain is for reading. */
    static final int CHAIN_DEPTH = 12;

    /**
     * An error's exception chain, one line each: its causes, and the exceptions suppressed along the
     * way (a failed clean-up). Class names always; a message only of pii-gate's own exceptions, masked
     * as report paths are: a message of Spark, Hadoop, the AWS SDK or a parser can quote a record.
     */
    static List<String> chain(Throwable e, UnaryOperator<String> mask) {
        List<String> lines = new ArrayList<>();
        chain(e, "  at first: ", mask, lines, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()), 0);
        return lines;
    }

    private static void chain(Throwable e, String label, UnaryOperator<String> mask, List<String> lines,
            java.util.Set<Throwable> seen, int depth) {
        if (e == null || !seen.add(e)) {
            return; // a cycle, or the end
        }
        if (depth >= CHAIN_DEPTH) {
            lines.add("  ... (deeper causes left out)");
            return;
        }
        String name = e.getClass().getName();
        boolean ours = name.startsWith("dev.piigate.") && e.getMessage() != null;
        lines.add(label + name + (ours ? ": " + mask.apply(e.getMessage()) : ""));
        for (Throwable s : e.getSuppressed()) {
            chain(s, "  suppressed: ", mask, lines, seen, depth + 1);
        }
        chain(e.getCause(), "  caused by: ", mask, lines, seen, depth + 1);
    }

    /** On error an earlier approval of the manifest no longer stands: fail closed. */
    private static void withdraw(Args args, Config config, SparkSession spark) {
        if (args.manifest() == null) {
            return;
        }
        try {
            ManifestApproval.withdraw(args.manifest(), config, spark.sparkContext().hadoopConfiguration());
        } catch (Exception e) {
            System.err.println("pii-gate: could not withdraw an earlier approval of "
                    + masked(config, args.manifest()) + ": " + e.getClass().getName());
        }
    }

    /**
     * The session spark-submit configured, or a local one ({@code local[*]}) when run as a plain
     * java program. {@code --conf} settings are applied either way.
     */
    static SparkSession session(Args args) {
        boolean creating = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkConf conf = sessionConf(args, new SparkConf(), creating);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        args.conf().forEach((k, v) -> {
            if (k.startsWith("spark.hadoop.")) {
                spark.sparkContext().hadoopConfiguration().set(k.substring("spark.hadoop.".length()), v);
            }
        });
        return spark;
    }

    /**
     * The settings of the run's session: what spark-submit set ({@code submitted}), then --conf, then
     * defaults where neither says otherwise.
     *
     * @param creating no session exists yet, so this run builds its own (a caller's session keeps its settings)
     */
    static SparkConf sessionConf(Args args, SparkConf submitted, boolean creating) {
        SparkConf conf = submitted.clone();
        args.conf().forEach(conf::set);
        // Before the context exists, so executors (which build their Hadoop settings from SparkConf) get them too.
        args.outputEncryption().forEach((k, v) -> conf.set("spark.hadoop." + k, v));
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
        }
        int threads = localThreads(conf.get("spark.master"));
        if (creating && threads > 0) {
            // One JVM, data on one machine: adaptive execution only adds work here (it runs the
            // persisted scan as a job of its own before the findings write that reads it, and
            // re-plans every step), and a sort's shuffle needs no more partitions than task threads
            // (Spark's default is 200 tasks). A cluster (EMR, SageMaker) keeps Spark's defaults.
            conf.setIfMissing("spark.sql.adaptive.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(threads));
            // Spark's stage bar redraws stderr with carriage returns and says nothing about bytes,
            // records or PII: the summary (and --verbose's log) say what the run did.
            conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        }
        conf.setIfMissing("spark.app.name", "pii-gate");
        // Speculative copies of a task are not safe with every output committer: off unless asked for.
        conf.setIfMissing("spark.speculation", "false");
        return conf;
    }

    private static final Pattern LOCAL_MASTER = Pattern.compile("local(?:\\[(\\*|[1-9][0-9]{0,3})(?:,[0-9]+)?])?");

    /**
     * The task threads of a local master ({@code local}, {@code local[N]}, {@code local[*]},
     * {@code local[N,F]}), or 0 for any other master (a cluster, {@code local-cluster[...]}).
     */
    static int localThreads(String master) {
        Matcher m = LOCAL_MASTER.matcher(master);
        if (!m.matches()) {
            return 0;
        }
        if (m.group(1) == null) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }
}
