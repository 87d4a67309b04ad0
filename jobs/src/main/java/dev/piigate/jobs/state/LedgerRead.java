package dev.piigate.jobs.state;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.TaskCompletionListener;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.piigate.jobs.scan.PartitionScanner;
import dev.piigate.jobs.scan.TaskSlices;
import scala.Tuple2;

/**
 * The ledger as a later run reads it, on the executors, in the first stage of the scan's own job
 * (the driver lists the part names and sees counts and at most a few of those names, never the
 * entries): each line verified (digest, then JSON, schema version and settings digest), the
 * entries of this run's tasks shuffled to their task's slice, and one entry kept per task,
 * deterministically (a retried task writes its entry twice): a COMPLETE one first, then the latest
 * written, then the least text. Plain RDDs, and no job of its own: a run that reuses nearly
 * everything spends its time here, and every job and shuffle stage costs a re-run its start.
 */
public final class LedgerRead {
    /** At most this many damaged parts are named in the warning; all are counted. */
    static final int PARTS_NAMED = 5;

    /** A longer line is damaged, not read: the writer never frames one this long. */
    static final int MAX_LINE_BYTES = 256 << 20;

    enum Kind { OK, OTHER, DAMAGED, UNREADABLE }

    /**
     * One line of a part as verified: an OK one carries its task's ledger name and entry JSON; an
     * OTHER one (another settings digest or schema), a DAMAGED one and an UNREADABLE part only
     * their part's name.
     */
    record Line(Kind kind, String task, boolean complete, long writtenAt, byte[] entry, String part)
            implements Serializable {
        static Line damaged(String part) {
            return new Line(Kind.DAMAGED, null, false, 0, null, part);
        }

        static Line unreadable(String part) {
            return new Line(Kind.UNREADABLE, null, false, 0, null, part);
        }

        /** The one of two entries of a task that stands: COMPLETE first, then the latest, then the least text. */
        static Line better(Line a, Line b) {
            if (a.complete != b.complete) {
                return a.complete ? a : b;
            }
            if (a.writtenAt != b.writtenAt) {
                return a.writtenAt > b.writtenAt ? a : b;
            }
            return Arrays.compareUnsigned(a.entry, b.entry) <= 0 ? a : b;
        }
    }

    /**
     * The ledger as found: its parts, read (lazily) by the scan's job itself, and why it could not
     * be read at all (our words), or null.
     */
    public record Read(JavaRDD<String> parts, String settings, CollectionAccumulator<Counts> counts,
            String unreadable) {
        static Read nothing(String unreadable) {
            return new Read(null, null, null, unreadable);
        }

        /**
         * The earlier entry of each task of {@code slices} that has one (the one that stands, {@link
         * Line#better}), as its ledger name and JSON (UTF-8), shuffled to its task's slice and in name
         * order within it; null when there are no parts. Reading it counts what was read ({@link #counted}).
         */
        public JavaRDD<Tuple2<String, byte[]>> entries(TaskSlices slices) {
            if (parts == null) {
                return null;
            }
            return parts.mapPartitionsWithIndex(new Verify(settings, slices, counts), true)
                    .mapToPair(t -> t).repartitionAndSortWithinPartitions(slices)
                    .mapPartitions(LedgerRead::standing);
        }

        /**
         * What was read, once the job that read {@link #entries} has run: each partition of the parts
         * counted once, however often Spark computed it. Zero when there was nothing to read.
         */
        public Counted counted() {
            if (counts == null) {
                return new Counted(0, 0, 0, List.of());
            }
            Map<Integer, Counts> byPartition = new HashMap<>();
            counts.value().forEach(c -> byPartition.put(c.partition(), c));
            long damaged = 0;
            long damagedParts = 0;
            long unreadableParts = 0;
            TreeSet<String> named = new TreeSet<>();
            // A part is read whole by one task, so the partitions' parts are disjoint: their counts add up.
            for (Counts c : byPartition.values()) {
                damaged += c.damaged();
                damagedParts += c.damagedParts();
                unreadableParts += c.unreadableParts();
                named.addAll(c.named());
            }
            return new Counted(damaged, damagedParts, unreadableParts, named.stream().limit(PARTS_NAMED).toList());
        }
    }

    /**
     * What the ledger held that was not used: damaged entries and the parts holding them, parts that
     * could not be read, and the names (not paths) of the first of those parts.
     */
    public record Counted(long entriesIgnored, long damagedParts, long unreadableParts, List<String> partsNamed) {
        public Counted {
            partsNamed = List.copyOf(partsNamed);
        }

        public long partsIgnored() {
            return damagedParts + unreadableParts;
        }
    }

    /** What one partition of the parts held: counts, and its first damaged or unreadable parts' names. */
    public record Counts(int partition, long damaged, long damagedParts, long unreadableParts, List<String> named)
            implements Serializable {}

    private LedgerRead() {}

