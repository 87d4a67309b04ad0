package dev.piigate.jobs.report;

import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

import dev.piigate.jobs.scan.ObjectResult;
import dev.piigate.jobs.scan.ScanRows;
import dev.piigate.jobs.scan.ScanRows.At;

/**
 * The finding locations report.html lists for the worst objects: one pass over the scan's findings
 * in which each partition keeps at most {@code perObject} locations per worst object, merged on the
 * way to the driver, which so holds a few hundred locations, never the findings themselves. Plain
 * RDD work: the query it replaces (a broadcast join, a window, a sort) cost a run about 0.7 s of
 * Spark planning and two jobs, most of a small run's report time.
 */
public final class WorstLocations {
    /** At most this many locations per object, and in all: a page a person reads, not findings/. */
    public static final int PER_OBJECT = 20;
    public static final int TOTAL = 200;

    /** A location with its object's rank among the worst (0 is the worst). */
    record Ranked(int rank, String safeFile, Long record, String field, Integer start, Integer end, String type,
            String preview) implements Serializable {}

    /** As Spark's {@code ORDER BY record, start, field, end, type} sorts (ascending, nulls first, strings by UTF-8). */
    static final Comparator<Ranked> ORDER = Comparator.comparing(Ranked::record, nullsFirst(naturalOrder()))
            .thenComparing(Ranked::start, nullsFirst(naturalOrder()))
            .thenComparing(Ranked::field, nullsFirst(Report::compareAsSpark))
            .thenComparing(Ranked::end, nullsFirst(naturalOrder()))
            .thenComparing(Ranked::type, nullsFirst(Report::compareAsSpark));

    private WorstLocations() {}

    /**
     * The unmasked findings as the gate counts them (test values only when they count) of the
     * {@code worst} objects, worst object first, then by record, start, field, end and type; at most
     * {@code perObject} of an object and {@code total} in all.
     *
     * @param scanned the scan's rows ({@link ScanRows#SCHEMA}), read as they are: no query planned
     */
    public static List<FindingLocation> take(Dataset<Row> scanned, List<ObjectResult> worst,
            boolean testValuesCount, int perObject, int total) {
        if (worst.isEmpty() || perObject <= 0 || total <= 0) {
            return List.of();
        }
        // Keyed as the rows hold the path: no String made for each finding of an object not kept.
        HashMap<UTF8String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < worst.size(); i++) {
            ranks.putIfAbsent(UTF8String.fromString(worst.get(i).file()), i);
        }
        int keep = Math.min(perObject, total);
        Kept kept = ScanRows.internalRows(scanned)
                .mapPartitions(rows -> List.of(Kept.of(rows, ranks, testValuesCount, keep)).iterator())
                .fold(new Kept(Map.of()), (a, b) -> a.merge(b, keep)); // fold: reduce throws on no partitions
        List<FindingLocation> out = new ArrayList<>();
        for (int rank = 0; rank < worst.size() && out.size() < total; rank++) {
            for (Ranked r : kept.sorted(rank)) {
                if (out.size() == total) {
                    break;
                }
                out.add(new FindingLocation(r.safeFile(), r.record() == null ? -1 : r.record(), r.field(),
                        r.start() == null ? -1 : r.start(), r.end() == null ? -1 : r.end(), r.type(), r.preview()));
            }
        }
        return out;
    }

    /** Per worst object, its first {@code keep} locations in {@link #ORDER} seen so far. */
    record Kept(Map<Integer, List<Ranked>> byRank) implements Serializable {
        /** From the scan's rows ({@link ScanRows#SCHEMA}): the unmasked findings of the ranked objects. */
        static Kept of(Iterator<InternalRow> rows, Map<UTF8String, Integer> ranks, boolean testValuesCount, int keep) {
            Map<Integer, PriorityQueue<Ranked>> last = new HashMap<>(); // the kept ones, the last in order on top
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                if (row.isNullAt(At.FINDING)) {
                    continue;
                }
                InternalRow r = ScanRows.findingOf(row);
                Integer rank = ranks.get(r.getUTF8String(At.FILE));
                // As SQL's "masked = false [AND testValue = false]": a null flag is not counted.
                if (rank == null || r.isNullAt(At.MASKED) || r.getBoolean(At.MASKED)
                        || (!testValuesCount && (r.isNullAt(At.TEST_VALUE) || r.getBoolean(At.TEST_VALUE)))) {
                    continue;
                }
                Ranked l = new Ranked(rank, text(r, At.SAFE_FILE), r.isNullAt(At.RECORD) ? null : r.getLong(At.RECORD),
                        text(r, At.FIELD), r.isNullAt(At.START) ? null : r.getInt(At.START),
                        r.isNullAt(At.END) ? null : r.getInt(At.END), text(r, At.TYPE), text(r, At.PREVIEW));
                PriorityQueue<Ranked> q = last.computeIfAbsent(rank, k -> new PriorityQueue<>(ORDER.reversed()));
                if (q.size() < keep) {
                    q.add(l);
                } else if (ORDER.compare(l, q.peek()) < 0) {
                    q.poll();
                    q.add(l);
                }
            }
            Map<Integer, List<Ranked>> byRank = new HashMap<>();
            last.forEach((rank, q) -> byRank.put(rank, new ArrayList<>(q)));
            return new Kept(byRank);
        }

        private static String text(InternalRow r, int i) {
            return r.isNullAt(i) ? null : r.getUTF8String(i).toString();
        }

        Kept merge(Kept other, int keep) {
            Map<Integer, List<Ranked>> merged = new HashMap<>(byRank);
            other.byRank.forEach((rank, list) -> merged.merge(rank, list, (a, b) -> {
                List<Ranked> both = new ArrayList<>(a);
                both.addAll(b);
                both.sort(ORDER);
                return new ArrayList<>(both.subList(0, Math.min(keep, both.size())));
            }));
            return new Kept(merged);
        }

        List<Ranked> sorted(int rank) {
            List<Ranked> list = new ArrayList<>(byRank.getOrDefault(rank, List.of()));
            list.sort(ORDER);
            return list;
        }
    }
}
