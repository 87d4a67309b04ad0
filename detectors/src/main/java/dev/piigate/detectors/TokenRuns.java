package dev.piigate.detectors;

/**
 * The credential prefilter: the runs of token characters ({@code A-Za-z0-9} and
 * {@code + / = _ - . : @ % ~}) in a text that could hold a secret. A run qualifies when it is at
 * least {@link #MIN_LENGTH} long and not a plain word: it holds a digit, a punctuation char or two
 * capitals ({@code ghp_...}, {@code AKIA...}, {@code eyJ...}, {@code -----BEGIN},
 * {@code postgres://u:p@h}, {@code Authorization:}); or it holds a ':' and is at least
 * {@link #MIN_COLON_LENGTH} long ({@code ftp://u:p}). English prose has few such runs, so
 * credential detectors that look only at them cost next to nothing on text without secrets.
 *
 * <p>The runs are found during {@link ScanText}'s one pass over the text, with the digit runs. The
 * pass judges a run only where a written secret leaves a mark that prose seldom has: a capital
 * right after a letter or digit ({@code AKIA...}, {@code eyJhbGci...}, {@code -----BEGIN}, the
 * base64 after {@code Authorization: Basic}), a digit or dot right after a dash ({@code xoxp-0931...},
 * {@code glpat-...aB9c}), a dash right after a letter or digit and before 16 or more of
 * {@code [A-Za-z0-9_-]} ({@code glptt-} and 40 lower-case hex), a mask char ({@code ghp_****}), or
 * one of {@code _ = / + @ ~ %} ({@code ghp_}, {@code ://}); then it reads
 * just that run. A run without any is lower-case words and digits joined by dots and by hyphens
 * with fewer than 16 chars after them, with at most capitals at word starts: no secret format we
 * know is written so.
 *
 * <p>A run is a trigger, not a value: a detector reads the text around it as far as its format
 * needs (a password in a URL may hold {@code !} or {@code #}, which end a run).
 */
public final class TokenRuns {
    public static final int MIN_LENGTH = 10;
    public static final int MIN_COLON_LENGTH = 6;
    /** Bits of {@link #charClass}: a token char, a digit or punctuation mark, a capital, a colon. */
    static final int TOKEN = 4;
    static final int MARK = 8;
    static final int CAPITAL = 16;
    static final int COLON = 32;
    private static final int[] NONE = new int[0];
    /** No runs: nothing of the text is ever read, so one instance serves every text. */
    private static final TokenRuns EMPTY = new TokenRuns("", NONE, NONE, 0, NONE, 0);

    static {
        EMPTY.wordStartsFrom('a'); // its lazy indexes built once, before any thread shares it
        EMPTY.wordStartLetters();
    }

    /** Run features, see {@link #has}. */
    public static final int URL = 1;
    public static final int JWT = 2;
    public static final int ARMOR = 4;

    private final String text;
    private final int[] runs;
    private final int[] features;
    private final int count;
    /** Noted while the runs were read ({@link #record}), see {@link #wordStartCount()}. */
    private final int[] wordStarts;
    private final int wordStartCount;
    /** Computed on first use, see {@link #wordStartsFrom}. */
    private int[] byFirst;
    /** Computed on first use, see {@link #wordStartLetters}; -1 until then. */
    private long startLetters = -1;

    private TokenRuns(String text, int[] runs, int[] features, int count, int[] wordStarts, int wordStartCount) {
        this.text = text;
        this.runs = runs;
        this.features = features;
        this.count = count;
        this.wordStarts = wordStarts;
        this.wordStartCount = wordStartCount;
    }

    /** The class bits of an ASCII char; 0 for a char that ends a run. */
    static int charClass(char c) {
        return c < 128 ? CLASS[c] : 0;
    }

