package dev.piigate.detectors.kit;

/**
 * Check-digit routines, each a pure function over a span of a text: no allocation, no regex.
 * Separators inside a span are skipped where the routine says so, so a detector can check a
 * value as written ({@code 4539 1488 0343 6467}, {@code 123.456.789-09}).
 */
public final class Checks {
    private Checks() {}

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String MOD23_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    /** Luhn (ISO/IEC 7812-1) over the ASCII digits of [start, end), skipping any other char. */
    public static boolean luhn(CharSequence s, int start, int end) {
        int sum = 0;
        boolean twice = false;
        for (int i = end - 1; i >= start; i--) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                continue;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /**
     * ISO 7064 mod 97-10 as IBANs use it: the span's letters and digits (letters as 10-35, any case),
     * the first {@code rotate} of them moved to the end; true if the remainder is 1. Other chars
     * are skipped.
     */
    public static boolean mod97(CharSequence s, int start, int end, int rotate) {
        int rem = 0;
        int seen = 0;
        // The rotated tail first: characters after the first `rotate` alphanumerics, then those.
        for (int pass = 0; pass < 2; pass++) {
            seen = 0;
            for (int i = start; i < end; i++) {
                char c = s.charAt(i);
                int v = alnumValue(c);
                if (v < 0) {
                    continue;
                }
                boolean head = seen++ < rotate;
                if (head != (pass == 1)) {
                    continue;
                }
                rem = v < 10 ? (rem * 10 + v) % 97 : (rem * 100 + v) % 97;
            }
        }
        return rem == 1;
    }

    /** 97 - (n mod 97), the key of a French NIR over the 13 digits of n. */
    public static int mod97Key(long n) {
        return (int) (97 - n % 97);
    }

    /**
     * The weighted sum mod 11 of the digits of [start, end) (other chars skipped), weights applied
     * from the first digit; digits past the weights are ignored.
     */
    public static int mod11(CharSequence s, int start, int end, int[] weights) {
        int sum = 0;
        int k = 0;
        for (int i = start; i < end && k < weights.length; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                continue;
            }
            sum += d * weights[k++];
        }
        return sum % 11;
    }

    /** The common mod-11 check digit: 11 - sum mod 11, with 10 and 11 becoming 0 (Brazil's CPF rule). */
    public static int mod11Digit(CharSequence s, int start, int end, int[] weights) {
        int r = 11 - mod11(s, start, end, weights);
        return r >= 10 ? 0 : r;
    }

    /** The control letter of a Spanish DNI or NIE for its number: {@code TRWAGMYFPDXBNJZSQVHLCKE}. */
    public static char mod23Letter(long number) {
        return MOD23_LETTERS.charAt((int) (number % 23));
    }

    /** Verhoeff (dihedral group D5) over the ASCII digits of [start, end), skipping others; true if valid. */
    public static boolean verhoeff(CharSequence s, int start, int end) {
        int c = 0;
        int pos = 0;
        for (int i = end - 1; i >= start; i--) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                continue;
            }
            c = VERHOEFF_D[c][VERHOEFF_P[pos++ % 8][d]];
        }
        return pos > 0 && c == 0;
    }

    private static final int[][] VERHOEFF_D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
    };
    private static final int[][] VERHOEFF_P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
    };

    /** CRC-32 (IEEE 802.3, as {@link java.util.zip.CRC32}) of the ASCII chars of [start, end). */
    public static long crc32(CharSequence s, int start, int end) {
        int crc = 0xFFFFFFFF;
        for (int i = start; i < end; i++) {
            crc = CRC_TABLE[(crc ^ s.charAt(i)) & 0xFF] ^ (crc >>> 8);
        }
        return ~crc & 0xFFFFFFFFL;
    }

    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            CRC_TABLE[n] = c;
        }
    }

    /**
     * Whether [checkStart, checkStart + width) holds the CRC-32 of [start, end) in base 62
     * ({@code 0-9A-Za-z}), left-padded with '0' to {@code width}: the tail of GitHub and npm tokens.
     */
    public static boolean crc32Base62(CharSequence s, int start, int end, int checkStart, int width) {
        long v = crc32(s, start, end);
        for (int i = checkStart + width - 1; i >= checkStart; i--) {
            if (s.charAt(i) != BASE62.charAt((int) (v % 62))) {
                return false;
            }
            v /= 62;
        }
        return v == 0;
    }

    /**
     * Whether [checkStart, checkStart + width) holds the CRC-32 of [start, end) in base 36
     * ({@code 0-9a-z}), left-padded with '0' to {@code width}: the tail of GitLab's routable tokens.
     */
    public static boolean crc32Base36(CharSequence s, int start, int end, int checkStart, int width) {
        long v = crc32(s, start, end);
        for (int i = checkStart + width - 1; i >= checkStart; i--) {
            int d = (int) (v % 36);
            if (s.charAt(i) != (char) (d < 10 ? '0' + d : 'a' + d - 10)) {
                return false;
            }
            v /= 36;
        }
        return v == 0;
    }

    /** The value of a letter or digit for mod 97 (A = 10 ... Z = 35, any case), or -1. */
    public static int alnumValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        if (lower >= 'a' && lower <= 'z') {
            return lower - 'a' + 10;
        }
        return -1;
    }
}
