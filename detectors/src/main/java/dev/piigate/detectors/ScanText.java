package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

/**
 * A text prepared for scanning: the original string, a normalised view in which fullwidth and
 * other non-ASCII decimal digits, fullwidth letters and punctuation, Unicode spaces and dashes are
 * folded to ASCII (the part of NFKC that matters for the values we look for) and invisible
 * characters are removed, an offset map back to the original, and an index of candidates built in
 * one pass: the maximal runs of ASCII digits.
 *
 * <p>Invisible characters (Unicode format characters, category Cf: zero-width space and joiners,
 * U+2060, a BOM inside text, the soft hyphen, bidi marks and embeddings; and the other default
 * ignorable code points: variation selectors, the combining grapheme joiner, Hangul fillers) are
 * removed, so {@code 4550\u200B1121...} is one digit run. A run of them between a Latin letter and
 * a digit is kept: there it separates a word from a value ({@code card\u200B4550...}), and
 * removing it would glue the two.
 *
 * <p>Some texts need a second look, {@link #alternate()}: percent-encoded text ({@code
 * 4550%201121%205950%204165}, {@code jane.doe%40example.com}), digit groups joined by '+' (a
 * query string's space), and the kept letter-digit invisibles above. The alternate view decodes
 * {@code %XX} escapes (UTF-8 sequences too), reads '+' between two digits as a space and removes
 * every invisible character; text still holding escapes after that (double encoding) is
 * decoded again as the alternate's own alternate, up to three levels. It is an extra view, not a
 * replacement: decoding can also destroy a value ({@code 5%4550...} reads as {@code 5E50...}),
 * so every view is scanned.
 *
 * <p>Not thread-safe; one instance per record field.
 */
public final class ScanText {
    private static final int[] NO_RUNS = new int[0];
    /** Characters copied out of the string at a time by {@link #of}. */
    private static final int CHUNK = 4096;
    /**
     * Run edges in a chunk past which {@link #index} finds the next chunk's edges with its
     * branch-free loop (a store per char) rather than by skipping (two mispredicted branches per
     * run): one edge per 16 chars. Skipping halves the loop's time on prose (one edge per 360
     * chars), is even with the branch-free loop on the PII bench text (one per nine) and loses on
     * a log (one per three).
     */
    static final int DENSE_EDGES = CHUNK / 16;
    /** Bits of {@link #CLASS}: the char may fold or be removed; the char may call for the alternate view. */
    private static final char FOLD = 1;
    private static final char SPECIAL = 2;
    /** Presence bits, for {@link #mayContain}. */
    public static final char AT = 32;
    public static final char LT = 64;
    public static final char BRACKET = 128;
    public static final char PIPE = 256;
    /** A char that starts a masked value with no digit shown ({@link MaskRuns}): {@code * # • ●} and {@code X}. */
    public static final char MASK = 512;
    /** A char past Latin-1 (above U+00FF): without one, {@link #latin1()}. */
    static final char WIDE = 1024;
    /** Where {@link #CLASS} holds {@link TokenRuns#triggerBits}: the five bits above {@link #WIDE}. */
    private static final int TRIGGER_SHIFT = 11;
    private static final int TRIGGERS = 31 << TRIGGER_SHIFT;

    /** Levels of percent-encoding decoded: %2540 is "@" encoded twice, as redirect URLs carry it. */
    private static final int MAX_DECODE = 3;

    private final String original;
    private final String text;
    /** Normalised index to the original index where that char starts, length text.length() + 1; null for the identity. */
    private final int[] starts;
    /**
     * Normalised index to the number of original chars that char stands for (1; 2 for a
     * supplementary digit; 3 to 12 for a percent escape); null for the identity. A byte, not an
     * end offset: a 16M-char value costs 5 bytes a char in maps, not 8.
     */
    private final byte[] widths;
    private final String field;
    private final int[] runs;
    private final int runCount;
    private final ScanText alternate;
    /** Found by the index pass with the digit runs; computed on first use if a path did not set it. */
    private TokenRuns tokenRuns;
    /** Found on first use ({@link #maskRunStarts}), and only in a text the index pass saw a mask char in. */
    private int[] maskRunStarts;
    /** Bit r: {@link Chars#maskCharBefore} for digit run r; computed for all runs on first use. */
    private long[] maskCharBefore;
    /** Per keyword list asked about this text, what was found ({@link Keywords.Found}): pairs of Keywords, Found. */
    private Object[] keywordsFound;
    /** The OR of the class bits of the text's chars; all ones when not known. */
    private int present = -1;

    private ScanText(String original, String text, int[] starts, byte[] widths, String field, int[] runs,
            ScanText alternate) {
        this.original = original;
        this.text = text;
        this.starts = starts;
        this.widths = widths;
        this.field = field;
        this.runs = runs;
        this.runCount = runs.length / 2;
        this.alternate = alternate;
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
        Scratch scratch = SCRATCH.get();
        int[] runs = index(original, scratch, true);
        boolean special = scratch.special;
        ScanText primary;
        boolean keptInvisible = false;
        if (runs != null) {
            primary = new ScanText(original, original, null, null, field, runs, null);
            primary.withIndex(scratch);
        } else {
            Builder b = new Builder(original, false);
            b.build();
            keptInvisible = b.keptInvisible;
            primary = b.scanText(field, scratch, null);
            special = true; // the index stopped early: look at the whole text
        }
        if (!(special && needsAlternate(original)) && !keptInvisible) {
            return primary;
        }
        ScanText alternate = decoded(original, field, scratch);
        if (alternate.text.equals(primary.text)) {
            return primary; // e.g. an undecodable "%C3" that changes nothing
        }
        return new ScanText(original, primary.text, primary.starts, primary.widths, field, primary.runs, alternate)
                .withIndex(primary);
    }

