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
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
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

import dev.piigate.jobs.eval.IndependentIds;
import dev.piigate.jobs.samples.SampleGenerator.Entity;
import dev.piigate.jobs.samples.SampleGenerator.Generated;
import dev.piigate.jobs.samples.SampleGenerator.Planted;
import dev.piigate.jobs.samples.SampleGenerator.State;

/**
 * The committed samples are what the generator makes, open in their formats, and hold exactly the
 * planted values: every unmasked value is checked with independent validators (Commons Validator,
 * libphonenumber; for credentials, {@link CredentialSweep}'s own patterns and checksums), and a
 * sweep of each file's text finds no PII or credential the ledger does not list.
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
    void serviceConfigHasTheSameSectionsInBothFolders() throws IOException {
        List<List<String>> sections = new ArrayList<>();
        for (String dir : List.of("blocked", "clean")) {
            List<String> lines = Files.readAllLines(SAMPLES.resolve(dir + "/service-config.txt"), UTF_8);
            assertThat(lines.get(0)).as(dir).startsWith("==== ");
            sections.add(lines.stream().filter(l -> l.startsWith("==== ") && l.endsWith(" ====")).toList());
        }
        assertThat(sections.get(0)).hasSize(12).anyMatch(l -> l.contains(".env")).anyMatch(l -> l.contains(".yml"))
                .anyMatch(l -> l.contains(".tf")).anyMatch(l -> l.contains(".log")).anyMatch(l -> l.contains("chat"));
        // The clean file is the blocked one redacted: same sections, the example .env aside.
        assertThat(sections.get(1)).hasSize(12)
                .containsExactlyElementsOf(sections.get(0).stream().map(l -> l.replace(".env ", ".env.example ")).toList());
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
                default -> {
                    if (p.entity().isIdentity()) {
                        // Issue 13's types: the evaluation's labeller, written apart from IdFakes and the detectors.
                        assertThat(IndependentIds.plausible(p.entity().name(), p.value(), p.state() == State.TEST_VALUE))
                                .as(what + " " + p.value()).isTrue();
                        continue;
                    }
                    // A credential, alone in the context its format needs: the sweep finds it, as its type and state.
                    CredentialSweep sweep = new CredentialSweep();
                    sweep.scan(CredentialSweep.inContext(p.entity(), p.value()));
                    Map<Entity, List<String>> found = p.state() == State.TEST_VALUE ? sweep.test : sweep.unmasked;
                    assertThat(found).as(what).isEqualTo(Map.of(p.entity(), List.of(p.value())));
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
        Set<String> credentials = GENERATED.ledger().planted(file).stream().filter(p -> p.entity().isCredential())
                .map(Planted::value).collect(java.util.stream.Collectors.toSet());
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            // Masked credentials are short runs ("****", "xxxx") that also sit inside longer ones: count them standalone.
            long found = credentials.contains(e.getKey()) ? standaloneOccurrences(text, e.getKey())
                    : occurrences(text, e.getKey());
            assertThat(found).as(file + ": a planted value").isEqualTo(e.getValue());
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

    /**
     * Credentials: a sweep of each file's whole text (key blocks span lines) finds exactly the
     * unmasked and test credentials the ledger lists, per type, and no unmasked one in {@code clean/}.
     */
    @ParameterizedTest
    @MethodSource("dataFiles")
    void credentialSweepFindsExactlyTheLedgersCredentials(String file) throws Exception {
        CredentialSweep sweep = new CredentialSweep();
        sweep.scan(String.join("\n", values(file)));
        for (Entity type : Entity.credentials()) {
            assertThat(sweep.unmasked.getOrDefault(type, List.of())).as(file + " unmasked " + type)
                    .containsExactlyInAnyOrderElementsOf(planted(file, type, State.UNMASKED, "$^"));
            assertThat(sweep.test.getOrDefault(type, List.of())).as(file + " test " + type)
                    .containsExactlyInAnyOrderElementsOf(planted(file, type, State.TEST_VALUE, "$^"));
        }
        if (file.startsWith(SampleGenerator.CLEAN)) {
            assertThat(sweep.unmasked).as(file).isEmpty();
        }
    }

    /**
     * The sweep can fail: each planted credential, broken where its format can tell (a checksum
     * character, the JWT header, the colon of user:password, the armor checksum, or cut short
     * where only the shape says what it is), is no longer found.
     */
    @Test
    void credentialSweepRejectsBrokenValues() {
        int broken = 0;
        for (Planted p : GENERATED.ledger().planted()) {
            if (!p.entity().isCredential() || p.state() != State.UNMASKED || p.entity() == Entity.URL_CREDENTIALS) {
                continue; // a password has no structure to break
            }
            String v = p.value();
            String bad = switch (p.entity()) {
                case NPM_TOKEN -> flip(v, v.length() - 1);
                case GITHUB_TOKEN -> v.startsWith("github_pat_") ? v.substring(0, v.length() - 1) : flip(v, v.length() - 1);
                case JSON_WEB_TOKEN -> flip(v, 0);
                case HTTP_BASIC_AUTH_HEADER -> Base64.getEncoder().encodeToString(
                        new String(Base64.getDecoder().decode(v), UTF_8).replace(":", "").getBytes(UTF_8));
                case PGP_PRIVATE_KEY -> flip(v, v.indexOf("\n\n") + 10);
                case STRIPE_CREDENTIALS -> v.substring(0, "sk_live_".length() + 23);
                default -> v.substring(0, v.length() / 2);
            };
            CredentialSweep sweep = new CredentialSweep();
            sweep.scan(CredentialSweep.inContext(p.entity(), bad));
            assertThat(sweep.unmasked).as(p.entity() + " broken").isEmpty();
            broken++;
        }
        assertThat(broken).isGreaterThanOrEqualTo(Entity.credentials().size());
    }

    private static String flip(String v, int at) {
        char c = v.charAt(at);
        return v.substring(0, at) + (c == 'A' ? 'B' : 'A') + v.substring(at + 1);
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
            int cleanMasked = 0;
            for (Planted p : GENERATED.ledger().planted()) {
                if (p.file().startsWith(SampleGenerator.BLOCKED) && p.entity() == e) {
                    unmasked += p.state() == State.UNMASKED ? 1 : 0;
                    masked += p.state() == State.MASKED ? 1 : 0;
                }
                if (p.file().startsWith(SampleGenerator.CLEAN) && p.entity() == e) {
                    cleanMasked += p.state() == State.MASKED ? 1 : 0;
                }
            }
            assertThat(unmasked).as("blocked unmasked " + e).isPositive();
            // Credentials and the issue-13 types: every type masked in clean/ (credentials: a few in blocked/ too).
            assertThat(e.isCredential() || e.isIdentity() ? cleanMasked : masked).as("masked " + e).isPositive();
        }
    }

    @Test
    void cleanConfigCarriesCredentialHardNegatives() throws Exception {
        String text = String.join("\n", values(SampleGenerator.CLEAN + "service-config.txt"));
        CredentialSweep sweep = new CredentialSweep();
        sweep.scan(text);
        assertThat(sweep.checksumFailures).as("GitHub-shaped tokens whose CRC fails").isPositive();
        assertThat(sweep.certificates).as("certificate blocks").isPositive();
        assertThat(sweep.publicKeys).as("ssh-rsa public keys").isPositive();
        assertThat(Pattern.compile("(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])").matcher(text).find()).as("git SHA").isTrue();
        assertThat(Pattern.compile("sha256:[0-9a-f]{64}").matcher(text).find()).as("Docker digest").isTrue();
        assertThat(Pattern.compile("(?<![0-9a-f:])[0-9a-f]{64}(?![0-9a-f])").matcher(text).find()).as("SHA-256").isTrue();
        assertThat(Pattern.compile("sha512-[A-Za-z0-9+/]{86}==").matcher(text).find()).as("integrity hash").isTrue();
        assertThat(Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}").matcher(text).find())
                .as("UUID").isTrue();
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
                if (EmailValidator.getInstance().isValid(address) && !address.matches(".*@example\\.(com|org|net)")
                        && !inUrlUserInfo(text, email.start())) {
                    emails.add(address);
                }
            }
            phones.addAll(phoneMatches(text));
        }

        /** "scheme://user:secret@host": the part before the '@' is a password, not a mailbox. */
        private static boolean inUrlUserInfo(String text, int at) {
            int token = at;
            while (token > 0 && !Character.isWhitespace(text.charAt(token - 1)) && "\"'".indexOf(text.charAt(token - 1)) < 0) {
                token--;
            }
            String before = text.substring(token, at);
            int scheme = before.indexOf("://");
            return scheme > 0 && before.indexOf(':', scheme + 3) >= 0;
        }

        private static boolean inside(List<int[]> spans, int at) {
            for (int[] s : spans) {
                if (at >= s[0] && at < s[1]) {
                    return true;
                }
            }
            return false;
        }

        private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

        /** US and GB at leniency VALID, overlapping matches of the two regions counted once; no dotted quads. */
        private static List<String> phoneMatches(String text) {
            List<int[]> spans = new ArrayList<>();
            List<String> found = new ArrayList<>();
            for (String region : List.of("US", "GB")) {
                for (PhoneNumberMatch m : PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, 10_000)) {
                    boolean seen = false;
                    for (int[] s : spans) {
                        seen |= m.start() < s[1] && s[0] < m.end();
                    }
                    // libphonenumber reads a dotted quad such as 212.52.23.226 as a US number: an IP address
                    // (planted and counted as IP_ADDRESS), not a phone.
                    if (!seen && !DOTTED_QUAD.matcher(m.rawString()).matches()) {
                        spans.add(new int[] {m.start(), m.end()});
                        found.add(m.rawString());
                    }
                }
            }
            return found;
        }
    }

    /**
     * Credentials, written here apart from the detectors: patterns for the issuers' published
     * shapes, {@link CRC32} for GitHub and npm checksums, {@link java.util.Base64} and Jackson for
     * JWT headers and basic-auth values, CRC-24 for PGP armor. A value that is a placeholder (one or
     * two characters repeated, {@code ${...}}, {@code <...>}) is not a credential; the published
     * example keys are test values.
     */
    static final class CredentialSweep {
        private static final Pattern AWS_KEY_ID = Pattern.compile(
                "(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])");
        private static final Pattern AWS_SECRET = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
        /** Macie's keywords for the secret key, as a name right before the value ({@code KEY=}, {@code key = "}). */
        private static final Pattern AWS_SECRET_KEYWORD = Pattern.compile(
                "(?i)(?:secret_?access_?key|secret[ _]key|secret access key)[\"']?\\s*[:=]\\s*[\"']?$");
        private static final Pattern GITHUB = Pattern.compile("(?<![A-Za-z0-9_])gh[pousr]_([A-Za-z0-9]{36})(?![A-Za-z0-9_])");
        private static final Pattern GITHUB_PAT = Pattern.compile(
                "(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])");
        private static final Pattern NPM = Pattern.compile("(?<![A-Za-z0-9_])npm_([A-Za-z0-9]{36})(?![A-Za-z0-9_])");
        private static final Pattern GITLAB = Pattern.compile("(?<![A-Za-z0-9_-])glpat-([A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])");
        private static final Pattern SLACK = Pattern.compile(
                "(?<![A-Za-z0-9-])xox[bpas]-\\d{10,13}-\\d{10,13}-([A-Za-z0-9]{24})(?![A-Za-z0-9])");
        private static final Pattern SLACK_WEBHOOK = Pattern.compile(
                "https://hooks\\.slack\\.com/services/T[A-Z0-9]{8,10}/B[A-Z0-9]{8,10}/([A-Za-z0-9]{24})(?![A-Za-z0-9])");
        private static final Pattern GCP = Pattern.compile("(?<![A-Za-z0-9_-])AIza([A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])");
        private static final Pattern OPENAI = Pattern.compile("(?<![A-Za-z0-9_-])sk-(?:proj-)?([A-Za-z0-9_-]{40,160})(?![A-Za-z0-9_-])");
        private static final Pattern HUGGINGFACE = Pattern.compile("(?<![A-Za-z0-9_])hf_([A-Za-z]{34})(?![A-Za-z0-9_])");
        private static final Pattern STRIPE = Pattern.compile("(?<![A-Za-z0-9_])(sk|rk|pk)_(live|test)_([A-Za-z0-9]{24,99})(?![A-Za-z0-9_])");
        private static final Pattern JWT = Pattern.compile(
                "(?<![A-Za-z0-9_.-])([A-Za-z0-9_-]{10,})\\.([A-Za-z0-9_-]{10,})\\.([A-Za-z0-9_-]{20,})(?![A-Za-z0-9_.-])");
        private static final Pattern BASIC = Pattern.compile("Authorization:\\s*Basic\\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])");
        private static final Pattern URL_USERINFO = Pattern.compile(
                "(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{1,15}://([^\\s:@/\"']*):([^\\s@/\"']+)@[A-Za-z0-9.-]+");
        private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{.*}|<.*>|\\{\\{.*}}|\\[MASKED]|(.)\\1*");
        private static final Pattern PEM_PRIVATE = Pattern.compile(
                "-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----(.*?)-----END \\1-----",
                Pattern.DOTALL);
        private static final Pattern PUTTY = Pattern.compile(
                "PuTTY-User-Key-File-[23]: [a-z0-9-]+\\n.*?\\nPrivate-Lines: (\\d+)\\n(.*?)\\nPrivate-MAC: [0-9a-f]{40,64}(?![0-9a-f])",
                Pattern.DOTALL);
        /** Published examples: AWS's documentation keys, jwt.io's token, RFC 7617's header. Stripe's by prefix. */
        private static final Set<String> PUBLIC_EXAMPLES = Set.of("AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                        + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
                "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        private static final ObjectMapper JSON = new ObjectMapper();

        final Map<Entity, List<String>> unmasked = new EnumMap<>(Entity.class);
        final Map<Entity, List<String>> test = new EnumMap<>(Entity.class);
        int checksumFailures;
        int certificates;
        int publicKeys;

        /** {@code value} with the context its format needs to be recognised at all. */
        static String inContext(Entity type, String value) {
            return switch (type) {
                case AWS_CREDENTIALS -> "aws_secret_access_key = " + value;
                case HTTP_BASIC_AUTH_HEADER -> "Authorization: Basic " + value;
                case URL_CREDENTIALS -> "postgres://app:" + value + "@db.prod.internal:5432/app";
                default -> value;
            };
        }

        void scan(String text) {
            each(AWS_KEY_ID, text, m -> found(Entity.AWS_ACCESS_KEY_ID, m.group()));
            each(AWS_SECRET, text, m -> {
                String v = m.group();
                boolean mixed = v.chars().anyMatch(Character::isUpperCase) && v.chars().anyMatch(Character::isLowerCase)
                        && v.chars().anyMatch(Character::isDigit);
                if (mixed && AWS_SECRET_KEYWORD.matcher(text.substring(Math.max(0, m.start() - 40), m.start())).find()) {
                    found(Entity.AWS_CREDENTIALS, v);
                }
            });
            each(GITHUB, text, m -> checksummed(Entity.GITHUB_TOKEN, m));
            each(GITHUB_PAT, text, m -> found(Entity.GITHUB_TOKEN, m.group()));
            each(NPM, text, m -> checksummed(Entity.NPM_TOKEN, m));
            each(GITLAB, text, m -> random(Entity.GITLAB_TOKEN, m));
            each(SLACK, text, m -> random(Entity.SLACK_TOKEN, m));
            each(SLACK_WEBHOOK, text, m -> random(Entity.SLACK_TOKEN, m));
            each(GCP, text, m -> random(Entity.GCP_API_KEY, m));
            each(OPENAI, text, m -> {
                if (m.group(1).contains("T3BlbkFJ")) {
                    random(Entity.OPENAI_API_KEY, m);
                }
            });
            each(HUGGINGFACE, text, m -> random(Entity.HUGGINGFACE_TOKEN, m));
            each(STRIPE, text, m -> {
                if (m.group(2).equals("test")) {
                    test.computeIfAbsent(Entity.STRIPE_CREDENTIALS, k -> new ArrayList<>()).add(m.group());
                } else if (!m.group(1).equals("pk")) { // a live publishable key is public by design
                    random(Entity.STRIPE_CREDENTIALS, m);
                }
            });
            each(JWT, text, m -> {
                if (jsonObject(m.group(1)) != null && jsonObject(m.group(1)).has("alg") && jsonObject(m.group(2)) != null) {
                    found(Entity.JSON_WEB_TOKEN, m.group());
                }
            });
            each(BASIC, text, m -> {
                String decoded = base64Text(m.group(1), Base64.getDecoder());
                int colon = decoded == null ? -1 : decoded.indexOf(':');
                if (colon > 0 && colon < decoded.length() - 1 && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                    found(Entity.HTTP_BASIC_AUTH_HEADER, m.group(1));
                }
            });
            each(URL_USERINFO, text, m -> {
                if (!PLACEHOLDER.matcher(m.group(2)).matches()) {
                    found(Entity.URL_CREDENTIALS, m.group(2));
                }
            });
            each(PEM_PRIVATE, text, m -> {
                String label = m.group(1);
                if (label.startsWith("PGP") ? armorChecksumHolds(m.group(2)) : base64Bytes(m.group(2)) >= 64) {
                    found(label.startsWith("PGP") ? Entity.PGP_PRIVATE_KEY
                            : label.startsWith("OPENSSH") ? Entity.OPENSSH_PRIVATE_KEY : Entity.PKCS, m.group());
                }
            });
            each(PUTTY, text, m -> {
                if (m.group(2).lines().count() == Long.parseLong(m.group(1)) && base64Bytes(m.group(2)) >= 32) {
                    found(Entity.PUTTY_PRIVATE_KEY, m.group());
                }
            });
            certificates += count(Pattern.compile("-----BEGIN CERTIFICATE-----\\n[A-Za-z0-9+/=\\n]+-----END CERTIFICATE-----"), text);
            publicKeys += count(Pattern.compile("ssh-rsa AAAAB3NzaC1yc2E[A-Za-z0-9+/=]+"), text);
        }

        private void found(Entity type, String value) {
            boolean example = PUBLIC_EXAMPLES.contains(value);
            (example ? test : unmasked).computeIfAbsent(type, k -> new ArrayList<>()).add(value);
        }

        /** The random part must look random: a placeholder repeats one or two characters. */
        private void random(Entity type, Matcher m) {
            if (m.group(m.groupCount()).chars().distinct().count() >= 6) {
                found(type, m.group());
            }
        }

        /** GitHub and npm: the last 6 characters are the CRC32 of the 30 before, in base 62, left-padded with '0'. */
        private void checksummed(Entity type, Matcher m) {
            String body = m.group(1).substring(0, 30);
            CRC32 crc = new CRC32();
            crc.update(body.getBytes(UTF_8));
            StringBuilder tail = new StringBuilder();
            for (long v = crc.getValue(); v > 0; v /= 62) {
                tail.insert(0, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".charAt((int) (v % 62)));
            }
            while (tail.length() < 6) {
                tail.insert(0, '0');
            }
            if (m.group(1).substring(30).contentEquals(tail)) {
                found(type, m.group());
            } else {
                checksumFailures++;
            }
        }

        /** PGP armor: radix-64 body after the blank line, then "=" and the CRC-24 of the body (RFC 4880 6.1). */
        private static boolean armorChecksumHolds(String armored) {
            int blank = armored.indexOf("\n\n");
            int sum = armored.lastIndexOf("\n=");
            if (blank < 0 || sum < blank) {
                return false;
            }
            byte[] body;
            byte[] check;
            try {
                body = Base64.getMimeDecoder().decode(armored.substring(blank + 2, sum));
                check = Base64.getDecoder().decode(armored.substring(sum + 2).strip());
            } catch (IllegalArgumentException e) {
                return false;
            }
            int crc = 0xB704CE;
            for (byte b : body) {
                crc ^= (b & 0xFF) << 16;
                for (int i = 0; i < 8; i++) {
                    crc = (crc << 1) ^ ((crc & 0x800000) != 0 ? 0x1864CFB : 0);
                }
            }
            crc &= 0xFFFFFF;
            return body.length >= 64 && check.length == 3
                    && ((check[0] & 0xFF) << 16 | (check[1] & 0xFF) << 8 | (check[2] & 0xFF)) == crc;
        }

        /** Decoded length of a base64 body (any whitespace ignored), or -1 if it is not base64. */
        private static int base64Bytes(String body) {
            String compact = body.replaceAll("\\s", "");
            if (compact.isEmpty() || !compact.matches("[A-Za-z0-9+/]+={0,2}")) {
                return -1;
            }
            try {
                return Base64.getDecoder().decode(compact).length;
            } catch (IllegalArgumentException e) {
                return -1;
            }
        }

        private static String base64Text(String s, Base64.Decoder decoder) {
            try {
                return new String(decoder.decode(s), UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static JsonNode jsonObject(String base64Url) {
            String json = base64Text(base64Url, Base64.getUrlDecoder());
            if (json == null || !json.startsWith("{")) {
                return null;
            }
            try {
                JsonNode node = JSON.readTree(json);
                return node.isObject() ? node : null;
            } catch (IOException e) {
                return null;
            }
        }

        private static void each(Pattern p, String text, Consumer<Matcher> action) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                action.accept(m);
            }
        }

        private static int count(Pattern p, String text) {
            int n = 0;
            for (Matcher m = p.matcher(text); m.find(); ) {
                n++;
            }
            return n;
        }
    }

    /** Occurrences of {@code value} not touching a letter, digit or one of {@code *_+/~.-}: "****" in "a:****@b", not in "AKIA****...". */
    private static long standaloneOccurrences(String text, String value) {
        long n = 0;
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
            int end = at + value.length();
            if ((at == 0 || !isTokenChar(text.charAt(at - 1))) && (end == text.length() || !isTokenChar(text.charAt(end)))) {
                n++;
            }
        }
        return n;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || "*_+/~.-".indexOf(c) >= 0;
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
            for (String line : new String(bytes, UTF_8).split("\n", 0)) {
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
        } else if (file.endsWith(".txt") || file.endsWith(".log")) {
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
