package dev.piigate.jobs.read;

import static dev.piigate.jobs.read.TestFiles.PLANTED;
import static dev.piigate.jobs.read.TestFiles.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.piigate.jobs.read.RecordingSink.Value;

class JsonLinesReaderTest {
    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    private ReadResult read(Path path, ReadLimits limits, RecordSink sink) throws IOException {
        return Readers.forFormat(Format.JSONL).read(fs, path, TestFiles.conf(), limits, sink);
    }

    @Test
    void nestedValuesComeWithTheirPathsAndOddKeysAreQuoted() throws IOException {
        String line = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"bot\",\"content\":[\"a\",\"b\"]},"
                + "{\"content\":\"mail jane@example.com\"}],"
                + "\"billing details\":{\"iban\":\"DE89 3704 0044 0532 0130 00\"},"
                + "\"it's\":{\"a\\\\b\":\"x\"},\"ok\":true,\"none\":null}";
        Path path = TestFiles.write(dir, "chat.jsonl", line + "\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).values()).containsExactly(
                new Value("$", "messages"),
                new Value("$.messages[0]", "role"),
                new Value("$.messages[0].role", "user"),
                new Value("$.messages[0]", "content"),
                new Value("$.messages[0].content", "hi"),
                new Value("$.messages[1]", "role"),
                new Value("$.messages[1].role", "bot"),
                new Value("$.messages[1]", "content"),
                new Value("$.messages[1].content[0]", "a"),
                new Value("$.messages[1].content[1]", "b"),
                new Value("$.messages[2]", "content"),
                new Value("$.messages[2].content", "mail jane@example.com"),
                new Value("$", "billing details"),
                new Value("$['billing details']", "iban"),
                new Value("$['billing details'].iban", "DE89 3704 0044 0532 0130 00"),
                new Value("$", "it's"),
                new Value("$['it\\'s']", "a\\b"),
                new Value("$['it\\'s']['a\\\\b']", "x"),
                new Value("$", "ok"),
                new Value("$", "none"));
    }

    @Test
    void numbersAreDeliveredAsTheirTextAndKeysAsData() throws IOException {
        Path path = TestFiles.write(dir, "people.ndjson",
                "{\"ssn\": 123456789, \"amount\": -12.50, \"card\": 4111111111111111, \"flags\": [true, 7]}\n"
                        + "{\"jane@example.com\": 3}\n"
                        + "42\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).values()).contains(
                new Value("$.ssn", "123456789"),
                new Value("$.amount", "-12.50"),
                new Value("$.card", "4111111111111111"),
                new Value("$.flags[1]", "7"));
        assertThat(sink.record(1).values()).containsExactly(
                new Value("$", "jane@example.com"),
                new Value("$['jane@example.com']", "3"));
        assertThat(sink.record(2).values()).containsExactly(new Value("$", "42"));
    }

    @Test
    void numbersWithAPointOrAnExponentAreDeliveredAsTheIntegerTheyHoldExactly() throws IOException {
        // pandas writes an integer column with a gap as floats; Double.toString and Excel write
        // exponents; a double could not hold the 17+ digit values exactly.
        String line = "{\"ssn\": 287654321.0, \"neg\": -287654321.00, \"card\": 4.550112159504165E15,"
                + " \"card2\": 4550112159504165e0, \"card3\": 4550112159504165000E-3, \"card4\": 0.4550112159504165e+16,"
                + " \"big\": 12345678901234567890123.0, \"long\": 4.5501121595041651234E19,"
                + " \"half\": 4550112159504165.5, \"small\": 1e-7, \"quarter\": -0.25, \"zero\": -0.0,"
                + " \"int\": -4550112159504165, \"bigint\": 123456789012345678901234567890}";
        Path path = TestFiles.write(dir, "pandas.jsonl", line + "\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).values()).filteredOn(v -> !v.field().equals("$")).containsExactly(
                new Value("$.ssn", "287654321"),
                new Value("$.neg", "-287654321"),
                new Value("$.card", "4550112159504165"),
                new Value("$.card2", "4550112159504165"),
                new Value("$.card3", "4550112159504165"),
                new Value("$.card4", "4550112159504165"),
                new Value("$.big", "12345678901234567890123"),
                new Value("$.long", "45501121595041651234"),
                // A non-zero fraction: the integer for the detectors, then the text as written
                // (the text alone when the integer is 0).
                new Value("$.half", "4550112159504165"),
                new Value("$.half", "4550112159504165.5"),
                new Value("$.small", "1e-7"),
                new Value("$.quarter", "-0.25"),
                new Value("$.zero", "0"),
                new Value("$.int", "-4550112159504165"),
                new Value("$.bigint", "123456789012345678901234567890"));
    }

