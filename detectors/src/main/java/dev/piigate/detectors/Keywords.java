package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Context words for a type ("ssn", "card number"...) and the two ways Macie uses them: a keyword
 * within some characters of the value, or a field name (JSON path element, column name) that says
 * what the field holds. Matching is case-insensitive and on word boundaries: a non-letter,
 * a camelCase step, or a change of script; a keyword in a script written without spaces
 * (Japanese, Chinese) is found anywhere, glued to its value or to other words.
 */
public final class Keywords {
    private final List<String> words;
    /**
     * {@link #inField}'s answer per field name: the same names come with every record
     * ({@code $.messages[2].content}), and splitting one into words made a String per value and
     * detector. Bounded: names past the bound are judged each time, not kept.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> fieldAnswers =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_FIELD_ANSWERS = 4096;
    /** The last of those answers by the name's identity, looked at first. */
    private final FieldMemo lastAnswers = new FieldMemo();
    /**
     * The keywords that may match at a word start, by its first two chars folded as
     * {@link #matchEnd} folds them: row {@code c0} (ASCII), entry {@code c1} (ASCII), or entry
     * {@link #NON_ASCII} for a second char that folds to none. So a window is read once, looking up
     * each word start, and only the keywords sharing its first two chars are tried. Each entry
     * keeps the list's order and holds every keyword that can match there: those of first char
     * {@code c0} whose second char is {@code c1}, a space (which may match other chars, or none at
     * a camelCase step) or missing; the {@link #NON_ASCII} entry holds those whose second char is
     * a space, missing or non-ASCII, narrowed by {@link #secondMayMatch} as they are tried. A null
     * row: no keyword starts with that char.
     */
    private final String[][][] byFirstTwo = new String[128][][];
    /** Bit c % 64 of long c / 64: {@link #byFirstTwo} has a row for ASCII char {@code c}, folded or not. */
    private final long[] firstAscii = new long[2];
    /** Every keyword starting with an ASCII char starts with a letter: {@link #startsLatin1} may read eight chars at a time. */
    private final boolean lettersFirst;
    /**
     * Keywords whose first char is not ASCII, grouped by it: {@link #otherChars} sorted, each
     * group in the list's order, tried through {@link #secondMayMatch}. A text char that folds to
     * ASCII (the Kelvin sign to 'k') starts none of them: {@link #matchEnd} compares folded chars.
     */
    private final char[] otherChars;
    private final String[][] otherWords;
    private final int maxLength;
    private final int minLength;

    /** {@link #byFirstTwo}'s entry for a second char that does not fold to ASCII. */
    private static final int NON_ASCII = 128;
    /** The second char past the text's end: not ASCII, so keywords are tried through {@link #secondMayMatch}. */
    private static final char END = '\uFFFF';
    private static final String[] NONE = new String[0];

    private Keywords(List<String> words) {
        this.words = words;
        java.util.TreeMap<Character, List<String>> other = new java.util.TreeMap<>();
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (String w : words) {
            char c = w.charAt(0);
            if (c < 128) {
                if (byFirstTwo[c] == null) {
                    byFirstTwo[c] = row(words, c);
                }
            } else {
                other.computeIfAbsent(c, k -> new ArrayList<>()).add(w);
            }
            max = Math.max(max, w.length());
            min = Math.min(min, w.length());
        }
        this.otherChars = new char[other.size()];
        this.otherWords = new String[other.size()][];
        int k = 0;
        for (java.util.Map.Entry<Character, List<String>> e : other.entrySet()) {
            otherChars[k] = e.getKey();
            otherWords[k++] = e.getValue().toArray(NONE);
        }
        for (char c = 0; c < 128; c++) {
            if (byFirstTwo[LOWER[c]] != null) {
                firstAscii[c >>> 6] |= 1L << c;
            }
        }
        this.maxLength = max;
        this.minLength = words.isEmpty() ? 1 : min;
        boolean letters = true;
        for (char c = 0; c < 128; c++) {
            letters &= (firstAscii[c >>> 6] & 1L << c) == 0 || Chars.isAsciiLetter(c);
        }
        this.lettersFirst = letters;
    }

