package dev.piigate.jobs.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.detectors.redaction.Redactor;
import dev.piigate.jobs.scan.PathMasker;
import dev.piigate.jobs.scan.RecordRedactor;

/**
 * {@link JsonLinesRewriter} on real files: the copy parses with the same keys and nesting, lines
 * without a replacement are the same bytes, the canary values are gone, and the real reader and
 * scanner find nothing unmasked in it; gzip stays gzip; escaping; records over
 * {@code dropRecordsOver} left out; what cannot be rewritten fails closed with a detail free of
 * data; and the rewriter judges every value under the field the reader delivers it under.
 */
class JsonLinesRewriterTest {
    private static final TextScanner SCANNER = TextScanner.create(DetectorSettings.defaults());
    private static final Fingerprinter FINGERPRINTS = new Fingerprinter(new byte[32]);
    private static final PathMasker NAMES = new PathMasker(SCANNER, FINGERPRINTS);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fictional values, valid for their detectors; none may survive in a copy. */
    private static final List<String> CANARIES = List.of("4539 1488 0343 6467", "4539148803436467",
            "287-65-4321", "287654321", "canary.person@mailbox.org", "DE89 3704 0044 0532 0130 00", "1979-08-30");

    /** Canary lines: strings, numbers, a decimal number, a key, field-gated values, odd line ends, blank lines. */
    private static final String CANARY_LINES = String.join("",
            "{\"id\": 1, \"card\": \"" + CANARIES.get(0) + "\", \"note\": \"plain text\"}\r\n",
            "{\"id\":2,\"nested\":{\"ssn\":\"" + CANARIES.get(2) + "\",\"n\":" + CANARIES.get(1) + "}}\n",
            "\n",
            "   \r\n",
            "{\"id\":3,\"mail\":\"write to \\\"" + CANARIES.get(4) + "\\\" today\",\"iban\":\"" + CANARIES.get(5)
                    + "\"}\r",
            "{\"id\":4,\"people\":[{\"ssn\":" + CANARIES.get(3) + ",\"date_of_birth\":\"" + CANARIES.get(6)
                    + "\"},{\"card\":" + CANARIES.get(1) + ".0}],\"ok\":true,\"none\":null}\n",
            "{\"id\":5,\"note\":\"nothing here, caf\u00e9 \\u00e9 \\\\ \\\"quoted\\\"\",\"ratio\":0.25}\n",
            "{\"id\":6, \"tags\" : [ \"a\" , \"b\" ] }");

    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    private static Redactor redactor(Redactor.Style style) {
        return new Redactor(style, Map.of(), FINGERPRINTS);
    }

    private static RecordRedactor recordRedactor(Redactor.Style style, int dropRecordsOver) {
        return new RecordRedactor(SCANNER, NAMES, redactor(style), dropRecordsOver);
    }

    private ReadResult rewrite(Path in, Path out, ValueRedactor values) throws IOException {
        return rewrite(in, out, values, TestFiles.SMALL);
    }

    private ReadResult rewrite(Path in, Path out, ValueRedactor values, ReadLimits limits) throws IOException {
        RecordRewriter rewriter = Rewriters.forFormat(Format.JSONL).orElseThrow();
        return rewriter.rewrite(fs, in, TestFiles.conf(), limits, values, fs, out);
    }

    private Path out(String name) {
        return new Path(dir.resolve(name).toUri());
    }

    private byte[] bytes(Path path) throws IOException {
        return Files.readAllBytes(java.nio.file.Path.of(path.toUri()));
    }

    private static String sample() throws IOException {
        String people = Files.readString(java.nio.file.Path.of("..", "samples", "blocked", "people.jsonl"), UTF_8);
        String chats = Files.readString(java.nio.file.Path.of("..", "samples", "blocked", "chat-logs.jsonl"), UTF_8);
        return people + chats + CANARY_LINES;
    }

