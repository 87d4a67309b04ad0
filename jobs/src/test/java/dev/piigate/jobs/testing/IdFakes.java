package dev.piigate.jobs.testing;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Made-up national identifiers, public IP addresses and dates of birth for the samples and the
 * chunk-border test, from the published rules (HMRC's NINO prefixes, the IRS ITIN groups; check
 * digits from {@link CheckDigits}, as the evaluation's generator takes them), not from the
 * detectors' code. Seeded: the same bytes every run.
 */
public final class IdFakes {
    private static final String NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ";
    private static final String NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ";
    private static final String CONSONANTS = "BCDFGHJKLMNPRSTVZ";
    private static final String CF_MONTHS = "ABCDEHLMPRST";
    /** First octets of ordinary public unicast IPv4 space (no private, shared, reserved or documentation block). */
    private static final int[] PUBLIC_V4 = {23, 31, 45, 52, 63, 81, 91, 104, 142, 151, 185, 212, 217};

    private final Random random;

    public IdFakes(Random random) {
        this.random = random;
    }

    /** A fresh value of {@code type} (an entity type name) in {@code form} ("" is the usual one). */
    public String value(String type, String form) {
        return switch (type) {
            case "UK_NATIONAL_INSURANCE_NUMBER" -> nino(form);
            case "CANADA_SOCIAL_INSURANCE_NUMBER" -> sin(form);
            case "INDIA_AADHAAR_NUMBER" -> aadhaar(form);
            case "INDIA_PERMANENT_ACCOUNT_NUMBER" -> pan();
            case "BRAZIL_CPF_NUMBER" -> cpf(form);
            case "SPAIN_DNI_NUMBER" -> dni();
            case "SPAIN_NIE_NUMBER" -> nie();
            case "FRANCE_NATIONAL_IDENTIFICATION_NUMBER" -> nir(form);
            case "ITALY_NATIONAL_IDENTIFICATION_NUMBER" -> codiceFiscale();
            case "MEXICO_CURP_NUMBER" -> curp();
            case "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER" -> itin(form);
            case "IP_ADDRESS" -> form.equals("v6") ? ipv6() : ipv4();
            case "DATE_OF_BIRTH" -> dateOfBirth(form);
            default -> throw new IllegalArgumentException("no made-up values for " + type);
        };
    }

    private String nino(String form) {
        String prefix;
        do {
            prefix = "" + pick(NINO_FIRST) + pick(NINO_SECOND);
        } while (java.util.List.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(prefix));
        String d = digits(6);
        char suffix = "ABCD".charAt(random.nextInt(4));
        return form.equals("compact") ? prefix + d + suffix
                : prefix + " " + d.substring(0, 2) + " " + d.substring(2, 4) + " " + d.substring(4) + " " + suffix;
    }

    private String sin(String form) {
        String payload = (1 + random.nextInt(7)) + digits(7);
        String d = payload + CheckDigits.luhn(payload);
        String sep = form.equals("dash") ? "-" : " ";
        return d.substring(0, 3) + sep + d.substring(3, 6) + sep + d.substring(6);
    }

    private String aadhaar(String form) {
        String d;
        do {
            String payload = (2 + random.nextInt(8)) + digits(10);
            d = payload + CheckDigits.verhoeffDigit(payload);
        } while (new StringBuilder(d).reverse().toString().equals(d));
        return form.equals("compact") ? d : d.substring(0, 4) + " " + d.substring(4, 8) + " " + d.substring(8);
    }

    /** Five letters (the fourth 'P': an individual), four digits, a letter. */
    private String pan() {
        return "" + letter() + letter() + letter() + 'P' + letter() + digits(4) + letter();
    }

    private String cpf(String form) {
        String d;
        do {
            d = digits(9);
        } while (d.chars().distinct().count() == 1);
        d += CheckDigits.cpfCheck(d);
        return form.equals("compact") ? d
                : d.substring(0, 3) + "." + d.substring(3, 6) + "." + d.substring(6, 9) + "-" + d.substring(9);
    }

    private String dni() {
        String d = (1 + random.nextInt(9)) + digits(7);
        return d + CheckDigits.mod23(Long.parseLong(d));
    }

    private String nie() {
        int prefix = random.nextInt(3);
        String d = digits(7);
        return "XYZ".charAt(prefix) + d + CheckDigits.mod23(Long.parseLong(prefix + d));
    }

    /** Sex, year, month, department (Corsica's 2A/2B now and then), commune, order, key. */
    private String nir(String form) {
        String dept = random.nextInt(8) == 0 ? (random.nextBoolean() ? "2A" : "2B")
                : String.format(Locale.ROOT, "%02d", 1 + random.nextInt(19));
        String head = (1 + random.nextInt(2)) + digits(2) + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(12));
        String tail = String.format(Locale.ROOT, "%03d%03d", 1 + random.nextInt(900), 1 + random.nextInt(999));
        String k = CheckDigits.nirKey(head + dept + tail);
        if (form.equals("compact")) {
            return head + dept + tail + k;
        }
        return head.charAt(0) + " " + head.substring(1, 3) + " " + head.substring(3) + " " + dept + " "
                + tail.substring(0, 3) + " " + tail.substring(3) + " " + k;
    }

    private String codiceFiscale() {
        int day = 1 + random.nextInt(28) + (random.nextBoolean() ? 40 : 0);
        String place = pick("HFLABCDE") + String.format(Locale.ROOT, "%03d", 1 + random.nextInt(998));
        String body = consonants(3) + consonants(3) + digits(2) + pick(CF_MONTHS)
                + String.format(Locale.ROOT, "%02d", day) + place;
        return body + CheckDigits.cfCheck(body);
    }

    private String curp() {
        LocalDate born = LocalDate.of(1950 + random.nextInt(49), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String body = "" + pick(CONSONANTS) + pick("AEIOU") + letter() + letter()
                + born.format(DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT)) + pick("HM")
                + pick(new String[] {"DF", "JC", "NL", "PL", "VZ", "YN", "CH", "GT"}) + consonants(3) + random.nextInt(10);
        return body + CheckDigits.curpCheck(body);
    }

    /** 9XX, a group in 70-88 (the IRS's ranges are 50-65, 70-88, 90-92, 94-99), a serial not 0000. */
    private String itin(String form) {
        String area = "9" + digits(2);
        String group = String.valueOf(70 + random.nextInt(19));
        String serial = String.format(Locale.ROOT, "%04d", 1 + random.nextInt(9998));
        String sep = form.equals("space") ? " " : "-";
        return area + sep + group + sep + serial;
    }

    private String ipv4() {
        return PUBLIC_V4[random.nextInt(PUBLIC_V4.length)] + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
    }

    /** A global unicast address in 2a00::/12 (RIPE), compressed as RFC 5952 writes it. */
    private String ipv6() {
        return String.format(Locale.ROOT, "2a0%x:%x:%x::%x", random.nextInt(16), 0x100 + random.nextInt(0xfe00),
                0x10 + random.nextInt(0xffe0), 1 + random.nextInt(0xfffe));
    }

    /** A birth date in 1941-2004 in a written form: iso, dmy (14/03/1987), mdy, dot, long (March 14, 1987), or a language. */
    private String dateOfBirth(String form) {
        LocalDate d = LocalDate.of(1941 + random.nextInt(64), 1, 1).plusDays(random.nextInt(365));
        String pattern = switch (form) {
            case "dmy" -> "dd/MM/yyyy";
            case "mdy" -> "MM/dd/yyyy";
            case "dot" -> "dd.MM.yyyy";
            case "long" -> "MMMM d, yyyy";
            case "fr", "de", "es", "pt", "it" -> "d MMMM yyyy";
            default -> "yyyy-MM-dd";
        };
        Locale locale = form.length() == 2 && !form.equals("fr") ? Locale.forLanguageTag(form)
                : form.equals("fr") ? Locale.FRENCH : Locale.ENGLISH;
        String s = d.format(DateTimeFormatter.ofPattern(pattern, locale));
        return switch (form) {
            case "de" -> s.replaceFirst(" ", ". ");
            case "es", "pt" -> s.replace(" ", " de ");
            default -> s;
        };
    }

    private String consonants(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(pick(CONSONANTS));
        }
        return sb.toString();
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private char letter() {
        return (char) ('A' + random.nextInt(26));
    }

    private char pick(String chars) {
        return chars.charAt(random.nextInt(chars.length()));
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
