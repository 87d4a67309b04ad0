package dev.piigate.detectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which of a fixed set of keyword lists can occur in a text, in one pass over it: the gate in
 * front of the detectors whose every finding needs a keyword ({@link Detector#requiredKeywords()}).
 * A text in which none of a detector's lists can occur, and whose field names none, gives that
 * detector nothing to find, so {@link TextScanner} does not run it. In logs, chat and nearly every
 * value of a record no national-id or birth keyword occurs at all.
 *
 * <p>The answer may say "can occur" where no keyword does, never the other way: it looks for each
 * keyword by rules looser than both routes by which a {@link KeywordContext}-style look finds one,
 * a match in the text ({@link Keywords#near}) and a table header cell that names the type
 * ({@link Keywords#inField} on the cell, which starts a line or follows its delimiter). A match may
 * start at an ASCII char not right after an ASCII letter or at a camelCase step, and at any other
 * char; chars are folded as {@link Keywords} folds them (ASCII upper case to lower, others by
 * {@link Character#toLowerCase(char)}); see {@link #matches}. {@code KeywordPresenceTest} holds it to
 * {@link Keywords}' own answers on generated texts.
 *
 * <p>Immutable and thread-safe after construction; one per {@link TextScanner}.
 */
final class KeywordPresence {
    /** The lists, by bit: list k is bit k. At most 64; lists past that are always said to occur. */
    private final Map<Keywords, Long> bits = new IdentityHashMap<>();
    /**
     * Keywords by their first char (ASCII) and second char (folded; {@link #NON_ASCII_SECOND} for
     * one that is not ASCII): the words, and for each the bits of the lists it is in. A keyword of
     * one char, or with a space second, is in every entry of its row. A null row: none starts so.
     */
    private final String[][][] asciiWords = new String[128][][];
    private final long[][][] asciiBits = new long[128][][];
    /** Bit {@code first << 7 | second} (ASCII first, folded second as the entries index it): a non-null entry. */
    private final long[] pairs = new long[128 * 128 / 64];
    /**
     * Pairs with a keyword whose third char cannot be told from the pair alone (it is short, has a
     * space second or third, or a char past ASCII there): for the rest, {@link #triples} tells.
     */
    private final long[] loosePairs = new long[128 * 128 / 64];
    /**
     * Bit {@code b0 << 8 | b1} for two bytes of a Latin-1 text, an ASCII letter {@code b0} then
     * {@code b1}: {@link #pairs} of the two folded; 1 for every {@code b0} past ASCII (then
     * {@link #at} decides). One look-up per possible start, without folding.
     */
    private final long[] bytePairs = new long[65536 / 64];
    /** Bits by {@link #triple} of the first three chars (ASCII, folded) of the other keywords; may collide. */
    private final long[] triples = new long[TRIPLE_BITS / 64];
    /**
     * By {@link #triple}, as {@link #triples}: a keyword of those three chars only (it may end right
     * after them), and one with a space or a char past ASCII fourth; for the rest, {@link #quads} tells.
     */
    private final long[] shortTriples = new long[TRIPLE_BITS / 64];
    private final long[] looseTriples = new long[TRIPLE_BITS / 64];
    /** Bits by {@link #quad} of the first four chars (ASCII, folded) of the keywords that have them; may collide. */
    private final long[] quads = new long[TRIPLE_BITS / 64];
    /** Non-ASCII first chars, sorted, with their words and bits. */
    private final char[] otherFirst;
    private final String[][] otherWords;
    private final long[][] otherBits;
    private final long all;
    /**
     * Every keyword starts with an ASCII letter or a char past ASCII: then {@link #mayOccurLatin1}
     * may take any ASCII letter for a possible start and ask {@link #pairs} afterwards.
     */
    private final boolean lettersStart;
    /**
     * Per char, the bits the pass reads: {@link #LETTER} (ASCII), {@link #UPPER}, {@link #LOWER},
     * {@link #FIRST} (folded, it starts a keyword), {@link #ANYWHERE} (not ASCII: a keyword may start
     * at it whatever comes before). A table of every char: no branch on a char's range in the loop.
     */
    private final byte[] classOf = new byte[65536];
    private static final int LETTER = 1;
    private static final int UPPER = 2;
    private static final int LOWER = 4;
    private static final int FIRST = 8;
    private static final int ANYWHERE = 16;

    private KeywordPresence(List<Keywords> lists) {
        Map<String, Long> byWord = new TreeMap<>();
        int k = 0;
        long allBits = 0;
        for (Keywords list : lists) {
            if (bits.containsKey(list) || k == 64) {
                continue;
            }
            long bit = 1L << k++;
            bits.put(list, bit);
            allBits |= bit;
            for (String w : list.words()) {
                byWord.merge(w, bit, (a, b) -> a | b);
            }
        }
        this.all = allBits;
        boolean letters = true;
        for (String w : byWord.keySet()) {
            char c = w.charAt(0);
            letters &= c >= 128 || Chars.isAsciiLetter(c);
        }
        this.lettersStart = letters;
        for (int c = 0; c < 65536; c++) {
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lower = c >= 'a' && c <= 'z';
            classOf[c] = (byte) (c >= 128 ? ANYWHERE : (upper || lower ? LETTER : 0) | (upper ? UPPER : 0) | (lower ? LOWER : 0));
        }
        Map<Character, List<Map.Entry<String, Long>>> grouped = new TreeMap<>();
        for (Map.Entry<String, Long> e : byWord.entrySet()) {
            grouped.computeIfAbsent(e.getKey().charAt(0), c -> new ArrayList<>()).add(e);
        }
        List<Character> other = new ArrayList<>();
        for (Map.Entry<Character, List<Map.Entry<String, Long>>> g : grouped.entrySet()) {
            if (g.getKey() >= 128) {
                other.add(g.getKey());
            }
        }
        this.otherFirst = new char[other.size()];
        this.otherWords = new String[other.size()][];
        this.otherBits = new long[other.size()][];
        int o = 0;
        for (Map.Entry<Character, List<Map.Entry<String, Long>>> g : grouped.entrySet()) {
            List<Map.Entry<String, Long>> entries = g.getValue();
            String[] words = new String[entries.size()];
            long[] wordBits = new long[entries.size()];
            for (int i = 0; i < words.length; i++) {
                words[i] = entries.get(i).getKey();
                wordBits[i] = entries.get(i).getValue();
            }
            char c = g.getKey();
            if (c < 128) {
                asciiWords[c] = new String[128][];
                asciiBits[c] = new long[128][];
                for (int f1 = 0; f1 < 128; f1++) {
                    List<String> entry = new ArrayList<>();
                    List<Long> entryBits = new ArrayList<>();
                    for (int w = 0; w < words.length; w++) {
                        String word = words[w];
                        if (word.length() == 1 || word.charAt(1) == ' ' || word.charAt(1) == f1
                                || (f1 == NON_ASCII_SECOND && word.charAt(1) >= 128)) {
                            entry.add(word);
                            entryBits.add(wordBits[w]);
                        }
                    }
                    if (!entry.isEmpty()) {
                        asciiWords[c][f1] = entry.toArray(new String[0]);
                        asciiBits[c][f1] = entryBits.stream().mapToLong(Long::longValue).toArray();
                        int pair = c << 7 | f1;
                        pairs[pair >>> 6] |= 1L << pair;
                        for (String word : entry) {
                            if (word.length() < 3 || word.charAt(1) == ' ' || word.charAt(2) == ' '
                                    || word.charAt(1) >= 128 || word.charAt(2) >= 128) {
                                loosePairs[pair >>> 6] |= 1L << pair;
                            } else {
                                int t = triple(c, word.charAt(1), word.charAt(2));
                                triples[t >>> 6] |= 1L << t;
                                if (word.length() == 3) {
                                    shortTriples[t >>> 6] |= 1L << t;
                                } else if (word.charAt(3) == ' ' || word.charAt(3) >= 128) {
                                    looseTriples[t >>> 6] |= 1L << t;
                                } else {
                                    int q = quad(c, word.charAt(1), word.charAt(2), word.charAt(3));
                                    quads[q >>> 6] |= 1L << q;
                                }
                            }
                        }
                    }
                }
                for (char raw : new char[] {c, Character.toUpperCase(c)}) {
                    if (raw < 128) {
                        classOf[raw] |= FIRST;
                    }
                }
            } else {
                otherFirst[o] = c;
                otherWords[o] = words;
                otherBits[o++] = wordBits;
            }
        }
        fillBytePairs();
    }

    /** {@link #bytePairs} from {@link #pairs}. */
    private void fillBytePairs() {
        for (int b0 = 0; b0 < 256; b0++) {
            for (int b1 = 0; b1 < 256; b1++) {
                int pair = (b0 & 0x7F | 0x20) << 7 | SECOND[b1];
                if (b0 >= 128 || (pairs[pair >>> 6] & 1L << pair) != 0) {
                    int i = b0 << 8 | b1;
                    bytePairs[i >>> 6] |= 1L << i;
                }
            }
        }
    }

    static KeywordPresence of(List<Keywords> lists) {
        return new KeywordPresence(lists);
    }

    /** The bit of {@code list}, or 0 if it is none of this set's (then it is always said to occur). */
    long bit(Keywords list) {
        Long bit = bits.get(list);
        return bit == null ? 0 : bit;
    }

    /**
     * The lists among {@code wanted} (bits) that can occur in {@code view}'s text: the bits of those
     * that can, plus every bit not of this set. Stops reading as soon as each wanted list was seen.
     * A view whose index pass saw no char past U+00FF is read as bytes, eight at a time.
     */
    long mayOccur(ScanText view, long wanted) {
        return mayOccur(view.text(), view.latin1(), wanted);
    }

    /**
     * {@link #mayOccur(ScanText, long)} on a text whose width the caller knows (tests ask both passes).
     *
     * @param latin1 true only if no char of {@code text} is past U+00FF: then it is read as bytes
     */
    long mayOccur(String text, boolean latin1, long wanted) {
        return latin1 && lettersStart ? mayOccurLatin1(text, wanted) : mayOccur(text, wanted);
    }

    /**
     * {@link #mayOccur(String, boolean, long)} over a Latin-1 text, by the same start rule, eight
     * chars per step: a text of ASCII and Latin-1 is one byte per char (the deprecated
     * {@code String.getBytes} copies exactly that), and which bytes are ASCII letters, upper or lower
     * case, or past ASCII are a few operations on a long. The possible starts of 64 chars are one
     * long, as in the char pass; a start that is an ASCII letter is then asked {@link #pairs} and
     * {@link #triples} before {@link #at}.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, exact for Latin-1
    private long mayOccurLatin1(String text, long wanted) {
        long want = wanted & all;
        long seen = wanted & ~all;
        int n = text.length();
        byte[] chunk = BYTES.get();
        long letterBefore = 0; // 0x80 if the char before the current eight is an ASCII letter
        long lowerBefore = 0; // 0x80 if it is a lower case one
        for (int base = 0; base < n && (seen & want) != want; base += CHUNK_LENGTH) {
            int len = Math.min(CHUNK_LENGTH, n - base);
            text.getBytes(base, base + len, chunk, 0);
            Arrays.fill(chunk, len, len + 8, (byte) 0); // past the text: no letter, no start
            for (int from = 0; from < len && (seen & want) != want; from += 64) {
                long starts = 0;
                int words = Math.min(8, (len - from + 7) >>> 3);
                for (int w = 0; w < words; w++) {
                    long x = (long) Chars.LONGS.get(chunk, from + 8 * w);
                    long high = x & Chars.HIGH; // past ASCII: may start a keyword, is no ASCII letter
                    long letter = Chars.asciiLetters(x);
                    long start = high | Chars.wordStarts(x, letter, letterBefore, lowerBefore);
                    letterBefore = letter >>> 56;
                    lowerBefore = Chars.lowerCaseLetters(x, letter) >>> 56;
                    starts |= Chars.gatherHigh(start) << (8 * w);
                }
                // An ASCII start is a letter: asked first whether a keyword starts with it and the
                // next char (as at() asks), with the next char from the chunk when it is in it. For
                // all starts of the 64 chars first, with no branch: which pairs pass follows the
                // text's words, in no order a branch predictor learns.
                long passing = 0;
                for (long left = starts; left != 0; left &= left - 1) {
                    int k = Long.numberOfTrailingZeros(left);
                    int i = (chunk[from + k] & 0xFF) << 8 | chunk[from + k + 1] & 0xFF; // this byte, then the next
                    passing |= (bytePairs[i >>> 6] >>> i & 1) << k;
                }
                if (len - from <= 64) {
                    passing |= starts & 1L << (len - 1 - from); // the chunk's last char: its next is not here, at() decides
                }
                for (; passing != 0; passing &= passing - 1) {
                    int k = from + Long.numberOfTrailingZeros(passing);
                    int c = chunk[k] & 0xFF;
                    if (c < 128 && k + 1 < len) {
                        int second = SECOND[chunk[k + 1] & 0xFF];
                        int pair = (c | 0x20) << 7 | second;
                        int third = chunk[k + 2] & 0xFF;
                        if ((loosePairs[pair >>> 6] & 1L << pair) == 0 && k + 2 < len && third < 128) {
                            int t = triple(c | 0x20, second, Keywords.LOWER[third]);
                            if ((triples[t >>> 6] & 1L << t) == 0 || k + 3 < len
                                    && cannotGoOn(t, c | 0x20, second, Keywords.LOWER[third], chunk[k + 3] & 0xFF)) {
                                continue;
                            }
                        }
                    }
                    seen |= at(text, base + k, want & ~seen);
                }
            }
        }
        return seen;
    }

    /**
     * The char pass: any text. The lists among {@code wanted} (bits) that can occur in
     * {@code text}, as {@link #mayOccur(String, boolean, long)}.
     */
    long mayOccur(String text, long wanted) {
        long want = wanted & all;
        long seen = wanted & ~all;
        int n = text.length();
        char[] chunk = CHUNK.get();
        char before = 0; // the char before the chunk
        for (int base = 0; base < n && (seen & want) != want; base += CHUNK_LENGTH) {
            int len = Math.min(CHUNK_LENGTH, n - base);
            chunk[0] = before;
            text.getChars(base, base + len, chunk, 1);
            before = chunk[len];
            for (int from = 0; from < len && (seen & want) != want; from += 64) {
                int to = Math.min(len, from + 64);
                // Bit k: a keyword may start at base + from + k. Without a branch: most chars
                // start nothing, in no order a branch predictor learns (as Keywords.starts).
                long starts = 0;
                int was = classOf[chunk[from]];
                for (int k = from; k < to; k++) {
                    int now = classOf[chunk[k + 1]];
                    // Starts anywhere, or starts a keyword and follows no ASCII letter or is a camelCase step.
                    int start = now >> 4 | now >> 3 & (~was | now >> 1 & was >> 2);
                    starts |= (long) (start & 1) << (k - from);
                    was = now;
                }
                for (; starts != 0; starts &= starts - 1) {
                    seen |= at(text, base + from + Long.numberOfTrailingZeros(starts), want & ~seen);
                }
            }
        }
        return seen;
    }

    private static final int TRIPLE_BITS = 1 << 16;

    /** A hash of three ASCII chars, below {@link #TRIPLE_BITS}. */
    private static int triple(int a, int b, int c) {
        return (a << 14 | b << 7 | c) * 0x9E3779B1 >>> 16;
    }

    /** A hash of four ASCII chars, below {@link #TRIPLE_BITS}. */
    private static int quad(int a, int b, int c, int d) {
        return (a << 21 | b << 14 | c << 7 | d) * 0x9E3779B1 >>> 16;
    }

    /**
     * No keyword can match where the first three chars (folded, {@link #triple} {@code t}) are
     * followed by {@code fourth} (a byte of a Latin-1 text): no keyword of those three chars has a
     * space or a char past ASCII fourth, none that goes on has {@code fourth} fourth (by
     * {@link #quads}), and none of just the three chars may end before it (before a char that is no
     * ASCII letter, or at a camelCase step: an upper case letter). A common word's first three
     * chars are often a keyword's ("can" of "canada", "sin" of "since"); the fourth tells most apart.
     */
    private boolean cannotGoOn(int t, int a, int b, int c, int fourth) {
        if ((looseTriples[t >>> 6] & 1L << t) != 0) {
            return false;
        }
        if (fourth < 'a' || fourth > 'z') {
            if ((shortTriples[t >>> 6] & 1L << t) != 0) {
                return false;
            }
            if (fourth >= 128) {
                return true; // a keyword with a char past ASCII fourth is in looseTriples
            }
        }
        int q = quad(a, b, c, Keywords.LOWER[fourth]);
        return (quads[q >>> 6] & 1L << q) == 0;
    }

    /** The bits among {@code open} of the lists a keyword of which may match at {@code i}. */
    private long at(String text, int i, long open) {
        char f = Keywords.fold(text.charAt(i));
        String[] words;
        long[] wordBits;
        if (f < 128) {
            String[][] row = asciiWords[f];
            if (row == null) {
                return 0;
            }
            int second = i + 1 < text.length() ? Keywords.fold(text.charAt(i + 1)) : NON_ASCII_SECOND;
            int entry = second < 128 ? second : NON_ASCII_SECOND;
            words = row[entry];
            wordBits = asciiBits[f][entry];
        } else {
            int g = Arrays.binarySearch(otherFirst, f);
            if (g < 0) {
                return 0;
            }
            words = otherWords[g];
            wordBits = otherBits[g];
        }
        long found = 0;
        if (words != null) {
            // Most tries end at the third or fourth char: compared here first, where no space before
            // them can shift them (a space may match nothing at a camelCase step).
            char third = i + 2 < text.length() ? Keywords.fold(text.charAt(i + 2)) : '\uFFFF';
            char fourth = 0; // read once, when a word needs it
            for (int w = 0; w < words.length; w++) {
                String word = words[w];
                if (word.length() > 2 && word.charAt(1) != ' ' && word.charAt(2) != ' ') {
                    if (word.charAt(2) != third) {
                        continue;
                    }
                    if (word.length() > 3 && word.charAt(3) != ' ') {
                        if (fourth == 0) {
                            fourth = i + 3 < text.length() ? Keywords.fold(text.charAt(i + 3)) : '\uFFFF';
                        }
                        if (word.charAt(3) != fourth) {
                            continue;
                        }
                    }
                }
                if ((wordBits[w] & open & ~found) != 0 && matches(text, i, word)) {
                    found |= wordBits[w];
                }
            }
        }
        return found;
    }

    /**
     * Whether {@code word} may match at {@code i}, by the rules of both routes {@link Keywords}
     * has (a match in the text, a table header cell that names the type), loosened to hold both:
     * chars folded; a space matches one char that is no letter, digit or '#' (a match in the text
     * takes one of ' ', '_', '-', '.', '+', tab; a field name's words are split on any of them)
     * or nothing at a camelCase step; the match ends where a word may end.
     */
    private static boolean matches(String text, int i, String word) {
        int n = text.length();
        int p = i;
        for (int k = 0; k < word.length(); k++) {
            char w = word.charAt(k);
            if (w == ' ') {
                if (p < n && !Character.isLetterOrDigit(text.charAt(p)) && text.charAt(p) != '#') {
                    p++;
                } else if (!(p > i && p < n && Character.isLowerCase(text.charAt(p - 1))
                        && Character.isUpperCase(text.charAt(p)))) {
                    return false;
                }
                continue;
            }
            if (p >= n || Keywords.fold(text.charAt(p)) != w) {
                return false;
            }
            p++;
        }
        return mayEndWord(text, p);
    }

    /**
     * A match may end at {@code end}: at the text's end, before a char that is no ASCII letter,
     * after a char that is not ASCII, or at a camelCase step ({@code dobValue}, {@code SSNValue}).
     */
    private static boolean mayEndWord(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char after = text.charAt(end);
        char edge = text.charAt(end - 1);
        if (!Chars.isAsciiLetter(after) || edge >= 128) {
            return true;
        }
        boolean upperAfter = after >= 'A' && after <= 'Z';
        if (edge >= 'a' && edge <= 'z' && upperAfter) {
            return true;
        }
        return edge >= 'A' && edge <= 'Z' && upperAfter && end + 1 < text.length()
                && text.charAt(end + 1) >= 'a' && text.charAt(end + 1) <= 'z';
    }

    private static final int CHUNK_LENGTH = 4096;
    /** Per thread, a chunk of a Latin-1 text as bytes, and eight bytes past it. */
    private static final ThreadLocal<byte[]> BYTES = ThreadLocal.withInitial(() -> new byte[CHUNK_LENGTH + 8]);
    /** Per thread, a chunk of the text and the char before it: reading a char array lets the JIT drop charAt's checks. */
    private static final ThreadLocal<char[]> CHUNK = ThreadLocal.withInitial(() -> new char[CHUNK_LENGTH + 1]);
    /** The second char of a pair that folds to no ASCII char (DEL is in no keyword). */
    private static final int NON_ASCII_SECOND = 127;
    /** A byte's entry in {@link #pairs} as the second char: folded ASCII, or {@link #NON_ASCII_SECOND} past it. */
    private static final byte[] SECOND = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            SECOND[b] = (byte) (b < 128 ? Keywords.LOWER[b] : NON_ASCII_SECOND);
        }
    }
}