    /**
     * Lists STATE/entries ({@code entriesUri}); a ledger that does not exist yet is empty, not an
     * error. Nothing is read here: the scan's job reads the parts ({@link Read#entries}).
     */
    public static Read read(SparkSession spark, String entriesUri, String settings) {
        Configuration hconf = spark.sparkContext().hadoopConfiguration();
        try {
            Path dir = new Path(entriesUri);
            FileSystem fs = dir.getFileSystem(hconf);
            FileStatus status;
            try {
                status = fs.getFileStatus(dir);
            } catch (FileNotFoundException e) {
                return Read.nothing(null); // a first run: nothing written yet
            }
            if (!status.isDirectory()) {
                return Read.nothing("not a folder");
            }
            List<String> parts = new ArrayList<>();
            for (FileStatus f : fs.listStatus(dir)) {
                String name = f.getPath().getName();
                // As Spark's readers do: a hidden name is a part being written (LedgerParts renames it when whole).
                if (f.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
                    parts.add(f.getPath().toString());
                }
            }
            if (parts.isEmpty()) {
                return Read.nothing(null);
            }
            parts.sort(null);
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int slices = Math.max(1, Math.min(parts.size(), jsc.defaultParallelism() * 4));
            // Unnamed: Spark writes a named accumulator's values to its UI and event log, and these hold
            // part names, which anyone who can write STATE chooses (masked only in our warning).
            CollectionAccumulator<Counts> counts = new CollectionAccumulator<>();
            spark.sparkContext().register(counts);
            return new Read(jsc.parallelize(parts, slices), settings, counts, null);
        } catch (IOException | RuntimeException e) {
            // Class name only: a storage message can quote a path.
            return Read.nothing("could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Sorted by task name: of each run of one name, the entry that stands ({@link Line#better}). */
    private static Iterator<Tuple2<String, byte[]>> standing(Iterator<Tuple2<String, Line>> sorted) {
        return new Iterator<>() {
            private Tuple2<String, Line> ahead = sorted.hasNext() ? sorted.next() : null;

            @Override
            public boolean hasNext() {
                return ahead != null;
            }

            @Override
            public Tuple2<String, byte[]> next() {
                if (ahead == null) {
                    throw new NoSuchElementException();
                }
                String task = ahead._1();
                Line best = ahead._2();
                ahead = null;
                while (sorted.hasNext()) {
                    Tuple2<String, Line> t = sorted.next();
                    if (!t._1().equals(task)) {
                        ahead = t;
                        break;
                    }
                    best = Line.better(best, t._2());
                }
                return new Tuple2<>(task, best.entry());
            }
        };
    }

    /**
     * A partition's parts, each read whole and each of its lines verified and counted as it passes;
     * the OK lines of this run's tasks go on, keyed by task name, and the partition's counts are
     * added when its last part is read. Only the settings digest and the slices travel to the
     * executors. A part that cannot be opened or read to its end is counted unreadable and its
     * objects are scanned: the lines read before the failure stand, each verified on its own.
     */
    static final class Verify implements Function2<Integer, Iterator<String>, Iterator<Tuple2<String, Line>>> {
        private static final long serialVersionUID = 1L;
        private final String settings;
        private final TaskSlices slices;
        private final CollectionAccumulator<Counts> counts;

        Verify(String settings, TaskSlices slices, CollectionAccumulator<Counts> counts) {
            this.settings = settings;
            this.slices = slices;
            this.counts = counts;
        }

        @Override
        public Iterator<Tuple2<String, Line>> call(Integer partition, Iterator<String> parts) {
            Configuration conf = PartitionScanner.executorConf(); // once per task, not once per part
            JsonFactory json = new JsonFactory();
            return new Iterator<>() {
                private long damaged;
                private long damagedParts;
                private long unreadableParts;
                private final TreeSet<String> named = new TreeSet<>();
                private Iterator<Line> lines = Collections.emptyIterator();
                private String part;
                private boolean partDamaged;
                private boolean partUnreadable;
                private Tuple2<String, Line> next = advance();

                private Tuple2<String, Line> advance() {
                    while (true) {
                        while (lines.hasNext()) {
                            Line l = lines.next();
                            switch (l.kind()) {
                                case OK -> {
                                    if (slices.holds(l.task())) {
                                        return new Tuple2<>(l.task(), l);
                                    }
                                }
                                case DAMAGED -> {
                                    damaged++;
                                    partDamaged = true;
                                }
                                case UNREADABLE -> partUnreadable = true;
                                case OTHER -> { }
                            }
                        }
                        if (partUnreadable) {
                            unreadableParts++; // a part cut short by a failure: counted once, as unreadable
                            name(part);
                        } else if (partDamaged) {
                            damagedParts++;
                            name(part);
                        }
                        if (!parts.hasNext()) {
                            counts.add(new Counts(partition, damaged, damagedParts, unreadableParts,
                                    List.copyOf(named)));
                            return null;
                        }
                        Path path = new Path(parts.next());
                        part = path.getName(); // the name only, never the STATE path; the driver masks it before a warning
                        partDamaged = false;
                        partUnreadable = false;
                        lines = lines(path, part, conf, json, settings);
                    }
                }

                /** The first names only: a ledger can hold millions of parts. */
                private void name(String p) {
                    named.add(p);
                    if (named.size() > PARTS_NAMED) {
                        named.pollLast();
                    }
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Tuple2<String, Line> next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    Tuple2<String, Line> t = next;
                    next = advance();
                    return t;
                }
            };
        }

        /** A part's lines verified, lazily, line by line: a part (or a foreign file dropped in STATE) is never held whole. */
        private static Iterator<Line> lines(Path path, String name, Configuration conf, JsonFactory json,
                String settings) {
            InputStream in;
            try {
                in = path.getFileSystem(conf).open(path);
            } catch (IOException e) {
                return List.of(Line.unreadable(name)).iterator();
            }
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((TaskCompletionListener) context -> close(in));
            }
            LineReader lines = new LineReader(in, MAX_LINE_BYTES);
            return new Iterator<>() {
                private boolean ended;
                private Line next = advance();

                private Line advance() {
                    if (ended) {
                        return null;
                    }
                    try {
                        if (!lines.next()) {
                            ended = true;
                            close(in);
                            return null;
                        }
                    } catch (IOException e) {
                        ended = true;
                        close(in);
                        return Line.unreadable(name);
                    }
                    return lines.tooLong() ? Line.damaged(name)
                            : verify(json, lines.bytes(), lines.length(), name, settings);
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Line next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    Line l = next;
                    next = advance();
                    return l;
                }
            };
        }

        private static void close(InputStream in) {
            try {
                in.close();
            } catch (IOException e) {
                // read to the end or given up: nothing of it is used after this
            }
        }
    }

    /**
     * The lines of a part as UTF-8 bytes, split at line feeds (a frame holds none), one at a time;
     * one longer than {@code maxLineBytes} is marked too long, without being held.
     */
    static final class LineReader {
        private final InputStream in;
        private final int maxLineBytes;
        private final byte[] chunk = new byte[1 << 16];
        private int chunkFrom;
        private int chunkEnd;
        private boolean ended;
        private byte[] line = new byte[1 << 16];
        private int length;
        private boolean tooLong;

        LineReader(InputStream in, int maxLineBytes) {
            this.in = in;
            this.maxLineBytes = maxLineBytes;
        }

        /** Reads the next line; false at the end of the part. A last line without its line feed (a cut part) is a line. */
        boolean next() throws IOException {
            length = 0;
            tooLong = false;
            boolean any = false;
            while (true) {
                if (chunkFrom == chunkEnd) {
                    if (ended) {
                        return any;
                    }
                    int n = in.read(chunk);
                    if (n <= 0) {
                        ended = true;
                        return any;
                    }
                    chunkFrom = 0;
                    chunkEnd = n;
                }
                any = true;
                int end = chunkFrom;
                while (end < chunkEnd && chunk[end] != '\n') {
                    end++;
                }
                append(chunkFrom, end - chunkFrom);
                if (end < chunkEnd) {
                    chunkFrom = end + 1;
                    return true;
                }
                chunkFrom = chunkEnd;
            }
        }

        private void append(int from, int take) {
            if (tooLong || (long) length + take > maxLineBytes) {
                tooLong = true;
                length = 0;
                return;
            }
            if (length + take > line.length) {
                line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, Math.max(2L * line.length, length + take)));
            }
            System.arraycopy(chunk, from, line, length, take);
            length += take;
        }

        /** The line's bytes, {@link #length} of them from 0; the array is reused by the next line. */
        byte[] bytes() {
            return line;
        }

        int length() {
            return length;
        }

        boolean tooLong() {
            return tooLong;
        }
    }

