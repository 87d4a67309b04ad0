package dev.piigate.jobs.state;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ledger as a later run reads it, on the executors (the driver sees counts and at most a few
 * part names, never the entries): each line verified ({@link EntryLine}: digest, then JSON, schema
 * version and settings digest), and one entry kept per task, deterministically (a retried task writes
 * its entry twice): a COMPLETE one first, then the latest written, then the least text.
 */
public final class LedgerRead {
    /** The verified lines: {@code kind} is ok, other (another settings digest or schema) or damaged. */
    static final StructType VERIFIED = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("task", DataTypes.StringType, true)
            .add("complete", DataTypes.BooleanType, false)
            .add("writtenAt", DataTypes.LongType, false)
            .add("entry", DataTypes.StringType, true)
            .add("part", DataTypes.StringType, false);

    /** At most this many damaged parts are named in the warning; all are counted. */
    static final int PARTS_NAMED = 5;

    /**
     * What was read.
     *
     * @param usable       entries of these settings, one per task (before any identity check)
     * @param entries      one row per task ({@code task}, {@code entry}: the entry's JSON), or null when
     *                     there is nothing to reuse
     * @param damagedParts names (not paths) of the first parts holding a damaged line
     * @param unreadable   why the ledger could not be read (our words), or null
     * @param persisted    to unpersist when the run ends, or null
     */
    public record Read(Dataset<Row> entries, long usable, long entriesIgnored, long partsIgnored,
            List<String> damagedParts, String unreadable, Dataset<Row> persisted) {
        public Read {
            damagedParts = List.copyOf(damagedParts);
        }

        static Read nothing(String unreadable) {
            return new Read(null, 0, 0, 0, List.of(), unreadable, null);
        }
    }

    private LedgerRead() {}

    /** Reads STATE/entries ({@code entriesUri}); a ledger that does not exist yet is empty, not an error. */
    public static Read read(SparkSession spark, String entriesUri, String settings) {
        Configuration hconf = spark.sparkContext().hadoopConfiguration();
        Dataset<Row> verified = null;
        try {
            Path dir = new Path(entriesUri);
            FileStatus status;
            try {
                status = dir.getFileSystem(hconf).getFileStatus(dir);
            } catch (FileNotFoundException e) {
                return Read.nothing(null); // a first run: nothing written yet
            }
            if (!status.isDirectory()) {
                return Read.nothing("not a folder");
            }
            verified = spark.read().text(entriesUri).withColumn("part", functions.input_file_name())
                    .mapPartitions(new Verify(settings), Encoders.row(VERIFIED))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            spark.sparkContext().setJobDescription("read the ledger (--state)");
            Row stats = verified.agg(
                    functions.sum(functions.when(functions.col("kind").equalTo("damaged"), 1L).otherwise(0L)),
                    functions.countDistinct(functions.when(functions.col("kind").equalTo("damaged"),
                            functions.col("part")))).first();
            long damaged = stats.isNullAt(0) ? 0 : stats.getLong(0);
            long parts = stats.getLong(1);
            List<String> named = new ArrayList<>();
            if (parts > 0) {
                for (Row r : verified.filter(functions.col("kind").equalTo("damaged")).select("part").distinct()
                        .orderBy("part").limit(PARTS_NAMED).collectAsList()) {
                    String part = r.getString(0);
                    named.add(part.substring(part.lastIndexOf('/') + 1)); // our own name, never the STATE path
                }
            }
            Dataset<Row> one = verified.filter(functions.col("kind").equalTo("ok"))
                    .withColumn("rank", functions.row_number().over(Window.partitionBy("task")
                            .orderBy(functions.col("complete").desc(), functions.col("writtenAt").desc(),
                                    functions.col("entry").asc())))
                    .filter(functions.col("rank").equalTo(1)).select("task", "entry")
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long usable = one.count();
            verified.unpersist(false);
            return new Read(one, usable, damaged, parts, named, null, one);
        } catch (Exception e) { // SparkException is checked, and thrown from Scala undeclared
            if (verified != null) {
                verified.unpersist(false);
            }
            // Class name only: a storage or Spark message can quote a path.
            return Read.nothing("could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Each line of a part verified; named, so only the settings digest travels to the executors. */
    static final class Verify implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String settings;

        Verify(String settings) {
            this.settings = settings;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> lines) {
            ObjectMapper json = new ObjectMapper();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return lines.hasNext();
                }

                @Override
                public Row next() {
                    Row line = lines.next();
                    return verify(json, line.isNullAt(0) ? null : line.getString(0), line.getString(1), settings);
                }
            };
        }
    }

    static Row verify(ObjectMapper json, String line, String part, String settings) {
        String entry = EntryLine.entry(line);
        if (entry == null) {
            return damaged(part);
        }
        JsonNode e;
        try {
            e = json.readTree(entry);
        } catch (IOException | RuntimeException x) {
            return damaged(part);
        }
        if (e == null || !e.isObject() || !e.path("task").isTextual() || !e.path("status").isTextual()
                || !e.path("writtenAt").canConvertToLong() || !e.path("settings").isTextual()) {
            return damaged(part);
        }
        if (e.path("schema").asInt(-1) != StateRun.SCHEMA_VERSION || !settings.equals(e.path("settings").asText())) {
            return RowFactory.create("other", null, false, 0L, null, part);
        }
        return RowFactory.create("ok", e.path("task").asText(), "COMPLETE".equals(e.path("status").asText()),
                e.path("writtenAt").asLong(), entry, part);
    }

    private static Row damaged(String part) {
        return RowFactory.create("damaged", null, false, 0L, null, part);
    }
}
