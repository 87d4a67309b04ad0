package dev.piigate.jobs.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigException;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.read.ParserProcesses;
import dev.piigate.jobs.read.TextChunks;
import dev.piigate.jobs.testing.CheckDigits;
import dev.piigate.jobs.testing.IdFakes;

/**
 * Values on chunk borders, through the real readers, detectors and the scanner's dedup: one long
 * text holds every detector's value, with its keyword before or after it at the full keyword
 * distance, placed so that the value ends at every offset from -40 to +40 around each of the
 * three places that matter in a chunk: where the previous chunk ends, where this one starts, and
 * the middle of their overlap (where ownership switches). The same text is read as a long text
 * line, as a long JSON string value and as a document; each planted value must be counted exactly
 * once (its own fingerprint, once) and nothing else found.
 */
@ResourceLock(SparkTestSession.LOCK)
class ChunkBorderTest {
    private static final int WINDOW = 40;
    private static final int STRIDE = TextChunks.MIN_CHUNK_CHARS - TextChunks.OVERLAP_CHARS;
    private static final String FILLER = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
            + "incididunt ut labore et dolore magna aliqua ";
    /** Between keyword and value: the full default keyword distance (30), less one. */
    private static final int GAP = 29;

    @TempDir
    static Path dir;

    private static final Config CONFIG = ConfigLoader.parse(
            "limits:\n  maxValueChars: 1024\nreport:\n  maxFindingsPerFile: 1000000\n", "test");
    private static final TextScanner DETECTORS = new TextScanner(
            DetectorRegistry.load().create(CONFIG.detectors()), CONFIG.detectors().allowList());
    private static final Fingerprinter FINGERPRINTS = new Fingerprinter(new byte[32]);
    /** Parses the documents of this class's scans; ended after the last test. */
    private static final ParserProcesses PARSERS = new ParserProcesses();

    @AfterAll
    static void endParserProcesses() {
        PARSERS.close();
    }
    private static final List<Planted> planted = new ArrayList<>();
    private static String text;

