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

class CsvReaderTest {
    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    private ReadResult read(Path path, ReadLimits limits, RecordSink sink) throws IOException {
        return Readers.forFormat(Format.CSV).read(fs, path, TestFiles.conf(), limits, sink);
    }

    @Test
    void quotedFieldsWithCommasDoubledQuotesAndNewlines() throws IOException {
        String csv = "name,note,phone\r\n"
                + "Jane,\"likes \"\"tea\"\", and, commas\",+44 20 7946 0958\r\n"
                + "\"Bob\",\"line one\nline two\",\r\n"
                + "\n"
                + "Eve,plain,555\r\n";
        Path path = TestFiles.write(dir, "people.csv", csv);
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.indexes()).containsExactly(0L, 1L, 2L);
        assertThat(data(sink.record(0))).containsExactly(
                new Value("name", "Jane"),
                new Value("note", "likes \"tea\", and, commas"),
                new Value("phone", "+44 20 7946 0958"));
        assertThat(sink.record(1).values()).containsExactly(
                new Value("name", "Bob"),
                new Value("note", "line one\nline two"));
        assertThat(sink.record(2).values()).containsExactly(
                new Value("name", "Eve"), new Value("note", "plain"), new Value("phone", "555"));
    }

    @Test
    void raggedRowsHaveEveryCellScannedAndAreCorrupt() throws IOException {
        String csv = "a,b\n"
                + "1,2\n"
                + "3,4," + PLANTED + ",extra2\n"
                + "5\n";
        Path path = TestFiles.write(dir, "ragged.csv", csv);
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.partial(StatusReason.CORRUPT, "row 1: 4 cells, header has 2 (+1 more)"));
        assertThat(result.detail()).doesNotContain(PLANTED);
        assertThat(sink.record(1).values()).containsExactly(
                new Value("a", "3"), new Value("b", "4"), new Value("_c2", PLANTED), new Value("_c3", "extra2"));
        assertThat(sink.record(2).values()).containsExactly(new Value("a", "5"));
    }

    @Test
    void tsvSplitsOnTabsWithTheSameQuoting() throws IOException {
        Path path = TestFiles.write(dir, "people.tsv", "name\tssn\nJane, Doe\t\"123-45-6789\"\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(data(sink.record(0))).containsExactly(
                new Value("name", "Jane, Doe"), new Value("ssn", "123-45-6789"));
    }

    @Test
    void aCellLongerThanTheLimitIsCutAndTooLarge() throws IOException {
        String big = "q".repeat(1500);
        Path path = TestFiles.write(dir, "big.csv", "id,text\n1,\"" + big + "\"\n2,after\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.partial(StatusReason.TOO_LARGE,
                "row 0 column 1: cell longer than 1024 characters, cut"));
        assertThat(data(sink.record(0))).containsExactly(new Value("id", "1"), new Value("text", "q".repeat(1024)));
        assertThat(sink.record(1).values()).containsExactly(new Value("id", "2"), new Value("text", "after"));
    }

    @Test
    void anUnterminatedQuoteIsCorruptAndItsTextStillScanned() throws IOException {
        Path path = TestFiles.write(dir, "cut.csv", "id,text\n1,\"open " + PLANTED + "\nmore");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.reason()).isEqualTo(StatusReason.CORRUPT);
        assertThat(result.detail()).isEqualTo("row 0: quoted field not closed before end of input");
        assertThat(data(sink.record(0))).containsExactly(
                new Value("id", "1"), new Value("text", "open " + PLANTED + "\nmore"));
    }

    @Test
    void textAfterAClosingQuoteIsKeptAndCorrupt() throws IOException {
        Path path = TestFiles.write(dir, "stray.csv", "id,text\n1,\"abc\"def\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.partial(StatusReason.CORRUPT, "row 0 column 1: text after closing quote"));
        assertThat(data(sink.record(0))).containsExactly(new Value("id", "1"), new Value("text", "abcdef"));
    }

    @Test
    void aByteOrderMarkIsDroppedAndAnEmptyHeaderCellGetsAName() throws IOException {
        Path path = TestFiles.write(dir, "header.csv.gz", TestFiles.gzip(TestFiles.utf8("\uFEFFa,,c\nx,y,z\n")));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(data(sink.record(0))).containsExactly(
                new Value("a", "x"), new Value("_c1", "y"), new Value("c", "z"));
    }

    @Test
    void aHeaderOnlyFileIsCompleteAndItsHeaderIsRecordZero() throws IOException {
        Path path = TestFiles.write(dir, "header-only.csv", "name,ssn\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.indexes()).containsExactly(0L);
        assertThat(sink.record(0).values()).containsExactly(
                new Value(RecordSink.CSV_HEADER_FIELD, "name"), new Value(RecordSink.CSV_HEADER_FIELD, "ssn"));
    }

    /** A value pasted into the header row (an export that lost its header) is scanned like a cell. */
    @Test
    void headerCellsAreScannedAsValuesOfRecordZero() throws IOException {
        Path path = TestFiles.write(dir, "no-header.csv", "Jane," + PLANTED + "\nBob,x\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).values()).containsExactly(new Value(RecordSink.CSV_HEADER_FIELD, "Jane"),
                new Value(RecordSink.CSV_HEADER_FIELD, PLANTED), new Value("Jane", "Bob"), new Value(PLANTED, "x"));
    }

    @Test
    void aHeaderLongerThanTheLimitIsScannedUpToItAndTooLarge() throws IOException {
        String wide = ("c".repeat(300) + ",").repeat(5) + PLANTED + "\n1,2,3,4,5,6\n";
        Path path = TestFiles.write(dir, "wide.csv", wide);
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.PARTIAL);
        assertThat(result.reason()).isEqualTo(StatusReason.TOO_LARGE);
        assertThat(result.detail()).startsWith("header: longer than");
    }

    @Test
    void truncatedGzipCsvIsNotComplete() throws IOException {
        StringBuilder csv = new StringBuilder("id,text\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(",\"").append(PLANTED).append(' ').append(i * 31L % 9973).append("\"\n");
        }
        byte[] whole = TestFiles.gzip(TestFiles.utf8(csv.toString()));
        Path path = TestFiles.write(dir, "cut.csv.gz", TestFiles.cut(whole, whole.length / 2));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.PARTIAL);
        assertThat(result.reason()).isEqualTo(StatusReason.TRUNCATED);
        assertThat(result.detail()).doesNotContain(PLANTED);
        assertThat(sink.records()).isNotEmpty();
    }

    @Test
    void zeroBytesIsSkippedAsEmpty() throws IOException {
        Path path = TestFiles.write(dir, "empty.csv", new byte[0]);

        assertThat(read(path, SMALL, new RecordingSink()).reason()).isEqualTo(StatusReason.EMPTY);
    }

    /** The values of a record that came from its data row, not from the header. */
    @Test
    void cellsThatAreWhollyNumbersWithAPointOrAnExponentAreDeliveredAsTheirInteger() throws IOException {
        // pandas' to_csv of an integer column with a gap, a Double.toString export, a spreadsheet
        // export (4.55011E+15: the digits were lost before the file was written, and stay lost).
        String csv = "ssn,card,excel,id,price,text,plain\n"
                + "287654321.0,4.550112159504165E+15,4.55011E+15, 012345678.0 ,12.50,4550112159504165.0 paid,4550112159504165\n"
                + "-287654321.000,\"4550112159504165e0\",1.0E10,+287654321.,.5,1.2.3,0042\n";
        Path path = TestFiles.write(dir, "pandas.csv", csv);
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(data(sink.record(0))).containsExactly(
                new Value("ssn", "287654321"),
                new Value("card", "4550112159504165"),
                new Value("excel", "4550110000000000"),
                new Value("id", "012345678"),
                new Value("price", "12"),
                new Value("price", "12.50"),
                new Value("text", "4550112159504165.0 paid"),
                new Value("plain", "4550112159504165"));
        assertThat(sink.record(1).values()).containsExactly(
                new Value("ssn", "-287654321"),
                new Value("card", "4550112159504165"),
                new Value("excel", "10000000000"),
                new Value("id", "287654321"),
                new Value("price", ".5"),
                new Value("text", "1.2.3"),
                new Value("plain", "0042"));
    }

    @Test
    void aCellWhoseExponentWouldWriteOutTooManyDigitsIsScannedAsWrittenAndTooLarge() throws IOException {
        Path path = TestFiles.write(dir, "huge.csv", "a,b\n1,2\n3,4550112159504165e985\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.partial(StatusReason.TOO_LARGE,
                "row 1 column 1: a number whose integer has more than 1000 digits, scanned as written"));
        assertThat(sink.record(1).values()).containsExactly(new Value("a", "3"), new Value("b", "4550112159504165e985"));
    }

    private static java.util.List<Value> data(RecordingSink.Record record) {
        return record.values().stream().filter(v -> !v.field().equals(RecordSink.CSV_HEADER_FIELD)).toList();
    }
}
