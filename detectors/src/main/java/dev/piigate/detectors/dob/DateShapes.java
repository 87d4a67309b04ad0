package dev.piigate.detectors.dob;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.Boundary;

/**
 * The written forms of a date, read from the digit-run index: every form holds a day run of one
 * or two digits or a year run of four (or two), and its other parts sit at fixed places around
 * it, so a candidate costs a few char comparisons and prose costs one length test per run.
 *
 * <ul>
 * <li>numeric, one separator throughout: {@code 14/03/1987}, {@code 03/14/1987}, {@code 14-03-1987},
 * {@code 14.03.1987}, {@code 14/03/87}, {@code 3/4/87}, {@code 14.03.87} (dotted with a two-digit year:
 * day and month of two digits; {@code 3.9.28} is a version), {@code 14 03 1987} (spaced: four-digit
 * year only);</li>
 * <li>year first: {@code 1987-03-14}, {@code 1987/03/14}, {@code 1987.03.14}, and ISO with a time,
 * {@code 1987-03-14T00:00:00Z} (the date part); ISO basic {@code 19870314};</li>
 * <li>day, month name, year: {@code 14 March 1987}, {@code 14th of March, 1987}, {@code 14 mars 1987},
 * {@code 1er mars 1987}, {@code 14. März 1987}, {@code 14 de marzo de 1987}, {@code 1º de março de 1987},
 * {@code 14-Mar-1987}, {@code 14-MAR-87};</li>
 * <li>month name, day, year: {@code March 14, 1987}, {@code Mar. 14th 1987};</li>
 * <li>year, month, day with their marks: {@code 1987年3月14日}, {@code 1987년 3월 14일};</li>
 * <li>masked: {@code XX/XX/1987}, {@code **.**.1987}, {@code 1987-XX-XX}; and, read only in a short
 * text (nothing of it is in the digit index), {@code **}{@code /**}{@code /****}.</li>
 * </ul>
 *
 * A numeric date is valid if it is a birth date read day first or month first ({@code 03/04/1987}
 * is either; {@code 31/02/1987} is neither: INVALID_RANGE).
 */
final class DateShapes {
    /**
     * One piece of a longer token: a letter, digit or '_' next to it; '-' before a letter or
     * digit ({@code ID-14-03-1987}); '.', '/' or ':' before a digit (versions {@code 14.03.1987.2},
     * IP addresses, times, longer dotted or slashed digit groups such as French phone numbers).
     */
    static final Boundary BOUNDARY =
            Boundary.IDENTIFIER;

    /** Most chars between a day and its year in a month-name form: {@code th of September, }. */
    private static final int MAX_NAMED_GAP = 26;

    private final BirthCalendar calendar;

    DateShapes(BirthCalendar calendar) {
        this.calendar = calendar;
    }

    /** The run lengths {@link #at} may find a date at; it returns null for any other. */
    static final long FIRST_RUN_LENGTHS = ScanText.lengthBits(1, 2, 4, 8);

    /** The date whose first digit run is run {@code r}, or null if none starts there. */
    Candidate at(ScanText text, String t, int r) {
        int s = text.digitRunStart(r);
        int e = text.digitRunEnd(r);
        switch (e - s) {
            case 1, 2: {
                Candidate c = numeric(text, t, r, s, e);
                if (c == null) {
                    c = dayMonthNameYear(text, t, r, s, e);
                }
                if (c == null) {
                    c = monthNameDayYear(text, t, r, s, e);
                }
                if (c == null && e - s == 2) {
                    c = maskedBeforeYear(t, s, e);
                }
                return c;
            }
            case 4: {
                Candidate c = yearFirst(text, t, r, s, e);
                if (c == null) {
                    c = maskedBeforeYear(t, s, e);
                }
                return c != null ? c : yearMonthDayMarks(text, t, r, s, e);
            }
            case 8:
                return basic(t, s, e);
            default:
                return null;
        }
    }