    /** The national identifiers, IP addresses and dates of birth (issue 13), with a keyword of each. */
    private static final Map<String, String> IDENTITY_KEYWORDS = new TreeMap<>(Map.ofEntries(
            Map.entry("UK_NATIONAL_INSURANCE_NUMBER", "national insurance number"),
            Map.entry("CANADA_SOCIAL_INSURANCE_NUMBER", "social insurance number"),
            Map.entry("INDIA_AADHAAR_NUMBER", "aadhaar"),
            Map.entry("INDIA_PERMANENT_ACCOUNT_NUMBER", "pan"),
            Map.entry("BRAZIL_CPF_NUMBER", "cpf"),
            Map.entry("SPAIN_DNI_NUMBER", "dni"),
            Map.entry("SPAIN_NIE_NUMBER", "nie"),
            Map.entry("FRANCE_NATIONAL_IDENTIFICATION_NUMBER", "nir"),
            Map.entry("ITALY_NATIONAL_IDENTIFICATION_NUMBER", "codice fiscale"),
            Map.entry("MEXICO_CURP_NUMBER", "curp"),
            Map.entry("USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "itin"),
            Map.entry("IP_ADDRESS", "client"),
            Map.entry("DATE_OF_BIRTH", "date of birth")));

    /** One value placed in the text: its type, where it starts, and the exact characters. */
    record Planted(String type, int start, String value) {
    }

    /** A value with its keyword; the keyword goes before or after it. */
    record Kind(String type, String keyword, boolean keywordAfter) {
    }

    @BeforeAll
    static void buildText() {
        List<Kind> kinds = new ArrayList<>();
        for (boolean after : new boolean[] {false, true}) {
            kinds.add(new Kind("CREDIT_CARD_NUMBER", "card number", after));
            kinds.add(new Kind("USA_SOCIAL_SECURITY_NUMBER", "ssn", after));
            kinds.add(new Kind("IBAN", "iban", after));
            kinds.add(new Kind("PHONE_NUMBER", "phone", after));
            kinds.add(new Kind("EMAIL_ADDRESS", "email", after));
            for (Map.Entry<String, String> id : IDENTITY_KEYWORDS.entrySet()) {
                kinds.add(new Kind(id.getKey(), id.getValue(), after));
            }
        }
        Random random = new Random(11);
        Set<String> used = new HashSet<>();
        StringBuilder sb = new StringBuilder();
        pad(sb, 300);
        int chunk = 1;
        for (Kind kind : kinds) {
            for (int delta = -WINDOW; delta <= WINDOW; delta++) {
                int start = chunk * STRIDE; // where chunk k starts; chunk k - 1 ends an overlap later
                // In text order: this chunk's start, the middle of the overlap, the previous chunk's end.
                for (int anchor : new int[] {start, start + TextChunks.OVERLAP_CHARS / 2,
                        start + TextChunks.OVERLAP_CHARS}) {
                    String value;
                    do {
                        value = value(kind.type(), random);
                    } while (!used.add(value));
                    int valueStart = anchor + delta - value.length();
                    int from = kind.keywordAfter() ? valueStart : valueStart - GAP - kind.keyword().length();
                    pad(sb, from);
                    if (!kind.keywordAfter()) {
                        sb.append(kind.keyword()).append(gap(GAP));
                    }
                    planted.add(new Planted(kind.type(), sb.length(), value));
                    sb.append(value);
                    if (kind.keywordAfter()) {
                        // A keyword after the value must lie wholly within the distance.
                        sb.append(gap(GAP - kind.keyword().length())).append(kind.keyword());
                    }
                    sb.append(' ');
                }
                chunk++;
            }
        }
        pad(sb, sb.length() + STRIDE + 500);
        text = sb.toString();
    }

    /** Filler up to {@code position}, ending in a space; the filler has no digits and no keyword. */
    private static void pad(StringBuilder sb, int position) {
        assertThat(position).as("placements overlap").isGreaterThan(sb.length() + 60);
        while (sb.length() < position - 1) {
            sb.append(FILLER.charAt(sb.length() % FILLER.length()));
        }
        sb.append(' ');
    }

    private static String gap(int length) {
        return " " + "x".repeat(length - 2) + " ";
    }

    private static String value(String type, Random r) {
        return switch (type) {
            case "CREDIT_CARD_NUMBER" -> {
                StringBuilder d = new StringBuilder("45");
                while (d.length() < 15) {
                    d.append(r.nextInt(10));
                }
                d.append(CheckDigits.luhn(d));
                yield d.substring(0, 4) + " " + d.substring(4, 8) + " " + d.substring(8, 12) + " " + d.substring(12);
            }
            case "USA_SOCIAL_SECURITY_NUMBER" -> String.format("%03d%02d%04d", 100 + r.nextInt(500), 10 + r.nextInt(89),
                    1000 + r.nextInt(8999));
            case "IBAN" -> {
                StringBuilder bban = new StringBuilder();
                for (int i = 0; i < 18; i++) {
                    bban.append(r.nextInt(10));
                }
                String check = String.format("%02d", 98 - CheckDigits.mod97(bban + "DE00"));
                String iban = "DE" + check + bban;
                yield iban.substring(0, 4) + " " + iban.substring(4, 8) + " " + iban.substring(8, 12) + " "
                        + iban.substring(12, 16) + " " + iban.substring(16, 20) + " " + iban.substring(20);
            }
            case "PHONE_NUMBER" -> String.format("+1 (212) %03d-%04d", 300 + r.nextInt(600), 1000 + r.nextInt(8999));
            case "EMAIL_ADDRESS" -> "border." + Long.toString(r.nextLong() & Long.MAX_VALUE, 36) + "@posteo.de";
            default -> new IdFakes(r).value(type, "");
        };
    }

    @Test
    void everyPlantedValueIsFoundWhenScannedAlone() {
        // The test means something only if each value, with its keyword, is a finding in the first place.
        for (Planted p : planted) {
            int from = Math.max(0, p.start() - 200);
            String around = text.substring(from, Math.min(text.length(), p.start() + p.value().length() + 200));
            List<Finding> found = DETECTORS.scan(around, null);
            assertThat(found).as(p + " in <" + around + ">")
                    .anySatisfy(f -> {
                        assertThat(f.type().name()).isEqualTo(p.type());
                        assertThat(from + f.start()).isEqualTo(p.start());
                    });
        }
    }

    @Test
    void aLongTextLineCountsEveryValueOnABorderOnce() throws IOException {
        Path file = dir.resolve("long-line.txt");
        Files.writeString(file, "first line\n" + text + "\nlast line\n", StandardCharsets.UTF_8);
        ScannedObject rows = scan(file);

        assertThat(status(rows)).isEqualTo("COMPLETE");
        assertCountedOnce(rows);
        assertPositions(rows, 0);
    }

    @Test
    void aLongJsonStringValueCountsEveryValueOnABorderOnce() throws IOException {
        Path file = dir.resolve("long-value.jsonl");
        String prefix = "{\"note\":\"";
        Files.writeString(file, "{\"ok\":1}\n" + prefix + text + "\"}\n", StandardCharsets.UTF_8);
        ScannedObject rows = scan(file);

        assertThat(status(rows)).isEqualTo("PARTIAL"); // too long to parse: scanned as text, TOO_LARGE
        assertCountedOnce(rows);
        assertPositions(rows, prefix.length());
    }

    @Test
    void aLongDocumentCountsEveryValueOnABorderOnce() throws IOException {
        Path file = dir.resolve("long.html");
        Files.writeString(file, "<html><body><p>" + text + "</p></body></html>", StandardCharsets.UTF_8);
        ScannedObject rows = scan(file);

        assertThat(status(rows)).isEqualTo("COMPLETE");
        assertCountedOnce(rows);
    }

    /**
     * A private key block is longer than the overlap: no chunk but the one that sees its BEGIN line
     * sees it whole or with its start. Each block, wherever it starts around a border, is counted
     * exactly once (the piece that saw its start owns it, TextChunks.place).
     */
    @Test
    void aKeyBlockLongerThanTheOverlapIsCountedOnceWhereverItStarts() throws IOException {
        Random random = new Random(5);
        StringBuilder line = new StringBuilder();
        pad(line, 300);
        int blocks = 0;
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        // Where each BEGIN line falls relative to a chunk start (chunk j - 1 ends OVERLAP_CHARS later):
        // well before the overlap (cut at the end of chunk j - 1), in its first half, in its second half.
        int[] offsets = {-3000, -2500, -2000, -1500, -1000, -500, 0, 500, 1000, 1500, 1900, 2040};
        for (int k = 1; k <= offsets.length; k++) {
            int begin = k * 3 * STRIDE + offsets[k - 1];
            pad(line, begin);
            line.append("-----BEGIN RSA PRIVATE KEY-----\\n");
            for (int l = 0; l < 50; l++) {
                for (int c = 0; c < 64; c++) {
                    line.append(alphabet.charAt(random.nextInt(64)));
                }
                line.append("\\n");
            }
            line.append("-----END RSA PRIVATE KEY----- ");
            blocks++;
        }
        pad(line, line.length() + STRIDE);
        assertThat(line.length() - 300).isGreaterThan(offsets.length * 3300);
        Path file = dir.resolve("keys-line.txt");
        Files.writeString(file, "first line\n" + line + "\nlast line\n", StandardCharsets.UTF_8);
        ScannedObject rows = scan(file);

        assertThat(status(rows)).isEqualTo("COMPLETE");
        List<String> pkcs = rows.findings().stream()
                .filter(r -> r.type().equals("PKCS"))
                .map(r -> r.start() + "+" + r.fingerprint().substring(0, 8)).toList();
        assertThat(pkcs).as("PKCS findings (start+fingerprint)").hasSize(blocks);
        assertThat(rows.result().types().get("PKCS").unmasked()).isEqualTo(blocks);
    }

    @Test
    void aKeywordDistanceThatDoesNotFitTheOverlapIsRejected() {
        String yaml = "detectors:\n  customIdentifiers:\n    - name: x\n      regex: \"X-[0-9]{4}\"\n"
                + "      maximumMatchDistance: 300\n      keywords: [\"" + "k".repeat(500) + "\"]\n";
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("overlapping by").hasMessageContaining("maximumMatchDistance");
        // Every keyword distance the configuration accepts fits with the built-in keywords.
        ConfigLoader.parse("detectors:\n  keywordDistance: 300\n", "test");
    }

    private static ScannedObject scan(Path file) {
        ObjectScanner scanner = new ObjectScanner(CONFIG, DETECTORS, FINGERPRINTS, new Configuration(), PARSERS);
        return scanner.scan(file.toUri().toString(), -1, null, null);
    }

    private static String status(ScannedObject rows) {
        return rows.result().status().status().name();
    }

    /** Per type: as many findings as planted values, each planted value's fingerprint once, nothing else. */
    private static void assertCountedOnce(ScannedObject rows) {
        Map<String, List<String>> expected = new TreeMap<>();
        for (Planted p : planted) {
            expected.computeIfAbsent(p.type(), k -> new ArrayList<>()).add(fingerprintOf(p));
        }
        Map<String, List<String>> found = new TreeMap<>();
        for (FindingRow r : rows.findings()) {
            found.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r.fingerprint());
        }
        assertThat(found.keySet()).isEqualTo(expected.keySet());
        for (String type : expected.keySet()) {
            assertThat(found.get(type)).as(type).containsExactlyInAnyOrderElementsOf(expected.get(type));
        }
        long counted = 0;
        for (var c : rows.result().types().values()) {
            counted += c.unmasked() + c.masked() + c.testValues();
        }
        assertThat(counted).isEqualTo(planted.size());
    }

