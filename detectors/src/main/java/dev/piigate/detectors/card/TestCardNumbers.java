package dev.piigate.detectors.card;

import java.util.Arrays;

/**
 * Card numbers that payment providers publish for testing: reported with {@code testValue=true},
 * the way Macie leaves them out of its findings. Sources: Stripe "Testing" docs (cards by brand,
 * declines), PayPal Payflow / Braintree sandbox card lists, Authorize.net testing guide, Adyen and
 * Worldpay test cards. Each is Luhn-valid with a known issuer prefix (checked by a unit test).
 */
final class TestCardNumbers {
    private TestCardNumbers() {}

    private static final String[] PUBLISHED = {
        // Visa
        "4000000000000002", "4000000000000069", "4000000000000077", "4000000000000119", "4000000000000127",
        "4000000000003220", "4000000000009987", "4000000000009995", "4000002500003155", "4000002760003184",
        "4000056655665556", "4005519200000004", "4007000000027", "4009348888881881", "4012000033330026",
        "4012000077777777", "4012888818888", "4012888888881881", "4111111111111111", "4111111145551142",
        "4217651111111119", "4222222222222", "4242424242424242", "4444333322221111", "4500600000000061",
        "4917610000000000",
        // Mastercard
        "2222400070000005", "2223000048400011", "2223003122003222", "5105105105105100", "5200828282828210",
        "5424000000000015", "5425233430109903", "5454545454545454", "5500000000000004", "5555341244441115",
        "5555555555554444",
        // American Express
        "370000000000002", "371449635398431", "378282246310005", "378734493671000",
        // Diners Club
        "3056930009020004", "30569309025904", "36227206271667", "38000000000006", "38520000023237",
        // Discover
        "6011000000000012", "6011000990139424", "6011111111111117", "6011981111111113", "6555900000604105",
        // JCB
        "3530111333300000", "3566002020360505",
        // UnionPay
        "6200000000000005", "6200000000000047", "6205500000000000004",
        // Maestro, Dankort
        "5019717010103742", "6304000000000000", "6759649826438453",
    };

    /**
     * The numbers as unsigned longs (19 digits fit in 64 bits unsigned; no issued number starts
     * with 0, so the value alone identifies the digits), sorted for binary search.
     */
    private static final long[] VALUES = values();

    private static long[] values() {
        long[] v = new long[PUBLISHED.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Long.parseUnsignedLong(PUBLISHED[i]);
        }
        Arrays.sort(v);
        return v;
    }

    /** @param value the candidate's digits read as an unsigned long */
    static boolean isPublished(long value) {
        return Arrays.binarySearch(VALUES, value) >= 0;
    }

    /** For tests. */
    static String[] published() {
        return PUBLISHED.clone();
    }
}
