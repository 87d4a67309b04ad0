package dev.piigate.jobs.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.read.ByteRange;
import dev.piigate.jobs.read.Format;
import dev.piigate.jobs.read.ParserProcesses;
import dev.piigate.jobs.read.Readers;
import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;

/**
 * A Parquet object scanned in splits by row group ({@link ObjectScanner} with a {@link ByteRange},
 * merged by {@link SplitMerge}) gives what the unsplit scan gives: the same findings (record,
 * field, span, type, preview, fingerprint), counts and status, findings/ capped alike; for many
 * split sizes and for two splits cut across the file. Damage fails closed in every split layout,
 * and an object that cannot be split (one row group, a footer that does not read, an encrypted
 * file) is read whole by its first split.
 */
@ResourceLock(SparkTestSession.LOCK)
class ParquetSplitScanTest {
    /** No document is read here; the scanner needs one all the same. */
    private static final ParserProcesses PARSERS = new ParserProcesses();
    /** In one value only: no detail, split or merged, may quote it. */
    private static final String PLANTED = "PLANTED-4be1d7-unique";
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message people {\n"
            + "  required int64 id;\n"
            + "  optional binary email (STRING);\n"
            + "  optional binary card (STRING);\n"
            + "  optional int64 ssn;\n"
            + "  optional binary note (STRING);\n"
            + "  optional group phones (LIST) { repeated group list { optional binary element (STRING); } }\n"
            + "  optional group attrs (MAP) { repeated group key_value {\n"
            + "    required binary key (STRING); optional binary value (STRING); } }\n"
            + "}");

    @AfterAll
    static void endParserProcesses() {
        PARSERS.close();
    }

    @TempDir
    Path dir;

    private static ObjectScanner scanner(Config config) {
        return TestScanners.scanner(config, PARSERS);
    }

    private static Config config(long maxFindingsPerFile) {
        return TestScanners.config(maxFindingsPerFile);
    }

    /**
     * {@code rows} rows in row groups of about {@code rowGroupBytes} (Parquet checks the size every
     * 100 rows at first): PII in plain, nested, list and map columns, masked values, and in row
     * {@code rows / 2} a value longer than the 1,024 characters read (PARTIAL/TOO_LARGE). The
     * local file system's .crc sidecar is removed: S3 has none, and damage must reach Parquet.
     */
    private Path write(String name, int rows, long rowGroupBytes, FileEncryptionProperties encryption,
            CompressionCodecName codec) throws IOException {
        Path file = dir.resolve(name);
        SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder(
                new org.apache.hadoop.fs.Path(file.toUri())).withType(SCHEMA).withRowGroupSize(rowGroupBytes)
                .withPageSize(1024).withCompressionCodec(codec);
        if (encryption != null) {
            builder.withEncryption(encryption);
        }
        try (ParquetWriter<Group> writer = builder.build()) {
            for (int i = 0; i < rows; i++) {
                Group row = factory.newGroup().append("id", (long) i);
                switch (i % 6) {
                    case 0 -> row.append("email", "user" + i + "@mailbox.org");
                    case 1 -> row.append("card", i % 12 == 1 ? "4556 7375 8689 9855" : "**** **** **** 9855");
                    case 2 -> row.append("ssn", 287_65_4321L);
                    case 3 -> row.addGroup("phones").addGroup("list").append("element", "+44 20 7946 0958");
                    case 4 -> row.addGroup("attrs").addGroup("key_value").append("key", "iban")
                            .append("value", "DE89 3704 0044 0532 0130 00");
                    default -> row.append("note", "lorem ipsum " + i + " dolor");
                }
                if (i == rows / 2) {
                    row.append("note", PLANTED + " " + "x".repeat(1100) + " mail dana.whitfield@mailbox.org");
                }
                writer.write(row);
            }
        }
        Files.deleteIfExists(file.resolveSibling("." + name + ".crc"));
        return file;
    }

