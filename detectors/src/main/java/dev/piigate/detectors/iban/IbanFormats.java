package dev.piigate.detectors.iban;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.validator.routines.IBANValidator;

/**
 * The IBAN format of every country in the SWIFT registry, as held by Apache Commons Validator's
 * {@link IBANValidator} table: one class per character position (country letters, check digits,
 * BBAN). Compiled once, at class load, from the table's simple patterns ({@code DE\d{20}},
 * {@code GB\d{2}[A-Z]{4}\d{14}}) into arrays, so validating a candidate is a char loop, not a regex
 * match. Taking the table from the library keeps one source of truth: a new registry release
 * arrives with a Commons Validator upgrade. A pattern in an unexpected syntax fails class loading
 * (and the tests) rather than silently dropping a country.
 */
final class IbanFormats {
    static final byte LETTER = 1;
    static final byte DIGIT = 2;
    static final byte ALNUM = 3;

    /** Indexed by {@code (first - 'A') * 26 + (second - 'A')}; null for a code without IBANs. */
    private static final byte[][] BY_COUNTRY = new byte[26 * 26][];
    private static final List<String> COUNTRIES;
    static final int MIN_LENGTH;
    static final int MAX_LENGTH;

    static {
        List<String> countries = new ArrayList<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (IBANValidator.Validator v : IBANValidator.getInstance().getDefaultValidators()) {
            for (Pattern p : v.getRegexValidator().getPatterns()) {
                byte[] format = compile(p.pattern(), v.getIbanLength());
                char c0 = p.pattern().charAt(0);
                char c1 = p.pattern().charAt(1);
                BY_COUNTRY[index(c0, c1)] = format;
                countries.add("" + c0 + c1);
                min = Math.min(min, format.length);
                max = Math.max(max, format.length);
            }
        }
        Collections.sort(countries);
        COUNTRIES = List.copyOf(countries);
        MIN_LENGTH = min;
        MAX_LENGTH = max;
    }

    private IbanFormats() {}

    /** The format for an upper-case country code, or null if the code has no IBAN. */
    static byte[] format(char c0, char c1) {
        if (c0 < 'A' || c0 > 'Z' || c1 < 'A' || c1 > 'Z') {
            return null;
        }
        return BY_COUNTRY[index(c0, c1)];
    }

    /** Every country code of the table, sorted. */
    static List<String> countries() {
        return COUNTRIES;
    }

    private static int index(char c0, char c1) {
        return (c0 - 'A') * 26 + (c1 - 'A');
    }

    /**
     * {@code CC} followed by {@code \d{n}}, {@code [A-Z]{n}} or {@code [A-Z0-9]{n}} pieces; the
     * pattern (which includes the check digits) must add up to the length the table gives.
     */
    static byte[] compile(String pattern, int length) {
        if (pattern.length() < 2) {
            throw new IllegalStateException("unexpected IBAN pattern " + pattern);
        }
        char c0 = pattern.charAt(0);
        char c1 = pattern.charAt(1);
        if (c0 < 'A' || c0 > 'Z' || c1 < 'A' || c1 > 'Z') {
            throw new IllegalStateException("IBAN pattern does not start with a country code: " + pattern);
        }
        byte[] format = new byte[length];
        format[0] = LETTER;
        format[1] = LETTER;
        int at = 2;
        int i = 2;
        while (i < pattern.length()) {
            byte cls;
            if (pattern.startsWith("\\d", i)) {
                cls = DIGIT;
                i += 2;
            } else if (pattern.startsWith("[A-Z0-9]", i)) {
                cls = ALNUM;
                i += 8;
            } else if (pattern.startsWith("[A-Z]", i)) {
                cls = LETTER;
                i += 5;
            } else {
                throw new IllegalStateException("unexpected syntax in IBAN pattern " + pattern + " at " + i);
            }
            int count = 1;
            if (i < pattern.length() && pattern.charAt(i) == '{') {
                int close = pattern.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalStateException("unclosed repetition in IBAN pattern " + pattern);
                }
                count = Integer.parseInt(pattern.substring(i + 1, close));
                i = close + 1;
            }
            if (at + count > length) {
                throw new IllegalStateException("IBAN pattern " + pattern + " is longer than " + length);
            }
            for (int k = 0; k < count; k++) {
                format[at++] = cls;
            }
        }
        if (at != length || format[2] != DIGIT || format[3] != DIGIT) {
            throw new IllegalStateException("IBAN pattern " + pattern + " does not describe " + length
                    + " characters starting with two check digits");
        }
        return format;
    }
}
