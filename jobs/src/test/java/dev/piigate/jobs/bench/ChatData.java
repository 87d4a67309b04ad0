package dev.piigate.jobs.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import dev.piigate.jobs.testing.CheckDigits;

/**
 * Generates the benchmark dataset for {@code scripts/bench}: JSON Lines chat logs (a support
 * conversation per line, about 1 KB) of a given total size, split into files of about 100 MB so
 * Spark spreads them over the cores. Mostly ordinary chat text with numbers in it (order numbers,
 * amounts, dates, versions, tracking codes, UUIDs); about one record in 35 carries an unmasked
 * value (card, SSN with its keyword, IBAN, phone, e-mail), one in 50 a masked one, one in 200 a
 * public test card number. All values are synthetic (made up from a seeded random source).
 *
 * <p>Deterministic: the same size, seed and file count give the same bytes. Each file has its own
 * random stream, so files are written in parallel.
 *
 * <p>The {@code dense} dataset is the worst case for the detectors: a shorter record (about 500
 * bytes) in which every record holds unmasked PII (the customer's e-mail address, and one more
 * value of the types the scan counts: card, SSN, IBAN, phone, IP address, date of birth) next to
 * look-alikes that must not count (a card number that fails Luhn, a nine-digit ticket number, a
 * four-part version, a date with no birth keyword, an order number, a masked card, a public test
 * card, a UUID).
 *
 * <p>Usage: {@code ChatData --size 1GB --out DIR [--seed N] [--dataset chat|dense]}; sizes take
 * KB, MB, GB (powers of 1000). Prints what it wrote and what it planted, one {@code key=value}
 * line each.
 */
public final class ChatData {
    static final long TARGET_FILE_BYTES = 100_000_000L;
    private static final int UNMASKED_ONE_IN = 35;
    private static final int MASKED_ONE_IN = 50;
    private static final int TEST_VALUE_ONE_IN = 200;

    private ChatData() {
    }

