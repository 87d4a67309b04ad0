package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text in other charsets is decoded as what it is (every value delivered exactly as written), and
 * what is not text (compressed streams with no suffix, binary blobs, anywhere in the file) never
 * ends COMPLETE. Every file is really encoded: the bytes come from the JDK's encoders and from the
 * real compressors.
 */
class TextEncodingTest {
    /** A line of ordinary text per language, so the detector has something to recognise. */
    static final String JAPANESE = "東京都の天気は晴れです。明日は雨が降るかもしれません。会議は午後三時に始まります。担当者に連絡してください。";
    static final String CHINESE = "今天北京的天气很好。我们明天下午三点见面。请把报告发给客户服务部门。谢谢您的合作。";
    static final String TRADITIONAL = "今天台北的天氣很好。我們明天下午三點開會。請把報告發給客戶服務部門。謝謝您的合作。";
    static final String KOREAN = "오늘 서울의 날씨는 맑습니다. 내일 오후 세 시에 회의가 있습니다. 고객 서비스 부서에 보고서를 보내 주세요. 감사합니다.";
    static final String FRENCH = "Le café est très chaud aujourd'hui. Les élèves préparent leur dîner à côté de la fenêtre. Ça coûte 5 €.";
    static final String GERMAN = "Grüße aus München, die Straße ist schön. Äpfel und Öl für die Küche, sagt Jürgen.";
    /** Written with a fullwidth card number where the charset has the digits: only a right decoding keeps it. */
    static final String CARD = "4556 7375 8689 9855";
    static final String FULLWIDTH_CARD = "４５３２ ０１５１ １１２８ ３６０５";

    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    /** The charset, the language that goes with it, and a line with PII only that charset writes. */
    static Stream<Arguments> charsets() {
        String nbspCard = CARD.replace(' ', '\u00A0');
        return Stream.of(
                Arguments.of("Shift_JIS", JAPANESE, "カード " + FULLWIDTH_CARD),
                Arguments.of("GB18030", CHINESE, "银行卡 " + FULLWIDTH_CARD),
                Arguments.of("GBK", CHINESE, "银行卡 " + FULLWIDTH_CARD),
                Arguments.of("Big5", TRADITIONAL, "信用卡 " + FULLWIDTH_CARD),
                Arguments.of("EUC-KR", KOREAN, "카드 " + FULLWIDTH_CARD),
                Arguments.of("windows-1252", FRENCH, "carte " + nbspCard),
                Arguments.of("ISO-8859-1", GERMAN, "Karte " + nbspCard),
                Arguments.of("UTF-16LE", CHINESE, "银行卡 " + FULLWIDTH_CARD),
                Arguments.of("UTF-16BE", KOREAN, "카드 " + FULLWIDTH_CARD),
                Arguments.of("UTF-32LE", JAPANESE, "カード " + FULLWIDTH_CARD),
                Arguments.of("UTF-32BE", FRENCH, "carte " + nbspCard));
    }

