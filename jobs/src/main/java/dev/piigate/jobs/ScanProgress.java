package dev.piigate.jobs;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;

import dev.piigate.jobs.scan.ProgressCounters;
import scala.Tuple4;

/**
 * The progress line on stderr while the scan runs: objects done of total, bytes done of total,
 * records, records with unmasked PII so far, MB/s and the time left, one line every few seconds
 * from a daemon thread, and a final line when {@link #stop} is called (before the summary). Only
 * numbers: never a path or a value.
 *
 * <p>The figures are the {@link ProgressCounters}: what finished tasks added (Spark merges it on
 * the driver) plus what running tasks had added at their executor's last heartbeat
 * ({@code spark.executor.heartbeatInterval}, 10 s by default), so one long task still moves the
 * line. A task Spark runs twice adds twice: the line informs, the report's counts are the exact ones.
 */
final class ScanProgress {
    /** The interval in milliseconds, for tests: {@code -Dpiigate.progress.intervalMillis=100}. */
    static final String INTERVAL_PROPERTY = "piigate.progress.intervalMillis";
    static final long TERMINAL_INTERVAL_MILLIS = 3_000;
    /** Not a terminal (EMR step logs, SageMaker's CloudWatch stream): fewer lines. */
    static final long LOG_INTERVAL_MILLIS = 30_000;

    private final SparkContext sc;
    private final ProgressCounters counters;
    private final long totalObjects;
    private final long totalBytes;
    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private final Heartbeats heartbeats;
    private final Thread printer;
    private boolean stopped;

    private ScanProgress(SparkContext sc, long totalObjects, long totalBytes, PrintStream err, long intervalMillis) {
        this.sc = sc;
        this.counters = ProgressCounters.register(sc);
        this.totalObjects = totalObjects;
        this.totalBytes = totalBytes;
        this.err = err;
        this.heartbeats = new Heartbeats(counters.accumulators());
        sc.addSparkListener(heartbeats);
        printer = new Thread(() -> print(intervalMillis), "pii-gate progress");
        printer.setDaemon(true);
        printer.start();
    }

    /**
     * Starts printing. {@code totalBytes} is -1 when a size is not known before the scan (manifest
     * entries are looked up on the executors): the time left is then "?".
     */
    static ScanProgress start(SparkContext sc, long totalObjects, long totalBytes, PrintStream err) {
        return new ScanProgress(sc, totalObjects, totalBytes, err, interval());
    }

    /** Every 3 s on a terminal, every 30 s into a log; a system property for tests. */
    static long interval() {
        String set = System.getProperty(INTERVAL_PROPERTY);
        if (set != null) {
            try {
                return Math.max(10, Long.parseLong(set.trim()));
            } catch (NumberFormatException e) {
                // not a number: the default, rather than a failed run over a progress line
            }
        }
        return System.console() == null ? LOG_INTERVAL_MILLIS : TERMINAL_INTERVAL_MILLIS;
    }

    /** Where the executors add up the scan's progress. */
    ProgressCounters counters() {
        return counters;
    }

