package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

/**
 * A text prepared for scanning: the original string, a normalised view in which fullwidth and
 * other non-ASCII decimal digits, fullwidth letters and punctuation, Unicode spaces and dashes are
 * folded to ASCII (the part of NFKC that matters for the values we look for), an offset map back to
 * the original, and an index of candidates built in one pass: the maximal runs of ASCII digits.
 *
 * <p>Every fold is one char to one char except a digit outside the BMP (a surrogate pair), so the
 * offset map is the identity unless such a digit occurs; it is only allocated then.
 *
 * <p>Not thread-safe; one instance per record field.
 */
public final class ScanText {
    private static final int[] NO_RUNS = new int[0];
    /** Characters copied out of the string at a time by {@link #of}. */
    private static final int CHUNK = 4096;

    private final String original;
    private final String text;
    /** Normalised index to original index, length text.length() + 1; null for the identity. */
    private final int[] toOriginal;
    private final String field;
    private final int[] runs;
    private final int runCount;

    private ScanText(String original, String text, int[] toOriginal, String field, int[] runs, int runCount) {
        this.original = original;
        this.text = text;
        this.toOriginal = toOriginal;
        this.field = field;
        this.runs = runs;
        this.runCount = runCount;
    }

    public static ScanText of(String original) {
        return of(original, null);
    }

    /**
     * @param field where the text comes from (JSON path, column name), used as context the way
     *              Macie uses column names and JSON paths; may be null
     */
    public static ScanText of(String original, String field) {
        requireNonNull(original, "original");
        int n = original.length();
        // The one pass over every character of the input, without branches: copying chunks into a
        // char array lets the JIT drop String.charAt's checks, and digit runs are recorded as the
        // positions where "is a digit" flips (start, end, start, end...), one store per char.
        // Per-thread scratch: a ScanText is made for every value of every record, and fresh arrays
        // sized like the value cost six bytes per character scanned. Only the runs found are kept.
        Scratch scratch = SCRATCH.get();
        char[] chunk = scratch.chunk;
        int[] edges = scratch.edges;
        int count = 0; // edges recorded
        int inRun = 0;
        for (int base = 0; base < n; base += CHUNK) {
            int len = Math.min(CHUNK, n - base);
            original.getChars(base, base + len, chunk, 0);
            if (edges.length < count + len + 2) {
                edges = java.util.Arrays.copyOf(edges, Math.max(edges.length * 2, count + len + 2));
                scratch.keep(edges);
            }
            int mayFold = 0;
            for (int k = 0; k < len; k++) {
                char c = chunk[k];
                mayFold |= MAY_FOLD[c];
                int digit = (char) (c - '0') < 10 ? 1 : 0;
                edges[count] = base + k;
                count += digit ^ inRun;
                inRun = digit;
            }
            if (mayFold != 0 && foldsAny(original, chunk, base, len)) {
                return folded(original, field); // it indexes the folded text itself
            }
        }
        if (inRun == 1) {
            edges[count++] = n;
        }
        int[] runs = count == 0 ? NO_RUNS : java.util.Arrays.copyOf(edges, count);
        return new ScanText(original, original, null, field, runs, count / 2);
    }

    /** Buffers {@link #of} reuses on one thread. */
    private static final class Scratch {
        /** Run edges past this many are not kept for the next text (one huge value must not pin memory). */
        private static final int MAX_KEPT_EDGES = 1 << 16;
        final char[] chunk = new char[CHUNK];
        int[] edges = new int[CHUNK + 2];

