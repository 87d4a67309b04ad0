package dev.piigate.detectors.kit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    private Prefixes(List<String> prefixes) {
        this.prefixes = prefixes;
        int min = Integer.MAX_VALUE;
        for (int k = 0; k < prefixes.size(); k++) {
            String p = prefixes.get(k);
            char c = p.charAt(0);
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

    /** Calls {@code visitor} for every prefix lying wholly inside a token run of {@code text}. */
    public void forEach(ScanText text, Visitor visitor) {
        String t = text.text();
        TokenRuns runs = text.tokenRuns();
        for (int r = 0; r < runs.count(); r++) {
            int end = runs.end(r);
            int i = runs.start(r);
            while (i + shortest <= end) {
                int next = i + 1;
                char c = t.charAt(i);
                int[] candidates = c < 128 ? byFirst[c] : null;
                if (candidates != null) {
                    for (int k : candidates) {
                        String p = prefixes.get(k);
                        if (i + p.length() <= end && t.startsWith(p, i)) {
                            next = Math.max(i + 1, visitor.at(i, k));
                            break;
                        }
                    }
                }
                i = next;
            }
        }
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
