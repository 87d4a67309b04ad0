package dev.piigate.jobs.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.Partitioner;
import org.apache.spark.sql.Row;

import dev.piigate.jobs.state.StateSettings;
import scala.Tuple2;

/**
 * Which slice of the scan (its partition) each of the run's tasks is in, by the task's ledger name
 * ({@link StateSettings#taskKey}): earlier ledger entries are shuffled straight to the slice of
 * their task, and an entry of no task of this run is left out before the shuffle. Held as the
 * names' first 64 bits, sorted, and a slice each (12 bytes a task, shipped with the stage): two
 * tasks sharing 64 bits can send an entry to the other's slice, where it meets no task of its
 * name and is not used, so its object is scanned again; never reused for another object.
 */
public final class TaskSlices extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final long[] prefixes;
    private final int[] slices;
    private final int count;

    private TaskSlices(long[] prefixes, int[] slices, int count) {
        this.prefixes = prefixes;
        this.slices = slices;
        this.count = count;
    }

    /** The slices of {@code named} (slice {@code i}: the tasks {@code named.get(i)}, each with its ledger name). */
    public static TaskSlices of(List<List<Tuple2<String, Row>>> named) {
        List<long[]> all = new ArrayList<>(); // {prefix, slice}
        for (int s = 0; s < named.size(); s++) {
            for (Tuple2<String, Row> task : named.get(s)) {
                all.add(new long[] {prefix(task._1()), s});
            }
        }
        all.sort(Comparator.comparingLong(n -> n[0]));
        long[] prefixes = new long[all.size()];
        int[] slices = new int[all.size()];
        for (int i = 0; i < prefixes.length; i++) {
            prefixes[i] = all.get(i)[0];
            slices[i] = (int) all.get(i)[1];
        }
        return new TaskSlices(prefixes, slices, Math.max(1, named.size()));
    }

    /** Whether a task of this run may have {@code taskKey} as its name. */
    public boolean holds(String taskKey) {
        return Arrays.binarySearch(prefixes, prefix(taskKey)) >= 0;
    }

    @Override
    public int numPartitions() {
        return count;
    }

    /** The slice of the task named {@code key} (a task key held, see {@link #holds}); 0 for any other. */
    @Override
    public int getPartition(Object key) {
        int i = Arrays.binarySearch(prefixes, prefix((String) key));
        return i < 0 ? 0 : slices[i];
    }

    /**
     * The first 64 bits of a ledger name (hex). A name this run cannot have made (a foreign entry's)
     * gets its hash: found only by chance, and then it meets no task.
     */
    private static long prefix(String taskKey) {
        try {
            return Long.parseUnsignedLong(taskKey, 0, 16, 16);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return taskKey.hashCode();
        }
    }
}