    /** Each finding where its value was planted, in the coordinates of the value that holds the text. */
    private static void assertPositions(ScannedObject rows, int shift) {
        Set<String> expected = new HashSet<>();
        for (Planted p : planted) {
            expected.add(p.type() + "@" + (p.start() + shift));
        }
        List<String> found = new ArrayList<>();
        for (FindingRow r : rows.findings()) {
            found.add(r.type() + "@" + r.start());
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String fingerprintOf(Planted p) {
        List<Finding> f = DETECTORS.scan(" " + p.value() + " ", null).stream()
                .filter(x -> x.type().name().equals(p.type())).toList();
        if (f.isEmpty()) {
            // Values that need their keyword to be findings: fingerprint them with it.
            String withKeyword = IDENTITY_KEYWORDS.getOrDefault(p.type(), "ssn") + " " + p.value() + " ";
            f = DETECTORS.scan(withKeyword, null).stream().filter(x -> x.type().name().equals(p.type())).toList();
            assertThat(f).as(p.toString()).hasSize(1);
            return FINGERPRINTS.fingerprint(withKeyword, f.get(0));
        }
        assertThat(f).as(p.toString()).hasSize(1);
        return FINGERPRINTS.fingerprint(" " + p.value() + " ", f.get(0));
    }
}
