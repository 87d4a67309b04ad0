package dev.piigate.detectors.kit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.TokenRuns;

/**
 * The fixed prefixes of a credential format ({@code ghp_}, {@code AKIA}, {@code sk_live_}),
 * found only inside the credential prefilter's runs ({@link ScanText#tokenRuns()}): a detector
 * built on this never walks or searches the whole text, so prose without token runs costs it
 * nothing. Where two prefixes start at the same place the longest wins ({@code sk-proj-} over
 * {@code sk-}). Matching is case-sensitive, as the formats are.
 */
public final class Prefixes {
    private final List<String> prefixes;
    /** Prefix indices by first char, longest first; null where none starts with that char. */
    private final int[][] byFirst = new int[128][];
    private final int shortest;
    /** Every prefix starts with an ASCII letter: word starts may stand in for every position. */
    private final boolean lettersFirst;
    /** The distinct first chars of the prefixes. */
    private final char[] firstChars;

    private Prefixes(List<String> prefixes) {
        this.prefixes = prefixes;
        int min = Integer.MAX_VALUE;
        boolean letters = true;
        for (int k = 0; k < prefixes.size(); k++) {
            String p = prefixes.get(k);
            char c = p.charAt(0);
            letters &= (char) ((c | 0x20) - 'a') < 26;
            if (c >= 128) {
                throw new IllegalArgumentException("prefixes start with an ASCII char: " + p);
            }
            int[] old = byFirst[c] == null ? new int[0] : byFirst[c];
            int[] more = Arrays.copyOf(old, old.length + 1);
            more[old.length] = k;
            byFirst[c] = more;
            min = Math.min(min, p.length());
        }
        for (int[] list : byFirst) {
            if (list != null) {
                sortLongestFirst(list, prefixes);
            }
        }
        this.shortest = min;
        this.lettersFirst = letters;
        StringBuilder firsts = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            if (byFirst[c] != null) {
                firsts.append(c);
            }
        }
        this.firstChars = firsts.toString().toCharArray();
    }

    public static Prefixes of(String... prefixes) {
        if (prefixes.length == 0) {
            throw new IllegalArgumentException("no prefixes");
        }
        List<String> list = new ArrayList<>();
        for (String p : prefixes) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty prefix");
            }
            list.add(p);
        }
        return new Prefixes(List.copyOf(list));
    }

    /** Every prefix, in the order given to {@link #of}: a detector's {@link dev.piigate.detectors.Detector#requiredPrefixes()}. */
    public List<String> all() {
        return prefixes;
    }

    /** The prefix with this index, in the order given to {@link #of}. */
    public String get(int index) {
        return prefixes.get(index);
    }

    /** What a detector does with a prefix found at {@code start}. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param prefix the index of the prefix, in the order given to {@link #of}
         * @return where the search goes on in the text: at least {@code start + 1} (past the
         *         token just judged, so a token body is not searched again)
         */
        int at(int start, int prefix);
    }

    /**
     * Calls {@code visitor} for every prefix starting inside a token run of {@code text}. When
     * every prefix starts with a letter and the sink wants no rejections, only the runs' shared
     * word starts ({@link TokenRuns#wordStart}) are tried: a prefix glued to a word char before it
     * is rejected TOKEN_BOUNDARY under every {@link Boundary}, so skipping those positions changes
     * no finding, only the rejections a test sink would see.
     */
    public void forEach(ScanText text, FindingSink sink, Visitor visitor) {
        String t = text.text();
        TokenRuns runs = text.tokenRuns();
        if (lettersFirst && !sink.wantsRejections()) {
            // Only the word starts that begin with one of the prefixes' first chars. A value's few
            // are read as they are: bucketing them by first char costs more than it saves.
            int starts = runs.wordStartCount();
            if (starts <= FEW_WORD_STARTS) {
                for (char first : firstChars) {
                    int resume = 0;
                    for (int k = 0; k < starts; k++) {
                        int i = runs.wordStart(k);
                        if (i >= resume && t.charAt(i) == first) {
                            resume = visit(t, i, visitor);
                        }
                    }
                }
                return;
            }
            for (char first : firstChars) {
                int resume = 0;
                for (int k = runs.wordStartsFrom(first), to = runs.wordStartsTo(first); k < to; k++) {
                    int i = runs.wordStartByFirst(k);
                    if (i >= resume) {
                        resume = visit(t, i, visitor);
                    }
                }
            }
            return;
        }
        for (int r = 0; r < runs.count(); r++) {
            int end = runs.end(r);
            int i = runs.start(r);
            while (i + shortest <= end) {
                i = visit(t, i, visitor);
            }
        }
    }

    /** Up to this many word starts are read in order for each first char, not bucketed ({@link TokenRuns#wordStartsFrom}). */
    static final int FEW_WORD_STARTS = 16;

    /** Visits the longest prefix at {@code i}, if any; returns where to look next. */
    private int visit(String t, int i, Visitor visitor) {
        char c = t.charAt(i);
        int[] candidates = c < 128 ? byFirst[c] : null;
        if (candidates != null) {
            for (int k : candidates) {
                if (t.startsWith(prefixes.get(k), i)) {
                    return Math.max(i + 1, visitor.at(i, k));
                }
            }
        }
        return i + 1;
    }

    private static void sortLongestFirst(int[] list, List<String> prefixes) {
        for (int a = 1; a < list.length; a++) {
            for (int b = a; b > 0 && prefixes.get(list[b]).length() > prefixes.get(list[b - 1]).length(); b--) {
                int tmp = list[b];
                list[b] = list[b - 1];
                list[b - 1] = tmp;
            }
        }
    }

    @Override
    public String toString() {
        return "Prefixes" + prefixes;
    }
}
