package dev.piigate.detectors.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.NumberFormat;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;

import dev.piigate.detectors.Chars;

/**
 * Shortcuts around {@code findNumbers(window, region, VALID, maxTries)} for one configured
 * region, each exact in the direction that matters, and proven against libphonenumber by
 * {@code PhoneShortcutsTest}:
 * <ul>
 * <li>{@link #mayFind}, a necessary condition: a match of findNumbers is a run of whole digit
 * groups; parsing it for this region takes off at most an international prefix, the country code
 * and national prefixes, each at the front; and the rest must be a valid national number of the
 * region's calling code. If no run of groups, after any such strip, is valid, findNumbers finds
 * nothing, and the cluster never reaches it.</li>
 * <li>{@link #wholeNational} and {@link #wholeInternational}, a sufficient condition: a window
 * that is one plainly written number ({@code 415-555-2671}, {@code (415) 555 2671},
 * {@code +44 20 7946 0000}) with nothing for the parser to strip is found by findNumbers as one
 * match over the whole window exactly when the number is valid; the shortcut returns that
 * number, or null to let libphonenumber decide.</li>
 * <li>{@link #cut} and {@link #mayReturn}, which runs of groups findNumbers can return at all
 * from a window of single-spaced or single-dashed groups: {@link #mayFind}'s question, asked of
 * fewer runs.</li>
 * </ul>
 * Regions whose national prefix rewrites digits (a transform rule, as in Argentina or Mexico)
 * get no shortcut: every cluster goes to libphonenumber as before.
 */
final class RegionShortcut {
    /** Null when this region gets no shortcut. */
    private final CallingCode code;
    private final CallingCode.Prefix internationalPrefix;
    /** The region's own national prefix for parsing (used before a country code is read), or null. */
    private final CallingCode.Prefix nationalPrefix;
    /** Whether VALID accepts a national number written without the national prefix. */
    private final boolean prefixNeverRequired;