    @Test
    void stringsAndKeysThatAreWhollyNumbersAreReadTheSameWay() throws IOException {
        Path path = TestFiles.write(dir, "strings.jsonl",
                "{\"ssn\": \"287654321.0\", \"id\": \" 012345678.0 \", \"4.550112159504165E15\": \"x\","
                        + " \"version\": \"1.2.3\", \"note\": \"4550112159504165.0 paid\", \"e\": \"e5\","
                + " \"4111111111111111.5\": {\"ssn\": 1}}\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).values()).containsExactly(
                new Value("$", "ssn"),
                new Value("$.ssn", "287654321"),
                new Value("$", "id"),
                // Digits as written: the leading zero of an SSN stays.
                new Value("$.id", "012345678"),
                new Value("$", "4550112159504165"),
                // Named by its integer in the path, where findings' path masking can see the card.
                new Value("$['4550112159504165']", "x"),
                new Value("$", "version"),
                new Value("$.version", "1.2.3"),
                new Value("$", "note"),
                // Not wholly a number: text, as it is.
                new Value("$.note", "4550112159504165.0 paid"),
                new Value("$", "e"),
                new Value("$.e", "e5"),
                new Value("$", "4111111111111111"),
                new Value("$", "4111111111111111.5"),
                new Value("$['4111111111111111']", "ssn"),
                new Value("$['4111111111111111'].ssn", "1"));
    }

    @Test
    void nanAndInfinityAsPythonWritesThemAreNotABrokenLine() throws IOException {
        Path path = TestFiles.write(dir, "python.jsonl",
                "{\"ssn\": 287654321.0, \"loss\": NaN, \"max\": Infinity, \"min\": -Infinity}\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).values()).filteredOn(v -> !v.field().equals("$")).containsExactly(
                new Value("$.ssn", "287654321"),
                new Value("$.loss", "NaN"),
                new Value("$.max", "Infinity"),
                new Value("$.min", "-Infinity"));
    }

