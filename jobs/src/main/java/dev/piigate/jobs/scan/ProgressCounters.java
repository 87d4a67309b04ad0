package dev.piigate.jobs.scan;

import java.io.Serializable;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The scan's progress as Spark accumulators, for the progress line on the driver: objects done,
 * bytes done, records, and records with unmasked PII (as the gate counts them). Executors add to
 * them as they go ({@link Task}); Spark merges a finished task's additions into the driver's values
 * and sends a running task's own with each executor heartbeat.
 *
 * <p>Information only: a task Spark runs twice (a lost executor, a recomputed partition) adds
 * twice. The report's counts come from the per-object rows, never from here.
 */
public final class ProgressCounters implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Bytes read are looked at every this many records: the look walks Hadoop's statistics. */
    static final int BYTES_EVERY_RECORDS = 1024;

    final LongAccumulator objects;
    final LongAccumulator bytes;
    final LongAccumulator records;
    final LongAccumulator recordsUnmasked;

    private ProgressCounters(LongAccumulator objects, LongAccumulator bytes, LongAccumulator records,
            LongAccumulator recordsUnmasked) {
        this.objects = objects;
        this.bytes = bytes;
        this.records = records;
        this.recordsUnmasked = recordsUnmasked;
    }

    /** New counters registered with {@code sc} (on the driver). */
    public static ProgressCounters register(SparkContext sc) {
        return new ProgressCounters(sc.longAccumulator("pii-gate objects done"),
                sc.longAccumulator("pii-gate bytes done"), sc.longAccumulator("pii-gate records"),
                sc.longAccumulator("pii-gate records with unmasked PII"));
    }

    /** The accumulators in {@link Values} order: objects, bytes, records, records with unmasked PII. */
    public List<LongAccumulator> accumulators() {
        return List.of(objects, bytes, records, recordsUnmasked);
    }

    /** The driver's values: what finished tasks added. */
    public Values values() {
        return new Values(objects.value(), bytes.value(), records.value(), recordsUnmasked.value());
    }

    /** One reading of the counters. */
    public record Values(long objects, long bytes, long records, long recordsUnmasked) {
        public static final Values ZERO = new Values(0, 0, 0, 0);

        public Values plus(Values o) {
            return new Values(objects + o.objects, bytes + o.bytes, records + o.records,
                    recordsUnmasked + o.recordsUnmasked);
        }
    }

    /**
     * One task's additions, object by object. While an object is read every record counts, and the
     * bytes the task's thread read (Hadoop's per-thread statistics, as Spark's input metrics use
     * them) count up to the object's size; when it is done its exact figures replace what was
     * added for it, so a finished task's additions equal its objects' results.
     */
    static final class Task implements ObjectScanner.Progress {
        private final ProgressCounters counters;
        private final boolean testValuesCount;
        private long expectedBytes;
        private long readBaseline;
        private long addedBytes;
        private long addedRecords;
        private long addedUnmasked;
        private int untilBytes;

        Task(ProgressCounters counters, boolean testValuesCount) {
            this.counters = counters;
            this.testValuesCount = testValuesCount;
        }

        /** @param expectedBytes the object's (or split's) size, or -1 when not known yet */
        void startObject(long expectedBytes) {
            this.expectedBytes = expectedBytes;
            readBaseline = threadBytesRead();
            addedBytes = 0;
            addedRecords = 0;
            addedUnmasked = 0;
            untilBytes = BYTES_EVERY_RECORDS;
        }

        @Override
        public void endRecord(boolean unmasked, boolean testValue) {
            counters.records.add(1);
            addedRecords++;
            if (unmasked || (testValue && testValuesCount)) {
                counters.recordsUnmasked.add(1);
                addedUnmasked++;
            }
            if (--untilBytes == 0) {
                untilBytes = BYTES_EVERY_RECORDS;
                long read = threadBytesRead() - readBaseline;
                long upTo = expectedBytes >= 0 ? Math.min(read, expectedBytes) : read;
                if (upTo > addedBytes) {
                    counters.bytes.add(upTo - addedBytes);
                    addedBytes = upTo;
                }
            }
        }

        /**
         * The object (or split) is done: its exact figures replace what was added for it.
         *
         * @param countsObject whether it counts as one object done (a split object counts once, by its first split)
         */
        void finishObject(boolean countsObject, long bytes, ObjectResult result) {
            counters.bytes.add(Math.max(bytes, 0) - addedBytes);
            counters.records.add(result.records() - addedRecords);
            counters.recordsUnmasked.add(result.counted(testValuesCount).recordsUnmasked() - addedUnmasked);
            if (countsObject) {
                counters.objects.add(1);
            }
        }

        /** Bytes this thread read through Hadoop file systems so far (all schemes). */
        @SuppressWarnings("deprecation") // the per-thread figures have no other door; Spark reads them the same way
        private static long threadBytesRead() {
            long read = 0;
            for (FileSystem.Statistics s : FileSystem.getAllStatistics()) {
                read += s.getThreadStatistics().getBytesRead();
            }
            return read;
        }
    }
}
