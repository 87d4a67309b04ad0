package dev.piigate.jobs.read;

import dev.piigate.detectors.card.CardDetector;

/**
 * Spreadsheet numbers that may be card numbers nobody can check any more. Excel keeps 15
 * significant digits: a 16-digit card typed into a numeric cell is stored with its last digit
 * replaced by 0 ({@code 4550112159504167} becomes {@code 4550112159504160}), and a double holds no
 * integer above 2^53 exactly. The stored digits fail the Luhn check, so no detector reports them,
 * yet the first 15 digits of the card are there. Such a cell is counted here; a document with one
 * is not COMPLETE (see {@link DocumentReader}).
 *
 * <p>Counted: an integer of 16 to 19 digits (card lengths) beginning with 2 to 6 (the issuers'
 * first digits), with at most 15 significant digits or above 2^53, that fails the Luhn check. Ids
 * of that shape in numeric cells lost their digits the same way, so they are worth a look too.
 */
final class UnverifiableNumbers {
    private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    private long count;

    /** @param plain a number in plain digits, as {@link NumberText#plainDecimal} writes it */
    void check(String plain) {
        if (isUnverifiableCard(plain)) {
            count++;
        }
    }

    long count() {
        return count;
    }

    static boolean isUnverifiableCard(String plain) {
        int n = plain.length();
        if (n < 16 || n > 19 || plain.charAt(0) < '2' || plain.charAt(0) > '6') {
            return false;
        }
        int significant = n;
        for (int i = 0; i < n; i++) {
            char c = plain.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        while (significant > 0 && plain.charAt(significant - 1) == '0') {
            significant--;
        }
        boolean lostDigits = significant <= 15 || new java.math.BigInteger(plain)
                .compareTo(java.math.BigInteger.valueOf(EXACT_DOUBLE_LIMIT)) > 0;
        return lostDigits && !CardDetector.luhn(plain, 0, n);
    }
}
