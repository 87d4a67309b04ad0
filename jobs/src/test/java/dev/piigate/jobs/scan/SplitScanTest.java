package dev.piigate.jobs.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;

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
import dev.piigate.jobs.read.ParserProcesses;
import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;

/**
 * An object scanned in splits ({@link ObjectScanner} with a {@link ByteRange}, merged by
 * {@link SplitMerge}, or scanned again whole where a split says it read unlike the whole read)
 * gives exactly what the unsplit scan gives: the same findings (record, field, span, type, preview,
 * fingerprint), the same counts and status, findings/ capped alike; for every split size down to
 * one byte, and for two splits cut at every byte. The files hold what makes line boundaries hard:
 * CRLF, a lone CR, blank lines, a line longer than a chunk, multi-byte UTF-8, a line that is not
 * JSON, a last line without a line break; an invalid UTF-8 byte (JSON Lines); a private key block
 * over several lines (text); quoted cells with line breaks, CRLF and doubled quotes in them, in the
 * header too (CSV, TSV).
 */
@ResourceLock(SparkTestSession.LOCK)
class SplitScanTest {
    /** No document is read here; the scanner needs one all the same. */
    private static final ParserProcesses PARSERS = new ParserProcesses();

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

    /** The files split here: their name and whether the merge alone must do (no split reads unlike the whole). */
    enum Kind {
        /** An invalid UTF-8 byte near every split border: every split set is read again whole. */
        JSONL_INVALID_BYTE("hard.jsonl"),
        JSONL("hard.jsonl"),
        /** A private key block: cuts inside it are read again whole, the others merged. */
        TEXT("hard.txt"),
        /** Quoted line breaks: cuts inside a quoted cell are read again whole, the others merged. */
        CSV("hard.csv"),
        TSV("hard.tsv");

        final String fileName;

        Kind(String fileName) {
            this.fileName = fileName;
        }

        byte[] bytes() {
            return switch (this) {
                case JSONL_INVALID_BYTE -> hardJsonLines(true);
                case JSONL -> hardJsonLines(false);
                case TEXT -> hardText();
                case CSV -> hardCsv(',');
                case TSV -> hardCsv('\t');
            };
        }
    }

