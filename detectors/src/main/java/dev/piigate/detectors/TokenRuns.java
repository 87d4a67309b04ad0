package dev.piigate.detectors;

/**
 * The credential prefilter: the runs of token characters ({@code A-Za-z0-9} and
 * {@code + / = _ - . : @ % ~}) in a text that could hold a secret, found in one cheap pass.
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

    /**
     * Per char (every UTF-16 unit, so the scan has no range check): bit 0 token char, bit 1
     * digit or punctuation, bit 2 capital, bit 3 colon; 0 for everything outside ASCII.
     */
    private static final byte[] CLASS = new byte[65536];
    /** Bits of {@link #CLASS} that a qualifying run must hold one of: digit or punctuation, capital. */
    private static final int MARKS = 2 | 4;
    /** Chars copied out of the string at a time: a char[] loop is faster than charAt. */
    private static final int CHUNK = 4096;

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

    /**
     * Every qualifying run holds a digit, a punctuation char or a capital (an all-lowercase run
     * never qualifies), so the pass looks only for those chars and reads the run around each one
     * found: prose, mostly lowercase letters and spaces, costs one table load and one
     * well-predicted branch per char. A run is read once (the scan resumes after it), so a text
     * costs at most three reads per char.
     */
    static TokenRuns of(String s) {
        int n = s.length();
        Collector out = new Collector();
        char[] chunk = new char[Math.min(CHUNK, Math.max(n, 1))];
        int base = 0;
        while (base < n) {
            int size = Math.min(CHUNK, n - base);
            s.getChars(base, base + size, chunk, 0);
            int k = 0;
            while (k < size) {
                if ((CLASS[chunk[k]] & MARKS) == 0) {
                    k++;
                    continue;
                }
                k = run(s, base + k, out) - base;
            }
            base += Math.max(size, k);
        }
        return new TokenRuns(out.runs == null ? NONE : out.runs, out.count);
    }

    /** Reads the run around {@code at} (a marked char), adds it if it qualifies; returns its end. */
    private static int run(String s, int at, Collector out) {
        int n = s.length();
        int start = at;
        while (start > 0 && (CLASS[s.charAt(start - 1)] & 1) != 0) {
            start--;
        }
        int end = at + 1;
        while (end < n && (CLASS[s.charAt(end)] & 1) != 0) {
            end++;
        }
        int marks = 0;
        int capitals = 0;
        for (int i = start; i < end; i++) {
            int cls = CLASS[s.charAt(i)];
            marks |= cls;
            capitals += cls >> 2 & 1;
        }
        if (qualifies(end - start, marks, capitals) != 0) {
            out.add(start, end);
        }
        return end;
    }

    /**
     * 1 if a run of this length and these marks qualifies: at least {@link #MIN_LENGTH} long with a
     * digit, a punctuation char or two capitals, or at least {@link #MIN_COLON_LENGTH} with a colon.
     */
    private static int qualifies(int len, int marks, int capitals) {
        int long10 = (MIN_LENGTH - 1 - len) >>> 31;
        int long6 = (MIN_COLON_LENGTH - 1 - len) >>> 31;
        int notWord = (marks >> 1 | (1 - capitals) >>> 31) & 1;
        return long10 & notWord | long6 & marks >> 3 & 1;
    }

    /** Run edges as they are found. */
    private static final class Collector {
        int[] runs;
        int count;

        void add(int start, int end) {
            if (runs == null) {
                runs = new int[16];
            } else if (runs.length < count * 2 + 2) {
                runs = java.util.Arrays.copyOf(runs, runs.length * 2);
            }
            runs[count * 2] = start;
            runs[count * 2 + 1] = end;
            count++;
        }
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
