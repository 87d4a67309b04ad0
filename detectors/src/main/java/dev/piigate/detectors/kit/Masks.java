package dev.piigate.detectors.kit;

import dev.piigate.detectors.Chars;

/**
 * Masked writings of a token body, after its prefix: {@code ghp_****}, {@code AKIA****************},
 * {@code AKIAXXXXXXXXXXXXXXXX}, {@code sk_live_...xxxx}, {@code glpat-xxxxxxxxxxxxxxxxxxxx}. A
 * body is masked when it holds a run of at least {@link #MIN_HARD} hiding chars that never occur
 * in a token ({@code * # • ● …} and dots), or of at least {@link #MIN_LETTER} of one x or X: a
 * random base62 body holds four x-es in a row about once in three million.
 */
public final class Masks {
    static final int MIN_HARD = 3;
    static final int MIN_LETTER = 4;

    private Masks() {}

    /**
     * The end of the masked body starting at {@code from} (chars of {@code alphabet}, mask chars
     * and dots), at most {@code limit}; -1 if that body is not masked. One or two dots closing it
     * are a sentence's, not the mask's, and are left out.
     */
    public static int maskedEnd(CharSequence t, int from, int limit, Alphabet alphabet) {
        int stop = Math.min(limit, t.length());
        int i = from;
        int hard = 0;
        int letters = 0;
        char letter = 0;
        boolean masked = false;
        while (i < stop) {
            char c = t.charAt(i);
            boolean isHard = c == '.' || c == '\u2026' || (Chars.isMaskChar(c) && c != 'x' && c != 'X');
            // The clear tail of a mask may show any letter or digit ("hf_****9aAA"): masked either way.
            if (!isHard && !alphabet.contains(c) && !Chars.isAsciiLetterOrDigit(c)) {
                break;
            }
            hard = isHard ? hard + 1 : 0;
            if (c == 'x' || c == 'X') {
                letters = letters > 0 && c == letter ? letters + 1 : 1;
                letter = c;
            } else {
                letters = 0;
            }
            masked |= hard >= MIN_HARD || letters >= MIN_LETTER;
            i++;
        }
        if (!masked) {
            return -1;
        }
        int dots = 0;
        while (dots < i - from && t.charAt(i - 1 - dots) == '.') {
            dots++;
        }
        return dots == 1 || dots == 2 ? i - dots : i;
    }

    /**
     * Whether [start, end) hides its value: it holds a run of at least {@link #MIN_HARD} hiding
     * chars ({@code * # • ●}) or of at least {@link #MIN_LETTER} of one x or X, as a value masked
     * but for its last characters does ({@code ********7vRt}, {@code XXXX...XXXXW5Eh}). For values
     * found by their place rather than a prefix: a URL's password, a secret key after its keyword.
     */
    public static boolean hides(CharSequence t, int start, int end) {
        int hard = 0;
        int letters = 0;
        char letter = 0;
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            boolean isHard = Chars.isMaskChar(c) && c != 'x' && c != 'X';
            hard = isHard ? hard + 1 : 0;
            if (c == 'x' || c == 'X') {
                letters = letters > 0 && c == letter ? letters + 1 : 1;
                letter = c;
            } else {
                letters = 0;
            }
            if (hard >= MIN_HARD || letters >= MIN_LETTER) {
                return true;
            }
        }
        return false;
    }
}
