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

    /** Chars copied out of the string at a time by {@link #of}. */
    private static final int CHUNK = 4096;
    /** Bits of a char that may make its run qualify: digit, punctuation, colon, capital. */
    private static final int MARKED = 2 | 4;
    /** Per char (0 past ASCII): bit 0 token char, bit 1 digit or punctuation, bit 2 capital, bit 3 colon. */
    private static final byte[] CLASS = new byte[65536];

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

    private final String text;
    private final int[] runs;
    private final int count;
    /** Computed on first use, see {@link #wordStartCount()}. */
    private int[] wordStarts;
    private int wordStartCount;

    private TokenRuns(String text, int[] runs, int count) {
        this.text = text;
        this.runs = runs;
        this.count = count;
    }

    static TokenRuns of(String s) {
        // A qualifying run holds a digit, a punctuation char, a colon or a capital; a plain
        // lower-case word holds none. So the pass looks only for those marked chars, in chunks
        // copied out of the string (no charAt checks), a loop whose branch is nearly never taken
        // in prose; at a marked char it reads the whole run around it once and skips past it.
        int n = s.length();
        char[] chunk = new char[Math.min(n, CHUNK)];
        int[] out = NONE;
        int count = 0;
        int resume = 0; // runs before this index are judged
        for (int base = 0; base < n; base += CHUNK) {
            int size = Math.min(CHUNK, n - base);
            s.getChars(base, base + size, chunk, 0);
            for (int k = Math.max(0, resume - base); k < size; k++) {
                if ((CLASS[chunk[k]] & MARKED) == 0) {
                    continue;
                }
                // The run around the marked char, read in the chunk while it lasts (no charAt).
                int left = k;
                while (left > 0 && (CLASS[chunk[left - 1]] & 1) != 0) {
                    left--;
                }
                int start = base + left;
                if (left == 0) {
                    while (start > 0 && (CLASS[s.charAt(start - 1)] & 1) != 0) {
                        start--;
                    }
                }
                int right = k + 1;
                while (right < size && (CLASS[chunk[right]] & 1) != 0) {
                    right++;
                }
                int end = base + right;
                if (right == size) {
                    while (end < n && (CLASS[s.charAt(end)] & 1) != 0) {
                        end++;
                    }
                }
                if (end - start >= MIN_COLON_LENGTH && qualifies(s, start, end)) {
                    if (out.length < count * 2 + 2) {
                        out = java.util.Arrays.copyOf(out, Math.max(16, out.length * 2));
                    }
                    out[count * 2] = start;
                    out[count * 2 + 1] = end;
                    count++;
                }
                resume = end + 1;
                k = end - base; // the char at end is no token char
            }
        }
        return new TokenRuns(s, out, count);
    }

    /**
     * At least {@link #MIN_LENGTH} chars with a digit or punctuation or two capitals, or at least
     * {@link #MIN_COLON_LENGTH} with a colon.
     */
    private static boolean qualifies(String s, int start, int end) {
        int len = end - start;
        if (len < MIN_COLON_LENGTH) {
            return false;
        }
        int marks = 0;
        int capitals = 0;
        for (int i = start; i < end; i++) {
            int cls = CLASS[s.charAt(i)];
            marks |= cls;
            capitals += cls >> 2 & 1;
        }
        return len >= MIN_LENGTH && ((marks & 2) != 0 || capitals >= 2) || (marks & 8) != 0;
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

    /**
     * The number of word starts in the runs: positions where an ASCII letter follows the run's
     * start or a char that is no letter, digit or '_' ({@code token=ghp_...}: at {@code t} and
     * {@code g}). Every credential prefix starts with a letter and must stand at a word start
     * (glued to a word char it is part of a longer token), so detectors that want no rejections
     * look only at these: one shared pass over the runs instead of one per detector.
     */
    public int wordStartCount() {
        if (wordStarts == null) {
            indexWordStarts();
        }
        return wordStartCount;
    }

    /** The position in the text of word start {@code k}, in increasing order. */
    public int wordStart(int k) {
        if (wordStarts == null) {
            indexWordStarts();
        }
        return wordStarts[k];
    }

    private void indexWordStarts() {
        int[] out = new int[Math.max(4, count * 2)];
        int n = 0;
        for (int r = 0; r < count; r++) {
            boolean afterWordChar = false;
            for (int i = runs[r * 2]; i < runs[r * 2 + 1]; i++) {
                char c = text.charAt(i);
                boolean letter = (char) ((c | 0x20) - 'a') < 26;
                if (letter && !afterWordChar) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = i;
                }
                afterWordChar = letter || (char) (c - '0') < 10 || c == '_';
            }
        }
        wordStartCount = n;
        wordStarts = out;
    }

    @Override
    public String toString() {
        return "TokenRuns[count=" + count + "]";
    }
}