    @ParameterizedTest
    @EnumSource(Redactor.Style.class)
    void sampleCopyKeepsStructureAndBytesAndScansClean(Redactor.Style style) throws IOException {
        String input = sample();
        Path in = TestFiles.write(dir, "sample.jsonl", input);
        Path out = out("copy.jsonl");
        Noting values = new Noting(recordRedactor(style, -1));
        assertThat(unmaskedFindings(in)).as("findings in the input").isGreaterThan(20);

        assertThat(rewrite(in, out, values)).isEqualTo(ReadResult.COMPLETE);

        String copy = new String(bytes(out), UTF_8);
        List<String> before = linesWithEnds(input);
        List<String> after = linesWithEnds(copy);
        assertThat(after).hasSameSizeAs(before);
        assertThat(values.changed).as("records with a replacement").hasSizeGreaterThan(20);
        for (int i = 0; i < before.size(); i++) {
            if (values.changed.contains((long) i)) {
                assertThat(after.get(i)).as("line %d rewritten", i).isNotEqualTo(before.get(i));
                assertThat(skeleton(after.get(i))).as("line %d outside its values", i)
                        .isEqualTo(skeleton(before.get(i)));
                assertThat(shape(JSON.readTree(after.get(i)))).as("line %d keys and nesting", i)
                        .isEqualTo(shape(JSON.readTree(before.get(i))));
            } else {
                assertThat(after.get(i)).as("line %d untouched", i).isEqualTo(before.get(i));
            }
        }
        for (String canary : CANARIES) {
            assertThat(copy.contains(canary)).as("canary %d in the copy", CANARIES.indexOf(canary)).isFalse();
        }
        assertThat(unmaskedFindings(out)).as("unmasked findings in the copy").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample.jsonl.gz", "gzip-without-suffix.jsonl"})
    void gzipIsWrittenAsGzipWithTheSameLines(String name) throws IOException {
        String input = sample();
        Path plain = TestFiles.write(dir, "plain.jsonl", input);
        Path gzipped = TestFiles.write(dir, name, TestFiles.gzip(TestFiles.utf8(input)));
        Path plainCopy = out("plain-copy.jsonl");
        Path gzipCopy = out("copy-" + name);

        assertThat(rewrite(plain, plainCopy, recordRedactor(Redactor.Style.TYPE, -1))).isEqualTo(ReadResult.COMPLETE);
        assertThat(rewrite(gzipped, gzipCopy, recordRedactor(Redactor.Style.TYPE, -1))).isEqualTo(ReadResult.COMPLETE);

        byte[] copy = bytes(gzipCopy);
        assertThat(copy[0] & 0xFF).isEqualTo(0x1f);
        assertThat(copy[1] & 0xFF).isEqualTo(0x8b);
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(copy))) {
            assertThat(unzipped.readAllBytes()).isEqualTo(bytes(plainCopy));
        }
        assertThat(unmaskedFindings(gzipCopy)).isZero();
    }

    /** A line, and the same line as the copy must write it (type style). */
    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("{\"note\": \"write to \\\"canary.person@mailbox.org\\\" \\\\ ok\"}",
                        "{\"note\": \"write to \\\"<EMAIL_ADDRESS>\\\" \\\\ ok\"}"),
                // An escape decodes to what the scan judged; the replaced string is written with the character itself.
                Arguments.of("{\"note\":\"caf\\u00e9 canary.person\\u0040mailbox.org\"}",
                        "{\"note\":\"caf\u00e9 <EMAIL_ADDRESS>\"}"),
                Arguments.of("{\"note\":\"one\\ntwo\\tcanary.person@mailbox.org\\u0001\\/\"}",
                        "{\"note\":\"one\\ntwo\\t<EMAIL_ADDRESS>\\u0001/\"}"),
                Arguments.of("{\"x\":\"\\ud83d\\ude00 canary.person@mailbox.org\"}",
                        "{\"x\":\"\ud83d\ude00 <EMAIL_ADDRESS>\"}"),
                Arguments.of("{\"x\":\"\\ud800 canary.person@mailbox.org\"}", "{\"x\":\"\\ud800 <EMAIL_ADDRESS>\"}"),
                Arguments.of("[ \"canary.person@mailbox.org\" , 42 , \"caf\u00e9\" ]", "[ \"<EMAIL_ADDRESS>\" , 42 , \"caf\u00e9\" ]"),
                Arguments.of("\t\"canary.person@mailbox.org\"  ", "\t\"<EMAIL_ADDRESS>\"  "),
                // Numbers become strings; a decimal is judged by the integer it holds.
                Arguments.of("  {\"ssn\" :  287654321 }  ", "  {\"ssn\" :  \"<USA_SOCIAL_SECURITY_NUMBER>\" }  "),
                Arguments.of("{\"card\":4539148803436467.0,\"n\":-1.5e3}",
                        "{\"card\":\"<CREDIT_CARD_NUMBER>\",\"n\":-1.5e3}"),
                Arguments.of("{\"card\":\"4.539148803436467E15\"}", "{\"card\":\"<CREDIT_CARD_NUMBER>\"}"),
                // Keys are data, judged as names under the path of the object that holds them.
                Arguments.of("{\"canary.person@mailbox.org\" : {\"n\":1}, \"k\\\"ey\":\"v\"}",
                        "{\"<EMAIL_ADDRESS>\" : {\"n\":1}, \"k\\\"ey\":\"v\"}"),
                // Field-gated: a date or nine digits count only under a field that names them.
                Arguments.of("{\"date_of_birth\":\"1979-08-30\",\"note\":\"joined 1979-08-30\",\"ref\":287654321}",
                        "{\"date_of_birth\":\"<DATE_OF_BIRTH>\",\"note\":\"joined 1979-08-30\",\"ref\":287654321}"),
                Arguments.of("{\"person\":{\"dob\":\"30/08/1979\"},\"people\":[{\"ssn\":\"287654321\"}]}",
                        "{\"person\":{\"dob\":\"<DATE_OF_BIRTH>\"},\"people\":[{\"ssn\":\"<USA_SOCIAL_SECURITY_NUMBER>\"}]}"));
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void replacedTokensAreWrittenAsJsonStringsAndTheRestStays(String line, String expected) throws IOException {
        Path in = TestFiles.write(dir, "escapes.jsonl", line + "\r\n");
        Path out = out("escapes-copy.jsonl");

        assertThat(rewrite(in, out, recordRedactor(Redactor.Style.TYPE, -1))).isEqualTo(ReadResult.COMPLETE);

        assertThat(new String(bytes(out), UTF_8)).isEqualTo(expected + "\r\n");
        assertThat(unmaskedFindings(out)).isZero();
    }

    @Test
    void byteOrderMarkStaysFirst() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path in = TestFiles.write(dir, "bom.jsonl",
                TestFiles.concat(bom, TestFiles.utf8("{\"mail\":\"canary.person@mailbox.org\"}\n{\"a\":1}\n")));
        Path out = out("bom-copy.jsonl");

        assertThat(rewrite(in, out, recordRedactor(Redactor.Style.TYPE, -1))).isEqualTo(ReadResult.COMPLETE);

        assertThat(bytes(out)).isEqualTo(TestFiles.concat(bom, TestFiles.utf8("{\"mail\":\"<EMAIL_ADDRESS>\"}\n{\"a\":1}\n")));
    }

    @Test
    void aRecordOverDropRecordsOverIsLeftOutWithItsLineEnd() throws IOException {
        Path in = TestFiles.write(dir, "drop.jsonl", "{\"mail\":\"canary.person@mailbox.org\"}\r\n"
                + "{\"mail\":\"canary.person@mailbox.org\",\"card\":\"4539 1488 0343 6467\"}\r\n"
                + "\n"
                + "{\"a\":1}");
        Path out = out("drop-copy.jsonl");
        RecordRedactor values = recordRedactor(Redactor.Style.TYPE, 1);

        assertThat(rewrite(in, out, values)).isEqualTo(ReadResult.COMPLETE);

        assertThat(new String(bytes(out), UTF_8)).isEqualTo("{\"mail\":\"<EMAIL_ADDRESS>\"}\r\n\n{\"a\":1}");
        assertThat(values.recordsOverLimit()).isEqualTo(1);
        assertThat(values.recordsKept()).isEqualTo(3);
    }

    /** What cannot be rewritten faithfully, and how the rewrite must end. */
    static Stream<Arguments> refused() {
        String card = "4539 1488 0343 6467";
        String deep = "[".repeat(9) + "\"" + card + "\"" + "]".repeat(9);
        return Stream.of(
                Arguments.of("a line the walker refuses",
                        TestFiles.utf8("{\"a\":1}\n{\"card\":\"" + card + "\", " + TestFiles.PLANTED + "}\n"),
                        StatusReason.CORRUPT, "line 1: "),
                Arguments.of("nesting deeper than the limit", TestFiles.utf8("{}\n\n" + deep + "\n"),
                        StatusReason.CORRUPT, "line 2: "),
                Arguments.of("a line of maxValueChars",
                        TestFiles.utf8("{\"card\":\"" + card + "\",\"pad\":\"" + "x".repeat(1024) + "\"}\n"),
                        StatusReason.TOO_LARGE, "line 0: "),
                Arguments.of("a number whose integer is too long to write out",
                        TestFiles.utf8("{\"card\":\"" + card + "\"}\n{\"n\":1e2000}\n"), StatusReason.TOO_LARGE, "line 1: "),
                Arguments.of("bytes that do not decode in a line that needs a replacement", undecodable(card),
                        StatusReason.CORRUPT, "line 40: "),
                Arguments.of("no content", new byte[0], StatusReason.EMPTY, ""));
    }

    /** Forty lines of UTF-8 (so the object is read as UTF-8), then a card next to a stray 0xFF byte. */
    private static byte[] undecodable(String card) {
        byte[] text = TestFiles.utf8("{\"note\":\"d\u00e9j\u00e0 vu, \u00e9t\u00e9, na\u00efve\"}\n".repeat(40)
                + "{\"card\":\"" + card + " " + TestFiles.PLANTED + " \"}\n");
        byte[] bytes = text.clone();
        int at = new String(text, UTF_8).lastIndexOf(TestFiles.PLANTED);
        bytes[TestFiles.utf8(new String(text, UTF_8).substring(0, at)).length - 1] = (byte) 0xFF;
        return bytes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void whatCannotBeRewrittenFailsClosedWithoutData(String what, byte[] content, StatusReason reason, String detailStart)
            throws IOException {
        Path in = TestFiles.write(dir, "refused.jsonl", content);

        ReadResult result = rewrite(in, out("refused-copy.jsonl"), recordRedactor(Redactor.Style.TYPE, -1));

        assertThat(result.status()).isNotEqualTo(ScanStatus.COMPLETE);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.detail()).startsWith(detailStart).doesNotContain(TestFiles.PLANTED).doesNotContain("4539")
                .doesNotContain("1488");
    }

    @Test
    void undecodableBytesInALineWithoutReplacementAreCopiedAsTheyAre() throws IOException {
        byte[] content = TestFiles.concat(undecodable("no card here"),
                TestFiles.utf8("{\"mail\":\"canary.person@mailbox.org\"}\n"));
        Path in = TestFiles.write(dir, "stray.jsonl", content);
        Path out = out("stray-copy.jsonl");

        assertThat(rewrite(in, out, recordRedactor(Redactor.Style.TYPE, -1))).isEqualTo(ReadResult.COMPLETE);

        byte[] copy = bytes(out);
        byte[] kept = TestFiles.concat(undecodable("no card here"), TestFiles.utf8("{\"mail\":\"<EMAIL_ADDRESS>\"}\n"));
        assertThat(copy).isEqualTo(kept);
    }

    /** Shapes the reader delivers: every value and key must reach the redactor under the reader's field. */
    @Test
    void theRedactorJudgesWhatTheReaderDeliversUnderTheSameFields() throws IOException {
        Path in = TestFiles.write(dir, "fields.jsonl", sample()
                + "\n{\"messages\":[{\"role\":\"user\",\"content\":[\"a\",{\"b c\":[1,2.5,\"3\"]}]}],\"it's\":{\"a\\\\b\":\"x\"}}\n"
                + "{\"4556737586899855.0\":{\"v\":4.550112159504165E15},\"0.5\":NaN,\"n\":-Infinity,\"e\":[[],{}]}\n"
                + "42\n\"root\"\n[1, [2, [\"three\"]]]\n");
        RecordingSink read = new RecordingSink();
        assertThat(Readers.forFormat(Format.JSONL).read(fs, in, TestFiles.conf(), TestFiles.SMALL, read))
                .isEqualTo(ReadResult.COMPLETE);
        Noting judged = new Noting(new Unchanged());

        assertThat(rewrite(in, out("fields-copy.jsonl"), judged)).isEqualTo(ReadResult.COMPLETE);

        assertThat(judged.records).isEqualTo(read.records());
        assertThat(bytes(out("fields-copy.jsonl"))).isEqualTo(bytes(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "windows-1252", "windows-31j", "GB18030", "IBM500", "IBM037"})
    void onlyCharsetsWhoseLineEndsAreTheBytesAreRewritten(String charset) {
        assertThat(RewriteIo.lineEndsAreBytes(Charset.forName(charset))).isEqualTo(!charset.startsWith("IBM"));
    }

    @Test
    void jsonStringsEscapeWhatTheCharsetCannotHold() {
        StringBuilder out = new StringBuilder();
        JsonLinesRewriter.appendJsonString(out, "\u00e9 \u4e2d \ud83d\ude00 \u0000 \u001f \u007f",
                Charset.forName("windows-1252").newEncoder());
        assertThat(out.toString()).isEqualTo("\"\u00e9 \\u4e2d \\ud83d\\ude00 \\u0000 \\u001f \u007f\"");
    }

    // ---- helpers ----

    /** Unmasked findings the scan's reader and the real scanner find in {@code path}, keys judged as names. */
    private long unmaskedFindings(Path path) throws IOException {
        return LineRewriteFixtures.unmaskedCount(fs, Format.JSONL, path);
    }

    /** Lines with their own ends ({@code \n}, {@code \r\n}, {@code \r}), as the rewriter splits them. */
    private static List<String> linesWithEnds(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");

    /** The line with every string and number token replaced by one mark: white space, punctuation, literals. */
    private static String skeleton(String line) {
        return TOKEN.matcher(line).replaceAll("#");
    }

    /** Keys, nesting and the kind of each value (a number that became a string is still a value). */
    private static String shape(JsonNode node) {
        if (node.isObject()) {
            StringBuilder s = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                s.append(member.getKey()).append(':').append(shape(member.getValue())).append(',');
            }
            return s.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder s = new StringBuilder("[");
            node.forEach(element -> s.append(shape(element)).append(','));
            return s.append(']').toString();
        }
        return node.isTextual() || node.isNumber() ? "v" : node.toString();
    }

    /** A record as the tests compare it with {@link RecordingSink}'s. */
    private static final class Noting implements ValueRedactor {
        private final ValueRedactor inner;
        final List<RecordingSink.Record> records = new ArrayList<>();
        final Set<Long> changed = new HashSet<>();
        private RecordingSink.Record open;

        Noting(ValueRedactor inner) {
            this.inner = inner;
        }

        @Override
        public void startRecord(long index) {
            open = new RecordingSink.Record(index, new ArrayList<>());
            inner.startRecord(index);
        }

        @Override
        public String replace(String field, String value) {
            return note(field, value, inner.replace(field, value));
        }

        @Override
        public String replaceKey(String field, String key) {
            return note(field, key, inner.replaceKey(field, key));
        }

        private String note(String field, String value, String result) {
            open.values().add(new RecordingSink.Value(field, value));
            if (!result.equals(value)) {
                changed.add(open.index());
            }
            return result;
        }

        @Override
        public void dropRecord(String why) {
            inner.dropRecord(why);
        }

        @Override
        public boolean endRecord() {
            records.add(open);
            return inner.endRecord();
        }
    }

    /** Replaces nothing, keeps every record. */
    private static final class Unchanged implements ValueRedactor {
        @Override
        public void startRecord(long index) {
        }

        @Override
        public String replace(String field, String value) {
            return value;
        }

        @Override
        public void dropRecord(String why) {
        }

        @Override
        public boolean endRecord() {
            return true;
        }
    }
}
