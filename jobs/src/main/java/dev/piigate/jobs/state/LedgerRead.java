package dev.piigate.jobs.state;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.TaskCompletionListener;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.piigate.jobs.scan.PartitionScanner;
import scala.Tuple2;

/**
 * The ledger as a later run reads it, on the executors (the driver lists the part names and sees
 * counts and at most a few of those names, never the entries): each line verified (digest, then
 * JSON, schema version and settings digest), and one entry kept per task, deterministically (a
 * retried task writes its entry twice): a COMPLETE one first, then the latest written, then the
 * least text. Plain RDDs: a run that reuses nearly everything spends its time here, and Spark SQL's
 * planning, code generation and columnar cache cost more than the reading they organise.
 */
public final class LedgerRead {
    /** At most this many damaged parts are named in the warning; all are counted. */
    static final int PARTS_NAMED = 5;

    /** A longer line is damaged, not read: the writer never frames one this long. */
    static final int MAX_LINE_BYTES = 256 << 20;

    enum Kind { OK, OTHER, DAMAGED }

    /**
     * One line of a part as verified: an OK one carries its task's ledger name and entry JSON; an
     * OTHER one (another settings digest or schema) and a DAMAGED one only their part's name.
     */
    record Line(Kind kind, String task, boolean complete, long writtenAt, byte[] entry, String part)
            implements Serializable {
        static Line damaged(String part) {
            return new Line(Kind.DAMAGED, null, false, 0, null, part);
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
     * What was read.
     *
     * @param entries      task ledger name to its entry's JSON (UTF-8), one per task, lazily (nothing is read
     *                     again until a job uses it); null when there is nothing to reuse
     * @param damagedParts names (not paths) of the first parts holding a damaged line
     * @param unreadable   why the ledger could not be read (our words), or null
     * @param persisted    to unpersist when the run ends, or null
     */
    public record Read(JavaPairRDD<String, byte[]> entries, long entriesIgnored, long partsIgnored,
            List<String> damagedParts, String unreadable, JavaRDD<?> persisted) {
        public Read {
            damagedParts = List.copyOf(damagedParts);
        }

        static Read nothing(String unreadable) {
            return new Read(null, 0, 0, List.of(), unreadable, null);
        }
    }

    /** What one partition of the parts held: counts, and its first damaged parts' names. */
    record Counts(long ok, long damaged, long damagedParts, List<String> named) implements Serializable {}

    private LedgerRead() {}

    /** Reads STATE/entries ({@code entriesUri}); a ledger that does not exist yet is empty, not an error. */
    public static Read read(SparkSession spark, String entriesUri, String settings) {
        Configuration hconf = spark.sparkContext().hadoopConfiguration();
        JavaRDD<Line> verified = null;
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
            verified = jsc.parallelize(parts, slices).flatMap(new Verify(settings))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            spark.sparkContext().setJobDescription("read the ledger (--state)");
            long ok = 0;
            long damaged = 0;
            long damagedParts = 0;
            TreeSet<String> named = new TreeSet<>();
            // A part is read whole by one task, so the partitions' damaged parts are disjoint: their counts add up.
            for (Counts c : verified.mapPartitions(LedgerRead::count).collect()) {
                ok += c.ok();
                damaged += c.damaged();
                damagedParts += c.damagedParts();
                named.addAll(c.named());
            }
            List<String> first = named.stream().limit(PARTS_NAMED).toList();
            if (ok == 0) {
                verified.unpersist(false);
                return new Read(null, damaged, damagedParts, first, null, null);
            }
            JavaPairRDD<String, byte[]> entries = verified.filter(l -> l.kind() == Kind.OK)
                    .mapToPair(l -> new Tuple2<>(l.task(), l)).reduceByKey(Line::better)
                    .mapValues(Line::entry);
            return new Read(entries, damaged, damagedParts, first, null, verified);
        } catch (Exception e) { // SparkException is checked, and thrown from Scala undeclared
            if (verified != null) {
                verified.unpersist(false);
            }
            // Class name only: a storage or Spark message can quote a path.
            return Read.nothing("could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Iterator<Counts> count(Iterator<Line> lines) {
        long ok = 0;
        long damaged = 0;
        TreeSet<String> parts = new TreeSet<>();
        while (lines.hasNext()) {
            Line l = lines.next();
            if (l.kind() == Kind.OK) {
                ok++;
            } else if (l.kind() == Kind.DAMAGED) {
                damaged++;
                parts.add(l.part());
            }
        }
        return List.of(new Counts(ok, damaged, parts.size(), parts.stream().limit(PARTS_NAMED).toList())).iterator();
    }

    /** Each part read whole and each of its lines verified; only the settings digest travels to the executors. */
    static final class Verify implements FlatMapFunction<String, Line> {
        private static final long serialVersionUID = 1L;
        private final String settings;
        /** Made once per task (a copy of every Hadoop setting), not once per part. */
        private transient Configuration conf;

        Verify(String settings) {
            this.settings = settings;
        }

        @Override
        public Iterator<Line> call(String part) throws IOException {
            Path path = new Path(part);
            String name = path.getName(); // the name only, never the STATE path; the driver masks it before a warning
            JsonFactory json = new JsonFactory();
            if (conf == null) {
                conf = PartitionScanner.executorConf();
            }
            InputStream in;
            try {
                in = path.getFileSystem(conf).open(path);
            } catch (IOException e) {
                throw unreadable(e);
            }
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((TaskCompletionListener) context -> close(in));
            }
            LineReader lines = new LineReader(in, MAX_LINE_BYTES);
            // Lazily, line by line: a part (or a foreign file dropped in STATE) is never held whole.
            return new Iterator<>() {
                private Line next = advance();

                private Line advance() {
                    try {
                        if (!lines.next()) {
                            close(in);
                            return null;
                        }
                    } catch (IOException e) {
                        close(in);
                        throw new UncheckedIOException(unreadable(e));
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

        /**
         * A storage failure as Spark logs it: class name only, and no cause, whose message would name the
         * part's full path (STATE, and a name anyone who can write there chose).
         */
        private static IOException unreadable(IOException e) {
            return new IOException("a ledger part could not be read (" + e.getClass().getSimpleName() + ")");
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
