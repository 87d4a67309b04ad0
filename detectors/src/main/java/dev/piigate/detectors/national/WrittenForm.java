package dev.piigate.detectors.national;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.KeywordContext;
import dev.piigate.detectors.kit.KeywordGate;
import dev.piigate.detectors.kit.MaskedShape;

/**
 * One way an identifier is written, as a template: {@code 'd'} a digit, {@code 'a'} an ASCII
 * letter, {@code 'c'} either, any other char a separator that stands for itself
 * ({@code "ddd.ddd.ddd-dd"} for a CPF). Detectors find a candidate from the digit-run index and
 * ask a form whether the text fits it there, unmasked ({@link #matches}) or masked
 * ({@link #maskedStart}, the kit's {@link MaskedShape}): every letter and digit but at most the
 * last {@link #MAX_VISIBLE} written as a mask char, the separators kept ({@code ***.***.***-09}).
 * A masked value that shows no digit ({@code ********-Z}) has no digit run: detectors test the
 * form at the kit's mask-run starts instead ({@link #maskedAt}).
 */
final class WrittenForm {
    /** Letters and digits a masked value may still show (the usual "last four"). */
    static final int MAX_VISIBLE = 4;

    private final String template;
    private final int firstDigit;
    private final int lastDigit;
    private final int firstRun;
    /** The form masked; a {@code 'c'} is read as a digit there (it is hidden in every masked form we know). */
    private final MaskedShape masked;
    /** Chars of the form after its last digit. */
    private final int tail;
    /** The form has letter positions: an X before the shown part may hide one ({@link MaskedShape#startEndingAtHiddenFirst}). */
    private final boolean letters;

    WrittenForm(String template) {
        this.template = template;
        this.firstDigit = template.indexOf('d');
        this.lastDigit = template.lastIndexOf('d');
        if (firstDigit < 0) {
            throw new IllegalArgumentException("a written form holds at least one digit: " + template);
        }
        int k = firstDigit;
        while (k < template.length() && template.charAt(k) == 'd') {
            k++;
        }
        this.firstRun = k - firstDigit;
        this.masked = MaskedShape.of(template.replace('d', '9').replace('a', 'A').replace('c', '9'), MAX_VISIBLE);
        this.tail = template.length() - 1 - lastDigit;
        this.letters = template.indexOf('a') >= 0;
    }

    int length() {
        return template.length();
    }

    /** Where a value of this form starts when its first digit group starts at {@code runStart}. */
    int startFor(int runStart) {
        return runStart - firstDigit;
    }

    /** Digits in the form's first group of digits: a run of another length is not this form. */
    int firstRun() {
        return firstRun;
    }

    /** The text at [start, start + length) fits the form, every position a digit or letter as it says. */
    boolean matches(CharSequence t, int start) {
        int n = template.length();
        if (start < 0 || start + n > t.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            char p = template.charAt(k);
            char c = t.charAt(start + k);
            if (isSlot(p) ? !fits(p, c) : c != p) {
                return false;
            }
        }
        return true;
    }

    /**
     * The start of a masked value of this form whose last digit group ends at {@code runEnd}
     * ({@code ***.***.***-09}: the run {@code 09}), or -1: the kit's {@link MaskedShape} rule (every
     * letter and digit hidden by a mask char but the last 1 to {@link #MAX_VISIBLE}, separators as
     * written) over this form ending where the form ends after that run; for a form with letters,
     * also read hidden part first ({@code XXXXXXXXXXXXXXPR09}).
     */
    int maskedStart(CharSequence t, int runEnd) {
        int start = masked.startEndingAt(t, runEnd + tail);
        return start >= 0 || !letters ? start : masked.startEndingAtHiddenFirst(t, runEnd + tail);
    }

    /**
     * The form, masked, starts at {@code start} (a {@link dev.piigate.detectors.ScanText#maskRunStarts}
     * start): the kit's {@link MaskedShape#maskedAt}, read hidden part last and first. For masked
     * values that show no digit, which no digit run anchors; the caller checks the end's boundary
     * and what shows.
     */
    boolean maskedAt(CharSequence t, int start) {
        return masked.maskedAt(t, start);
    }

    /**
     * The first of {@code forms} that is masked ending after the digit run ending at
     * {@code runEnd} ({@link #maskedStart}), judged by the type's gate (boundary, a space joining
     * before a digit for a spaced form, keyword): where it ends, or 0 if none is. For detectors
     * whose keyword context is made per text before the walk ({@code context} may be null: the gate
     * then makes one for the masked value).
     */
    static int judgeMasked(WrittenForm[] forms, KeywordGate gate, ScanText text, int runEnd, KeywordContext context,
            int distance, FindingSink sink) {
        String t = text.text();
        for (WrittenForm form : forms) {
            int start = form.maskedStart(t, runEnd);
            if (start < 0) {
                continue;
            }
            int end = start + form.length();
            gate.judgeMasked(text, start, end, form.spaced() ? ' ' : '\0', context, distance, sink);
            return end;
        }
        return 0;
    }

    /** The form holds a space: digits beyond a space after it make it part of a longer grouping. */
    boolean spaced() {
        return template.indexOf(' ') >= 0;
    }

    private static boolean isSlot(char p) {
        return p == 'd' || p == 'a' || p == 'c';
    }

    private static boolean fits(char p, char c) {
        return switch (p) {
            case 'd' -> Chars.isDigit(c);
            case 'a' -> Chars.isAsciiLetter(c);
            default -> Chars.isAsciiLetterOrDigit(c);
        };
    }

    @Override
    public String toString() {
        return "WrittenForm[" + template + "]";
    }
}
