package dev.piigate.detectors.dob;

import java.time.LocalDate;

import dev.piigate.detectors.RejectReason;

/**
 * Whether a year, month and day are a plausible birth date: a day of the Gregorian calendar
 * (29 February only in leap years), from 1900 on, and not after the latest day a birth can
 * have happened. Dates are compared as {@code yyyymmdd} ints; no {@link LocalDate} is built per
 * candidate (its factory throws for a bad day, and exceptions are no way to say "no").
 */
final class BirthCalendar {
    /** Birth dates before this year are historical figures, not the people of a dataset. */
    static final int MIN_YEAR = 1900;
    /** What systems write for an unknown date of birth (SQL Server's and many forms' zero date). */
    static final int PLACEHOLDER = 1900_01_01;

    /** The latest plausible birth date, yyyymmdd. */
    private final int latest;

    /**
     * @param today the day the scan runs (UTC); a birth date may be one day later than it, as a
     *              person born today east of UTC was born "tomorrow" in UTC
     */
    BirthCalendar(LocalDate today) {
        LocalDate last = today.plusDays(1);
        this.latest = key(last.getYear(), last.getMonthValue(), last.getDayOfMonth());
    }

    int latestYear() {
        return latest / 10_000;
    }

    /**
     * Why year / month / day is not a birth date, or null. With {@code twoDigitYear} the year is
     * 0-99 and means the latest century that does not put the date after {@link #latest}: a
     * birth date lies in the past, so {@code 14/03/87} is 1987 and {@code 14/03/05} is 2005.
     */
    RejectReason judge(int year, boolean twoDigitYear, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return RejectReason.INVALID_RANGE;
        }
        int y = year;
        if (twoDigitYear) {
            int century = latestYear() / 100 * 100;
            y = century + year;
            if (key(y, month, day) > latest) {
                y -= 100;
            }
        }
        if (day > daysIn(y, month) || y < MIN_YEAR || key(y, month, day) > latest) {
            return RejectReason.INVALID_RANGE;
        }
        return key(y, month, day) == PLACEHOLDER ? RejectReason.DEGENERATE : null;
    }

    /** A year a masked date may show ({@code XX/XX/1987}): within the birth years. */
    RejectReason judgeYear(int year, boolean twoDigitYear) {
        return twoDigitYear || (year >= MIN_YEAR && year <= latestYear()) ? null : RejectReason.INVALID_RANGE;
    }

    static boolean isLeap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    static int key(int year, int month, int day) {
        return year * 10_000 + month * 100 + day;
    }
}
