package dev.piigate.detectors.dob;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Month names and their usual abbreviations in English, French, German, Spanish, Portuguese and
 * Italian, lower case, with the unaccented spellings people type ({@code fevrier}, {@code aout},
 * {@code maerz}, {@code marco}) and Austrian {@code Jänner}. No two languages give one word
 * different months, so one table serves them all. Source: CLDR's month names, wide and
 * abbreviated, of en, en-GB, fr, de, de-AT, es, pt and it (MonthNamesTest checks the JDK's copy).
 */
final class MonthNames {
    /** Longest name in the table ({@code septiembre}); a longer word is not a month. */
    static final int MAX_LENGTH = 10;
    static final int MIN_LENGTH = 3;

    private static final Map<String, Integer> MONTHS = new HashMap<>();

    static {
        month(1, "january", "jan", "janvier", "janv", "januar", "jänner", "jaenner", "jän", "enero", "ene", "janeiro",
                "gennaio", "gen");
        month(2, "february", "feb", "février", "fevrier", "févr", "fevr", "fév", "fev", "februar", "febrero",
                "fevereiro", "febbraio");
        month(3, "march", "mar", "mars", "märz", "maerz", "marz", "mär", "mrz", "marzo", "março", "marco");
        month(4, "april", "apr", "avril", "avr", "abril", "abr", "aprile");
        month(5, "may", "mai", "mayo", "maio", "maggio", "mag");
        month(6, "june", "jun", "juin", "juni", "junio", "junho", "giugno", "giu");
        month(7, "july", "jul", "juillet", "juil", "juli", "julio", "julho", "luglio", "lug");
        month(8, "august", "aug", "août", "aout", "agosto", "ago");
        month(9, "september", "sep", "sept", "septembre", "septiembre", "setiembre", "set", "setembro",
                "settembre");
        month(10, "october", "oct", "octobre", "oktober", "okt", "octubre", "outubro", "out", "ottobre", "ott");
        month(11, "november", "nov", "novembre", "noviembre", "novembro");
        month(12, "december", "dec", "décembre", "decembre", "déc", "dezember", "dez", "diciembre", "dic",
                "dezembro", "dicembre");
    }

    private MonthNames() {}

    private static void month(int month, String... names) {
        for (String name : names) {
            if (name.length() > MAX_LENGTH || name.length() < MIN_LENGTH) {
                throw new IllegalStateException("month name length out of bounds: " + name);
            }
            Integer clash = MONTHS.put(name, month);
            if (clash != null && clash != month) {
                throw new IllegalStateException("two months for " + name);
            }
        }
    }

    /** The month (1-12) the letters of [start, end) name, any case; 0 if they name none. */
    static int month(CharSequence t, int start, int end) {
        int length = end - start;
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return 0;
        }
        // Called for candidates only (a day or year run next to a word), never per char of the text.
        Integer m = MONTHS.get(t.subSequence(start, end).toString().toLowerCase(Locale.ROOT));
        return m == null ? 0 : m;
    }
}