    @Test
    void anExponentTooLargeToWriteOutIsScannedAsWrittenAndTooLarge() throws IOException {
        // 1e999 is a thousand digits, the most written out; 4550112159504165e985 would be 1001.
        Path path = TestFiles.write(dir, "huge.jsonl",
                "{\"a\": 1e999}\n{\"" + PLANTED + "\": 4550112159504165e985, \"b\": 1e-2147483648999}\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.partial(StatusReason.TOO_LARGE,
                "line 1: a number whose integer has more than 1000 digits, scanned as written"));
        assertThat(sink.record(0).values()).containsExactly(new Value("$", "a"), new Value("$.a", "1" + "0".repeat(999)));
        assertThat(sink.record(1).values()).containsExactly(
                new Value("$", PLANTED),
                new Value("$['" + PLANTED + "']", "4550112159504165e985"),
                new Value("$", "b"),
                new Value("$.b", "1e-2147483648999"));
    }

    @Test
    void aNumberLongerThanJacksonReadsIsACorruptLineScannedAsText() throws IOException {
        String digits = "4".repeat(1001);
        Path path = TestFiles.write(dir, "longnumber.jsonl", "{\"a\": " + digits + "}\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.PARTIAL);
        assertThat(result.reason()).isEqualTo(StatusReason.CORRUPT);
        assertThat(result.detail()).doesNotContain("4444");
        assertThat(sink.record(0).values()).containsExactly(new Value("$", "{\"a\": " + digits + "}"));
    }

    @Test
    void blankLinesAreRecordsWithNoValues() throws IOException {
        Path path = TestFiles.write(dir, "gaps.jsonl", "{\"a\":\"1\"}\n\n   \n{\"a\":\"4\"}\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.indexes()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(sink.record(1).values()).isEmpty();
        assertThat(sink.record(2).values()).isEmpty();
        assertThat(sink.record(3).values()).contains(new Value("$.a", "4"));
    }

    @Test
    void anInvalidLineIsScannedRawAndMarksTheObjectCorruptWithoutQuotingIt() throws IOException {
        String bad = "{\"note\": \"" + PLANTED + " 123-45-6789\", oops}";
        Path path = TestFiles.write(dir, "mixed.jsonl", "{\"a\":\"ok\"}\n" + bad + "\n{\"b\":\"fine\"}\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.PARTIAL);
        assertThat(result.reason()).isEqualTo(StatusReason.CORRUPT);
        assertThat(result.detail()).startsWith("line 1: ").contains("Exception").doesNotContain(PLANTED)
                .doesNotContain("123-45-6789");
        // Delivered once, raw: not half parsed and then again.
        assertThat(sink.record(1).values()).containsExactly(new Value("$", bad));
        assertThat(sink.record(2).values()).contains(new Value("$.b", "fine"));
    }

    @Test
    void twoValuesOnOneLineAreCorrupt() throws IOException {
        Path path = TestFiles.write(dir, "two.jsonl", "{\"a\":\"x\"} {\"b\":\"" + PLANTED + "\"}\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.reason()).isEqualTo(StatusReason.CORRUPT);
        assertThat(result.detail()).doesNotContain(PLANTED);
        assertThat(sink.record(0).values()).extracting(Value::field).containsExactly("$");
    }

    @Test
    void nestingDeeperThanTheLimitIsCorruptAndScannedRaw() throws IOException {
        // SMALL allows depth 8.
        String deep = "[".repeat(9) + "\"" + PLANTED + "\"" + "]".repeat(9);
        String ok = "[".repeat(8) + "\"fine\"" + "]".repeat(8);
        Path path = TestFiles.write(dir, "deep.jsonl", ok + "\n" + deep + "\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.partial(StatusReason.CORRUPT, "line 1: nesting deeper than 8"));
        assertThat(sink.record(0).values()).containsExactly(new Value("$[0][0][0][0][0][0][0][0]", "fine"));
        assertThat(sink.record(1).values()).containsExactly(new Value("$", deep));
    }

    @Test
    void aLineLongerThanTheLimitIsScannedAsTextChunksAndIsTooLarge() throws IOException {
        // Longer than the 1024-character limit and than one chunk (chunks are at least MIN_CHUNK_CHARS).
        String longLine = "{\"text\":\"" + "w".repeat(TextChunks.MIN_CHUNK_CHARS) + " 4111 1111 1111 1111 "
                + "v".repeat(500) + "\"}";
        Path path = TestFiles.write(dir, "long.jsonl", longLine + "\n{\"a\":\"next\"}\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.PARTIAL);
        assertThat(result.reason()).isEqualTo(StatusReason.TOO_LARGE);
        assertThat(result.detail()).isEqualTo("line 0: longer than 1024 characters, scanned as text, not parsed");
        assertThat(sink.record(0).fields()).containsOnly("$");
        assertThat(sink.record(0).values()).hasSizeGreaterThan(1)
                .allSatisfy(v -> assertThat(v.value().length()).isLessThanOrEqualTo(TextChunks.MIN_CHUNK_CHARS))
                .anySatisfy(v -> assertThat(v.value()).contains("4111 1111 1111 1111"));
        assertThat(sink.record(1).values()).contains(new Value("$.a", "next"));
    }

    @Test
    void gzippedJsonLinesAreRead() throws IOException {
        Path path = TestFiles.write(dir, "chat.jsonl.gz", TestFiles.gzip(TestFiles.utf8("{\"a\":\"x\"}\n{\"a\":\"y\"}\n")));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allValues()).contains(new Value("$.a", "x"), new Value("$.a", "y"));
    }

    @Test
    void zeroBytesIsSkippedAsEmpty() throws IOException {
        Path path = TestFiles.write(dir, "empty.jsonl", new byte[0]);
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink).reason()).isEqualTo(StatusReason.EMPTY);
        assertThat(sink.records()).isEmpty();
    }
}
