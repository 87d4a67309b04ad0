package dev.piigate.detectors.kit;

/**
 * A set of ASCII characters a token is made of, as a 128-bit table: {@link #BASE62} for GitHub
 * and npm tokens, {@link #BASE64URL} for JWTs, {@link #BASE64} for key bodies and secret keys.
 */
public final class Alphabet {
    public static final Alphabet DIGITS = of("0123456789");
    public static final Alphabet UPPER_BASE32 = of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    public static final Alphabet BASE62 = of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    public static final Alphabet BASE64 = BASE62.plus("+/");
    public static final Alphabet BASE64URL = BASE62.plus("-_");
    public static final Alphabet HEX = of("0123456789abcdefABCDEF");

    private final long low;
    private final long high;

    private Alphabet(long low, long high) {
        this.low = low;
        this.high = high;
    }

    public static Alphabet of(String chars) {
        long lo = 0;
        long hi = 0;
        for (char c : chars.toCharArray()) {
            if (c >= 128) {
                throw new IllegalArgumentException("alphabets are ASCII: " + chars);
            }
            if (c < 64) {
                lo |= 1L << c;
            } else {
                hi |= 1L << (c - 64);
            }
        }
        return new Alphabet(lo, hi);
    }

    public Alphabet plus(String chars) {
        Alphabet more = of(chars);
        return new Alphabet(low | more.low, high | more.high);
    }

    public boolean contains(char c) {
        return c < 64 ? (low >>> c & 1) != 0 : c < 128 && (high >>> (c - 64) & 1) != 0;
    }

    /** Every char of [start, end) is in the alphabet. */
    public boolean all(CharSequence s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!contains(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The end of the run of alphabet chars starting at {@code from}, at most {@code limit}. */
    public int runEnd(CharSequence s, int from, int limit) {
        int i = from;
        int stop = Math.min(limit, s.length());
        while (i < stop && contains(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The start of the run of alphabet chars ending at {@code to}, at least {@code limit}. */
    public int runStart(CharSequence s, int to, int limit) {
        int i = to;
        int stop = Math.max(limit, 0);
        while (i > stop && contains(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