        void keep(int[] grown) {
            if (grown.length <= MAX_KEPT_EDGES) {
                edges = grown;
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Chars that may need folding (a high surrogate may start a digit); curly quotes, accents... do not. */
    private static final byte[] MAY_FOLD = new byte[65536];

    static {
        for (int c = 0x80; c < 65536; c++) {
            MAY_FOLD[c] = (byte) (fold((char) c) != c || Character.isHighSurrogate((char) c) ? 1 : 0);
        }
    }

    private static boolean foldsAny(String s, char[] chunk, int base, int len) {
        for (int k = 0; k < len; k++) {
            if (MAY_FOLD[chunk[k]] != 0 && folds(s, base + k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean folds(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
            return Character.isDigit(s.codePointAt(i));
        }
        return fold(c) != c;
    }

    /** The ASCII character a non-ASCII char stands for in the values we detect, or c itself. */
    static char fold(char c) {
        if (c < 0x80) {
            return c;
        }
        if (c >= 0xFF01 && c <= 0xFF5E) { // fullwidth ASCII variants
            return (char) (c - 0xFEE0);
        }
        if (Character.isDigit(c)) { // Arabic-Indic, Devanagari, fullwidth... decimal digits
            return (char) ('0' + Character.digit(c, 10));
        }
        switch (c) {
            case '\u00A0', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007',
                    '\u2008', '\u2009', '\u200A', '\u202F', '\u205F', '\u3000':
                return ' ';
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\uFE63':
                return '-';
            case '\uFF20':
                return '@';
            default:
                return c;
        }
    }

    private static ScanText folded(String original, String field) {
        int n = original.length();
        StringBuilder sb = new StringBuilder(n);
        int[] map = new int[n + 1];
        boolean identity = true;
        for (int i = 0; i < n; i++) {
            char c = original.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(original.charAt(i + 1))) {
                int cp = original.codePointAt(i);
                if (Character.isDigit(cp)) {
                    map[sb.length()] = i;
                    sb.append((char) ('0' + Character.digit(cp, 10)));
                    i++;
                    identity = false;
                    continue;
                }
            }
            map[sb.length()] = i;
            sb.append(fold(c));
        }
        map[sb.length()] = n;
        String text = sb.toString();
        ScanText plain = of(text, field); // text is ASCII wherever it matters now: no second fold
        return new ScanText(original, text, identity ? null : java.util.Arrays.copyOf(map, text.length() + 1),
                field, plain.runs, plain.runCount);
    }

    /** The original text, as given. Detectors read {@link #text()}. */
    public String original() {
        return original;
    }

    /** The normalised text detectors scan; offsets in findings refer to it until mapped. */
    public String text() {
        return text;
    }

    /** The field the text comes from (JSON path, column name), or null. */
    public String field() {
        return field;
    }

    public int length() {
        return text.length();
    }

    /** Number of maximal runs of ASCII digits in {@link #text()}. */
    public int digitRunCount() {
        return runCount;
    }

    public int digitRunStart(int i) {
        return runs[i * 2];
    }

    public int digitRunEnd(int i) {
        return runs[i * 2 + 1];
    }

    /** Index of the first digit run whose start is at or after {@code position}, or runCount. */
    public int firstDigitRunAtOrAfter(int position) {
        int lo = 0;
        int hi = runCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (runs[mid * 2] < position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public boolean isNormalised() {
        return text != original;
    }

    /** Maps an offset in {@link #text()} to the original text. */
    public int toOriginal(int offset) {
        return toOriginal == null ? offset : toOriginal[offset];
    }

    /** The finding with its span mapped from normalised to original offsets. */
    public Finding toOriginal(Finding f) {
        if (toOriginal == null) {
            return f;
        }
        return new Finding(f.type(), toOriginal(f.start()), toOriginal(f.end()), f.detectorId(), f.confidence(),
                f.masked(), f.testValue());
    }

    public Rejection toOriginal(Rejection r) {
        if (toOriginal == null) {
            return r;
        }
        return new Rejection(r.type(), toOriginal(r.start()), toOriginal(r.end()), r.detectorId(), r.reason());
    }

    @Override
    public String toString() {
        // Never the text: this object may end up in a log line or an exception message.
        return "ScanText[length=" + text.length() + ", field=" + field + ", digitRuns=" + runCount + "]";
    }
}