    /** The lines of one file: the language, then the PII in ASCII and in the charset's own characters. */
    static List<String> lines(String language, String special) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lines.add(language);
        }
        lines.add("card " + CARD + " ssn 287-65-4321 mail jane.roe@posteo.de");
        lines.add(special);
        lines.add(language);
        return lines;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charsets")
    void textInEachCharsetIsDecodedAsWritten(String charset, String language, String special) throws IOException {
        List<String> lines = lines(language, special);
        Path path = TestFiles.write(dir, "notes.txt", String.join("\n", lines).getBytes(Charset.forName(charset)));
        RecordingSink sink = new RecordingSink();

        ReadResult result = Readers.forFormat(Format.TEXT).read(fs, path, TestFiles.conf(), TestFiles.SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        List<String> texts = new ArrayList<>();
        sink.records().forEach(r -> texts.addAll(r.texts()));
        assertThat(texts).containsExactlyElementsOf(lines);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charsets")
    void jsonLinesInEachCharsetAreDecodedAsWritten(String charset, String language, String special)
            throws IOException {
        List<String> lines = lines(language, special);
        StringBuilder json = new StringBuilder();
        for (String line : lines) {
            json.append("{\"note\":\"").append(line).append("\"}\n");
        }
        Path path = TestFiles.write(dir, "chat.jsonl", json.toString().getBytes(Charset.forName(charset)));
        RecordingSink sink = new RecordingSink();

        ReadResult result = Readers.forFormat(Format.JSONL).read(fs, path, TestFiles.conf(), TestFiles.SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allValues()).filteredOn(v -> v.field().equals("$.note")).extracting(RecordingSink.Value::value)
                .containsExactlyElementsOf(lines);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charsets")
    void csvInEachCharsetIsDecodedAsWritten(String charset, String language, String special) throws IOException {
        List<String> lines = lines(language, special);
        StringBuilder csv = new StringBuilder("id,note\r\n");
        for (int i = 0; i < lines.size(); i++) {
            csv.append(i).append(",\"").append(lines.get(i)).append("\"\r\n");
        }
        Path path = TestFiles.write(dir, "rows.csv", csv.toString().getBytes(Charset.forName(charset)));
        RecordingSink sink = new RecordingSink();

        ReadResult result = Readers.forFormat(Format.CSV).read(fs, path, TestFiles.conf(), TestFiles.SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allValues()).filteredOn(v -> v.field().equals("note")).extracting(RecordingSink.Value::value)
                .containsExactlyElementsOf(lines);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wideWithMark")
    void aByteOrderMarkDecidesAndIsDropped(String charset, byte[] mark) throws IOException {
        List<String> lines = lines(KOREAN, "카드 " + FULLWIDTH_CARD);
        byte[] body = String.join("\n", lines).getBytes(Charset.forName(charset));
        Path path = TestFiles.write(dir, "marked.txt", TestFiles.concat(mark, body));
        RecordingSink sink = new RecordingSink();

        ReadResult result = Readers.forFormat(Format.TEXT).read(fs, path, TestFiles.conf(), TestFiles.SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        List<String> texts = new ArrayList<>();
        sink.records().forEach(r -> texts.addAll(r.texts()));
        assertThat(texts).containsExactlyElementsOf(lines);
    }

    static Stream<Arguments> wideWithMark() {
        return Stream.of(
                Arguments.of("UTF-8", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}),
                Arguments.of("UTF-16LE", new byte[] {(byte) 0xFF, (byte) 0xFE}),
                Arguments.of("UTF-16BE", new byte[] {(byte) 0xFE, (byte) 0xFF}),
                Arguments.of("UTF-32LE", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}),
                Arguments.of("UTF-32BE", new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("utf16")
    void utf16WithNoNulByteInItsFirstBytesIsStillUtf16(String charset) throws IOException {
        // One line of Chinese longer than the sample (no ASCII, so no NUL byte), then the PII in ASCII.
        StringBuilder first = new StringBuilder();
        while (first.length() * 2 < TextEncoding.SAMPLE_BYTES + 1000) {
            first.append(CHINESE);
        }
        String pii = "card " + CARD + " ssn 287-65-4321 mail jane.roe@posteo.de";
        byte[] bytes = (first + "\n" + pii + "\n").getBytes(Charset.forName(charset));
        for (int i = 0; i < TextEncoding.SAMPLE_BYTES; i++) {
            assertThat(bytes[i]).as("a NUL byte in the sample").isNotZero();
        }
        Path path = TestFiles.write(dir, "wide.txt", bytes);
        RecordingSink sink = new RecordingSink();

        ReadResult result = Readers.forFormat(Format.TEXT).read(fs, path, TestFiles.conf(),
                new ReadLimits(1 << 20, 4096, 20_000, 8), sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).texts()).containsExactly(first.toString());
        assertThat(sink.record(1).texts()).containsExactly(pii);
    }

    static Stream<String> utf16() {
        return Stream.of("UTF-16LE", "UTF-16BE");
    }

    // ---- not text -------------------------------------------------------------------------

    static final String PII_TEXT = ("card " + CARD + " ssn 287-65-4321 mail jane.roe@posteo.de\n").repeat(3);

    static Stream<Arguments> compressed() throws IOException {
        byte[] text = PII_TEXT.getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("zlib", zlib(text, false)),
                Arguments.of("raw deflate", zlib(text, true)),
                Arguments.of("bzip2", compress(text, BZip2CompressorOutputStream::new)),
                Arguments.of("xz", compress(text, XZCompressorOutputStream::new)),
                Arguments.of("zstd", com.github.luben.zstd.Zstd.compress(text)),
                Arguments.of("lz4", compress(text, FramedLZ4CompressorOutputStream::new)),
                Arguments.of("random bytes without NUL", random(600, false)),
                Arguments.of("random bytes", random(600, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressed")
    void compressedOrBinaryContentInATextFormatIsNeverComplete(String what, byte[] blob) throws IOException {
        for (String name : List.of("blob.txt", "blob.jsonl", "blob.csv")) {
            Path path = TestFiles.write(dir, name, blob);
            RecordingSink sink = new RecordingSink();

            ReadResult result = Readers.forFormat(Readers.detect(name).orElseThrow()).read(fs, path, TestFiles.conf(),
                    TestFiles.SMALL, sink);

            assertThat(result.status()).as(what + " in " + name).isEqualTo(ScanStatus.SKIPPED);
            assertThat(result.reason()).as(what + " in " + name).isEqualTo(StatusReason.UNSUPPORTED_FORMAT);
            assertThat(sink.records()).as(what + " in " + name).isEmpty();
        }
    }

    @Test
    void theDetailNamesAKnownMagicNumber() throws IOException {
        Path path = TestFiles.write(dir, "z.txt", zlib(PII_TEXT.getBytes(StandardCharsets.UTF_8), false));
        ReadResult result = Readers.forFormat(Format.TEXT).read(fs, path, TestFiles.conf(), TestFiles.SMALL,
                new RecordingSink());
        assertThat(result.detail()).contains("zlib").doesNotContain("287");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressed")
    void aBlobAfterTheFirstBytesEndsTheReadPartial(String what, byte[] blob) throws IOException {
        // Text well past the sample, then the blob, then more text: what came before is scanned.
        StringBuilder before = new StringBuilder();
        int lines = 0;
        while (before.length() < TextEncoding.SAMPLE_BYTES * 2) {
            before.append("line ").append(lines++).append(" of ordinary text, nothing in it\n");
        }
        byte[] bytes = TestFiles.concat(TestFiles.concat(TestFiles.utf8(before.toString()), blob),
                TestFiles.utf8("\nafter the blob\n"));
        for (String name : List.of("late.txt", "late.csv")) {
            Path path = TestFiles.write(dir, name, bytes);
            RecordingSink sink = new RecordingSink();

            ReadResult result = Readers.forFormat(Readers.detect(name).orElseThrow()).read(fs, path, TestFiles.conf(),
                    TestFiles.SMALL, sink);

            assertThat(result.status()).as(what + " in " + name).isEqualTo(ScanStatus.PARTIAL);
            assertThat(result.reason()).as(what + " in " + name).isEqualTo(StatusReason.UNSUPPORTED_FORMAT);
            assertThat(sink.records().size()).as(what + " in " + name).isGreaterThan(lines / 2);
        }
    }

    @Test
    void aTextFileWhoseSecondHalfIsAZlibStreamIsPartial() throws IOException {
        byte[] text = ("line of text with nothing in it\n").repeat(4000).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = zlib(PII_TEXT.repeat(2000).getBytes(StandardCharsets.UTF_8), false);
        Path path = TestFiles.write(dir, "half.jsonl", TestFiles.concat(
                "{\"a\":1}\n".repeat(text.length / 8).getBytes(StandardCharsets.UTF_8), compressed));
        RecordingSink sink = new RecordingSink();

        ReadResult result = Readers.forFormat(Format.JSONL).read(fs, path, TestFiles.conf(), TestFiles.SMALL, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.PARTIAL);
        assertThat(result.reason()).isEqualTo(StatusReason.UNSUPPORTED_FORMAT);
        assertThat(result.detail()).contains("not text");
    }

    @Test
    void aFewBadBytesInLongUtf8TextStayComplete() throws IOException {
        // Sporadic bad bytes, far apart, across several windows: tolerated, as before.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 5000; i++) {
            out.writeBytes(("line " + i + " naïve café text\n").getBytes(StandardCharsets.UTF_8));
            if (i % 100 == 0) {
                out.write(0xFF);
            }
        }
        Path path = TestFiles.write(dir, "sporadic.txt", out.toByteArray());
        assertThat(Readers.forFormat(Format.TEXT).read(fs, path, TestFiles.conf(), TestFiles.SMALL, new RecordingSink()))
                .isEqualTo(ReadResult.COMPLETE);
    }

    @Test
    void strayBytesBesideANumberAreNeitherLettersNorLostSeparators() throws IOException {
        // Mostly ASCII, too little text for the detector to be sure of a single-byte charset: read
        // as UTF-8. A stray 0xFF glued to a number is U+FFFD, not the letter 'ÿ' that would hide
        // it; 0xA0 between the groups of a card stays a no-break space, so the card stays whole.
        byte[] bytes = TestFiles.concat(TestFiles.concat(TestFiles.utf8("ref "), new byte[] {(byte) 0xFF}),
                TestFiles.utf8("4111111111111111 card 4556\u00007375\n"));
        bytes[bytes.length - 6] = (byte) 0xA0; // the NUL placeholder between 4556 and 7375
        Path path = TestFiles.write(dir, "stray.txt", bytes);
        RecordingSink sink = new RecordingSink();

        assertThat(Readers.forFormat(Format.TEXT).read(fs, path, TestFiles.conf(), TestFiles.SMALL, sink))
                .isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).texts()).containsExactly("ref \uFFFD4111111111111111 card 4556\u00A07375");
    }

    @Test
    void logsWithAnsiColoursAreText() throws IOException {
        String line = "\u001B[32mINFO\u001B[0m request served in 12 ms\n";
        Path path = TestFiles.write(dir, "app.log", line.repeat(2000));
        assertThat(Readers.forFormat(Format.TEXT).read(fs, path, TestFiles.conf(), TestFiles.SMALL, new RecordingSink()))
                .isEqualTo(ReadResult.COMPLETE);
    }

    @Test
    void aCutGzipStreamInsideTheFirstBytesStillDeliversTheLinesBeforeTheCut() throws IOException {
        byte[] whole = TestFiles.gzip(("line of text\n").repeat(2000).getBytes(StandardCharsets.UTF_8));
        Path path = TestFiles.write(dir, "cut.txt.gz", java.util.Arrays.copyOf(whole, whole.length / 2));
        RecordingSink sink = new RecordingSink();

        ReadResult result = Readers.forFormat(Format.TEXT).read(fs, path, TestFiles.conf(), TestFiles.SMALL, sink);

        assertThat(result.status()).as(result.toString()).isEqualTo(ScanStatus.PARTIAL);
        assertThat(result.reason()).isEqualTo(StatusReason.TRUNCATED);
        assertThat(sink.records()).isNotEmpty();
    }

    static byte[] zlib(byte[] bytes, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION, raw))) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    static byte[] compress(byte[] bytes, Compressor compressor) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = compressor.wrap(out)) {
            c.write(bytes);
        }
        return out.toByteArray();
    }

    static byte[] random(int length, boolean withNul) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        for (int i = 0; i < b.length; i++) {
            if (!withNul && b[i] == 0) {
                b[i] = 1;
            }
        }
        if (withNul) {
            b[length / 2] = 0;
        }
        return b;
    }
}
