package dev.piigate.detectors;

/** Character classes shared by detectors; ASCII only, since {@link ScanText} folds the rest. */
public final class Chars {
    private Chars() {}

    public static boolean isDigit(char c) {
        return (char) (c - '0') < 10;
    }

    public static boolean isAsciiLetter(char c) {
        return (char) ((c | 0x20) - 'a') < 26;
    }

    public static boolean isAsciiLetterOrDigit(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }

    /** A letter or digit in any script: what glues a candidate into a longer token. */
    public static boolean isWordChar(char c) {
        return c < 0x80 ? isAsciiLetterOrDigit(c) || c == '_' : Character.isLetterOrDigit(c);
    }

    /** Characters that stand for a hidden digit or letter in a masked value. */
    public static boolean isMaskChar(char c) {
        return c == '*' || c == 'X' || c == 'x' || c == '#' || c == '\u2022' || c == '\u25CF';
    }

    /** True if the char before {@code start} and the char at {@code end} do not glue to the span. */
    public static boolean isStandalone(CharSequence text, int start, int end) {
        return (start == 0 || !isWordChar(text.charAt(start - 1)))
                && (end >= text.length() || !isWordChar(text.charAt(end)));
    }
}
