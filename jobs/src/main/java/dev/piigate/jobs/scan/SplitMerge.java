package dev.piigate.jobs.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.functions;

import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.read.RangeRead;
import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;

/**
 * Turns the rows of split objects into the rows the whole object would have given, after the scan
 * and before anything reads them (findings/, the merge, the sample, Macie, the tags, the report):
 * <ul>
 * <li>one object row per object: exact sums of the splits' counts; the worst split's status and
 * reason (SKIPPED only when no split delivered a record); {@code findingsWritten} as the whole
 * object would have written them;</li>
 * <li>fail closed when the splits do not add up to the object: their looks before reading differ
 * (size, ETag, version, modification time: OBJECT_CHANGED), or, all COMPLETE, their lines do not
 * meet (split k must start at the byte where split k-1 ended, the first at 0, the last end at the
 * object's size; or the first read the whole object and the others nothing; for Parquet, split k's
 * rows must start where split k-1's end, the first's at row 0, each delivering the rows its row
 * groups hold): READ_ERROR;</li>
 * <li>an object a split of which may have read otherwise than a read of the whole object
 * ({@link RangeRead.Scope#LINES_UNSURE}: a CSV quoted line break or a text's private key block
 * across its end, so the next split started inside a record and read it as records of its own;
 * undecodable characters where the text check's windows could judge otherwise) is scanned again
 * whole, and that scan's rows replace its splits' rows: exact where a merge could not be;</li>
 * <li>each finding's {@code record} made the object's: a split numbers its lines from 0, so the
 * lines of the splits before it are added (one small row per split reaches the driver, never one
 * per record); findings beyond {@code report.maxFindingsPerFile} for the object are dropped, in
 * order, so findings/ holds what the unsplit scan would have written.</li>
 * </ul>
 * Record numbers are exact for an object whose splits all read to their end; after a split that
 * stopped early (which leaves the object PARTIAL) later splits' records are numbered as if it had
 * delivered only what it did. A Parquet split's records are numbered as the object's rows from the
 * footer ({@link RangeRead.Scope#ROW_GROUPS}): exact whatever the other splits did.
 */
public final class SplitMerge {
    private SplitMerge() {}

    /** Scans objects again, each whole, as the scan did. */
    @FunctionalInterface
    public interface WholeScan {
        /**
         * @param files the objects' paths
         * @return their {@link ScanRows#SCHEMA} rows (each object's findings, then its result); they
         *         are read more than once, so persist them
         */
        Dataset<Row> scan(Set<String> files);
    }

    /**
     * The scan's rows with split objects merged; {@code scanned} as is when no object was split.
     * Runs one job over {@code scanned} (persist it first: the rows are read again afterwards).
     * Objects a split of which read unlike a whole read ({@link RangeRead.Scope#LINES_UNSURE}) are
     * scanned again through {@code whole}.
     */
    public static Dataset<Row> apply(SparkSession spark, Dataset<Row> scanned, long maxFindingsPerFile,
            boolean anySplit, WholeScan whole) {
        if (!anySplit) {
            return scanned;
        }
        spark.sparkContext().setJobDescription("scan, then merge the splits of large objects");
        List<Row> partRows = ScanRows.collect(scanned.filter(functions.col("objectSplit").isNotNull())
                .select("object", "objectSplit"));
        Map<String, List<Part>> byFile = new TreeMap<>();
        for (Row r : partRows) {
            ObjectResult result = ScanRows.objectResult(r.getStruct(0));
            byFile.computeIfAbsent(result.file(), f -> new ArrayList<>())
                    .add(new Part(result, ScanRows.splitPart(r.getStruct(1))));
        }
        HashMap<String, long[]> fixes = new HashMap<>();
        List<InternalRow> merged = new ArrayList<>(byFile.size());
        Set<String> again = new TreeSet<>();
        for (List<Part> parts : byFile.values()) {
            Merged m = merge(parts, maxFindingsPerFile);
            if (m.readWhole()) {
                again.add(m.result().file()); // its splits' findings all dropped below (none kept)
            } else {
                merged.add(ScanRows.internal(m.result()));
            }
            for (int k = 0; k < m.bases().length; k++) {
                fixes.put(key(m.result().file(), k), new long[] {m.bases()[k], m.kept()[k]});
            }
        }
        Broadcast<HashMap<String, long[]>> broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(fixes);
        // Internal rows in and out (ScanRows.dataset says why): every finding of a split object passes
        // here, and as Rows each was converted out of Spark and back in again.
        FixFindings fix = new FixFindings(broadcast);
        Dataset<Row> findings = ScanRows.dataset(spark,
                ScanRows.internalRows(scanned.filter(functions.col("objectSplit").isNull())).mapPartitions(fix::call));
        Dataset<Row> rows = findings.union(ScanRows.dataset(spark,
                JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(merged, 1)));
        return again.isEmpty() ? rows : rows.union(whole.scan(again));
    }