    /**
     * The alternate view, and if it still holds escapes (double encoding, {@code %2540}) the
     * text decoded again as its own alternate, up to {@link #MAX_DECODE} levels; each level's
     * offsets map to the original.
     */
    private static ScanText decoded(String original, String field, Scratch scratch) {
        java.util.List<ScanText> levels = new java.util.ArrayList<>(2);
        String source = original;
        for (int depth = 0; depth < MAX_DECODE && (depth == 0 || hasEscape(source)); depth++) {
            Builder b = new Builder(source, true);
            b.build();
            ScanText level = b.scanText(field, scratch, null);
            if (depth > 0) {
                if (level.text.equals(source)) {
                    break;
                }
                level = level.through(levels.get(depth - 1));
            }
            levels.add(level);
            source = level.text;
        }
        ScanText next = null;
        for (int k = levels.size() - 1; k >= 0; k--) {
            ScanText l = levels.get(k);
            next = new ScanText(original, l.text, l.starts, l.widths, field, l.runs, next).withIndex(l);
        }
        return next;
    }

    /** This view of {@code outer}'s text, with offsets mapped on to {@code outer}'s original. */
    private ScanText through(ScanText outer) {
        int len = text.length();
        int[] s = new int[len + 1];
        byte[] w = new byte[len];
        for (int i = 0; i < len; i++) {
            s[i] = outer.toOriginal(toOriginal(i));
            w[i] = (byte) (outer.toOriginalEnd(toOriginalEnd(i + 1)) - s[i]); // at most 3 levels of 12: fits
        }
        s[len] = outer.original.length();
        return new ScanText(outer.original, text, s, w, field, runs, null).withIndex(this);
    }

    /**
     * The one pass over every character of the input: copying chunks into a char array lets the
     * JIT drop String.charAt's checks, and digit runs are recorded as the positions where "is a
     * digit" flips (start, end, start, end...): where runs are dense without branches, one store
     * per char; where they are sparse by skipping to the next flip ({@link #DENSE_EDGES}).
     * Per-thread scratch: a ScanText is made for every value of every record, and fresh arrays
     * sized like the value cost six bytes per character scanned. Only the runs found are kept.
     *
     * @return the runs, or null if {@code mayFold} and some char folds (then nothing is indexed)
     */
    private static int[] index(String s, Scratch scratch, boolean mayFold) {
        int n = s.length();
        char[] chunk = scratch.chunk;
        int[] edges = scratch.edges;
        int count = 0; // edges recorded
        int inRun = 0;
        int flags = 0;
        int tokenNext = 0; // token runs are judged from here on
        boolean denseChunk = false; // the chunk before had many run edges: expect this one to too
        boolean latin1 = true; // no char past U+00FF so far: edges found eight chars at a time
        char before = 0;
        scratch.tokenSink.clear();
        for (int base = 0; base < n; base += CHUNK) {
            int len = Math.min(CHUNK, n - base);
            s.getChars(base, base + len, chunk, 0);
            if (edges.length < count + len + 2) {
                edges = java.util.Arrays.copyOf(edges, grownEdges(edges.length, count, base, len, n));
                scratch.keep(edges);
            }
            int chunkFlags = 0;
            int countBefore = count;
            // A text Latin-1 so far: its chunk's classes are read first, the token triggers with them.
            boolean classesRead = latin1;
            if (classesRead) {
                tokenNext = classesAndTriggers(s, scratch, base, len, before, tokenNext);
                chunkFlags = scratch.chunkFlags;
                latin1 = (chunkFlags & WIDE) == 0;
            }
            if (latin1) {
                // No char past U+00FF: the same edges from the chars as bytes, eight at a time.
                count = latin1Edges(s, base, len, scratch.bytes, edges, count, inRun);
                inRun = count & 1; // edges alternate, start and end: after an odd number, inside a run
            } else if (denseChunk) {
                for (int k = 0; k < len; k++) {
                    char c = chunk[k];
                    int f = CLASS[c];
                    chunkFlags |= f;
                    int digit = (char) (c - '0') < 10 ? 1 : 0;
                    edges[count] = base + k;
                    count += digit ^ inRun;
                    inRun = digit;
                }
            } else {
                if (!classesRead) {
                    tokenNext = classesAndTriggers(s, scratch, base, len, before, tokenNext);
                    chunkFlags = scratch.chunkFlags;
                    classesRead = true;
                }
                // The same edges, found by skipping: two mispredicted branches per run instead of
                // a store per char, cheaper while runs are sparse (prose, chat; not a log).
                int k = 0;
                while (k < len) {
                    if (inRun == 0) {
                        while (k < len && (char) (chunk[k] - '0') >= 10) {
                            k++;
                        }
                        if (k == len) {
                            break;
                        }
                        edges[count++] = base + k;
                        inRun = 1;
                    }
                    while (k < len && (char) (chunk[k] - '0') < 10) {
                        k++;
                    }
                    if (k == len) {
                        break;
                    }
                    edges[count++] = base + k;
                    inRun = 0;
                }
            }
            denseChunk = count - countBefore > DENSE_EDGES;
            if (!classesRead) {
                // A loop of its own over the chunk just copied (in L1): folded into the dense loop
                // above, its extra live values cost that loop twice its time in register spills.
                tokenNext = TokenRuns.judgeTriggers(s, chunk, base, len, before, tokenNext, scratch.tokenSink);
            }
            before = chunk[len - 1];
            if (mayFold && (chunkFlags & FOLD) != 0 && foldsAny(s, chunk, base, len)) {
                return null;
            }
            flags |= chunkFlags;
        }
        scratch.special = (flags & SPECIAL) != 0;
        scratch.present = flags & ~TRIGGERS;
        scratch.tokenRuns = scratch.tokenSink.result(s);
        if (inRun == 1) {
            edges[count++] = n;
        }
        return count == 0 ? NO_RUNS : java.util.Arrays.copyOf(edges, count);
    }

