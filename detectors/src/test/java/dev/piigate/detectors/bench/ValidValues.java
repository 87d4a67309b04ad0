package dev.piigate.detectors.bench;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic but checksum-valid values for the benchmark texts: card numbers (Luhn), IBANs
 * (ISO 7064 mod-97), SSNs inside the issued ranges, NANP and UK phone numbers, e-mail addresses.
 * Every value is drawn from a caller-owned {@link Random} so a fixed seed gives the same text on
 * every JDK ({@code java.util.Random}'s algorithm is specified).
 */
final class ValidValues {
    private ValidValues() {}

    /** Brand prefixes and lengths (issuer ranges as listed by the card networks and Wikipedia's IIN table). */
    private static final String[][] CARD_BRANDS = {
        // prefix, length
        {"4", "16"},     // Visa
        {"4", "13"},     // Visa, old 13-digit PANs
        {"51", "16"}, {"53", "16"}, {"55", "16"}, // Mastercard 51-55
        {"2221", "16"}, {"2720", "16"}, {"23", "16"}, // Mastercard 2-series 2221-2720
        {"34", "15"}, {"37", "15"}, // American Express
        {"6011", "16"}, {"65", "16"}, // Discover
        {"3528", "16"}, {"3589", "16"}, // JCB
        {"36", "14"},    // Diners Club International
        {"62", "16"}, {"62", "19"}, // UnionPay
    };

    /** IBAN country, BBAN shape: n = digit, a = upper-case letter, c = letter or digit (SWIFT registry). */
    private static final String[][] IBAN_SHAPES = {
        {"BE", "nnnnnnnnnnnn"},
        {"CH", "nnnnncccccccccccc"},
        {"DE", "nnnnnnnnnnnnnnnnnn"},
        {"ES", "nnnnnnnnnnnnnnnnnnnn"},
        {"FR", "nnnnnnnnnncccccccccccnn"},
        {"GB", "aaaannnnnnnnnnnnnn"},
        {"IT", "annnnnnnnnncccccccccccc"},
        {"NL", "aaaannnnnnnnnn"},
    };

    /** Geographic US area codes in service (NANPA); 555 exchanges and N11 codes are avoided below. */
    private static final int[] US_AREA_CODES = {
        201, 206, 212, 213, 303, 305, 312, 404, 415, 503, 512, 602, 617, 646, 702, 713, 718, 773, 818, 917,
    };

    private static final String[] FIRST_NAMES = {
        "anna", "ben", "carlos", "dana", "elif", "farah", "george", "hiro", "ines", "jamal", "kate", "liam",
        "maria", "noah", "olga", "priya", "quentin", "rosa", "sam", "tomas", "uma", "victor", "wei", "yusuf",
    };
    private static final String[] LAST_NAMES = {
        "smith", "garcia", "mueller", "rossi", "nguyen", "kowalski", "okafor", "tanaka", "dubois", "silva",
        "johnson", "patel", "brown", "larsen", "novak", "haddad",
    };
    private static final String[] MAIL_DOMAINS = {
        "gmail.com", "outlook.com", "yahoo.co.uk", "proton.me", "web.de", "orange.fr", "acme-corp.com",
        "mail.northwind.io", "fastmail.fm", "university.edu",
    };

    static int digit(Random random) {
        return random.nextInt(10);
    }

    /** Digits of a Luhn-valid card number of a random brand, ungrouped. */
    static String cardDigits(Random random) {
        String[] brand = CARD_BRANDS[random.nextInt(CARD_BRANDS.length)];
        return luhnComplete(random, brand[0], Integer.parseInt(brand[1]));
    }

    /** {@code prefix} + random digits + the Luhn check digit, {@code length} digits in all. */
    static String luhnComplete(Random random, String prefix, int length) {
        StringBuilder sb = new StringBuilder(length).append(prefix);
        while (sb.length() < length - 1) {
            sb.append((char) ('0' + digit(random)));
        }
        sb.append((char) ('0' + luhnCheckDigit(sb)));
        return sb.toString();
    }

    static int luhnCheckDigit(CharSequence payload) {
        int sum = 0;
        boolean doubleIt = true; // the rightmost payload digit is doubled once the check digit is appended
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }

    static boolean luhnValid(CharSequence digits) {
        if (digits.length() < 2) {
            return false;
        }
        return luhnCheckDigit(digits.subSequence(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
    }

    /** Groups a card number the way it is printed: 4-6-5 for 15 digits, 4-6-4 for 14, 13 plain, else fours. */
    static String groupCard(String digits, char separator) {
        if (digits.length() == 13) {
            return digits;
        }
        int[] groups;
        if (digits.length() == 15) {
            groups = new int[] {4, 6, 5};
        } else if (digits.length() == 14) {
            groups = new int[] {4, 6, 4};
        } else {
            return groupEvery(digits, 4, separator);
        }
        StringBuilder sb = new StringBuilder(digits.length() + 2);
        int at = 0;
        for (int g = 0; g < groups.length; g++) {
            if (g > 0) {
                sb.append(separator);
            }
            sb.append(digits, at, at + groups[g]);
            at += groups[g];
        }
        return sb.toString();
    }

    static String groupEvery(String s, int size, char separator) {
        StringBuilder sb = new StringBuilder(s.length() + s.length() / size);
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && i % size == 0) {
                sb.append(separator);
            }
            sb.append(s.charAt(i));
        }
        return sb.toString();
    }

    /** An IBAN in electronic form (no spaces) with correct mod-97 check digits. */
    static String iban(Random random) {
        String[] shape = IBAN_SHAPES[random.nextInt(IBAN_SHAPES.length)];
        StringBuilder bban = new StringBuilder(shape[1].length());
        for (int i = 0; i < shape[1].length(); i++) {
            char kind = shape[1].charAt(i);
            boolean letter = kind == 'a' || (kind == 'c' && random.nextInt(4) == 0);
            bban.append(letter ? (char) ('A' + random.nextInt(26)) : (char) ('0' + digit(random)));
        }
        String country = shape[0];
        int check = 98 - mod97(bban + country + "00");
        return country + (check < 10 ? "0" : "") + check + bban;
    }

    /** ISO 7064 mod 97-10 of an alphanumeric string, letters as 10-35. */
    static int mod97(CharSequence s) {
        int r = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = c <= '9' ? c - '0' : c - 'A' + 10;
            r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
        }
        return r;
    }

    static boolean ibanValid(String electronic) {
        String rearranged = electronic.substring(4) + electronic.substring(0, 4);
        // Cross-check of mod97 with BigInteger arithmetic, cheap enough for the generator tests.
        StringBuilder numeric = new StringBuilder();
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            numeric.append(c <= '9' ? String.valueOf(c - '0') : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** An SSN inside the issued ranges: area 001-899 except 666, group 01-99, serial 0001-9999. */
    static String ssnDigits(Random random) {
        while (true) {
            int area = 1 + random.nextInt(899);
            if (area == 666) {
                continue;
            }
            int group = 1 + random.nextInt(99);
            int serial = 1 + random.nextInt(9999);
            String s = String.format(Locale.ROOT, "%03d%02d%04d", area, group, serial);
            if (s.equals("078051120") || s.equals("219099999") || s.equals("457555462")) {
                continue; // advertised numbers: a detector rightly rejects them
            }
            return s;
        }
    }

    /** A US number: real area code, exchange 200-999 without N11 and 555, any line. */
    static String usPhoneDigits(Random random) {
        int area = US_AREA_CODES[random.nextInt(US_AREA_CODES.length)];
        int exchange;
        do {
            exchange = 200 + random.nextInt(800);
        } while (exchange == 555 || exchange % 100 == 11);
        return String.format(Locale.ROOT, "%03d%03d%04d", area, exchange, random.nextInt(10000));
    }

    /** A UK national significant number: London 20 7xxx/3xxx xxxx or a mobile 7[4-9]xx xxxxxx. */
    static String gbPhoneNational(Random random) {
        if (random.nextBoolean()) {
            return "20" + (random.nextBoolean() ? "7" : "3") + fixedDigits(random, 7);
        }
        return "7" + (4 + random.nextInt(6)) + fixedDigits(random, 8);
    }

    static String fixedDigits(Random random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + digit(random)));
        }
        return sb.toString();
    }

    static String email(Random random) {
        String first = pick(random, FIRST_NAMES);
        String last = pick(random, LAST_NAMES);
        String local;
        switch (random.nextInt(4)) {
            case 0:
                local = first + "." + last;
                break;
            case 1:
                local = first.charAt(0) + last + (70 + random.nextInt(30));
                break;
            case 2:
                local = first + "_" + last;
                break;
            default:
                local = first + "+orders";
                break;
        }
        return local + "@" + pick(random, MAIL_DOMAINS);
    }

    static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