    /** Whether any of these objects is scanned in splits ({@link ScanTasks#balanced}). */
    public static boolean anySplit(List<InputObject> objects, long splitBytes, dev.piigate.jobs.read.Format format) {
        return ScanTasks.tasks(objects, splitBytes, format).stream().anyMatch(t -> t.splits() > 1);
    }

    static String key(String file, int split) {
        return split + ":" + file;
    }

    /** One split's object row. */
    record Part(ObjectResult result, SplitPart split) {}

    /**
     * @param bases     the record number of each split's line 0
     * @param kept      how many of each split's findings (in the order found) findings/ keeps
     * @param readWhole a split read unlike the whole read: the object is to be scanned again whole, and
     *                  {@code result} and every split's findings (none kept) are not to be used
     */
    record Merged(ObjectResult result, long[] bases, long[] kept, boolean readWhole) {}

    /** The object's result from its splits' rows (all of them, any order). */
    static Merged merge(List<Part> unordered, long maxFindingsPerFile) {
        List<Part> parts = new ArrayList<>(unordered);
        parts.sort(Comparator.comparingInt(p -> p.split().index()));
        int n = parts.get(0).split().count();
        for (int k = 0; k < parts.size(); k++) {
            if (parts.get(k).split().index() != k || parts.get(k).split().count() != n) {
                throw new IllegalStateException("split results of " + parts.get(0).result().safeFile()
                        + " do not cover it: " + parts.size() + " results for " + n + " splits");
            }
        }
        if (parts.size() != n) {
            throw new IllegalStateException("split results of " + parts.get(0).result().safeFile()
                    + " do not cover it: " + parts.size() + " results for " + n + " splits");
        }
        ObjectResult first = parts.get(0).result();
        long[] bases = new long[n];
        long[] kept = new long[n];
        long lines = 0;
        long findings = 0;
        long records = 0;
        long recordsUnmasked = 0;
        long recordsTestOnly = 0;
        long recordsMaskedOnly = 0;
        long recordsMaskedTestOnly = 0;
        long recordsAcceptedOnly = 0;
        long recordsAcceptedTestOnly = 0;
        Map<String, TypeCounts> types = new TreeMap<>();
        Part worst = null;
        int notComplete = 0;
        boolean changed = false;
        boolean unsure = false;
        for (Part p : parts) {
            ObjectResult r = p.result();
            SplitPart s = p.split();
            // A Parquet split numbers its rows as the object's already (RangeRead.Scope.ROW_GROUPS).
            bases[s.index()] = rowGroups(s) ? 0 : lines;
            kept[s.index()] = Math.max(0, Math.min(s.findings(), maxFindingsPerFile - findings));
            lines += s.lines();
            findings += s.findings();
            records += r.records();
            recordsUnmasked += r.recordsUnmasked();
            recordsTestOnly += r.recordsTestOnly();
            recordsMaskedOnly += r.recordsMaskedOnly();
            recordsMaskedTestOnly += r.recordsMaskedTestOnly();
            recordsAcceptedOnly += r.recordsAcceptedOnly();
            recordsAcceptedTestOnly += r.recordsAcceptedTestOnly();
            r.types().forEach((type, c) -> types.merge(type, c, TypeCounts::merge));
            unsure |= s.scope().equals(RangeRead.Scope.LINES_UNSURE.name());
            if (!r.status().complete()) {
                notComplete++;
                if (worst == null || r.status().status().compareTo(worst.result().status().status()) > 0) {
                    worst = p;
                }
            }
            changed |= r.size() != first.size() || !Objects.equals(r.etag(), first.etag())
                    || !Objects.equals(r.versionId(), first.versionId())
                    || (s.modified() >= 0 && parts.get(0).split().modified() >= 0
                            && s.modified() != parts.get(0).split().modified());
        }
        StatusReason reason = null;
        ScanStatus status = ScanStatus.COMPLETE;
        String detail = "";
        if (changed) {
            reason = StatusReason.OBJECT_CHANGED;
            detail = "changed while its " + n + " splits were read: they saw different sizes, ETags, versions or"
                    + " modification times";
        } else if (worst != null) {
            reason = worst.result().status().reason();
            status = worst.result().status().status();
            SplitPart s = worst.split();
            detail = worst.result().detail();
            if (s.index() > 0 && rowGroups(s)) {
                detail = "split " + s.index() + " of " + n + ": " + detail;
            } else if (s.index() > 0) {
                // Its line numbers are the split's own: say where they start in the object.
                detail = "split " + s.index() + " of " + n + ", whose line 0 is record " + bases[s.index()] + ": "
                        + detail;
            }
            if (notComplete > 1) {
                detail += " (+" + (notComplete - 1) + " more splits not COMPLETE)";
            }
        } else {
            String gap = gap(parts, first.size());
            if (gap != null) {
                reason = StatusReason.READ_ERROR;
                detail = "its " + n + " splits do not add up to the object: " + gap;
            }
        }
        if (reason != null) {
            // Something of the object was scanned unless no split delivered a record.
            status = lines == 0 && (status == ScanStatus.SKIPPED || status == ScanStatus.COMPLETE) ? ScanStatus.SKIPPED
                    : ScanStatus.PARTIAL;
        }
        boolean readWhole = unsure && !changed; // OBJECT_CHANGED is not cured by reading a third version
        if (readWhole) {
            Arrays.fill(kept, 0);
        }
        long written = Math.min(findings, maxFindingsPerFile);
        ObjectResult result = new ObjectResult(first.file(), first.safeFile(), first.format(), first.size(),
                first.etag(), first.versionId(), ObjectStatus.of(status, reason), detail, records, recordsUnmasked,
                recordsTestOnly, recordsMaskedOnly, recordsMaskedTestOnly, written, findings - written, types,
                recordsAcceptedOnly, recordsAcceptedTestOnly);
        return new Merged(result, bases, kept, readWhole);
    }