    /**
     * The chunk's {@link #CLASS} bits OR-ed (left in {@code scratch.chunkFlags}), and the token runs
     * around its triggers judged ({@link TokenRuns#judgeTriggers}'s rule) in the same loop: one
     * table look-up per char for both, the trigger bits being in {@link #CLASS} too. Returns the
     * new {@code next} of the token runs.
     */
    private static int classesAndTriggers(String s, Scratch scratch, int base, int len, char before, int next) {
        char[] chunk = scratch.chunk;
        TokenRuns.Sink sink = scratch.tokenSink;
        int flags = 0;
        int prev = CLASS[before];
        for (int k = 0; k < len; k++) {
            int f = CLASS[chunk[k]];
            flags |= f;
            if (TokenRuns.triggers(f, prev, TRIGGER_SHIFT) && base + k >= next) {
                next = TokenRuns.record(s, base + k, sink);
            }
            prev = f;
        }
        scratch.chunkFlags = flags;
        return next;
    }

    /**
     * The run edges of {@code s}'s chars [base, base + len), all Latin-1, added to {@code edges}
     * from {@code count} as {@link #index}'s loops add them: the chars as bytes (the deprecated
     * {@code String.getBytes} copies each char's low byte, exact for Latin-1), eight per long, a
     * few operations on the long telling which are ASCII digits; an edge wherever that flips, found
     * 64 chars at a time as the bits that differ from the char before's. A store per edge, not per
     * char, and no branch per char. Returns the new count.
     *
     * @param inRun 1 if the char before {@code base} is a digit
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, exact for Latin-1
    private static int latin1Edges(String s, int base, int len, byte[] bytes, int[] edges, int count, int inRun) {
        s.getBytes(base, base + len, bytes, 0);
        java.util.Arrays.fill(bytes, len, Math.min(bytes.length, (len + 63) & ~63), (byte) 0); // no digit past the end
        long before = inRun;
        for (int from = 0; from < len; from += 64) {
            long digits = 0;
            for (int w = 0; w < 8; w++) {
                long x = (long) Chars.LONGS.get(bytes, from + 8 * w);
                long y = x & ~Chars.HIGH;
                // Per byte, bit 7 of (y + 0x50) says y >= '0', of (y + 0x46) y >= ':'; no carry crosses a byte.
                long digit = (y + 0x5050505050505050L) & ~(y + 0x4646464646464646L) & ~x & Chars.HIGH;
                digits |= Chars.gatherHigh(digit) << (8 * w);
            }
            long flips = digits ^ (digits << 1 | before);
            before = digits >>> 63;
            if (len - from < 64) {
                flips &= (1L << (len - from)) - 1;
            }
            for (; flips != 0; flips &= flips - 1) {
                edges[count++] = base + from + Long.numberOfTrailingZeros(flips);
            }
        }
        return count;
    }

    /**
     * The new length of the run-edges array when the next chunk may not fit: at least double, and
     * at least the edges the whole text will need at the density seen so far (plus an eighth), so
     * a big text grows it once or twice instead of doubling from 4 K to its final size (those
     * copies were most of the bytes a big log's scan allocated). Never past one edge per char.
     */
    private static int grownEdges(int length, int count, int base, int len, int n) {
        long atDensity = base == 0 ? 0 : (long) count * n / base;
        long wanted = Math.max(Math.max(2L * length, count + len + 2L), atDensity + atDensity / 8 + len + 2);
        return (int) Math.min(wanted, Math.max(n + 2L, count + len + 2L));
    }

    /** Buffers {@link #of} reuses on one thread. */
    private static final class Scratch {
        /**
         * Run edges past this many are not kept for the next text: one huge value must not pin
         * memory, but a text of a few MB (a document's text) is grown into once, not on every
         * scan (2 MB of PII text has 224,000 edges; at most 2 MB kept per thread).
         */
        private static final int MAX_KEPT_EDGES = 1 << 19;
        final char[] chunk = new char[CHUNK];
        /** The chunk's chars as bytes when all are Latin-1 ({@link #latin1Edges}), and eight more. */
        final byte[] bytes = new byte[CHUNK + 8];
        int[] edges = new int[CHUNK + 2];
        final TokenRuns.Sink tokenSink = new TokenRuns.Sink();
        /** {@link #classesAndTriggers}' second answer: the chunk's class bits OR-ed. */
        int chunkFlags;
        /** Set by {@link #index}: the text holds a '%' or '+'. */
        boolean special;
        /** Set by {@link #index}: the OR of the class bits of every char of the text indexed. */
        int present;
        /** Set by {@link #index}: the token runs of the text indexed. */
        TokenRuns tokenRuns;

