package dev.piigate.jobs.testing;

import java.util.Locale;

/**
 * Check digits for the test-data generators and labellers (samples, bench, evaluation, chunk
 * borders): written once, from the published rules, used by all of them.
 */
public final class CheckDigits {
    private CheckDigits() {}

    /** The Luhn digit that makes {@code payload} followed by it valid. */
    public static int luhn(CharSequence payload) {
        int sum = 0;
        for (int i = payload.length() - 1, k = 0; i >= 0; i--, k++) {
            int d = payload.charAt(i) - '0';
            if (k % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    /** ISO 7064 mod 97-10 with letters as numbers (A=10 ... Z=35), as IBANs use it. */
    public static int mod97(String s) {
        int r = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            r = v > 9 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
        }
        return r;
    }

    /** The DNI/NIE check letters, indexed by the number mod 23. */
    public static final String MOD23_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final String CURP_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";
    /** Codice fiscale: the value of 0-9 and A-Z at odd (1st, 3rd...) positions. */
    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22,
        25, 24, 23};

    /** Verhoeff's dihedral-group tables (multiplication, permutation, inverse). */
    private static final int[][] VERHOEFF_D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] VERHOEFF_P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
    private static final int[] VERHOEFF_INV = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

    public static boolean verhoeff(String digits) {
        int c = 0;
        for (int i = 0; i < digits.length(); i++) {
            c = VERHOEFF_D[c][VERHOEFF_P[i % 8][digits.charAt(digits.length() - 1 - i) - '0']];
        }
        return c == 0;
    }

    /** The Verhoeff digit to append to {@code payload}. */
    public static char verhoeffDigit(String payload) {
        int c = 0;
        for (int i = 0; i < payload.length(); i++) {
            c = VERHOEFF_D[c][VERHOEFF_P[(i + 1) % 8][payload.charAt(payload.length() - 1 - i) - '0']];
        }
        return (char) ('0' + VERHOEFF_INV[c]);
    }

    /** CPF's two check digits for its first nine digits: weights 10..2 then 11..2, 11 - sum mod 11, 10 and 11 as 0. */
    public static String cpfCheck(String nine) {
        int s1 = 0;
        int s2 = 0;
        for (int i = 0; i < 9; i++) {
            int d = nine.charAt(i) - '0';
            s1 += d * (10 - i);
            s2 += d * (11 - i);
        }
        int d1 = 11 - s1 % 11;
        d1 = d1 >= 10 ? 0 : d1;
        s2 += d1 * 2;
        int d2 = 11 - s2 % 11;
        d2 = d2 >= 10 ? 0 : d2;
        return "" + d1 + d2;
    }

    /** The mod-23 letter of a DNI (an NIE with X/Y/Z read as 0/1/2 first). */
    public static char mod23(long n) {
        return MOD23_LETTERS.charAt((int) (n % 23));
    }

    /** The NIR's key for its 13 first characters (department 2A / 2B counted as 19 / 18). */
    public static String nirKey(String thirteen) {
        String n = thirteen.substring(0, 5) + switch (thirteen.substring(5, 7)) {
            case "2A" -> "19";
            case "2B" -> "18";
            default -> thirteen.substring(5, 7);
        } + thirteen.substring(7);
        return String.format(Locale.ROOT, "%02d", 97 - Long.parseLong(n) % 97);
    }

    /** The codice fiscale's check letter for its first 15 characters. */
    public static char cfCheck(String fifteen) {
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = fifteen.charAt(i);
            int index = c >= '0' && c <= '9' ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? CF_ODD[index] : index;
        }
        return (char) ('A' + sum % 26);
    }

    /** The CURP's check digit for its first 17 characters: weights 18..2 over its alphabet, 10 - sum mod 10. */
    public static char curpCheck(String seventeen) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CURP_ALPHABET.indexOf(seventeen.charAt(i)) * (18 - i);
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
