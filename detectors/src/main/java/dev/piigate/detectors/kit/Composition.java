package dev.piigate.detectors.kit;

/**
 * What a span is made of: capitals, small letters, digits, other chars, distinct chars, and
 * whether every char is a hex digit. Random secrets mix cases and use many distinct chars;
 * hashes are hex; placeholders and identifiers are neither random nor hex
 * ({@code AIzaaaaaaaaa...}, {@code hf_requiredCharacteristicTypes...}).
 */
public record Composition(int upper, int lower, int digits, int other, int distinct, boolean hex) {

    public static Composition of(CharSequence s, int start, int end) {
        int upper = 0;
        int lower = 0;
        int digits = 0;
        int other = 0;
        long seenLow = 0;
        long seenHigh = 0;
        int distinct = 0;
        boolean hex = true;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper++;
                hex &= c <= 'F';
            } else if (c >= 'a' && c <= 'z') {
                lower++;
                hex &= c <= 'f';
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                other++;
                hex = false;
            }
            if (c < 64) {
                if ((seenLow >>> c & 1) == 0) {
                    distinct++;
                    seenLow |= 1L << c;
                }
            } else if (c < 128) {
                if ((seenHigh >>> (c - 64) & 1) == 0) {
                    distinct++;
                    seenHigh |= 1L << (c - 64);
                }
            } else {
                distinct++; // not a token char; counted each time, which only makes it look more varied
            }
        }
        return new Composition(upper, lower, digits, other, distinct, hex && end > start);
    }

    /** Holds capitals and small letters both. */
    public boolean mixesCase() {
        return upper > 0 && lower > 0;
    }

    public int length() {
        return upper + lower + digits + other;
    }
}