        void keep(int[] grown) {
            if (grown.length <= MAX_KEPT_EDGES) {
                edges = grown;
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Per char, the bits the index pass reads: {@link #FOLD} if it may need folding or removing (a
     * high surrogate may start a digit or an invisible tag character; curly quotes, accents... do
     * not), {@link #SPECIAL} for '%' and '+', which may call for the alternate view; and the
     * presence bits ({@link #AT}...) that {@link #mayContain} answers from.
     */
    private static final char[] CLASS = new char[65536];

    static {
        for (int c = 0x80; c < 65536; c++) {
            CLASS[c] = (char) ((fold((char) c) != c || Character.isHighSurrogate((char) c) || isInvisible(c) ? FOLD : 0)
                    | (c > 0xFF ? WIDE : 0));
        }
        for (int c = 0; c < 65536; c++) {
            CLASS[c] |= (char) (TokenRuns.triggerBits((char) c) << TRIGGER_SHIFT);
        }
        CLASS['%'] |= SPECIAL;
        CLASS['+'] |= SPECIAL;
        CLASS['@'] |= AT;
        CLASS['<'] |= LT;
        CLASS['['] |= BRACKET;
        CLASS['|'] |= PIPE;
        for (char c : MaskRuns.STARTS.toCharArray()) {
            CLASS[c] |= MASK;
        }
    }

    private static boolean foldsAny(String s, char[] chunk, int base, int len) {
        for (int k = 0; k < len; k++) {
            if ((CLASS[chunk[k]] & FOLD) != 0 && folds(s, base + k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean folds(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
            int cp = s.codePointAt(i);
            return Character.isDigit(cp) || isInvisible(cp);
        }
        return fold(c) != c || isInvisible(c);
    }

    /**
     * Rendered as nothing: format characters (Cf: zero-width space, joiners, word joiner, BOM,
     * soft hyphen, bidi marks, embeddings and isolates, tags) and the other default ignorable
     * code points that are not Cf (combining grapheme joiner, Hangul fillers, Khmer inherent
     * vowels, Mongolian and other variation selectors).
     */
    static boolean isInvisible(int cp) {
        if (cp < 0xAD) {
            return false;
        }
        return Character.getType(cp) == Character.FORMAT
                || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
                || (cp >= 0x180B && cp <= 0x180F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFFA0
                || (cp >= 0xE0100 && cp <= 0xE01EF);
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

    /**
     * Whether the alternate view may differ: a {@code %XX} escape, or a '+' between two digits.
     * Called only for texts holding '%' or '+' (or needing a fold).
     */
    private static boolean needsAlternate(String s) {
        if (hasEscape(s)) {
            return true;
        }
        int n = s.length();
        for (int i = s.indexOf('+'); i > 0 && i + 1 < n; i = s.indexOf('+', i + 1)) {
            if (Chars.isDigit(fold(s.charAt(i - 1))) && Chars.isDigit(fold(s.charAt(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasEscape(String s) {
        int n = s.length();
        for (int i = s.indexOf('%'); i >= 0 && i + 2 < n; i = s.indexOf('%', i + 1)) {
            if (hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /** Builds a normalised view with its offset maps; with {@code decode}, the alternate view. */
    private static final class Builder {
        private final String s;
        private final int n;
        private final boolean decode;
        private final StringBuilder out;
        private final int[] starts;
        private final byte[] widths;
        private int len;
        private boolean identity = true;
        boolean keptInvisible;

        Builder(String s, boolean decode) {
            this.s = s;
            this.n = s.length();
            this.decode = decode;
            this.out = new StringBuilder(n);
            this.starts = new int[n + 1]; // no step makes the text longer
            this.widths = new byte[n + 1];
        }

        void build() {
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (decode && c == '%') {
                    int used = escape(i);
                    if (used > 0) {
                        i += used;
                        continue;
                    }
                }
                if (decode && c == '+' && i > 0 && i + 1 < n && Chars.isDigit(fold(s.charAt(i - 1)))
                        && Chars.isDigit(fold(s.charAt(i + 1)))) {
                    put(' ', i, i + 1);
                    i++;
                    continue;
                }
                int cp = s.codePointAt(i);
                int width = Character.charCount(cp);
                if (isInvisible(cp)) {
                    i = invisibles(i);
                    continue;
                }
                if (width == 2 && Character.isDigit(cp)) {
                    put((char) ('0' + Character.digit(cp, 10)), i, i + 2);
                } else if (width == 2) {
                    put(c, i, i + 1);
                    put(s.charAt(i + 1), i + 1, i + 2);
                } else {
                    put(fold(c), i, i + 1);
                }
                i += width;
            }
            starts[len] = n;
        }

        private void put(char c, int from, int to) {
            identity &= from == len && to == from + 1;
            out.append(c);
            starts[len] = from;
            widths[len] = (byte) (to - from);
            len++;
        }

        /**
         * The run of invisible code points starting at {@code i}: dropped, except in the primary
         * view between a Latin letter and a digit, where it is a boundary. Returns where it ends.
         */
        private int invisibles(int i) {
            int j = i;
            while (j < n && isInvisible(s.codePointAt(j))) {
                j += Character.charCount(s.codePointAt(j));
            }
            if (!decode && len > 0 && j < n) {
                char before = out.charAt(len - 1);
                int next = s.codePointAt(j);
                char after = Character.isDigit(next) ? '0' : fold(s.charAt(j));
                if (Chars.isWordChar(before) && Chars.isWordChar(after)
                        && Chars.isDigit(before) != Chars.isDigit(after)) {
                    keptInvisible = true;
                    for (int k = i; k < j; k++) {
                        put(s.charAt(k), k, k + 1);
                    }
                }
            }
            if (j > i) {
                identity = false;
            }
            return j;
        }

        /** Decodes the %XX escape (or UTF-8 sequence of escapes) at i; returns the chars used, 0 if none. */
        private int escape(int i) {
            int b = escapedByte(i);
            if (b < 0) {
                return 0;
            }
            if (b < 0x80) {
                decoded(b, i, i + 3);
                return 3;
            }
            int more;
            int cp;
            if (b >= 0xC2 && b <= 0xDF) {
                more = 1;
                cp = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                more = 2;
                cp = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                more = 3;
                cp = b & 0x07;
            } else {
                return 0;
            }
            for (int k = 1; k <= more; k++) {
                int next = escapedByte(i + 3 * k);
                if (next < 0 || (next & 0xC0) != 0x80) {
                    return 0;
                }
                cp = cp << 6 | next & 0x3F;
            }
            if ((more == 2 && cp < 0x800) || (more == 3 && (cp < 0x10000 || cp > 0x10FFFF))
                    || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return 0; // overlong or not a scalar value: left as it is written
            }
            int used = 3 * (more + 1);
            decoded(cp, i, i + used);
            return used;
        }

        private int escapedByte(int i) {
            if (i + 2 >= n || s.charAt(i) != '%') {
                return -1;
            }
            int hi = hex(s.charAt(i + 1));
            int lo = hex(s.charAt(i + 2));
            return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
        }

        /** A decoded code point, normalised like any other: folded, or dropped if invisible. */
        private void decoded(int cp, int from, int to) {
            identity = false;
            if (isInvisible(cp)) {
                return;
            }
            if (Character.isDigit(cp)) {
                put((char) ('0' + Character.digit(cp, 10)), from, to);
            } else if (Character.isBmpCodePoint(cp)) {
                put(fold((char) cp), from, to);
            } else {
                put(Character.highSurrogate(cp), from, to);
                put(Character.lowSurrogate(cp), from, to);
            }
            identity = false;
        }

        ScanText scanText(String field, Scratch scratch, ScanText alternate) {
            String text = out.toString();
            int[] runs = index(text, scratch, false);
            if (identity) {
                return new ScanText(s, text, null, null, field, runs, alternate).withIndex(scratch);
            }
            // Same length (folding only): the maps as they are, no copy of a large value's maps.
            return new ScanText(s, text, len == n ? starts : java.util.Arrays.copyOf(starts, len + 1),
                    len == n ? widths : java.util.Arrays.copyOf(widths, len), field, runs, alternate).withIndex(scratch);
        }
    }

    /** The original text, as given. Detectors read {@link #text()}. */
    public String original() {
        return original;
    }

    /** The normalised text detectors scan; offsets in findings refer to it until mapped. */
    public String text() {
        return text;
    }

    /**
     * The same original read another way, to be scanned too (percent-encoding decoded, '+' between
     * digits read as a space, every invisible character removed), or null when it would not differ.
     * Its offsets map to the same original. {@link TextScanner} scans both views.
     */
    public ScanText alternate() {
        return alternate;
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

    private ScanText withIndex(Scratch scratch) {
        this.tokenRuns = scratch.tokenRuns;
        this.present = scratch.present;
        return this;
    }

    private ScanText withIndex(ScanText same) {
        this.tokenRuns = same.tokenRuns;
        this.present = same.present;
        return this;
    }

    /**
     * False if {@link #text()} certainly holds no char of the presence bit {@code bit}
     * ({@link #AT}, {@link #LT}, {@link #BRACKET}, {@link #PIPE}): the index pass saw none, so a
     * detector can skip its own search for it.
     */
    public boolean mayContain(char bit) {
        return (present & bit) != 0;
    }

    /** True if the index pass saw that every char of {@link #text()} is Latin-1 (at most U+00FF). */
    boolean latin1() {
        return (present & WIDE) == 0;
    }

    /** The keywords of {@code keywords} found in {@link #text()} so far, shared by every look at this text. */
    // Identity on purpose: keyword lists are constants, compared as such.
    @SuppressWarnings("ReferenceEquality")
    Keywords.Found keywordsFound(Keywords keywords) {
        Object[] found = keywordsFound;
        int k = 0;
        if (found == null) {
            found = new Object[8];
            keywordsFound = found;
        } else {
            for (; k < found.length && found[k] != null; k += 2) {
                if (found[k] == keywords) {
                    return (Keywords.Found) found[k + 1];
                }
            }
            if (k == found.length) {
                found = java.util.Arrays.copyOf(found, k * 2);
                keywordsFound = found;
            }
        }
        Keywords.Found made = new Keywords.Found(keywords, this);
        found[k] = keywords;
        found[k + 1] = made;
        return made;
    }

    /** The runs of {@link #text()} that could hold a credential ({@link TokenRuns}), found with the digit runs. */
    public TokenRuns tokenRuns() {
        if (tokenRuns == null) {
            tokenRuns = TokenRuns.of(text);
        }
        return tokenRuns;
    }

    /**
     * Where a masked value that may show no digit starts ({@link MaskRuns}: {@code XX XX XX XX C},
     * {@code *********A}, {@code **}{@code /**}{@code /****}): for the detectors whose digit-run
     * anchors cannot see one. Empty, at no cost, in a text without a mask char.
     */
    public int[] maskRunStarts() {
        if (maskRunStarts == null) {
            maskRunStarts = mayContain(MASK) ? MaskRuns.starts(text) : MaskRuns.NONE;
        }
        return maskRunStarts;
    }

    /** {@link Chars#maskCharBefore} for the digit run {@code run}, answered once per text. */
    public boolean maskCharBefore(int run) {
        if (maskCharBefore == null) {
            readRunEdges();
        }
        return (maskCharBefore[run >>> 6] & (1L << run)) != 0;
    }

    /**
     * One walk over the runs for what their edges say: {@link #maskCharBefore} and the
     * {@link #context} bits, read together because both start from the char before each run (a
     * log has a run every seven chars, and a dozen detectors ask).
     */
    private void readRunEdges() {
        long[] bits = new long[(runCount + 63) >>> 6];
        byte[] c = new byte[runCount];
        int n = text.length();
        for (int r = 0; r < runCount; r++) {
            int s = runs[2 * r];
            int e = runs[2 * r + 1];
            int ctx = 0;
            if (s > 0) {
                char before = text.charAt(s - 1);
                ctx = before < 128 ? BEFORE[before] : Chars.isMaskChar(before) ? MASK_BEFORE | MAY_MASK : 0;
                // Chars.maskCharBefore reads on only past a separator or at a mask char (the char
                // before a run is no digit): most runs stop at this first char.
                if ((ctx & MAY_MASK) != 0 && Chars.maskCharBefore(text, s)) {
                    bits[r >>> 6] |= 1L << r;
                }
            }
            // Table look-ups, not chains of compares: on PII text the chars around runs vary, and
            // the branches of Chars.isMaskChar were most of this walk's time in mispredictions.
            int near = (ctx & MASK_BEFORE) << 2; // MASK_BEFORE (8) moved onto MASK_NEAR (32)
            if (s > 1) {
                near |= maskNearBit(text.charAt(s - 2));
            }
            if (e < n) {
                char after = text.charAt(e);
                int afterBits = after < 128 ? AFTER[after] : Chars.isMaskChar(after) ? DOT_COLON_OR_MASK_AFTER | MASK_NEAR : 0;
                ctx |= afterBits & (LETTER_AFTER | DOT_COLON_OR_MASK_AFTER);
                near |= afterBits & MASK_NEAR;
                if (e + 1 < n) {
                    near |= maskNearBit(text.charAt(e + 1));
                }
            }
            c[r] = (byte) (ctx & ~MAY_MASK | near);
        }
        context = c;
        maskCharBefore = bits;
    }

    /**
     * False if no {@link Chars#isMaskChar mask char} is one or two chars before digit run
     * {@code run} or one or two chars after it: then no masked value ends or starts right there
     * ({@code ****-1234}, {@code 1234 ****}), and a detector need not read the text around the run
     * to know it (in a long text each read around a run is a cache miss, for each detector).
     */
    public boolean maskNear(int run) {
        return (context()[run] & MASK_NEAR) != 0;
    }

    /** Run lengths {@link #runsOfLengthFrom} tells apart; longer runs share the last bucket. */
    public static final int LONG_RUN = 32;

    /**
     * Run indices sorted by length (a counting sort, lengths capped at {@link #LONG_RUN}), each
     * length's in ascending order; made on first use for every detector of this text.
     */
    private int[] byLength;
    /** Where each length's runs start in {@link #byLength}: length L is [lengthFrom[L], lengthFrom[L + 1]). */
    private int[] lengthFrom;
    /** The runs r with {@link #maskCharBefore} true, ascending; made on first use. */
    private int[] maskedRuns;

    private void sortRunsByLength() {
        int[] from = new int[LONG_RUN + 2];
        for (int r = 0; r < runCount; r++) {
            from[Math.min(runs[2 * r + 1] - runs[2 * r], LONG_RUN) + 1]++;
        }
        for (int l = 1; l < from.length; l++) {
            from[l] += from[l - 1];
        }
        int[] next = java.util.Arrays.copyOf(from, LONG_RUN + 1);
        int[] sorted = new int[runCount];
        for (int r = 0; r < runCount; r++) {
            sorted[next[Math.min(runs[2 * r + 1] - runs[2 * r], LONG_RUN)]++] = r;
        }
        lengthFrom = from;
        byLength = sorted;
    }

    /**
     * The digit runs sorted by length, shared by all detectors: the runs of length {@code L} (1 to
     * {@link #LONG_RUN}, which stands for that length or more) are the entries from
     * {@link #runsOfLengthFrom}{@code (L)} to {@link #runsOfLengthTo}{@code (L)}, ascending. So a
     * detector whose values start with a run of a few lengths visits those runs only.
     */
    public int[] runsByLength() {
        if (byLength == null) {
            sortRunsByLength();
        }
        return byLength;
    }

    /** First entry of {@link #runsByLength} for runs of {@code length} digits (capped at {@link #LONG_RUN}). */
    public int runsOfLengthFrom(int length) {
        if (lengthFrom == null) {
            sortRunsByLength();
        }
        return lengthFrom[Math.max(0, Math.min(length, LONG_RUN))];
    }

    /** End (exclusive) of the entries of {@link #runsByLength} for runs of {@code length} digits. */
    public int runsOfLengthTo(int length) {
        if (lengthFrom == null) {
            sortRunsByLength();
        }
        return lengthFrom[Math.max(0, Math.min(length, LONG_RUN)) + 1];
    }

    /**
     * The runs r for which {@link #maskCharBefore}{@code (r)} holds, ascending (the start of a
     * masked value's shown tail), shared by all detectors; usually empty.
     */
    public int[] maskedRuns() {
        if (maskedRuns == null) {
            if (maskCharBefore == null) {
                readRunEdges();
            }
            long[] bits = maskCharBefore;
            int count = 0;
            for (long word : bits) {
                count += Long.bitCount(word);
            }
            int[] list = count == 0 ? NO_RUNS : new int[count];
            for (int w = 0, k = 0; k < count; w++) {
                for (long word = bits[w]; word != 0; word &= word - 1) {
                    list[k++] = w << 6 | Long.numberOfTrailingZeros(word);
                }
            }
            maskedRuns = list;
        }
        return maskedRuns;
    }

    /** The bit set {@link #runsOf} takes for these run lengths (1 to {@link #LONG_RUN}): made once, a detector's constant. */
    public static long lengthBits(int... lengths) {
        long bits = 0;
        for (int length : lengths) {
            if (length < 1) {
                throw new IllegalArgumentException("run lengths are 1 or more");
            }
            bits |= 1L << Math.min(length, LONG_RUN);
        }
        return bits;
    }

    /** The {@link #lengthBits} of every run length, for a list chosen by context alone. */
    public static final long ANY_LENGTH = -1L >>> (63 - LONG_RUN) & ~1L;

    /** Texts with at most this many runs get every run from {@link #runsOf}: sorting would cost more. */
    static final int FEW_RUNS = 16;
    /** FIRST_RUNS[k] is 0 to k - 1, shared. */
    private static final int[][] FIRST_RUNS = new int[FEW_RUNS + 1][];

    static {
        for (int k = 0; k <= FEW_RUNS; k++) {
            FIRST_RUNS[k] = new int[k];
            for (int r = 0; r < k; r++) {
                FIRST_RUNS[k][r] = r;
            }
        }
    }

    /** Lists made by {@link #runsOf}, by key: detectors asking the same share one. */
    private long[] listKeys;
    private int[][] lists;
    private int listCount;
    /** Scratch for {@link #runsOf}: one bit per run, all clear between calls. */
    private long[] marks;

    /**
     * The runs whose length is in {@code lengthBits} ({@link #lengthBits}) and, with
     * {@code withMasked}, the {@link #maskedRuns}, each once, ascending: what a detector walks
     * instead of every run, so its findings come in the order a walk of all runs gives. Made on
     * first use for each key (from the runs by length: a cost in the runs listed, not all runs)
     * and shared; callers must not change it. When those are most of the runs, or the text has
     * few runs, it is every run (a superset): the caller still tests each run's length, as a walk
     * of all runs does.
     */
    public int[] runsOf(long lengthBits, boolean withMasked) {
        return runsOf(lengthBits, withMasked, 0);
    }

    /** {@link #runsOf(long, boolean, int)}'s context bit: an ASCII letter right before the run. */
    public static final int LETTER_BEFORE = 1;
    /** {@link #runsOf(long, boolean, int)}'s context bit: an ASCII letter right after the run. */
    public static final int LETTER_AFTER = 2;
    /** {@link #runsOf(long, boolean, int)}'s context bit: a space right before the run. */
    public static final int SPACE_BEFORE = 4;
    /** {@link #runsOf(long, boolean, int)}'s context bit: a {@link Chars#isMaskChar mask char} right before the run. */
    public static final int MASK_BEFORE = 8;
    /** {@link #runsOf(long, boolean, int)}'s context bit: a '.' or ':' right before the run. */
    public static final int DOT_OR_COLON_BEFORE = 64;
    /** {@link #runsOf(long, boolean, int)}'s context bit: a '.', ':' or {@link Chars#isMaskChar mask char} right after the run. */
    public static final int DOT_COLON_OR_MASK_AFTER = 128;

    /**
     * As {@link #runsOf(long, boolean)}, but a run of a listed length is listed only if it has
     * every context bit in {@code need} ({@link #LETTER_BEFORE}, {@link #LETTER_AFTER},
     * {@link #SPACE_BEFORE}, {@link #MASK_BEFORE}, {@link #DOT_OR_COLON_BEFORE},
     * {@link #DOT_COLON_OR_MASK_AFTER}); the
     * masked runs are listed whatever their context. For values whose digits sit between letters
     * (a codice fiscale, a PAN): in a log, most short runs sit between punctuation and are not
     * walked at all. Still a superset for a text with few runs: the caller tests what it needs.
     */
    public int[] runsOf(long lengthBits, boolean withMasked, int need) {
        return runsOf(lengthBits, withMasked, need, 0);
    }

    /**
     * As {@link #runsOf(long, boolean, int)}, and a run of a listed length must also have at
     * least one of the context bits in {@code anyOf} (0: no such condition).
     */
    public int[] runsOf(long lengthBits, boolean withMasked, int need, int anyOf) {
        if (runCount <= FEW_RUNS) {
            return FIRST_RUNS[runCount]; // a field value's few runs: no index to build, nothing allocated
        }
        long key = lengthBits << 17 | (long) anyOf << 9 | need << 1 | (withMasked ? 1 : 0);
        for (int k = 0; k < listCount; k++) {
            if (listKeys[k] == key) {
                return lists[k];
            }
        }
        int[] list = need == 0 && anyOf == 0 ? mergedRuns(lengthBits, withMasked)
                : runsInContext(lengthBits, withMasked, need, anyOf);
        if (listKeys == null) {
            listKeys = new long[8];
            lists = new int[8][];
        } else if (listCount == listKeys.length) {
            listKeys = java.util.Arrays.copyOf(listKeys, listCount * 2);
            lists = java.util.Arrays.copyOf(lists, listCount * 2);
        }
        listKeys[listCount] = key;
        lists[listCount++] = list;
        return list;
    }

    /** 0 to runCount - 1: every run, for keys that list most of them. */
    private int[] allRuns;

    private int[] allRuns() {
        if (allRuns == null) {
            int[] all = new int[runCount];
            for (int r = 0; r < runCount; r++) {
                all[r] = r;
            }
            allRuns = all;
        }
        return allRuns;
    }

    /** {@link #readRunEdges}' own bit: the char before may end a masked value's hidden part (a separator or a mask char). */
    private static final int MAY_MASK = 16;
    /** {@link #maskNear}'s bit in {@link #context}. */
    private static final int MASK_NEAR = 32;
    /** The context bits of an ASCII char before a run, and {@link #MAY_MASK}. */
    private static final byte[] BEFORE = new byte[128];
    /** The context bits of an ASCII char right after a run, and {@link #MASK_NEAR} for a mask char. */
    private static final byte[] AFTER = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            int bits = (Chars.isAsciiLetter(c) ? LETTER_BEFORE : 0) | (c == ' ' ? SPACE_BEFORE : 0)
                    | (Chars.isMaskChar(c) ? MASK_BEFORE | MAY_MASK : 0)
                    | (c == ' ' || c == '-' || c == '.' ? MAY_MASK : 0)
                    | (c == '.' || c == ':' ? DOT_OR_COLON_BEFORE : 0);
            BEFORE[c] = (byte) bits;
            AFTER[c] = (byte) ((Chars.isAsciiLetter(c) ? LETTER_AFTER : 0)
                    | (c == '.' || c == ':' || Chars.isMaskChar(c) ? DOT_COLON_OR_MASK_AFTER : 0)
                    | (Chars.isMaskChar(c) ? MASK_NEAR : 0));
        }
    }

    /** {@link #MASK_NEAR} if {@code c} is a {@link Chars#isMaskChar mask char}, else 0: a table, not a chain of branches. */
    private static int maskNearBit(char c) {
        return c < 128 ? AFTER[c] & MASK_NEAR : Chars.isMaskChar(c) ? MASK_NEAR : 0;
    }

    /** Per run, its context bits ({@link #LETTER_BEFORE}...); made on first use ({@link #readRunEdges}). */
    private byte[] context;

    private byte[] context() {
        if (context == null) {
            readRunEdges();
        }
        return context;
    }

    /** The runs of the listed lengths with the {@code need} context, and the masked runs, in order. */
    private int[] runsInContext(long lengthBits, boolean withMasked, int need, int anyOf) {
        byte[] ctx = context();
        if (lengthBits == ANY_LENGTH) {
            return runsInContext(ctx, withMasked, need, anyOf); // by context alone: no lengths to sort by
        }
        int[] sorted = runsByLength();
        if (marks == null) {
            marks = new long[(runCount + 63) >>> 6];
        }
        long[] bits = marks;
        int count = 0;
        for (int l = 1; l <= LONG_RUN; l++) {
            if ((lengthBits & 1L << l) != 0) {
                for (int k = lengthFrom[l]; k < lengthFrom[l + 1]; k++) {
                    int r = sorted[k];
                    int c = ctx[r] & 0xFF;
                    if ((c & need) == need && (anyOf == 0 || (c & anyOf) != 0)) {
                        bits[r >>> 6] |= 1L << r;
                        count++;
                    }
                }
            }
        }
        if (withMasked) {
            for (int r : maskedRuns()) {
                long bit = 1L << r;
                count += (bits[r >>> 6] & bit) == 0 ? 1 : 0;
                bits[r >>> 6] |= bit;
            }
        }
        return takeMarked(bits, count);
    }

    /**
     * The runs of any length with the context, and the masked runs, in run order: marked in the
     * bit set and counted in one walk, then read from the bits into an array of that size (a list
     * grown by doubling and trimmed cost a big log's scan more bytes than the list kept).
     */
    private int[] runsInContext(byte[] ctx, boolean withMasked, int need, int anyOf) {
        if (marks == null) {
            marks = new long[(runCount + 63) >>> 6];
        }
        long[] bits = marks;
        long[] masked = withMasked ? maskCharBefore : null; // read with ctx by context()
        int anyOfNone = anyOf == 0 ? 1 : 0;
        int count = 0;
        // No branch per run: whether a run has its context varies run to run in no order a branch
        // predictor learns, and the IP and IBAN detectors each walk every run of a text so.
        for (int w = 0, base = 0; base < runCount; w++, base += 64) {
            int end = Math.min(64, runCount - base);
            long word = 0;
            for (int k = 0; k < end; k++) {
                int c = ctx[base + k] & 0xFF;
                int hasNeed = (((c & need) ^ need) - 1) >>> 31; // 1 iff every need bit is set
                int hasAny = (-((c & anyOf) | anyOfNone)) >>> 31; // 1 iff some anyOf bit is set, or none is asked
                word |= (long) (hasNeed & hasAny) << k;
            }
            if (masked != null) {
                word |= masked[w];
            }
            bits[w] = word;
            count += Long.bitCount(word);
        }
        return takeMarked(bits, count);
    }

    /** The {@code count} runs marked in {@code bits}, ascending; clears the bits for the next use. */
    private static int[] takeMarked(long[] bits, int count) {
        if (count == 0) {
            return NO_RUNS;
        }
        int[] list = new int[count];
        int n = 0;
        for (int w = 0; n < count; w++) {
            long word = bits[w];
            bits[w] = 0;
            while (word != 0) {
                list[n++] = w << 6 | Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
        return list;
    }

    /** Marks the runs of each list in a bit set, then reads the bits in order (and clears them). */
    private int[] mergedRuns(long lengthBits, boolean withMasked) {
        int[] sorted = runsByLength();
        int[] masked = withMasked ? maskedRuns() : NO_RUNS;
        int count = masked.length;
        int lists = withMasked ? 1 : 0;
        for (int l = 1; l <= LONG_RUN; l++) {
            if ((lengthBits & 1L << l) != 0) {
                count += lengthFrom[l + 1] - lengthFrom[l];
                lists++;
            }
        }
        if (count == 0) {
            return NO_RUNS;
        }
        if (count > runCount / 2) {
            // Most runs (lengths 1 and 2 in a log): merging would cost more than the walk it
            // saves, and a detector's own test rejects the runs of other lengths, as it always did.
            return allRuns();
        }
        if (lists == 1) { // one list: already in order, each once
            if (withMasked) {
                return masked;
            }
            int l = Long.numberOfTrailingZeros(lengthBits);
            return java.util.Arrays.copyOfRange(sorted, lengthFrom[l], lengthFrom[l + 1]);
        }
        if (marks == null) {
            marks = new long[(runCount + 63) >>> 6];
        }
        long[] bits = marks;
        int lowWord = Integer.MAX_VALUE;
        int highWord = -1;
        for (int l = 1; l <= LONG_RUN; l++) {
            if ((lengthBits & 1L << l) != 0) {
                for (int k = lengthFrom[l]; k < lengthFrom[l + 1]; k++) {
                    bits[sorted[k] >>> 6] |= 1L << sorted[k];
                }
                if (lengthFrom[l + 1] > lengthFrom[l]) {
                    lowWord = Math.min(lowWord, sorted[lengthFrom[l]] >>> 6);
                    highWord = Math.max(highWord, sorted[lengthFrom[l + 1] - 1] >>> 6);
                }
            }
        }
        for (int r : masked) {
            bits[r >>> 6] |= 1L << r;
        }
        if (masked.length > 0) {
            lowWord = Math.min(lowWord, masked[0] >>> 6);
            highWord = Math.max(highWord, masked[masked.length - 1] >>> 6);
        }
        int[] list = new int[count];
        int n = 0;
        for (int w = lowWord; w <= highWord; w++) {
            long word = bits[w];
            bits[w] = 0;
            while (word != 0) {
                list[n++] = w << 6 | Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
        return n == count ? list : java.util.Arrays.copyOf(list, n); // a masked run of a listed length is listed once
    }

    // Identity on purpose: an unchanged text is the original instance itself, so this is O(1).
    @SuppressWarnings("ReferenceEquality")
    public boolean isNormalised() {
        return text != original;
    }

    /** Maps an offset in {@link #text()} where a span starts to the original text. */
    public int toOriginal(int offset) {
        return starts == null ? offset : starts[offset];
    }

    /** Maps an offset in {@link #text()} where a span ends to the original text. */
    public int toOriginalEnd(int offset) {
        return widths == null || offset == 0 ? toOriginal(offset) : starts[offset - 1] + widths[offset - 1];
    }

    /** The finding with its span mapped from normalised to original offsets. */
    public Finding toOriginal(Finding f) {
        if (starts == null) {
            return f;
        }
        return f.at(toOriginal(f.start()), toOriginalEnd(f.end()));
    }

    public Rejection toOriginal(Rejection r) {
        if (starts == null) {
            return r;
        }
        return new Rejection(r.type(), toOriginal(r.start()), toOriginalEnd(r.end()), r.detectorId(), r.reason());
    }

    @Override
    public String toString() {
        // Never the text: this object may end up in a log line or an exception message.
        return "ScanText[length=" + text.length() + ", field=" + field + ", digitRuns=" + runCount
                + (alternate == null ? "" : ", alternate") + "]";
    }
}
