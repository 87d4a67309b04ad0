package dev.piigate.detectors.card;

/**
 * The digit groupings card numbers are printed and typed in. Sources: embossing conventions
 * (Amex 4-6-5, Diners 4-6-4 / 4-6-6 / 4-6-9, UnionPay/Maestro 19 as 6-13) and the {@code gaps} of Braintree's
 * credit-card-type and Stripe Elements (every other brand is split after digits 4, 8 and 12, so
 * 4-4-4-n; some issuers continue with groups of four to 4-4-4-4-n). Runs like {@code 19 20 21 22}
 * or the 4-digit groups of a printed IBAN continuing past 19 digits fit none of them.
 *
 * <p>A grouping is packed as base-32 digits, first group most significant ({@code 4-6-5} is
 * {@code (4 * 32 + 6) * 32 + 5}), so checking a candidate costs no allocation.
 */
final class CardGroupings {
    private CardGroupings() {}

    /** More groups than this is never a card grouping. */
    static final int MAX_GROUPS = 5;

    /** The groupings by total digit count (13-19); index 0-12 unused. */
    private static final int[][][] GROUPINGS = new int[20][][];

    static {
        GROUPINGS[13] = new int[][] {{4, 4, 5}, {4, 3, 3, 3}, {4, 4, 4, 1}};
        GROUPINGS[14] = new int[][] {{4, 6, 4}, {4, 4, 4, 2}};
        GROUPINGS[15] = new int[][] {{4, 6, 5}, {4, 4, 4, 3}};
        GROUPINGS[16] = new int[][] {{4, 4, 4, 4}, {4, 6, 6}};
        GROUPINGS[17] = new int[][] {{4, 4, 4, 5}, {4, 4, 4, 4, 1}};
        GROUPINGS[18] = new int[][] {{4, 4, 4, 6}, {4, 4, 4, 4, 2}};
        GROUPINGS[19] = new int[][] {{4, 4, 4, 7}, {4, 4, 4, 4, 3}, {6, 13}, {4, 6, 9}};
    }

    /** Allowed packed groupings, indexed by total digit count. */
    private static final int[][] BY_LENGTH = new int[20][];

    static {
        for (int digits = 13; digits < 20; digits++) {
            BY_LENGTH[digits] = codes(GROUPINGS[digits]);
        }
    }

    /** The group lengths of each grouping of {@code digits} digits (13-19); a copy, for tests. */
    static int[][] groupings(int digits) {
        int[][] copy = new int[GROUPINGS[digits].length][];
        for (int g = 0; g < copy.length; g++) {
            copy[g] = GROUPINGS[digits][g].clone();
        }
        return copy;
    }

    private static int[] codes(int[][] groupings) {
        int[] out = new int[groupings.length];
        for (int g = 0; g < groupings.length; g++) {
            int code = 0;
            for (int len : groupings[g]) {
                code = push(code, len);
            }
            out[g] = code;
        }
        return out;
    }

    /** Appends a group of {@code length} digits to a packed grouping. */
    static int push(int code, int length) {
        return code * 32 + length;
    }

    /** Whether the packed grouping of {@code groups} groups is a card grouping of {@code digits} digits. */
    static boolean isCardGrouping(int code, int groups, int digits) {
        if (groups == 1) {
            return true; // unseparated
        }
        if (groups > MAX_GROUPS || digits < 13 || digits > 19) {
            return false;
        }
        for (int allowed : BY_LENGTH[digits]) {
            if (allowed == code) {
                return true;
            }
        }
        return false;
    }
}
