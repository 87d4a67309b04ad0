package dev.piigate.jobs.eval;

import static dev.piigate.jobs.eval.IndependentIds.AADHAAR;
import static dev.piigate.jobs.eval.IndependentIds.CF;
import static dev.piigate.jobs.eval.IndependentIds.CPF;
import static dev.piigate.jobs.eval.IndependentIds.CURP;
import static dev.piigate.jobs.eval.IndependentIds.DNI;
import static dev.piigate.jobs.eval.IndependentIds.ITIN;
import static dev.piigate.jobs.eval.IndependentIds.NIE;
import static dev.piigate.jobs.eval.IndependentIds.NINO;
import static dev.piigate.jobs.eval.IndependentIds.NIR;
import static dev.piigate.jobs.eval.IndependentIds.PAN;
import static dev.piigate.jobs.eval.IndependentIds.SIN;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.piigate.jobs.testing.CheckDigits;

/**
 * Makes the values issue 13's records plant: national identifiers in their written forms (valid,
 * with a failing check, masked), IP addresses (public, test ranges, placeholders, look-alikes) and
 * dates in every written form. Values are random, made up here; check digits come from
 * {@link IndependentIds}'s functions, which the test pins to published examples. Every draw comes
 * from the one {@link Random} the ids stream owns.
 */
final class IdValues {
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String CONSONANTS = "BCDFGHJKLMNPRSTVZ";
    private static final String VOWELS = "AEIOU";

    /** Written forms per national type: the generator draws each equally often, the test asserts each appears. */
    static final Map<String, List<String>> FORMS = Map.ofEntries(
            Map.entry(NINO, List.of("spaced", "compact")),
            Map.entry(SIN, List.of("spaced", "dashed", "compact")),
            Map.entry(AADHAAR, List.of("spaced", "compact", "dashed")),
            Map.entry(PAN, List.of("plain")),
            Map.entry(CPF, List.of("dotted", "bare")),
            Map.entry(DNI, List.of("compact", "dashed")),
            Map.entry(NIE, List.of("compact", "dashed")),
            Map.entry(NIR, List.of("spaced", "compact", "corsica")),
            Map.entry(CF, List.of("plain", "omocodia")),
            Map.entry(CURP, List.of("plain")),
            Map.entry(ITIN, List.of("dashed", "spaced")));

    /** A value as written: the form (for the kind) and its text. */
    record Written(String form, String text) {}

    private final Random r;

    IdValues(Random random) {
        this.r = random;
    }

    String pick(String... options) {
        return options[r.nextInt(options.length)];
    }

