package dev.piigate.jobs.testing;

/** Check digits for the test-data generators (samples, bench): written once, used by both. */
public final class CheckDigits {
    private CheckDigits() {}

    /** The Luhn digit that makes {@code payload} followed by it valid. */
    public static int luhn(CharSequence payload) {
        int sum = 0;
        for (int i = payload.length() - 1, k = 0; i >= 0; i--, k++) {
            int d = payload.charAt(i) - '0';
            if (k % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    /** ISO 7064 mod 97-10 with letters as numbers (A=10 ... Z=35), as IBANs use it. */
    public static int mod97(String s) {
        int r = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            r = v > 9 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
        }
        return r;
    }
}
