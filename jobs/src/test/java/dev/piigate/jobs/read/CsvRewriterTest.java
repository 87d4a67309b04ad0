package dev.piigate.jobs.read;

import static dev.piigate.jobs.read.LineRewriteFixtures.bytes;
import static dev.piigate.jobs.read.LineRewriteFixtures.linesWithEnds;
import static dev.piigate.jobs.read.LineRewriteFixtures.redactor;
import static dev.piigate.jobs.read.LineRewriteFixtures.unmaskedInCopy;
import static dev.piigate.jobs.read.TestFiles.PLANTED;
import static dev.piigate.jobs.read.TestFiles.SMALL;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.piigate.jobs.read.LineRewriteFixtures.RecordingRedactor;
import dev.piigate.jobs.scan.RecordRedactor;

class CsvRewriterTest {
    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    /** Customers with e-mail, phone, SSN, date of birth, card and IBAN; masked values; a row over two lines. */
    private static final String CUSTOMERS = "customer_id,name,email,phone,ssn,date_of_birth,order_date,notes\r\n"
            + "C-10040,Yuki Lindqvist,yukilindqvist84@gmail.com,(702) 210-0224,405-61-0957,1984-03-12,1984-03-12,\r\n"
            + "C-10047,\"Marchetti, Elliot\",elliotmarchetti30@gmail.com,312-624-3692,242-36-5875,1979-11-02,"
            + "2024-01-05,\"prefers invoices by post\"\r\n"
            + "C-10054,Imogen Marchetti,imogen.marchetti@proton.me,617-826-9737,450-26-5132,1990-07-21,2024-02-11,"
            + "\"renewal card 5164 3426 8782 6989, \"\"urgent\"\"\"\n"
            + "\r\n"
            + "C-10061,Freya Whitfield,freya.whitfield@fastmail.com,(702) 483-1636,102-74-2915,,2024-03-01,"
            + "\"two lines:\r\nrefund to NL78 INGB 2820 2290 93\"\r\n"
            + "C-10068,Tariq Voronova,<EMAIL_ADDRESS>,|||PHONE_NUMBER|||,XXX-XX-6132,XX/XX/1987,2024-03-02,VIP\r\n"
            + "C-10075,Plain Row,,,,,2024-03-03,asked about loyalty points";

    /** Every raw value of {@link #CUSTOMERS} the copy must not hold (the order date is no birth date and stays). */
    private static final List<String> CANARIES = List.of("yukilindqvist84@gmail.com", "(702) 210-0224", "405-61-0957",
            "elliotmarchetti30@gmail.com", "312-624-3692", "242-36-5875", "1979-11-02",
            "imogen.marchetti@proton.me", "617-826-9737", "450-26-5132", "1990-07-21", "5164 3426 8782 6989",
            "freya.whitfield@fastmail.com", "(702) 483-1636", "102-74-2915", "NL78 INGB 2820 2290 93");

    private ReadResult rewrite(Path in, ReadLimits limits, ValueRedactor redactor, Path out) throws IOException {
        return Rewriters.forFormat(Format.CSV).orElseThrow()
                .rewrite(fs, in, TestFiles.conf(), limits, redactor, fs, out);
    }

    private Path out(String name) {
        return new Path(dir.resolve("copy-" + name).toUri());
    }

    private String text(Path path) {
        return new String(bytes(java.nio.file.Path.of(path.toUri())), UTF_8);
    }

