package dev.piigate.detectors.card;

/**
 * Issuer identification number (IIN) ranges of the card brands we report, with the PAN lengths each
 * brand issues. Sources: ISO/IEC 7812 via Wikipedia "Payment card number" (IIN ranges table), the
 * brand lists of AWS Macie's CREDIT_CARD_NUMBER identifier (Amex, Dankort, Diners, Discover,
 * Electron, JCB, Mastercard, UnionPay, Visa) and Braintree's credit-card-type patterns. Regional
 * schemes (Verve, Elo, RuPay 81-82, Troy, UzCard, Humo, BORICA, Napas): the same Wikipedia table
 * (revision of 2024-07-19, which cites Forbes India for RuPay and Chargeback Gurus for Troy); Elo
 * (absent there): the ranges of issue 11, which match the Elo BIN patterns Brazilian payment
 * libraries use. Elo's ranges inside Visa's 4 and Discover's 65 are covered by those rows. A
 * scheme nobody listed is still reported when a card keyword or a card field names the number
 * ({@link CardDetector}).
 *
 * <p>Ranges are stored as six-digit bounds so one comparison covers a 1- to 6-digit prefix, sorted
 * by lower bound. Overlaps are fine (Discover's 622126-622925 sits inside UnionPay's 62): a number
 * is known when any range holding its prefix also allows its length.
 */
final class IssuerPrefixes {
    private IssuerPrefixes() {}

    private static final int L13 = 1 << 13;
    private static final int L14 = 1 << 14;
    private static final int L15 = 1 << 15;
    private static final int L16 = 1 << 16;
    private static final int L17 = 1 << 17;
    private static final int L18 = 1 << 18;
    private static final int L19 = 1 << 19;
    private static final int L14_19 = L14 | L15 | L16 | L17 | L18 | L19;
    private static final int L16_19 = L16 | L17 | L18 | L19;
    private static final int L13_19 = L13 | L14_19;
    private static final int L16_18_19 = L16 | L18 | L19;

    /** {low, high, allowed lengths as a bit set}: sorted by low; bounds padded to six digits. */
    private static final int[][] RANGES = {
        {220000, 220499, L16_19},              // Mir 2200-2204
        {220500, 220599, L16_19},              // BORICA 2205 (Bulgaria)
        {222100, 272099, L16},                 // Mastercard 2-series 2221-2720
        {300000, 305999, L14_19},              // Diners Club / Carte Blanche 300-305
        {309500, 309599, L14_19},              // Diners Club 3095
        {340000, 349999, L15},                 // American Express 34
        {352800, 358999, L16_19},              // JCB 3528-3589 (RuPay 353, 356 and LankaPay 357111 co-brands within)
        {360000, 369999, L14_19},              // Diners Club International 36
        {370000, 379999, L15},                 // American Express 37
        {380000, 399999, L14_19},              // Diners Club 38-39
        {400000, 499999, L13 | L16 | L19},     // Visa 4 (Visa Electron 4026, 417500, 4508, 4844, 4913, 4917 within)
        {501800, 501899, L13_19},              // Maestro 5018
        {501900, 501999, L16},                 // Dankort 5019
        {502000, 502099, L13_19},              // Maestro 5020
        {503800, 503899, L13_19},              // Maestro 5038
        {504175, 504175, L16},                 // Elo 504175 (Brazil)
        {506099, 506198, L16_18_19},           // Verve 506099-506198 (Nigeria)
        {506699, 506778, L16},                 // Elo 506699-506778
        {507865, 507964, L16_18_19},           // Verve 507865-507964
        {508000, 508999, L16},                 // RuPay 508
        {509000, 509999, L16},                 // Elo 509000-509999
        {510000, 559999, L16},                 // Mastercard 51-55
        {561400, 561499, L16},                 // UzCard 5614 (Uzbekistan)
        {589300, 589399, L13_19},              // Maestro 5893
        {600000, 609999, L16},                 // RuPay 60
        {601100, 601199, L16_19},              // Discover 6011
        {620000, 629999, L16_19},              // UnionPay 62 (Elo 627780 within)
        {622126, 622925, L16_19},              // Discover / UnionPay co-brand 622126-622925
        {630400, 630499, L13_19},              // Maestro 6304
        {636297, 636297, L16},                 // Elo 636297
        {636368, 636368, L16},                 // Elo 636368
        {644000, 649999, L16_19},              // Discover 644-649
        {650000, 659999, L16_19},              // Discover 65 (RuPay 65, Elo 6500-6555 within)
        {650002, 650027, L16_18_19},           // Verve 650002-650027
        {675900, 675999, L13_19},              // Maestro 6759 (Maestro UK)
        {676100, 676399, L13_19},              // Maestro 6761-6763
        {810000, 829999, L16},                 // RuPay 81-82 (India)
        {860000, 860099, L16},                 // UzCard 8600
        {970400, 970499, L16 | L19},           // Napas 9704 (Vietnam)
        {979200, 979289, L16},                 // Troy 979200-979289 (Turkey)
        {986000, 986099, L16},                 // Humo 9860 (Uzbekistan)
    };

    /** Whether a number whose first six digits are {@code first6} and length is {@code length} is issued. */
    static boolean isKnown(int first6, int length) {
        return overlaps(first6, first6, length);
    }

    /**
     * Whether some issued number of {@code length} digits can start with the {@code count} visible
     * leading digits {@code visible} (0 to 6 of them): used for masked values.
     */
    static boolean couldBeKnown(int visible, int count, int length) {
        int scale = 1;
        for (int k = count; k < 6; k++) {
            scale *= 10;
        }
        return overlaps(visible * scale, visible * scale + scale - 1, length);
    }

    private static boolean overlaps(int low, int high, int length) {
        int lengthBit = 1 << length;
        for (int[] r : RANGES) {
            if (r[0] > high) {
                return false; // sorted by low bound: no later range can hold the prefix
            }
            if (r[1] >= low && (r[2] & lengthBit) != 0) {
                return true;
            }
        }
        return false;
    }
}
