package dev.piigate.jobs.eval;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.piigate.jobs.testing.CheckDigits;

/**
 * Decides whether a label of issue 13's types is right WITHOUT the detectors under test. Every
 * check is written here from the published rule: HMRC's NINO prefix rules, Luhn (Commons Validator)
 * for the SIN, Verhoeff for Aadhaar, the PAN holder-type letter, the CPF's two mod-11 digits, the
 * DNI/NIE mod-23 letter, the NIR key (97 - n mod 97, Corsica 2A/2B as 19/18), the codice fiscale's
 * odd/even table and omocodia letters, the CURP's weighted check digit over its 37-character
 * alphabet, the IRS's ITIN group ranges (python-stdnum's module docs name the rules; IRS: middle
 * digits 50-65, 70-88, 90-92, 94-99); an IP parser for RFC 4291 text forms; {@link LocalDate} for
 * dates. Keyword presence is read from the record text with the keyword lists below (Macie's rule:
 * within {@link #KEYWORD_DISTANCE} characters before or after).
 */
public final class IndependentIds {
    static final String NINO = "UK_NATIONAL_INSURANCE_NUMBER";
    static final String SIN = "CANADA_SOCIAL_INSURANCE_NUMBER";
    static final String AADHAAR = "INDIA_AADHAAR_NUMBER";
    static final String PAN = "INDIA_PERMANENT_ACCOUNT_NUMBER";
    static final String CPF = "BRAZIL_CPF_NUMBER";
    static final String DNI = "SPAIN_DNI_NUMBER";
    static final String NIE = "SPAIN_NIE_NUMBER";
    static final String NIR = "FRANCE_NATIONAL_IDENTIFICATION_NUMBER";
    static final String CF = "ITALY_NATIONAL_IDENTIFICATION_NUMBER";
    static final String CURP = "MEXICO_CURP_NUMBER";
    static final String ITIN = "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER";
    static final String IP = "IP_ADDRESS";
    static final String DOB = "DATE_OF_BIRTH";

    /** The national identifiers, in the issue's order: keyword-gated, with "values seen without a keyword". */
    static final List<String> NATIONAL = List.of(NINO, SIN, AADHAAR, PAN, CPF, DNI, NIE, NIR, CF, CURP, ITIN);
    static final List<String> TYPES;

    static {
        List<String> all = new ArrayList<>(NATIONAL);
        all.add(IP);
        all.add(DOB);
        TYPES = List.copyOf(all);
    }

    /** Label kinds start with the type's short name: {@code nino.spaced@form}. */
    static final Map<String, String> SHORT = new LinkedHashMap<>();

    static {
        SHORT.put("nino", NINO);
        SHORT.put("sin", SIN);
        SHORT.put("aadhaar", AADHAAR);
        SHORT.put("pan", PAN);
        SHORT.put("cpf", CPF);
        SHORT.put("dni", DNI);
        SHORT.put("nie", NIE);
        SHORT.put("nir", NIR);
        SHORT.put("cf", CF);
        SHORT.put("curp", CURP);
        SHORT.put("itin", ITIN);
        SHORT.put("ip", IP);
        SHORT.put("dob", DOB);
    }

    /** Macie's distance (detectors.keywordDistance's default). */
    static final int KEYWORD_DISTANCE = 30;
    /** Around a value planted without a keyword, no keyword of its type within this (distance plus slack). */
    static final int NO_KEYWORD_REACH = 45;

    /**
     * The keywords the generator plants (the list every engineer on issue 13 uses), plus the JSON
     * keys it writes, as written in text (snake_case and camelCase keys lower-cased).
     */
    static final Map<String, List<String>> KEYWORDS = Map.ofEntries(
            Map.entry(NINO, List.of("national insurance number", "national insurance", "ni number", "ni no", "nino",
                    "insurance number", "ni_number", "national_insurance_number")),
            Map.entry(SIN, List.of("social insurance number", "sin", "numéro d'assurance sociale", "nas",
                    "assurance sociale", "social_insurance_number")),
            Map.entry(AADHAAR, List.of("aadhaar", "aadhar", "aadhaar number", "uid", "uidai", "आधार", "aadhaar_number")),
            Map.entry(PAN, List.of("pan", "pan no", "pan card", "permanent account number", "पैन", "pan_number")),
            Map.entry(CPF, List.of("cpf", "cpf/mf", "cadastro de pessoas físicas", "cadastro de pessoa física")),
            Map.entry(DNI, List.of("dni", "nif", "documento nacional de identidad", "número de identificación fiscal")),
            Map.entry(NIE, List.of("nie", "nif", "número de identidad de extranjero",
                    "número de identificación de extranjero", "foreigner identity number")),
            Map.entry(NIR, List.of("numéro de sécurité sociale", "sécurité sociale", "nir", "insee", "numéro insee",
                    "carte vitale", "social security number")),
            Map.entry(CF, List.of("codice fiscale", "cod. fisc.", "c.f.", "cf", "fiscal code", "tax code", "codice_fiscale",
                    "codicefiscale")),
            Map.entry(CURP, List.of("curp", "clave única de registro de población", "clave unica de registro de poblacion")),
            Map.entry(ITIN, List.of("itin", "individual taxpayer identification number", "taxpayer identification number",
                    "tax id")),
            Map.entry(DOB, List.of("date of birth", "dob", "d.o.b.", "born on", "born", "birthday", "birth date", "birthdate",
                    "date de naissance", "né le", "née le", "geburtsdatum", "geboren am", "geburtstag",
                    "fecha de nacimiento", "nacido el", "nacida el", "data de nascimento", "nascido em", "nascida em",
                    "data di nascita", "nato il", "nata il", "date_of_birth", "birth_date")));

