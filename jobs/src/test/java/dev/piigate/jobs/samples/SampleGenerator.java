package dev.piigate.jobs.samples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import dev.piigate.jobs.testing.CheckDigits;
import dev.piigate.jobs.testing.IdFakes;

/**
 * Writes the synthetic datasets under {@code samples/}: every value is made up by a seeded
 * {@link Random}, so re-running gives the same bytes (binary formats get fixed dates and ids).
 * Content is written as templates; a placeholder such as <code>{card:visa}</code> plants one value
 * and counts it in a {@link Ledger}, which is the source of {@code samples/planted-counts.csv}
 * and of the counts in {@code samples/README.md}.
 *
 * <p>Placeholders: <code>{card:ISSUER[:dash|plain]}</code>, <code>{ssn[:space]}</code>,
 * <code>{iban:CC[:compact]}</code>, <code>{phone:us|gb[:intl|dash|dot]}</code>, <code>{email[:First Last]}</code>
 * plant unmasked values; <code>{masked:TYPE:literal}</code> and <code>{test:card:literal}</code>
 * plant a masked value or a public test value as written (TYPE is a short code such as
 * {@code card} or a credential type's full name; the literal may hold braces two deep and line
 * ends); <code>{cred:TYPE[:form]}</code> plants a fresh unmasked credential of a credential type
 * ({@link SecretFakes}); <code>{neg:luhn16}</code> writes a Luhn-invalid 16-digit number with a
 * card prefix and <code>{neg:git-sha|sha256|docker-digest|integrity|uuid|traceparent|ghp-badcrc|ssh-rsa-pub|certificate|png}</code>
 * the credential look-alikes (hard negatives, not counted); <code>{id:TYPE[:form]}</code> plants a fresh
 * national identifier, public IP address or date of birth ({@link IdFakes}).
 *
 * <p>Run from the repository root after {@code mvn -o -q -pl jobs test-compile}:
 * {@code java -cp jobs/target/test-classes:jobs/target/classes:<jobs test classpath>
 * dev.piigate.jobs.samples.SampleGenerator [samplesDir]}.
 */
public final class SampleGenerator {

    static final long SEED = 20240502L;
    /** The one timestamp written into document metadata, so files do not change between runs. */
    static final Instant FIXED_TIME = Instant.parse("2024-05-02T09:00:00Z");
    static final String BLOCKED = "blocked/";
    static final String CLEAN = "clean/";