    @Test
    void aRealisticSampleIsCopiedWithEveryFindingReplacedAndEverythingElseAsItWas() throws IOException {
        Path in = TestFiles.write(dir, "customers.csv", CUSTOMERS);
        Path out = out("customers.csv");
        RecordRedactor redactor = redactor(-1);

        assertThat(rewrite(in, SMALL, redactor, out)).isEqualTo(ReadResult.COMPLETE);

        String copy = text(out);
        for (String canary : CANARIES) {
            assertThat(copy.contains(canary)).as("canary %d left in the copy", CANARIES.indexOf(canary)).isFalse();
        }
        // Line for line: a line with a replaced value changed, every other line byte for byte.
        List<String> before = linesWithEnds(CUSTOMERS);
        List<String> after = linesWithEnds(copy);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            String line = before.get(i);
            if (CANARIES.stream().noneMatch(line::contains)) {
                assertThat(after.get(i)).as("line %d", i).isEqualTo(line);
            } else {
                assertThat(after.get(i)).as("line %d", i).isNotEqualTo(line);
            }
        }
        // The same date under order_date is no birth date: it stays.
        assertThat(after.get(1)).isEqualTo("C-10040,Yuki Lindqvist,<EMAIL_ADDRESS>,<PHONE_NUMBER>,"
                + "<USA_SOCIAL_SECURITY_NUMBER>,<DATE_OF_BIRTH>,1984-03-12,\r\n");
        assertThat(after.get(2)).startsWith("C-10047,\"Marchetti, Elliot\",<EMAIL_ADDRESS>,");
        assertThat(after.get(3)).endsWith(",\"renewal card <CREDIT_CARD_NUMBER>, \"\"urgent\"\"\"\n");
        assertThat(after.get(6)).isEqualTo("refund to <IBAN>\"\r\n");

