package dev.piigate.jobs.state;

import java.io.Serializable;

import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * What the executors need of a run with {@code --state}: where this run's ledger parts go, the
 * settings digest its entries carry, when to flush, and the accumulators that tell the driver what
 * was reused and what could not be written.
 *
 * @param entriesUri   STATE/entries in the form Hadoop reads it; null when the ledger cannot be written
 *                     (then nothing is written, and the run still reuses what it read)
 * @param settings     {@link StateSettings#digest}: an entry is reused only under the same digest
 * @param reusedWhole  one per task: the whole objects it reused, the last per partition counting (a
 *                     partition Spark computes again reuses the same), so exact
 * @param reusedSplits one per reused split, made distinct on the driver
 */
public record StateRun(String entriesUri, String runId, String settings, long flushMillis, int flushEntries,
        CollectionAccumulator<WholeReused> reusedWhole, CollectionAccumulator<SplitReused> reusedSplits,
        LongAccumulator entriesWritten, LongAccumulator writeFailures) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The ledger schema: an entry of another version is not read. */
    public static final int SCHEMA_VERSION = 1;

    /** The whole objects one task (of {@code partition}) reused, and their bytes. */
    public record WholeReused(int partition, long objects, long bytes) implements Serializable {}

    /** One reused split of an object ({@code object}: its keyed name), with the object's split count and size. */
    public record SplitReused(String object, int split, int splits, long size) implements Serializable {}
}