    /** Ends the line printing and prints the final line; the second call does nothing. */
    void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            notifyAll();
        }
        try {
            printer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sc.removeSparkListener(heartbeats);
        // Every task has ended: the driver's values are all there is (no running task's partial).
        err.println(line(counters.values(), totalObjects, totalBytes, System.nanoTime() - startNanos, true));
    }

    private void print(long intervalMillis) {
        while (true) {
            synchronized (this) {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intervalMillis);
                while (!stopped) {
                    long wait = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                    if (wait <= 0) {
                        break;
                    }
                    try {
                        wait(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopped) {
                    return;
                }
            }
            ProgressCounters.Values now = counters.values().plus(heartbeats.running());
            err.println(line(now, totalObjects, totalBytes, System.nanoTime() - startNanos, false));
        }
    }

    /**
     * One line: {@code pii-gate: scanning: 3/10 objects, 1.2/4.0 GB, 12,345 records, 7 with
     * unmasked PII, 85.1 MB/s, 34s left}; the final one says {@code scanned:} and the time taken.
     * A count that ran past its total (a task run twice) is shown at the total.
     */
    static String line(ProgressCounters.Values v, long totalObjects, long totalBytes, long elapsedNanos,
            boolean last) {
        long objects = Math.min(v.objects(), totalObjects);
        long bytes = totalBytes >= 0 ? Math.min(v.bytes(), totalBytes) : v.bytes();
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? bytes / seconds : 0;
        long scale = totalBytes >= 0 ? totalBytes : bytes;
        String size = amount(bytes, scale) + "/" + (totalBytes >= 0 ? amount(totalBytes, scale) : "?") + unit(scale);
        String time;
        if (last) {
            time = "in " + duration(Math.round(seconds));
        } else if (totalBytes < 0 || rate <= 0) {
            time = "? left";
        } else {
            time = duration(Math.round((totalBytes - bytes) / rate)) + " left";
        }
        return String.format(Locale.ROOT, "pii-gate: %s %,d/%,d objects, %s, %,d records, %,d with unmasked PII, %.1f MB/s, %s",
                last ? "scanned:" : "scanning:", objects, totalObjects, size, v.records(), v.recordsUnmasked(),
                rate / 1e6, time);
    }

    /** B below 1 kB (a sample file reads "17/17 B", not "0.0/0.0 kB"), kB, MB from 1 MB on, GB from 1 GB on (decimal units, as MB/s). */
    static String unit(long scale) {
        return scale >= 1_000_000_000L ? " GB" : scale >= 1_000_000L ? " MB" : scale >= 1_000L ? " kB" : " B";
    }

    /** {@code n} bytes in {@link #unit}{@code (scale)}, one decimal (whole bytes below 1 kB). */
    static String amount(long n, long scale) {
        if (scale < 1_000L) {
            return Long.toString(n);
        }
        double in = scale >= 1_000_000_000L ? 1e9 : scale >= 1_000_000L ? 1e6 : 1e3;
        return String.format(Locale.ROOT, "%.1f", n / in);
    }

    /** {@code 42s}, {@code 3m05s}, {@code 2h07m}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /**
     * What running tasks had added at their executor's last heartbeat, per task, from
     * {@link SparkListenerExecutorMetricsUpdate}: executors send every running task's accumulators,
     * ours among them, with each heartbeat. A task's figures go when it ends (Spark has merged them
     * into the driver's values by then); a heartbeat that arrives after the end is ignored.
     */
    static final class Heartbeats extends SparkListener {
        private final long[] ids;
        private final Map<Long, long[]> running = new ConcurrentHashMap<>();
        private final Set<Long> ended = new HashSet<>();

        Heartbeats(List<LongAccumulator> accumulators) {
            ids = accumulators.stream().mapToLong(LongAccumulator::id).toArray();
        }

        @Override
        public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
            scala.collection.Iterator<Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>>> tasks =
                    update.accumUpdates().iterator();
            while (tasks.hasNext()) {
                Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>> task = tasks.next();
                long taskId = (Long) task._1();
                long[] values = null;
                scala.collection.Iterator<AccumulableInfo> infos = task._4().iterator();
                while (infos.hasNext()) {
                    AccumulableInfo info = infos.next();
                    for (int k = 0; k < ids.length; k++) {
                        if (info.id() == ids[k] && info.update().isDefined()
                                && info.update().get() instanceof Long value) {
                            if (values == null) {
                                values = new long[ids.length];
                            }
                            values[k] = value;
                        }
                    }
                }
                if (values != null) {
                    synchronized (ended) {
                        if (!ended.contains(taskId)) {
                            running.put(taskId, values);
                        }
                    }
                }
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            long taskId = end.taskInfo().taskId();
            synchronized (ended) {
                ended.add(taskId);
                running.remove(taskId);
            }
        }

        /** The sum over running tasks. */
        ProgressCounters.Values running() {
            long[] sum = new long[4];
            for (long[] values : running.values()) {
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += values[k];
                }
            }
            return new ProgressCounters.Values(sum[0], sum[1], sum[2], sum[3]);
        }
    }
}