        // Still CSV with the same header, columns and records, and clean to the real scan.
        RecordingSink original = new RecordingSink();
        RecordingSink copied = new RecordingSink();
        assertThat(Readers.forFormat(Format.CSV).read(fs, in, TestFiles.conf(), SMALL, original))
                .isEqualTo(ReadResult.COMPLETE);
        assertThat(Readers.forFormat(Format.CSV).read(fs, out, TestFiles.conf(), SMALL, copied))
                .isEqualTo(ReadResult.COMPLETE);
        assertThat(copied.indexes()).isEqualTo(original.indexes());
        for (long record : original.indexes()) {
            assertThat(copied.record(record).fields()).isEqualTo(original.record(record).fields());
        }
        assertThat(unmaskedInCopy(fs, Format.CSV, out, SMALL)).isEmpty();
        assertThat(redactor.recordsKept()).isEqualTo(6);
        // Each canary once, and the birth date of row 0 (not a canary: the same date stays as its order date).
        assertThat(redactor.replaced().values().stream().mapToLong(Long::longValue).sum()).as("%s", redactor.replaced())
                .isEqualTo(CANARIES.size() + 1);
    }

    @Test
    void gzipIsRewrittenAsGzipWithTheSameContentAsThePlainCopy() throws IOException {
        Path plainIn = TestFiles.write(dir, "customers.csv", CUSTOMERS);
        Path plainOut = out("customers.csv");
        Path gzipIn = TestFiles.write(dir, "customers.csv.gz", TestFiles.gzip(CUSTOMERS.getBytes(UTF_8)));
        Path gzipOut = out("customers.csv.gz");

        assertThat(rewrite(plainIn, SMALL, redactor(-1), plainOut)).isEqualTo(ReadResult.COMPLETE);
        assertThat(rewrite(gzipIn, SMALL, redactor(-1), gzipOut)).isEqualTo(ReadResult.COMPLETE);

        byte[] written = bytes(java.nio.file.Path.of(gzipOut.toUri()));
        assertThat(written[0] & 0xFF).isEqualTo(0x1f);
        assertThat(written[1] & 0xFF).isEqualTo(0x8b);
        assertThat(LineRewriteFixtures.gunzip(written)).isEqualTo(bytes(java.nio.file.Path.of(plainOut.toUri())));
        assertThat(unmaskedInCopy(fs, Format.CSV, gzipOut, SMALL)).isEmpty();
    }

    /** Replaces any value holding {@code SECRET} with {@code replacement}; a number value by {@code <N>}. */
    private static RecordingRedactor fake(String replacement) {
        return new RecordingRedactor(value -> value.contains("SECRET") ? replacement
                : value.equals("287654321") ? "<N>" : value);
    }

    static Stream<Arguments> quoting() {
        return Stream.of(
                Arguments.of("plain cell", "a,b\nx,SECRET\n", "T", "a,b\nx,T\n"),
                Arguments.of("quoted cell stays quoted", "a,b\nx,\"SECRET\"\n", "T", "a,b\nx,\"T\"\n"),
                Arguments.of("quotes doubled in a quoted cell", "a,b\n\"q\"\"x\",\"say \"\"SECRET\"\"\"\n",
                        "say \"T\"", "a,b\n\"q\"\"x\",\"say \"\"T\"\"\"\n"),
                Arguments.of("delimiter in the replacement", "a,b\nx,SECRET\n", "T,U",
                        "a,b\nx,\"T,U\"\n"),
                Arguments.of("quote in the replacement", "a,b\nSECRET,y\n", "T\"U", "a,b\n\"T\"\"U\",y\n"),
                Arguments.of("line break in the replacement", "a,b\nSECRET,y\n", "T\nU", "a,b\n\"T\nU\",y\n"),
                Arguments.of("comma needs no quotes in TSV", "a\tb\nx\tSECRET\n", "T,U", "a\tb\nx\tT,U\n"),
                Arguments.of("tab does in TSV", "a\tb\nx\tSECRET\n", "T\tU", "a\tb\nx\t\"T\tU\"\n"),
                Arguments.of("quoted line breaks: CRLF, LF, lone CR", "a,b\r\n\"1\r\n2\n3\rSECRET\",y\r\nz,w",
                        "T", "a,b\r\n\"T\",y\r\nz,w"),
                Arguments.of("lone CR line ends and blank lines kept", "a,b\r\r\rx,SECRET\r\rz,w\r", "T",
                        "a,b\r\r\rx,T\r\rz,w\r"),
                Arguments.of("no line end after the last row", "a,b\nx,SECRET", "T", "a,b\nx,T"),
                Arguments.of("header cell replaced, quoted", "\"SECRET\",b\nx,y\n", "T", "\"T\",b\nx,y\n"),
                Arguments.of("header cell replaced, header alone", "\n\na,SECRET\n\n", "T", "\n\na,T\n\n"),
                Arguments.of("number cell replaced whole", "a,b\n287654321.0,x\n 287654321.50 ,y\n\"287654321\",z\n",
                        "T", "a,b\n<N>,x\n<N>,y\n\"<N>\",z\n"),
                Arguments.of("byte order mark kept", "\uFEFFa,b\nx,SECRET\n", "T", "\uFEFFa,b\nx,T\n"),
                Arguments.of("two cells in one row", "a,b,c\nSECRET1,m,\"SECRET2\"\n", "T", "a,b,c\nT,m,\"T\"\n"),
                Arguments.of("non-ASCII bytes around the replacement", "a,b\nñandú,é SECRET ü\n", "é T ü",
                        "a,b\nñandú,é T ü\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quoting")
    void aReplacedCellKeepsItsQuotingAndEverythingAroundIt(String name, String csv, String replacement,
            String expected) throws IOException {
        String file = name.contains("TSV") ? "in.tsv" : "in.csv";
        Path in = TestFiles.write(dir, file, csv);
        Path out = out(file);

        assertThat(rewrite(in, SMALL, fake(replacement), out)).isEqualTo(ReadResult.COMPLETE);

        assertThat(text(out)).isEqualTo(expected);
    }

    @Test
    void theRewriterAsksEveryValueUnderTheFieldTheReaderDeliversItUnder() throws IOException {
        String csv = "\uFEFF id ,,\"da,te\",4556737586899855.0,dob,1.5e3\r\n"
                + "\r\n"
                + "1,  spaced  ,\"quo\"\"ted\",287654321.0,1984-03-12,0.25\r\n"
                + "2,,\"multi\nline\",4.55011E+15,,-12.50\n"
                + "3,x,y,z,w,v";
        Path in = TestFiles.write(dir, "fields.csv", csv);
        RecordingSink read = new RecordingSink();
        RecordingRedactor asked = new RecordingRedactor(value -> value);

        assertThat(Readers.forFormat(Format.CSV).read(fs, in, TestFiles.conf(), SMALL, read))
                .isEqualTo(ReadResult.COMPLETE);
        assertThat(rewrite(in, SMALL, asked, out("fields.csv"))).isEqualTo(ReadResult.COMPLETE);

        assertThat(asked.records()).isEqualTo(read.records());
        assertThat(asked.keys).containsOnly(RecordSink.CSV_HEADER_FIELD).hasSize(5);
        assertThat(bytes(java.nio.file.Path.of(out("fields.csv").toUri()))).isEqualTo(csv.getBytes(UTF_8));
    }

    @Test
    void aDateOfBirthIsReplacedOnlyUnderAColumnNamedSo() throws IOException {
        Path in = TestFiles.write(dir, "dates.csv", "order_date,birthDate\n1984-03-12,1984-03-12\n");
        Path out = out("dates.csv");

        assertThat(rewrite(in, SMALL, redactor(-1), out)).isEqualTo(ReadResult.COMPLETE);

        assertThat(text(out)).isEqualTo("order_date,birthDate\n1984-03-12,<DATE_OF_BIRTH>\n");
    }

    @Test
    void aRecordOverDropRecordsOverIsLeftOutWithItsLinesAndOthersStay() throws IOException {
        String csv = "name,email,phone\n"
                + "one,yukilindqvist84@gmail.com,\n"
                + "\n"
                + "two,\"elliotmarchetti30@gmail.com\n(702) 210-0224\",312-624-3692\r\n"
                + "three,,\n";
        Path in = TestFiles.write(dir, "drop.csv", csv);
        Path out = out("drop.csv");
        RecordRedactor redactor = redactor(1);

        assertThat(rewrite(in, SMALL, redactor, out)).isEqualTo(ReadResult.COMPLETE);

        assertThat(text(out)).isEqualTo("name,email,phone\none,<EMAIL_ADDRESS>,\n\nthree,,\n");
        assertThat(redactor.recordsOverLimit()).isEqualTo(1);
        assertThat(redactor.recordsKept()).isEqualTo(2);
    }

    @Test
    void theHeaderIsWrittenWhenRecordZeroIsDropped() throws IOException {
        Path in = TestFiles.write(dir, "drop0.csv",
                "id,yukilindqvist84@gmail.com\n1,elliotmarchetti30@gmail.com\n2,x\n");
        Path out = out("drop0.csv");

        assertThat(rewrite(in, SMALL, redactor(1), out)).isEqualTo(ReadResult.COMPLETE);

        assertThat(text(out)).isEqualTo("id,<EMAIL_ADDRESS>\n2,x\n");
    }

    static Stream<Arguments> notRewritable() {
        String longCell = "x".repeat(SMALL.maxValueChars() + 1);
        String longRow = ("\"" + "y".repeat(800) + "\n\",").repeat(5) + "z";
        return Stream.of(
                Arguments.of("ragged row", "a,b\n1,2\n3,4," + PLANTED + "\n", StatusReason.CORRUPT,
                        "row 1: 3 cells, header has 2"),
                Arguments.of("unterminated quote", "a,b\n1,\"" + PLANTED + "\n2,3\n", StatusReason.CORRUPT,
                        "row 0: quoted field not closed before end of input"),
                Arguments.of("text after a closing quote", "a,b\n1,\"x\"" + PLANTED + "\n", StatusReason.CORRUPT,
                        "row 0 column 1: text after closing quote"),
                Arguments.of("cell over maxValueChars", "a,b\n1," + longCell + PLANTED + "\n",
                        StatusReason.TOO_LARGE, "row 0 column 1: cell longer than 1024 characters, cut"),
                Arguments.of("header over maxValueChars", "a," + longCell + PLANTED + "\n1,2\n",
                        StatusReason.TOO_LARGE, "header column 1: cell longer than 1024 characters, cut (+1 more)"),
                Arguments.of("number too long to write out", "a,b\n1,1e2000\n",
                        StatusReason.TOO_LARGE, "row 0 column 1: " + NumberText.TOO_LONG),
                Arguments.of("row over the bytes held", "a,b,c,d,e,f\n" + longRow + "\n1,2,3,4,5," + PLANTED + "\n",
                        StatusReason.TOO_LARGE,
                        "line 1: a row (with the blank lines before it) longer than 4096 bytes"),
                Arguments.of("bad bytes in a row with a replacement", "a,b\n\u0000,SECRET " + PLANTED + "\n",
                        StatusReason.CORRUPT, "line 1: bytes that do not decode in a line that needs a replacement"));
    }

    @Test
    void aGzipStreamCutShortIsNotCompleteWithADetailWithoutData() throws IOException {
        byte[] gzip = TestFiles.gzip(CUSTOMERS.getBytes(UTF_8));
        Path in = TestFiles.write(dir, "customers.csv.gz", TestFiles.cut(gzip, gzip.length / 2));

        ReadResult result = rewrite(in, SMALL, redactor(-1), out("customers.csv.gz"));

        assertThat(result.status()).isNotEqualTo(ScanStatus.COMPLETE);
        assertThat(result.reason()).isEqualTo(StatusReason.TRUNCATED);
        assertThat(CANARIES).noneMatch(result.detail()::contains);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notRewritable")
    void whatCannotBeRewrittenFaithfullyIsNotCompleteWithADetailWithoutData(String name, String csv,
            StatusReason reason, String detail) throws IOException {
        byte[] bytes = csv.getBytes(UTF_8);
        if (name.startsWith("bad bytes")) {
            bytes[4] = (byte) 0xC3; // a lead byte with no continuation: decoded as U+FFFD, not as written
        }
        Path in = TestFiles.write(dir, "bad.csv", bytes);

        ReadResult result = rewrite(in, SMALL, fake("T"), out("bad.csv"));

        assertThat(result.status()).isNotEqualTo(ScanStatus.COMPLETE);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.detail()).isEqualTo(detail).doesNotContain(PLANTED);
    }

    @Test
    void aValueThatStaysUnmaskedEndsTheCopyWithAnExceptionWithoutData() throws IOException {
        Path in = TestFiles.write(dir, "in.csv", "a,b\nx,SECRET " + PLANTED + "\n");
        ValueRedactor unredactable = new RecordingRedactor(value -> {
            throw new ValueRedactor.Unredactable("a value still holds an unmasked finding");
        });

        assertThatThrownBy(() -> rewrite(in, SMALL, unredactable, out("in.csv")))
                .isInstanceOf(ValueRedactor.Unredactable.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PLANTED));
    }

    @Test
    void aFileOfBlankLinesOnlyIsEmptyAsForTheReader() throws IOException {
        Path in = TestFiles.write(dir, "blank.csv", "\n\r\n\n");

        assertThat(rewrite(in, SMALL, fake("T"), out("blank.csv"))).isEqualTo(Inputs.EMPTY_CONTENT);
    }

    @Test
    void manyRowsAcrossTheParsersBufferKeepTheirPlaces() throws IOException {
        // Rows and quoted line breaks across the 8,192-character buffer borders of the parser.
        StringBuilder csv = new StringBuilder("id,note\n");
        StringBuilder expected = new StringBuilder("id,note\n");
        List<String> ends = new ArrayList<>(List.of("\n", "\r\n", "\r"));
        for (int i = 0; i < 3000; i++) {
            String end = ends.get(i % 3);
            String note = i % 7 == 0 ? "\"SECRET " + i + "\"" : i % 5 == 0 ? "\"two" + end + "lines\"" : "n" + i;
            csv.append(i).append(',').append(note).append(end);
            expected.append(i).append(',').append(i % 7 == 0 ? "\"T\"" : note).append(end);
        }
        Path in = TestFiles.write(dir, "many.csv", csv.toString());
        Path out = out("many.csv");

        assertThat(rewrite(in, SMALL, fake("T"), out)).isEqualTo(ReadResult.COMPLETE);

        assertThat(text(out)).isEqualTo(expected.toString());
    }
}
