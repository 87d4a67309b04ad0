package dev.piigate.detectors.national;

import dev.piigate.detectors.Chars;

/**
 * One way an identifier is written, as a template: {@code 'd'} a digit, {@code 'a'} an ASCII
 * letter, {@code 'c'} either, any other char a separator that stands for itself
 * ({@code "ddd.ddd.ddd-dd"} for a CPF). Detectors find a candidate from the digit-run index and
 * ask a form whether the text fits it there, unmasked ({@link #matches}) or masked
 * ({@link #maskedStart}): every letter and digit but at most the last {@link #MAX_VISIBLE}
 * written as a mask char, the separators kept ({@code ***.***.***-09}).
 */
final class WrittenForm {
    /** Letters and digits a masked value may still show (the usual "last four"). */
    static final int MAX_VISIBLE = 4;

    private final String template;
    private final int firstDigit;
    private final int lastDigit;
    private final int firstRun;
    private final int firstSlot;

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
        int slot = 0;
        while (!isSlot(template.charAt(slot))) {
            slot++;
        }
        this.firstSlot = slot;
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
     * ({@code ***.***.***-09}: the run {@code 09}), or -1: from its start, one or more mask
     * chars ({@link Chars#isMaskChar}) in letter and digit positions, then at most
     * {@link #MAX_VISIBLE} letters and digits that fit their positions; separators as written.
     */
    int maskedStart(CharSequence t, int runEnd) {
        int start = runEnd - (lastDigit + 1);
        int n = template.length();
        if (start < 0 || start + n > t.length() || !Chars.isMaskChar(t.charAt(start + firstSlot))) {
            return -1; // the mask starts at the first letter or digit: one load rules out most runs
        }
        int masked = 0;
        int visible = 0;
        for (int k = 0; k < n; k++) {
            char p = template.charAt(k);
            char c = t.charAt(start + k);
            if (!isSlot(p)) {
                if (c != p) {
                    return -1;
                }
            } else if (visible == 0 && Chars.isMaskChar(c)) {
                masked++;
            } else if (fits(p, c)) {
                visible++;
            } else {
                return -1;
            }
        }
        return masked > 0 && visible > 0 && visible <= MAX_VISIBLE ? start : -1;
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