    <T> T pick(List<T> options) {
        return options.get(r.nextInt(options.size()));
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

    String chars(int n, String alphabet) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String two(int n) {
        return String.format(Locale.ROOT, "%02d", n);
    }

    // ---------------------------------------------------------------- national identifiers, compact

    String nino() {
        while (true) {
            String c = chars(2, UPPER) + digits(6) + chars(1, "ABCD");
            if (IndependentIds.ninoRules(c) && !c.equals(IndependentIds.HMRC_EXAMPLE)) {
                return c;
            }
        }
    }

    /** A prefix HMRC never issues (excluded letter or pair), or a suffix past D. */
    String ninoBad() {
        return switch (r.nextInt(3)) {
            case 0 -> pick("BG", "GB", "KN", "NK", "NT", "TN", "ZZ") + digits(6) + chars(1, "ABCD");
            case 1 -> chars(1, "DFIUV") + chars(1, "ABCEHJKLMNPRSTWXYZ") + digits(6) + chars(1, "ABCD");
            default -> {
                String ok = nino();
                yield ok.substring(0, 8) + chars(1, "EFGHJKLMNPRSTWXYZ");
            }
        };
    }

    String sin() {
        String payload = chars(1, "12345679") + digits(7);
        for (char c = '0'; c <= '9'; c++) {
            if (Independent.luhn(payload + c)) {
                return payload + c;
            }
        }
        throw new IllegalStateException("no Luhn digit");
    }

    String sinBad() {
        String ok = sin();
        return ok.substring(0, 8) + (char) ('0' + (ok.charAt(8) - '0' + between(1, 9)) % 10);
    }

    String aadhaar() {
        while (true) {
            String payload = chars(1, "23456789") + digits(10);
            String d = payload + CheckDigits.verhoeffDigit(payload);
            if (!new StringBuilder(d).reverse().toString().equals(d)) {
                return d;
            }
        }
    }

    String aadhaarBad() {
        String ok = aadhaar();
        return ok.substring(0, 11) + (char) ('0' + (ok.charAt(11) - '0' + between(1, 9)) % 10);
    }

    String pan() {
        String serial;
        do {
            serial = digits(4);
        } while (serial.equals("0000"));
        return chars(3, UPPER) + chars(1, IndependentIds.PAN_HOLDER_TYPES) + chars(1, UPPER) + serial + chars(1, UPPER);
    }

    /** The fourth letter no holder type. */
    String panBad() {
        String ok = pan();
        return ok.substring(0, 3) + chars(1, "DEIMNOQRSUVWXYZ") + ok.substring(4);
    }

    String cpf() {
        String nine;
        do {
            nine = digits(9);
        } while (Independent.allSame(nine));
        return nine + CheckDigits.cpfCheck(nine);
    }

    String cpfBad() {
        String ok = cpf();
        return ok.substring(0, 10) + (char) ('0' + (ok.charAt(10) - '0' + between(1, 9)) % 10);
    }

    String dni() {
        String eight = two(between(0, 99)) + digits(6);
        return eight + CheckDigits.mod23(Long.parseLong(eight));
    }

    private char otherLetter(char right) {
        char c;
        do {
            c = IndependentIds.MOD23.charAt(r.nextInt(23));
        } while (c == right);
        return c;
    }

    String dniBad() {
        String ok = dni();
        return ok.substring(0, 8) + otherLetter(ok.charAt(8));
    }

    String nie() {
        int lead = r.nextInt(3);
        String seven = digits(7);
        return "XYZ".charAt(lead) + seven + CheckDigits.mod23(Long.parseLong(lead + seven));
    }

    String nieBad() {
        String ok = nie();
        return ok.substring(0, 8) + otherLetter(ok.charAt(8));
    }

    /** Sex, year, month, department (2A/2B for Corsica when asked), commune, order, key. */
    String nir(boolean corsica) {
        String dept = corsica ? pick("2A", "2B") : two(pick(List.of(between(1, 19), between(21, 95))));
        String thirteen = chars(1, "12") + two(between(30, 99)) + two(between(1, 12)) + dept
                + String.format(Locale.ROOT, "%03d", between(1, 990)) + String.format(Locale.ROOT, "%03d", between(1, 999));
        return thirteen + CheckDigits.nirKey(thirteen);
    }

    String nirBad(boolean corsica) {
        String ok = nir(corsica);
        int key = Integer.parseInt(ok.substring(13));
        int other;
        do {
            other = between(1, 97);
        } while (other == key);
        return ok.substring(0, 13) + two(other);
    }

    /** Surname and name letters, year, month letter, day (+40 for women), place, check; omocodia replaces digits from the right. */
    String codiceFiscale(boolean omocodia) {
        int month = between(1, 12);
        int day = between(1, 28) + (chance(0.5) ? 40 : 0);
        StringBuilder sb = new StringBuilder()
                .append(chars(3, CONSONANTS)).append(chars(3, CONSONANTS)).append(two(between(40, 99)))
                .append(IndependentIds.CF_MONTHS.charAt(month - 1)).append(two(day))
                .append(chars(1, "ABCDEFGHILM")).append(String.format(Locale.ROOT, "%03d", between(1, 999)));
        if (omocodia) {
            int[] digitPositions = {14, 13, 12, 10, 9, 7, 6};
            int n = between(1, 3);
            for (int i = 0; i < n; i++) {
                int p = digitPositions[i];
                sb.setCharAt(p, IndependentIds.CF_OMOCODIA.charAt(sb.charAt(p) - '0'));
            }
        }
        return sb.toString() + CheckDigits.cfCheck(sb.toString());
    }

    String codiceFiscaleBad() {
        String ok = codiceFiscale(chance(0.3));
        char right = ok.charAt(15);
        char other;
        do {
            other = UPPER.charAt(r.nextInt(26));
        } while (other == right);
        return ok.substring(0, 15) + other;
    }

    /**
     * Consonant, vowel, consonant, consonant (the pattern of real CURPs' name letters, and none of
     * RENAPO's replaced words), birth date, sex, state, consonants, homoclave, check digit.
     */
    String curp() {
        int year = between(1930, 2015);
        LocalDate d = LocalDate.of(year, between(1, 12), between(1, 28));
        String seventeen = chars(1, CONSONANTS) + chars(1, VOWELS) + chars(2, CONSONANTS)
                + two(year % 100) + two(d.getMonthValue()) + two(d.getDayOfMonth()) + pick("H", "M")
                + pick(List.copyOf(new java.util.TreeSet<>(IndependentIds.CURP_STATES))) + chars(3, CONSONANTS)
                + (year < 2000 ? digits(1) : chars(1, UPPER));
        return seventeen + CheckDigits.curpCheck(seventeen);
    }

    String curpBad() {
        String ok = curp();
        return ok.substring(0, 17) + (char) ('0' + (ok.charAt(17) - '0' + between(1, 9)) % 10);
    }

    String itin() {
        int group = pick(List.of(between(50, 65), between(70, 88), between(90, 92), between(94, 99)));
        return "9" + digits(2) + two(group) + digits(4);
    }

    /** Middle digits outside the IRS ranges (66-69, 89, 93 the ATIN, or 00-49). */
    String itinBad() {
        int group = pick(List.of(between(66, 69), 89, 93, between(10, 49)));
        return "9" + digits(2) + two(group) + digits(4);
    }

    // ---------------------------------------------------------------- written forms

    /** A valid value of the type in one of its forms. */
    Written value(String type) {
        String form = pick(FORMS.get(type));
        return new Written(form, write(type, form, compact(type, form, true)));
    }

    /** A same-shape value whose check or structural rule fails. */
    Written bad(String type) {
        String form = pick(FORMS.get(type));
        return new Written(form + ".bad-check", write(type, form, compact(type, form, false)));
    }

    private String compact(String type, String form, boolean valid) {
        return switch (type) {
            case NINO -> valid ? nino() : ninoBad();
            case SIN -> valid ? sin() : sinBad();
            case AADHAAR -> valid ? aadhaar() : aadhaarBad();
            case PAN -> valid ? pan() : panBad();
            case CPF -> valid ? cpf() : cpfBad();
            case DNI -> valid ? dni() : dniBad();
            case NIE -> valid ? nie() : nieBad();
            case NIR -> valid ? nir(form.equals("corsica")) : nirBad(form.equals("corsica"));
            case CF -> valid ? codiceFiscale(form.equals("omocodia")) : codiceFiscaleBad();
            case CURP -> valid ? curp() : curpBad();
            case ITIN -> valid ? itin() : itinBad();
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** The compact value in a written form. */
    static String write(String type, String form, String c) {
        return switch (type) {
            case NINO -> form.equals("spaced") ? c.substring(0, 2) + " " + c.substring(2, 4) + " " + c.substring(4, 6) + " "
                    + c.substring(6, 8) + " " + c.substring(8) : c;
            case SIN -> form.equals("compact") ? c : groups(c, form.equals("spaced") ? " " : "-", 3, 3, 3);
            case AADHAAR -> form.equals("compact") ? c : groups(c, form.equals("spaced") ? " " : "-", 4, 4, 4);
            case CPF -> form.equals("dotted") ? c.substring(0, 3) + "." + c.substring(3, 6) + "." + c.substring(6, 9) + "-"
                    + c.substring(9) : c;
            case DNI -> form.equals("dashed") ? c.substring(0, 8) + "-" + c.substring(8) : c;
            case NIE -> form.equals("dashed") ? c.charAt(0) + "-" + c.substring(1, 8) + "-" + c.substring(8) : c;
            case NIR -> form.equals("compact") ? c : c.charAt(0) + " " + c.substring(1, 3) + " " + c.substring(3, 5) + " "
                    + c.substring(5, 7) + " " + c.substring(7, 10) + " " + c.substring(10, 13) + " " + c.substring(13);
            case ITIN -> groups(c, form.equals("spaced") ? " " : "-", 3, 2, 4);
            default -> c;
        };
    }

    private static String groups(String digits, String sep, int... sizes) {
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (int s : sizes) {
            if (at > 0) {
                sb.append(sep);
            }
            sb.append(digits, at, at + s);
            at += s;
        }
        return sb.toString();
    }

    /** How many trailing letters or digits each type's masked form leaves in clear. */
    private static final Map<String, List<Integer>> CLEAR = Map.ofEntries(
            Map.entry(NINO, List.of(1, 3)), Map.entry(SIN, List.of(3)), Map.entry(AADHAAR, List.of(4)),
            Map.entry(PAN, List.of(1, 4)), Map.entry(CPF, List.of(2)), Map.entry(DNI, List.of(1, 4)),
            Map.entry(NIE, List.of(1, 4)), Map.entry(NIR, List.of(2)), Map.entry(CF, List.of(4)),
            Map.entry(CURP, List.of(4)), Map.entry(ITIN, List.of(4)));

    /**
     * A masked value: a valid one's shape, every letter or digit but the last few replaced by one
     * mask character ({@code *} or {@code X}; {@code *} alone where X is itself a letter of the
     * value, as the NIE's first), separators kept: {@code *** *** 782}, {@code XXXX XXXX 1234}.
     */
    Written masked(String type) {
        Written w = value(type);
        if (type.equals(NINO) && chance(0.4)) { // the brief's XX XX XX XX C: the suffix letter alone in clear
            String c = w.text().replace(" ", "");
            return new Written("spaced.masked", "XX XX XX XX " + c.charAt(8));
        }
        int keep = pick(CLEAR.get(type));
        char mask = type.equals(NIE) || type.equals(PAN) || type.equals(CF) || type.equals(CURP) ? '*' : pick("*", "X").charAt(0);
        String t = w.text();
        int alnum = 0;
        for (int i = 0; i < t.length(); i++) {
            alnum += Character.isLetterOrDigit(t.charAt(i)) ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder(t);
        int seen = 0;
        for (int i = 0; i < t.length(); i++) {
            if (Character.isLetterOrDigit(t.charAt(i))) {
                if (seen < alnum - keep) {
                    sb.setCharAt(i, mask);
                }
                seen++;
            }
        }
        return new Written(w.form() + ".masked", sb.toString());
    }

    // ---------------------------------------------------------------- IP addresses

    /** A public v4 address: first octet outside every special block this corpus knows. */
    String publicV4() {
        int first;
        do {
            first = between(1, 223);
        } while (first == 10 || first == 100 || first == 127 || first == 169 || first == 172 || first == 192 || first == 198
                || first == 203);
        return first + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
    }

    /** A v4 address of a range the issue calls a test value. */
    String testV4() {
        return switch (r.nextInt(10)) {
            case 0 -> "10." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
            case 1 -> "172." + between(16, 31) + "." + between(0, 255) + "." + between(1, 254);
            case 2 -> "192.168." + between(0, 255) + "." + between(1, 254);
            case 3 -> "127.0.0." + between(1, 9);
            case 4 -> "169.254." + between(1, 254) + "." + between(1, 254);
            case 5 -> "100." + between(64, 127) + "." + between(0, 255) + "." + between(1, 254);
            case 6 -> between(224, 239) + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
            case 7 -> "192.0.2." + between(1, 254);
            case 8 -> "198.51.100." + between(1, 254);
            default -> "203.0.113." + between(1, 254);
        };
    }

    /** Eight groups of a public v6 address (2400::-2c0f:: prefix), some zero so that they compress. */
    int[] publicV6() {
        int[] g = new int[8];
        g[0] = between(0x2400, 0x2c0f);
        for (int i = 1; i < 8; i++) {
            g[i] = chance(0.25) ? r.nextInt(0x100) : r.nextInt(0x10000);
        }
        zeroRun(g);
        return g;
    }

    int[] testV6() {
        int[] g = new int[8];
        switch (r.nextInt(5)) {
            case 0 -> g[7] = 1; // ::1
            case 1 -> {
                g[0] = 0xfe80;
                for (int i = 4; i < 8; i++) {
                    g[i] = r.nextInt(0x10000);
                }
            }
            case 2 -> {
                g[0] = 0xfd00 | r.nextInt(0x100);
                for (int i = 1; i < 8; i++) {
                    g[i] = r.nextInt(0x10000);
                }
                zeroRun(g);
            }
            case 3 -> {
                g[0] = 0xff02;
                g[7] = between(1, 0xfb);
            }
            default -> {
                g[0] = 0x2001;
                g[1] = 0x0db8;
                for (int i = 2; i < 8; i++) {
                    g[i] = chance(0.4) ? 0 : r.nextInt(0x10000);
                }
            }
        }
        return g;
    }

    private void zeroRun(int[] g) {
        if (chance(0.6)) {
            int from = between(2, 6);
            int to = between(from + 1, 7);
            for (int i = from; i < to; i++) {
                g[i] = 0;
            }
        }
    }

    /** RFC 5952's canonical text: lower case, no leading zeros, the longest run of two or more zero groups as ::. */
    static String v6Canonical(int[] g) {
        int bestAt = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** RFC 4291's full form: eight groups, optionally with leading zeros. */
    static String v6Full(int[] g, boolean padded) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                sb.append(':');
            }
            String h = Integer.toHexString(g[i]);
            sb.append(padded ? "0".repeat(4 - h.length()) + h : h);
        }
        return sb.toString();
    }

    /** A v6 address in one of its text forms: {form, text}. */
    Written v6(boolean test) {
        int[] g = test ? testV6() : publicV6();
        return switch (r.nextInt(4)) {
            case 0 -> new Written("v6.full", v6Full(g, false));
            case 1 -> new Written("v6.padded", v6Full(g, true));
            case 2 -> new Written("v6.upper", v6Canonical(g).toUpperCase(Locale.ROOT));
            default -> new Written("v6.compressed", v6Canonical(g));
        };
    }

    static final List<String> IP_PLACEHOLDERS = List.of("0.0.0.0", "x.x.x.x", "<IP_ADDRESS>", "[IP]", "|||IP_ADDRESS|||");

    /** An IP look-alike: {kind suffix, text}. */
    Written ipLookAlike() {
        return switch (r.nextInt(7)) {
            case 0 -> new Written("version", pick("v" + between(1, 9) + "." + between(0, 30) + "." + between(0, 30) + "."
                    + between(0, 99), "version " + between(1, 9) + "." + between(0, 30) + "." + between(0, 300) + "."
                    + between(0, 99), between(1, 9) + "." + between(0, 30) + "." + between(0, 30) + "." + between(0, 99)
                    + pick("-beta", "-rc1", "-SNAPSHOT")));
            case 1 -> new Written("oid", pick("1.3.6.1.4.1." + between(1, 60000) + "." + between(1, 99),
                    "2.5.4." + between(3, 60) + ".1", "1.2.840.113549.1.1." + between(1, 14)));
            case 2 -> new Written("section", pick("section ", "Section ", "§ ") + between(1, 12) + "." + between(1, 9) + "."
                    + between(1, 9) + "." + between(1, 9));
            case 3 -> new Written("mac", String.format(Locale.ROOT, "%02x:%02x:%02x:%02x:%02x:%02x", r.nextInt(256),
                    r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            case 4 -> new Written("time", String.format(Locale.ROOT, "%02d:%02d:%02d", between(0, 23), between(0, 59),
                    between(0, 59)));
            case 5 -> new Written("octet", pick(between(256, 999) + "." + between(0, 255) + "." + between(0, 255) + "."
                    + between(1, 254), publicV4().replaceFirst("\\.[0-9]+$", "." + between(256, 999))));
            default -> new Written("cpp", pick("std::vector", "std::string", "Foo::bar", "crate::io", "ns::Type"));
        };
    }

    // ---------------------------------------------------------------- dates

    /** Written date forms per language (the issue's list). */
    static final Map<String, List<String>> DATE_FORMS = Map.of(
            "en", List.of("iso", "dmy-slash", "mdy-slash", "text-en-mdy", "text-en", "dmy-dot"),
            "fr", List.of("iso", "dmy-slash", "text-fr", "dmy-dot"),
            "de", List.of("iso", "dmy-dot", "text-de"),
            "es", List.of("iso", "dmy-slash", "text-es", "dmy-dash"),
            "pt", List.of("iso", "dmy-slash", "text-pt"),
            "it", List.of("iso", "dmy-slash", "text-it", "dmy-dot"));

    LocalDate birthDate() {
        return LocalDate.of(between(1930, 2010), between(1, 12), between(2, 28));
    }

    LocalDate otherDate() {
        return LocalDate.of(between(1990, 2030), between(1, 12), between(2, 28));
    }

    /** The date in a form. */
    static String date(String form, LocalDate d) {
        String dd = two(d.getDayOfMonth());
        String mm = two(d.getMonthValue());
        String yyyy = Integer.toString(d.getYear());
        return switch (form) {
            case "iso" -> yyyy + "-" + mm + "-" + dd;
            case "dmy-slash" -> dd + "/" + mm + "/" + yyyy;
            case "mdy-slash" -> mm + "/" + dd + "/" + yyyy;
            case "dmy-dot" -> dd + "." + mm + "." + yyyy;
            case "dmy-dash" -> dd + "-" + mm + "-" + yyyy;
            case "text-en-mdy" -> IndependentIds.MONTHS.get("en").get(d.getMonthValue() - 1) + " " + d.getDayOfMonth() + ", "
                    + yyyy;
            case "text-de" -> d.getDayOfMonth() + ". " + IndependentIds.MONTHS.get("de").get(d.getMonthValue() - 1) + " "
                    + yyyy;
            case "text-es", "text-pt" -> d.getDayOfMonth() + " de "
                    + IndependentIds.MONTHS.get(form.substring(5)).get(d.getMonthValue() - 1) + " de " + yyyy;
            default -> d.getDayOfMonth() + " " + IndependentIds.MONTHS.get(form.substring(5)).get(d.getMonthValue() - 1)
                    + " " + yyyy;
        };
    }

    /** {@code XX/XX/1987}, {@code **}{@code /**}{@code /****}, {@code XX.XX.1987}, {@code **}{@code /**}{@code /1987}. */
    String maskedDate(LocalDate d) {
        String y = Integer.toString(d.getYear());
        return pick("XX/XX/" + y, "**/**/****", "XX.XX." + y, "**/**/" + y, "xx/xx/" + y);
    }
}