    /** Where COMPLETE splits fail to tile the object, or null when they do. */
    private static String gap(List<Part> parts, long size) {
        SplitPart first = parts.get(0).split();
        if (first.scope().equals(RangeRead.Scope.WHOLE_OBJECT.name())) {
            for (Part p : parts.subList(1, parts.size())) {
                if (!p.split().scope().equals(RangeRead.Scope.NONE.name())) {
                    return "split 0 read the whole object, split " + p.split().index() + " read " + p.split().scope();
                }
            }
            return null;
        }
        if (rowGroups(first)) {
            return rowGap(parts);
        }
        long expected = 0;
        for (Part p : parts) {
            SplitPart s = p.split();
            if (!s.scope().equals(RangeRead.Scope.LINES.name())) {
                return "split " + s.index() + " read " + s.scope() + ", split 0 " + first.scope();
            }
            if (s.firstByte() != expected) {
                return "split " + s.index() + " starts at byte " + s.firstByte() + ", the split before it ended at "
                        + expected;
            }
            expected = s.endByte();
        }
        return expected == size ? null : "the last split ends at byte " + expected + " of " + size;
    }

    private static boolean rowGroups(SplitPart s) {
        return s.scope().equals(RangeRead.Scope.ROW_GROUPS.name());
    }

    /**
     * Where COMPLETE Parquet splits fail to cover the object's rows once each, or null: split k's
     * rows start where split k-1's end, the first's at row 0, and each delivered the rows it owned.
     * The last split checked that its rows end at the footer's row count (it is not COMPLETE
     * otherwise), so the rows of all row groups are read, each by one split.
     */
    private static String rowGap(List<Part> parts) {
        long expected = 0;
        for (Part p : parts) {
            SplitPart s = p.split();
            if (!rowGroups(s)) {
                return "split " + s.index() + " read " + s.scope() + ", split 0 " + RangeRead.Scope.ROW_GROUPS;
            }
            if (s.firstByte() != expected) {
                return "split " + s.index() + " starts at row " + s.firstByte() + ", the split before it ended at row "
                        + expected;
            }
            if (s.lines() != s.endByte() - s.firstByte()) {
                return "split " + s.index() + " delivered " + s.lines() + " rows of the " + (s.endByte() - s.firstByte())
                        + " its row groups hold";
            }
            expected = s.endByte();
        }
        return null;
    }

    /**
     * Executor side: each split's finding gets the object's record number, and findings beyond
     * the object's cap are dropped; other rows pass as they are. Only finding rows reach it
     * (split object rows are replaced on the driver).
     */
    static final class FixFindings implements FlatMapFunction<Iterator<InternalRow>, InternalRow>, Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<HashMap<String, long[]>> fixes;

        FixFindings(Broadcast<HashMap<String, long[]>> fixes) {
            this.fixes = fixes;
        }

        @Override
        public Iterator<InternalRow> call(Iterator<InternalRow> input) {
            Map<String, long[]> byKey = fixes.value();
            return new Iterator<>() {
                private InternalRow next;

                @Override
                public boolean hasNext() {
                    while (next == null && input.hasNext()) {
                        next = fix(input.next(), byKey);
                    }
                    return next != null;
                }

                @Override
                public InternalRow next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    InternalRow r = next;
                    next = null;
                    return r;
                }
            };
        }

        /**
         * The row fixed, or null to drop it. A row passed on as it is may be one the iterator before
         * reuses, as Spark's own operators pass theirs; a fixed one is a copy.
         */
        static InternalRow fix(InternalRow r, Map<String, long[]> byKey) {
            if (r.isNullAt(3)) {
                return r;
            }
            InternalRow finding = r.getStruct(1, ScanRows.FINDING.size());
            InternalRow split = r.getStruct(3, ScanRows.FINDING_SPLIT.size());
            long[] fix = byKey.get(key(finding.getUTF8String(0).toString(), split.getInt(0)));
            if (fix == null) {
                // Every split object's parts reached the driver: a finding without one is a bug.
                throw new IllegalStateException("a finding of a split object the merge did not see");
            }
            if (split.getLong(1) >= fix[1]) {
                return null;
            }
            long record = finding.getLong(2);
            InternalRow fixed = finding.copy();
            fixed.setLong(2, record < 0 ? record : record + fix[0]); // the path's record (-1) stays
            return new GenericInternalRow(new Object[] {null, fixed, null, null});
        }
    }
}