    /** Day or month first: 14/03/1987, 03/14/1987, 14.03.87, 14 03 1987. */
    private Candidate numeric(ScanText text, String t, int r, int s, int e) {
        int n = t.length();
        if (e >= n || r + 2 >= text.digitRunCount()) {
            return null;
        }
        char sep = t.charAt(e);
        if (!isNumericSeparator(sep) && sep != ' ') {
            return null;
        }
        int s2 = text.digitRunStart(r + 1);
        int e2 = text.digitRunEnd(r + 1);
        if (s2 != e + 1 || e2 - s2 > 2 || e2 >= n || t.charAt(e2) != sep) {
            return null;
        }
        int s3 = text.digitRunStart(r + 2);
        int e3 = text.digitRunEnd(r + 2);
        int yearLength = e3 - s3;
        if (s3 != e2 + 1 || !(yearLength == 4 || (yearLength == 2 && sep != ' '))) {
            return null;
        }
        // Dotted with a two-digit year, a one-digit group is a version (version=3.9.28), not a
        // date: dates written so pad the day and month (14.03.87).
        if (yearLength == 2 && sep == '.' && (e - s == 1 || e2 - s2 == 1)) {
            return null;
        }
        // The spaced form's space joins digit groups: 06 14 03 1987 is a phone number's tail.
        char joiner = sep == ' ' ? ' ' : '\0';
        if (BOUNDARY.gluedBefore(t, s, joiner) || BOUNDARY.gluedAfter(t, e3, joiner)) {
            return Candidate.of(s, e3, false, RejectReason.TOKEN_BOUNDARY);
        }
        int a = number(t, s, e);
        int b = number(t, s2, e2);
        int year = number(t, s3, e3);
        boolean twoDigit = yearLength == 2;
        RejectReason dayFirst = calendar.judge(year, twoDigit, b, a);
        RejectReason monthFirst = calendar.judge(year, twoDigit, a, b);
        RejectReason reason = dayFirst == null || monthFirst == null ? null
                : dayFirst == RejectReason.DEGENERATE || monthFirst == RejectReason.DEGENERATE
                        ? RejectReason.DEGENERATE : RejectReason.INVALID_RANGE;
        return new Candidate(s, e3, false, timestampFollows(t, e3), reason);
    }

    /** 1987-03-14, 1987/03/14, 1987.03.14 (and ISO's time after a T); or masked, 1987-XX-XX. */
    private Candidate yearFirst(ScanText text, String t, int r, int s, int e) {
        int n = t.length();
        if (e >= n || !isNumericSeparator(t.charAt(e))) {
            return null;
        }
        char sep = t.charAt(e);
        int year = number(t, s, e);
        if (r + 1 < text.digitRunCount() && text.digitRunStart(r + 1) == e + 1) {
            int e2 = text.digitRunEnd(r + 1);
            if (e2 - e - 1 > 2 || e2 >= n || t.charAt(e2) != sep || r + 2 >= text.digitRunCount()
                    || text.digitRunStart(r + 2) != e2 + 1) {
                return null;
            }
            int e3 = text.digitRunEnd(r + 2);
            if (e3 - e2 - 1 > 2) {
                return null;
            }
            if (BOUNDARY.gluedBefore(t, s) || (BOUNDARY.gluedAfter(t, e3) && !timeFollows(t, e3))) {
                return Candidate.of(s, e3, false, RejectReason.TOKEN_BOUNDARY);
            }
            return new Candidate(s, e3, false, timestampFollows(t, e3),
                    calendar.judge(year, false, number(t, e + 1, e2), number(t, e2 + 1, e3)));
        }
        // 1987-XX-XX: two masked groups of two after the year.
        int end = e + 6;
        if (end > n || !isMask(t, e + 1, e + 3) || t.charAt(e + 3) != sep || !isMask(t, e + 4, end)
                || (end < n && Chars.isMaskChar(t.charAt(end)))) {
            return null;
        }
        if (BOUNDARY.gluedBefore(t, s) || BOUNDARY.gluedAfter(t, end)) {
            return Candidate.of(s, end, true, RejectReason.TOKEN_BOUNDARY);
        }
        return Candidate.of(s, end, true, calendar.judgeYear(year, false));
    }

    /** XX/XX/1987, **.**.1987, ##-##-87: masked day and month before the year run [s, e). */
    private Candidate maskedBeforeYear(String t, int s, int e) {
        if (s < 6) {
            return null;
        }
        char sep = t.charAt(s - 1);
        if (!isNumericSeparator(sep) || t.charAt(s - 4) != sep || !isMask(t, s - 3, s - 1) || !isMask(t, s - 6, s - 4)) {
            return null;
        }
        int start = s - 6;
        if (start > 0 && Chars.isMaskChar(t.charAt(start - 1))) {
            return null;
        }
        if (BOUNDARY.gluedBefore(t, start) || BOUNDARY.gluedAfter(t, e)) {
            return Candidate.of(start, e, true, RejectReason.TOKEN_BOUNDARY);
        }
        return Candidate.of(start, e, true, calendar.judgeYear(number(t, s, e), e - s == 2));
    }