    private SampleGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : samplesDir();
        Generated generated = generate();
        for (Map.Entry<String, byte[]> file : generated.files().entrySet()) {
            Path target = out.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
            System.out.printf(Locale.ROOT, "%-34s %7d bytes%n", file.getKey(), file.getValue().length);
        }
        System.out.println();
        System.out.print(generated.ledger().markdownTable());
        System.out.println();
        System.out.print(generated.ledger().credentialTable());
        System.out.println();
        System.out.print(generated.ledger().identityTable());
    }

    /** The repository's {@code samples/} folder, found from the working directory upwards. */
    public static Path samplesDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("samples");
            if (Files.isDirectory(candidate.resolve("manifests"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no samples/manifests folder above " + Path.of("").toAbsolutePath());
    }

    // ======================================================================= model

    /**
     * Entity type names as in the detectors' {@code EntityType} (contracts: the report uses them).
     * The first five are personal data; the rest are credentials (issue 12), planted only in
     * {@code service-config.txt}.
     */
    enum Entity {
        CREDIT_CARD_NUMBER, USA_SOCIAL_SECURITY_NUMBER, IBAN, PHONE_NUMBER, EMAIL_ADDRESS,
        AWS_ACCESS_KEY_ID, AWS_CREDENTIALS, GITHUB_TOKEN, GITLAB_TOKEN, SLACK_TOKEN, GCP_API_KEY, OPENAI_API_KEY,
        HUGGINGFACE_TOKEN, NPM_TOKEN, STRIPE_CREDENTIALS, JSON_WEB_TOKEN, OPENSSH_PRIVATE_KEY, PKCS, PGP_PRIVATE_KEY,
        PUTTY_PRIVATE_KEY, HTTP_BASIC_AUTH_HEADER, URL_CREDENTIALS,
        UK_NATIONAL_INSURANCE_NUMBER, CANADA_SOCIAL_INSURANCE_NUMBER, INDIA_AADHAAR_NUMBER,
        INDIA_PERMANENT_ACCOUNT_NUMBER, BRAZIL_CPF_NUMBER, SPAIN_DNI_NUMBER, SPAIN_NIE_NUMBER,
        FRANCE_NATIONAL_IDENTIFICATION_NUMBER, ITALY_NATIONAL_IDENTIFICATION_NUMBER, MEXICO_CURP_NUMBER,
        USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER, IP_ADDRESS, DATE_OF_BIRTH;

        boolean isCredential() {
            return ordinal() > EMAIL_ADDRESS.ordinal() && ordinal() <= URL_CREDENTIALS.ordinal();
        }

        /** The national identifiers, IP addresses and dates of birth (issue 13). */
        boolean isIdentity() {
            return ordinal() > URL_CREDENTIALS.ordinal();
        }

        static List<Entity> identities() {
            return Arrays.stream(values()).filter(Entity::isIdentity).toList();
        }

        static List<Entity> credentials() {
            return Arrays.stream(values()).filter(Entity::isCredential).toList();
        }
    }

    enum State {
        UNMASKED, MASKED, TEST_VALUE
    }

    /** One planted value; {@code record} is the 0-based record (line, row, or 0 for a document). */
    record Planted(String file, long record, Entity entity, State state, String value) {
    }

    /** Everything generated: files by path relative to {@code samples/}, in writing order. */
    record Generated(Map<String, byte[]> files, Ledger ledger) {
    }

    /** Counts what was planted, per file. */
    static final class Ledger {
        private final List<Planted> planted = new ArrayList<>();
        private final List<String> files = new ArrayList<>();

        void add(Planted p) {
            planted.add(p);
        }

        void file(String name) {
            files.add(name);
        }

        List<Planted> planted() {
            return List.copyOf(planted);
        }

        List<Planted> planted(String file) {
            return planted.stream().filter(p -> p.file().equals(file)).toList();
        }

        List<String> files() {
            return List.copyOf(files);
        }

        int count(String file, Entity entity, State state) {
            int n = 0;
            for (Planted p : planted) {
                if (p.file().equals(file) && p.entity() == entity && p.state() == state) {
                    n++;
                }
            }
            return n;
        }

        /** Whether any credential was planted (unmasked, masked or test) in {@code file}. */
        boolean holdsCredentials(String file) {
            return planted.stream().anyMatch(p -> p.file().equals(file) && p.entity().isCredential());
        }

        /** Whether any national id, IP address or date of birth was planted in {@code file}. */
        boolean holdsIdentities(String file) {
            return planted.stream().anyMatch(p -> p.file().equals(file) && p.entity().isIdentity());
        }

        /**
         * {@code file,entity_type,state,count}, zeros included: the personal-data types for every
         * file, the credential types for the files that hold credentials and the identity types for
         * the files that hold those (rows of types that are zero in every other file would only hide
         * the rest).
         */
        String countsCsv() {
            StringBuilder sb = new StringBuilder("file,entity_type,state,count\n");
            for (String file : files) {
                for (Entity e : Entity.values()) {
                    if (e.isCredential() && !holdsCredentials(file) || e.isIdentity() && !holdsIdentities(file)) {
                        continue;
                    }
                    for (State s : State.values()) {
                        sb.append(file).append(',').append(e).append(',').append(s).append(',')
                                .append(count(file, e, s)).append('\n');
                    }
                }
            }
            return sb.toString();
        }

        /** One row per file: unmasked / masked / test counts per type. */
        String markdownTable() {
            StringBuilder sb = new StringBuilder(
                    "| file | card U/M/T | SSN U/M | IBAN U/M | phone U/M | e-mail U/M |\n"
                            + "|---|---|---|---|---|---|\n");
            for (String file : files) {
                sb.append("| ").append(file).append(" | ")
                        .append(count(file, Entity.CREDIT_CARD_NUMBER, State.UNMASKED)).append('/')
                        .append(count(file, Entity.CREDIT_CARD_NUMBER, State.MASKED)).append('/')
                        .append(count(file, Entity.CREDIT_CARD_NUMBER, State.TEST_VALUE));
                for (Entity e : List.of(Entity.USA_SOCIAL_SECURITY_NUMBER, Entity.IBAN, Entity.PHONE_NUMBER,
                        Entity.EMAIL_ADDRESS)) {
                    sb.append(" | ").append(count(file, e, State.UNMASKED)).append('/').append(count(file, e, State.MASKED));
                }
                sb.append(" |\n");
            }
            return sb.toString();
        }

        /** One row per credential type of each file that holds credentials: unmasked / masked / test. */
        String credentialTable() {
            return typeTable(Entity.credentials(), this::holdsCredentials);
        }

        /** One row per identity type of each file that holds one: unmasked / masked / test. */
        String identityTable() {
            return typeTable(Entity.identities(), this::holdsIdentities);
        }

        private String typeTable(List<Entity> types, java.util.function.Predicate<String> holds) {
            StringBuilder sb = new StringBuilder("| file | type | U/M/T |\n|---|---|---|\n");
            for (String file : files) {
                if (!holds.test(file)) {
                    continue;
                }
                for (Entity e : types) {
                    sb.append("| ").append(file).append(" | `").append(e).append("` | ")
                            .append(count(file, e, State.UNMASKED)).append('/')
                            .append(count(file, e, State.MASKED)).append('/')
                            .append(count(file, e, State.TEST_VALUE)).append(" |\n");
                }
            }
            return sb.toString();
        }
    }

    // ======================================================================= made-up values

    /** Card issuers: prefixes as published by the networks, lengths, print grouping. */
    enum Issuer {
        VISA(16, new int[] {4, 4, 4, 4}, "4"),
        MASTERCARD(16, new int[] {4, 4, 4, 4}, "51", "52", "53", "54", "55"),
        MASTERCARD_2(16, new int[] {4, 4, 4, 4}, "2221", "2305", "2447", "2599", "2631", "2720"),
        AMEX(15, new int[] {4, 6, 5}, "34", "37"),
        DISCOVER(16, new int[] {4, 4, 4, 4}, "6011", "65"),
        JCB(16, new int[] {4, 4, 4, 4}, "3528", "3541", "3566", "3589"),
        DINERS(14, new int[] {4, 6, 4}, "36"),
        UNIONPAY(16, new int[] {4, 4, 4, 4}, "62");

        final int length;
        final int[] groups;
        final String[] prefixes;

        Issuer(int length, int[] groups, String... prefixes) {
            this.length = length;
            this.groups = groups;
            this.prefixes = prefixes;
        }

        static Issuer of(String code) {
            return switch (code) {
                case "visa" -> VISA;
                case "mc" -> MASTERCARD;
                case "mc2" -> MASTERCARD_2;
                case "amex" -> AMEX;
                case "disc" -> DISCOVER;
                case "jcb" -> JCB;
                case "diners" -> DINERS;
                case "unionpay" -> UNIONPAY;
                default -> throw new IllegalArgumentException("unknown issuer " + code);
            };
        }
    }

    /** Made-up values from one seeded random source; each kind checked before use, none repeated. */
    static final class Fakes {
        private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
        private static final String[] FIRST = {"Dana", "Marcus", "Priya", "Tomasz", "Aoife", "Kwame", "Lucia", "Henrik",
            "Mei", "Rafael", "Ingrid", "Omar", "Sofia", "Declan", "Yuki", "Nadia", "Elliot", "Chioma", "Mateo", "Freya",
            "Arjun", "Beatriz", "Callum", "Zainab", "Jonas", "Imogen", "Tariq", "Elena", "Rowan", "Hana"};
        private static final String[] LAST = {"Whitfield", "Ellery", "Venkatesan", "Wrobel", "Brennan", "Osei",
            "Marchetti", "Lindqvist", "Tanaka", "Okafor", "Haugen", "Farouk", "Castellano", "Moran", "Ishikawa",
            "Petrenko", "Ashdown", "Nwosu", "Quintero", "Halvorsen", "Raman", "Duarte", "Pryce", "Haddad", "Albrecht",
            "Fairweather", "Siddiqui", "Voronova", "Kerrigan", "Nakamura"};
        private static final String[] DOMAINS = {"gmail.com", "mailbox.org", "outlook.com", "proton.me",
            "fastmail.com", "posteo.de", "yahoo.co.uk", "icloud.com", "gmx.de", "hotmail.co.uk"};
        private static final String[] US_AREAS = {"212", "312", "415", "617", "206", "512", "303", "404", "702", "919",
            "646", "773"};
        /** Ofcom's drama ranges (numbers reserved for fiction): valid for libphonenumber, never assigned. */
        private static final String[][] GB_DRAMA = {{"020", "7946 0"}, {"0113", "496 0"}, {"0114", "496 0"},
            {"0115", "496 0"}, {"0117", "496 0"}, {"0118", "496 0"}, {"0161", "496 0"}, {"0191", "498 0"}};
        private static final Set<String> ADVERTISED_SSNS = Set.of("078051120", "219099999", "457555462");

        private final Random random = new Random(SEED);
        /** Credentials draw from a source of their own: adding them left the PII samples' bytes as they were. */
        final SecretFakes secrets = new SecretFakes(SEED + 12);
        /** National ids, IPs and dates of birth: a source of their own too (issue 13). */
        final IdFakes ids = new IdFakes(new Random(SEED + 13));
        private final Set<String> used = new HashSet<>();

        String firstName() {
            return FIRST[random.nextInt(FIRST.length)];
        }

        String lastName() {
            return LAST[random.nextInt(LAST.length)];
        }

        String email() {
            return email(firstName(), lastName());
        }

        String email(String first, String last) {
            String f = first.toLowerCase(Locale.ROOT);
            String l = last.toLowerCase(Locale.ROOT);
            while (true) {
                String local = switch (random.nextInt(4)) {
                    case 0 -> f + "." + l;
                    case 1 -> f + l + (10 + random.nextInt(90));
                    case 2 -> f.charAt(0) + "." + l;
                    default -> f + "_" + l + (random.nextInt(9) + 1);
                };
                String address = local + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
                if (used.add(address)) {
                    return address;
                }
            }
        }

        String card(Issuer issuer, String style) {
            while (true) {
                StringBuilder digits = new StringBuilder(issuer.prefixes[random.nextInt(issuer.prefixes.length)]);
                while (digits.length() < issuer.length - 1) {
                    digits.append(random.nextInt(10));
                }
                digits.append(CheckDigits.luhn(digits));
                String d = digits.toString();
                if (d.chars().distinct().count() > 3 && used.add(d)) {
                    return group(d, issuer.groups, style);
                }
            }
        }

        /** A 16-digit number with a Visa or Mastercard prefix whose last digit breaks Luhn. */
        String luhnInvalid16() {
            String valid = card(random.nextBoolean() ? Issuer.VISA : Issuer.MASTERCARD, "plain");
            int last = valid.charAt(15) - '0';
            String invalid = valid.substring(0, 15) + (char) ('0' + (last + 1 + random.nextInt(8)) % 10);
            return group(invalid, Issuer.VISA.groups, "spaces");
        }

        String ssn(String style) {
            while (true) {
                int area = 100 + random.nextInt(566); // 100-665: issued ranges, below 666
                int group = 1 + random.nextInt(99);
                int serial = 1 + random.nextInt(9999);
                String d = String.format(Locale.ROOT, "%03d%02d%04d", area, group, serial);
                if (d.chars().distinct().count() > 1 && !ADVERTISED_SSNS.contains(d) && used.add(d)) {
                    String sep = style.equals("space") ? " " : "-";
                    return d.substring(0, 3) + sep + d.substring(3, 5) + sep + d.substring(5);
                }
            }
        }

        String iban(String country, String style) {
            String bban = switch (country) {
                case "de" -> digits(8) + digits(10);
                case "gb" -> pick("NWBK", "BARC", "LOYD", "HBUK", "MIDL") + digits(6) + digits(8);
                case "fr" -> digits(5) + digits(5) + digits(11) + digits(2);
                case "nl" -> pick("ABNA", "INGB", "RABO", "TRIO") + digits(10);
                case "es" -> pick("2100", "0049", "0182") + digits(16);
                default -> throw new IllegalArgumentException("no IBAN layout for " + country);
            };
            String cc = country.toUpperCase(Locale.ROOT);
            int check = 98 - CheckDigits.mod97(bban + cc + "00");
            String iban = cc + String.format(Locale.ROOT, "%02d", check) + bban;
            if (!used.add(iban)) {
                return iban(country, style);
            }
            if (style.equals("compact")) {
                return iban;
            }
            StringBuilder printed = new StringBuilder();
            for (int i = 0; i < iban.length(); i += 4) {
                if (i > 0) {
                    printed.append(' ');
                }
                printed.append(iban, i, Math.min(i + 4, iban.length()));
            }
            return printed.toString();
        }

        String phone(String region, String style) {
            while (true) {
                String national;
                String printed;
                if (region.equals("us")) {
                    String area = US_AREAS[random.nextInt(US_AREAS.length)];
                    int exchange = 201 + random.nextInt(799);
                    if (exchange == 555 || exchange % 100 == 11) {
                        continue;
                    }
                    String line = String.format(Locale.ROOT, "%04d", random.nextInt(10000));
                    national = area + exchange + line;
                    printed = switch (style) {
                        case "intl" -> "+1 " + area + " " + exchange + " " + line;
                        case "dash" -> area + "-" + exchange + "-" + line;
                        case "dot" -> area + "." + exchange + "." + line;
                        default -> "(" + area + ") " + exchange + "-" + line;
                    };
                } else {
                    String[] range = GB_DRAMA[random.nextInt(GB_DRAMA.length)];
                    String local = range[1] + String.format(Locale.ROOT, "%03d", random.nextInt(1000));
                    national = range[0] + local.replace(" ", "");
                    printed = style.equals("intl")
                            ? "+44 " + range[0].substring(1) + " " + local
                            : range[0] + " " + local;
                }
                if (isValidPhone(printed, region.equals("us") ? "US" : "GB") && used.add(national)) {
                    return printed;
                }
            }
        }

        private String digits(int n) {
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append(random.nextInt(10));
            }
            return sb.toString();
        }

        private String pick(String... options) {
            return options[random.nextInt(options.length)];
        }

        static boolean isValidPhone(String printed, String region) {
            try {
                return PHONES.isValidNumber(PHONES.parse(printed, region));
            } catch (NumberParseException e) {
                return false;
            }
        }

        private static String group(String digits, int[] groups, String style) {
            if (style.equals("plain")) {
                return digits;
            }
            String sep = style.equals("dash") ? "-" : " ";
            StringBuilder sb = new StringBuilder();
            int at = 0;
            for (int g : groups) {
                if (at > 0) {
                    sb.append(sep);
                }
                sb.append(digits, at, at + g);
                at += g;
            }
            return sb.toString();
        }
    }

    /** Expands placeholders for one file and records what they planted. */
    static final class Planter {
        /** The argument may hold braces two deep, so a masked literal can be {@code ${DB_PASSWORD}} or {@code {{ token }}}. */
        private static final Pattern PLACEHOLDER = Pattern.compile(
                "\\{(card|ssn|iban|phone|email|masked|test|neg|cred|id)(?::((?:[^{}]|\\{(?:[^{}]|\\{[^{}]*})*})*))?}");

        private final String file;
        private final Fakes fakes;
        private final Ledger ledger;
        private long record;

        Planter(String file, Fakes fakes, Ledger ledger) {
            this.file = file;
            this.fakes = fakes;
            this.ledger = ledger;
            ledger.file(file);
        }

        Planter record(long index) {
            this.record = index;
            return this;
        }

        String expand(String template) {
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group(1), m.group(2) == null ? "" : m.group(2))));
            }
            m.appendTail(sb);
            return sb.toString();
        }

        /**
         * Expands a multi-line template as one text: each placeholder is recorded at the 0-based
         * line its value starts on (the text reader's record), counting the lines that earlier
         * values spanned (key blocks) and placeholders that span lines (masked key blocks).
         */
        String expandLines(String template) {
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder sb = new StringBuilder();
            long line = 0;
            int last = 0;
            while (m.find()) {
                sb.append(template, last, m.start());
                line += newlines(template.substring(last, m.start()));
                record(line);
                String v = value(m.group(1), m.group(2) == null ? "" : m.group(2));
                sb.append(v);
                line += newlines(v);
                last = m.end();
            }
            return sb.append(template, last, template.length()).toString();
        }

        private static long newlines(String s) {
            return s.chars().filter(c -> c == '\n').count();
        }

        String email(String first, String last) {
            return plant(Entity.EMAIL_ADDRESS, State.UNMASKED, fakes.email(first, last));
        }

        String plant(Entity entity, State state, String value) {
            ledger.add(new Planted(file, record, entity, state, value));
            return value;
        }

        private String value(String kind, String arg) {
            String[] a = arg.split(":", 2);
            String style = a.length > 1 ? a[1] : "";
            return switch (kind) {
                case "card" -> plant(Entity.CREDIT_CARD_NUMBER, State.UNMASKED,
                        fakes.card(Issuer.of(a[0]), style.isEmpty() ? "spaces" : style));
                case "ssn" -> plant(Entity.USA_SOCIAL_SECURITY_NUMBER, State.UNMASKED, fakes.ssn(arg));
                case "iban" -> plant(Entity.IBAN, State.UNMASKED, fakes.iban(a[0], style));
                case "phone" -> plant(Entity.PHONE_NUMBER, State.UNMASKED, fakes.phone(a[0], style));
                case "email" -> plant(Entity.EMAIL_ADDRESS, State.UNMASKED,
                        arg.isEmpty() ? fakes.email() : fakes.email(arg.substring(0, arg.indexOf(' ')), arg.substring(arg.indexOf(' ') + 1)));
                case "masked" -> plant(entity(a[0]), State.MASKED, a[1]);
                case "test" -> plant(entity(a[0]), State.TEST_VALUE, a[1]);
                case "neg" -> negative(arg);
                case "cred" -> plant(Entity.valueOf(a[0]), State.UNMASKED, credential(Entity.valueOf(a[0]), style));
                case "id" -> plant(Entity.valueOf(a[0]), State.UNMASKED, fakes.ids.value(a[0], style));
                default -> throw new IllegalArgumentException(kind);
            };
        }

        /** A fresh unmasked credential of {@code type}; {@code form} picks a variant where a type has several. */
        private String credential(Entity type, String form) {
            SecretFakes s = fakes.secrets;
            return switch (type) {
                case AWS_ACCESS_KEY_ID -> s.awsAccessKeyId();
                case AWS_CREDENTIALS -> s.awsSecretKey();
                case GITHUB_TOKEN -> form.equals("pat") ? s.githubFineGrained() : s.checksummedToken("ghp_");
                case GITLAB_TOKEN -> s.gitlabToken();
                case SLACK_TOKEN -> form.equals("webhook") ? s.slackWebhook() : s.slackBotToken();
                case GCP_API_KEY -> s.gcpApiKey();
                case OPENAI_API_KEY -> s.openAiProjectKey();
                case HUGGINGFACE_TOKEN -> s.huggingFaceToken();
                case NPM_TOKEN -> s.checksummedToken("npm_");
                case STRIPE_CREDENTIALS -> switch (form) {
                    case "sk99" -> s.stripeLiveKey("sk_live_", 99);
                    case "rk99" -> s.stripeLiveKey("rk_live_", 99);
                    default -> s.stripeLiveKey("sk_live_", 24);
                };
                case JSON_WEB_TOKEN -> s.jwt(form.equals("session")
                        ? "{\"sid\":\"b7c1e0f4\",\"uid\":48213,\"role\":\"support\",\"iat\":1714470846,\"exp\":1714557246}"
                        : "{\"sub\":\"svc-rollout\",\"iss\":\"https://auth.prod.internal\",\"aud\":\"rollout-api\","
                                + "\"iat\":1714467600,\"exp\":1714471200,\"scope\":\"deploy:write\"}");
                case OPENSSH_PRIVATE_KEY -> s.opensshPrivateKey();
                case PKCS -> form.equals("ec-indent4") ? s.pkcs8EcPrivateKey("    ") : s.rsaPrivateKey();
                case PGP_PRIVATE_KEY -> s.pgpPrivateKey();
                case PUTTY_PRIVATE_KEY -> s.puttyPrivateKey();
                case HTTP_BASIC_AUTH_HEADER -> s.basicAuth(form.isEmpty() ? "deploy" : form);
                case URL_CREDENTIALS -> s.password();
                default -> throw new IllegalArgumentException("not a credential type: " + type);
            };
        }

        /** Hard negatives: written, never counted. */
        private String negative(String kind) {
            SecretFakes s = fakes.secrets;
            return switch (kind) {
                case "", "luhn16" -> fakes.luhnInvalid16();
                case "ghp-badcrc" -> s.checksumFailingToken("ghp_");
                case "git-sha" -> s.hex(40);
                case "sha256" -> s.hex(64);
                case "docker-digest" -> "sha256:" + s.hex(64);
                case "integrity" -> s.integrity();
                case "uuid" -> s.uuid();
                case "traceparent" -> "00-" + s.hex(32) + "-" + s.hex(16) + "-01";
                case "ssh-rsa-pub" -> s.sshRsaPublicKey("deploy@build-07");
                case "certificate" -> s.certificate();
                case "png" -> s.pngDataUri();
                default -> throw new IllegalArgumentException("unknown hard negative " + kind);
            };
        }

        /** Short codes for the personal-data types; credential types go by their full names. */
        private static Entity entity(String code) {
            return switch (code) {
                case "card" -> Entity.CREDIT_CARD_NUMBER;
                case "ssn" -> Entity.USA_SOCIAL_SECURITY_NUMBER;
                case "iban" -> Entity.IBAN;
                case "phone" -> Entity.PHONE_NUMBER;
                case "email" -> Entity.EMAIL_ADDRESS;
                default -> Entity.valueOf(code);
            };
        }
    }

    // ======================================================================= generation

    static Generated generate() {
        Fakes fakes = new Fakes();
        Ledger ledger = new Ledger();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (boolean clean : new boolean[] {false, true}) {
            String dir = clean ? CLEAN : BLOCKED;
            files.put(dir + "chat-logs.jsonl", chatLogs(new Planter(dir + "chat-logs.jsonl", fakes, ledger), clean));
            files.put(dir + "customers.csv", customers(new Planter(dir + "customers.csv", fakes, ledger), fakes, clean));
            files.put(dir + "orders.parquet", orders(new Planter(dir + "orders.parquet", fakes, ledger), fakes, clean));
            files.put(dir + "tickets.txt", text(new Planter(dir + "tickets.txt", fakes, ledger),
                    clean ? CLEAN_TICKETS : BLOCKED_TICKETS).getBytes(UTF_8));
            files.put(dir + "ticket-archive.txt.gz", gzip(text(new Planter(dir + "ticket-archive.txt.gz", fakes, ledger),
                    clean ? CLEAN_ARCHIVE : BLOCKED_ARCHIVE)));
            files.put(dir + "statement.pdf", pdf(new Planter(dir + "statement.pdf", fakes, ledger),
                    clean ? CLEAN_STATEMENT : BLOCKED_STATEMENT));
            files.put(dir + "contract.docx", docx(new Planter(dir + "contract.docx", fakes, ledger),
                    clean ? CLEAN_CONTRACT : BLOCKED_CONTRACT));
            files.put(dir + "service-config.txt", new Planter(dir + "service-config.txt", fakes, ledger)
                    .expandLines(clean ? CLEAN_SERVICE_CONFIG : BLOCKED_SERVICE_CONFIG).getBytes(UTF_8));
            files.put(dir + "people.jsonl", lines(new Planter(dir + "people.jsonl", fakes, ledger),
                    clean ? CLEAN_PEOPLE : BLOCKED_PEOPLE));
            files.put(dir + "access.log", lines(new Planter(dir + "access.log", fakes, ledger),
                    clean ? CLEAN_ACCESS_LOG : BLOCKED_ACCESS_LOG));
            files.put(dir + "train.manifest", manifest(clean).getBytes(UTF_8));
        }
        files.put("planted-counts.csv", ledger.countsCsv().getBytes(UTF_8));
        return new Generated(files, ledger);
    }

    public static final List<String> DATA_FILES = List.of("chat-logs.jsonl", "customers.csv", "orders.parquet",
            "tickets.txt", "ticket-archive.txt.gz", "statement.pdf", "contract.docx", "service-config.txt", "people.jsonl",
            "access.log");

    private static String manifest(boolean clean) {
        StringBuilder sb = new StringBuilder("# pii-gate sample dataset '" + (clean ? "clean" : "blocked")
                + "': synthetic values only (see ../README.md).\n# One object per line, relative to this folder.\n");
        for (String f : DATA_FILES) {
            sb.append(f).append('\n');
        }
        return sb.toString();
    }

    // ----------------------------------------------------------------------- chat logs

    /** A conversation: channel, locale, topic, then messages prefixed C: (customer) or A: (agent). */
    private record Chat(String channel, String locale, String topic, String... messages) {
    }

    private static Chat chat(String channel, String locale, String topic, String... messages) {
        return new Chat(channel, locale, topic, messages);
    }

    private static final List<Chat> BLOCKED_CHATS = List.of(
            chat("web", "en-US", "billing",
                    "C:Hi, I was charged twice this morning. The card is {card:visa}, can you check?",
                    "A:Sorry about that! I can see two authorisations; the duplicate will drop off within 3-5 days."),
            chat("web", "en-US", "tax-documents",
                    "C:I need my annual tax statement. My SSN is {ssn} if that helps find it.",
                    "A:Thanks. Please don't post that here again; we never need it in chat. The statement is under Documents."),
            chat("app", "en-US", "delivery",
                    "C:Where is my parcel? It says dispatched since Tuesday.",
                    "A:It left our warehouse on 2 May and is with the courier, tracking JD-7F3K-92QX."),
            chat("web", "en-GB", "account",
                    "C:Please use my other address, {email}, for receipts from now on.",
                    "A:Updated! Receipts will go to the new address from the next order."),
            chat("web", "en-US", "callback",
                    "C:Can someone call me? {phone:us} works, weekdays after 5pm.",
                    "A:I've booked a callback for tomorrow between 5 and 7pm."),
            chat("email", "de-DE", "refund",
                    "C:Please refund it to my bank account instead of the card: {iban:de}",
                    "A:Noted. Bank refunds take up to 10 working days."),
            chat("web", "en-US", "billing",
                    "C:Which card did you charge for the renewal?",
                    "A:The card ending {masked:card:****-****-****-1234}, expiring 08/27."),
            chat("app", "en-US", "verification",
                    "C:Did the identity check go through?",
                    "A:Yes, I've verified your identity against the SSN on file ({masked:ssn:XXX-XX-6789})."),
            chat("web", "en-US", "account",
                    "C:How do I reset my password? The link expired.",
                    "A:Use 'Forgot password' on the sign-in page; new links are valid for 30 minutes."),
            chat("app", "en-US", "bug",
                    "C:The app crashes on launch, version 4.12.3, device id 9f1c2e7a-4b3d-4e8f-a6c1-2d5b7e9f0a13.",
                    "A:Thanks, engineering is tracking it as BUG-20417. A fix ships in 4.12.4."),
            chat("web", "en-GB", "account",
                    "C:I've moved to the UK, reach me on {phone:gb} or at {email}.",
                    "A:Got it, I've updated your contact details."),
            chat("web", "en-US", "subscription",
                    "C:New card for the subscription: {card:mc2:dash}, exp 11/26.",
                    "A:Thanks, the subscription now uses the new card."),
            chat("email", "en-US", "receipts",
                    "C:Email the receipt to {masked:email:<EMAIL_ADDRESS>} please.",
                    "A:Will do, it's on its way."),
            chat("web", "en-US", "tax-documents",
                    "C:The form rejected my social security number {ssn:space}, is it the format?",
                    "A:Please type it with dashes, as printed on your card."),
            chat("app", "en-US", "delivery",
                    "C:Can I change the delivery slot for order ORD-7731-KQ?",
                    "A:Done, it will arrive on Friday between 08:00 and 12:00."),
            chat("web", "en-US", "upgrade",
                    "C:Use my Amex {card:amex} for the upgrade.",
                    "A:Done! Your upgrade is active."),
            chat("web", "en-GB", "payouts",
                    "C:My UK account for the payout: {iban:gb}",
                    "A:Thanks, payouts go out every Friday."),
            chat("app", "en-US", "callback",
                    "C:Nobody called me back yesterday.",
                    "A:We tried calling {masked:phone:|||PHONE_NUMBER|||} at 5:10pm but got voicemail."),
            chat("web", "en-US", "developer",
                    "C:Your sandbox checkout rejects the test card {test:card:4111 1111 1111 1111}, is that expected?",
                    "A:The sandbox needs any future expiry date with that number; it never charges anything."),
            chat("email", "en-US", "invoices",
                    "C:Can I get invoice INV-2024-0412 as a PDF?",
                    "A:Attached. You can also download invoices from the Billing page."),
            chat("app", "en-US", "account",
                    "C:Text me at {phone:us:intl} or email {email} when it's fixed.",
                    "A:Sure, I've added a note to the ticket."),
            chat("web", "en-US", "verification",
                    "C:My SSN ends in {masked:ssn:***-**-4410}, is that what you have?",
                    "A:Yes, that matches our records."),
            chat("web", "en-US", "billing",
                    "C:Card {card:disc} was declined at checkout but I have funds.",
                    "A:The issuer declined it; please contact them or try another card."),
            chat("web", "en-GB", "general",
                    "C:What are your opening hours over the bank holiday?",
                    "A:We're open 09:00-17:00 on Monday 6 May, chat stays open 24/7."),
            chat("email", "en-US", "refund",
                    "C:Has my refund gone out?",
                    "A:Yes, refund issued to {masked:card:XXXX XXXX XXXX 7781} on 30 April."),
            chat("web", "en-US", "account",
                    "C:SSN: {ssn}, DOB 14 March 1987. Please update my file, the old one had a typo.",
                    "A:I can't change that in chat; please use the secure form under Profile."),
            chat("app", "en-US", "receipts",
                    "C:Forward the confirmation to {masked:email:|||EMAIL_ADDRESS|||}.",
                    "A:Forwarded."),
            chat("web", "en-US", "account",
                    "C:Can I change my username?",
                    "A:Usernames are fixed, but you can change your display name in Settings."),
            chat("web", "ja-JP", "payments",
                    "C:I'm travelling in Japan, will my JCB {card:jcb:plain} work on your site?",
                    "A:Yes, we accept JCB worldwide."),
            chat("email", "fr-FR", "refund",
                    "C:Merci de faire le virement sur {iban:fr} s'il vous plait.",
                    "A:C'est note, le virement part demain."),
            chat("app", "en-US", "callback",
                    "C:Best number is {phone:us:dash}, any time today.",
                    "A:Thanks, a specialist will call within two hours."),
            chat("web", "en-US", "callback",
                    "C:When will you call?",
                    "A:I'll call you at {masked:phone:<PHONE_NUMBER>} in about ten minutes."),
            chat("web", "en-US", "feedback",
                    "C:Please add dark mode to the web app!",
                    "A:Noted, I've added your vote to feature request FR-311."),
            chat("email", "en-US", "billing",
                    "C:There's a payment I don't recognise.",
                    "A:I see a payment from {masked:card:4539 **** **** 2210} yesterday at 14:02, is that yours?"),
            chat("web", "en-US", "account",
                    "C:You have the wrong email on file, it should be {email}.",
                    "A:Fixed, you'll get a confirmation message there."),
            chat("web", "en-GB", "callback",
                    "C:Call {phone:gb:intl} and ask for Priya, she handles our account.",
                    "A:Will do, I've scheduled it for this afternoon."),
            chat("app", "en-US", "account",
                    "C:Which email do you have for me?",
                    "A:We have {masked:email:<EMAIL>} on file."),
            chat("web", "en-US", "bug",
                    "C:Checkout failed, reference 7c9e6679-7425-40de-944b-e07fc1f90ae7 at 2024-05-02T14:03:11Z.",
                    "A:Thanks, that was a brief outage between 14:00 and 14:05 UTC; please retry."),
            chat("email", "nl-NL", "refund",
                    "C:Where will my refund go?",
                    "A:Your refund goes to {masked:iban:<IBAN_CODE>} as requested."),
            chat("email", "en-US", "documents",
                    "C:I sent my documents from {email}; the SSN on them is masked as {masked:ssn:xxx-xx-1976}.",
                    "A:Received, thank you. Masked copies are fine."));

    private static final List<Chat> CLEAN_CHATS = List.of(
            chat("web", "en-US", "billing",
                    "C:I was charged twice on the card ending {masked:card:****-****-****-4821}.",
                    "A:Sorry about that! The duplicate authorisation will drop off within 3-5 days."),
            chat("app", "en-US", "verification",
                    "C:Did the identity check go through?",
                    "A:Yes, verified against the SSN on file ({masked:ssn:XXX-XX-3092})."),
            chat("web", "en-GB", "account",
                    "C:Please send receipts to {masked:email:<EMAIL_ADDRESS>} from now on.",
                    "A:Updated! Receipts will go there from the next order."),
            chat("web", "en-US", "callback",
                    "C:Can someone call me at {masked:phone:|||PHONE_NUMBER|||} after 5pm?",
                    "A:I've booked a callback for tomorrow between 5 and 7pm."),
            chat("web", "en-US", "developer",
                    "C:Your sandbox checkout rejects the test card {test:card:4111 1111 1111 1111}, is that expected?",
                    "A:The sandbox needs any future expiry date with that number; it never charges anything."),
            chat("app", "en-US", "delivery",
                    "C:Can I change the delivery slot for order ORD-7731-KQ?",
                    "A:Done, it will arrive on Friday between 08:00 and 12:00."),
            chat("web", "en-US", "bug",
                    "C:The images icon@2x.png and banner@3x.png look blurry on my retina screen.",
                    "A:Thanks, design is re-exporting the @2x and @3x assets."),
            chat("app", "en-US", "bug",
                    "C:Request id 0f8fad5b-d9cb-469f-a165-70867728950e failed at 2024-05-03T11:42:07Z.",
                    "A:That was a timeout on our side; it has been retried successfully."),
            chat("web", "en-US", "gift-cards",
                    "C:My gift card code {neg:luhn16} is not accepted.",
                    "A:Gift card codes are checked by the issuer; that code is not valid, please contact the sender."),
            chat("web", "en-US", "forms",
                    "C:The example on your help page shows SSN 000-12-3456, is that a real one?",
                    "A:No, 000-12-3456 is a placeholder; area 000 is never issued."),
            chat("email", "en-US", "forms",
                    "C:The sample SSN 900-12-3456 in the PDF guide confused me.",
                    "A:Numbers starting with 9 are never SSNs; we'll update the guide."),
            chat("app", "en-US", "bug",
                    "C:Upgraded Windows from 10.0.19045.3803 and the app (11.2.4) still crashes.",
                    "A:Please send the log from Settings > Diagnostics."),
            chat("web", "en-US", "developer",
                    "C:Your API docs use {masked:email:email@example.com} as the sender, can I use that in tests?",
                    "A:Yes, example.com is reserved for documentation."),
            chat("web", "en-US", "account",
                    "C:Which phone number do you have for me?",
                    "A:We have {masked:phone:(***) ***-4821} on file."),
            chat("email", "en-US", "refund",
                    "C:Has my refund gone out?",
                    "A:Yes, card {masked:card:XXXX-XXXX-XXXX-0326} was refunded on 30 April."),
            chat("web", "en-GB", "sizes",
                    "C:Which sizes do you stock?",
                    "A:Sizes 19 20 21 22 23 24 25 are in stock in every colour."),
            chat("app", "en-US", "payments",
                    "C:The terminal printed card number 0000 0000 0000 0000 on my receipt, is that a bug?",
                    "A:That is the terminal's blank value when a payment is cancelled; nothing was charged."),
            chat("email", "de-DE", "refund",
                    "C:Where will my refund go?",
                    "A:Your refund goes to {masked:iban:<IBAN_CODE>} as requested."),
            chat("app", "en-US", "receipts",
                    "C:Forward the confirmation to {masked:email:|||EMAIL_ADDRESS|||}.",
                    "A:Forwarded."),
            chat("web", "en-US", "bug",
                    "C:Event 1714641243000 shows twice in my activity log.",
                    "A:That is a display bug in the activity feed; your data is fine."),
            chat("web", "en-US", "account",
                    "C:How do I export my data?",
                    "A:Settings > Privacy > Export; you'll get a link within 24 hours."),
            chat("web", "en-US", "verification",
                    "C:My SSN ends in {masked:ssn:***-**-5521}, is that what you have?",
                    "A:Yes, that matches our records."),
            chat("email", "en-US", "invoices",
                    "C:Can I get invoice INV-2024-0412 as a PDF?",
                    "A:Attached. Invoice ids look like INV-2024-0412; order ids like ORD-7731-KQ."),
            chat("web", "en-US", "callback",
                    "C:When will you call?",
                    "A:I'll call you at {masked:phone:<PHONE_NUMBER>} in about ten minutes."),
            chat("web", "en-US", "developer",
                    "C:Is {test:card:5555 5555 5555 4444} the Mastercard test number for the sandbox?",
                    "A:Yes, it is one of the published test numbers."),
            chat("app", "en-US", "payments",
                    "C:The voucher {neg:luhn16} shows as invalid.",
                    "A:That voucher number fails its check digit; please re-check the printed code."),
            chat("web", "en-US", "books",
                    "C:Do you stock the book with ISBN 978-0-306-40615-7?",
                    "A:Yes, two copies are in the Leeds store."),
            chat("web", "en-US", "bug",
                    "C:The status page says server {test:IP_ADDRESS:10.24.3.7} on port 8443 is degraded.",
                    "A:Yes, traffic has been moved to the standby since 09:12 UTC."),
            chat("email", "en-US", "developer",
                    "C:What should the placeholder address be in our templates?",
                    "A:We use {masked:email:firstname.lastname@example.org} in all templates."),
            chat("web", "en-US", "feedback",
                    "C:Please add dark mode to the web app!",
                    "A:Noted, I've added your vote to feature request FR-311."));

    private static byte[] chatLogs(Planter p, boolean clean) {
        List<Chat> chats = clean ? CLEAN_CHATS : BLOCKED_CHATS;
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        Instant start = Instant.parse("2024-05-01T08:00:00Z");
        for (int i = 0; i < chats.size(); i++) {
            Chat c = chats.get(i);
            p.record(i);
            Instant at = start.plusSeconds(i * 2_437L);
            ObjectNode rec = json.createObjectNode();
            rec.put("conversation_id", String.format(Locale.ROOT, "conv-%s-%04d", clean ? "c" : "b", i + 1));
            rec.put("channel", c.channel());
            rec.put("started_at", at.toString());
            ObjectNode customer = rec.putObject("customer");
            customer.put("locale", c.locale());
            customer.put("tier", i % 3 == 0 ? "gold" : "standard");
            ArrayNode messages = rec.putArray("messages");
            for (int m = 0; m < c.messages().length; m++) {
                String raw = c.messages()[m];
                ObjectNode msg = messages.addObject();
                msg.put("role", raw.startsWith("C:") ? "customer" : "agent");
                msg.put("sent_at", at.plusSeconds(40L * (m + 1)).toString());
                msg.put("content", p.expand(raw.substring(2)));
            }
            rec.putArray("tags").add(c.topic());
            rec.put("resolved", i % 5 != 4);
            try {
                out.append(json.writeValueAsString(rec)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString().getBytes(UTF_8);
    }

    // ----------------------------------------------------------------------- customers.csv

    private static byte[] customers(Planter p, Fakes fakes, boolean clean) {
        String[] blockedNotes = {"", "prefers invoices by post", "renewal card {card:mc}", "VIP", "",
            "asked about loyalty points", "refund to {iban:nl}", "", "moved from Leeds to York", "",
            "card on file {masked:card:**** **** **** 7781}", "", "", "", "disputed charge on {card:amex}",
            "", "", "requested account deletion", "", ""};
        String[] cleanNotes = {"", "prefers invoices by post", "order ORD-7731-KQ delayed", "VIP", "",
            "sandbox tester, uses {test:card:4111 1111 1111 1111}", "asset avatar@2x.png missing", "",
            "ticket 0f8fad5b-d9cb-469f-a165-70867728950e", "", "card on file {masked:card:**** **** **** 7781}", "",
            "client version 4.12.3", "", "rejected voucher {neg:luhn16}", "", "form used placeholder SSN 000-12-3456",
            "requested account deletion", "", ""};
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            csv.printRecord("customer_id", "name", "email", "phone", "ssn", "notes");
            for (int i = 0; i < 20; i++) {
                p.record(i);
                String first = fakes.firstName();
                String last = fakes.lastName();
                String email;
                String phone;
                String ssn;
                if (clean) {
                    email = p.plant(Entity.EMAIL_ADDRESS, State.MASKED, i % 3 == 2 ? "|||EMAIL_ADDRESS|||" : "<EMAIL_ADDRESS>");
                    phone = p.plant(Entity.PHONE_NUMBER, State.MASKED,
                            i % 4 == 3 ? String.format(Locale.ROOT, "(***) ***-%04d", 1000 + i * 373) : "|||PHONE_NUMBER|||");
                    ssn = p.plant(Entity.USA_SOCIAL_SECURITY_NUMBER, State.MASKED,
                            String.format(Locale.ROOT, i % 5 == 4 ? "***-**-%04d" : "XXX-XX-%04d", 1200 + i * 411));
                } else {
                    email = i < 14 ? p.email(first, last) : p.plant(Entity.EMAIL_ADDRESS, State.MASKED, "<EMAIL_ADDRESS>");
                    phone = i < 14 ? p.expand(i % 3 == 1 ? "{phone:gb}" : i % 3 == 2 ? "{phone:us:dash}" : "{phone:us}")
                            : p.plant(Entity.PHONE_NUMBER, State.MASKED, "|||PHONE_NUMBER|||");
                    ssn = i < 12 ? p.expand("{ssn}")
                            : i < 18 ? p.plant(Entity.USA_SOCIAL_SECURITY_NUMBER, State.MASKED,
                                    String.format(Locale.ROOT, "XXX-XX-%04d", 1200 + i * 411))
                            : "";
                }
                String notes = p.expand(clean ? cleanNotes[i] : blockedNotes[i]);
                csv.printRecord(String.format(Locale.ROOT, "C-%05d", 10_040 + i * 7), first + " " + last, email, phone,
                        ssn, notes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(UTF_8);
    }

    // ----------------------------------------------------------------------- orders.parquet

    static final MessageType ORDER_SCHEMA = MessageTypeParser.parseMessageType("""
            message order {
              required binary order_id (STRING);
              required int64 created_at (TIMESTAMP(MILLIS,true));
              required group customer {
                required binary customer_id (STRING);
                optional binary email (STRING);
                required group address {
                  required binary city (STRING);
                  required binary country (STRING);
                }
              }
              optional group items (LIST) {
                repeated group list {
                  optional group element {
                    required binary sku (STRING);
                    required int32 quantity;
                    required double unit_price;
                  }
                }
              }
              optional binary payment_note (STRING);
              required double total;
            }
            """);

    private static byte[] orders(Planter p, Fakes fakes, boolean clean) {
        String[] blockedNotes = {"paid via invoice", "paid with card {card:visa}", null, "paid via invoice",
            "card {card:disc:plain} declined, retried OK", null, "card {masked:card:************4417}", null,
            "split payment, card {card:jcb}", null, "sandbox order, test card {test:card:4111111111111111}", null,
            "card {card:mc:dash} on file", "paid via invoice", null, null, "card {masked:card:XXXX-XXXX-XXXX-2291}",
            null, "paid via bank transfer", null};
        String[] cleanNotes = {"paid via invoice", "card {masked:card:************4417}", null, "paid via invoice",
            "voucher {neg:luhn16} rejected", null, "card {masked:card:XXXX-XXXX-XXXX-2291}", null,
            "sandbox order, test card {test:card:4111111111111111}", null, "gift card {neg:luhn16} rejected", null,
            "card {masked:card:**** **** **** 0326} on file", "paid via invoice", null, null, "paid via bank transfer",
            null, "build 2024.05.01-rc2", null};
        String[][] cities = {{"Leeds", "GB"}, {"Chicago", "US"}, {"Berlin", "DE"}, {"Austin", "US"}, {"Lyon", "FR"},
            {"Utrecht", "NL"}, {"Seattle", "US"}, {"Bristol", "GB"}};
        SimpleGroupFactory groups = new SimpleGroupFactory(ORDER_SCHEMA);
        BytesOutputFile file = new BytesOutputFile();
        Configuration conf = new Configuration(false);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file)
                .withType(ORDER_SCHEMA)
                .withConf(conf)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (int i = 0; i < 20; i++) {
                p.record(i);
                Group g = groups.newGroup();
                g.append("order_id", String.format(Locale.ROOT, "ORD-%04d-%s", 7700 + i * 13, (char) ('A' + i) + "Q"));
                g.append("created_at", FIXED_TIME.toEpochMilli() - 86_400_000L * (20 - i) + 3_600_000L * (i % 9));
                Group customer = g.addGroup("customer");
                customer.append("customer_id", String.format(Locale.ROOT, "C-%05d", 10_040 + i * 7));
                String email = clean || i >= 6
                        ? p.plant(Entity.EMAIL_ADDRESS, State.MASKED, "<EMAIL_ADDRESS>")
                        : p.email(fakes.firstName(), fakes.lastName());
                customer.append("email", email);
                Group address = customer.addGroup("address");
                address.append("city", cities[i % cities.length][0]);
                address.append("country", cities[i % cities.length][1]);
                Group list = g.addGroup("items");
                for (int k = 0; k <= i % 3; k++) {
                    Group element = list.addGroup("list").addGroup("element");
                    element.append("sku", String.format(Locale.ROOT, "SKU-%03d-%s", 100 + (i * 7 + k * 3) % 90, "BLK"));
                    element.append("quantity", 1 + (i + k) % 4);
                    element.append("unit_price", 4.99 + ((i * 31 + k * 17) % 60));
                }
                String note = clean ? cleanNotes[i] : blockedNotes[i];
                if (note != null) {
                    g.append("payment_note", p.expand(note));
                }
                g.append("total", Math.round((19.5 + i * 7.25) * 100) / 100.0);
                writer.write(g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.bytes.toByteArray();
    }

    /** Parquet output kept in memory: no Hadoop file system, no {@code .crc} side files. */
    private static final class BytesOutputFile implements OutputFile {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return createOrOverwrite(blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            bytes.reset();
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return bytes.size();
                }

                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes.write(b, off, len);
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }

    // ----------------------------------------------------------------------- tickets (text, gzip)

    private static final String BLOCKED_TICKETS = """
            Ticket #48213 | opened 2024-04-29 08:12 UTC | queue: billing | priority: normal
            From: Marcus Ellery <{email:Marcus Ellery}>
            Subject: Refund not received

            Hello, I returned my order two weeks ago and still have no refund. Please send it to my
            bank account {iban:de} rather than the card. You can reach me on {phone:us} during the day.

            Marcus
            ----------------------------------------------------------------------------
            Ticket #48214 | opened 2024-04-29 09:40 UTC | queue: account | priority: high
            From: Aoife Brennan (web form)
            Subject: Cannot verify identity

            The verification step keeps failing. My social security number is {ssn} and I am typing it
            exactly as on my card. I am in London this month, landline {phone:gb}.
            ----------------------------------------------------------------------------
            Ticket #48215 | opened 2024-04-29 11:02 UTC | queue: billing | priority: normal
            From: Tomasz Wrobel (chat escalation)
            Subject: Wrong card charged

            You charged my old card instead of the new one. New card number: {card:mc2:dash}, expiry 09/28.
            The old one ({masked:card:**** **** **** 5310}) is cancelled.
            ----------------------------------------------------------------------------
            Ticket #48216 | opened 2024-04-30 07:55 UTC | queue: account | priority: low
            From: Kwame Osei (app)
            Subject: Password reset link expired

            The reset link from yesterday says it has expired. App version 4.12.3 on Android 14,
            session 5b2e7c90-3f1a-4d6b-9e8c-71a0d4f2c6e5.
            ----------------------------------------------------------------------------
            Ticket #48217 | opened 2024-04-30 10:21 UTC | queue: account | priority: normal
            From: Lucia Marchetti <{email:Lucia Marchetti}>
            Subject: Change of e-mail address

            Please move my account from this address to my work one; until then write to
            {masked:email:<EMAIL_ADDRESS>} (our mail gateway rewrites it).
            ----------------------------------------------------------------------------
            Ticket #48218 | opened 2024-04-30 13:48 UTC | queue: verification | priority: normal
            From: agent note (redacted export)
            Subject: Identity check

            Customer confirmed SSN {masked:ssn:XXX-XX-4410} and callback number {masked:phone:|||PHONE_NUMBER|||}.
            ----------------------------------------------------------------------------
            Ticket #48219 | opened 2024-05-01 08:03 UTC | queue: payouts | priority: normal
            From: Henrik Lindqvist (web form)
            Subject: Payout account

            Please pay my commission into {iban:gb:compact} from next month.
            ----------------------------------------------------------------------------
            Ticket #48220 | opened 2024-05-01 15:30 UTC | queue: general | priority: low
            From: Mei Tanaka (app)
            Subject: Dark mode

            Any plans for a dark mode? The white background is hard on the eyes at night.
            """;

    private static final String CLEAN_TICKETS = """
            Ticket #48213 | opened 2024-04-29 08:12 UTC | queue: billing | priority: normal
            From: Customer 10047 <{masked:email:<EMAIL_ADDRESS>}>
            Subject: Refund not received

            Hello, I returned order ORD-7731-KQ two weeks ago and still have no refund. Please send it to
            my bank account {masked:iban:<IBAN_CODE>}. You can reach me on {masked:phone:|||PHONE_NUMBER|||}.
            ----------------------------------------------------------------------------
            Ticket #48214 | opened 2024-04-29 09:40 UTC | queue: account | priority: high
            From: Customer 10054 (web form)
            Subject: Cannot verify identity

            The verification step keeps failing for SSN {masked:ssn:XXX-XX-6789}. The help page example
            (900-12-3456) did not work either, of course.
            ----------------------------------------------------------------------------
            Ticket #48215 | opened 2024-04-29 11:02 UTC | queue: billing | priority: normal
            From: Customer 10061 (chat escalation)
            Subject: Wrong card charged

            You charged my old card {masked:card:****-****-****-5310} instead of the new one ending 0326.
            ----------------------------------------------------------------------------
            Ticket #48216 | opened 2024-04-30 07:55 UTC | queue: account | priority: low
            From: Customer 10068 (app)
            Subject: Password reset link expired

            The reset link from yesterday says it has expired. App version 4.12.3 on Android 14,
            session 5b2e7c90-3f1a-4d6b-9e8c-71a0d4f2c6e5, icons load as logo@2x.png.
            ----------------------------------------------------------------------------
            Ticket #48217 | opened 2024-04-30 10:21 UTC | queue: developer | priority: normal
            From: Customer 10075 (developer portal)
            Subject: Sandbox payments

            The sandbox declines {test:card:4111 1111 1111 1111} after 2024-04-30T10:00:00Z; build 2.14.3.
            ----------------------------------------------------------------------------
            Ticket #48218 | opened 2024-04-30 13:48 UTC | queue: verification | priority: normal
            From: agent note (redacted export)
            Subject: Identity check

            Customer confirmed SSN {masked:ssn:***-**-4410} and callback number {masked:phone:<PHONE_NUMBER>}.
            """;

    private static final String BLOCKED_ARCHIVE = """
            ARCHIVE 2023-Q4 support tickets (export 2024-01-03)
            ============================================================================
            #41007 2023-10-02 billing
            Customer Rafael Okafor wrote from {email:Rafael Okafor}: "Charge my other card, {card:visa:dash}, please."
            ----------------------------------------------------------------------------
            #41012 2023-10-05 account
            Ingrid Haugen asked to update her phone to {phone:us:dot}; old number {masked:phone:|||PHONE_NUMBER|||}.
            ----------------------------------------------------------------------------
            #41030 2023-10-19 payouts
            Omar Farouk: payouts to {iban:es} from November; contact {email:Omar Farouk}.
            ----------------------------------------------------------------------------
            #41044 2023-11-02 general
            Question about shipping to Norway; answered with the standard rates table.
            ----------------------------------------------------------------------------
            #41051 2023-11-09 tax-documents
            Sofia Castellano sent her SSN {ssn} for the 1099 form, agent replied asking her not to.
            ----------------------------------------------------------------------------
            #41067 2023-11-21 billing
            Declan Moran, card {masked:card:XXXX-XXXX-XXXX-6604}, disputes a charge of 49.99.
            ----------------------------------------------------------------------------
            #41078 2023-12-01 account
            Yuki Ishikawa: please call {phone:gb:intl} or write to {email:Yuki Ishikawa}.
            ----------------------------------------------------------------------------
            #41090 2023-12-12 billing
            Nadia Petrenko paid with Diners card {card:diners}, receipt sent to {masked:email:<EMAIL_ADDRESS>}.
            ----------------------------------------------------------------------------
            #41102 2023-12-20 general
            Elliot Ashdown asked whether gift wrapping is available (it is, 3.50).
            ----------------------------------------------------------------------------
            #41115 2023-12-28 billing
            UnionPay card {card:unionpay} failed 3-D Secure twice; customer will retry.
            """;

    private static final String CLEAN_ARCHIVE = """
            ARCHIVE 2023-Q4 support tickets (export 2024-01-03, redacted)
            ============================================================================
            #41007 2023-10-02 billing
            Customer wrote from {masked:email:<EMAIL_ADDRESS>}: "Charge my other card, ending 6604, please."
            ----------------------------------------------------------------------------
            #41012 2023-10-05 account
            Customer asked to update the phone to {masked:phone:|||PHONE_NUMBER|||}.
            ----------------------------------------------------------------------------
            #41030 2023-10-19 payouts
            Payouts to {masked:iban:<IBAN_CODE>} from November.
            ----------------------------------------------------------------------------
            #41044 2023-11-02 general
            Question about shipping to Norway; answered with the standard rates table (v3.2.1).
            ----------------------------------------------------------------------------
            #41051 2023-11-09 tax-documents
            Customer sent SSN {masked:ssn:XXX-XX-0417} for the 1099 form, agent replied asking not to.
            ----------------------------------------------------------------------------
            #41067 2023-11-21 billing
            Card {masked:card:XXXX-XXXX-XXXX-6604} disputes a charge of 49.99; voucher {neg:luhn16} rejected.
            ----------------------------------------------------------------------------
            #41102 2023-12-20 general
            Asked whether gift wrapping is available (it is, 3.50); trace id 2f1e0c4b-8a7d-4c3e-b5f6-9d8e7a6b5c4d.
            """;

    private static String text(Planter p, String template) {
        // Record numbering is per line, as the text reader counts it.
        List<String> lines = template.lines().toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            p.record(i);
            out.append(p.expand(lines.get(i))).append('\n');
        }
        return out.toString();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // GZIPOutputStream writes MTIME 0 and no file name: the same text gives the same bytes.
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    // ----------------------------------------------------------------------- people.jsonl, access.log

    /** One record per template line: each line is expanded as record {@code i} (JSON Lines, log lines). */
    private static byte[] lines(Planter p, String template) {
        StringBuilder sb = new StringBuilder();
        String[] lines = template.split("\n", 0);
        for (int i = 0; i < lines.length; i++) {
            sb.append(p.record(i).expand(lines[i])).append('\n');
        }
        return sb.toString().getBytes(UTF_8);
    }

    /*
     * An HR and KYC onboarding export from several countries: each record names its identifier in
     * a field (the field name is the keyword) and again in free-text notes, written with the
     * keyword of the country's language; dates of birth in the field and in the notes; the last
     * sign-in address. Clean records in between; look-alikes (a version, an order date, a ticket
     * number) that are not findings.
     */
    private static final String BLOCKED_PEOPLE = """
            {"person_id":"P-1001","country":"GB","nino":"{id:UK_NATIONAL_INSURANCE_NUMBER}","date_of_birth":"{id:DATE_OF_BIRTH:iso}","notes":"Payroll confirmed the NI number {id:UK_NATIONAL_INSURANCE_NUMBER:compact} on the P45.","last_login_ip":"{id:IP_ADDRESS}"}
            {"person_id":"P-1002","country":"CA","sin":"{id:CANADA_SOCIAL_INSURANCE_NUMBER}","date_of_birth":"{id:DATE_OF_BIRTH:dmy}","notes":"Numéro d'assurance sociale : {id:CANADA_SOCIAL_INSURANCE_NUMBER:dash}; date de naissance : {id:DATE_OF_BIRTH:fr}.","last_login_ip":"{id:IP_ADDRESS:v6}"}
            {"person_id":"P-1003","country":"IN","aadhaar":"{id:INDIA_AADHAAR_NUMBER}","pan":"{id:INDIA_PERMANENT_ACCOUNT_NUMBER}","notes":"KYC: PAN card {id:INDIA_PERMANENT_ACCOUNT_NUMBER} and Aadhaar {id:INDIA_AADHAAR_NUMBER:compact} verified, DOB {id:DATE_OF_BIRTH:dmy}.","last_login_ip":"{id:IP_ADDRESS}"}
            {"person_id":"P-1004","country":"NL","notes":"Relocation package sent; laptop image version 4.19.112.3, start date 2024-06-03.","last_login_ip":null}
            {"person_id":"P-1005","country":"BR","cpf":"{id:BRAZIL_CPF_NUMBER}","notes":"CPF {id:BRAZIL_CPF_NUMBER:compact} conferido; data de nascimento {id:DATE_OF_BIRTH:pt}.","last_login_ip":"{id:IP_ADDRESS}"}
            {"person_id":"P-1006","country":"ES","dni":"{id:SPAIN_DNI_NUMBER}","notes":"Cónyuge con NIE {id:SPAIN_NIE_NUMBER}; fecha de nacimiento {id:DATE_OF_BIRTH:es}.","last_login_ip":"{id:IP_ADDRESS}"}
            {"person_id":"P-1007","country":"FR","nir":"{id:FRANCE_NATIONAL_IDENTIFICATION_NUMBER}","notes":"Numéro de sécurité sociale {id:FRANCE_NATIONAL_IDENTIFICATION_NUMBER:compact} transmis à la mutuelle.","last_login_ip":"{id:IP_ADDRESS:v6}"}
            {"person_id":"P-1008","country":"IT","codice_fiscale":"{id:ITALY_NATIONAL_IDENTIFICATION_NUMBER}","notes":"Data di nascita {id:DATE_OF_BIRTH:it}, codice fiscale verificato dall'ufficio paghe.","last_login_ip":"{id:IP_ADDRESS}"}
            {"person_id":"P-1009","country":"MX","curp":"{id:MEXICO_CURP_NUMBER}","notes":"Alta en nómina; order 58213 shipped 2023-11-02.","last_login_ip":"{id:IP_ADDRESS}"}
            {"person_id":"P-1010","country":"US","itin":"{id:USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER}","notes":"W-7 approved, ITIN {id:USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER:space}; born on {id:DATE_OF_BIRTH:long}.","last_login_ip":"{id:IP_ADDRESS}"}
            {"person_id":"P-1011","country":"DE","date_of_birth":"{id:DATE_OF_BIRTH:dot}","notes":"Geburtsdatum laut Ausweis: {id:DATE_OF_BIRTH:de}.","last_login_ip":"{id:IP_ADDRESS:v6}"}
            {"person_id":"P-1012","country":"US","notes":"Asked for the benefits handbook (section 3.2.1.4); ticket 2024-0117 closed.","last_login_ip":null}
            """;

    private static final String CLEAN_PEOPLE = """
            {"person_id":"P-2001","country":"GB","nino":"{test:UK_NATIONAL_INSURANCE_NUMBER:QQ 12 34 56 C}","date_of_birth":"{masked:DATE_OF_BIRTH:XX/XX/1987}","notes":"Training record: HMRC's example NI number {test:UK_NATIONAL_INSURANCE_NUMBER:QQ123456C} only.","last_login_ip":"{test:IP_ADDRESS:10.20.4.17}"}
            {"person_id":"P-2002","country":"CA","sin":"{masked:CANADA_SOCIAL_INSURANCE_NUMBER:*** *** 782}","date_of_birth":"{masked:DATE_OF_BIRTH:**/**/****}","notes":"Documents on file; nothing to add.","last_login_ip":"{test:IP_ADDRESS:192.168.1.23}"}
            {"person_id":"P-2003","country":"IN","aadhaar":"{masked:INDIA_AADHAAR_NUMBER:XXXX XXXX 4821}","notes":"Aadhaar masked as UIDAI prescribes; version 4.19.112.3 of the KYC app.","last_login_ip":"{masked:IP_ADDRESS:x.x.x.x}"}
            {"person_id":"P-2004","country":"BR","cpf":"{masked:BRAZIL_CPF_NUMBER:***.***.***-09}","notes":"Cadastro atualizado em 2024-03-02.","last_login_ip":"{test:IP_ADDRESS:172.16.0.9}"}
            {"person_id":"P-2005","country":"FR","notes":"Relocation; numéro de sécurité sociale sur la carte vitale (non copié).","last_login_ip":"{test:IP_ADDRESS:2001:db8::17}"}
            {"person_id":"P-2006","country":"US","notes":"Asked for the benefits handbook (section 3.2.1.4); ticket 2024-0117 closed.","last_login_ip":"{masked:IP_ADDRESS:<IP_ADDRESS>}"}
            {"person_id":"P-2007","country":"IN","pan":"{masked:INDIA_PERMANENT_ACCOUNT_NUMBER:******234F}","notes":"PAN and Aadhaar checked by the KYC vendor; copies destroyed.","last_login_ip":null}
            {"person_id":"P-2008","country":"ES","dni":"{masked:SPAIN_DNI_NUMBER:*****678Z}","nie":"{masked:SPAIN_NIE_NUMBER:*****567L}","notes":"Documentación verificada.","last_login_ip":null}
            {"person_id":"P-2009","country":"FR","nir":"{masked:FRANCE_NATIONAL_IDENTIFICATION_NUMBER:* ** ** ** *** *84 36}","notes":"Carte vitale vue, non copiée.","last_login_ip":null}
            {"person_id":"P-2010","country":"IT","codice_fiscale":"{masked:ITALY_NATIONAL_IDENTIFICATION_NUMBER:************205S}","notes":"Documenti in regola.","last_login_ip":null}
            {"person_id":"P-2011","country":"MX","curp":"{masked:MEXICO_CURP_NUMBER:**************PR09}","notes":"Alta en nómina.","last_login_ip":null}
            {"person_id":"P-2012","country":"US","itin":"{masked:USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER:XXX-XX-1638}","notes":"NI number on the UK payslip: {masked:UK_NATIONAL_INSURANCE_NUMBER:XX XX XX 56 C}.","last_login_ip":null}
            """;

    /*
     * A web server's access log (nginx "combined"), as crawled logs and support bundles hold it:
     * client addresses, IPv6 in brackets with a port in the upstream field, browser versions that
     * look like addresses (Chrome/124.0.6367.91), and internal hops in private ranges (test values).
     */
    private static final String BLOCKED_ACCESS_LOG = """
            {id:IP_ADDRESS} - - [02/May/2024:09:14:03 +0000] "GET /api/v2/orders?page=2 HTTP/1.1" 200 5124 "-" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0.6367.91 Safari/537.36"
            {id:IP_ADDRESS:v6} - - [02/May/2024:09:14:05 +0000] "GET /static/app.4f9c2.js HTTP/2.0" 200 88210 "https://shop.example/" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Version/17.4.1 Safari/605.1.15"
            {test:IP_ADDRESS:10.0.4.17} - - [02/May/2024:09:14:06 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"
            {id:IP_ADDRESS} - - [02/May/2024:09:15:44 +0000] "POST /api/v2/login HTTP/1.1" 401 63 "-" "okhttp/4.12.0" upstream={test:IP_ADDRESS:172.16.8.21}:8080
            {id:IP_ADDRESS} - - [02/May/2024:09:16:02 +0000] "GET /docs/v1.2.3.4/index.html HTTP/1.1" 404 153 "-" "curl/8.5.0"
            {test:IP_ADDRESS:203.0.113.9} - - [02/May/2024:09:16:40 +0000] "GET /robots.txt HTTP/1.1" 200 67 "-" "Mozilla/5.0 (compatible; ExampleBot/2.1)"
            """;

    private static final String CLEAN_ACCESS_LOG = """
            {masked:IP_ADDRESS:81.2.xxx.xxx} - - [02/May/2024:09:14:03 +0000] "GET /api/v2/orders?page=2 HTTP/1.1" 200 5124 "-" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0.6367.91 Safari/537.36"
            {test:IP_ADDRESS:10.0.4.17} - - [02/May/2024:09:14:06 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"
            {test:IP_ADDRESS:127.0.0.1} - - [02/May/2024:09:15:44 +0000] "POST /api/v2/login HTTP/1.1" 401 63 "-" "okhttp/4.12.0" upstream={test:IP_ADDRESS:172.16.8.21}:8080
            {test:IP_ADDRESS:198.51.100.23} - - [02/May/2024:09:16:02 +0000] "GET /docs/v1.2.3.4/index.html HTTP/1.1" 404 153 "-" "curl/8.5.0"
            [{test:IP_ADDRESS:2001:db8::42}] - - [02/May/2024:09:16:40 +0000] "GET /robots.txt HTTP/1.1" 200 67 "-" "Mozilla/5.0 (compatible; ExampleBot/2.1)"
            """;

    // ----------------------------------------------------------------------- service-config.txt

    /*
     * A config and code dump as a training set scraped from repositories and CI would hold it:
     * sections separated by "==== <name> ====" lines. Key blocks span lines; each value is
     * recorded at the line it starts on (Planter.expandLines).
     */
    private static final String BLOCKED_SERVICE_CONFIG = """
            ==== services/billing/.env ====
            # billing-service production overrides (meant for the vault, committed by mistake)
            APP_ENV=production
            LOG_LEVEL=info
            AWS_REGION=eu-west-1
            AWS_ACCESS_KEY_ID={cred:AWS_ACCESS_KEY_ID}
            AWS_SECRET_ACCESS_KEY={cred:AWS_CREDENTIALS}
            DATABASE_URL=postgres://billing_app:{cred:URL_CREDENTIALS}@db-billing.prod.internal:5432/billing?sslmode=require
            REDIS_URL=redis://:{cred:URL_CREDENTIALS}@cache-01.prod.internal:6379/0
            STRIPE_SECRET_KEY={cred:STRIPE_CREDENTIALS:sk24}
            OPENAI_API_KEY={cred:OPENAI_API_KEY}
            # previous key, rotated 2024-03-02: {masked:AWS_ACCESS_KEY_ID:AKIA****************}
            REPORTS_DB_URL=postgres://reports:{masked:URL_CREDENTIALS:${REPORTS_DB_PASSWORD}}@db-reports.prod.internal:5432/reports
            ==== k8s/orders-api-secret.yaml ====
            apiVersion: v1
            kind: Secret
            metadata:
              name: orders-api
              namespace: prod
              labels:
                app.kubernetes.io/name: orders-api
            type: Opaque
            stringData:
              MONGODB_URI: "mongodb+srv://orders_rw:{cred:URL_CREDENTIALS}@orders-prod.x7k2p.mongodb.net/orders?retryWrites=true&w=majority"
              GITLAB_TOKEN: "{cred:GITLAB_TOKEN}"
              tls.key: |
                {cred:PKCS:ec-indent4}
            ==== docker-compose.yml ====
            services:
              queue-worker:
                image: registry.internal/queue-worker@{neg:docker-digest}
                environment:
                  AMQP_URL: "amqps://worker:{cred:URL_CREDENTIALS}@mq.prod.internal:5671/orders"
                  HF_TOKEN: {cred:HUGGINGFACE_TOKEN}
                  LOG_FORMAT: json
            ==== .github/workflows/release.yml ====
            name: release
            on:
              push:
                tags: ["v*"]
            jobs:
              publish:
                runs-on: ubuntu-22.04
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-node@v4
                    with:
                      node-version: 20
                      registry-url: https://registry.npmjs.org
                  - run: npm ci && npm publish --access public
                    env:
                      NODE_AUTH_TOKEN: {cred:NPM_TOKEN}
                  - name: Announce the release
                    run: >
                      curl -fsS -X POST -H 'Content-type: application/json'
                      --data '{"text":"orders-api released"}' {cred:SLACK_TOKEN:webhook}
            ==== terraform/main.tf ====
            provider "aws" {
              region     = "eu-west-1"
              access_key = "{cred:AWS_ACCESS_KEY_ID}"
              secret_key = "{cred:AWS_CREDENTIALS}"
            }

            variable "maps_api_key" {
              type    = string
              default = "{cred:GCP_API_KEY}"
            }

            resource "aws_db_instance" "orders" {
              identifier = "orders-prod"
              engine     = "postgres"
              username   = "orders_admin"
              password   = var.db_password
            }
            ==== jobs/etl_export.py ====
            import boto3
            from openai import OpenAI

            s3 = boto3.client(
                "s3",
                aws_access_key_id="{cred:AWS_ACCESS_KEY_ID}",
                aws_secret_access_key="{cred:AWS_CREDENTIALS}",
            )
            HF_HEADERS = {"Authorization": "Bearer {cred:HUGGINGFACE_TOKEN}"}
            client = OpenAI(api_key="{cred:OPENAI_API_KEY}")
            # AWS's documentation key, fine in examples: {test:AWS_ACCESS_KEY_ID:AKIAIOSFODNN7EXAMPLE}
            ==== src/payments/stripe.go ====
            package payments

            // TODO(ops): read these from the environment before the next release.
            const stripeKey = "{cred:STRIPE_CREDENTIALS:sk99}"
            const stripeRestrictedKey = "{cred:STRIPE_CREDENTIALS:rk99}"
            const stripeSandboxKey = "{test:STRIPE_CREDENTIALS:sk_test_4eC39HqLyjWDarjtT1zdp7dc}"

            func NewClient() *Client {
                return &Client{apiKey: stripeKey, baseURL: "https://api.stripe.com/v1"}
            }
            ==== src/main/java/com/acme/sync/GitHubSync.java ====
            final class GitHubSync {
                private static final String TOKEN = "{cred:GITHUB_TOKEN}";

                HttpRequest request(URI uri) {
                    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN).build();
                }
            }
            ==== web/src/config.js ====
            export const config = {
              mapsApiKey: "{cred:GCP_API_KEY}",
              slackBotToken: "{cred:SLACK_TOKEN}",
              githubToken: "{masked:GITHUB_TOKEN:ghp_************************************}",
            };
            ==== deploy/rollout.sh ====
            #!/usr/bin/env bash
            set -euo pipefail
            export GITHUB_TOKEN={cred:GITHUB_TOKEN:pat}
            curl -fsS -H 'Authorization: Basic {cred:HTTP_BASIC_AUTH_HEADER:deploy}' https://artifacts.prod.internal/api/v2/releases/latest
            curl -fsS -H "Authorization: Bearer {cred:JSON_WEB_TOKEN}" https://rollout.prod.internal/v1/rollouts
            mkdir -p ~/.ssh
            cat > ~/.ssh/id_ed25519 <<'EOF'
            {cred:OPENSSH_PRIVATE_KEY}
            EOF
            cat > /etc/ssl/private/legacy-api.pem <<'EOF'
            {cred:PKCS:rsa}
            EOF
            chmod 600 ~/.ssh/id_ed25519 /etc/ssl/private/legacy-api.pem
            ==== ci/build-4812.log ====
            2024-04-30T10:14:02.311Z [build] Step 4/9 : RUN npm config set //registry.npmjs.org/:_authToken {cred:NPM_TOKEN}
            2024-04-30T10:14:03.870Z [build] Successfully built 3f9c1a7e2b4d
            2024-04-30T10:14:05.907Z [deploy] cloning with GitLab token {cred:GITLAB_TOKEN}
            2024-04-30T10:14:06.002Z [deploy] > GET /api/v2/health HTTP/1.1
            2024-04-30T10:14:06.002Z [deploy] > Authorization: Basic {cred:HTTP_BASIC_AUTH_HEADER:ci-bot}
            2024-04-30T10:14:06.118Z [deploy] < HTTP/1.1 200 OK
            2024-04-30T10:14:06.120Z [deploy] session token={cred:JSON_WEB_TOKEN:session}
            2024-04-30T10:14:07.455Z [deploy] aws_secret_access_key={masked:AWS_CREDENTIALS:<AWS_SECRET_KEY>} (from the instance role)
            2024-04-30T10:14:09.001Z [deploy] done in 6.69s
            ==== chat export #platform-oncall ====
            [09:41] priya.v: can someone revoke this HF token? it leaked in a notebook: {cred:HUGGINGFACE_TOKEN}
            [09:43] tomasz.w: PuTTY key for the bastion, delete after use:
            {cred:PUTTY_PRIVATE_KEY}
            [09:44] tomasz.w: and the release signing key:
            {cred:PGP_PRIVATE_KEY}
            [09:46] priya.v: the sync job reads {masked:GITHUB_TOKEN:{{ github_token }}} from the template, the real one is in the vault
            [09:47] marcus.e: please stop pasting keys in here
            """;

    private static final String CLEAN_SERVICE_CONFIG = """
            ==== services/billing/.env.example ====
            # billing-service: copy to .env and fill in from the vault
            APP_ENV=production
            LOG_LEVEL=info
            AWS_REGION=eu-west-1
            AWS_ACCESS_KEY_ID={masked:AWS_ACCESS_KEY_ID:AKIA****************}
            AWS_SECRET_ACCESS_KEY={masked:AWS_CREDENTIALS:<AWS_SECRET_KEY>}
            DATABASE_URL=postgres://billing_app:{masked:URL_CREDENTIALS:${DB_PASSWORD}}@db-billing.prod.internal:5432/billing?sslmode=require
            REDIS_URL=redis://:{masked:URL_CREDENTIALS:****}@cache-01.prod.internal:6379/0
            STRIPE_SECRET_KEY={masked:STRIPE_CREDENTIALS:sk_live_************************}
            OPENAI_API_KEY={masked:OPENAI_API_KEY:sk-proj-************************************************}
            ==== k8s/orders-api-secret.yaml ====
            apiVersion: v1
            kind: Secret
            metadata:
              name: orders-api
              namespace: prod
              labels:
                app.kubernetes.io/name: orders-api
            type: Opaque
            stringData:
              MONGODB_URI: "mongodb+srv://orders_rw:{masked:URL_CREDENTIALS:<password>}@orders-prod.x7k2p.mongodb.net/orders?retryWrites=true&w=majority"
              GITLAB_TOKEN: "{masked:GITLAB_TOKEN:glpat-xxxxxxxxxxxxxxxxxxxx}"
              tls.key: |
                {masked:PKCS:-----BEGIN PRIVATE KEY-----
                ...
                -----END PRIVATE KEY-----}
            ==== docker-compose.yml ====
            services:
              queue-worker:
                image: registry.internal/queue-worker@{neg:docker-digest}
                environment:
                  AMQP_URL: "amqps://worker:{masked:URL_CREDENTIALS:xxxx}@mq.prod.internal:5671/orders"
                  HF_TOKEN: {masked:HUGGINGFACE_TOKEN:hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}
                  LOG_FORMAT: json
            ==== .github/workflows/release.yml ====
            name: release
            on:
              push:
                tags: ["v*"]
            jobs:
              publish:
                runs-on: ubuntu-22.04
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-node@v4
                    with:
                      node-version: 20
                      registry-url: https://registry.npmjs.org
                  - run: npm ci && npm publish --access public
                    env:
                      NODE_AUTH_TOKEN: {masked:NPM_TOKEN:${{ secrets.NPM_TOKEN }}}
                  - name: Announce the release
                    run: >
                      curl -fsS -X POST -H 'Content-type: application/json'
                      --data '{"text":"orders-api released"}' {masked:SLACK_TOKEN:https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX}
            ==== terraform/main.tf ====
            provider "aws" {
              region     = "eu-west-1"
              access_key = var.aws_access_key_id
              secret_key = var.aws_secret_access_key
            }

            variable "maps_api_key" {
              type      = string
              sensitive = true
              default   = "{masked:GCP_API_KEY:AIza***********************************}"
            }
            ==== jobs/etl_export.py ====
            import os

            import boto3
            from openai import OpenAI

            s3 = boto3.client("s3")  # credentials come from the instance role
            HF_HEADERS = {"Authorization": f"Bearer {os.environ['HF_TOKEN']}"}
            client = OpenAI(api_key="{masked:OPENAI_API_KEY:<OPENAI_API_KEY>}")
            # AWS's documentation keys, fine in examples:
            #   aws_access_key_id = {test:AWS_ACCESS_KEY_ID:AKIAIOSFODNN7EXAMPLE}
            #   aws_secret_access_key = {test:AWS_CREDENTIALS:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}
            ==== src/payments/stripe.go ====
            package payments

            // Stripe's documented test keys: the sandbox never charges anything.
            const stripeKey = "{test:STRIPE_CREDENTIALS:sk_test_4eC39HqLyjWDarjtT1zdp7dc}"
            const stripePublishableKey = "{test:STRIPE_CREDENTIALS:pk_test_TYooMQauvdEDq54NiTphI7jx}"

            func NewClient() *Client {
                return &Client{apiKey: stripeKey, baseURL: "https://api.stripe.com/v1"}
            }
            ==== src/main/java/com/acme/sync/GitHubSync.java ====
            final class GitHubSync {
                // A token looks like {masked:GITHUB_TOKEN:ghp_************************************}; read it from the environment.
                private static final String TOKEN = System.getenv("GITHUB_TOKEN");
                // Fixture id from the parser tests: GitHub-shaped, but its checksum fails.
                static final String FIXTURE_ID = "{neg:ghp-badcrc}";
            }
            ==== web/src/config.js ====
            export const config = {
              mapsApiKey: process.env.MAPS_API_KEY,
              slackBotToken: "{masked:SLACK_TOKEN:{{ slack_bot_token }}}",
              commit: "{neg:git-sha}",
              bundleSha256: "{neg:sha256}",
            };
            ==== deploy/rollout.sh ====
            #!/usr/bin/env bash
            set -euo pipefail
            : "${GITHUB_TOKEN:?set GITHUB_TOKEN from the vault}"
            curl -fsS -H 'Authorization: Basic {masked:HTTP_BASIC_AUTH_HEADER:<credentials>}' https://artifacts.prod.internal/api/v2/releases/latest
            # RFC 7617's example header, as in the docs: Authorization: Basic {test:HTTP_BASIC_AUTH_HEADER:QWxhZGRpbjpvcGVuIHNlc2FtZQ==}
            curl -fsS -H "Authorization: Bearer {test:JSON_WEB_TOKEN:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c}" https://rollout.example.test/v1/rollouts
            echo "{neg:ssh-rsa-pub}" >> ~/.ssh/authorized_keys
            cat > ~/.ssh/id_ed25519 <<'EOF'
            {masked:OPENSSH_PRIVATE_KEY:-----BEGIN OPENSSH PRIVATE KEY-----
            ...
            -----END OPENSSH PRIVATE KEY-----}
            EOF
            cat > /etc/ssl/certs/api.pem <<'EOF'
            {neg:certificate}
            EOF
            ==== ci/build-4812.log ====
            2024-04-30T10:14:02.311Z [build] Step 4/9 : RUN npm config set //registry.npmjs.org/:_authToken {masked:NPM_TOKEN:${NPM_TOKEN}}
            2024-04-30T10:14:03.870Z [build] Successfully built 3f9c1a7e2b4d
            2024-04-30T10:14:04.120Z [build] lockfile: lodash@4.17.21 integrity {neg:integrity}
            2024-04-30T10:14:05.907Z [deploy] cloning with GitLab token {masked:GITLAB_TOKEN:[MASKED]}
            2024-04-30T10:14:06.002Z [deploy] > Authorization: Basic {masked:HTTP_BASIC_AUTH_HEADER:********}
            2024-04-30T10:14:06.120Z [deploy] session token={masked:JSON_WEB_TOKEN:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.****.****}
            2024-04-30T10:14:06.121Z [deploy] traceparent: {neg:traceparent}
            2024-04-30T10:14:06.122Z [deploy] request id {neg:uuid}
            2024-04-30T10:14:07.455Z [deploy] commit {neg:git-sha} deployed as {neg:docker-digest}
            2024-04-30T10:14:09.001Z [deploy] done in 6.69s
            ==== chat export #platform-oncall ====
            [09:41] priya.v: revoked the HF token; the new one ({masked:HUGGINGFACE_TOKEN:hf_****}) is in the vault
            [09:43] tomasz.w: bastion key, redacted before the export:
            {masked:PUTTY_PRIVATE_KEY:PuTTY-User-Key-File-3: ssh-rsa
            Encryption: none
            Comment: rsa-key-20240502
            Public-Lines: 6
            <redacted>
            Private-Lines: 14
            <redacted>
            Private-MAC: <redacted>}
            [09:44] tomasz.w: and the signing key, body removed:
            {masked:PGP_PRIVATE_KEY:-----BEGIN PGP PRIVATE KEY BLOCK-----

            [redacted]
            -----END PGP PRIVATE KEY BLOCK-----}
            [09:45] priya.v: status page logo: {neg:png}
            [09:46] priya.v: the sync job reads {masked:GITHUB_TOKEN:{{ github_token }}} from the template
            [09:47] marcus.e: thanks for redacting
            """;

    // ----------------------------------------------------------------------- statement.pdf

    private static final String[][] BLOCKED_STATEMENT = {
        {"Northgate Bank plc", "Current account statement", "",
            "Account holder: Imogen Fairweather",
            "14 Larch Grove, Harrogate HG1 4TT",
            "IBAN: {iban:gb}",
            "BIC: NWBKGB2L",
            "Statement period: 01 Apr 2024 - 30 Apr 2024", "",
            "Date        Description                          Amount (GBP)",
            "02 Apr      Salary ACME LTD                          2,450.00",
            "05 Apr      Direct debit - Council tax                -142.00",
            "11 Apr      Card payment - Grocer & Co                  -63.18",
            "19 Apr      Transfer to savings                        -300.00",
            "28 Apr      Card payment - Rail tickets                 -48.60", "",
            "Closing balance                                       1,896.22"},
        {"Card payments in this period", "",
            "Debit card number: {card:visa}",
            "Previous card (cancelled): {masked:card:**** **** **** 4417}", "",
            "Reference     Merchant                  Amount",
            "TX-55120      Grocer & Co               63.18",
            "TX-55987      Rail tickets              48.60", "",
            "Questions? Write to us through online banking; we never ask for your PIN."}};

    private static final String[][] CLEAN_STATEMENT = {
        {"Northgate Bank plc", "Current account statement (redacted copy)", "",
            "Account holder: [REDACTED]",
            "IBAN: {masked:iban:<IBAN_CODE>}",
            "BIC: NWBKGB2L",
            "Statement period: 01 Apr 2024 - 30 Apr 2024", "",
            "Date        Description                          Amount (GBP)",
            "02 Apr      Salary ACME LTD                          2,450.00",
            "05 Apr      Direct debit - Council tax                -142.00",
            "11 Apr      Card payment - Grocer & Co                  -63.18", "",
            "Closing balance                                       1,896.22"},
        {"Card payments in this period", "",
            "Debit card number: {masked:card:**** **** **** 4417}",
            "Sandbox card used for testing: {test:card:4111 1111 1111 1111}",
            "Voucher (invalid, rejected): {neg:luhn16}", "",
            "Reference     Merchant                  Amount",
            "TX-55120      Grocer & Co               63.18", "",
            "Questions? Write to us through online banking; we never ask for your PIN."}};

    private static byte[] pdf(Planter p, String[][] pages) {
        p.record(0);
        try (PDDocument doc = new PDDocument()) {
            doc.setDocumentId(SEED); // PDFBox derives the trailer /ID from this instead of the clock
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Account statement April 2024");
            info.setAuthor("pii-gate samples (synthetic)");
            info.setCreator("pii-gate SampleGenerator");
            info.setProducer("pii-gate SampleGenerator");
            info.setCreationDate(fixedCalendar());
            info.setModificationDate(fixedCalendar());
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.COURIER);
            for (String[] lines : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 10);
                    cs.setLeading(14);
                    cs.newLineAtOffset(50, 790);
                    for (String line : lines) {
                        cs.showText(p.expand(line));
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Calendar fixedCalendar() {
        Calendar c = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        c.setTimeInMillis(FIXED_TIME.toEpochMilli());
        return c;
    }

    // ----------------------------------------------------------------------- contract.docx

    private static final String[] BLOCKED_CONTRACT = {
        "EMPLOYMENT AGREEMENT",
        "This agreement is made on 2 May 2024 between Harbourline Logistics Inc. (the Employer) and "
                + "Elena Voronova (the Employee).",
        "1. Position. The Employee is employed as Senior Route Planner, starting 1 June 2024.",
        "2. Payroll details. Employee Social Security Number: {ssn}. "
                + "Salary is paid monthly by direct deposit.",
        "3. Contact. The Employee can be reached at {phone:us:intl} for scheduling matters.",
        "4. Confidentiality. The Employee keeps the Employer's route and customer data confidential.",
        "Signed for the Employer: J. Kerrigan, HR Director"};

    private static final String[] CLEAN_CONTRACT = {
        "EMPLOYMENT AGREEMENT (redacted template)",
        "This agreement is made on 2 May 2024 between Harbourline Logistics Inc. (the Employer) and "
                + "[EMPLOYEE NAME] (the Employee). Template version 3.1.0.",
        "1. Position. The Employee is employed as Senior Route Planner, starting 1 June 2024.",
        "2. Payroll details. Employee Social Security Number: {masked:ssn:XXX-XX-9184}. "
                + "Salary is paid monthly by direct deposit.",
        "3. Contact. The Employee can be reached at {masked:phone:|||PHONE_NUMBER|||} for scheduling matters.",
        "4. Note for HR: do not copy the form's example SSN 900-12-3456 into contracts.",
        "Signed for the Employer: [SIGNATORY], HR Director"};

    /**
     * A minimal WordprocessingML package written with {@code java.util.zip}: POI cannot write
     * on this classpath (Spark's commons-compress 1.23 shadows the 1.28 POI needs), and a
     * hand-built zip lets every entry carry the fixed timestamp.
     */
    private static byte[] docx(Planter p, String[] paragraphs) {
        p.record(0);
        StringBuilder body = new StringBuilder();
        for (String text : paragraphs) {
            body.append("<w:p><w:r><w:t xml:space=\"preserve\">").append(xml(p.expand(text))).append("</w:t></w:r></w:p>");
        }
        String created = FIXED_TIME.toString();
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", XML_DECLARATION
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
                + "</Types>");
        parts.put("_rels/.rels", XML_DECLARATION
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
                + "</Relationships>");
        parts.put("docProps/core.xml", XML_DECLARATION
                + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<dc:title>Employment agreement</dc:title><dc:creator>pii-gate samples (synthetic)</dc:creator>"
                + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + created + "</dcterms:created>"
                + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + created + "</dcterms:modified>"
                + "</cp:coreProperties>");
        parts.put("docProps/app.xml", XML_DECLARATION
                + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                + "<Application>pii-gate SampleGenerator</Application></Properties>");
        parts.put("word/document.xml", XML_DECLARATION
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + body + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, UTF_8)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, String> part : parts.entrySet()) {
                ZipEntry entry = new ZipEntry(part.getKey());
                // Local time, not an instant: the DOS timestamp must not depend on the machine's zone.
                entry.setTimeLocal(LocalDateTime.ofInstant(FIXED_TIME, ZoneOffset.UTC));
                zip.putNextEntry(entry);
                zip.write(part.getValue().getBytes(UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