    /**
     * Words a detector may also know (Macie's longer lists, stems): a value planted without a
     * keyword keeps clear of these too, so "no keyword" stays true whatever list a detector has.
     */
    private static final Map<String, List<String>> WIDER = Map.ofEntries(
            Map.entry(NINO, List.of("nin", "insurance no", "insurance", "national")),
            Map.entry(SIN, List.of("social insurance", "canadian id", "assurance", "numéro")),
            Map.entry(AADHAAR, List.of("aadhaar no", "uid number", "identity", "identification")),
            Map.entry(PAN, List.of("income tax", "tax", "permanent account")),
            Map.entry(CPF, List.of("cadastro", "pessoa", "pessoas", "contribuinte")),
            Map.entry(DNI, List.of("documento", "identidad", "identificación", "nie", "id")),
            Map.entry(NIE, List.of("extranjero", "identidad", "identificación", "dni", "id")),
            Map.entry(NIR, List.of("sécu", "securite sociale", "numero de securite sociale", "social security", "ssn",
                    "vitale")),
            Map.entry(CF, List.of("codice", "fiscale", "fiscal", "tax")),
            Map.entry(CURP, List.of("clave", "registro", "población", "poblacion")),
            Map.entry(ITIN, List.of("tin", "taxpayer", "tax", "ssn", "irs")),
            Map.entry(DOB, List.of("birth", "born", "naissance", "né", "née", "nacimiento", "nascimento", "nascita",
                    "geburt", "geboren", "nato", "nata", "nacido", "nacida", "age", "âge", "edad", "idade", "età", "alter")));

    /** HMRC's example NINO (National Insurance Manual NIM39110): a test value. */
    static final String HMRC_EXAMPLE = "QQ123456C";
    private static final String NINO_FIRST_EXCLUDED = "DFIQUV";
    private static final String NINO_SECOND_EXCLUDED = "DFIOQUV";
    private static final Set<String> NINO_NEVER_ISSUED = Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");
    static final String PAN_HOLDER_TYPES = "ABCFGHLJPTK";
    static final String MOD23 = CheckDigits.MOD23_LETTERS;
    /** Codice fiscale: the value of a character in an odd (1st, 3rd...) position; digits as A-J. */
    static final String CF_MONTHS = "ABCDEHLMPRST";
    /** Omocodia: a digit of the code replaced by the letter at its index. */
    static final String CF_OMOCODIA = "LMNPQRSTUV";
    private static final String MASK = "*Xx";

    private IndependentIds() {}

    static boolean isType(String type) {
        return TYPES.contains(type);
    }

    /** The type a label kind names ({@code nino.spaced@form}), or null. */
    static String typeOfKind(String kind) {
        int dot = kind.indexOf('.');
        return dot < 0 ? null : SHORT.get(kind.substring(0, dot));
    }

    // ---------------------------------------------------------------- check digits written here