    /**
     * Chinese and Japanese 1987年3月14日, Korean 1987년 3월 14일: year, month and day runs each
     * followed by its mark. The text after the day mark is not read: those scripts glue words
     * without spaces (1987年3月14日生まれ, "born on").
     */
    private Candidate yearMonthDayMarks(ScanText text, String t, int r, int s, int e) {
        int n = t.length();
        char yearMark = e < n ? t.charAt(e) : 0;
        char monthMark;
        char dayMark;
        if (yearMark == '年') {
            monthMark = '月';
            dayMark = '日';
        } else if (yearMark == '년') {
            monthMark = '월';
            dayMark = '일';
        } else {
            return null;
        }
        if (r + 2 >= text.digitRunCount()) {
            return null;
        }
        int s2 = text.digitRunStart(r + 1);
        int e2 = text.digitRunEnd(r + 1);
        if (s2 != spaces(t, e + 1, s2) || e2 - s2 > 2 || e2 >= n || t.charAt(e2) != monthMark) {
            return null;
        }
        int s3 = text.digitRunStart(r + 2);
        int e3 = text.digitRunEnd(r + 2);
        if (s3 != spaces(t, e2 + 1, s3) || e3 - s3 > 2 || e3 >= n || t.charAt(e3) != dayMark) {
            return null;
        }
        int end = e3 + 1;
        if (BOUNDARY.gluedBefore(t, s) || (end < n && Chars.isDigit(t.charAt(end)))) {
            return Candidate.of(s, end, false, RejectReason.TOKEN_BOUNDARY);
        }
        return Candidate.of(s, end, false, calendar.judge(number(t, s, e), false, number(t, s2, e2), number(t, s3, e3)));
    }

    /**
     * ISO 8601's basic form, 19870314 (HL7 writes dates of birth so): eight digits starting 19 or
     * 20 with a month and day in range; any other eight digits are another number, not a candidate.
     */
    private Candidate basic(String t, int s, int e) {
        int year = number(t, s, s + 4);
        int month = number(t, s + 4, s + 6);
        int day = number(t, s + 6, e);
        if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        // After a '/', eight digits are a path's or a product's version (Gecko/20100101), not a date.
        boolean slashed = s > 0 && t.charAt(s - 1) == '/';
        if (slashed || BOUNDARY.gluedBefore(t, s) || (BOUNDARY.gluedAfter(t, e) && !timeFollows(t, e))) {
            return Candidate.of(s, e, false, RejectReason.TOKEN_BOUNDARY);
        }
        return Candidate.of(s, e, false, calendar.judge(year, false, month, day));
    }

    /**
     * Day, month name, year: 14 March 1987, 14th of March, 1987, 14. März 1987, 14 de marzo de 1987,
     * 1er mars 1987, 14-Mar-1987, 14/Mar/87. The year is the next digit run; what lies between is
     * read once, left to right.
     */
    private Candidate dayMonthNameYear(ScanText text, String t, int r, int s, int e) {
        if (r + 1 >= text.digitRunCount()) {
            return null;
        }
        int ys = text.digitRunStart(r + 1);
        int ye = text.digitRunEnd(r + 1);
        int yearLength = ye - ys;
        if ((yearLength != 4 && yearLength != 2) || ys - e < 4 || ys - e > MAX_NAMED_GAP) {
            return null;
        }
        int p = ordinalEnd(t, e, ys);
        char joiner = t.charAt(p);
        if (joiner == '.') { // 14. März
            p = spaces(t, p + 1, ys);
            joiner = ' ';
        } else if (joiner == '-' || joiner == '/') {
            p++;
        } else if (joiner == ' ') {
            p = spaces(t, p, ys);
        } else {
            return null;
        }
        if (joiner == ' ') {
            p = linkingWord(t, p, ys, false); // 14 de marzo, 14th of March
        }
        int monthStart = p;
        p = letters(t, p, ys);
        int month = MonthNames.month(t, monthStart, p);
        if (month == 0) {
            return null;
        }
        if (p < ys && t.charAt(p) == '.') { // Mar. 1987
            p++;
        }
        if (joiner == ' ') {
            if (p < ys && t.charAt(p) == ',') {
                p++;
            }
            int afterSpaces = spaces(t, p, ys);
            if (afterSpaces == p) {
                return null;
            }
            p = linkingWord(t, afterSpaces, ys, true); // de 1987, del 1987
        } else if (p < ys && t.charAt(p) == joiner) {
            p++;
        } else {
            return null;
        }
        // Two-digit years only in the dashed and slashed forms (14-MAR-87): "5 May 12" is prose.
        if (p != ys || (yearLength == 2 && joiner == ' ')) {
            return null;
        }
        if (BOUNDARY.gluedBefore(t, s) || BOUNDARY.gluedAfter(t, ye)) {
            return Candidate.of(s, ye, false, RejectReason.TOKEN_BOUNDARY);
        }
        return Candidate.of(s, ye, false, calendar.judge(number(t, ys, ye), yearLength == 2, month, number(t, s, e)));
    }

