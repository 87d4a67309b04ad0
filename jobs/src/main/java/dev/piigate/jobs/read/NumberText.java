package dev.piigate.jobs.read;

import java.math.BigDecimal;

/**
 * Numbers in the form the detectors read. A value that is wholly a decimal number with a point or
 * an exponent hides its digits: {@code 287654321.0} (pandas' integer column with a gap, in JSON or
 * CSV) is no bare nine-digit token, {@code 4.550112159504165E15} splits a card number at the point.
 * Such a value is delivered as the digits of the integer it holds, worked out exactly on its
 * decimal text (never through a double, which cannot hold 17 digits), with its sign and without a
 * plus sign or surrounding spaces. When it also has a non-zero fraction, its text as written is
 * delivered after the integer (alone when the integer is 0), so what the source said is scanned
 * too. Fraction digits are never delivered on their own: the sixteen fraction digits of an
 * ordinary float would look like cards.
 *
 * <p>The integer part keeps its digits as written ({@code 012345678.0} stays {@code 012345678});
 * with an exponent it is the integer's own digits, without leading zeros. Digits lost before the
 * value was written ({@code 4.55011E+15} from a spreadsheet) cannot come back: the integer that
 * value holds is what is delivered.
 */
final class NumberText {
    /**
     * An exponent may not write out an integer longer than this (Jackson's default for the length
     * of a number, so no written number is refused): {@code 1e2000000} is not expanded in memory.
     */
    static final int MAX_INTEGER_DIGITS = 1000;

    /** What a reader says of a value {@link #deliver} could not write out, after where it stands. */
    static final String TOO_LONG = "a number whose integer has more than " + MAX_INTEGER_DIGITS
            + " digits, scanned as written";

    /** 2^53: every integer up to here is exact in a double. */
    private static final double EXACT_DOUBLE_LIMIT = 9007199254740992d;

    private NumberText() {
    }

    /**
     * What a number text holds.
     *
     * @param integer  the integer's digits (with {@code -} if negative and not zero), or null when
     *                 it would have more than {@link #MAX_INTEGER_DIGITS} digits
     * @param integral whether the fraction is zero (or absent)
     */
    record Decimal(String integer, boolean integral) {
    }

    /**
     * Delivers {@code text} under {@code field}: as it is, or, if it is a decimal number with a
     * point or an exponent, as its integer (then the text, if the fraction is not zero).
     *
     * @return false when the number's integer was too long to write out: the text alone was
     *         delivered and the caller must not call the object COMPLETE
     */
    static boolean deliver(RecordSink sink, String field, String text) {
        Decimal decimal = parse(text);
        if (decimal == null) {
            sink.value(field, text);
            return true;
        }
        if (decimal.integer() == null) {
            sink.value(field, text);
            return false;
        }
        if (decimal.integral()) {
            sink.value(field, decimal.integer());
            return true;
        }
        // An integer part of 0 adds nothing to the text (a list of embedding floats would double).
        if (!decimal.integer().equals("0")) {
            sink.value(field, decimal.integer());
        }
        sink.value(field, text);
        return true;
    }

    /**
     * As {@link #deliver}, for a name that is data (a JSON or map key, a CSV header cell), through
     * {@link RecordSink#key}: counted by the integer it holds, the form {@link #pathKey} writes.
     */
    static boolean deliverKey(RecordSink sink, String field, String key) {
        Decimal decimal = parse(key);
        if (decimal == null || decimal.integer() == null) {
            sink.key(field, key);
            return decimal == null;
        }
        sink.key(field, decimal.integer());
        if (!decimal.integral() && !decimal.integer().equals("0")) {
            sink.key(field, key);
        }
        return true;
    }

    /**
     * How a key names its value in a field path: a key that is wholly such a number by the integer
     * it holds ({@code $['4556737586899855']} for the key {@code 4556737586899855.0}), so the path
     * masking that findings go through sees the digits a card or SSN key carries; any fraction is
     * left out of the path for the same reason. Other keys as they are.
     */
    static String pathKey(String key) {
        Decimal decimal = parse(key);
        return decimal == null || decimal.integer() == null ? key : decimal.integer();
    }

