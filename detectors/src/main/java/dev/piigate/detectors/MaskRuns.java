package dev.piigate.detectors;

import java.util.Arrays;

/**
 * Where masked values may start that no digit-run anchor finds because they show no digit:
 * {@code XX XX XX XX C}, {@code *********A}, {@code XXXXXXXX-Z}, {@code **}{@code /**}{@code /****}.
 * A start is a {@code * # • ●} or {@code X} not glued to a letter, digit or mask char before it,
 * with a second mask char right after it or after one separator ({@code - . / space}): a lone
 * {@code *} (a footnote, Markdown) or a word starting with X ({@code Xbox}) is no start. Lower-case
 * {@code x} hides characters inside a value but does not start one: it is too common in prose to
 * look for. Only texts in which the index pass saw a start char are walked
 * ({@link ScanText#maskRunStarts}); a detector tests its own masked shape at each start.
 */
final class MaskRuns {
    static final String STARTS = "*#\u2022\u25CFX";
    static final int[] NONE = new int[0];

    private MaskRuns() {}

    /**
     * One {@link String#indexOf(int, int)} sweep per start char (a vectorised search, several GB/s)
     * rather than a char loop over the text: prose that holds one {@code X} or {@code *} must not pay
     * a second pass at loop speed.
     */
    static int[] starts(String t) {
        int[] out = NONE;
        int count = 0;
        for (int k = 0; k < STARTS.length(); k++) {
            char c = STARTS.charAt(k);
            for (int i = t.indexOf(c); i >= 0; i = t.indexOf(c, i + 1)) {
                if (!free(t, i) || !secondMask(t, i + 1)) {
                    continue;
                }
                if (count == out.length) {
                    out = Arrays.copyOf(out, Math.max(8, count * 2));
                }
                out[count++] = i;
            }
        }
        out = count == out.length ? out : Arrays.copyOf(out, count);
        if (count > 1) {
            Arrays.sort(out);
        }
        return out;
    }

    /**
     * Nothing glued before (not a letter, digit or mask char), and not the next group of a run
     * already started (a separator with a mask char before it: {@code XX XX}, {@code **}{@code /**}).
     */
    private static boolean free(String t, int i) {
        if (i == 0) {
            return true;
        }
        char b = t.charAt(i - 1);
        if (Character.isLetterOrDigit(b) || Chars.isMaskChar(b)) {
            return false;
        }
        return !(isSeparator(b) && i >= 2 && Chars.isMaskChar(t.charAt(i - 2)));
    }

    private static boolean secondMask(String t, int i) {
        if (i < t.length() && Chars.isMaskChar(t.charAt(i))) {
            return true;
        }
        return i + 1 < t.length() && isSeparator(t.charAt(i)) && Chars.isMaskChar(t.charAt(i + 1));
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '.' || c == '/' || c == ' ';
    }
}