    /** Month name, day, year: March 14, 1987, Mar. 14th 1987. The day is run r, the year the next. */
    private Candidate monthNameDayYear(ScanText text, String t, int r, int s, int e) {
        if (s < 4 || t.charAt(s - 1) != ' ' || r + 1 >= text.digitRunCount()) {
            return null;
        }
        int ys = text.digitRunStart(r + 1);
        int ye = text.digitRunEnd(r + 1);
        if (ye - ys != 4 || ys - e > 6) {
            return null;
        }
        int p = ordinalEnd(t, e, ys);
        if (p < ys && t.charAt(p) == ',') {
            p++;
        }
        if (p == ys || spaces(t, p, ys) != ys) {
            return null;
        }
        int monthEnd = s - 1;
        if (t.charAt(monthEnd - 1) == '.') {
            monthEnd--;
        }
        int monthStart = monthEnd;
        while (monthStart > 0 && monthEnd - monthStart <= MonthNames.MAX_LENGTH
                && Character.isLetter(t.charAt(monthStart - 1))) {
            monthStart--;
        }
        int month = MonthNames.month(t, monthStart, monthEnd);
        if (month == 0) {
            return null;
        }
        if (BOUNDARY.gluedBefore(t, monthStart) || BOUNDARY.gluedAfter(t, ye)) {
            return Candidate.of(monthStart, ye, false, RejectReason.TOKEN_BOUNDARY);
        }
        return Candidate.of(monthStart, ye, false, calendar.judge(number(t, ys, ye), false, month, number(t, s, e)));
    }

    /**
     * A date wholly masked, {@code **}{@code /**}{@code /****}, {@code XX.XX.XXXX}, {@code XXXX-XX-XX},
     * starting at {@code from}, or null: only asked of short texts, as nothing of it is in the
     * digit index.
     */
    static Candidate whollyMasked(String t, int from) {
        int n = t.length();
        int g1 = maskRun(t, from);
        int p = from + g1;
        if (g1 == 0 || p >= n || !isNumericSeparator(t.charAt(p))) {
            return null;
        }
        char sep = t.charAt(p);
        int g2 = maskRun(t, p + 1);
        p += 1 + g2;
        if (p >= n || t.charAt(p) != sep) {
            return null;
        }
        int g3 = maskRun(t, p + 1);
        int end = p + 1 + g3;
        boolean dayFirst = g1 <= 2 && g2 >= 1 && g2 <= 2 && (g3 == 2 || g3 == 4);
        boolean yearFirst = g1 == 4 && g2 == 2 && g3 == 2;
        if (!(dayFirst || yearFirst) || !BOUNDARY.standalone(t, from, end)) {
            return null;
        }
        return Candidate.of(from, end, true, null);
    }