    RegionShortcut(String region) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneMetadata meta = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                .getMetadataForRegion(region);
        CallingCode cc = meta == null ? null : CallingCode.of(util.getCountryCodeForRegion(region));
        if (cc == null || !meta.getNationalPrefixTransformRule().isEmpty()
                || !cc.main.getNationalPrefixTransformRule().isEmpty()) {
            code = null;
            internationalPrefix = null;
            nationalPrefix = null;
            prefixNeverRequired = false;
            return;
        }
        code = cc;
        internationalPrefix = CallingCode.Prefix.of(meta.getInternationalPrefix());
        nationalPrefix = CallingCode.Prefix.of(meta.getNationalPrefixForParsing());
        prefixNeverRequired = prefixNeverRequired(cc.main);
    }

    /**
     * PhoneNumberMatcher.isNationalPrefixPresentIfRequired is true for every national number when no
     * format of the code's main region makes the national prefix compulsory.
     */
    private static boolean prefixNeverRequired(PhoneMetadata main) {
        for (NumberFormat f : main.getNumberFormatList()) {
            String rule = f.getNationalPrefixFormattingRule();
            if (!rule.isEmpty() && !f.getNationalPrefixOptionalWhenFormatting() && !rule.matches("\\(?\\$1\\)?")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether findNumbers with this region could find a number in the digit groups
     * {@code digits[starts[g], ends[g])}, g in [0, groups). False is a proof that it finds none.
     */
    boolean mayFind(char[] digits, int[] starts, int[] ends, int groups) {
        for (int a = 0; a < groups; a++) {
            for (int b = a; b < groups; b++) {
                if (rangeMayMatch(digits, starts[a], ends[b])) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * How PhoneNumberMatcher cuts a window into the candidates it parses, where this class knows
     * it exactly: the whole window is one candidate; if that is no valid number, its inner match
     * tries pieces, and after a piece that is, the search goes on with the rest of the window as a
     * new candidate. {@link #cut} tells which.
     */
    enum Cut {
        /**
         * Digit groups joined by single spaces (after a '+' or not): only the last inner pattern,
         * {@code \p{Z}+(\P{Z}+)}, meets it, so the pieces are single groups (the first with its
         * '+'), and a candidate after a piece runs to the window's end.
         */
        SPACED,
        /**
         * Digit groups joined by single '-' (after a '+' or not): no inner pattern meets it (the
         * dash one wants a space beside the dash), so the whole is the only candidate.
         */
        DASHED,
        /** Anything else: any run of whole groups may be read. */
        ANY
    }

    /** {@code window}'s {@link Cut}. */
    static Cut cut(CharSequence window) {
        int n = window.length();
        int from = n > 0 && window.charAt(0) == '+' ? 1 : 0;
        if (n <= from || !Chars.isDigit(window.charAt(from)) || !Chars.isDigit(window.charAt(n - 1))) {
            return Cut.ANY;
        }
        char joint = 0;
        for (int i = from + 1; i < n; i++) {
            char c = window.charAt(i);
            if (Chars.isDigit(c)) {
                continue;
            }
            if ((c != ' ' && c != '-') || (joint != 0 && c != joint) || !Chars.isDigit(window.charAt(i - 1))) {
                return Cut.ANY; // another joint, two kinds, or two joints in a row
            }
            joint = c;
        }
        return joint == '-' ? Cut.DASHED : Cut.SPACED;
    }

    /**
     * Whether findNumbers may return groups {@code a..b} (of {@code groups}) of a window cut as
     * {@code cut}: for {@link Cut#SPACED}, a single group, or the groups from {@code a} to the end
     * when {@code a} starts the window or follows a group that may be a number alone
     * ({@code singleBeforeMay}): in "1234 2015550123 415 555 2671" it finds "2015550123", then
     * "415 555 2671". In "+44 7671 071092" it never reads "7671071092" (a valid +1 number).
     */
    static boolean mayReturn(Cut cut, int a, int b, int groups, boolean singleBeforeMay) {
        return switch (cut) {
            case ANY -> true;
            case DASHED -> a == 0 && b == groups - 1;
            case SPACED -> a == b || b == groups - 1 && (a == 0 || singleBeforeMay);
        };
    }

    /**
     * Whether findNumbers with this region could return a match whose digits are
     * {@code digits[from, to)} (written without '+'). False is a proof that it does not.
     */
    boolean rangeMayMatch(char[] digits, int from, int to) {
        if (code == null) {
            return true;
        }
        if (internationalPrefix != null && internationalPrefix.end(digits, from, to) >= 0) {
            return true; // a country code could follow: any country's rules apply
        }
        return validAfterStrips(digits, from, to);
    }

    /**
     * The same for digits written right after '+': a country code, then a national number from
     * which the national prefix of the code's main region may be stripped.
     */
    static boolean plusRangeMayMatch(char[] digits, int from, int to) {
        int value = CallingCode.extract(digits, from, to);
        CallingCode cc = CallingCode.of(value);
        if (value == 0 || cc == null || !cc.main.getNationalPrefixTransformRule().isEmpty()) {
            return true; // libphonenumber retries without '+', or rules we do not mirror: let it decide
        }
        int p = from + cc.digits.length();
        return validIn(cc, digits, p, to) || validIn(cc, digits, strip(cc.mainPrefix, digits, p, to), to);
    }

    private static boolean validIn(CallingCode cc, char[] digits, int from, int to) {
        return from >= 0 && cc.mayBeValid(digits, from, to) && cc.isValid(new String(digits, from, to - from));
    }

    /**
     * Every way parsing may strip the front of {@code digits[from, to)}: nothing or the national
     * prefix; or the country code, then perhaps the national prefix of this region, then perhaps
     * that of this region or of the code's main region (parseHelper strips once more with the
     * region the country code names).
     */
    private boolean validAfterStrips(char[] digits, int from, int to) {
        if (to - from < code.shortest) {
            return false; // every check below reads a national number from a part of [from, to)
        }
        if (valid(digits, from, to) || valid(digits, strip(nationalPrefix, digits, from, to), to)) {
            return true;
        }
        if (!startsWith(digits, from, to, code.digits)) {
            return false;
        }
        int c = from + code.digits.length();
        int afterOwn = strip(nationalPrefix, digits, c, to);
        for (int p : new int[] {c, afterOwn}) {
            if (p >= 0 && (valid(digits, p, to) || valid(digits, strip(nationalPrefix, digits, p, to), to)
                    || valid(digits, strip(code.mainPrefix, digits, p, to), to))) {
                return true;
            }
        }
        return false;
    }

    /** Index after the prefix at {@code from}, or -1 if there is none. */
    private static int strip(CallingCode.Prefix prefix, char[] digits, int from, int to) {
        if (prefix == null || from < 0) {
            return -1;
        }
        int end = prefix.end(digits, from, to);
        return end <= 0 ? -1 : from + end;
    }

    private boolean valid(char[] digits, int from, int to) {
        return validIn(code, digits, from, to);
    }

    static boolean startsWith(char[] digits, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (digits[from + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number findNumbers(window, region, VALID) returns as its only match, spanning the whole
     * window, if the window is a plain national number ("415-555-2671", "(415) 555 2671",
     * "4155552671") with no prefix to strip; null if it is not such a window, or not valid.
     */
    PhoneNumber wholeNational(String window) {
        if (code == null || !prefixNeverRequired) {
            return null;
        }
        char[] digits = plainDigits(window, 0, true);
        if (digits == null || digits[0] == '0' || startsWith(digits, 0, digits.length, code.digits)
                || (internationalPrefix != null && internationalPrefix.end(digits, 0, digits.length) >= 0)
                || (nationalPrefix != null && nationalPrefix.end(digits, 0, digits.length) >= 0)
                || !valid(digits, 0, digits.length)) {
            return null;
        }
        return number(code.code, digits, 0);
    }

    /**
     * The same for a window written "+" country code and groups ("+1 415 555 2671",
     * "+44-20-7946-0000"): the number if valid and nothing else is to be stripped, else null.
     */
    @SuppressWarnings("ReferenceEquality") // NOT_VALID is a sentinel: the one instance, asked for by identity
    static PhoneNumber wholeInternational(String window) {
        PhoneNumber verdict = internationalVerdict(window);
        return verdict == NOT_VALID ? null : verdict;
    }

    /** {@link #internationalVerdict}'s answer for a window libphonenumber calls no valid number; compared by identity. */
    static final PhoneNumber NOT_VALID = new PhoneNumber();

    /**
     * {@link #wholeInternational}'s question with both answers: the number if the window is valid
     * as written, {@link #NOT_VALID} if libphonenumber's {@code parse(window, "ZZ")} gives a number
     * {@code isValidNumber} rejects (or throws: too short a national number), null if it cannot
     * tell (another shape, an unknown code, a national number libphonenumber may strip a prefix
     * from or keep a leading zero of, a region with a prefix transform rule).
     */
    static PhoneNumber internationalVerdict(String window) {
        if (window.isEmpty() || window.charAt(0) != '+') {
            return null;
        }
        char[] digits = plainDigits(window, 1, false);
        if (digits == null) {
            return null;
        }
        int value = CallingCode.extract(digits, 0, digits.length);
        CallingCode cc = CallingCode.of(value);
        if (cc == null) {
            return null;
        }
        int from = cc.digits.length();
        if (digits.length - from < 2 || digits[from] == '0'
                || (cc.mainPrefix != null && cc.mainPrefix.end(digits, from, digits.length) >= 0)) {
            return null;
        }
        if (cc.mayBeValid(digits, from, digits.length) && cc.isValid(new String(digits, from, digits.length - from))) {
            return number(value, digits, from);
        }
        // A transform rule is applied only where the prefix above matches: kept undecided anyway, as
        // plusRangeMayMatch keeps rules it does not mirror.
        return cc.main.getNationalPrefixTransformRule().isEmpty() ? NOT_VALID : null;
    }

    private static PhoneNumber number(int countryCode, char[] digits, int from) {
        return new PhoneNumber().setCountryCode(countryCode)
                .setNationalNumber(Long.parseLong(new String(digits, from, digits.length - from)));
    }

    /**
     * The digits of {@code window} from {@code at} if it is digit groups joined by single spaces,
     * dashes or dots, the first group perhaps in parentheses (when {@code parens}) and followed by
     * a space or dash; null for any other shape or more than 17 digits.
     */
    private static char[] plainDigits(String window, int at, boolean parens) {
        int n = window.length();
        char[] digits = new char[17];
        int count = 0;
        int i = at;
        if (parens && i < n && window.charAt(i) == '(') {
            i++;
            int groupStart = i;
            while (i < n && Chars.isDigit(window.charAt(i))) {
                if (count == digits.length) {
                    return null;
                }
                digits[count++] = window.charAt(i++);
            }
            if (i == groupStart || i >= n || window.charAt(i) != ')') {
                return null;
            }
            i++;
            if (i < n && (window.charAt(i) == ' ' || window.charAt(i) == '-')) {
                i++;
            }
        }
        boolean needDigit = true;
        while (i < n) {
            char c = window.charAt(i++);
            if (Chars.isDigit(c)) {
                if (count == digits.length) {
                    return null;
                }
                digits[count++] = c;
                needDigit = false;
            } else if (!needDigit && (c == ' ' || c == '-' || c == '.')) {
                needDigit = true;
            } else {
                return null;
            }
        }
        if (needDigit || count < 3) {
            return null;
        }
        return java.util.Arrays.copyOf(digits, count);
    }
}