    public static void main(String[] argv) throws Exception {
        long size = 1_000_000_000L;
        Path out = null;
        long seed = 42;
        boolean dense = false;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--size" -> size = parseSize(argv[++i]);
                case "--out" -> out = Path.of(argv[++i]);
                case "--seed" -> seed = Long.parseLong(argv[++i]);
                case "--dataset" -> dense = switch (argv[++i]) {
                    case "chat" -> false;
                    case "dense" -> true;
                    default -> throw new IllegalArgumentException("--dataset is chat or dense, not " + argv[i]);
                };
                default -> throw new IllegalArgumentException("unknown argument " + argv[i]
                        + "; usage: ChatData --size 1GB --out DIR [--seed N] [--dataset chat|dense]");
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        long started = System.nanoTime();
        Totals totals = write(out, size, seed, Runtime.getRuntime().availableProcessors(), dense);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "files=%d%nbytes=%d%nrecords=%d%nplanted_unmasked=%d%nplanted_masked=%d%n"
                + "planted_test_values=%d%nrecords_with_unmasked=%d%ngenerate_seconds=%.1f%n", totals.files,
                totals.bytes, totals.records, totals.unmasked, totals.masked, totals.testValues,
                totals.recordsUnmasked, seconds);
    }

    static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"GB", "1000000000"}, {"MB", "1000000"}, {"KB", "1000"}, {"B", "1"}}) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        long value = Math.round(Double.parseDouble(t) * unit);
        if (value <= 0) {
            throw new IllegalArgumentException("size must be positive: " + text);
        }
        return value;
    }

    /** What was written and planted, summed over the files. */
    static final class Totals {
        long files;
        long bytes;
        long records;
        long unmasked;
        long masked;
        long testValues;
        long recordsUnmasked;

        void add(Totals t) {
            files += t.files;
            bytes += t.bytes;
            records += t.records;
            unmasked += t.unmasked;
            masked += t.masked;
            testValues += t.testValues;
            recordsUnmasked += t.recordsUnmasked;
        }
    }

    /** An even number of files (2 cores here), each about {@link #TARGET_FILE_BYTES}. */
    static Totals write(Path dir, long totalBytes, long seed, int threads) throws Exception {
        return write(dir, totalBytes, seed, threads, false);
    }

    static Totals write(Path dir, long totalBytes, long seed, int threads, boolean dense) throws Exception {
        Files.createDirectories(dir);
        int files = (int) Math.max(2, Math.round((double) totalBytes / TARGET_FILE_BYTES));
        files += files % 2;
        long perFile = totalBytes / files;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Totals>> parts = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                Path file = dir.resolve(String.format(Locale.ROOT, "chat-%03d.jsonl", f));
                long fileSeed = seed * 1_000_003L + f;
                long target = f == files - 1 ? totalBytes - perFile * (files - 1) : perFile;
                long firstRecord = (long) f * 1_000_000_000L;
                parts.add(pool.submit(() -> new FileWriter(new SplittableRandom(fileSeed), firstRecord, dense)
                        .write(file, target)));
            }
            Totals totals = new Totals();
            for (Future<Totals> part : parts) {
                totals.add(part.get());
            }
            return totals;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes one file from its own random stream. */
    private static final class FileWriter {
        private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
        private static final String[] CHANNELS = {"web", "app", "email", "chat"};
        private static final String[] LOCALES = {"en-US", "en-US", "en-US", "en-GB", "de-DE", "fr-FR"};
        private static final String[] TOPICS = {"billing", "delivery", "account", "bug", "refund", "subscription",
            "returns", "technical", "feedback"};
        private static final String[] CUSTOMER = {
            "Hi, my order {order} still shows as processing, it was placed on {date}.",
            "I was charged {amount} twice this morning, can you check?",
            "The app crashes on launch since version {version}, every time I open the settings tab.",
            "Where is my parcel? Tracking {tracking} has not moved since {date}.",
            "Can I change the delivery slot to {time} tomorrow? I won't be home before then.",
            "I'd like to return {count} items from order {order}, the sizes are wrong.",
            "My subscription renewed at {amount} but the plan page says it should be less.",
            "The export stops at {count}% and then shows error code {code}.",
            "How long does a refund take? It has been {count} days.",
            "Thanks, that worked! The dashboard loads in about {count} seconds now.",
            "Is there a student discount? I saw {count}% off mentioned on the forum.",
            "I can't log in, the code you send expires before it arrives (it took {count} minutes).",
            "Our team of {count} people needs a shared workspace, which plan fits?",
            "The invoice {invoice} lists the wrong company name, can you reissue it?",
            "Device id {uuid}, build {version}, the sync fails at {time} every night.",
            "Can you explain the fee of {amount} on the last statement?",
            "The café near the depot said my parcel was left there, is that right?",
            "I ordered the blue one but got the green one \u2013 order {order}, item {count} of {count}.",
        };
        private static final String[] AGENT = {
            "Sorry about that! I can see the order; it ships within {count} working days.",
            "Thanks for waiting. The duplicate authorisation of {amount} will drop off within 3-5 days.",
            "Engineering is tracking it as BUG-{digits5}; a fix ships in {version}.",
            "The parcel left our warehouse on {date} and is with the courier now.",
            "I've moved your delivery slot to {time}. You'll get a confirmation shortly.",
            "A return label for order {order} is on its way; drop it off within {count} days.",
            "Your plan is billed at {amount} per month from {date}; the difference has been credited.",
            "Please try clearing the cache and restarting; version {version} fixed a similar issue.",
            "Refunds take up to {count} working days to appear, depending on your bank.",
            "Glad to hear it! Is there anything else I can help with today?",
            "We do offer {count}% off for students; verification takes a minute.",
            "I've reset the sign-in codes; the next one is valid for {count} minutes.",
            "The Team plan covers up to {count} seats at {amount} each.",
            "I've reissued invoice {invoice} with the corrected name; it's in your documents.",
            "Thanks, I've passed the logs for {uuid} to the sync team (ticket {code}).",
            "That fee is the currency conversion charge of {amount}, applied on {date}.",
            "Please don't post card or account numbers here; we never need them in chat.",
        };
        private static final String[] UNMASKED = {
            "My card is {card}, can you check the charge?",
            "New card for the subscription: {card}, exp {expiry}.",
            "I need my annual tax statement. My SSN is {ssn} if that helps.",
            "social security number {ssn} for the W-9 form",
            "Please refund it to my bank account instead: {iban}",
            "Can someone call me? {phone} works, weekdays after 5pm.",
            "Please use my other address, {email}, for receipts from now on.",
            "Reach me at {email} or on {phone}, whichever is easier.",
        };
        private static final String[] MASKED = {
            "The card ending ****-****-****-{digits4}, expiring {expiry}.",
            "I've verified your identity against the SSN on file (XXX-XX-{digits4}).",
            "We'll send the receipt to <EMAIL> as requested.",
            "Your callback number (***) ***-{digits4} is confirmed.",
            "The refund goes to account <IBAN_CODE>.",
            "Contact: |||EMAIL_ADDRESS||| (redacted by the export).",
        };
        private static final String[] TEST_VALUES = {
            "For the sandbox use the test card 4111 1111 1111 1111 with any future date.",
            "The staging checkout accepts 5555 5555 5555 4444 as a test card.",
        };
        private static final String[] FIRST = {"dana", "marcus", "priya", "tomasz", "aoife", "kwame", "lucia",
            "henrik", "mei", "rafael", "ingrid", "omar", "sofia", "declan", "yuki", "nadia"};
        private static final String[] LAST = {"whitfield", "ellery", "venkatesan", "wrobel", "brennan", "osei",
            "marchetti", "lindqvist", "tanaka", "okafor", "haugen", "farouk"};
        private static final String[] DOMAINS = {"gmail.com", "mailbox.org", "outlook.com", "proton.me",
            "fastmail.com", "posteo.de", "yahoo.co.uk", "icloud.com"};
        private static final String[] US_AREAS = {"212", "312", "415", "617", "206", "512", "303", "404", "702",
            "919", "646", "773"};

        private static final String[] DENSE_UNMASKED = {
            "Please charge the card {card} instead, exp {expiry}.",
            "For the tax form, my social security number is {ssn}.",
            "Refund to my account {iban} please.",
            "Call me back on {phone} after 5pm.",
            "The login came from {ip}, that was not me!",
            "For verification: date of birth {dob}.",
        };

        private final SplittableRandom random;
        private final boolean dense;
        private final Totals totals = new Totals();
        private final StringBuilder line = new StringBuilder(4096);
        private final StringBuilder text = new StringBuilder(512);
        private long recordId;

        FileWriter(SplittableRandom random, long firstRecord, boolean dense) {
            this.random = random;
            this.recordId = firstRecord;
            this.dense = dense;
        }

        Totals write(Path file, long target) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                while (totals.bytes < target) {
                    byte[] bytes = (dense ? denseRecord() : record()).getBytes(UTF_8);
                    out.write(bytes);
                    totals.bytes += bytes.length;
                    totals.records++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            totals.files = 1;
            return totals;
        }

        private String record() {
            long id = recordId++;
            int messages = 2 + random.nextInt(5);
            // Which message (if any) carries a planted value.
            int unmaskedAt = random.nextInt(UNMASKED_ONE_IN) == 0 ? random.nextInt(messages) : -1;
            int maskedAt = random.nextInt(MASKED_ONE_IN) == 0 ? random.nextInt(messages) : -1;
            int testAt = random.nextInt(TEST_VALUE_ONE_IN) == 0 ? random.nextInt(messages) : -1;
            line.setLength(0);
            line.append("{\"conversation_id\":\"conv-").append(id).append("\",\"channel\":\"")
                    .append(pick(CHANNELS)).append("\",\"started_at\":\"").append(timestamp())
                    .append("\",\"customer\":{\"locale\":\"").append(pick(LOCALES)).append("\",\"tier\":\"")
                    .append(random.nextInt(4) == 0 ? "gold" : "standard").append("\"},\"messages\":[");
            for (int m = 0; m < messages; m++) {
                boolean customer = m % 2 == 0;
                text.setLength(0);
                int sentences = 1 + random.nextInt(3);
                for (int s = 0; s < sentences; s++) {
                    if (s > 0) {
                        text.append(' ');
                    }
                    expand(pick(customer ? CUSTOMER : AGENT));
                }
                if (m == unmaskedAt) {
                    text.append(' ');
                    expand(pick(UNMASKED));
                    totals.recordsUnmasked++;
                }
                if (m == maskedAt) {
                    text.append(' ');
                    expand(pick(MASKED));
                    totals.masked++;
                }
                if (m == testAt) {
                    text.append(' ');
                    expand(pick(TEST_VALUES));
                    totals.testValues++;
                }
                if (m > 0) {
                    line.append(',');
                }
                line.append("{\"role\":\"").append(customer ? "customer" : "agent").append("\",\"sent_at\":\"")
                        .append(timestamp()).append("\",\"content\":\"");
                appendJsonString(line, text);
                line.append("\"}");
            }
            line.append("],\"tags\":[\"").append(pick(TOPICS)).append("\"],\"rating\":").append(1 + random.nextInt(5))
                    .append(",\"resolved\":").append(random.nextInt(5) != 0).append("}\n");
            return line.toString();
        }

        /**
         * About 500 bytes, every one with unmasked PII: the customer's e-mail address and one more
         * value in the first message, look-alikes around them.
         */
        private String denseRecord() {
            long id = recordId++;
            text.setLength(0);
            expand(pick(DENSE_UNMASKED));
            text.append(" Ref {ref}, ticket {ticket}, app {version4}, since {date}.");
            String first = text.toString();
            text.setLength(0);
            expand(first);
            String customerText = text.toString();
            text.setLength(0);
            expand(random.nextBoolean() ? "Noted. The card ending ****-****-****-{digits4} stays on file; order {order}."
                    : "For the sandbox use the test card 4111 1111 1111 1111. Device {uuid}.");
            totals.recordsUnmasked++;
            line.setLength(0);
            line.append("{\"id\":\"t-").append(id).append("\",\"created\":\"").append(timestamp())
                    .append("\",\"customer\":{\"email\":\"").append(value("email"))
                    .append("\",\"locale\":\"").append(pick(LOCALES)).append("\",\"tier\":\"standard\"},\"topic\":\"")
                    .append(pick(TOPICS)).append("\",\"messages\":[{\"role\":\"customer\",\"text\":\"");
            appendJsonString(line, customerText);
            line.append("\"},{\"role\":\"agent\",\"text\":\"");
            appendJsonString(line, text);
            line.append("\"}],\"amount\":").append(1 + random.nextInt(400)).append('.').append(two(random.nextInt(100)))
                    .append(",\"rating\":").append(1 + random.nextInt(5)).append("}\n");
            return line.toString();
        }

        /** Appends the template to {@code text} with its placeholders filled. */
        private void expand(String template) {
            int at = 0;
            while (true) {
                int open = template.indexOf('{', at);
                if (open < 0) {
                    text.append(template, at, template.length());
                    return;
                }
                int close = template.indexOf('}', open);
                text.append(template, at, open);
                text.append(value(template.substring(open + 1, close)));
                at = close + 1;
            }
        }

        private String value(String kind) {
            return switch (kind) {
                case "order" -> "#" + (100_000 + random.nextInt(900_000));
                case "amount" -> (random.nextBoolean() ? "$" : "\u20ac") + (1 + random.nextInt(400)) + "."
                        + two(random.nextInt(100));
                case "date" -> "2024-" + two(1 + random.nextInt(12)) + "-" + two(1 + random.nextInt(28));
                case "time" -> two(random.nextInt(24)) + ":" + two(random.nextInt(60));
                case "version" -> (1 + random.nextInt(9)) + "." + random.nextInt(20) + "." + random.nextInt(10);
                case "count" -> Integer.toString(1 + random.nextInt(60));
                case "code" -> "E" + (1000 + random.nextInt(9000));
                case "digits4" -> String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
                case "digits5" -> Integer.toString(10_000 + random.nextInt(90_000));
                case "invoice" -> "INV-2024-" + (10_000 + random.nextInt(90_000));
                case "tracking" -> "1Z" + hex(6).toUpperCase(Locale.ROOT) + (10_000_000 + random.nextInt(90_000_000));
                case "uuid" -> hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12);
                case "ref" -> lookalikeCard();
                case "ticket" -> Integer.toString(100_000_000 + random.nextInt(900_000_000));
                case "version4" -> (1 + random.nextInt(9)) + "." + random.nextInt(20) + "." + random.nextInt(200)
                        + "." + random.nextInt(10);
                case "ip" -> planted(publicIp());
                case "dob" -> planted(two(1 + random.nextInt(28)) + "/" + two(1 + random.nextInt(12)) + "/"
                        + (1940 + random.nextInt(65)));
                case "expiry" -> two(1 + random.nextInt(12)) + "/" + (26 + random.nextInt(5));
                case "card" -> planted(card());
                case "ssn" -> planted(ssn());
                case "iban" -> planted(iban());
                case "phone" -> planted(phone());
                case "email" -> planted(pick(FIRST) + (random.nextBoolean() ? "." : "_") + pick(LAST)
                        + (random.nextInt(3) == 0 ? Integer.toString(10 + random.nextInt(90)) : "") + "@"
                        + pick(DOMAINS));
                default -> throw new IllegalArgumentException("no placeholder " + kind);
            };
        }

        private String planted(String value) {
            totals.unmasked++;
            return value;
        }

        /** A Visa or Mastercard number, Luhn-valid, printed in groups of four. */
        private String card() {
            StringBuilder d = new StringBuilder(random.nextBoolean() ? "4" : "5" + (1 + random.nextInt(5)));
            while (d.length() < 15) {
                d.append(random.nextInt(10));
            }
            d.append(CheckDigits.luhn(d));
            String sep = random.nextBoolean() ? " " : "-";
            return d.substring(0, 4) + sep + d.substring(4, 8) + sep + d.substring(8, 12) + sep + d.substring(12);
        }

        /** Sixteen digits in groups of four whose Luhn check fails: a reference number, not a card. */
        private String lookalikeCard() {
            StringBuilder d = new StringBuilder(random.nextBoolean() ? "4" : "5" + (1 + random.nextInt(5)));
            while (d.length() < 15) {
                d.append(random.nextInt(10));
            }
            d.append((CheckDigits.luhn(d) + 1 + random.nextInt(9)) % 10);
            return d.substring(0, 4) + " " + d.substring(4, 8) + " " + d.substring(8, 12) + " " + d.substring(12);
        }

        /** An IPv4 address in public unicast space (none of the private, shared, test or reserved ranges). */
        private String publicIp() {
            int[] firsts = {23, 34, 52, 81, 91, 145, 151, 185};
            return firsts[random.nextInt(firsts.length)] + "." + (1 + random.nextInt(254)) + "."
                    + random.nextInt(256) + "." + (1 + random.nextInt(254));
        }

        private String ssn() {
            int area = 100 + random.nextInt(566); // issued ranges, below 666
            return String.format(Locale.ROOT, "%03d-%02d-%04d", area, 1 + random.nextInt(99),
                    1 + random.nextInt(9999));
        }

        /** A German IBAN with correct check digits, printed in groups of four. */
        private String iban() {
            StringBuilder bban = new StringBuilder(18);
            for (int i = 0; i < 18; i++) {
                bban.append(random.nextInt(10));
            }
            int check = 98 - CheckDigits.mod97(bban + "DE00");
            String iban = "DE" + two(check) + bban;
            StringBuilder printed = new StringBuilder();
            for (int i = 0; i < iban.length(); i += 4) {
                printed.append(i > 0 ? " " : "").append(iban, i, Math.min(i + 4, iban.length()));
            }
            return printed.toString();
        }

        /** A US number libphonenumber calls valid (the default region list is US). */
        private String phone() {
            while (true) {
                String area = pick(US_AREAS);
                int exchange = 201 + random.nextInt(799);
                if (exchange == 555 || exchange % 100 == 11) {
                    continue;
                }
                String printed = "(" + area + ") " + exchange + "-" + String.format(Locale.ROOT, "%04d",
                        random.nextInt(10_000));
                try {
                    if (PHONES.isValidNumber(PHONES.parse(printed, "US"))) {
                        return printed;
                    }
                } catch (NumberParseException e) {
                    // not a number libphonenumber accepts: draw another
                }
            }
        }

        private String timestamp() {
            return "2024-" + two(1 + random.nextInt(12)) + "-" + two(1 + random.nextInt(28)) + "T"
                    + two(random.nextInt(24)) + ":" + two(random.nextInt(60)) + ":" + two(random.nextInt(60)) + "Z";
        }

        private String hex(int n) {
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append(Character.forDigit(random.nextInt(16), 16));
            }
            return sb.toString();
        }

        private String pick(String[] options) {
            return options[random.nextInt(options.length)];
        }

        private static String two(int n) {
            return n < 10 ? "0" + n : Integer.toString(n);
        }

        private static void appendJsonString(StringBuilder out, CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
        }

    }
}