    private static final byte[] CLASS = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLASS[c] = TOKEN;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            CLASS[c] = TOKEN | CAPITAL;
        }
        for (char c = '0'; c <= '9'; c++) {
            CLASS[c] = TOKEN | MARK;
        }
        for (char c : "+/=_-.@%~".toCharArray()) {
            CLASS[c] = TOKEN | MARK;
        }
        CLASS[':'] = TOKEN | MARK | COLON;
    }

    /**
     * 1 if a run of {@code length} chars whose class bits OR to {@code marks}, holding
     * {@code capitals} capitals, qualifies; else 0. Arithmetic only, for the branch-free pass.
     */
    static int qualifies(int length, int marks, int capitals) {
        int longEnough = (MIN_LENGTH - 1 - length) >>> 31;
        int notPlain = (marks >> 3 | (1 - capitals) >>> 31) & 1; // MARK bit, or capitals >= 2
        int colonRun = (MIN_COLON_LENGTH - 1 - length) >>> 31 & marks >> 5 & 1;
        return longEnough & notPlain | colonRun;
    }

    /** Collects the runs of one text; reused per thread by {@link ScanText}. */
    static final class Sink {
        private int[] bounds = new int[32];
        private int[] features = new int[16];
        private int n;
        /** The word starts of the runs added, in text order. */
        private int[] starts = new int[32];
        private int w;

        void clear() {
            n = 0;
            w = 0;
        }

        void wordStart(int at) {
            if (w == starts.length) {
                starts = java.util.Arrays.copyOf(starts, w * 2);
            }
            starts[w++] = at;
        }

        void add(int start, int end, int feature) {
            if (n + 2 > bounds.length) {
                bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
                features = java.util.Arrays.copyOf(features, bounds.length / 2);
            }
            features[n / 2] = feature;
            bounds[n++] = start;
            bounds[n++] = end;
        }

        TokenRuns result(String text) {
            TokenRuns r = n == 0 ? EMPTY : new TokenRuns(text, java.util.Arrays.copyOf(bounds, n),
                    java.util.Arrays.copyOf(features, n / 2), n / 2, w == 0 ? NONE : java.util.Arrays.copyOf(starts, w), w);
            if (bounds.length > 1 << 16) {
                bounds = new int[32]; // one huge text must not pin memory
                features = new int[16];
            }
            if (starts.length > 1 << 16) {
                starts = new int[32];
            }
            return r;
        }
    }

    /**
     * Judges the run of token chars holding {@code at} in {@code s}; adds it to {@code sink} if it
     * qualifies. Returns the run's end: nothing before it needs judging again.
     */
    static int record(String s, int at, Sink sink) {
        if (s.charAt(at) == '-' && !longBodyAfter(s, at + 1)) {
            return at + 1; // a hyphen in prose or a date: the run may still hold another trigger
        }
        int start = at;
        while (start > 0 && isToken(s.charAt(start - 1))) {
            start--;
        }
        int n = s.length();
        int marks = 0;
        int capitals = 0;
        int features = 0;
        char before2 = 0;
        char before = 0;
        int dashes = 0;
        int end = start;
        // One forward pass finds the end and notes what the run holds.
        for (; end < n; end++) {
            char c = s.charAt(end);
            int cls = charClass(c);
            if (cls == 0) {
                break;
            }
            marks |= cls;
            capitals += cls >> 4 & 1;
            dashes = c == '-' ? dashes + 1 : 0;
            if (dashes == 5) {
                features |= ARMOR;
            } else if (c == '/' && before == '/' && before2 == ':') {
                features |= URL;
            } else if (c == 'J' && before == 'y' && before2 == 'e') {
                features |= JWT;
            } else if (c == 'Y' && before == 'T' && before2 == 'T') {
                features |= ARMOR; // "PuTTY-User-Key-File-", wherever the run starts ("PPK=PuTTY-...")
            }
            before2 = before;
            before = c;
        }
        // A short run right before mask chars is a masked token's prefix ("ghp_****", "hf_••••").
        boolean masked = end < n && end - start >= 2 && isHardMask(s.charAt(end));
        if (qualifies(end - start, marks, capitals) == 1 || masked) {
            sink.add(start, end, features);
            wordStarts(s, start, end, sink);
        }
        return end + 1; // the char at end is no token char: nothing to judge there
    }

    /** Chars of a token body after a prefix's dash, at least this many for the dash to trigger. */
    static final int DASH_BODY = 16;

    /**
     * Whether {@link #DASH_BODY} or more of {@code [A-Za-z0-9_-]} start at {@code from}: the body
     * of a dash-ended prefix ({@code glpat-}, {@code glptt-}, {@code gldt-}; the shortest GitLab
     * body is 20). Prose seldom has so long a hyphenated word, and a date or a UUID's group none.
     */
    static boolean longBodyAfter(String s, int from) {
        if (s.length() - from < DASH_BODY) {
            return false;
        }
        for (int i = from; i < from + DASH_BODY; i++) {
            char c = s.charAt(i);
            if (!(Chars.isAsciiLetterOrDigit(c) || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Notes the word starts of a kept run, its chars just read: a pass over the kept runs when a
     * detector first asked was 3% of the detectors' time on JSON records, and noting them in the
     * pass above, for every run read, cost more than it saved on PII text.
     */
    private static void wordStarts(String s, int start, int end, Sink sink) {
        boolean afterWordChar = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            boolean letter = (CLASS[c] & MARK) == 0; // a token char (all of the run's are) that is no digit or mark
            if (letter && !afterWordChar) {
                sink.wordStart(i);
            }
            afterWordChar = letter || c == '_' || (char) (c - '0') < 10;
        }
    }

    /**
     * Whether run {@code i} holds {@code feature}: {@link #URL} ("://"), {@link #JWT} ("eyJ"),
     * {@link #ARMOR} (five dashes, or "TTY" of "PuTTY"). Noted while the run is read, so a
     * detector that needs one of them skips the other runs without reading them again (a log has
     * a run every few dozen characters).
     */
    public boolean has(int i, int feature) {
        return (features[i] & feature) != 0;
    }

    /** Chars that hide a value and never occur in one: {@code * • ● …}. */
    static boolean isHardMask(char c) {
        return c == '*' || c == '\u2022' || c == '\u25CF' || c == '\u2026';
    }

    private static boolean isToken(char c) {
        return charClass(c) != 0;
    }

    /**
     * The runs of any text, by the rule and trigger of the index pass and with its loop (for a
     * text not made by {@link ScanText#of}, and as the plain statement tests hold the pass to).
     */
    static TokenRuns of(String s) {
        Sink sink = new Sink();
        char[] chunk = new char[4096];
        int next = 0;
        char before = 0;
        for (int base = 0; base < s.length(); base += chunk.length) {
            int len = Math.min(chunk.length, s.length() - base);
            s.getChars(base, base + len, chunk, 0);
            next = judgeTriggers(s, chunk, base, len, before, next, sink);
            before = chunk[len - 1];
        }
        return sink.result(s);
    }

    /**
     * Trigger bits: a capital, a letter or digit (the bit above), a digit or '.', a dash (the bit
     * above), a rare char. A dash holds {@link #T_CAPITAL} too: after a letter or digit it is a
     * trigger, which {@link #record} keeps only before a long body.
     */
    private static final int T_CAPITAL = 1;
    private static final int T_ALNUM = 2;
    private static final int T_DIGIT = 4;
    private static final int T_DASH = 8;
    private static final int T_RARE = 16;
    private static final byte[] TRIGGER = new byte[65536];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            TRIGGER[c] = T_CAPITAL | T_ALNUM;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TRIGGER[c] = T_ALNUM;
        }
        for (char c = '0'; c <= '9'; c++) {
            TRIGGER[c] = T_ALNUM | T_DIGIT;
        }
        // A dash after a letter or digit is a trigger too, kept only before a long body
        // ({@link #longBodyAfter}): GitLab's "glptt-" and 40 lower-case hex chars hold no other.
        TRIGGER['-'] = T_DASH | T_CAPITAL;
        TRIGGER['.'] = T_DIGIT; // "-." triggers too: a masked token's "glpat-...aB9c"
        // Not ':' ("Note:", "as follows:" are common in prose): a URL's "://" has '/', and a value
        // after "Authorization:" or "PuTTY-User-Key-File-2:" has a capital after a letter or digit.
        for (char c : "_=/+@~%*\u2022\u25CF\u2026".toCharArray()) {
            TRIGGER[c] = T_RARE; // and the mask chars: "ghp_****" is a masked token's prefix
        }
    }

    /** The trigger bits of {@code c}, for a caller's table that holds them shifted (see {@link #triggers}). */
    static int triggerBits(char c) {
        return TRIGGER[c];
    }

    /**
     * Whether a char whose trigger bits are {@code f} after one whose bits are {@code prev} is a
     * trigger, both read from a table that holds them {@code shift} bits up (other bits ignored).
     * The char before moved one bit down puts its ALNUM on CAPITAL and its DASH on DIGIT.
     */
    static boolean triggers(int f, int prev, int shift) {
        return (f & (prev >> 1 | T_RARE << shift) & (T_CAPITAL | T_RARE | T_DIGIT) << shift) != 0;
    }

    /**
     * Judges, in {@code chunk} (the chars of {@code s} from {@code base}, {@code len} of them), the
     * run around every trigger: a capital or a dash right after an ASCII letter or digit, a digit
     * or dot right after a dash, or one of {@code _ = / + @ ~ %} and the mask chars. Rarely true in
     * prose (a hyphen is, and {@link #record} drops it after a look at the next few chars), so the
     * branch costs little there.
     *
     * @param before the char before the chunk (0 at the start of the text)
     * @param next   no run before this position needs judging again
     * @return the new {@code next}
     */
    static int judgeTriggers(String s, char[] chunk, int base, int len, char before, int next, Sink sink) {
        int prev = TRIGGER[before];
        for (int k = 0; k < len; k++) {
            int f = TRIGGER[chunk[k]];
            if (triggers(f, prev, 0) && base + k >= next) {
                next = record(s, base + k, sink);
            }
            prev = f;
        }
        return next;
    }

    /** What a detector does at an anchor ({@link #forEachAnchor}); returns where the search goes on (past {@code at}). */
    @FunctionalInterface
    public interface AnchorVisitor {
        int at(int runStart, int at);
    }

    /**
     * Calls {@code visitor} at every occurrence of {@code anchor} ({@code eyJ}, {@code ://},
     * {@code -----BEGIN}) inside the runs that hold {@code feature}, in text order, skipping what
     * the visitor says it has read. Runs without the feature are not read at all.
     */
    public void forEachAnchor(int feature, String anchor, AnchorVisitor visitor) {
        int resume = 0;
        for (int r = 0; r < count; r++) {
            if ((features[r] & feature) == 0) {
                continue; // noted while the run was read: no need to read it again
            }
            int start = runs[r * 2];
            int end = runs[r * 2 + 1];
            for (int p = Math.max(start, resume); p + anchor.length() <= end; p++) {
                if (text.startsWith(anchor, p)) {
                    resume = visitor.at(start, p);
                    p = resume - 1;
                }
            }
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

    /**
     * Number of word starts inside the runs: a letter with no letter, digit or '_' right before it.
     * Credential prefixes start there ({@code ghp_}, {@code AKIA}, {@code sk_live_}), so a detector
     * whose sink wants no rejections tries only these positions, shared by every detector.
     */
    public int wordStartCount() {
        return wordStartCount;
    }

    /**
     * The first letters of the word starts, as a set of {@link #letterBit}s: a detector whose
     * prefixes start with none of them has nothing to look at in this text.
     */
    public long wordStartLetters() {
        long letters = startLetters;
        if (letters == -1) {
            letters = 0;
            for (int k = 0; k < wordStartCount; k++) {
                letters |= letterBit(text.charAt(wordStarts[k]));
            }
            startLetters = letters; // the same value whichever thread computes it first
        }
        return letters;
    }

    /** One bit per ASCII letter ('A'..'Z' and 'a'..'z' span 58 chars); 0 for any other char. */
    public static long letterBit(char c) {
        return Chars.isAsciiLetter(c) ? 1L << (c - 'A') : 0;
    }

    /** The position in the text of word start {@code k}, in increasing order. */
    public int wordStart(int k) {
        return wordStarts[k];
    }

    /**
     * The word starts whose first char is {@code c} (an ASCII letter), in increasing order, as
     * indices {@code [wordStartsFrom(c), wordStartsTo(c))} for {@link #wordStartByFirst}: a detector
     * whose prefixes start with 'g' reads only the word starts that do, not every word start of a
     * log line (bucketed once per text, shared by every detector). The bounds are found by binary
     * search over the bucketed starts: a table of bounds per text was two int[129] for every value
     * scanned, most of the bytes the detectors allocated on short values.
     */
    public int wordStartsFrom(char c) {
        if (byFirst == null) {
            bucketWordStarts();
        }
        return firstAtLeast(c);
    }

    public int wordStartsTo(char c) {
        if (byFirst == null) {
            bucketWordStarts();
        }
        return c == Character.MAX_VALUE ? byFirst.length : firstAtLeast((char) (c + 1));
    }

    public int wordStartByFirst(int k) {
        return byFirst[k];
    }

    /** The first index of {@link #byFirst} whose first char is at least {@code c}. */
    private int firstAtLeast(char c) {
        int lo = 0;
        int hi = byFirst.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (text.charAt(byFirst[mid]) < c) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Per-thread counts for {@link #bucketWordStarts}, one per letter 'A'..'z': all zero between calls. */
    private static final ThreadLocal<int[]> LETTER_COUNTS = ThreadLocal.withInitial(() -> new int['z' - 'A' + 2]);

    /**
     * Counting sort of the word starts by first char (an ASCII letter): stable, so each bucket
     * stays in text order.
     */
    private void bucketWordStarts() {
        int n = wordStartCount();
        if (n == 0) {
            byFirst = NONE;
            return;
        }
        int[] fill = LETTER_COUNTS.get();
        for (int k = 0; k < n; k++) {
            fill[text.charAt(wordStarts[k]) - 'A' + 1]++;
        }
        for (int c = 1; c < fill.length; c++) {
            fill[c] += fill[c - 1];
        }
        int[] sorted = new int[n];
        for (int k = 0; k < n; k++) {
            sorted[fill[text.charAt(wordStarts[k]) - 'A']++] = wordStarts[k];
        }
        java.util.Arrays.fill(fill, 0);
        byFirst = sorted;
    }

    @Override
    public String toString() {
        return "TokenRuns[count=" + count + "]";
    }
}