    private Path people(String name) throws IOException {
        return write(name, 1500, 4096, null, CompressionCodecName.UNCOMPRESSED);
    }

    private static List<BlockMetaData> rowGroups(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return reader.getFooter().getBlocks();
        }
    }

    private static List<ByteRange> ranges(Path file, long splitBytes) throws IOException {
        List<ScanTasks.Task> tasks = ScanTasks.tasks(List.of(new InputObject(uri(file), Files.size(file), null)),
                splitBytes, null);
        return tasks.stream().map(t -> new ByteRange(t.split(), t.splits(), t.start(), t.end())).toList();
    }

    @Test
    void parquetWithoutACompressionSuffixIsPlannedInSplits() {
        assertThat(Readers.splittable(Format.PARQUET, "s3://b/part-0.parquet")).isTrue();
        assertThat(Readers.splittable(Format.PARQUET, "s3://b/part-0.parquet.gz")).isFalse();
        assertThat(SplitMerge.anySplit(List.of(new InputObject("s3://b/a.parquet", 3_000_000, null)), 1_048_576,
                null)).isTrue();
    }

    @ParameterizedTest(name = "max {0} findings")
    @CsvSource({"100000", "3", "250"})
    void everySplitSizeGivesTheUnsplitScan(long maxFindings) throws IOException {
        Path file = people("people.parquet");
        long size = Files.size(file);
        assertThat(rowGroups(file)).as("row groups").hasSizeGreaterThan(8);
        ObjectScanner scanner = scanner(config(maxFindings));
        Whole whole = whole(scanner, file);
        assertThat(whole.result().status()).isEqualTo(new ObjectStatus(ScanStatus.PARTIAL, StatusReason.TOO_LARGE));
        assertThat(whole.result().records()).isEqualTo(1500);
        assertThat(whole.findings()).hasSizeGreaterThanOrEqualTo((int) Math.min(maxFindings, 1000));

        for (long splitBytes : new long[] {512, 1000, 2048, 4096, 5555, size / 3, size / 2, size - 1}) {
            List<ByteRange> ranges = ranges(file, splitBytes);
            assertThat(split(scanner, file, ranges, maxFindings)).as("split size %d", splitBytes).isEqualTo(whole);
        }
    }

    @Test
    void twoSplitsCutAcrossTheFileGiveTheUnsplitScan() throws IOException {
        Path file = people("people.parquet");
        long size = Files.size(file);
        ObjectScanner scanner = scanner(config(100_000));
        Whole whole = whole(scanner, file);
        List<Long> cuts = new ArrayList<>();
        for (BlockMetaData group : rowGroups(file)) {
            long start = group.getStartingPos();
            long middle = start + group.getCompressedSize() / 2;
            cuts.addAll(List.of(start - 1, start, start + 1, middle - 1, middle, middle + 1));
        }
        for (long cut = 1; cut < size; cut += 97) {
            cuts.add(cut);
        }
        for (long cut : cuts) {
            List<ByteRange> ranges = List.of(new ByteRange(0, 2, 0, cut), new ByteRange(1, 2, cut, size));
            assertThat(split(scanner, file, ranges, 100_000)).as("cut at byte %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void eachSplitNumbersItsRowsAsTheObjectsAndTheSplitsTileTheRows() throws IOException {
        Path file = people("people.parquet");
        ObjectScanner scanner = scanner(config(100_000));
        List<ByteRange> ranges = ranges(file, 4096);
        long next = 0;
        int withRows = 0;
        for (ByteRange r : ranges) {
            ScannedObject s = scanner.scan(uri(file), from(file), -1, null, null, r);
            assertThat(s.split().scope()).isEqualTo("ROW_GROUPS");
            assertThat(s.split().firstByte()).as("split %d's first row", r.index()).isEqualTo(next);
            assertThat(s.split().lines()).isEqualTo(s.split().endByte() - s.split().firstByte());
            for (FindingRow f : s.findings()) {
                assertThat(f.record()).isBetween(s.split().firstByte(), s.split().endByte() - 1);
            }
            withRows += s.split().lines() > 0 ? 1 : 0;
            next = s.split().endByte();
        }
        assertThat(next).isEqualTo(1500);
        assertThat(withRows).as("splits that own a row group").isGreaterThan(4).isLessThan(ranges.size());
    }

    @Test
    void aRetriedSplitGivesTheSameRows() throws IOException {
        Path file = people("people.parquet");
        ByteRange third = ranges(file, 4096).get(2);
        ScannedObject first = scanner(config(100_000)).scan(uri(file), from(file), Files.size(file), null, null,
                third);
        ScannedObject retry = scanner(config(100_000)).scan(uri(file), from(file), Files.size(file), null, null,
                third);
        assertThat(retry).isEqualTo(first);
        assertThat(first.split().scope()).isEqualTo("ROW_GROUPS");
        assertThat(first.result().records()).isPositive();
    }

    /** Not splittable: the first split reads it whole (the unsplit read's own status), the others nothing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"one row group", "truncated footer", "not Parquet", "encrypted footer", "plaintext footer over encrypted columns"})
    void anObjectThatCannotBeSplitIsReadWholeByItsFirstSplit(String kind) throws IOException {
        byte[] key = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Path file = switch (kind) {
            case "one row group" -> write("one.parquet", 1500, 64L * 1024 * 1024, null, CompressionCodecName.SNAPPY);
            case "encrypted footer" -> write("enc.parquet", 1500, 4096,
                    FileEncryptionProperties.builder(key).build(), CompressionCodecName.UNCOMPRESSED);
            case "plaintext footer over encrypted columns" -> write("plain.parquet", 1500, 4096,
                    FileEncryptionProperties.builder(key).withPlaintextFooter().build(),
                    CompressionCodecName.UNCOMPRESSED);
            default -> people("people.parquet");
        };
        byte[] bytes = Files.readAllBytes(file);
        if (kind.equals("truncated footer")) {
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        } else if (kind.equals("not Parquet")) {
            Files.write(file, "{\"email\":\"jane.doe@example.net\"}\n".repeat(400).getBytes(StandardCharsets.UTF_8));
        }
        ObjectScanner scanner = scanner(config(100_000));
        Whole whole = whole(scanner, file);
        List<ByteRange> ranges = ranges(file, Files.size(file) / 4 + 1);
        assertThat(ranges).hasSize(4);
        List<String> scopes = new ArrayList<>();
        for (ByteRange r : ranges) {
            scopes.add(scanner.scan(uri(file), from(file), -1, null, null, r).split().scope());
        }
        assertThat(scopes).containsExactly("WHOLE_OBJECT", "NONE", "NONE", "NONE");
        assertThat(split(scanner, file, ranges, 100_000)).isEqualTo(whole);
        if (!kind.equals("one row group")) {
            assertThat(whole.result().status().status()).isEqualTo(ScanStatus.SKIPPED);
        }
    }

    /**
     * Bytes in the middle of one row group's largest gzip column chunk overwritten: the split that
     * owns the row group is not COMPLETE and the object is not COMPLETE, for every split layout;
     * no detail quotes the data.
     */
    @Test
    void aDamagedRowGroupFailsClosedInEverySplitLayout() throws IOException {
        Path file = write("people.parquet", 1500, 4096, null, CompressionCodecName.GZIP);
        List<BlockMetaData> groups = rowGroups(file);
        BlockMetaData damaged = groups.get(groups.size() / 2);
        ColumnChunkMetaData chunk = damaged.getColumns().stream()
                .max(Comparator.comparingLong(ColumnChunkMetaData::getTotalSize)).orElseThrow();
        byte[] bytes = Files.readAllBytes(file);
        long middle = chunk.getStartingPos() + chunk.getTotalSize() / 2;
        for (long i = middle - 4; i < middle + 4; i++) {
            bytes[(int) i] ^= (byte) 0x5A;
        }
        Files.write(file, bytes);
        ObjectScanner scanner = scanner(config(100_000));
        Whole whole = whole(scanner, file);
        assertThat(whole.result().status().complete()).isFalse();
        for (long splitBytes : new long[] {700, 2048, 4096, bytes.length / 3, bytes.length / 2}) {
            List<ByteRange> ranges = ranges(file, splitBytes);
            boolean owned = false;
            for (ByteRange r : ranges) {
                ScannedObject s = scanner.scan(uri(file), from(file), -1, null, null, r);
                assertThat(s.result().detail()).doesNotContain(PLANTED).doesNotContain("@");
                if (s.split().firstByte() <= damaged.getRowIndexOffset()
                        && damaged.getRowIndexOffset() < s.split().endByte()) {
                    owned = true;
                    assertThat(s.result().status().complete()).as("split %d of size %d", r.index(), splitBytes)
                            .isFalse();
                }
            }
            assertThat(owned).as("some split owns the damaged row group").isTrue();
            Whole split = split(scanner, file, ranges, 100_000);
            assertThat(split.result().status().complete()).as("split size %d", splitBytes).isFalse();
        }
    }

    // ------------------------------------------------------------ the merge of row group splits, fail closed

    private static SplitMerge.Part part(int index, int count, String scope, long firstRow, long endRow, long rows,
            ObjectStatus status) {
        return new SplitMerge.Part(new ObjectResult("file:/d/a.parquet", "file:/d/a.parquet", "parquet", 300, "e",
                status, "", rows, 0, 0, 0, 0, 0, 0, Map.of()),
                new SplitPart(index, count, scope, firstRow, endRow, rows, 0, 7));
    }

    @Test
    void rowGroupSplitsThatTileTheRowsMergeCompleteWithTheirOwnRecordNumbers() {
        SplitMerge.Merged m = SplitMerge.merge(List.of(part(2, 3, "ROW_GROUPS", 300, 500, 200, ObjectStatus.COMPLETE),
                part(0, 3, "ROW_GROUPS", 0, 300, 300, ObjectStatus.COMPLETE),
                part(1, 3, "ROW_GROUPS", 300, 300, 0, ObjectStatus.COMPLETE)), 100);
        assertThat(m.result().status()).isEqualTo(ObjectStatus.COMPLETE);
        assertThat(m.result().records()).isEqualTo(500);
        assertThat(m.bases()).containsExactly(0, 0, 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what differs | split 1's scope | its first row | its end row | rows it delivered
        "a gap between the splits' rows|ROW_GROUPS|301|500|199",
        "an overlap|ROW_GROUPS|299|500|201",
        "fewer rows delivered than its row groups hold|ROW_GROUPS|300|500|199",
        "split 1 read nothing though split 0 read row groups|NONE|-1|-1|0",
        "split 1 read lines|LINES|300|500|200",
    })
    void rowGroupSplitsThatDoNotAddUpEndTheObjectReadError(String what, String scope, long first, long end,
            long rows) {
        ObjectResult r = SplitMerge.merge(List.of(part(0, 2, "ROW_GROUPS", 0, 300, 300, ObjectStatus.COMPLETE),
                part(1, 2, scope, first, end, rows, ObjectStatus.COMPLETE)), 100).result();
        assertThat(r.status().key()).as(what).isEqualTo("PARTIAL/READ_ERROR");
        assertThat(r.detail()).as(what).isNotEmpty();
    }

    @Test
    void aFailedRowGroupSplitSaysWhichSplitWithoutMovingItsRowNumbers() {
        ObjectStatus corrupt = new ObjectStatus(ScanStatus.PARTIAL, StatusReason.CORRUPT);
        ObjectResult r = SplitMerge.merge(List.of(part(0, 2, "ROW_GROUPS", 0, 300, 300, ObjectStatus.COMPLETE),
                new SplitMerge.Part(new ObjectResult("file:/d/a.parquet", "file:/d/a.parquet", "parquet", 300, "e",
                        corrupt, "row 412: ParquetDecodingException", 112, 0, 0, 0, 0, 0, 0, Map.of()),
                        new SplitPart(1, 2, "ROW_GROUPS", 300, 500, 112, 0, 7))), 100).result();
        assertThat(r.status().key()).isEqualTo("PARTIAL/CORRUPT");
        assertThat(r.detail()).isEqualTo("split 1 of 2: row 412: ParquetDecodingException");
    }

    // ------------------------------------------------------------ helpers

    /** What a test compares: the object's result and its findings, in record order. */
    record Whole(ObjectResult result, List<FindingRow> findings) {}

    private static String uri(Path file) {
        return file.toUri().toString();
    }

    /** The path is scanned from the file name on, as under a dataset root. */
    private static int from(Path file) {
        return uri(file).lastIndexOf('/') + 1;
    }

    private static Whole whole(ObjectScanner scanner, Path file) {
        ScannedObject s = scanner.scan(uri(file), from(file), -1, null, null);
        return new Whole(withoutDetail(s.result()), sorted(s.findings()));
    }

    /** Scans each range, merges as the driver does and passes each finding through the executors' fix. */
    private static Whole split(ObjectScanner scanner, Path file, List<ByteRange> ranges, long maxFindings) {
        List<SplitMerge.Part> parts = new ArrayList<>();
        List<ScannedObject> scanned = new ArrayList<>();
        for (ByteRange r : ranges) {
            ScannedObject s = scanner.scan(uri(file), from(file), -1, null, null, r);
            assertThat(s.result().detail()).doesNotContain(PLANTED);
            scanned.add(s);
            parts.add(new SplitMerge.Part(s.result(), s.split()));
        }
        SplitMerge.Merged merged = SplitMerge.merge(parts, maxFindings);
        assertThat(merged.result().detail()).doesNotContain(PLANTED);
        Map<String, long[]> fixes = new HashMap<>();
        for (int k = 0; k < ranges.size(); k++) {
            fixes.put(SplitMerge.key(uri(file), k), new long[] {merged.bases()[k], merged.kept()[k]});
        }
        List<FindingRow> findings = new ArrayList<>();
        for (int k = 0; k < scanned.size(); k++) {
            long ordinal = 0;
            for (FindingRow f : scanned.get(k).findings()) {
                InternalRow fixed = SplitMerge.FixFindings.fix(ScanRows.internal(f, k, ordinal++), fixes);
                if (fixed != null) {
                    // Only the record changes: take the rest from the original.
                    findings.add(new FindingRow(f.file(), f.safeFile(), fixed.getStruct(1, ScanRows.FINDING.size()).getLong(2), f.field(),
                            f.start(), f.end(), f.type(), f.detector(), f.masked(), f.testValue(), f.confidence(),
                            f.evidence(), f.preview(), f.fingerprint()));
                }
            }
        }
        return new Whole(withoutDetail(merged.result()), sorted(findings));
    }

    /** The detail names the split whose problem it is: all else must match. */
    private static ObjectResult withoutDetail(ObjectResult r) {
        return new ObjectResult(r.file(), r.safeFile(), r.format(), r.size(), r.etag(), r.versionId(), r.status(), "",
                r.records(), r.recordsUnmasked(), r.recordsTestOnly(), r.recordsMaskedOnly(),
                r.recordsMaskedTestOnly(), r.findingsWritten(), r.findingsNotWritten(), r.types());
    }

    private static List<FindingRow> sorted(List<FindingRow> findings) {
        List<FindingRow> out = new ArrayList<>(findings);
        out.sort(Comparator.comparingLong(FindingRow::record).thenComparing(FindingRow::field)
                .thenComparingInt(FindingRow::start).thenComparing(FindingRow::type));
        return out;
    }
}
