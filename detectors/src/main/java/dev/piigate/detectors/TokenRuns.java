package dev.piigate.detectors;

/**
 * The credential prefilter: the runs of token characters ({@code A-Za-z0-9} and
 * {@code + / = _ - . : @ % ~}) in a text that could hold a secret, found in one branch-free pass.
 * A run qualifies when it is at least {@link #MIN_LENGTH} long and not a plain word: it holds a
 * digit, a punctuation char or two capitals ({@code ghp_...}, {@code AKIA...}, {@code eyJ...},
 * {@code -----BEGIN}, {@code postgres://u:p@h}, {@code Authorization:}); or it holds a ':' and is
 * at least {@link #MIN_COLON_LENGTH} long ({@code ftp://u:p}). English prose has few such runs, so
 * credential detectors that look only at them cost next to nothing on text without secrets.
 *
 * <p>A run is a trigger, not a value: a detector reads the text around it as far as its format
 * needs (a password in a URL may hold {@code !} or {@code #}, which end a run).
 */
public final class TokenRuns {
    public static final int MIN_LENGTH = 10;
    public static final int MIN_COLON_LENGTH = 6;
    private static final int[] NONE = new int[0];

    /** Per ASCII char: bit 0 token char, bit 1 digit or punctuation, bit 2 capital, bit 3 colon. */
    private static final byte[] CLASS = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLASS[c] = 1;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            CLASS[c] = 1 | 4;
        }
        for (char c = '0'; c <= '9'; c++) {
            CLASS[c] = 1 | 2;
        }
        for (char c : "+/=_-.@%~".toCharArray()) {
            CLASS[c] = 1 | 2;
        }
        CLASS[':'] = 1 | 2 | 8;
    }

    private final int[] runs;
    private final int count;

    private TokenRuns(int[] runs, int count) {
        this.runs = runs;
        this.count = count;
    }

    static TokenRuns of(String s) {
        int n = s.length();
        int[] out = null;
        int count = 0;
        int len = 0;
        int marks = 0; // digit/punct bit and colon bit of the current run
        int capitals = 0;
        for (int i = 0; i <= n; i++) {
            int cls = 0;
            if (i < n) {
                char c = s.charAt(i);
                cls = c < 128 ? CLASS[c] : 0;
            }
            if (cls != 0) {
                len++;
                marks |= cls;
                capitals += cls >> 2 & 1;
                continue;
            }
            if (len >= MIN_COLON_LENGTH && (len >= MIN_LENGTH && ((marks & 2) != 0 || capitals >= 2)
                    || (marks & 8) != 0)) {
                if (out == null) {
                    out = new int[16];
                } else if (out.length < count * 2 + 2) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                out[count * 2] = i - len;
                out[count * 2 + 1] = i;
                count++;
            }
            len = 0;
            marks = 0;
            capitals = 0;
        }
        return new TokenRuns(out == null ? NONE : out, count);
    }

    public int count() {
        return count;
    }

    public int start(int i) {
        return runs[i * 2];
    }

    public int end(int i) {
        return runs[i * 2 + 1];
    }

    @Override
    public String toString() {
        return "TokenRuns[count=" + count + "]";
    }
}
