package dev.piigate.detectors.kit;

import static java.util.Objects.requireNonNull;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.ScanText;

/**
 * The written shape of an identifier ({@code 999-999-999}, {@code AA 99 99 99 A}) and the test
 * of whether a span is that shape masked: every letter or digit hidden by a mask char
 * ({@link Chars#isMaskChar}: {@code * X x # • ●}) except at most the last few, which show
 * ({@code ***-***-782}, {@code XXXX XXXX 1234}, {@code *****456C}). The separators must be the
 * shape's own. A shown character after a hidden one is not a masked value (it is a typo, or
 * another token), nor is a value with nothing hidden.
 *
 * <p>For digit-run anchored detectors: the anchor is the last run of shown digits, the shape's
 * end is known from it, and the test walks back over at most the shape's length.
 */
public final class MaskedShape {
    private final String shape;
    private final int maxShown;

    private MaskedShape(String shape, int maxShown) {
        this.shape = shape;
        this.maxShown = maxShown;
    }

    /**
     * @param shape    '9' a digit, 'A' an ASCII letter, any other char a separator that must be
     *                 written as is
     * @param maxShown how many letters and digits at the end may show (the lead's rule: 4)
     */
    public static MaskedShape of(String shape, int maxShown) {
        requireNonNull(shape, "shape");
        if (shape.isEmpty() || maxShown < 1) {
            throw new IllegalArgumentException("a masked shape needs a shape and at least one shown char");
        }
        return new MaskedShape(shape, maxShown);
    }

    /** Characters the shape takes. */
    public int length() {
        return shape.length();
    }

    /** How many letters and digits at the end may show. */
    public int maxShown() {
        return maxShown;
    }

    /**
     * The start of the masked value ending at {@code end}, or -1: [end - length, end) is the
     * shape with its last 1 to {@code maxShown} letters and digits shown and every other one a
     * mask char. Bounded by the shape's length; no allocation.
     */
    public int startEndingAt(CharSequence t, int end) {
        int start = end - shape.length();
        if (start < 0 || end > t.length()) {
            return -1;
        }
        int shown = 0;
        boolean hiding = false;
        for (int k = shape.length() - 1; k >= 0; k--) {
            char want = shape.charAt(k);
            char c = t.charAt(start + k);
            if (want != '9' && want != 'A') {
                if (c != want) {
                    return -1;
                }
                continue;
            }
            boolean fits = want == '9' ? Chars.isDigit(c) : Chars.isAsciiLetter(c);
            if (!hiding && fits) {
                if (++shown > maxShown) {
                    return -1;
                }
                continue;
            }
            if (!Chars.isMaskChar(c)) {
                return -1;
            }
            hiding = true;
        }
        return hiding && shown > 0 ? start : -1;
    }

    /**
     * As {@link #startEndingAt}, reading the hidden part first: from the start, every mask char
     * hides a letter or digit until the first that does not, and the rest (1 to {@code maxShown})
     * shows. It differs where a mask letter stands in a letter position before the shown part:
     * {@code XXXXXXXXXXXXXXPR09} (a CURP masked with X) is hidden but for {@code PR09} here, while
     * {@link #startEndingAt} reads its last X as shown, five shown, and says -1. A detector
     * whose shape has letters tries both.
     */
    public int startEndingAtHiddenFirst(CharSequence t, int end) {
        int start = end - shape.length();
        if (start < 0 || end > t.length()) {
            return -1;
        }
        int hidden = 0;
        int shown = 0;
        for (int k = 0; k < shape.length(); k++) {
            char want = shape.charAt(k);
            char c = t.charAt(start + k);
            if (want != '9' && want != 'A') {
                if (c != want) {
                    return -1;
                }
            } else if (shown == 0 && Chars.isMaskChar(c)) {
                hidden++;
            } else if (want == '9' ? Chars.isDigit(c) : Chars.isAsciiLetter(c)) {
                shown++;
            } else {
                return -1;
            }
        }
        return hidden > 0 && shown > 0 && shown <= maxShown ? start : -1;
    }

    /**
     * Whether the shape, masked, starts at {@code start} (a {@link dev.piigate.detectors.ScanText#maskRunStarts}
     * start): read both ways ({@link #startEndingAt}, {@link #startEndingAtHiddenFirst}). For
     * masked values that show no digit; the caller checks what is glued to the end.
     */
    public boolean maskedAt(CharSequence t, int start) {
        int end = start + shape.length();
        return end <= t.length() && (startEndingAt(t, end) == start || startEndingAtHiddenFirst(t, end) == start);
    }

    /**
     * Whether the digit run starting at {@code s} may end a masked value ({@link Chars#maskCharBefore}):
     * the cheap gate before {@link #startEndingAt}.
     */
    public static boolean hiddenBefore(CharSequence t, int s) {
        return Chars.maskCharBefore(t, s);
    }

    /**
     * As {@link #hiddenBefore(CharSequence, int)} for digit run {@code run} of {@code text}, answered
     * once per text for all detectors ({@link ScanText#maskCharBefore}): a dozen detectors ask it of
     * every short run of a PII-dense text.
     */
    public static boolean hiddenBefore(ScanText text, int run) {
        return text.maskCharBefore(run);
    }
}