    private static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean allUpper(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 'A' || s.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- national identifiers as written

    /** Spaced {@code AB 12 34 56 C} or compact; HMRC's letter and prefix rules; not the HMRC example. */
    static boolean nino(String printed) {
        String c = ninoCompact(printed);
        return c != null && !c.equals(HMRC_EXAMPLE) && ninoRules(c);
    }

    static boolean ninoTest(String printed) {
        return HMRC_EXAMPLE.equals(ninoCompact(printed));
    }

    static boolean ninoRules(String c) {
        return NINO_FIRST_EXCLUDED.indexOf(c.charAt(0)) < 0 && NINO_SECOND_EXCLUDED.indexOf(c.charAt(1)) < 0
                && !NINO_NEVER_ISSUED.contains(c.substring(0, 2)) && c.charAt(8) >= 'A' && c.charAt(8) <= 'D';
    }

    private static String ninoCompact(String printed) {
        String c = printed.length() == 13 && printed.charAt(2) == ' ' && printed.charAt(5) == ' '
                && printed.charAt(8) == ' ' && printed.charAt(11) == ' ' ? printed.replace(" ", "") : printed;
        return c.length() == 9 && allUpper(c.substring(0, 2)) && allDigits(c.substring(2, 8)) && allUpper(c.substring(8))
                ? c : null;
    }

    /** Groups of {@code sizes} joined by one separator from {@code separators} (or none): the digits, or null. */
    static String grouped(String printed, String separators, int... sizes) {
        int total = 0;
        for (int s : sizes) {
            total += s;
        }
        if (printed.length() == total) {
            return allDigits(printed) ? printed : null;
        }
        if (printed.length() != total + sizes.length - 1) {
            return null;
        }
        char sep = printed.charAt(sizes[0]);
        if (separators.indexOf(sep) < 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (int g = 0; g < sizes.length; g++) {
            String part = printed.substring(at, at + sizes[g]);
            if (!allDigits(part) || (g > 0 && printed.charAt(at - 1) != sep)) {
                return null;
            }
            sb.append(part);
            at += sizes[g] + 1;
        }
        return sb.toString();
    }

    /** 3-3-3 spaced or dashed, or compact; first digit not 0 or 8; Luhn. */
    static boolean sin(String printed) {
        String d = grouped(printed, " -", 3, 3, 3);
        return d != null && d.charAt(0) != '0' && d.charAt(0) != '8' && Independent.luhn(d);
    }

    /** 4-4-4 spaced or dashed, or compact; first digit 2-9; not a palindrome; Verhoeff. */
    static boolean aadhaar(String printed) {
        String d = grouped(printed, " -", 4, 4, 4);
        return d != null && d.charAt(0) >= '2' && !new StringBuilder(d).reverse().toString().equals(d) && CheckDigits.verhoeff(d);
    }

    /** {@code AAAAA9999A}, fourth letter a holder type, serial not 0000. */
    static boolean pan(String printed) {
        return printed.length() == 10 && allUpper(printed.substring(0, 5)) && allDigits(printed.substring(5, 9))
                && allUpper(printed.substring(9)) && PAN_HOLDER_TYPES.indexOf(printed.charAt(3)) >= 0
                && !printed.startsWith("0000", 5);
    }

    /** {@code 999.999.999-99} or bare; not one repeated digit; both check digits. */
    static boolean cpf(String printed) {
        String d;
        if (printed.length() == 14) {
            d = printed.charAt(3) == '.' && printed.charAt(7) == '.' && printed.charAt(11) == '-'
                    ? printed.substring(0, 3) + printed.substring(4, 7) + printed.substring(8, 11) + printed.substring(12)
                    : null;
        } else {
            d = printed;
        }
        return d != null && d.length() == 11 && allDigits(d) && !Independent.allSame(d)
                && CheckDigits.cpfCheck(d.substring(0, 9)).equals(d.substring(9));
    }

    /** 8 digits, optional '-' or ' ', the mod-23 letter. */
    static boolean dni(String printed) {
        String c = spanishCompact(printed, 8);
        return c != null && allDigits(c.substring(0, 8)) && CheckDigits.mod23(Long.parseLong(c.substring(0, 8))) == c.charAt(8);
    }

    /** X, Y or Z (as 0, 1, 2), 7 digits, the mod-23 letter; dashes after the letter and before the check optional. */
    static boolean nie(String printed) {
        String c = printed.length() == 11 && printed.charAt(1) == '-' && printed.charAt(9) == '-'
                ? printed.replace("-", "") : printed;
        if (c.length() != 9 || "XYZ".indexOf(c.charAt(0)) < 0 || !allDigits(c.substring(1, 8))) {
            return false;
        }
        return CheckDigits.mod23(Long.parseLong("XYZ".indexOf(c.charAt(0)) + c.substring(1, 8))) == c.charAt(8);
    }

    private static String spanishCompact(String printed, int digits) {
        String c = printed.length() == digits + 2 && (printed.charAt(digits) == '-' || printed.charAt(digits) == ' ')
                ? printed.substring(0, digits) + printed.substring(digits + 1) : printed;
        return c.length() == digits + 1 && allUpper(c.substring(digits)) ? c : null;
    }

    /** 15 characters compact or spaced 1-2-2-2-3-3-2; sex 1/2, month 01-12, department digits or 2A/2B; the key. */
    static boolean nir(String printed) {
        String c = nirCompact(printed);
        if (c == null) {
            return false;
        }
        int month = Integer.parseInt(c.substring(3, 5));
        return (c.charAt(0) == '1' || c.charAt(0) == '2') && month >= 1 && month <= 12
                && CheckDigits.nirKey(c.substring(0, 13)).equals(c.substring(13));
    }

    static String nirCompact(String printed) {
        String c = printed;
        if (printed.length() == 21) {
            int[] spaces = {1, 4, 7, 10, 14, 18};
            for (int s : spaces) {
                if (printed.charAt(s) != ' ') {
                    return null;
                }
            }
            c = printed.replace(" ", "");
        }
        if (c.length() != 15 || !allDigits(c.substring(0, 5)) || !allDigits(c.substring(7))) {
            return null;
        }
        String dept = c.substring(5, 7);
        return allDigits(dept) || dept.equals("2A") || dept.equals("2B") ? c : null;
    }

    /** 6 letters, year, month letter, day (women +40), place (letter + 3), check letter; omocodia letters for digits. */
    static boolean codiceFiscale(String printed) {
        if (printed.length() != 16 || !allUpper(printed.substring(0, 6)) || !allUpper(printed.substring(15))) {
            return false;
        }
        int[] digitPositions = {6, 7, 9, 10, 12, 13, 14};
        StringBuilder plain = new StringBuilder(printed.substring(0, 15));
        for (int p : digitPositions) {
            char c = printed.charAt(p);
            int omocodia = CF_OMOCODIA.indexOf(c);
            if (omocodia >= 0) {
                plain.setCharAt(p, (char) ('0' + omocodia));
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        if (CF_MONTHS.indexOf(printed.charAt(8)) < 0 || !Character.isUpperCase(printed.charAt(11))) {
            return false;
        }
        int day = Integer.parseInt(plain.substring(9, 11));
        day = day > 40 ? day - 40 : day;
        int month = CF_MONTHS.indexOf(printed.charAt(8)) + 1;
        try {
            LocalDate.of(2000, month, day); // a leap year: 29 February is a day
        } catch (DateTimeException e) {
            return false;
        }
        return CheckDigits.cfCheck(printed.substring(0, 15)) == printed.charAt(15);
    }

    static final Set<String> CURP_STATES = Set.of("AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR",
            "HG", "JC", "MC", "MN", "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN",
            "ZS", "NE");

    /** 4 letters, yymmdd, H/M, state, 3 consonants, homoclave (digit before 2000, letter after), check digit. */
    static boolean curp(String printed) {
        if (printed.length() != 18 || !allUpper(printed.substring(0, 4)) || !allDigits(printed.substring(4, 10))
                || "HM".indexOf(printed.charAt(10)) < 0 || !CURP_STATES.contains(printed.substring(11, 13))
                || !allUpper(printed.substring(13, 16)) || !Character.isLetterOrDigit(printed.charAt(16))
                || !allDigits(printed.substring(17))) {
            return false;
        }
        int year = Integer.parseInt(printed.substring(4, 6)) + (Character.isDigit(printed.charAt(16)) ? 1900 : 2000);
        try {
            LocalDate.of(year, Integer.parseInt(printed.substring(6, 8)), Integer.parseInt(printed.substring(8, 10)));
        } catch (DateTimeException e) {
            return false;
        }
        return CheckDigits.curpCheck(printed.substring(0, 17)) == printed.charAt(17);
    }

    /** IRS: 9XX, middle digits 50-65, 70-88, 90-92 or 94-99. */
    static boolean itinGroup(int g) {
        return g >= 50 && g <= 65 || g >= 70 && g <= 88 || g >= 90 && g <= 92 || g >= 94 && g <= 99;
    }

    /** 3-2-4 dashed or spaced, or compact; the ITIN ranges. */
    static boolean itin(String printed) {
        String d = grouped(printed, " -", 3, 2, 4);
        return d != null && d.charAt(0) == '9' && itinGroup(Integer.parseInt(d.substring(3, 5)));
    }

    /** Date forms {@link #date} reads. */
    private static final List<String> DATE_FORMS = List.of("iso", "dmy-slash", "mdy-slash", "dmy-dot", "dmy-dash",
            "text-en-mdy", "text-en", "text-fr", "text-de", "text-es", "text-pt", "text-it");

    /**
     * For tests outside the evaluation (the samples): {@code printed} is a value of {@code type}
     * whose test-value state is {@code testValue}, by the rules above: a valid national identifier
     * (HMRC's example as the one test value), an address in or out of the test ranges, a date in
     * one of the written forms.
     */
    public static boolean plausible(String type, String printed, boolean testValue) {
        if (NATIONAL.contains(type)) {
            return testValue ? type.equals(NINO) && ninoTest(printed) : valid(type, printed);
        }
        if (type.equals(IP)) {
            byte[] a = ip(printed);
            return a != null && testRange(a) == testValue && (testValue || publicAddress(a));
        }
        if (type.equals(DOB)) {
            return !testValue && DATE_FORMS.stream().anyMatch(f -> date(f, printed) != null);
        }
        return false;
    }

    /** The value is a valid unmasked identifier of the national type, as printed. */
    static boolean valid(String type, String printed) {
        return switch (type) {
            case NINO -> nino(printed);
            case SIN -> sin(printed);
            case AADHAAR -> aadhaar(printed);
            case PAN -> pan(printed);
            case CPF -> cpf(printed);
            case DNI -> dni(printed);
            case NIE -> nie(printed);
            case NIR -> nir(printed);
            case CF -> codiceFiscale(printed);
            case CURP -> curp(printed);
            case ITIN -> itin(printed);
            default -> false;
        };
    }

    /**
     * A masked identifier: the printed shape of the type (a template: {@code 9} a digit, {@code A} a
     * letter, {@code #} either, anything else itself) with all but at most its last four letters or
     * digits replaced by {@code *}, {@code X} or {@code x}, the clear ones all at the end.
     */
    static boolean maskedLike(String masked, String template) {
        if (masked.length() != template.length()) {
            return false;
        }
        int clear = 0;
        int hidden = 0;
        for (int i = 0; i < masked.length(); i++) {
            char m = masked.charAt(i);
            char t = template.charAt(i);
            if ("9A#".indexOf(t) < 0) {
                if (m != t) {
                    return false;
                }
            } else if (MASK.indexOf(m) >= 0 && clear == 0) {
                hidden++;
            } else if (t == '9' ? m >= '0' && m <= '9' : t == 'A' ? m >= 'A' && m <= 'Z'
                    : m >= '0' && m <= '9' || m >= 'A' && m <= 'Z') {
                clear++;
            } else {
                return false;
            }
        }
        return clear <= 4 && hidden >= 1;
    }

    // ---------------------------------------------------------------- IP addresses

    /** Four decimal octets 0-255 without leading zeros: the 4 bytes, or null. */
    static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !allDigits(p) || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** RFC 4291 section 2.2 text forms: 8 groups, one {@code ::}, an IPv4 tail; the 16 bytes, or null. */
    static byte[] ipv6(String s) {
        if (s.isEmpty() || s.indexOf("::") != s.lastIndexOf("::") || s.contains(":::")) {
            return null;
        }
        byte[] tail = null;
        String head = s;
        if (s.indexOf('.') >= 0) { // x:x:x:x:x:x:d.d.d.d, the last two groups written as IPv4
            int lastColon = s.lastIndexOf(':');
            tail = lastColon < 0 ? null : ipv4(s.substring(lastColon + 1));
            if (tail == null) {
                return null;
            }
            head = s.substring(0, lastColon + 1);
            head = head.endsWith("::") ? head : head.substring(0, head.length() - 1);
        }
        int want = tail == null ? 8 : 6;
        List<Integer> left = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        int gap = head.indexOf("::");
        if (gap >= 0) {
            if (!groups(head.substring(0, gap), left) || !groups(head.substring(gap + 2), right)) {
                return null;
            }
        } else if (head.isEmpty() || !groups(head, left)) {
            return null;
        }
        int have = left.size() + right.size();
        if (gap >= 0 ? have > want - 1 : have != want) {
            return null;
        }
        byte[] out = new byte[16];
        int at = 0;
        for (int g : left) {
            out[at++] = (byte) (g >> 8);
            out[at++] = (byte) g;
        }
        at = 2 * (want - right.size());
        for (int g : right) {
            out[at++] = (byte) (g >> 8);
            out[at++] = (byte) g;
        }
        if (tail != null) {
            System.arraycopy(tail, 0, out, 12, 4);
        }
        return out;
    }

    private static boolean groups(String s, List<Integer> out) {
        if (s.isEmpty()) {
            return true;
        }
        for (String g : s.split(":", -1)) {
            if (g.isEmpty() || g.length() > 4) {
                return false;
            }
            int v = 0;
            for (int i = 0; i < g.length(); i++) {
                int h = Character.digit(g.charAt(i), 16);
                if (h < 0) {
                    return false;
                }
                v = v * 16 + h;
            }
            out.add(v);
        }
        return true;
    }

    /** The address, v4 or v6, or null. */
    static byte[] ip(String s) {
        return s.indexOf(':') >= 0 ? ipv6(s) : ipv4(s);
    }

    private static int u(byte b) {
        return b & 0xff;
    }

    /**
     * Not personal data (the issue): private, loopback, link-local, CGNAT, multicast and the
     * documentation ranges, in v4 and v6 (ULA fc00::/7, fe80::/10, ff00::/8, ::1, 2001:db8::/32).
     */
    static boolean testRange(byte[] a) {
        if (a.length == 4) {
            int o0 = u(a[0]);
            int o1 = u(a[1]);
            int o2 = u(a[2]);
            return o0 == 10 || o0 == 127 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168)
                    || (o0 == 169 && o1 == 254) || (o0 == 100 && o1 >= 64 && o1 <= 127) || (o0 >= 224 && o0 <= 239)
                    || (o0 == 192 && o1 == 0 && o2 == 2) || (o0 == 198 && o1 == 51 && o2 == 100)
                    || (o0 == 203 && o1 == 0 && o2 == 113);
        }
        boolean loopback = true;
        for (int i = 0; i < 15; i++) {
            loopback &= a[i] == 0;
        }
        loopback &= a[15] == 1;
        return loopback || (u(a[0]) & 0xfe) == 0xfc || (u(a[0]) == 0xfe && (u(a[1]) & 0xc0) == 0x80) || u(a[0]) == 0xff
                || (u(a[0]) == 0x20 && u(a[1]) == 0x01 && u(a[2]) == 0x0d && u(a[3]) == 0xb8);
    }

    /**
     * Public unicast as this corpus plants it: v4 outside the test ranges and outside the other
     * special blocks (0/8, 240/4, 198.18/15, 192.0.0/24...), which it never plants; v6 in 2000::/3
     * but not 2001::/16 or 2002::/16.
     */
    static boolean publicAddress(byte[] a) {
        if (a.length == 4) {
            int o0 = u(a[0]);
            return o0 >= 1 && o0 <= 223 && o0 != 10 && o0 != 100 && o0 != 127 && o0 != 169 && o0 != 172 && o0 != 192
                    && o0 != 198 && o0 != 203;
        }
        int first = u(a[0]) << 8 | u(a[1]);
        return first >= 0x2400 && first <= 0x2c0f;
    }

    /** Placeholders pipelines write for an address: masked. */
    static final Set<String> IP_PLACEHOLDERS = Set.of("0.0.0.0", "x.x.x.x", "<IP_ADDRESS>", "[IP]", "|||IP_ADDRESS|||");

    /** An address label stands alone: no letter, digit, dot-digit or address character glued on either side. */
    static boolean standalone(String text, int start, int end) {
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        char after = end < text.length() ? text.charAt(end) : ' ';
        char after2 = end + 1 < text.length() ? text.charAt(end + 1) : ' ';
        boolean v6 = text.substring(start, end).indexOf(':') >= 0;
        if (Character.isLetterOrDigit(before) || before == '.' || before == '_' || (v6 && before == ':')) {
            return false;
        }
        if (Character.isLetterOrDigit(after) || after == '_' || (after == '.' && Character.isLetterOrDigit(after2))) {
            return false;
        }
        return !(v6 && after == ':'); // a v6 address takes its port in brackets
    }

    // ---------------------------------------------------------------- dates

    static final Map<String, List<String>> MONTHS = Map.of(
            "en", List.of("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                    "November", "December"),
            "fr", List.of("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                    "novembre", "décembre"),
            "de", List.of("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                    "November", "Dezember"),
            "es", List.of("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                    "noviembre", "diciembre"),
            "pt", List.of("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
                    "novembro", "dezembro"),
            "it", List.of("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                    "ottobre", "novembre", "dicembre"));

    /**
     * The date a printed form stands for, or null. Forms: {@code iso}, {@code dmy-slash},
     * {@code mdy-slash}, {@code dmy-dot}, {@code dmy-dash}, {@code text-en-mdy} (March 14, 1987),
     * {@code text-<lang>} (14 March 1987, 14 mars 1987, 14. März 1987, 14 de marzo de 1987...).
     */
    static LocalDate date(String form, String s) {
        try {
            switch (form) {
                case "iso":
                    return numeric(s, "-", 2, 1, 0);
                case "dmy-slash":
                    return numeric(s, "/", 0, 1, 2);
                case "mdy-slash":
                    return numeric(s, "/", 1, 0, 2);
                case "dmy-dot":
                    return numeric(s, ".", 0, 1, 2);
                case "dmy-dash":
                    return numeric(s, "-", 0, 1, 2);
                case "text-en-mdy": {
                    String[] p = s.split(" ", 0);
                    if (p.length != 3 || !p[1].endsWith(",")) {
                        return null;
                    }
                    int month = MONTHS.get("en").indexOf(p[0]) + 1;
                    return month == 0 ? null : LocalDate.of(year(p[2]), month, day(p[1].substring(0, p[1].length() - 1)));
                }
                default: {
                    if (!form.startsWith("text-")) {
                        return null;
                    }
                    String lang = form.substring(5);
                    String[] p = s.split(" ", 0);
                    List<String> names = MONTHS.get(lang);
                    if (names == null) {
                        return null;
                    }
                    switch (lang) {
                        case "es", "pt" -> {
                            if (p.length != 5 || !p[1].equals("de") || !p[3].equals("de")) {
                                return null;
                            }
                            return LocalDate.of(year(p[4]), names.indexOf(p[2]) + 1, day(p[0]));
                        }
                        case "de" -> {
                            if (p.length != 3 || !p[0].endsWith(".")) {
                                return null;
                            }
                            return LocalDate.of(year(p[2]), names.indexOf(p[1]) + 1, day(p[0].substring(0, p[0].length() - 1)));
                        }
                        default -> {
                            if (p.length != 3) {
                                return null;
                            }
                            return LocalDate.of(year(p[2]), names.indexOf(p[1]) + 1, day(p[0]));
                        }
                    }
                }
            }
        } catch (DateTimeException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static int year(String s) {
        if (s.length() != 4 || !allDigits(s)) {
            throw new NumberFormatException("year");
        }
        return Integer.parseInt(s);
    }

    private static int day(String s) {
        if (s.isEmpty() || s.length() > 2 || !allDigits(s)) {
            throw new NumberFormatException("day");
        }
        return Integer.parseInt(s);
    }

    private static LocalDate numeric(String s, String sep, int dayAt, int monthAt, int yearAt) {
        String[] p = s.split(java.util.regex.Pattern.quote(sep), -1);
        if (p.length != 3 || p[yearAt].length() != 4 || p[dayAt].length() != 2 || p[monthAt].length() != 2) {
            return null;
        }
        return LocalDate.of(year(p[yearAt]), Integer.parseInt(p[monthAt]), day(p[dayAt]));
    }

    /** {@code XX/XX/1987}, {@code **}{@code /**}{@code /****}, {@code XX.XX.1987}: day and month hidden. */
    static boolean maskedDate(String s) {
        if (s.length() != 10) {
            return false;
        }
        char sep = s.charAt(2);
        if ("/.-".indexOf(sep) < 0 || s.charAt(5) != sep) {
            return false;
        }
        for (int i : new int[] {0, 1, 3, 4}) {
            if (MASK.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        String year = s.substring(6);
        return allDigits(year) || year.chars().allMatch(c -> MASK.indexOf(c) >= 0);
    }

    // ---------------------------------------------------------------- keywords in the text

    private static boolean wordChar(char c, boolean underscoreJoins) {
        return Character.isLetterOrDigit(c) || (underscoreJoins && c == '_');
    }

    /** Each occurrence of the words in [from, to), word-bounded, case-insensitive: {start, end} pairs. */
    static List<int[]> find(String text, int from, int to, List<String> words, boolean underscoreJoins) {
        from = Math.max(0, from);
        to = Math.min(text.length(), to);
        String window = text.substring(from, to).toLowerCase(Locale.ROOT);
        if (!underscoreJoins) {
            window = window.replace('_', ' ').replace('-', ' ');
        }
        List<int[]> out = new ArrayList<>();
        for (String w : words) {
            String word = underscoreJoins ? w : w.replace('_', ' ');
            int at = window.indexOf(word);
            while (at >= 0) {
                int end = at + word.length();
                boolean left = at == 0 || !wordChar(window.charAt(at - 1), underscoreJoins)
                        || !wordChar(word.charAt(0), underscoreJoins);
                boolean right = end == window.length() || !wordChar(window.charAt(end), underscoreJoins)
                        || !wordChar(word.charAt(word.length() - 1), underscoreJoins);
                if (left && right) {
                    out.add(new int[] {from + at, from + end});
                }
                at = window.indexOf(word, at + 1);
            }
        }
        return out;
    }

    /** Macie's rule as the labels assume it: a keyword of the type ends within the distance before, or lies within it after. */
    static boolean keywordNear(String text, int start, int end, String type) {
        List<String> words = KEYWORDS.get(type);
        int longest = words.stream().mapToInt(String::length).max().orElse(0);
        for (int[] hit : find(text, start - KEYWORD_DISTANCE - longest, start, words, true)) {
            if (hit[1] <= start && hit[1] >= start - KEYWORD_DISTANCE) {
                return true;
            }
        }
        for (int[] hit : find(text, end, end + KEYWORD_DISTANCE, words, true)) {
            if (hit[0] >= end) {
                return true;
            }
        }
        return false;
    }

    /** No keyword of the type, nor a word a detector might also use, within {@link #NO_KEYWORD_REACH} either side. */
    static boolean clearOfKeywords(String text, int start, int end, String type) {
        List<String> words = new ArrayList<>(KEYWORDS.get(type));
        words.addAll(WIDER.get(type));
        int longest = words.stream().mapToInt(String::length).max().orElse(0);
        return find(text, start - NO_KEYWORD_REACH - longest, end + NO_KEYWORD_REACH + longest, words, false).stream()
                .noneMatch(h -> h[1] >= start - NO_KEYWORD_REACH && h[0] <= end + NO_KEYWORD_REACH);
    }

    // ---------------------------------------------------------------- labels

    /** The written form a kind names: {@code nino.spaced@form} gives {@code spaced}; {@code dob.text-fr@...} gives {@code text-fr}. */
    static String form(String kind) {
        int at = kind.indexOf('@');
        String head = at < 0 ? kind : kind.substring(0, at);
        String[] parts = head.split("\\.", -1);
        return parts.length > 1 ? parts[1] : "";
    }

    /** Why a label of these types is wrong for its record, or null when it is right. */
    static String check(EvalRecord r, Label l) {
        String v = r.covered(l);
        String type = l.type();
        if (!type.equals(typeOfKind(l.kind()))) {
            return "kind " + l.kind() + " does not name " + type;
        }
        if (type.equals(IP)) {
            if (Label.MASKED.equals(l.state())) {
                return IP_PLACEHOLDERS.contains(v) ? null : "not an IP placeholder";
            }
            byte[] a = ip(v);
            if (a == null) {
                return "not an IP address";
            }
            if (!standalone(r.text(), l.start(), l.end())) {
                return "glued into a longer token";
            }
            boolean test = testRange(a);
            if (test != Label.TEST.equals(l.state()) || (!test && !publicAddress(a))) {
                return "labelled " + l.state() + " but the address is " + (test ? "a test range" : "public or special");
            }
            return null;
        }
        if (!keywordNear(r.text(), l.start(), l.end(), type)) {
            return "no " + type + " keyword within " + KEYWORD_DISTANCE;
        }
        if (type.equals(DOB)) {
            if (Label.MASKED.equals(l.state())) {
                return maskedDate(v) ? null : "not a masked date";
            }
            LocalDate d = date(form(l.kind()), v);
            return d != null && d.getYear() >= 1920 && d.getYear() <= 2012 && Label.UNMASKED.equals(l.state()) ? null
                    : "not a birth date in form " + form(l.kind());
        }
        if (Label.MASKED.equals(l.state())) {
            return masked(type, v) ? null : "not a masked " + type;
        }
        if (Label.TEST.equals(l.state())) {
            return type.equals(NINO) && ninoTest(v) ? null : "not a test " + type;
        }
        return valid(type, v) ? null : "not a valid " + type;
    }

    /** Masked: one of the type's printed shapes, masked ({@link #maskedLike}). */
    static boolean masked(String type, String v) {
        return MASK_TEMPLATES.getOrDefault(type, List.of()).stream().anyMatch(t -> maskedLike(v, t));
    }

    /** The printed shapes of each type (see {@link #maskedLike}). */
    static final Map<String, List<String>> MASK_TEMPLATES = Map.ofEntries(
            Map.entry(NINO, List.of("AA 99 99 99 A", "AA999999A")),
            Map.entry(SIN, List.of("999 999 999", "999-999-999", "999999999")),
            Map.entry(AADHAAR, List.of("9999 9999 9999", "9999-9999-9999", "999999999999")),
            Map.entry(PAN, List.of("AAAAA9999A")),
            Map.entry(CPF, List.of("999.999.999-99", "99999999999")),
            Map.entry(DNI, List.of("99999999A", "99999999-A")),
            Map.entry(NIE, List.of("A9999999A", "A-9999999-A")),
            Map.entry(NIR, List.of("9 99 99 ## 999 999 99", "99999##99999999")),
            Map.entry(CF, List.of("AAAAAA##A##A###A")),
            Map.entry(CURP, List.of("AAAA999999AAAAAA#9")),
            Map.entry(ITIN, List.of("999-99-9999", "999 99 9999", "999999999")));

    /** Why a decoy of these records is not what it claims (or would be a finding by the labelling rule), or null. */
    static String checkDecoy(EvalRecord r, Label l) {
        String v = r.covered(l);
        String kind = l.kind();
        String type = typeOfKind(kind);
        if (type == null) {
            return "decoy kind " + kind + " names no type";
        }
        if (kind.endsWith("@no-keyword")) {
            if (!clearOfKeywords(r.text(), l.start(), l.end(), type)) {
                return "a keyword of " + type + " is near a value planted without one";
            }
            return type.equals(DOB) ? (date(form(kind), v) != null ? null : "not a date")
                    : valid(type, v) ? null : "not a valid " + type + " (planted without a keyword)";
        }
        if (type.equals(DOB)) { // dates named by another keyword
            if (!clearOfKeywords(r.text(), l.start(), l.end(), DOB)) {
                return "a birth keyword is near a date planted with another keyword";
            }
            return date(form(kind), v) != null ? null : "not a date in form " + form(kind);
        }
        if (type.equals(IP)) {
            return ipLookAlike(kind, v);
        }
        if (kind.contains(".bad-check")) {
            if (valid(type, v)) {
                return "a bad-check decoy passes the " + type + " check";
            }
            for (String other : NATIONAL) {
                if (valid(other, v)) {
                    return "a bad-check decoy is a valid " + other;
                }
            }
            return keywordNear(r.text(), l.start(), l.end(), type) ? null : "a bad-check decoy without its keyword";
        }
        return null;
    }

    /** IP look-alikes ({@code ip.neg.<what>}): each is, by what it is, not an address. */
    private static String ipLookAlike(String kind, String v) {
        String what = kind.startsWith("ip.neg.") ? kind.substring("ip.neg.".length()) : "";
        boolean ok = switch (what) {
            case "version" -> v.startsWith("v") || v.startsWith("version ") || v.contains("-");
            case "oid" -> v.split("\\.").length >= 5;
            case "section" -> v.startsWith("section ") || v.startsWith("Section ") || v.startsWith("§ ");
            case "mac" -> v.matches("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
            case "time" -> v.matches("[0-2][0-9]:[0-5][0-9]:[0-5][0-9]");
            case "octet" -> ip(v) == null && v.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
            case "cpp" -> v.contains("::") && Character.isLetter(v.charAt(0));
            default -> false;
        };
        return ok ? null : "not an IP look-alike of kind " + kind;
    }
}