    /**
     * A line checked: its digest, then its entry's JSON read through without building it (only the
     * fields that decide which entry stands are kept; the rest is checked as JSON and skipped).
     */
    static Line verify(JsonFactory json, byte[] line, int length, String part, String settings) {
        byte[] entry = EntryLine.entry(line, length);
        if (entry == null) {
            return Line.damaged(part);
        }
        String task = null;
        String status = null;
        String entrySettings = null;
        Long writtenAt = null;
        int schema = -1;
        try (JsonParser p = json.createParser(entry)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Line.damaged(part);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                boolean text = v == JsonToken.VALUE_STRING;
                boolean whole = v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
                switch (field) {
                    case "task" -> task = text ? p.getText() : null;
                    case "status" -> status = text ? p.getText() : null;
                    case "settings" -> entrySettings = text ? p.getText() : null;
                    case "writtenAt" -> writtenAt = whole ? p.getLongValue() : null;
                    case "schema" -> schema = whole && p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : -1;
                    default -> { }
                }
                p.skipChildren(); // a nested value read through (its JSON checked), nothing built
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return Line.damaged(part);
            }
        } catch (IOException | RuntimeException x) {
            return Line.damaged(part);
        }
        if (task == null || status == null || writtenAt == null || entrySettings == null) {
            return Line.damaged(part);
        }
        if (schema != StateRun.SCHEMA_VERSION || !settings.equals(entrySettings)) {
            return new Line(Kind.OTHER, null, false, 0, null, part);
        }
        return new Line(Kind.OK, task, "COMPLETE".equals(status), writtenAt, entry, part);
    }
}