    /** The hard JSON Lines file: every kind of line break and line this test must split across. */
    static byte[] hardJsonLines(boolean invalidByte) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String longValue = "x".repeat(700) + " mail dana.whitfield@mailbox.org " + "y".repeat(600)
                + " card 4556 7375 8689 9855 " + "z".repeat(400);
        write(out, "{\"email\":\"jane.doe@example.net\",\"note\":\"Zoë 日本 😀\"}\r\n");
        write(out, "{\"ssn\":\"287-65-4321\"}\r");
        write(out, "\n");
        write(out, "{\"phone\":\"+44 20 7946 0958\",\"x\":\"é\"}\n");
        write(out, "\r\n");
        write(out, "{\"long\":\"" + longValue + "\"}\n");
        write(out, "{\"iban\":\"DE89 3704 0044 0532 0130 00\",\"k\":\"ü\u00e9\"}\r\n");
        out.write(new byte[] {'{', '"', 'b', 'a', 'd', '"', ':', '"', invalidByte ? (byte) 0xC3 : (byte) 'c', '(', ' ',
            'x', '"', '}', '\n'}, 0, 15);
        write(out, "not json at all, mail bob.stone@corp-mail.com\n");
        write(out, "{\"card\":\"4556737586899855\",\"name\":\"Åsa\"}\r");
        write(out, "{\"email\":\"carol.king@mailbox.org\",\"e2\":\"dave@mailbox.org\"}");
        return out.toByteArray();
    }

    /** A private key block: one record of four lines, the key detector's to find whole. */
    static final String KEY_BLOCK = "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\r\n"
            + "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm\n-----END RSA PRIVATE KEY-----";

    static byte[] hardText() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "mail jane.doe@example.net, Zoë 日本 😀\r\n");
        write(out, "ssn 287-65-4321\r");
        write(out, "\n");
        write(out, "phone +44 20 7946 0958 é\n");
        write(out, "\r\n");
        write(out, "x".repeat(700) + " mail dana.whitfield@mailbox.org " + "y".repeat(600) + " card 4556 7375 8689 9855 "
                + "z".repeat(400) + "\n");
        write(out, "deploy key:\n" + KEY_BLOCK + "\n");
        write(out, "iban DE89 3704 0044 0532 0130 00 ü\r\n");
        write(out, "card 4556737586899855 Åsa\r");
        write(out, "last carol.king@mailbox.org, dave@mailbox.org");
        return out.toByteArray();
    }

    /** Quoted cells with line breaks (LF, CRLF, a lone CR), doubled quotes and delimiters, in the header too. */
    static byte[] hardCsv(char d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "name" + d + "note" + d + "phone" + d + "\"extra\ncolumn\"\r\n");
        write(out, "Jane" + d + "\"likes \"\"tea\"\"" + d + " and" + d + " commas\"" + d + "+44 20 7946 0958" + d
                + "x\r\n");
        write(out, "\"Bob\"" + d + "\"line one\nmail bob.stone@corp-mail.com\r\nline three\"" + d + d + "y\n");
        write(out, "\n");
        write(out, "Eve" + d + "plain" + d + "555" + d + "\"card\n4556 7375 8689 9855\rend\"\r");
        write(out, "Zoë 日本" + d + "\"😀 ssn\n\n287-65-4321\"" + d + "+1 212 555 0100" + d + "z\n");
        write(out, "\r\n");
        write(out, "Åsa" + d + "\"x\"\"\n\"\"y\"" + d + d + "\"DE89 3704 0044 0532 0130 00\n\"\n");
        write(out, "carol" + d + "\"end \"\"q\"\"\"" + d + d + "\"dave@mailbox.org\nand jane.doe@example.net\"");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}, max {1} findings, byte order mark {2}")
    @CsvSource({"JSONL_INVALID_BYTE, 100000, false", "JSONL_INVALID_BYTE, 3, false", "JSONL_INVALID_BYTE, 100000, true",
        "JSONL, 100000, false", "JSONL, 3, false", "JSONL, 100000, true",
        "TEXT, 100000, false", "TEXT, 3, false", "TEXT, 100000, true",
        "CSV, 100000, false", "CSV, 3, false", "CSV, 100000, true", "TSV, 100000, false"})
    void everySplitSizeGivesTheUnsplitScan(Kind kind, long maxFindings, boolean byteOrderMark) throws IOException {
        Path file = dir.resolve(kind.fileName);
        byte[] bytes = kind.bytes();
        if (byteOrderMark) {
            ByteArrayOutputStream withBom = new ByteArrayOutputStream();
            withBom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            withBom.writeBytes(bytes);
            bytes = withBom.toByteArray();
        }
        Files.write(file, bytes);
        ObjectScanner scanner = scanner(config(maxFindings));
        Whole whole = whole(scanner, file);
        assertThat(whole.result().status()).isEqualTo(kind.name().startsWith("JSONL")
                ? new ObjectStatus(ScanStatus.PARTIAL, StatusReason.TOO_LARGE) : ObjectStatus.COMPLETE);
        assertThat(whole.findings()).hasSizeGreaterThanOrEqualTo(maxFindings == 3 ? 3 : 8);

        int readAgain = 0;
        int length = bytes.length;
        long[] sizes = LongStream.of(1, 2, 3, 5, 7, 13, 64, 100, 333, 1000, length - 1).filter(n -> n < length)
                .toArray();
        for (long splitBytes : sizes) {
            List<ScanTasks.Task> tasks = ScanTasks.tasks(List.of(new InputObject(uri(file), bytes.length, null)),
                    splitBytes, null);
            List<ByteRange> ranges = tasks.stream()
                    .map(t -> new ByteRange(t.split(), t.splits(), t.start(), t.end())).toList();
            Split split = split(scanner, file, ranges, maxFindings);
            assertThat(split.merged()).as("split size %d", splitBytes).isEqualTo(whole);
            readAgain += split.readWhole() ? 1 : 0;
        }
        assertReadAgain(kind, readAgain, sizes.length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"JSONL_INVALID_BYTE", "JSONL", "TEXT", "CSV", "TSV"})
    void twoSplitsCutAtEveryByteGiveTheUnsplitScan(Kind kind) throws IOException {
        Path file = dir.resolve(kind.fileName);
        byte[] bytes = kind.bytes();
        Files.write(file, bytes);
        ObjectScanner scanner = scanner(config(100_000));
        Whole whole = whole(scanner, file);
        int readAgain = 0;
        for (int cut = 1; cut < bytes.length; cut++) {
            List<ByteRange> ranges = List.of(new ByteRange(0, 2, 0, cut), new ByteRange(1, 2, cut, bytes.length));
            Split split = split(scanner, file, ranges, 100_000);
            assertThat(split.merged()).as("cut at byte %d", cut).isEqualTo(whole);
            readAgain += split.readWhole() ? 1 : 0;
        }
        assertReadAgain(kind, readAgain, bytes.length - 1);
    }

    /** Read again whole only where a merge could not be exact; never for JSON Lines without a doubt. */
    private static void assertReadAgain(Kind kind, int readAgain, int splitSets) {
        switch (kind) {
            case JSONL_INVALID_BYTE -> assertThat(readAgain).as("read again whole").isEqualTo(splitSets);
            case JSONL -> assertThat(readAgain).as("read again whole").isZero();
            default -> assertThat(readAgain).as("read again whole").isPositive().isLessThan(splitSets);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"JSONL", "TEXT", "CSV"})
    void aRetriedSplitGivesTheSameRows(Kind kind) throws IOException {
        Path file = dir.resolve(kind.fileName);
        byte[] bytes = kind.bytes();
        Files.write(file, bytes);
        ObjectScanner scanner = scanner(config(100_000));
        ByteRange second = new ByteRange(1, 3, bytes.length - 250, bytes.length - 100); // lines after the long one
        ScannedObject first = scanner.scan(uri(file), file.getFileName().toString().length(), bytes.length, null,
                null, second);
        ScannedObject retry = scanner(config(100_000)).scan(uri(file), file.getFileName().toString().length(),
                bytes.length, null, null, second);
        assertThat(retry).isEqualTo(first);
        assertThat(first.split().scope()).isIn("LINES", "LINES_UNSURE");
        assertThat(first.result().records()).isPositive();
    }

    /** A CSV split after the first names its cells by the object's header row, read from the object's start. */
    @Test
    void aLaterCsvSplitNamesItsCellsByTheObjectsHeader() throws IOException {
        Path file = dir.resolve("people.csv");
        String csv = "name,ssn\n" + "Jane Doe,287-65-4321\n".repeat(40);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        ScannedObject last = scanner(config(100_000)).scan(uri(file), 0, csv.length(), null, null,
                new ByteRange(1, 2, 500, csv.length()));
        assertThat(last.split().scope()).isEqualTo("LINES");
        assertThat(last.findings()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.field()).isEqualTo("ssn");
            assertThat(f.type()).isEqualTo("USA_SOCIAL_SECURITY_NUMBER");
        });
    }

    /**
     * A window of the text check that the whole read rejects (41 undecodable bytes in characters
     * 4096 to 8191) lies across the split border, where neither split's own windows see 41: the
     * split by the border says so, and the object is read whole, PARTIAL as the unsplit scan.
     */
    @Test
    void aTextWindowTheWholeReadRejectsAcrossABorderIsNotPassed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, ("a".repeat(63) + "\n").repeat(64)); // characters 0 to 4095: clean
        for (int i = 0; i < 41; i++) {
            write(out, "b".repeat(58));
            out.write(0xFF); // one undecodable byte, one bad character, 60 apart: no burst
            write(out, "\n");
        }
        write(out, ("c".repeat(63) + "\n").repeat(100));
        byte[] bytes = out.toByteArray();
        Path file = dir.resolve("stray.txt");
        Files.write(file, bytes);
        ObjectScanner scanner = scanner(config(100_000));
        Whole whole = whole(scanner, file);
        assertThat(whole.result().status()).isEqualTo(new ObjectStatus(ScanStatus.PARTIAL,
                StatusReason.UNSUPPORTED_FORMAT));
        List<ByteRange> ranges = List.of(new ByteRange(0, 2, 0, 5300), new ByteRange(1, 2, 5300, bytes.length));
        Split split = split(scanner, file, ranges, 100_000);
        assertThat(split.readWhole()).isTrue();
        assertThat(split.merged()).isEqualTo(whole);
    }

    /** Not UTF-8 (a BOM'd UTF-16 file, gzip without its suffix): the first split reads it whole, the others nothing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"utf16", "gzip"})
    void anObjectThatIsNotUtf8IsReadWholeByItsFirstSplit(String kind) throws IOException {
        String text = "{\"email\":\"jane.doe@example.net\"}\n{\"n\":1}\n{\"ssn\":\"287-65-4321\"}\n".repeat(20);
        byte[] bytes;
        if (kind.equals("utf16")) {
            bytes = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE);
        } else {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            bytes = gz.toByteArray();
        }
        Path file = dir.resolve("data.jsonl");
        Files.write(file, bytes);
        ObjectScanner scanner = scanner(config(100_000));
        Whole whole = whole(scanner, file);
        assertThat(whole.result().records()).isEqualTo(60);
        List<ByteRange> ranges = List.of(new ByteRange(0, 3, 0, 40), new ByteRange(1, 3, 40, 80),
                new ByteRange(2, 3, 80, bytes.length));
        List<String> scopes = new ArrayList<>();
        for (ByteRange r : ranges) {
            scopes.add(scanner.scan(uri(file), 0, bytes.length, null, null, r).split().scope());
        }
        assertThat(scopes).containsExactly("WHOLE_OBJECT", "NONE", "NONE");
        assertThat(split(scanner, file, ranges, 100_000).merged()).isEqualTo(whole);
    }

    // ------------------------------------------------------------ the merge, fail closed

    private static ObjectResult result(long size, String etag, long records, ObjectStatus status) {
        return new ObjectResult("file:/d/a.jsonl", "file:/d/a.jsonl", "jsonl", size, etag, status, "", records, 0, 0,
                0, 0, 0, 0, Map.of());
    }

    private static SplitMerge.Part part(int index, int count, String scope, long first, long end, long lines,
            String etag, long modified, ObjectStatus status) {
        return new SplitMerge.Part(result(300, etag, lines, status),
                new SplitPart(index, count, scope, first, end, lines, 0, modified));
    }

    private static final ObjectStatus DONE = ObjectStatus.COMPLETE;

    @Test
    void aSplitThatReadUnlikeTheWholeReadSendsTheObjectToBeReadWhole() {
        SplitMerge.Merged m = SplitMerge.merge(List.of(part(0, 2, "LINES_UNSURE", 0, 120, 3, "e", 7, DONE),
                part(1, 2, "LINES", 110, 300, 4, "e", 7, DONE)), 100);
        assertThat(m.readWhole()).isTrue();
        assertThat(m.kept()).containsExactly(0, 0); // none of the splits' findings is written
    }

    @Test
    void anObjectThatChangedIsNotReadAgain() {
        SplitMerge.Merged m = SplitMerge.merge(List.of(part(0, 2, "LINES_UNSURE", 0, 120, 3, "e", 7, DONE),
                part(1, 2, "LINES", 110, 300, 4, "f", 7, DONE)), 100);
        assertThat(m.readWhole()).isFalse();
        assertThat(m.result().status().key()).isEqualTo("PARTIAL/OBJECT_CHANGED");
    }

    @Test
    void splitsThatTileTheObjectMergeComplete() {
        ObjectResult r = SplitMerge.merge(List.of(part(1, 2, "LINES", 120, 300, 4, "e", 7, DONE),
                part(0, 2, "LINES", 0, 120, 3, "e", 7, DONE)), 100).result();
        assertThat(r.status()).isEqualTo(DONE);
        assertThat(r.records()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what differs | split 1's scope | its first byte | its end | etag | modified | expected
        "a gap between the splits (a quoted line break in CSV would do this)|LINES|121|300|e|7|PARTIAL/READ_ERROR",
        "an overlap|LINES|119|300|e|7|PARTIAL/READ_ERROR",
        "the last split short of the end|LINES|120|299|e|7|PARTIAL/READ_ERROR",
        "split 1 read nothing though split 0 read only lines|NONE|-1|-1|e|7|PARTIAL/READ_ERROR",
        "another ETag|LINES|120|300|f|7|PARTIAL/OBJECT_CHANGED",
        "another modification time|LINES|120|300|e|8|PARTIAL/OBJECT_CHANGED",
    })
    void splitsThatDoNotAddUpToTheObjectEndItNotComplete(String what, String scope, long first, long end,
            String etag, long modified, String expected) {
        ObjectResult r = SplitMerge.merge(List.of(part(0, 2, "LINES", 0, 120, 3, "e", 7, DONE),
                part(1, 2, scope, first, end, scope.equals("NONE") ? 0 : 4, etag, modified, DONE)), 100).result();
        assertThat(r.status().key()).as(what).isEqualTo(expected);
        assertThat(r.detail()).as(what).isNotEmpty();
    }

    @Test
    void theWorstSplitDecidesAndSaysWhereItsLinesStart() {
        ObjectStatus corrupt = new ObjectStatus(ScanStatus.PARTIAL, StatusReason.CORRUPT);
        ObjectStatus gone = new ObjectStatus(ScanStatus.SKIPPED, StatusReason.NOT_FOUND);
        SplitMerge.Part second = new SplitMerge.Part(new ObjectResult("file:/d/a.jsonl", "file:/d/a.jsonl", "jsonl",
                300, "e", corrupt, "line 2: JsonParseException", 4, 0, 0, 0, 0, 0, 0, Map.of()),
                new SplitPart(1, 3, "LINES", 120, 200, 4, 0, 7));
        ObjectResult r = SplitMerge.merge(List.of(part(0, 3, "LINES", 0, 120, 3, "e", 7, DONE), second,
                part(2, 3, "NONE", -1, -1, 0, "e", 7, gone)), 100).result();
        // SKIPPED is the worst, but records were scanned: PARTIAL with its reason.
        assertThat(r.status().key()).isEqualTo("PARTIAL/NOT_FOUND");
        assertThat(r.detail()).startsWith("split 2 of 3, whose line 0 is record 7: ").endsWith("(+1 more splits not COMPLETE)");
    }

    @Test
    void aMissingSplitIsAnErrorNotAPass() {
        assertThatThrownBy(() -> SplitMerge.merge(List.of(part(0, 3, "LINES", 0, 120, 3, "e", 7, DONE),
                part(2, 3, "LINES", 120, 300, 4, "e", 7, DONE)), 100))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("do not cover it");
    }

    // ------------------------------------------------------------ helpers

    /** What a test compares: the object's result and its findings, in record order. */
    record Whole(ObjectResult result, List<FindingRow> findings) {}

    /** A split scan's outcome, and whether the merge sent the object to be read whole (what {@code merged} is then). */
    record Split(Whole merged, boolean readWhole) {}

    private static String uri(Path file) {
        return file.toUri().toString();
    }

    private static Whole whole(ObjectScanner scanner, Path file) {
        ScannedObject s = scanner.scan(uri(file), uri(file).lastIndexOf('/') + 1, -1, null, null);
        return new Whole(withoutDetail(s.result()), sorted(s.findings()));
    }

    /**
     * Scans each range, merges as {@link SplitMerge} does on the driver and fixes findings as its
     * executors do; or, when a split read unlike the whole read, scans the object whole as the job does.
     */
    private static Split split(ObjectScanner scanner, Path file, List<ByteRange> ranges, long maxFindings) {
        List<SplitMerge.Part> parts = new ArrayList<>();
        List<InternalRow> findingRows = new ArrayList<>();
        List<FindingRow> originals = new ArrayList<>();
        for (ByteRange r : ranges) {
            ScannedObject s = scanner.scan(uri(file), uri(file).lastIndexOf('/') + 1, -1, null, null, r);
            parts.add(new SplitMerge.Part(s.result(), s.split()));
            long ordinal = 0;
            for (FindingRow f : s.findings()) {
                originals.add(f);
                findingRows.add(ScanRows.internal(f, r.index(), ordinal++));
            }
        }
        SplitMerge.Merged merged = SplitMerge.merge(parts, maxFindings);
        if (merged.readWhole()) {
            return new Split(whole(scanner, file), true);
        }
        Map<String, long[]> fixes = new HashMap<>();
        for (int k = 0; k < ranges.size(); k++) {
            fixes.put(SplitMerge.key(uri(file), k), new long[] {merged.bases()[k], merged.kept()[k]});
        }
        List<FindingRow> findings = new ArrayList<>();
        for (int i = 0; i < findingRows.size(); i++) {
            InternalRow fixed = SplitMerge.FixFindings.fix(findingRows.get(i), fixes);
            if (fixed != null) {
                // Only the record changes: take the rest from the original.
                FindingRow o = originals.get(i);
                findings.add(new FindingRow(o.file(), o.safeFile(), fixed.getStruct(1, ScanRows.FINDING.size()).getLong(2), o.field(),
                        o.start(), o.end(), o.type(), o.detector(), o.masked(), o.testValue(), o.confidence(),
                        o.evidence(), o.preview(), o.fingerprint()));
            }
        }
        return new Split(new Whole(withoutDetail(merged.result()), sorted(findings)), false);
    }

    /** The detail names the split whose problem it is (its line numbers are the split's): all else must match. */
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
