package dev.piigate.jobs.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import dev.piigate.jobs.samples.SampleGenerator.Entity;
import dev.piigate.jobs.samples.SampleGenerator.Generated;
import dev.piigate.jobs.samples.SampleGenerator.Planted;
import dev.piigate.jobs.samples.SampleGenerator.State;

/**
 * The committed samples are what the generator makes, open in their formats, and hold exactly the
 * planted values: every unmasked value is checked with independent validators (Commons Validator,
 * libphonenumber), and a sweep of each file's text finds no PII the ledger does not list.
 */
class SamplesTest {
    // Touching SampleGenerator first also applies its logging workaround before Tika or Parquet log.
    private static final Generated GENERATED = SampleGenerator.generate();
    private static final Path SAMPLES = SampleGenerator.samplesDir();
    private static final List<String> DATA_FILES = Stream.of(SampleGenerator.BLOCKED, SampleGenerator.CLEAN)
            .flatMap(dir -> SampleGenerator.DATA_FILES.stream().map(f -> dir + f)).toList();
    /** Published test numbers (Stripe, Adyen, Braintree docs): reported as test values, not leaks. */
    private static final Set<String> PUBLIC_TEST_CARDS = Set.of("4111111111111111", "4242424242424242",
            "5555555555554444", "5105105105105100", "378282246310005", "371449635398431", "6011111111111117",
            "4012888888881881", "3530111333300000", "30569309025904");
    private static final Set<String> ADVERTISED_SSNS = Set.of("078051120", "219099999", "457555462");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    static List<String> dataFiles() {
        return DATA_FILES;
    }

    // ------------------------------------------------------------------ files

