package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** ScanText's runs by length, masked runs and their merged lists agree with a walk of every run. */
class RunIndexTest {
    private static final String PIECES = "0123456789 .-/:*Xx#a";

    @Test
    void runsByLengthAreEveryRunOfThatLengthAscending() {
        Random random = new Random(13);
        for (int i = 0; i < 500; i++) {
            ScanText text = ScanText.of(randomText(random));
            int[] sorted = text.runsByLength();
            assertThat(sorted).hasSize(text.digitRunCount());
            for (int length = 1; length <= ScanText.LONG_RUN; length++) {
                List<Integer> expected = new ArrayList<>();
                for (int r = 0; r < text.digitRunCount(); r++) {
                    int l = text.digitRunEnd(r) - text.digitRunStart(r);
                    if (l == length || length == ScanText.LONG_RUN && l > length) {
                        expected.add(r);
                    }
                }
                List<Integer> actual = new ArrayList<>();
                for (int k = text.runsOfLengthFrom(length); k < text.runsOfLengthTo(length); k++) {
                    actual.add(sorted[k]);
                }
                assertThat(actual).isEqualTo(expected);
            }
            List<Integer> masked = new ArrayList<>();
            for (int r = 0; r < text.digitRunCount(); r++) {
                if (text.maskCharBefore(r)) {
                    masked.add(r);
                }
            }
            assertThat(text.maskedRuns()).containsExactly(masked.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void runsOfGivesTheRunsOfItsListsOnceInRunOrder() {
        Random random = new Random(31);
        int[][] lengthSets = {{}, {4}, {3, 9}, {2, 6}, {1, 6, 13, 15}, {2, 2}, {1, 2, 4, 8}, {40}};
        for (int i = 0; i < 500; i++) {
            ScanText text = ScanText.of(randomText(random));
            for (int[] lengths : lengthSets) {
                for (boolean withMasked : new boolean[] {false, true}) {
                    List<Integer> expected = new ArrayList<>();
                    for (int r = 0; r < text.digitRunCount(); r++) {
                        int l = Math.min(text.digitRunEnd(r) - text.digitRunStart(r), ScanText.LONG_RUN);
                        boolean wanted = withMasked && text.maskCharBefore(r);
                        for (int length : lengths) {
                            wanted |= l == Math.min(length, ScanText.LONG_RUN);
                        }
                        if (wanted) {
                            expected.add(r);
                        }
                    }
                    long bits = ScanText.lengthBits(lengths);
                    int[] list = text.runsOf(bits, withMasked);
                    boolean every = list.length == text.digitRunCount() && list.length > expected.size();
                    if (every) { // most runs listed: all of them, and the caller tests lengths
                        if (text.digitRunCount() > ScanText.FEW_RUNS) {
                            assertThat(list.length).isLessThan(4 * expected.size() + 2);
                        } // a listed length or masked run each, at most twice
                        assertThat(list).hasSize(text.digitRunCount());
                        for (int r = 0; r < list.length; r++) {
                            assertThat(list[r]).isEqualTo(r);
                        }
                    } else {
                        assertThat(list).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
                    }
                    assertThat(text.runsOf(bits, withMasked)).isSameAs(list); // made once per text
                }
            }
        }
    }

    @Test
    void runsOfWithAContextListsOnlyTheRunsOfThatContextAndTheMaskedOnes() {
        assertThat(ScanText.lengthBits(IntStream.rangeClosed(1, ScanText.LONG_RUN).toArray())).isEqualTo(ScanText.ANY_LENGTH);
        Random random = new Random(37);
        int[][] lengthSets = {{4}, {1, 2, 3}, {1, 2, 6}, {2, 6}, IntStream.rangeClosed(1, ScanText.LONG_RUN).toArray()};
        int letters = ScanText.LETTER_BEFORE | ScanText.LETTER_AFTER;
        int[][] contexts = {{ScanText.LETTER_BEFORE, 0}, {ScanText.LETTER_AFTER, 0}, {letters, 0},
            {0, ScanText.LETTER_BEFORE | ScanText.SPACE_BEFORE | ScanText.MASK_BEFORE}, {ScanText.LETTER_AFTER, ScanText.MASK_BEFORE},
            {0, ScanText.DOT_OR_COLON_BEFORE | ScanText.DOT_COLON_OR_MASK_AFTER}, {ScanText.DOT_COLON_OR_MASK_AFTER, 0}};
        int listed = 0;
        for (int i = 0; i < 500; i++) {
            ScanText text = ScanText.of(randomText(random));
            String t = text.text();
            for (int[] lengths : lengthSets) {
                for (int[] context : contexts) {
                    int need = context[0];
                    int anyOf = context[1];
                    for (boolean withMasked : new boolean[] {false, true}) {
                        List<Integer> expected = new ArrayList<>();
                        for (int r = 0; r < text.digitRunCount(); r++) {
                            int s = text.digitRunStart(r);
                            int e = text.digitRunEnd(r);
                            char before = s > 0 ? t.charAt(s - 1) : '\n';
                            int bits = (Chars.isAsciiLetter(before) ? ScanText.LETTER_BEFORE : 0)
                                    | (before == ' ' ? ScanText.SPACE_BEFORE : 0)
                                    | (Chars.isMaskChar(before) ? ScanText.MASK_BEFORE : 0)
                                    | (before == '.' || before == ':' ? ScanText.DOT_OR_COLON_BEFORE : 0)
                                    | (e < t.length() && Chars.isAsciiLetter(t.charAt(e)) ? ScanText.LETTER_AFTER : 0)
                                    | (e < t.length() && (t.charAt(e) == '.' || t.charAt(e) == ':'
                                            || Chars.isMaskChar(t.charAt(e))) ? ScanText.DOT_COLON_OR_MASK_AFTER : 0);
                            boolean wanted = withMasked && text.maskCharBefore(r);
                            for (int length : lengths) {
                                wanted |= Math.min(e - s, ScanText.LONG_RUN) == length && (bits & need) == need
                                        && (anyOf == 0 || (bits & anyOf) != 0);
                            }
                            if (wanted) {
                                expected.add(r);
                            }
                        }
                        int[] list = text.runsOf(ScanText.lengthBits(lengths), withMasked, need, anyOf);
                        if (text.digitRunCount() <= ScanText.FEW_RUNS) {
                            assertThat(list).hasSize(text.digitRunCount()); // few runs: all, the caller tests
                        } else {
                            assertThat(list).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
                            listed += list.length;
                        }
                        assertThat(text.runsOf(ScanText.lengthBits(lengths), withMasked, need, anyOf)).isSameAs(list);
                    }
                }
            }
        }
        assertThat(listed).isGreaterThan(1000); // the texts do hold runs between letters
    }

    /** Chars.isMaskChar is a table for ASCII: every char of the BMP against the plain list. */
    @Test
    void maskCharsAreExactlyTheListedOnes() {
        String listed = "*Xx#\u2022\u25CF";
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            assertThat(Chars.isMaskChar((char) c)).as("U+%04X", c).isEqualTo(listed.indexOf(c) >= 0);
        }
    }

    @Test
    void maskNearIsAMaskCharOneOrTwoCharsBeforeOrAfterTheRun() {
        Random random = new Random(41);
        int near = 0;
        for (int i = 0; i < 500; i++) {
            ScanText text = ScanText.of(randomText(random));
            String t = text.text();
            for (int r = 0; r < text.digitRunCount(); r++) {
                int s = text.digitRunStart(r);
                int e = text.digitRunEnd(r);
                boolean expected = false;
                for (int p : new int[] {s - 2, s - 1, e, e + 1}) {
                    expected |= p >= 0 && p < t.length() && Chars.isMaskChar(t.charAt(p));
                }
                assertThat(text.maskNear(r)).as("%s run %d", t, r).isEqualTo(expected);
                near += expected ? 1 : 0;
            }
        }
        assertThat(near).isGreaterThan(100);
    }

    /**
     * The index pass finds runs three ways: eight chars at a time while the text holds no char past
     * U+00FF, else by chunk ({@link ScanText#DENSE_EDGES}) with a store per char or by skipping.
     * Texts of many chunks that switch between dense and sparse stretches, with runs across chunk
     * edges, Latin-1 chars whose low seven bits are a digit's ({@code ¹ ³}: no digit) and a text
     * ending inside a run, give the runs of a plain walk over the chars: as generated (all Latin-1),
     * with a wide char first (every chunk by chars) and with one in the middle (the switch).
     */
    @Test
    void digitRunsAcrossDenseAndSparseChunksAreThoseOfACharWalk() {
        Random random = new Random(17);
        int denseChunks = 0;
        for (int i = 0; i < 40; i++) {
            StringBuilder sb = new StringBuilder();
            int stretches = 1 + random.nextInt(8);
            for (int k = 0; k < stretches; k++) {
                boolean dense = random.nextBoolean();
                int length = random.nextInt(3 * 4096);
                while (length-- > 0) {
                    boolean digit = dense ? random.nextInt(3) == 0 : random.nextInt(400) == 0;
                    char filler = random.nextInt(20) == 0 ? "\u00B9\u00B3\u00E9\u00B0".charAt(random.nextInt(4))
                            : dense ? '-' : 'e';
                    sb.append(digit ? (char) ('0' + random.nextInt(10)) : filler);
                    if (digit && random.nextInt(50) == 0) {
                        sb.append("1234567890".repeat(1 + random.nextInt(500))); // a long run, maybe over a chunk edge
                    }
                }
            }
            if (random.nextBoolean()) {
                sb.append("42"); // ends inside a run
            }
            String generated = sb.toString();
            for (String t : List.of(generated, "\u20AC" + generated,
                    generated.substring(0, generated.length() / 2) + "\u20AC" + generated.substring(generated.length() / 2))) {
                denseChunks += checkRuns(t, i);
            }
        }
        assertThat(denseChunks).as("chunks taking the branch-free loop").isGreaterThan(60);
    }

    /** Asserts {@code t}'s digit runs are those of a char walk; returns its chunks dense enough for the branch-free loop. */
    private static int checkRuns(String t, int i) {
        int denseChunks = 0;
        {
            List<Integer> expected = new ArrayList<>();
            for (int p = 0; p < t.length(); p++) {
                boolean digit = Chars.isDigit(t.charAt(p));
                boolean digitBefore = p > 0 && Chars.isDigit(t.charAt(p - 1));
                if (digit != digitBefore) {
                    expected.add(p);
                }
            }
            if (!t.isEmpty() && Chars.isDigit(t.charAt(t.length() - 1))) {
                expected.add(t.length());
            }
            ScanText text = ScanText.of(t);
            List<Integer> actual = new ArrayList<>();
            for (int r = 0; r < text.digitRunCount(); r++) {
                actual.add(text.digitRunStart(r));
                actual.add(text.digitRunEnd(r));
            }
            assertThat(actual).as("text %d, %d chars", i, t.length()).isEqualTo(expected);
            for (int base = 0; base + 4096 <= t.length(); base += 4096) {
                int from = base;
                denseChunks += expected.stream().filter(e -> e >= from && e < from + 4096).count()
                        > ScanText.DENSE_EDGES ? 1 : 0;
            }
        }
        return denseChunks;
    }

    @Test
    void aTextWithoutDigitsHasEmptyLists() {
        ScanText text = ScanText.of("no digits here");
        assertThat(text.runsByLength()).isEmpty();
        assertThat(text.maskedRuns()).isEmpty();
        assertThat(text.runsOfLengthFrom(3)).isEqualTo(text.runsOfLengthTo(3));
        assertThat(text.runsOf(ScanText.lengthBits(1, 2), true)).isEmpty();
        assertThat(ScanText.of("a 12 b 345").runsOf(ScanText.lengthBits(3), false)).containsExactly(0, 1); // few runs: all
    }

    /** Digit runs of every length up to past the cap, among separators and mask chars. */
    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int pieces = random.nextInt(4) == 0 ? random.nextInt(600) : random.nextInt(40); // past 64 runs: several words of marks
        for (int p = 0; p < pieces; p++) {
            if (random.nextInt(3) == 0) {
                int digits = random.nextInt(10) == 0 ? 30 + random.nextInt(8) : 1 + random.nextInt(16);
                for (int d = 0; d < digits; d++) {
                    sb.append((char) ('0' + random.nextInt(10)));
                }
            } else {
                sb.append(PIECES.charAt(10 + random.nextInt(PIECES.length() - 10)));
            }
        }
        return sb.toString();
    }
}