    /** {@link #byFirstTwo}'s row for first char {@code c0}; entries holding the same keywords share one array. */
    private static String[][] row(List<String> words, char c0) {
        List<String> starting = new ArrayList<>();
        for (String w : words) {
            if (w.charAt(0) == c0) {
                starting.add(w);
            }
        }
        String[][] row = new String[NON_ASCII + 1][];
        java.util.Map<List<String>, String[]> shared = new java.util.HashMap<>();
        for (int c1 = 0; c1 <= NON_ASCII; c1++) {
            List<String> entry = new ArrayList<>();
            for (String w : starting) {
                if (c1 == NON_ASCII ? w.length() < 2 || w.charAt(1) >= 128 || w.charAt(1) == ' '
                        : secondMayMatch(w, (char) c1)) {
                    entry.add(w);
                }
            }
            row[c1] = shared.computeIfAbsent(entry, e -> e.toArray(NONE));
        }
        return row;
    }

    /**
     * Whether keyword {@code w} may match where the text's second char folds to {@code second}
     * ({@link #END} past the text): it has one char, or a space there, or that char.
     */
    private static boolean secondMayMatch(String w, char second) {
        return w.length() < 2 || w.charAt(1) == ' ' || w.charAt(1) == second;
    }

    /** A char as {@link #matchEnd} compares it to a keyword's ({@link KeywordPresence} folds so too). */
    static char fold(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + 32);
        }
        return c < 0x80 ? c : Character.toLowerCase(c);
    }

    /**
     * The keywords to try at word start {@code i} whose first char is {@code c} (ASCII letters
     * folded): a superset of those {@link #matchEnd} accepts there, in the list's order; each one
     * still to pass {@link #secondMayMatch} unless {@code c} and the second char are ASCII.
     */
    private String[] candidates(char c, char second) {
        if (c < 128) {
            String[][] row = byFirstTwo[c];
            return second < 128 ? row[second] : row[NON_ASCII];
        }
        int k = java.util.Arrays.binarySearch(otherChars, Character.toLowerCase(c));
        return k < 0 ? NONE : otherWords[k];
    }

    /** The second char of a match starting at {@code i}, folded; {@link #END} past the text. */
    private static char secondAt(CharSequence text, int i) {
        return i + 1 < text.length() ? fold(text.charAt(i + 1)) : END;
    }

    /** @param words lower-case or mixed; matched case-insensitively; must not be blank */
    public static Keywords of(List<String> words) {
        List<String> lower = new ArrayList<>(words.size());
        for (String w : words) {
            requireNonNull(w, "keyword");
            String trimmed = w.strip().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("blank keyword");
            }
            lower.add(trimmed);
        }
        return new Keywords(List.copyOf(lower));
    }

    public static Keywords of(String... words) {
        return of(List.of(words));
    }

    public List<String> words() {
        return words;
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** Where a keyword stands in a text: [start, end). */
    public record Hit(int start, int end) {}

    /** A keyword ends within {@code distance} characters before {@code start}. */
    public boolean before(CharSequence text, int start, int distance) {
        return nearestBefore(text, start, distance) != null;
    }

    /** A keyword lies wholly within {@code distance} characters after {@code end}. */
    public boolean after(CharSequence text, int end, int distance) {
        return nearestAfter(text, end, distance) != null;
    }

    /**
     * A keyword within {@code distance} characters before {@code start} or after {@code end}, or in
     * the header cell of the pipe-table column the value sits in ({@link #inColumnHeader}).
     */
    public boolean near(CharSequence text, int start, int end, int distance) {
        return before(text, start, distance) || after(text, end, distance) || inColumnHeader(text, start);
    }

    /**
     * Whether the value at {@code start} sits in a cell of a pipe-delimited table (psql output,
     * Markdown, {@code id|name|ssn} lines) whose header cell names this type, the way a column
     * name does ({@link #inField}). Only the header row at the top of the table counts, found
     * within a bounded number of rows above the value.
     */
    public boolean inColumnHeader(CharSequence text, int start) {
        if (start == 0 || words.isEmpty()) {
            return false;
        }
        long cell = PipeTables.headerCell(text, start);
        return cell >= 0 && inField(text.subSequence((int) (cell >>> 32), (int) cell).toString());
    }

    /** The keyword nearest before {@code start} that ends before it, within {@code distance}; or null. */
    public Hit nearestBefore(CharSequence text, int start, int distance) {
        int from = Math.max(0, start - distance - maxLength);
        return hit(find(text, from, start, start - distance, true));
    }

    /** The keyword nearest after {@code end} lying wholly within {@code distance} characters of it; or null. */
    public Hit nearestAfter(CharSequence text, int end, int distance) {
        return hit(find(text, end, Math.min(text.length(), end + distance), Integer.MIN_VALUE, false));
    }

    /**
     * As {@link #before(CharSequence, int, int)} in {@code text}'s {@link ScanText#text() text},
     * with the keywords found kept for the next look in the same text ({@link Found}).
     */
    public boolean before(ScanText text, int start, int distance) {
        return nearestBefore(text, start, distance) != null;
    }

    /** As {@link #after(CharSequence, int, int)} in {@code text}'s text, the keywords found kept. */
    public boolean after(ScanText text, int end, int distance) {
        return nearestAfter(text, end, distance) != null;
    }

    /** As {@link #near(CharSequence, int, int, int)} in {@code text}'s text, the keywords found kept. */
    public boolean near(ScanText text, int start, int end, int distance) {
        return before(text, start, distance) || after(text, end, distance) || inColumnHeader(text.text(), start);
    }

    /** As {@link #nearestBefore(CharSequence, int, int)} in {@code text}'s text, the keywords found kept. */
    public Hit nearestBefore(ScanText text, int start, int distance) {
        int from = Math.max(0, start - distance - maxLength);
        return hit(text.keywordsFound(this).find(from, start, start - distance, true));
    }

    /** As {@link #nearestAfter(CharSequence, int, int)} in {@code text}'s text, the keywords found kept. */
    public Hit nearestAfter(ScanText text, int end, int distance) {
        return hit(text.keywordsFound(this).find(end, Math.min(text.length(), end + distance), Integer.MIN_VALUE,
                false));
    }

    private static Hit hit(long packed) {
        return packed < 0 ? null : new Hit((int) (packed >>> 32), (int) packed);
    }

    /**
     * A keyword occurring wholly inside [from, to) and, if {@code minEnd} is given, ending at or
     * after it: the first one, or with {@code last} the one that ends last; as start << 32 | end,
     * or -1 if there is none.
     */
    private long find(CharSequence text, int from, int to, int minEnd, boolean last) {
        // One pass over the window; at each word start only the keywords with its first two chars.
        long best = -1;
        int first = minEnd == Integer.MIN_VALUE ? from : Math.max(from, minEnd - maxLength);
        // Starts end minLength before the window's end, as they always have (though a camelCase
        // step can make a match shorter than its keyword: "a b" in "aB").
        int stop = to - minLength + 1;
        for (int base = first; base < stop; base += 64) {
            for (long starts = starts(text, base, Math.min(stop, base + 64)); starts != 0; starts &= starts - 1) {
                long match = findAt(text, base + Long.numberOfTrailingZeros(starts), to, minEnd, last);
                if (match >= 0) {
                    if (!last) {
                        return match;
                    }
                    if (best < 0 || (int) match > (int) best) {
                        best = match;
                    }
                }
            }
        }
        return best;
    }

    /** {@link #find} at one keyword start {@code i}: the first match, or with {@code last} the one ending last. */
    private long findAt(CharSequence text, int i, int to, int minEnd, boolean last) {
        long best = -1;
        char c = text.charAt(i);
        if (c >= 'A' && c <= 'Z') {
            c = (char) (c + 32);
        }
        char second = secondAt(text, i);
        boolean exact = c < 128 && second < 128;
        for (String w : candidates(c, second)) {
            if (!exact && !secondMayMatch(w, second)) {
                continue;
            }
            if (i + w.length() < minEnd) {
                continue; // a match is never longer than its keyword: it would end too early
            }
            int end = matchEnd(text, i, to, w);
            if (end >= 0 && end >= minEnd && endsWord(text, end)) {
                long match = ((long) i << 32) | end;
                if (!last) {
                    return match;
                }
                if (best < 0 || (int) match > (int) best) {
                    best = match;
                }
            }
        }
        return best;
    }

    /**
     * Adds to {@code found} every keyword match starting in [from, to) that ends a word, in order
     * of start, then of the list, each with the end it has in the whole text: the same
     * steps as {@link #find}, with no window end (a window only cuts off the matches ending past it).
     */
    private void collect(ScanText scanText, int from, int to, Found found) {
        String text = scanText.text();
        boolean bytes = lettersFirst && scanText.latin1();
        for (int base = from; base < to; base += 64) {
            int end = Math.min(to, base + 64);
            long starts = bytes ? startsLatin1(text, base, end, found.bytes) : -1;
            if (starts == -1) {
                starts = starts(text, base, end);
            }
            for (; starts != 0; starts &= starts - 1) {
                int i = base + Long.numberOfTrailingZeros(starts);
                char c = text.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                }
                collectAt(text, i, c, found);
            }
        }
    }

    /**
     * Bit k: a keyword of this list may start at {@code base + k}, for the (at most 64) chars of
     * [base, end): it {@link #startsWord} and its char, folded, starts a keyword ({@link
     * #firstAscii}), or is not ASCII while some keyword's first char is not either. For an ASCII
     * char {@link #startsWord}'s rule is kept as the class of the char before, and the bit is
     * worked out with no branch: a window is mostly chars where no keyword starts, in no order a
     * branch predictor could learn.
     */
    long starts(CharSequence text, int base, int end) {
        int before = base == 0 ? NOT_LETTER : asciiClass(text.charAt(base - 1));
        long bits = 0;
        for (int i = base; i < end; i++) {
            char c = text.charAt(i);
            long start;
            int now;
            if (c < 0x80) {
                now = ASCII_CLASS[c];
                start = (STARTS >>> (before * 3 + now)) & (firstAscii[c >>> 6] >>> c) & 1;
            } else {
                now = NOT_LETTER;
                start = otherChars.length != 0 && startsWord(text, i) ? 1 : 0;
            }
            bits |= start << (i - base);
            before = now;
        }
        return bits;
    }

    /**
     * {@link #starts} for a window of ASCII chars, eight at a time from their bytes, or -1 (never an
     * answer: no three chars in a row all start words) if a char of
     * [base, end) is past ASCII, for the char loop to answer. Only for a list whose ASCII first
     * chars are all letters ({@link #lettersFirst}): then a start is an ASCII letter after a char
     * that is none, or an upper-case one after a lower-case one, and the list's first chars are
     * asked only at those. {@code KeywordsStartsTest} holds it to the char loop.
     *
     * @param bytes at least 64 bytes, overwritten
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): each char's low byte, exact for the ASCII it accepts
    long startsLatin1(String text, int base, int end, byte[] bytes) {
        int len = end - base;
        text.getBytes(base, end, bytes, 0);
        java.util.Arrays.fill(bytes, len, 64, (byte) 0); // past the window: no letter, no start
        char before = base == 0 ? 0 : text.charAt(base - 1);
        long letterBefore = Chars.isAsciiLetter(before) ? 0x80 : 0;
        long lowerBefore = before >= 'a' && before <= 'z' ? 0x80 : 0;
        long starts = 0;
        for (int w = 0; w < 8 && 8 * w < len; w++) {
            long x = (long) Chars.LONGS.get(bytes, 8 * w);
            if ((x & Chars.HIGH) != 0) {
                return -1;
            }
            long letter = Chars.asciiLetters(x);
            long start = Chars.wordStarts(x, letter, letterBefore, lowerBefore);
            letterBefore = letter >>> 56;
            lowerBefore = Chars.lowerCaseLetters(x, letter) >>> 56;
            starts |= Chars.gatherHigh(start) << (8 * w);
        }
        if (len < 64) {
            starts &= (1L << len) - 1;
        }
        for (long left = starts; left != 0; left &= left - 1) {
            int k = Long.numberOfTrailingZeros(left);
            int c = bytes[k];
            if ((firstAscii[c >>> 6] >>> c & 1) == 0) {
                starts &= ~(1L << k);
            }
        }
        return starts;
    }

    /** {@link #starts}'s classes of a char: not an ASCII letter, lower-case, upper-case ASCII. */
    private static final int NOT_LETTER = 0;
    private static final int LOWER_CASE = 1;
    private static final int UPPER_CASE = 2;
    private static final byte[] ASCII_CLASS = new byte[128];
    /** ASCII chars folded as {@link #matchEnd} folds them ({@link #fold}'s answer for each; {@link KeywordPresence} reads it too). */
    static final char[] LOWER = new char[128];
    /**
     * Bit (class before) * 3 + (class now): {@link #startsWord} for an ASCII char, true after a
     * char that is no ASCII letter and at a camelCase step.
     */
    private static final int STARTS = 0b111 | 1 << (LOWER_CASE * 3 + UPPER_CASE);

    static {
        for (char c = 0; c < 128; c++) {
            boolean upper = c >= 'A' && c <= 'Z';
            ASCII_CLASS[c] = (byte) (upper ? UPPER_CASE : c >= 'a' && c <= 'z' ? LOWER_CASE : NOT_LETTER);
            LOWER[c] = upper ? (char) (c + 32) : c;
        }
    }

    private static int asciiClass(char c) {
        return c < 0x80 ? ASCII_CLASS[c] : NOT_LETTER;
    }

    /** {@link #collect}'s step at a word start {@code i} whose first char is {@code c}. */
    private void collectAt(String text, int i, char c, Found found) {
        int n = text.length();
        char second = secondAt(text, i);
        boolean exact = c < 128 && second < 128;
        for (String w : candidates(c, second)) {
            if (!exact && !secondMayMatch(w, second)) {
                continue;
            }
            int end = matchEnd(text, i, n, w);
            if (end >= 0 && endsWord(text, end)) {
                found.add(((long) i << 32) | end);
            }
        }
    }

    /**
     * The keywords found in one text so far, for the next look: a detector looks at windows around
     * each candidate, and in a dense text those overlap (candidates closer than twice the
     * distance), so each char is read once per keyword list instead of once per candidate. Every
     * match starting in [lo, hi) is held (start << 32 | end, in {@link #collect}'s order); a look
     * outside that range reads only what it lacks, or starts again. One per text and keyword list
     * ({@link ScanText#keywordsFound}); not thread-safe.
     */
    static final class Found {
        /** Matches starting this far before the latest look may be dropped when the list is full. */
        private static final int KEEP_BEHIND = 1024;
        private final Keywords keywords;
        private final ScanText text;
        private int lo;
        private int hi;
        /** Where the look being answered starts: never dropped. */
        private int floor;
        private long[] hits = new long[8];
        /** {@link #startsLatin1}'s window as bytes. */
        final byte[] bytes = new byte[64];
        private int count;

        Found(Keywords keywords, ScanText text) {
            this.keywords = keywords;
            this.text = text;
        }

        /** {@link Keywords#find}'s answer, from the matches held. */
        long find(int from, int to, int minEnd, boolean last) {
            int first = minEnd == Integer.MIN_VALUE ? from : Math.max(from, minEnd - keywords.maxLength);
            int stop = to - keywords.minLength + 1; // find's loop: i + minLength <= to
            if (first >= stop) {
                return -1;
            }
            cover(first, stop);
            long best = -1;
            for (int k = firstAtOrAfter(first); k < count; k++) {
                long h = hits[k];
                if ((int) (h >>> 32) >= stop) {
                    break;
                }
                int end = (int) h;
                if (end > to || end < minEnd) {
                    continue;
                }
                if (!last) {
                    return h;
                }
                if (best < 0 || end > (int) best) {
                    best = h;
                }
            }
            return best;
        }

        private void cover(int from, int to) {
            floor = from;
            if (from < lo || from > hi) {
                count = 0; // not next to what is held: start again here
                lo = from;
                hi = from;
            }
            if (to > hi) {
                int was = hi;
                hi = to;
                keywords.collect(text, was, to, this);
            }
        }

        void add(long hit) {
            if (count == hits.length) {
                // Drop what lies well behind the window being filled: looks move forward through a text.
                int keepFrom = Math.max(lo, Math.min(floor, hi - KEEP_BEHIND));
                int drop = firstAtOrAfter(keepFrom);
                if (drop > 0) {
                    System.arraycopy(hits, drop, hits, 0, count - drop);
                    count -= drop;
                    lo = keepFrom;
                }
                if (count == hits.length) {
                    hits = java.util.Arrays.copyOf(hits, count * 2);
                }
            }
            hits[count++] = hit;
        }

        /** Index of the first match held starting at or after {@code position}, or count. */
        private int firstAtOrAfter(int position) {
            int a = 0;
            int b = count;
            while (a < b) {
                int mid = (a + b) >>> 1;
                if ((int) (hits[mid] >>> 32) < position) {
                    a = mid + 1;
                } else {
                    b = mid;
                }
            }
            return a;
        }
    }

    /**
     * Where the keyword matched at {@code at} ends, or -1. Case-insensitive; a space in the keyword
     * also matches one '_', '-', '.', '+' or tab, or nothing at a camelCase step, so
     * "social security" is found in {@code social_security_no}, {@code socialSecurity} and
     * {@code social+security} (a query string).
     */
    private static int matchEnd(CharSequence text, int at, int to, String lowerWord) {
        int p = at;
        for (int k = 0; k < lowerWord.length(); k++) {
            char w = lowerWord.charAt(k);
            if (p >= to) {
                return -1;
            }
            char c = text.charAt(p);
            if (w == ' ' && c != ' ') {
                if (c == '_' || c == '-' || c == '.' || c == '+' || c == '\t') {
                    p++;
                    continue;
                }
                if (p > at && isLowerAscii(text.charAt(p - 1)) && isUpperAscii(c)) {
                    continue; // "socialSecurity": the step to upper case is the space
                }
                return -1;
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            } else if (c >= 0x80) {
                c = Character.toLowerCase(c);
            }
            if (c != w) {
                return -1;
            }
            p++;
        }
        return p;
    }

    /**
     * A keyword may start at {@code i}: at the text's start, after a char that is not a letter of
     * its word (for ASCII: not an ASCII letter, so "ssn" is not found in "lessness"; at a
     * camelCase step, {@code taxpayerSsn}), or anywhere for a keyword in a script written without
     * spaces ({@code カード番号}, {@code 信用卡}), which is found as a substring.
     */
    private static boolean startsWord(CharSequence text, int i) {
        if (i == 0) {
            return true;
        }
        char edge = text.charAt(i);
        char before = text.charAt(i - 1);
        if (edge < 0x80) {
            return !Chars.isAsciiLetter(before) || (isUpperAscii(edge) && isLowerAscii(before));
        }
        return Chars.isUnspacedScript(edge) || !Chars.glues(before, edge);
    }

    /**
     * A keyword ending at {@code end} ends a word: the mirror of {@link #startsWord}; at a
     * camelCase step to a word of two letters or more ({@code cardNumber}, {@code phoneNo}; not
     * {@code PhD}) or before a capitalised word after an acronym ({@code SSNValue}).
     */
    private static boolean endsWord(CharSequence text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char edge = text.charAt(end - 1);
        char after = text.charAt(end);
        if (edge < 0x80) {
            if (!Chars.isAsciiLetter(after)) {
                return true;
            }
            if (isLowerAscii(edge) && isUpperAscii(after)) {
                // A word follows ("cardNumber", "phoneNo", "cardID"), not one capital: "PhD" is no "ph".
                return end + 1 < text.length() && Chars.isAsciiLetter(text.charAt(end + 1));
            }
            return isUpperAscii(edge) && isUpperAscii(after) && end + 1 < text.length()
                    && isLowerAscii(text.charAt(end + 1));
        }
        return Chars.isUnspacedScript(edge) || !Chars.glues(after, edge);
    }

    private static boolean isUpperAscii(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLowerAscii(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean boundary(CharSequence text, int i) {
        return i < 0 || i >= text.length() || !Chars.isAsciiLetter(text.charAt(i));
    }

    /**
     * Whether a field name says the field holds this type: {@code $.customer.ssn},
     * {@code social_security_number}, {@code cardNumber}. The name is split into words on
     * punctuation and camelCase and matched against the keywords.
     */
    public boolean inField(String field) {
        if (field == null || field.isEmpty()) {
            return false;
        }
        long last = lastAnswers.get(field);
        if (last != FieldMemo.NONE) {
            return last == 1;
        }
        Boolean known = fieldAnswers.get(field);
        boolean answer = known != null ? known : inFieldWords(fieldWords(field));
        if (known == null && fieldAnswers.size() < MAX_FIELD_ANSWERS) {
            fieldAnswers.put(field, answer);
        }
        lastAnswers.put(field, answer ? 1 : 0);
        return answer;
    }

    private boolean inFieldWords(String fieldWords) {
        for (int k = 0; k < words.size(); k++) {
            String w = words.get(k);
            int at = fieldWords.indexOf(w);
            while (at >= 0) {
                if (boundary(fieldWords, at - 1) && boundary(fieldWords, at + w.length())) {
                    return true;
                }
                at = fieldWords.indexOf(w, at + 1);
            }
        }
        return false;
    }

    /** "$.billingInfo.card_number" -> " billing info card number". */
    static String fieldWords(String field) {
        StringBuilder sb = new StringBuilder(field.length() + 8);
        char prev = ' ';
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (Character.isUpperCase(c) && Character.isLowerCase(prev)) {
                sb.append(' ');
            }
            if (Character.isLetterOrDigit(c) || c == '#') {
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(' ');
            }
            prev = c;
        }
        return sb.toString();
    }
}
