package dev.piigate.jobs.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.detectors.redaction.Redactor;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.read.Format;
import dev.piigate.jobs.read.ReadResult;
import dev.piigate.jobs.read.RecordRewriter;
import dev.piigate.jobs.read.Rewriters;
import dev.piigate.jobs.read.ValueRedactor;

/**
 * The executor side of {@code --redact-to}: for each object the scan read, writes its copy under
 * the copy's root at the object's path relative to the dataset root, and says what it did:
 * <ul>
 * <li>{@code COPIED}: the scan found no unmasked value (and read the object whole): its bytes as they are;</li>
 * <li>{@code REDACTED}: rewritten by its format's {@link RecordRewriter}, every unmasked value replaced;</li>
 * <li>{@code NOT_REDACTED}: nothing written, with the reason: the scan did not read it whole
 * ({@code NOT_COMPLETE}), its format cannot be rewritten ({@code FORMAT}: documents with
 * findings), its path holds PII ({@code PATH_HOLDS_PII}: the copy would repeat it), or the
 * rewriter stopped ({@code REWRITE_FAILED}, {@code UNREDACTABLE}).</li>
 * </ul>
 * Fail closed: a copy that stopped half-way is deleted. A retried task writes the same objects again.
 */
public final class CopyWriter implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** Input rows: the object's path, where its relative path starts, and what the scan said. */
    public static final StructType INPUT = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("relativeFrom", DataTypes.IntegerType, false)
            .add("safeFile", DataTypes.StringType, false)
            .add("format", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("recordsUnmasked", DataTypes.LongType, false)
            .add("records", DataTypes.LongType, false)
            .add("findingsNotWritten", DataTypes.LongType, false)
            .add("findingRecords", DataTypes.createArrayType(DataTypes.LongType, false), true)
            .add("recordsTestOnly", DataTypes.LongType, false);

    public static final StructType REPLACED = new StructType()
            .add("type", DataTypes.StringType, false)
            .add("values", DataTypes.LongType, false);

    /** One row per object: {@code file} stays inside the job, outputs write {@code safeFile}. */
    public static final StructType RESULT = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("safeFile", DataTypes.StringType, false)
            .add("outcome", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, true)
            .add("detail", DataTypes.StringType, true)
            .add("recordsKept", DataTypes.LongType, false)
            .add("recordsDroppedOverLimit", DataTypes.LongType, false)
            .add("recordsDroppedUnrewritable", DataTypes.LongType, false)
            .add("replaced", DataTypes.createArrayType(REPLACED, false), false);

    public static final String COPIED = "COPIED";
    public static final String REDACTED = "REDACTED";
    public static final String NOT_REDACTED = "NOT_REDACTED";

    private final String configYaml;
    private final byte[] fingerprintKey;
    private final String copyRoot;

    /** @param copyRoot the copy's root as the job writes it ({@code s3a://}, {@code file:}), ending in {@code /} */
    public CopyWriter(String configYaml, byte[] fingerprintKey, String copyRoot) {
        this.configYaml = configYaml;
        this.fingerprintKey = fingerprintKey.clone();
        this.copyRoot = copyRoot.endsWith("/") ? copyRoot : copyRoot + "/";
    }

    /** Where the copy of {@code path} goes: its part below the dataset root, under {@code copyRoot}. */
    public static String copyUri(String copyRoot, String path, int relativeFrom) {
        return (copyRoot.endsWith("/") ? copyRoot : copyRoot + "/") + path.substring(relativeFrom);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        Config config = ConfigLoader.parse(configYaml, "configuration");
        TextScanner scanner = new TextScanner(DetectorRegistry.load().create(config.detectors()),
                config.detectors().allowList());
        Fingerprinter fingerprinter = new Fingerprinter(fingerprintKey);
        PathMasker paths = new PathMasker(scanner, fingerprinter);
        Redactor styles = new Redactor(config.redaction().style(), config.redaction().perType(), fingerprinter);
        // Test values stay unless the gate counts them: then the copy would block on them.
        Redactor redactor = config.policy().testValuesCountAsUnmasked() ? styles.replacingTestValues() : styles;
        Configuration conf = PartitionScanner.executorConf();
        CleanValues cleanValues = new CleanValues();
        CleanValues cleanKeys = new CleanValues();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row object = input.next();
                try {
                    return copy(object, config, scanner, paths, redactor, conf, cleanValues, cleanKeys);
                } catch (IOException e) {
                    // Storage failed under the copy: the run fails (retried by Spark first), never a silent gap.
                    throw new java.io.UncheckedIOException(new IOException("copy of " + object.getString(2)
                            + " failed: " + e.getClass().getSimpleName()));
                }
            }
        };
    }

    private Row copy(Row object, Config config, TextScanner scanner, PathMasker paths, Redactor redactor,
            Configuration conf, CleanValues cleanValues, CleanValues cleanKeys) throws IOException {
        String file = object.getString(0);
        int from = object.getInt(1);
        String safeFile = object.getString(2);
        String status = object.getString(4);
        if (!"COMPLETE".equals(status)) {
            return notRedacted(file, safeFile, "NOT_COMPLETE", "the scan ended " + status);
        }
        for (Finding f : paths.objectPathFindings(file, from)) {
            if (f.isUnmasked()) {
                return notRedacted(file, safeFile, "PATH_HOLDS_PII",
                        "the path below the dataset root holds " + f.type().name());
            }
        }
        Path in = new Path(file);
        Path out = new Path(copyUri(copyRoot, file, from));
        FileSystem inFs = in.getFileSystem(conf);
        FileSystem outFs = out.getFileSystem(conf);
        boolean nothingToReplace = object.getLong(5) == 0
                && (!config.policy().testValuesCountAsUnmasked() || object.getLong(9) == 0);
        if (nothingToReplace) {
            try (InputStream bytes = inFs.open(in); OutputStream copy = outFs.create(out, true)) {
                bytes.transferTo(copy);
            }
            return row(file, safeFile, COPIED, null, null, object.getLong(6), 0, 0, Map.of());
        }
        Format format = Format.fromCliName(object.getString(3)).orElse(Format.DOCUMENT);
        Optional<RecordRewriter> rewriter = Rewriters.forFormat(format);
        if (rewriter.isEmpty()) {
            return notRedacted(file, safeFile, "FORMAT", format.cliName() + " objects with findings cannot be rewritten");
        }
        RecordRedactor values = new RecordRedactor(scanner, paths, redactor, config.redaction().dropRecordsOver(),
                cleanValues, cleanKeys, recordsToScan(object));
        ReadResult result;
        try {
            result = rewriter.get().rewrite(inFs, in, conf, config.limits(), values, outFs, out);
        } catch (ValueRedactor.Unredactable e) {
            deleteQuietly(outFs, out);
            return notRedacted(file, safeFile, "UNREDACTABLE", paths.maskText(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(outFs, out);
            throw e;
        }
        if (!result.status().name().equals("COMPLETE")) {
            deleteQuietly(outFs, out);
            // A detail may name a column or key, and a name can be data: masked as the report masks names.
            return notRedacted(file, safeFile, "REWRITE_FAILED",
                    paths.maskText(result.status() + "/" + result.reason() + ": " + result.detail()));
        }
        Map<String, Long> replaced = new TreeMap<>();
        values.replaced().forEach((type, n) -> replaced.put(type.name(), n));
        return row(file, safeFile, REDACTED, null, null, values.recordsKept(), values.recordsOverLimit(),
                values.recordsUnrewritable(), replaced);
    }

    /**
     * The records whose values the copy scans again: those the object's scan found anything in
     * (scanning is a function of value and field, so the others hold nothing to replace); every
     * record when the scan's finding rows were cut at {@code report.maxFindingsPerFile}. Should a
     * rewriter ever deliver a record unlike the reader, the copy's own scan finds what was left.
     */
    private static java.util.function.LongPredicate recordsToScan(Row object) {
        if (object.getLong(7) > 0) {
            return record -> true;
        }
        if (object.isNullAt(8)) {
            return record -> false;
        }
        List<Long> found = object.getList(8);
        long[] sorted = found.stream().mapToLong(Long::longValue).sorted().toArray();
        return record -> java.util.Arrays.binarySearch(sorted, record) >= 0;
    }

    /** Deletes a copy stopped half-way; one request (delete is a no-op when nothing was written). */
    private static void deleteQuietly(FileSystem fs, Path path) throws IOException {
        fs.delete(path, false);
    }

    private static Row notRedacted(String file, String safeFile, String reason, String detail) {
        return row(file, safeFile, NOT_REDACTED, reason, detail, 0, 0, 0, Map.of());
    }

    private static Row row(String file, String safeFile, String outcome, String reason, String detail, long kept,
            long overLimit, long unrewritable, Map<String, Long> replaced) {
        List<Row> types = new ArrayList<>();
        replaced.forEach((type, n) -> types.add(RowFactory.create(type, n)));
        // An array column takes a Java array (or a Scala Seq), not a java.util.List.
        return RowFactory.create(file, safeFile, outcome, reason, detail, kept, overLimit, unrewritable,
                types.toArray(new Row[0]));
    }
}
