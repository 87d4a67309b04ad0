package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.testing.WrittenPaths;

/**
 * Text in other encodings and data that is not text, end to end through {@code Main.run}: every
 * encoded file (text, JSON Lines and CSV in Shift_JIS, GB18030, Big5, EUC-KR, Windows-1252,
 * ISO-8859-1, UTF-16 and UTF-32 of both byte orders, no byte order mark) is COMPLETE with all its
 * PII counted, including a card number only a right decoding can read (fullwidth digits, or
 * grouped with no-break spaces); every compressed stream or binary blob in a text format, at the
 * start or half-way, is not COMPLETE. The dataset blocks, and no planted value appears in any
 * output, in stdout or in stderr.
 */
@ResourceLock(SparkTestSession.LOCK)
class FailOpenEncodingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAPANESE = "東京都の天気は晴れです。明日は雨が降るかもしれません。会議は午後三時に始まります。";
    private static final String CHINESE = "今天北京的天气很好。我们明天下午三点见面。请把报告发给客户服务部门。谢谢您的合作。";
    private static final String TRADITIONAL = "今天台北的天氣很好。我們明天下午三點開會。請把報告發給客戶服務部門。";
    private static final String KOREAN = "오늘 서울의 날씨는 맑습니다. 내일 오후 세 시에 회의가 있습니다. 감사합니다.";
    private static final String FRENCH = "Le café est très chaud aujourd'hui. Les élèves préparent leur dîner. Ça coûte cher €.";
    private static final String GERMAN = "Grüße aus München, die Straße ist schön. Äpfel und Öl für die Küche.";

    @TempDir
    static Path tmp;
    private static final Map<String, Canaries> encoded = new LinkedHashMap<>();
    private static final List<String> notText = new ArrayList<>();
    private static final List<String> planted = new ArrayList<>();
    private static int status;
    private static String out;
    private static String err;
    private static JsonNode report;
    private static Path outDir;

    /** A charset, the language to write in it, and whether it has fullwidth digits (else a no-break-space card). */
    record Encoding(String charset, String language, boolean fullwidth) {
    }

    @BeforeAll
    static void scan() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (Encoding e : List.of(new Encoding("Shift_JIS", JAPANESE, true), new Encoding("GB18030", CHINESE, true),
                new Encoding("Big5", TRADITIONAL, true), new Encoding("EUC-KR", KOREAN, true),
                new Encoding("windows-1252", FRENCH, false), new Encoding("ISO-8859-1", GERMAN, false),
                new Encoding("UTF-16LE", CHINESE, true), new Encoding("UTF-16BE", KOREAN, true),
                new Encoding("UTF-32LE", JAPANESE, true), new Encoding("UTF-32BE", FRENCH, false))) {
            for (String ext : List.of("txt", "jsonl", "csv")) {
                String name = e.charset().toLowerCase(Locale.ROOT) + "." + ext;
                Canaries c = new Canaries(name);
                String special = special(e, new Random(name.hashCode()));
                List<String> lines = List.of(e.language(), e.language(), c.line(), e.language(), "card " + special,
                        e.language());
                Files.write(data.resolve(name), format(ext, lines).getBytes(Charset.forName(e.charset())));
                encoded.put(name, c);
            }
        }
        for (String charset : List.of("UTF-16LE", "UTF-16BE")) {
            // No ASCII, so no NUL byte, in the first 64 KiB; the PII after it.
            String name = "no-nul-" + charset.toLowerCase(Locale.ROOT) + ".txt";
            Canaries c = new Canaries(name);
            String first = CHINESE.repeat(70_000 / CHINESE.length());
            Files.write(data.resolve(name), (first + "\n" + c.line() + "\ncard "
                    + special(new Encoding(charset, CHINESE, true), new Random(name.hashCode())) + "\n")
                    .getBytes(Charset.forName(charset)));
            encoded.put(name, c);
        }

        Canaries hidden = new Canaries("compressed");
        byte[] pii = (hidden.line() + "\n").repeat(3).getBytes(UTF_8);
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put("zlib.txt", deflate(pii, false));
        blobs.put("raw-deflate.txt", deflate(pii, true));
        blobs.put("bzip2.txt", compress(pii, BZip2CompressorOutputStream::new));
        blobs.put("xz.txt", compress(pii, XZCompressorOutputStream::new));
        blobs.put("zstd.txt", com.github.luben.zstd.Zstd.compress(pii));
        blobs.put("lz4.txt", compress(pii, FramedLZ4CompressorOutputStream::new));
        blobs.put("random.jsonl", random(2000, true));
        blobs.put("random-no-nul.csv", random(2000, false));
        blobs.put("random-no-nul.jsonl", random(700, false));
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 150_000; i++) {
            text.append("line ").append(i).append(" of plain text, nothing to find\n");
        }
        byte[] half = text.toString().getBytes(UTF_8);
        blobs.put("second-half-zlib.txt", concat(half, deflate(pii, false)));
        blobs.put("second-half-bzip2.csv", concat(("id,note\n" + text).getBytes(UTF_8),
                compress(pii, BZip2CompressorOutputStream::new)));
        for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
            Files.write(data.resolve(b.getKey()), b.getValue());
            notText.add(b.getKey());
        }
        for (Canaries c : encoded.values()) {
            planted.addAll(c.values());
        }
        planted.addAll(hidden.values());

        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, "limits:\n  maxValueChars: 4096\n", UTF_8);
        outDir = tmp.resolve("out");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream systemOut = new ByteArrayOutputStream();
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(systemOut, true, UTF_8));
        System.setErr(new PrintStream(systemErr, true, UTF_8));
        SparkSession spark = SparkTestSession.start();
        try {
            status = Main.run(new String[] {"--out", outDir.toString(), "--config", config.toString(),
                "--findings-format", "jsonl", data.toString()}, new PrintStream(stdout, true, UTF_8),
                    new PrintStream(stderr, true, UTF_8));
        } finally {
            SparkTestSession.stop(spark);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        out = stdout.toString(UTF_8) + systemOut.toString(UTF_8);
        err = stderr.toString(UTF_8) + systemErr.toString(UTF_8);
        report = JSON.readTree(outDir.resolve("report.json").toFile());
        for (JsonNode f : report.get("files")) {
            String path = f.get("path").asText();
            System.out.printf("fail-open encodings: %-26s %-9s %-18s %s%n", path.substring(path.lastIndexOf('/') + 1),
                    f.get("status").asText(), f.get("reason").isNull() ? "" : f.get("reason").asText(),
                    f.get("detail").isNull() ? "" : f.get("detail").asText());
        }
    }

    /** A card number only a right decoding reads: fullwidth digits, or grouped with no-break spaces. */
    private static String special(Encoding e, Random r) {
        String card = Canaries.card(r);
        planted.add(card);
        if (!e.fullwidth()) {
            String nbsp = card.replace(' ', '\u00A0');
            planted.add(nbsp);
            return nbsp;
        }
        StringBuilder wide = new StringBuilder();
        for (char c : card.toCharArray()) {
            wide.append(c == ' ' ? ' ' : (char) ('０' + (c - '0')));
        }
        planted.add(wide.toString());
        return wide.toString();
    }

    private static String format(String ext, List<String> lines) {
        StringBuilder sb = new StringBuilder();
        if (ext.equals("csv")) {
            sb.append("id,note\n");
        }
        for (int i = 0; i < lines.size(); i++) {
            switch (ext) {
                case "jsonl" -> sb.append("{\"note\":\"").append(lines.get(i)).append("\"}\n");
                case "csv" -> sb.append(i).append(",\"").append(lines.get(i)).append("\"\n");
                default -> sb.append(lines.get(i)).append('\n');
            }
        }
        return sb.toString();
    }

    private static JsonNode object(String name) {
        for (JsonNode f : report.get("files")) {
            if (WrittenPaths.names(f.get("path").asText(), name)) {
                return f;
            }
        }
        throw new AssertionError(name + " not in the report");
    }

    private static long unmasked(JsonNode object, String type) {
        JsonNode t = object.get("types").get(type);
        return t == null ? 0 : t.get("unmasked").asLong();
    }

    @Test
    void everyEncodedFileIsCompleteWithItsPiiCounted() {
        assertThat(encoded).hasSize(32);
        for (String name : encoded.keySet()) {
            JsonNode o = object(name);
            assertThat(o.get("status").asText()).as(name + ": " + o).isEqualTo("COMPLETE");
            // The ASCII card and the one only the right charset reads.
            assertThat(unmasked(o, "CREDIT_CARD_NUMBER")).as(name + ": " + o).isEqualTo(2);
            assertThat(unmasked(o, "USA_SOCIAL_SECURITY_NUMBER")).as(name + ": " + o).isEqualTo(1);
            assertThat(unmasked(o, "EMAIL_ADDRESS")).as(name + ": " + o).isEqualTo(1);
            assertThat(unmasked(o, "IBAN")).as(name + ": " + o).isEqualTo(1);
        }
    }

    @Test
    void compressedOrBinaryDataInATextFormatIsNeverComplete() {
        for (String name : notText) {
            JsonNode o = object(name);
            assertThat(o.get("status").asText()).as(name + ": " + o).isIn("SKIPPED", "PARTIAL");
            assertThat(o.get("reason").asText()).as(name + ": " + o).isEqualTo("UNSUPPORTED_FORMAT");
        }
        // Half-way blobs: the text before them was scanned.
        assertThat(object("second-half-zlib.txt").get("status").asText()).isEqualTo("PARTIAL");
        assertThat(object("second-half-bzip2.csv").get("status").asText()).isEqualTo("PARTIAL");
        assertThat(object("zlib.txt").get("detail").asText()).contains("zlib");
    }

    @Test
    void theDatasetBlocks() {
        assertThat(status).as(err).isEqualTo(Main.BLOCK);
        assertThat(report.get("verdict").get("decision").asText()).isEqualTo("BLOCK");
        List<String> scopes = new ArrayList<>();
        for (JsonNode r : report.get("verdict").get("reasons")) {
            scopes.add(r.get("code").asText() + " " + r.get("scope").asText());
        }
        assertThat(scopes).anySatisfy(s -> assertThat(s).contains("UNSUPPORTED_FORMAT"));
    }

    @Test
    void noPlantedValueLeavesTheScanner() throws IOException {
        Map<String, String> places = new LinkedHashMap<>();
        places.put("stdout", out);
        places.put("stderr", err);
        places.put("--out", Leaks.readTree(outDir));
        assertThat(places.get("--out")).contains("CREDIT_CARD_NUMBER", "EMAIL_ADDRESS");
        assertThat(planted).hasSizeGreaterThan(150);
        assertThat(Leaks.find(places, planted, FailOpenEncodingsTest::foldFullwidthDigits, SEPARATORS)).isEmpty();
    }

    /**
     * Separators: Character.isWhitespace, Character.isSpaceChar and "-().+/" (the fullwidth digits are
     * folded first), so every way of writing a number is one run of digits.
     */
    private static final String SEPARATORS = "[\\p{javaWhitespace}\\p{javaSpaceChar}\\-().+/]";

    /** Fullwidth digits as ASCII digits. */
    private static String foldFullwidthDigits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= '０' && c <= '９' ? (char) ('0' + (c - '０')) : c);
        }
        return sb.toString();
    }

    private static byte[] deflate(byte[] bytes, boolean raw) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(o, new Deflater(Deflater.BEST_COMPRESSION, raw))) {
            z.write(bytes);
        }
        return o.toByteArray();
    }

    interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] compress(byte[] bytes, Compressor compressor) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (OutputStream c = compressor.wrap(o)) {
            c.write(bytes);
        }
        return o.toByteArray();
    }

    private static byte[] random(int length, boolean withNul) {
        byte[] b = new byte[length];
        new Random(length * 31L + (withNul ? 1 : 0)).nextBytes(b);
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

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
