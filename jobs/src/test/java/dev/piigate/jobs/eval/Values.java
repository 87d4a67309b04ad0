package dev.piigate.jobs.eval;

import static dev.piigate.jobs.eval.Independent.CARD;
import static dev.piigate.jobs.eval.Independent.EMAIL;
import static dev.piigate.jobs.eval.Independent.IBAN;
import static dev.piigate.jobs.eval.Independent.PHONE;
import static dev.piigate.jobs.eval.Independent.SSN;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.apache.commons.validator.routines.checkdigit.CheckDigitException;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import dev.piigate.jobs.eval.TextBuilder.Planted;
import net.datafaker.Faker;

/**
 * Makes the values the corpus plants: valid values of every type in their written forms, masked
 * forms, public test values, and look-alikes that are not PII. Every draw comes from one seeded
 * {@link Random}, so a seed gives the same corpus on every machine.
 */
final class Values {
    /**
     * IBAN formats (SWIFT registry notation: n digits, a upper-case letters, c alphanumerics), for
     * 40 countries. Lengths include the country code and check digits.
     */
    static final Map<String, String> IBAN_FORMATS = new LinkedHashMap<>();
    static final Map<String, Integer> IBAN_LENGTHS = new LinkedHashMap<>();

    static {
        String[][] table = {
            {"AD", "4n4n12c"}, {"AE", "3n16n"}, {"AL", "8n16c"}, {"AT", "5n11n"}, {"AZ", "4a20c"}, {"BA", "3n3n8n2n"},
            {"BE", "3n7n2n"}, {"BG", "4a4n2n8c"}, {"BH", "4a14c"}, {"BR", "8n5n10n1a1c"}, {"CH", "5n12c"},
            {"CY", "3n5n16c"}, {"CZ", "4n6n10n"}, {"DE", "8n10n"}, {"DK", "4n9n1n"}, {"EE", "2n2n11n1n"},
            {"ES", "4n4n1n1n10n"}, {"FI", "3n11n"}, {"FR", "5n5n11c2n"}, {"GB", "4a6n8n"}, {"GE", "2a16n"},
            {"GI", "4a15c"}, {"GR", "3n4n16c"}, {"HR", "7n10n"}, {"HU", "3n4n1n15n1n"}, {"IE", "4a6n8n"},
            {"IL", "3n3n13n"}, {"IS", "4n2n6n10n"}, {"IT", "1a5n5n12c"}, {"KW", "4a22c"}, {"LI", "5n12c"},
            {"LT", "5n11n"}, {"LU", "3n13c"}, {"MT", "4a5n18c"}, {"NL", "4a10n"}, {"NO", "4n6n1n"}, {"PL", "8n16n"},
            {"PT", "4n4n11n2n"}, {"RO", "4a16c"}, {"SA", "2n18c"}, {"SE", "3n16n1n"}, {"SI", "5n8n2n"},
            {"SK", "4n6n10n"}, {"TR", "5n1n16c"}, {"UA", "6n19c"},
        };
        for (String[] row : table) {
            IBAN_FORMATS.put(row[0], row[1]);
            int length = 4;
            for (String part : row[1].split("(?<=[nac])", 0)) {
                length += Integer.parseInt(part.substring(0, part.length() - 1));
            }
            IBAN_LENGTHS.put(row[0], length);
        }
    }

    /** Phone regions planted in national formats; the evaluation config lists the same. */
    static final List<String> PHONE_REGIONS = List.of("US", "GB", "DE", "FR", "IN");

    /** National significant number prefixes per region, each followed by random digits up to a length. */
    private static final Map<String, String[]> PHONE_PREFIXES = Map.of(
            "US", new String[] {"201:10", "212:10", "213:10", "305:10", "312:10", "404:10", "415:10", "503:10",
                "512:10", "617:10", "702:10", "713:10", "718:10", "206:10", "303:10", "614:10", "704:10", "808:10"},
            "GB", new String[] {"207:10", "208:10", "113:10", "121:10", "161:10", "131:10", "117:10", "1223:10",
                "1865:10", "771:10", "781:10", "791:10", "740:10", "755:10"},
            "DE", new String[] {"30:10", "30:11", "89:10", "40:10", "69:10", "221:10", "151:11", "160:10", "170:10",
                "176:11", "711:10"},
            "FR", new String[] {"1:9", "2:9", "3:9", "4:9", "5:9", "6:9", "7:9"},
            "IN", new String[] {"98:10", "97:10", "91:10", "88:10", "70:10", "63:10", "2226:10", "1123:10", "8025:10",
                "4428:10"});

