package dev.piigate.detectors.dob;

import java.util.Arrays;

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

    /**
     * Names by length and first letter (every name starts with an ASCII letter), each followed by
     * its month: a lookup compares a handful of names in place and allocates nothing.
     */
    private static final String[][][] BY_LENGTH_AND_FIRST = new String[MAX_LENGTH + 1][26][0];
    private static final int[][][] MONTH_OF = new int[MAX_LENGTH + 1][26][0];

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
            int first = name.charAt(0) - 'a';
            if (name.length() > MAX_LENGTH || name.length() < MIN_LENGTH || first < 0 || first >= 26
                    || !name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalStateException("month name out of bounds: " + name);
            }
            String[] bucket = BY_LENGTH_AND_FIRST[name.length()][first];
            if (Arrays.asList(bucket).contains(name)) {
                throw new IllegalStateException("month name twice: " + name);
            }
            bucket = Arrays.copyOf(bucket, bucket.length + 1);
            bucket[bucket.length - 1] = name;
            BY_LENGTH_AND_FIRST[name.length()][first] = bucket;
            int[] months = Arrays.copyOf(MONTH_OF[name.length()][first], bucket.length);
            months[bucket.length - 1] = month;
            MONTH_OF[name.length()][first] = months;
        }
    }

    /** The month (1-12) the letters of [start, end) name, any case; 0 if they name none. */
    static int month(CharSequence t, int start, int end) {
        int length = end - start;
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return 0;
        }
        int first = (t.charAt(start) | 0x20) - 'a';
        if (first < 0 || first >= 26) {
            return 0;
        }
        String[] bucket = BY_LENGTH_AND_FIRST[length][first];
        for (int k = 0; k < bucket.length; k++) {
            if (sameLetters(t, start, bucket[k])) {
                return MONTH_OF[length][first][k];
            }
        }
        return 0;
    }

    private static boolean sameLetters(CharSequence t, int start, String lowerName) {
        for (int i = 1; i < lowerName.length(); i++) {
            char c = t.charAt(start + i);
            char lower = c < 0x80 ? (char) (c >= 'A' && c <= 'Z' ? c + 32 : c) : Character.toLowerCase(c);
            if (lower != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