    /**
     * Reads {@code [spaces][+-]digits[.digits][(e|E)[+-]digits][spaces]} (digits on at least one
     * side of the point) with a point or an exponent. One pass, no regex: this runs on every
     * string value, and almost all of them fail at their first character.
     *
     * @return null when the text is not such a number (plain integers included: they are fine as
     *         they are)
     */
    static Decimal parse(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) == ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == ' ') {
            to--;
        }
        int p = from;
        boolean negative = false;
        if (p < to && (text.charAt(p) == '-' || text.charAt(p) == '+')) {
            negative = text.charAt(p) == '-';
            p++;
        }
        int intStart = p;
        while (p < to && isDigit(text.charAt(p))) {
            p++;
        }
        int intEnd = p;
        int fracStart = p;
        boolean point = false;
        if (p < to && text.charAt(p) == '.') {
            point = true;
            p++;
            fracStart = p;
            while (p < to && isDigit(text.charAt(p))) {
                p++;
            }
        }
        int fracEnd = p;
        if (intEnd == intStart && fracEnd == fracStart) {
            return null;
        }
        boolean hasExponent = false;
        long exponent = 0;
        if (p < to && (text.charAt(p) == 'e' || text.charAt(p) == 'E')) {
            hasExponent = true;
            p++;
            boolean negativeExponent = false;
            if (p < to && (text.charAt(p) == '-' || text.charAt(p) == '+')) {
                negativeExponent = text.charAt(p) == '-';
                p++;
            }
            int expStart = p;
            while (p < to && isDigit(text.charAt(p))) {
                // Saturates: anything past a billion is out of every bound below anyway.
                exponent = Math.min(exponent * 10 + (text.charAt(p) - '0'), 1_000_000_000L);
                p++;
            }
            if (p == expStart) {
                return null;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (p != to || !(point || hasExponent)) {
            return null;
        }
        if (!hasExponent) {
            boolean integral = allZero(text, fracStart, fracEnd);
            if (intEnd == intStart) {
                return new Decimal("0", integral);
            }
            String digits = text.substring(intStart, intEnd);
            return new Decimal(negative && !allZero(text, intStart, intEnd) ? "-" + digits : digits, integral);
        }
        return shifted(text, negative, intStart, intEnd, fracStart, fracEnd, exponent);
    }

    /** The integer of {@code int.frac × 10^exponent}: the point moves, the digits stay. */
    private static Decimal shifted(String text, boolean negative, int intStart, int intEnd, int fracStart,
            int fracEnd, long exponent) {
        int intLength = intEnd - intStart;
        int length = intLength + fracEnd - fracStart;
        long pointAt = intLength + exponent; // digits of the significand before the point
        int first = 0; // first non-zero significand digit before the point
        int before = (int) Math.max(0, Math.min(pointAt, length));
        while (first < before && digitAt(text, first, intStart, intLength, fracStart) == '0') {
            first++;
        }
        boolean integral = true;
        for (int k = before; k < length && integral; k++) {
            integral = digitAt(text, k, intStart, intLength, fracStart) == '0';
        }
        if (first == before) {
            return new Decimal("0", integral);
        }
        long digits = pointAt - first;
        if (digits > MAX_INTEGER_DIGITS) {
            return new Decimal(null, integral);
        }
        StringBuilder out = new StringBuilder((int) digits + 1);
        if (negative) {
            out.append('-');
        }
        for (int k = first; k < before; k++) {
            out.append(digitAt(text, k, intStart, intLength, fracStart));
        }
        for (long k = before; k < pointAt; k++) {
            out.append('0');
        }
        return new Decimal(out.toString(), integral);
    }

    /** The k-th digit of the significand, the integer digits followed by the fraction digits. */
    private static char digitAt(String text, int k, int intStart, int intLength, int fracStart) {
        return k < intLength ? text.charAt(intStart + k) : text.charAt(fracStart + k - intLength);
    }

    private static boolean allZero(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Longest integer or fraction {@link #plainDecimal} writes out; past it the text stays as written. */
    static final int MAX_PLAIN_DIGITS = 64;

    /**
     * A decimal text ({@code 4.550112159504167E15}, a spreadsheet cell's stored value) in plain
     * digits, exactly ({@code 4550112159504167}), trailing fraction zeros dropped; as written when
     * it is not a number or its integer or fraction would be longer than {@link #MAX_PLAIN_DIGITS}.
     */
    static String plainDecimal(String text) {
        try {
            BigDecimal d = new BigDecimal(text.trim());
            if (d.precision() - d.scale() > MAX_PLAIN_DIGITS || d.scale() > MAX_PLAIN_DIGITS) {
                return text;
            }
            return d.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /**
     * A double as decimal text without exponent: an integral value as the exact integer it holds
     * (beyond 2^53 that is what the double kept, not necessarily what was written to it), else the
     * shortest decimal that reads back as the same double. NaN and infinities as Java writes them.
     */
    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value)) {
            return Math.abs(value) < EXACT_DOUBLE_LIMIT ? Long.toString((long) value)
                    : new BigDecimal(value).toPlainString();
        }
        return withoutExponent(Double.toString(value));
    }

    /** As {@link #plain(double)}, the fraction as short as a float needs. */
    static String plain(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value) || value == Math.rint(value)) {
            return plain((double) value);
        }
        return withoutExponent(Float.toString(value));
    }

    /** Java writes 1e-3 <= |x| < 1e7 without an exponent: most values skip BigDecimal. */
    private static String withoutExponent(String javaText) {
        return javaText.indexOf('E') < 0 ? javaText : new BigDecimal(javaText).toPlainString();
    }
}
