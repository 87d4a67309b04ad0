package dev.piigate.detectors.phone;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.ScanText;

/**
 * Cheap character-level tests that keep digit-heavy text (logs, tables, dates, addresses of
 * machines) away from libphonenumber, and that find masked numbers. No regex, no allocation.
 */
final class PhoneShapes {
    private PhoneShapes() {}

    /** Punctuation that may sit between the digit groups of one written phone number. */
    static boolean isPunct(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
    }

    /** Whether [from, to) is a short run of phone punctuation with at most one dot or slash. */
    static boolean isGap(String t, int from, int to) {
        int hard = 0;
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            if (!isPunct(c)) {
                return false;
            }
            if (c == '.' || c == '/') {
                hard++;
            }
        }
        return hard <= 1;
    }

    /**
     * Shapes a national phone number is not written in (the cluster has no leading '+'):
     * <ul>
     * <li>dates: 2024-01-15, 2024/01/15, 12/25/2024, 25.12.2024;</li>
     * <li>year ranges: 2019-2024;</li>
     * <li>IPv4 addresses: four dot-separated groups of at most 3 digits;</li>
     * <li>versions and decimals: dot-only separators with two groups or a one-digit group;</li>
     * <li>counting sequences: five or more groups of at most two digits not starting with 0
     * (national numbers written in pairs, as in France, start with the trunk prefix 0).</li>
     * </ul>
     */
    static boolean isNotPhoneShape(ScanText s, int first, int last) {
        String t = s.text();
        int groups = last - first + 1;
        if (groups == 1) {
            return false;
        }
        boolean dotsOnly = true;
        boolean oneDigitGroup = false;
        int maxLength = 0;
        for (int k = first; k <= last; k++) {
            int len = s.digitRunEnd(k) - s.digitRunStart(k);
            maxLength = Math.max(maxLength, len);
            oneDigitGroup |= len == 1;
            if (k > first && !(s.digitRunStart(k) - s.digitRunEnd(k - 1) == 1
                    && t.charAt(s.digitRunEnd(k - 1)) == '.')) {
                dotsOnly = false;
            }
        }
        if (dotsOnly && (groups == 2 || oneDigitGroup || (groups == 4 && maxLength <= 3))) {
            return true;
        }
        if (groups == 2 && isYear(s, first) && isYear(s, last)) {
            return true;
        }
        if (groups >= 3 && isDateAt(s, first)) {
            return true;
        }
        if (groups >= 5 && maxLength <= 2 && t.charAt(s.digitRunStart(first)) != '0') {
            return true;
        }
        return false;
    }

    private static boolean isYear(ScanText s, int run) {
        int a = s.digitRunStart(run);
        if (s.digitRunEnd(run) - a != 4) {
            return false;
        }
        String t = s.text();
        return (t.charAt(a) == '1' && t.charAt(a + 1) == '9') || (t.charAt(a) == '2' && t.charAt(a + 1) == '0');
    }

    /** Runs first..first+2 form Y-M-D or D-M-Y / M-D-Y with one separator ('-', '/' or '.'). */
    private static boolean isDateAt(ScanText s, int first) {
        String t = s.text();
        int a1 = s.digitRunEnd(first);
        int b0 = s.digitRunStart(first + 1);
        int b1 = s.digitRunEnd(first + 1);
        int c0 = s.digitRunStart(first + 2);
        if (b0 - a1 != 1 || c0 - b1 != 1) {
            return false;
        }
        char sep = t.charAt(a1);
        if ((sep != '-' && sep != '/' && sep != '.') || t.charAt(b1) != sep) {
            return false;
        }
        int l1 = a1 - s.digitRunStart(first);
        int l2 = b1 - b0;
        int l3 = s.digitRunEnd(first + 2) - c0;
        if (l1 == 4 && l2 <= 2 && l3 <= 2) {
            return isYear(s, first);
        }
        return l1 <= 2 && l2 <= 2 && l3 == 4 && isYear(s, first + 2);
    }

    /** Whether a mask character sits next to [start, end), maybe across one punctuation char. */
    static boolean nextToMask(String t, int start, int end) {
        int n = t.length();
        return (start > 0 && Chars.isMaskChar(t.charAt(start - 1)))
                || (start > 1 && isPunct(t.charAt(start - 1)) && Chars.isMaskChar(t.charAt(start - 2)))
                || (end < n && Chars.isMaskChar(t.charAt(end)))
                || (end + 1 < n && isPunct(t.charAt(end)) && Chars.isMaskChar(t.charAt(end + 1)));
    }

    private static boolean isMaskedPart(char c) {
        return Chars.isMaskChar(c) || Chars.isDigit(c) || isPunct(c) || c == '+';
    }

    private static boolean isX(char c) {
        return c == 'x' || c == 'X';
    }

    /** Longest a masked number is allowed to be, punctuation included: "+44 (0)** **** ****" fits. */
    private static final int MAX_MASKED_SPAN = 24;

    /**
     * The span of mask characters, digits and phone punctuation around [start, end), trimmed to
     * start at a mask, digit, '(' or '+' and end at a mask or digit, packed as start << 32 | end;
     * -1 if it holds fewer than three mask characters or a '+' other than in front.
     */
    static long maskedSpan(String t, int start, int end) {
        int s = start;
        while (s > 0 && start - s < MAX_MASKED_SPAN && isMaskedPart(t.charAt(s - 1))) {
            s--;
        }
        int e = end;
        while (e < t.length() && e - s < MAX_MASKED_SPAN && isMaskedPart(t.charAt(e))) {
            e++;
        }
        // "FAX XXX-XXX-1234": the X of a word is not a mask; drop a group of X glued to a letter.
        if (s > 0 && isX(t.charAt(s)) && Chars.isAsciiLetter(t.charAt(s - 1))) {
            while (s < e && isX(t.charAt(s))) {
                s++;
            }
        }
        while (s < e && !(Chars.isMaskChar(t.charAt(s)) || Chars.isDigit(t.charAt(s)) || t.charAt(s) == '('
                || t.charAt(s) == '+')) {
            s++;
        }
        while (e > s && !(Chars.isMaskChar(t.charAt(e - 1)) || Chars.isDigit(t.charAt(e - 1)))) {
            e--;
        }
        int masks = 0;
        for (int k = s; k < e; k++) {
            char c = t.charAt(k);
            if (c == '+' && k != s) {
                return -1;
            }
            if (Chars.isMaskChar(c)) {
                masks++;
            }
        }
        if (masks < 3 || s > start || e < end) { // the trim must not cut into the digits
            return -1;
        }
        return ((long) s << 32) | e;
    }

    /**
     * Digits plus masks of a masked number: 8-15 after a '+', 10-12 otherwise (national numbers of
     * the US, GB, DE, FR, IN; not the 3-2-4 of a masked SSN nor the 16 of a card).
     */
    static boolean maskedLengthFits(String t, int s, int e) {
        int symbols = 0;
        for (int k = s; k < e; k++) {
            char c = t.charAt(k);
            if (Chars.isDigit(c) || Chars.isMaskChar(c)) {
                symbols++;
            }
        }
        if (t.charAt(s) == '+') {
            return symbols >= 8 && symbols <= PhoneDetector.MAX_DIGITS;
        }
        return symbols >= 10 && symbols <= 12;
    }
}
