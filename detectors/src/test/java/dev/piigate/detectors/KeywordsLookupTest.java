package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keyword look-ups answer exactly as a plain reference does, on random texts: every word of
 * the list tried at every position of the window, in the list's order, with the matching rules
 * copied from the look-up as it was before its tables ({@link Reference}). The texts are built
 * from keyword fragments, camelCase and upper case, the joiners a space in a keyword matches,
 * digits, letters of other scripts, CJK keywords and the Kelvin sign; the lists are drawn from a
 * pool of keywords; the windows fall at random positions, mostly moving forward as a detector's
 * do, with jumps back, and several lists are asked about the same text in turn.
 */
class KeywordsLookupTest {
    private static final String[] FRAGMENTS = {
        "card", "Card", "CARD", "number", "Number", "no", "No.", "ssn", "SSN", "ss", "ss#", "#", "social",
        "Social", "security", "tel", "Tel", "phone", "ph", "PhD", "iban", "id", "ID", "#id", "id#", "cardholder",
        "lessness", "né", "Née", "le", "nº", "número", "numero", "de", "cuenta", "カード番号", "カード", "电话", "电话号码",
        "番号", "社会保障番号", "आधार", "s\u212Aip", "\u212A", "\u212Aelvin", "skip", "Σ", "ΣΑΣ", "σας", "ß", "é", "ж", "ก", "ع", "x",
        "X", "xx", "a", "b", "aB", "ab", "mobileTel", "phoneNo", "SSNValue", "cardNumber", "taxpayerSsn",
    };
    private static final String[] JOINERS = {" ", " ", " ", "", "_", "-", ".", "+", "\t", "  ", ": ", "\n", "/", "=",
        "|", "(", ") ", "'", "\u00A0", "\u3000"};
    private static final String[] POOL = {
        "card", "card number", "card no", "cardholder", "cards", "cc#", "ssn", "ss#", "ss #", "ss no", "ssns",
        "social security", "social security number", "soc. sec.", "tel", "telephone", "phone", "ph", "phone no",
        "iban", "#id", "id#", "id", "x", "a b", "ab", "né le", "née le", "nº", "número de cuenta", "numero",
        "カード番号", "カード", "电话", "电话号码", "社会保障番号", "आधार", "आधार कार्ड", "skip", "\u212Aelvin", "σας",
        "ΣΑΣ", "ß", "é", "élan", "ж", "1st", "€uro", "a", "n o", "s", "number", "no", "pan", "pan card", "CARD",
    };

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void lookupsAnswerAsTheReference(int seed) {
        Random random = new Random(seed);
        int lookups = 0;
        int hits = 0;
        for (int round = 0; round < 4; round++) {
            ScanText scanText = ScanText.of(text(random));
            String t = scanText.text();
            List<Keywords> lists = new ArrayList<>();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                lists.add(list(random));
            }
            int position = 0;
            for (int step = 0; step < 150; step++) {
                // Mostly forward, as a detector walks its candidates; now and then a jump anywhere.
                position = random.nextInt(8) == 0 ? random.nextInt(t.length() + 1)
                        : Math.min(t.length(), position + random.nextInt(60));
                int distance = new int[] {0, 1, 3, 10, 30, 30, 50, 120}[random.nextInt(8)];
                Keywords keywords = lists.get(random.nextInt(lists.size()));
                Reference reference = new Reference(keywords.words());
                Keywords.Hit before = reference.nearestBefore(t, position, distance);
                Keywords.Hit after = reference.nearestAfter(t, position, distance);
                String where = String.format("seed %d round %d step %d: position %d, distance %d", seed, round, step,
                        position, distance);
                assertThat(keywords.nearestBefore(t, position, distance)).as("window read, before; %s", where)
                        .isEqualTo(before);
                assertThat(keywords.nearestAfter(t, position, distance)).as("window read, after; %s", where)
                        .isEqualTo(after);
                assertThat(keywords.nearestBefore(scanText, position, distance)).as("kept, before; %s", where)
                        .isEqualTo(before);
                assertThat(keywords.nearestAfter(scanText, position, distance)).as("kept, after; %s", where)
                        .isEqualTo(after);
                assertThat(keywords.before(scanText, position, distance)).as("before; %s", where)
                        .isEqualTo(before != null);
                assertThat(keywords.after(t, position, distance)).as("after; %s", where).isEqualTo(after != null);
                lookups++;
                hits += (before == null ? 0 : 1) + (after == null ? 0 : 1);
            }
        }
        assertThat(hits).as("keywords found in %d look-ups", lookups).isGreaterThan(lookups / 10);
    }

    /**
     * Edges the random texts seldom reach, pinned as they were: the Kelvin sign matches 'k' inside
     * a keyword but starts none; a window shorter than every keyword finds nothing, even a match
     * made shorter by a camelCase step; a space in a keyword against a non-ASCII second char.
     */
    static Stream<Arguments> edges() {
        return Stream.of(
                Arguments.of(List.of("skip"), "s\u212Aip 5", 0, 10, new Keywords.Hit(0, 4)),
                Arguments.of(List.of("kelvin"), "\u212Aelvin 5", 0, 10, null),
                Arguments.of(List.of("kelvin", "k"), "x \u212Aelvin", 0, 20, null),
                Arguments.of(List.of("a b"), "aB 5", 0, 2, null),
                Arguments.of(List.of("a b"), "aB 5", 0, 3, new Keywords.Hit(0, 2)),
                Arguments.of(List.of("a b", "n"), "aB 5", 0, 2, new Keywords.Hit(0, 2)),
                Arguments.of(List.of("n o", "n"), "n\u00EBo", 0, 3, new Keywords.Hit(0, 1)),
                Arguments.of(List.of("né le"), "NÉ_LE 5", 0, 9, new Keywords.Hit(0, 5)),
                Arguments.of(List.of("カード番号"), "xカード番号5", 0, 9, new Keywords.Hit(1, 6)));
    }

    @ParameterizedTest(name = "{0} after {2} within {3}")
    @MethodSource("edges")
    void edgesAnswerAsTheyDid(List<String> words, String text, int end, int distance, Keywords.Hit expected) {
        Keywords keywords = Keywords.of(words);
        ScanText scanText = ScanText.of(text);
        assertThat(scanText.text()).as("a text the scan does not normalise").isEqualTo(text);
        assertThat(new Reference(keywords.words()).nearestAfter(text, end, distance)).as("reference").isEqualTo(expected);
        assertThat(keywords.nearestAfter(text, end, distance)).as("window read").isEqualTo(expected);
        assertThat(keywords.nearestAfter(scanText, end, distance)).as("kept").isEqualTo(expected);
    }

    /** Fragments, some recased, with joiners, digit runs and now and then a run of one repeated. */
    private static String text(Random random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(4) == 0 ? 2000 + random.nextInt(3000) : 20 + random.nextInt(600);
        while (sb.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                String f = FRAGMENTS[random.nextInt(FRAGMENTS.length)];
                int recase = random.nextInt(6);
                sb.append(recase == 0 ? f.toUpperCase(java.util.Locale.ROOT)
                        : recase == 1 && !f.isEmpty() ? Character.toUpperCase(f.charAt(0)) + f.substring(1) : f);
            } else if (kind < 8) {
                sb.append(JOINERS[random.nextInt(JOINERS.length)]);
            } else if (kind == 8) {
                for (int d = 1 + random.nextInt(12); d > 0; d--) {
                    sb.append((char) ('0' + random.nextInt(10)));
                }
            } else {
                sb.append(String.valueOf((char) ('a' + random.nextInt(26))).repeat(1 + random.nextInt(3)));
            }
        }
        return sb.toString();
    }

    /** A few keywords of the pool in random order, some recased, now and then one twice. */
    private static Keywords list(Random random) {
        List<String> words = new ArrayList<>();
        for (int k = 1 + random.nextInt(12); k > 0; k--) {
            String w = POOL[random.nextInt(POOL.length)];
            words.add(random.nextInt(5) == 0 ? w.toUpperCase(java.util.Locale.ROOT) : w);
        }
        return Keywords.of(words);
    }

    /**
     * The look-up in its plainest form: at each position of the window, each keyword in the
     * list's order. The window's bounds and the matching rules are the look-up's as they stood
     * before its tables, copied here so a change to them shows.
     */
    private record Reference(List<String> words) {
        Keywords.Hit nearestBefore(String text, int start, int distance) {
            return find(text, Math.max(0, start - distance - maxLength()), start, start - distance, true);
        }

        Keywords.Hit nearestAfter(String text, int end, int distance) {
            return find(text, end, Math.min(text.length(), end + distance), Integer.MIN_VALUE, false);
        }

        private int maxLength() {
            return words.stream().mapToInt(String::length).max().orElse(0);
        }

        private int minLength() {
            return words.stream().mapToInt(String::length).min().orElse(1);
        }

        /**
         * The first keyword found in [from, to) ending at or after minEnd, or with {@code last}
         * the one ending last (the first found of those). Starts stop minLength before the window's
         * end, as they did, though a match may be shorter than its keyword ("a b" in "aB").
         */
        private Keywords.Hit find(String text, int from, int to, int minEnd, boolean last) {
            Keywords.Hit best = null;
            for (int i = from; i + minLength() <= to; i++) {
                if (!startsWord(text, i)) {
                    continue;
                }
                for (String w : words) {
                    if (text.charAt(i) >= 0x80 && w.charAt(0) < 0x80) {
                        continue; // as it was: a non-ASCII char starts no ASCII keyword (a Kelvin sign no "k...")
                    }
                    int end = matchEnd(text, i, to, w);
                    if (end >= 0 && end >= minEnd && endsWord(text, end)) {
                        if (!last) {
                            return new Keywords.Hit(i, end);
                        }
                        if (best == null || end > best.end()) {
                            best = new Keywords.Hit(i, end);
                        }
                    }
                }
            }
            return best;
        }

        private static int matchEnd(String text, int at, int to, String lowerWord) {
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
                        continue;
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

        private static boolean startsWord(String text, int i) {
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

        private static boolean endsWord(String text, int end) {
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
    }
}