    @Test
    void everyGeneratedFileIsCommittedUnchangedAndSmall() throws IOException {
        for (Map.Entry<String, byte[]> file : GENERATED.files().entrySet()) {
            Path path = SAMPLES.resolve(file.getKey());
            assertThat(path).as(file.getKey()).isRegularFile();
            if (file.getKey().endsWith(".parquet")) {
                // parquet-mr lists column encodings from a HashSet: the bytes vary run to run, the rows do not.
                assertThat(parquetRows(Files.readAllBytes(path))).as(file.getKey())
                        .isEqualTo(parquetRows(file.getValue()));
            } else {
                assertThat(Files.readAllBytes(path)).as(file.getKey() + " is stale: re-run SampleGenerator")
                        .isEqualTo(file.getValue());
            }
        }
        try (Stream<Path> all = Files.walk(SAMPLES)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                assertThat(Files.size(p)).as(p.toString()).isLessThan(50 * 1024);
            }
        }
        assertThat(SAMPLES.resolve("README.md")).isRegularFile();
    }

    @Test
    void generationIsDeterministic() {
        Generated again = SampleGenerator.generate();
        for (Map.Entry<String, byte[]> file : GENERATED.files().entrySet()) {
            if (!file.getKey().endsWith(".parquet")) {
                assertThat(again.files().get(file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
            }
        }
        assertThat(again.ledger().planted()).isEqualTo(GENERATED.ledger().planted());
    }

    // ------------------------------------------------------------------ formats

    @Test
    void jsonLinesParseAsObjectsWithMessages() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String dir : List.of("blocked", "clean")) {
            List<String> lines = Files.readAllLines(SAMPLES.resolve(dir + "/chat-logs.jsonl"), UTF_8);
            assertThat(lines).as(dir).hasSizeBetween(30, 50);
            for (String line : lines) {
                JsonNode record = json.readTree(line);
                assertThat(record.isObject()).isTrue();
                assertThat(record.path("messages").isArray()).isTrue();
                for (JsonNode message : record.get("messages")) {
                    assertThat(message.path("content").isTextual()).isTrue();
                }
            }
        }
    }

    @Test
    void csvHasHeaderAndEqualCellCounts() throws IOException {
        for (String dir : List.of("blocked", "clean")) {
            List<CSVRecord> records;
            try (CSVParser parser = CSVFormat.DEFAULT.parse(
                    Files.newBufferedReader(SAMPLES.resolve(dir + "/customers.csv"), UTF_8))) {
                records = parser.getRecords();
            }
            assertThat(records.get(0).toList()).containsExactly("customer_id", "name", "email", "phone", "ssn", "notes");
            assertThat(records).hasSize(21);
            for (CSVRecord r : records) {
                assertThat(r.size()).as("row " + r.getRecordNumber()).isEqualTo(6);
            }
        }
    }

    @Test
    void parquetOpensWithNestedStructAndTwentyRows() throws IOException {
        for (String dir : List.of("blocked", "clean")) {
            List<String> rows = parquetRows(Files.readAllBytes(SAMPLES.resolve(dir + "/orders.parquet")));
            assertThat(rows).as(dir).hasSize(20);
            assertThat(rows.get(0)).contains("customer").contains("address").contains("items");
        }
    }

    @Test
    void pdfHasTwoPagesAndOpensWithTika() throws Exception {
        for (String dir : List.of("blocked", "clean")) {
            byte[] bytes = Files.readAllBytes(SAMPLES.resolve(dir + "/statement.pdf"));
            try (PDDocument doc = Loader.loadPDF(bytes)) {
                assertThat(doc.getNumberOfPages()).isEqualTo(2);
            }
            String text = tika(bytes);
            assertThat(text).contains("Current account statement").contains("Card payments in this period");
        }
    }

    @Test
    void docxIsAWellFormedWordPackage() throws Exception {
        for (String dir : List.of("blocked", "clean")) {
            String text = String.join("\n", docxParagraphs(Files.readAllBytes(SAMPLES.resolve(dir + "/contract.docx"))));
            assertThat(text).contains("EMPLOYMENT AGREEMENT").contains("Social Security Number");
        }
    }

    @Test
    void docxOpensWithTika() throws Exception {
        for (String dir : List.of("blocked", "clean")) {
            byte[] bytes = Files.readAllBytes(SAMPLES.resolve(dir + "/contract.docx"));
            // POI 5.5 needs commons-compress >= 1.26 (pinned in jobs/pom.xml over Spark's 1.23).
            String text = tika(bytes);
            assertThat(text).contains("EMPLOYMENT AGREEMENT").contains("Social Security Number");
        }
    }

    @Test
    void gzipDecompressesToText() throws IOException {
        for (String dir : List.of("blocked", "clean")) {
            byte[] bytes = Files.readAllBytes(SAMPLES.resolve(dir + "/ticket-archive.txt.gz"));
            assertThat(bytes[0] & 0xFF).isEqualTo(0x1F);
            assertThat(gunzip(bytes)).startsWith("ARCHIVE 2023-Q4 support tickets");
        }
    }

    // ------------------------------------------------------------------ planted values

    @Test
    void everyPlantedValueIsValidForItsType() {
        List<Planted> planted = GENERATED.ledger().planted();
        assertThat(planted).isNotEmpty();
        for (Planted p : planted) {
            String what = p.file() + " record " + p.record() + " " + p.entity() + " " + p.state();
            if (p.state() == State.MASKED) {
                continue;
            }
            String digits = p.value().replaceAll("[ -]", "");
            switch (p.entity()) {
                case CREDIT_CARD_NUMBER -> {
                    assertThat(LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits)).as(what).isTrue();
                    assertThat(hasIssuerPrefix(digits)).as(what).isTrue();
                    assertThat(PUBLIC_TEST_CARDS.contains(digits)).as(what).isEqualTo(p.state() == State.TEST_VALUE);
                }
                case IBAN -> assertThat(IBANValidator.getInstance().isValid(p.value().replace(" ", ""))).as(what).isTrue();
                case USA_SOCIAL_SECURITY_NUMBER -> assertThat(isIssuableSsn(digits)).as(what).isTrue();
                case PHONE_NUMBER -> assertThat(isValidUsOrGbPhone(p.value())).as(what).isTrue();
                case EMAIL_ADDRESS -> {
                    assertThat(EmailValidator.getInstance().isValid(p.value())).as(what).isTrue();
                    assertThat(p.value()).as(what).doesNotEndWith("example.com");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dataFiles")
    void everyPlantedValueAppearsInItsFileAsOftenAsPlanted(String file) throws Exception {
        String text = String.join("\n", values(file));
        Map<String, Long> expected = GENERATED.ledger().planted(file).stream()
                .collect(java.util.stream.Collectors.groupingBy(Planted::value, java.util.stream.Collectors.counting()));
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            assertThat(occurrences(text, e.getKey())).as(file + ": a planted value").isEqualTo(e.getValue());
        }
    }

    /**
     * An independent sweep of each file's values must find exactly the unmasked values the ledger
     * lists, per type: nothing planted by accident, nothing miscounted.
     */
    @ParameterizedTest
    @MethodSource("dataFiles")
    void sweepFindsExactlyTheLedgersUnmaskedValues(String file) throws Exception {
        Sweep sweep = new Sweep();
        for (String value : values(file)) {
            sweep.scan(value);
        }
        assertThat(sweep.cards).as(file + " cards").containsExactlyInAnyOrderElementsOf(
                planted(file, Entity.CREDIT_CARD_NUMBER, State.UNMASKED, "[ -]"));
        assertThat(sweep.testCards).as(file + " test cards").containsExactlyInAnyOrderElementsOf(
                planted(file, Entity.CREDIT_CARD_NUMBER, State.TEST_VALUE, "[ -]"));
        assertThat(sweep.ssns).as(file + " SSNs").containsExactlyInAnyOrderElementsOf(
                planted(file, Entity.USA_SOCIAL_SECURITY_NUMBER, State.UNMASKED, "[ -]"));
        assertThat(sweep.ibans).as(file + " IBANs").containsExactlyInAnyOrderElementsOf(
                planted(file, Entity.IBAN, State.UNMASKED, " "));
        assertThat(sweep.phones).as(file + " phones").containsExactlyInAnyOrderElementsOf(
                planted(file, Entity.PHONE_NUMBER, State.UNMASKED, "$^"));
        assertThat(sweep.emails).as(file + " e-mails").containsExactlyInAnyOrderElementsOf(
                planted(file, Entity.EMAIL_ADDRESS, State.UNMASKED, "$^"));
        if (file.startsWith(SampleGenerator.CLEAN)) {
            assertThat(sweep.cards.size() + sweep.ssns.size() + sweep.ibans.size() + sweep.phones.size()
                    + sweep.emails.size()).as(file).isZero();
        }
    }

    /** Planted values of one kind with {@code separators} removed, as the sweep reports them. */
    private static List<String> planted(String file, Entity entity, State state, String separators) {
        return GENERATED.ledger().planted(file).stream()
                .filter(p -> p.entity() == entity && p.state() == state)
                .map(p -> p.value().replaceAll(separators, ""))
                .toList();
    }

    @Test
    void cleanSetCarriesHardNegativesAndBlockedSetEveryType() throws Exception {
        Sweep clean = new Sweep();
        for (String file : DATA_FILES) {
            if (file.startsWith(SampleGenerator.CLEAN)) {
                for (String value : values(file)) {
                    clean.scan(value);
                }
            }
        }
        assertThat(clean.luhnInvalidCardShaped).isGreaterThanOrEqualTo(3);
        assertThat(clean.invalidSsnShaped).isGreaterThanOrEqualTo(3);
        assertThat(clean.noIssuerLuhnValid).isGreaterThanOrEqualTo(1); // 0000 0000 0000 0000
        String cleanText = String.join("\n", values(SampleGenerator.CLEAN + "chat-logs.jsonl"));
        assertThat(cleanText).contains("000-12-3456", "900-12-3456", "icon@2x.png", "10.0.19045.3803",
                "0f8fad5b-d9cb-469f-a165-70867728950e");
        for (Entity e : Entity.values()) {
            int unmasked = 0;
            int masked = 0;
            for (Planted p : GENERATED.ledger().planted()) {
                if (p.file().startsWith(SampleGenerator.BLOCKED) && p.entity() == e) {
                    unmasked += p.state() == State.UNMASKED ? 1 : 0;
                    masked += p.state() == State.MASKED ? 1 : 0;
                }
            }
            assertThat(unmasked).as("blocked unmasked " + e).isPositive();
            assertThat(masked).as("blocked masked " + e).isPositive();
        }
    }

    // ------------------------------------------------------------------ sweep

    /** Deliberately simple patterns plus independent validators; not the detectors under test. */
    private static final class Sweep {
        private static final Pattern DIGIT_RUN = Pattern.compile("(?<![\\w.+-])\\d(?:[ -]?\\d){11,18}(?![\\w.+-])");
        private static final Pattern SSN_SHAPE = Pattern.compile("(?<![\\w-])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\w-])");
        private static final Pattern IBAN_SHAPE = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b");
        private static final Pattern EMAIL_SHAPE = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

        final List<String> cards = new ArrayList<>();
        final List<String> testCards = new ArrayList<>();
        final List<String> ssns = new ArrayList<>();
        final List<String> ibans = new ArrayList<>();
        final List<String> phones = new ArrayList<>();
        final List<String> emails = new ArrayList<>();
        int luhnInvalidCardShaped;
        int noIssuerLuhnValid;
        int invalidSsnShaped;

        void scan(String text) {
            List<int[]> ibanSpans = new ArrayList<>();
            Matcher iban = IBAN_SHAPE.matcher(text);
            while (iban.find()) {
                if (IBANValidator.getInstance().isValid(iban.group().replace(" ", ""))) {
                    ibans.add(iban.group().replace(" ", ""));
                    ibanSpans.add(new int[] {iban.start(), iban.end()});
                }
            }
            Matcher run = DIGIT_RUN.matcher(text);
            while (run.find()) {
                if (inside(ibanSpans, run.start())) {
                    continue; // the digit groups of a printed IBAN
                }
                String digits = run.group().replaceAll("[ -]", "");
                if (digits.length() < 13) {
                    continue;
                }
                boolean luhn = LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits);
                if (luhn && hasIssuerPrefix(digits)) {
                    if (PUBLIC_TEST_CARDS.contains(digits)) {
                        testCards.add(digits);
                    } else {
                        cards.add(digits);
                    }
                } else if (luhn) {
                    noIssuerLuhnValid++;
                } else if (digits.length() == 16 && hasIssuerPrefix(digits)) {
                    luhnInvalidCardShaped++;
                }
            }
            Matcher ssn = SSN_SHAPE.matcher(text);
            while (ssn.find()) {
                if (isIssuableSsn(ssn.group(1) + ssn.group(3) + ssn.group(4))) {
                    ssns.add(ssn.group(1) + ssn.group(3) + ssn.group(4));
                } else {
                    invalidSsnShaped++;
                }
            }
            Matcher email = EMAIL_SHAPE.matcher(text);
            while (email.find()) {
                String address = email.group();
                if (EmailValidator.getInstance().isValid(address) && !address.matches(".*@example\\.(com|org|net)")) {
                    emails.add(address);
                }
            }
            phones.addAll(phoneMatches(text));
        }

        private static boolean inside(List<int[]> spans, int at) {
            for (int[] s : spans) {
                if (at >= s[0] && at < s[1]) {
                    return true;
                }
            }
            return false;
        }

        /** US and GB at leniency VALID, overlapping matches of the two regions counted once. */
        private static List<String> phoneMatches(String text) {
            List<int[]> spans = new ArrayList<>();
            List<String> found = new ArrayList<>();
            for (String region : List.of("US", "GB")) {
                for (PhoneNumberMatch m : PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, 10_000)) {
                    boolean seen = false;
                    for (int[] s : spans) {
                        seen |= m.start() < s[1] && s[0] < m.end();
                    }
                    if (!seen) {
                        spans.add(new int[] {m.start(), m.end()});
                        found.add(m.rawString());
                    }
                }
            }
            return found;
        }
    }

    /** Issuer prefixes and lengths as the card networks publish them. */
    static boolean hasIssuerPrefix(String d) {
        int n = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        return (d.startsWith("4") && (n == 13 || n == 16 || n == 19))
                || (p2 >= 51 && p2 <= 55 && n == 16)
                || (p4 >= 2221 && p4 <= 2720 && n == 16)
                || ((p2 == 34 || p2 == 37) && n == 15)
                || ((p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649)) && n >= 16 && n <= 19)
                || (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19)
                || ((p2 == 36 || p2 == 38 || p2 == 39 || (p3 >= 300 && p3 <= 305)) && n >= 14 && n <= 19)
                || (p2 == 62 && n >= 16 && n <= 19);
    }

    /** SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000; not one repeated digit. */
    static boolean isIssuableSsn(String d) {
        if (d.length() != 9 || ADVERTISED_SSNS.contains(d) || d.chars().distinct().count() == 1) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        return area != 0 && area != 666 && area < 900
                && !d.startsWith("00", 3) && !d.startsWith("0000", 5);
    }

    static boolean isValidUsOrGbPhone(String printed) {
        for (String region : List.of("US", "GB")) {
            try {
                if (PHONES.isValidNumberForRegion(PHONES.parse(printed, region), region)) {
                    return true;
                }
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                // try the other region
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ reading the formats

    /** The string values of a sample file, one per JSON string, CSV cell, Parquet value or text line. */
    static List<String> values(String file) throws Exception {
        byte[] bytes = Files.readAllBytes(SAMPLES.resolve(file));
        List<String> out = new ArrayList<>();
        if (file.endsWith(".jsonl")) {
            ObjectMapper json = new ObjectMapper();
            for (String line : new String(bytes, UTF_8).split("\n")) {
                collect(json.readTree(line), out);
            }
        } else if (file.endsWith(".csv")) {
            try (CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(new String(bytes, UTF_8)))) {
                for (CSVRecord r : csv) {
                    out.addAll(r.toList());
                }
            }
        } else if (file.endsWith(".parquet")) {
            out.addAll(parquetStrings(bytes));
        } else if (file.endsWith(".txt")) {
            out.addAll(new String(bytes, UTF_8).lines().toList());
        } else if (file.endsWith(".gz")) {
            out.addAll(gunzip(bytes).lines().toList());
        } else if (file.endsWith(".pdf")) {
            try (PDDocument doc = Loader.loadPDF(bytes)) {
                out.addAll(new PDFTextStripper().getText(doc).lines().toList());
            }
        } else if (file.endsWith(".docx")) {
            out.addAll(docxParagraphs(bytes));
        } else {
            throw new IllegalArgumentException(file);
        }
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collect(it.next(), out);
        }
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static String tika(byte[] bytes) throws Exception {
        BodyContentHandler handler = new BodyContentHandler(-1);
        new AutoDetectParser().parse(new ByteArrayInputStream(bytes), handler, new Metadata(), new ParseContext());
        return handler.toString();
    }

    /** {@code w:t} text per paragraph of {@code word/document.xml}, with a namespace-aware XML parser. */
    private static List<String> docxParagraphs(byte[] bytes) throws Exception {
        byte[] document = null;
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().equals("word/document.xml")) {
                    document = zip.readAllBytes();
                }
            }
        }
        assertThat(names).contains("[Content_Types].xml", "_rels/.rels", "word/document.xml", "docProps/core.xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(document));
        String w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        NodeList paragraphs = xml.getElementsByTagNameNS(w, "p");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < paragraphs.getLength(); i++) {
            out.add(paragraphs.item(i).getTextContent());
        }
        return out;
    }

    private static List<String> parquetRows(byte[] bytes) throws IOException {
        List<String> rows = new ArrayList<>();
        forEachParquetRow(bytes, g -> rows.add(g.toString()));
        return rows;
    }

    private static List<String> parquetStrings(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        forEachParquetRow(bytes, g -> strings(g, out));
        return out;
    }

    private static void strings(Group g, List<String> out) {
        GroupType type = g.getType();
        for (int f = 0; f < type.getFieldCount(); f++) {
            Type field = type.getType(f);
            for (int i = 0; i < g.getFieldRepetitionCount(f); i++) {
                if (!field.isPrimitive()) {
                    strings(g.getGroup(f, i), out);
                } else if (field.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
                    out.add(g.getString(f, i));
                }
            }
        }
    }

    private static void forEachParquetRow(byte[] bytes, java.util.function.Consumer<Group> action) throws IOException {
        Path tmp = Files.createTempFile("sample", ".parquet");
        try {
            Files.write(tmp, bytes);
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                    new org.apache.hadoop.fs.Path(tmp.toUri())).withConf(new Configuration()).build()) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    action.accept(g);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static long occurrences(String text, String value) {
        long n = 0;
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length())) {
            n++;
        }
        return n;
    }
}