    private static final String[] MAIL_PROVIDERS = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com",
        "icloud.com", "proton.me", "gmx.de", "web.de", "orange.fr", "yahoo.co.uk", "rediffmail.com", "aol.com",
        "fastmail.com", "btinternet.com", "free.fr"};
    private static final String[] TLDS = {"com", "net", "org", "io", "co.uk", "de", "fr", "in", "biz", "info", "dev",
        "ai", "app", "us", "eu", "co"};

    private final Random r;
    private final Faker faker;

    Values(Random random, Faker faker) {
        this.r = random;
        this.faker = faker;
    }

    <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    String pick(String... options) {
        return options[r.nextInt(options.length)];
    }

    boolean chance(double p) {
        return r.nextDouble() < p;
    }

    int between(int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private String chars(int n, String alphabet) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    String hex(int n) {
        return chars(n, "0123456789abcdef");
    }

    // ---------------------------------------------------------------- cards

    /** A Luhn-valid PAN of the brand and length, not a public test number. */
    String pan(Independent.Brand brand, int length) {
        for (int attempt = 0; ; attempt++) {
            String range = pick(brand.prefixes());
            String prefix;
            int dash = range.indexOf('-');
            if (dash < 0) {
                prefix = range;
            } else {
                int lo = Integer.parseInt(range.substring(0, dash));
                int hi = Integer.parseInt(range.substring(dash + 1));
                prefix = String.format(Locale.ROOT, "%0" + (dash) + "d", between(lo, hi));
            }
            String body = prefix + digits(length - 1 - prefix.length());
            String pan = body + luhnDigit(body);
            if (Independent.card(pan) || attempt > 100) {
                return pan;
            }
        }
    }

    static String luhnDigit(String body) {
        try {
            return LuhnCheckDigit.LUHN_CHECK_DIGIT.calculate(body);
        } catch (CheckDigitException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The grouping a card of this length is printed with (Amex and Diners have their own). */
    static int[] grouping(String brand, int length) {
        if (brand.equals("amex")) {
            return new int[] {4, 6, 5};
        }
        if (brand.equals("diners")) {
            return new int[] {4, 6, 4};
        }
        return switch (length) {
            case 13 -> new int[] {4, 4, 5};
            case 15 -> new int[] {4, 4, 4, 3};
            case 16 -> new int[] {4, 4, 4, 4};
            case 17 -> new int[] {4, 4, 4, 5};
            case 18 -> new int[] {4, 4, 4, 6};
            case 19 -> new int[] {4, 4, 4, 4, 3};
            default -> new int[] {length};
        };
    }

    static String group(String s, int[] groups, String sep) {
        if (sep.isEmpty()) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (int g : groups) {
            if (at > 0) {
                sb.append(sep);
            }
            sb.append(s, at, at + g);
            at += g;
        }
        return sb.toString();
    }

    Planted card() {
        Independent.Brand brand = pick(Independent.BRANDS);
        int length = pick(brand.lengths());
        String pan = pan(brand, length);
        String sep = pick("", " ", "-");
        String form = sep.isEmpty() ? "bare" : sep.equals(" ") ? "space" : "dash";
        return new Planted(CARD, group(pan, grouping(brand.name(), length), sep), Label.UNMASKED,
                "card." + brand.name() + "." + length + "." + form);
    }

    /** A card of a regional scheme (Verve, RuPay, Elo, Troy...): written only next to a card keyword. */
    Planted regionalCard() {
        Independent.Brand brand = pick(Independent.REGIONAL_BRANDS);
        int length = pick(brand.lengths());
        while (true) {
            String range = pick(brand.prefixes());
            int dash = range.indexOf('-');
            String prefix = dash < 0 ? range : String.format(Locale.ROOT, "%0" + dash + "d",
                    between(Integer.parseInt(range.substring(0, dash)), Integer.parseInt(range.substring(dash + 1))));
            String body = prefix + digits(length - 1 - prefix.length());
            String pan = body + luhnDigit(body);
            if (Independent.regionalCard(pan) && !Independent.card(pan)) {
                String sep = pick("", " ", "-");
                String form = sep.isEmpty() ? "bare" : sep.equals(" ") ? "space" : "dash";
                return new Planted(CARD, group(pan, grouping(brand.name(), length), sep), Label.UNMASKED,
                        "card.regional." + brand.name() + "." + form);
            }
        }
    }

    Planted testCard() {
        String pan = pick(new ArrayList<>(new java.util.TreeSet<>(Independent.TEST_CARDS)));
        Independent.Brand brand = Independent.brandOf(pan);
        String sep = pick("", " ");
        return new Planted(CARD, group(pan, grouping(brand == null ? "" : brand.name(), pan.length()), sep),
                Label.TEST, "card.test");
    }

    Planted maskedCard() {
        boolean amex = chance(0.2);
        String pan = amex ? pan(Independent.BRANDS.get(3), 15) : pan(Independent.BRANDS.get(chance(0.5) ? 0 : 2), 16);
        String last4 = pan.substring(pan.length() - 4);
        String m = pick("*", "X", "x", "#", "•");
        String text;
        String kind;
        int style = r.nextInt(4);
        if (amex) {
            text = style < 2 ? m.repeat(4) + " " + m.repeat(6) + " " + m + last4 : m.repeat(11) + last4;
            kind = "card.masked.amex";
        } else if (style == 0) {
            String sep = pick(" ", "-");
            text = String.join(sep, m.repeat(4), m.repeat(4), m.repeat(4), last4);
            kind = "card.masked.last4.grouped";
        } else if (style == 1) {
            text = m.repeat(12) + last4;
            kind = "card.masked.last4.bare";
        } else if (style == 2) {
            text = pan.substring(0, 6) + "*".repeat(6) + last4;
            kind = "card.masked.bin6last4";
        } else {
            text = pan.substring(0, 4) + " " + "XXXX XXXX " + last4;
            kind = "card.masked.first4last4";
        }
        return new Planted(CARD, text, Label.MASKED, kind);
    }

    // ---------------------------------------------------------------- SSNs

    String ssnDigits() {
        while (true) {
            int area = between(1, 899);
            if (area == 666) {
                continue;
            }
            String d = String.format(Locale.ROOT, "%03d%02d%04d", area, between(1, 99), between(1, 9999));
            if (Independent.ssnDigits(d)) {
                return d;
            }
        }
    }

    /** form: dashed, spaced or bare. */
    Planted ssn(String form, String where) {
        String d = ssnDigits();
        String text = switch (form) {
            case "dashed" -> d.substring(0, 3) + "-" + d.substring(3, 5) + "-" + d.substring(5);
            case "spaced" -> d.substring(0, 3) + " " + d.substring(3, 5) + " " + d.substring(5);
            default -> d;
        };
        return new Planted(SSN, text, Label.UNMASKED, "ssn." + form + "." + where);
    }

    Planted maskedSsn() {
        String m = pick("X", "*", "x", "#", "•");
        String sep = pick("-", "-", " ");
        String serial = String.format(Locale.ROOT, "%04d", between(1, 9999));
        return new Planted(SSN, m.repeat(3) + sep + m.repeat(2) + sep + serial, Label.MASKED, "ssn.masked");
    }

    // ---------------------------------------------------------------- IBANs

    String ibanCompact(String country) {
        StringBuilder bban = new StringBuilder();
        for (String part : IBAN_FORMATS.get(country).split("(?<=[nac])", 0)) {
            int n = Integer.parseInt(part.substring(0, part.length() - 1));
            char kind = part.charAt(part.length() - 1);
            bban.append(kind == 'n' ? digits(n) : kind == 'a' ? chars(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                    : chars(n, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"));
        }
        return country + checkDigits(country, bban.toString()) + bban;
    }

    static String checkDigits(String country, String bban) {
        String rearranged = bban + country + "00";
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int mod = new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return String.format(Locale.ROOT, "%02d", 98 - mod);
    }

    static String printForm(String compact) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < compact.length(); i += 4) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(compact, i, Math.min(compact.length(), i + 4));
        }
        return sb.toString();
    }

    Planted iban() {
        String country = pick(new ArrayList<>(IBAN_FORMATS.keySet()));
        String compact = ibanCompact(country);
        boolean print = chance(0.5);
        String text = print ? printForm(compact) : compact;
        if (chance(0.05)) {
            text = text.toLowerCase(Locale.ROOT);
        }
        return new Planted(IBAN, text, Label.UNMASKED, "iban." + (print ? "print" : "electronic") + "." + country);
    }

    Planted maskedIban() {
        String country = pick("DE", "GB", "FR", "NL", "ES", "IT", "BE", "CH");
        String compact = ibanCompact(country);
        String m = pick("*", "X", "#");
        StringBuilder masked = new StringBuilder(compact);
        for (int i = 4; i < compact.length() - 4; i++) {
            masked.setCharAt(i, m.charAt(0));
        }
        boolean print = chance(0.6);
        return new Planted(IBAN, print ? printForm(masked.toString()) : masked.toString(), Label.MASKED,
                "iban.masked." + (print ? "print" : "electronic"));
    }

    /** A valid IBAN with a changed check digit pair or one changed BBAN digit: fails mod 97. */
    String badIban() {
        while (true) {
            String compact = ibanCompact(pick(new ArrayList<>(IBAN_FORMATS.keySet())));
            StringBuilder sb = new StringBuilder(compact);
            int i = chance(0.5) ? 2 + r.nextInt(2) : compact.length() - 1 - r.nextInt(4);
            if (!Character.isDigit(sb.charAt(i))) {
                continue;
            }
            sb.setCharAt(i, (char) ('0' + (sb.charAt(i) - '0' + 1 + r.nextInt(9)) % 10));
            String bad = sb.toString();
            if (!Independent.iban(bad)) {
                return chance(0.5) ? printForm(bad) : bad;
            }
        }
    }

    // ---------------------------------------------------------------- phones

    PhoneNumber phoneNumber(String region) {
        String[] prefixes = PHONE_PREFIXES.get(region);
        for (int attempt = 0; attempt < 1000; attempt++) {
            String[] p = pick(prefixes).split(":", -1);
            String nsn = p[0] + digits(Integer.parseInt(p[1]) - p[0].length());
            if (region.equals("US") && (nsn.charAt(3) < '2' || nsn.startsWith("555", 3))) {
                continue; // exchange codes start 2-9; 555 holds the fictional range
            }
            String national = region.equals("US") ? nsn : "0" + nsn; // trunk prefix 0 elsewhere
            PhoneNumber n = Independent.parsePhone(national, region);
            if (n != null && Independent.phone(national, region)) {
                return n;
            }
        }
        throw new IllegalStateException("no valid " + region + " number found");
    }

    Planted phone() {
        String region = pick(PHONE_REGIONS);
        PhoneNumber n = phoneNumber(region);
        int style = r.nextInt(11);
        String text;
        String form;
        if (style == 10) {
            // One run of digits as exports and forms hold it; with the trunk prefix outside NANPA.
            String nsn = Long.toString(n.getNationalNumber());
            text = region.equals("US") ? nsn : "0" + nsn;
            form = "bare";
        } else if (style < 5) {
            text = Independent.PHONES.format(n, PhoneNumberFormat.NATIONAL);
            form = "national";
            if (region.equals("US") && style >= 2) {
                String nsn = Long.toString(n.getNationalNumber());
                String sep = pick("-", ".", " ");
                text = nsn.substring(0, 3) + sep + nsn.substring(3, 6) + sep + nsn.substring(6);
                form = "national-sep";
            } else if (region.equals("FR") && style == 4) {
                text = text.replace(' ', '.');
                form = "national-dots";
            } else if (region.equals("DE") && style == 4) {
                text = text.replaceFirst(" ", "/");
                form = "national-slash";
            }
        } else if (style < 8) {
            text = Independent.PHONES.format(n, PhoneNumberFormat.INTERNATIONAL);
            form = "international";
        } else {
            text = Independent.PHONES.format(n, PhoneNumberFormat.E164);
            form = "e164";
        }
        return new Planted(PHONE, text, Label.UNMASKED, "phone." + form + "." + region);
    }

    Planted testPhone() {
        if (chance(0.5)) {
            String area = pick("201", "212", "415", "312", "617");
            String text = "(" + area + ") 555-01" + digits(2);
            if (Independent.testPhone(text, "US")) {
                return new Planted(PHONE, text, Label.TEST, "phone.fictional.US");
            }
        }
        return new Planted(PHONE, "020 7946 0" + digits(3), Label.TEST, "phone.fictional.GB");
    }

    Planted maskedPhone() {
        String last4 = digits(4);
        String m = pick("*", "X", "x");
        String text = switch (r.nextInt(4)) {
            case 0 -> "(" + m.repeat(3) + ") " + m.repeat(3) + "-" + last4;
            case 1 -> m.repeat(3) + "-" + m.repeat(3) + "-" + last4;
            case 2 -> "+1 " + m.repeat(3) + " " + m.repeat(3) + " " + last4;
            default -> "+44 " + m.repeat(4) + " " + m.repeat(3) + last4.substring(1);
        };
        return new Planted(PHONE, text, Label.MASKED, "phone.masked");
    }

    // ---------------------------------------------------------------- e-mails

    private String letters(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    String emailAddress() {
        for (int attempt = 0; ; attempt++) {
            String first = letters(faker.name().firstName());
            String last = letters(faker.name().lastName());
            if (first.isEmpty() || last.isEmpty()) {
                continue;
            }
            String local = switch (r.nextInt(6)) {
                case 0 -> first + "." + last;
                case 1 -> first.charAt(0) + last;
                case 2 -> first + "_" + last + between(1, 99);
                case 3 -> first + "." + last + "+" + pick("news", "shop", "work", "github");
                case 4 -> first + between(1950, 2010);
                default -> last + "." + first.charAt(0);
            };
            String domain = chance(0.6) ? pick(MAIL_PROVIDERS)
                    : letters(faker.company().name()).replaceAll("(.{3,14}).*", "$1") + "." + pick(TLDS);
            String email = local + "@" + domain;
            if (Independent.email(email) || attempt > 50) {
                return chance(0.05) ? capitalise(email) : email;
            }
        }
    }

    private static String capitalise(String email) {
        return Character.toUpperCase(email.charAt(0)) + email.substring(1);
    }

    Planted email() {
        return new Planted(EMAIL, emailAddress(), Label.UNMASKED, "email.plain");
    }

    Planted maskedEmail() {
        String e = emailAddress();
        int at = e.indexOf('@');
        String text = switch (r.nextInt(4)) {
            case 0 -> e.charAt(0) + "***" + e.substring(at);
            case 1 -> "****" + e.substring(at);
            case 2 -> e.charAt(0) + "•••••" + e.charAt(at - 1) + e.substring(at);
            default -> pick("email@example.com", "firstname.lastname@example.org", "user@example.net",
                    "jane.doe@example.com", "noreply@example.org");
        };
        return new Planted(EMAIL, text, Label.MASKED, text.contains("example.") ? "email.placeholder" : "email.masked");
    }

    /** A redaction token standing for a value of its type. */
    Planted token() {
        String[][] tokens = {{CARD, "<CREDIT_CARD>"}, {SSN, "<US_SSN>"}, {IBAN, "<IBAN_CODE>"},
            {PHONE, "<PHONE_NUMBER>"}, {EMAIL, "<EMAIL_ADDRESS>"}, {EMAIL, "|||EMAIL_ADDRESS|||"},
            {PHONE, "|||PHONE_NUMBER|||"}, {EMAIL, "<EMAIL>"}};
        String[] t = tokens[r.nextInt(tokens.length)];
        return new Planted(t[0], t[1], Label.MASKED, "token");
    }

    // ---------------------------------------------------------------- look-alikes (decoys)

    /** A hard negative: something that looks like one of our types and is not PII. */
    Planted decoy() {
        int k = r.nextInt(20);
        switch (k) {
            case 0: {
                Independent.Brand b = pick(Independent.BRANDS);
                int len = pick(b.lengths());
                String pan = pan(b, len);
                String bad = pan.substring(0, len - 1) + (char) ('0' + (pan.charAt(len - 1) - '0' + 1 + r.nextInt(9)) % 10);
                return Planted.decoy(group(bad, grouping(b.name(), len), pick("", " ", "-")), "neg.card.luhn-invalid");
            }
            case 1:
                return Planted.decoy(pick("ORD-", "PO", "#", "order ", "INV-") + digits(between(6, 10)), "neg.order-number");
            case 2:
                return Planted.decoy(pick("1Z" + chars(6, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789") + digits(10),
                        "9400 1" + digits(3) + " " + digits(4) + " " + digits(4) + " " + digits(4) + " " + digits(2),
                        digits(4) + " " + digits(4) + " " + digits(4)), "neg.tracking-number");
            case 3:
                return Planted.decoy(String.format(Locale.ROOT, "20%02d-%02d-%02dT%02d:%02d:%02d.%03dZ", between(15, 25),
                        between(1, 12), between(1, 28), between(0, 23), between(0, 59), between(0, 59), between(0, 999)),
                        "neg.timestamp");
            case 4:
                return Planted.decoy(Long.toString(1_500_000_000_000L + (long) (r.nextDouble() * 250_000_000_000L))
                        .substring(0, chance(0.5) ? 13 : 10), "neg.epoch");
            case 5:
                return Planted.decoy(hex(8) + "-" + hex(4) + "-4" + hex(3) + "-" + pick("8", "9", "a", "b") + hex(3) + "-"
                        + hex(12), "neg.uuid");
            case 6:
                return Planted.decoy(hex(pick(List.of(32, 40, 64))), "neg.hash");
            case 7:
                return Planted.decoy(isbn(), "neg.isbn");
            case 8:
                return Planted.decoy(pick("v", "", "version ") + between(0, 20) + "." + between(0, 40) + "."
                        + between(0, 300) + (chance(0.3) ? "." + between(1000, 99999) : ""), "neg.version");
            case 9:
                return Planted.decoy("SSN " + invalidSsn(), "neg.ssn.invalid-range");
            case 10:
                return Planted.decoy(badIban(), "neg.iban.bad-check");
            case 11: {
                Independent.Brand b = pick(Independent.BRANDS);
                String pan = pan(b, pick(b.lengths()));
                return Planted.decoy(pick("txn", "ref", "id-", "0x") + pan + digits(between(0, 3)), "neg.glued.card");
            }
            case 12: {
                String run;
                do { // a Luhn-valid run of card length may be a card of a brand our table lacks: not a look-alike
                    run = digits(between(1, 3)) + ssnDigits() + digits(between(1, 3));
                } while (run.length() >= 13 && Independent.luhn(run));
                return Planted.decoy(run, "neg.glued.digits");
            }
            case 13:
                return Planted.decoy(between(1, 254) + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254),
                        "neg.ip");
            case 14:
                return Planted.decoy(String.format(Locale.ROOT, "$%,d.%02d", between(1, 9_999_999), between(0, 99)),
                        "neg.amount");
            case 15:
                return Planted.decoy("order " + ssnDigits(), "neg.ssn.bare-no-keyword");
            case 16:
                return Planted.decoy(String.format(Locale.ROOT, "%02d/%02d/20%02d", between(1, 12), between(1, 28),
                        between(10, 29)), "neg.date");
            case 17:
                return Planted.decoy("EIN " + digits(2) + "-" + digits(7), "neg.ein");
            case 18:
                return Planted.decoy(pick("icon@2x.png", "git@github.com:", "lodash@4.17.21", "@media", "user@localhost"),
                        "neg.at-sign");
            default:
                return Planted.decoy(zipPlus4(), "neg.zip");
        }
    }

    private String zipPlus4() {
        return String.format(Locale.ROOT, "%05d-%04d", between(1001, 99950), between(1, 9999));
    }

    String invalidSsn() {
        String area = pick("000", "666", String.valueOf(between(900, 999)), String.format(Locale.ROOT, "%03d", between(1, 899)));
        String group = area.equals("000") || area.equals("666") || area.startsWith("9") ? String.format(Locale.ROOT,
                "%02d", between(1, 99)) : "00";
        String serial = String.format(Locale.ROOT, "%04d", between(1, 9999));
        if (group.equals("00") && chance(0.5)) {
            group = String.format(Locale.ROOT, "%02d", between(1, 99));
            serial = "0000";
        }
        return area + "-" + group + "-" + serial;
    }

    String isbn() {
        String body = "978" + digits(9);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        String isbn = body + (10 - sum % 10) % 10;
        return "ISBN " + isbn.substring(0, 3) + "-" + isbn.charAt(3) + "-" + isbn.substring(4, 7) + "-"
                + isbn.substring(7, 12) + "-" + isbn.charAt(12);
    }
}