    /** The end of an ordinal suffix at p (st nd rd th, French er, º ª °), or p. */
    private static int ordinalEnd(String t, int p, int limit) {
        if (p >= limit) {
            return p;
        }
        char c = t.charAt(p);
        if (c == 'º' || c == 'ª' || c == '°') {
            return p + 1;
        }
        if (p + 2 > limit || (p + 2 < limit && Character.isLetter(t.charAt(p + 2)))) {
            return p;
        }
        char a = (char) (c | 0x20);
        char b = (char) (t.charAt(p + 1) | 0x20);
        boolean suffix = (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd')
                || (a == 't' && b == 'h') || (a == 'e' && b == 'r');
        return suffix ? p + 2 : p;
    }

    /**
     * Past a word linking day, month and year and the spaces after it: "de" (es, pt), "of" or
     * "of the" before the month; "de" or "del" before the year. Else p.
     */
    private static int linkingWord(String t, int p, int limit, boolean beforeYear) {
        int end = letters(t, p, limit);
        int length = end - p;
        if (length < 2 || length > 3 || end >= limit || t.charAt(end) != ' ') {
            return p;
        }
        char a = (char) (t.charAt(p) | 0x20);
        char b = (char) (t.charAt(p + 1) | 0x20);
        boolean de = a == 'd' && b == 'e' && (length == 2 || (beforeYear && (t.charAt(p + 2) | 0x20) == 'l'));
        boolean of = !beforeYear && length == 2 && a == 'o' && b == 'f';
        if (!de && !of) {
            return p;
        }
        int next = spaces(t, end, limit);
        if (of && next + 4 < limit && (t.charAt(next) | 0x20) == 't' && (t.charAt(next + 1) | 0x20) == 'h'
                && (t.charAt(next + 2) | 0x20) == 'e' && t.charAt(next + 3) == ' ') {
            next = spaces(t, next + 3, limit);
        }
        return next;
    }

    private static int letters(String t, int p, int limit) {
        while (p < limit && Character.isLetter(t.charAt(p))) {
            p++;
        }
        return p;
    }

    private static int spaces(String t, int p, int limit) {
        while (p < limit && t.charAt(p) == ' ') {
            p++;
        }
        return p;
    }

    private static int maskRun(String t, int p) {
        int i = p;
        while (i < t.length() && i - p < 5 && Chars.isMaskChar(t.charAt(i))) {
            i++;
        }
        return i - p;
    }

    /**
     * A time of day after the date ({@code T} or a space, then {@code HH:MM[:SS[.fff]]}) that is
     * not how a birth date is written with a time: midnight, or midnight of another time zone
     * ({@code 1987-03-14T05:00:00.000Z}, {@code T18:30:00Z}), has a whole, half or quarter hour
     * and zero seconds; a log's timestamp nearly never does (three minutes in sixty, then one
     * second in sixty). Read only for dates, so log lines cost no keyword search.
     */
    static boolean timestampFollows(String t, int end) {
        int n = t.length();
        if (end + 6 > n || (t.charAt(end) != 'T' && t.charAt(end) != ' ')) {
            return false;
        }
        int p = end + 1;
        if (!Chars.isDigit(t.charAt(p)) || !Chars.isDigit(t.charAt(p + 1)) || t.charAt(p + 2) != ':'
                || !Chars.isDigit(t.charAt(p + 3)) || !Chars.isDigit(t.charAt(p + 4))) {
            return false;
        }
        int minutes = number(t, p + 3, p + 5);
        boolean midnight = minutes == 0 || minutes == 30 || minutes == 45;
        p += 5;
        if (p + 2 < n && t.charAt(p) == ':' && Chars.isDigit(t.charAt(p + 1)) && Chars.isDigit(t.charAt(p + 2))) {
            midnight &= t.charAt(p + 1) == '0' && t.charAt(p + 2) == '0';
            p += 3;
            if (p < n && (t.charAt(p) == '.' || t.charAt(p) == ',')) {
                for (p++; p < n && Chars.isDigit(t.charAt(p)); p++) {
                    midnight &= t.charAt(p) == '0';
                }
            }
        }
        return !midnight;
    }

    /** ISO 8601's date-time: a 'T' and a digit after the date are its time, not a longer token. */
    private static boolean timeFollows(String t, int end) {
        return end + 1 < t.length() && t.charAt(end) == 'T' && Chars.isDigit(t.charAt(end + 1));
    }

    private static boolean isNumericSeparator(char c) {
        return c == '/' || c == '-' || c == '.';
    }

    private static boolean isMask(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Chars.isMaskChar(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (t.charAt(i) - '0');
        }
        return v;
    }
}
