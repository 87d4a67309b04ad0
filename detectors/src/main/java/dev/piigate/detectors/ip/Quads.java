package dev.piigate.detectors.ip;

import dev.piigate.detectors.Chars;

/**
 * Strict dotted quads read at a known position: four decimal octets 0-255 of one to three digits
 * with no leading zero (RFC 4291's dotted-decimal part of an IPv6 address; the ends of a range
 * {@code 10.0.0.1-10.0.0.9}). Reads at most 15 chars.
 */
final class Quads {
    private Quads() {}

    /** The end of a strict quad starting at {@code start} and not followed by a fifth group, or -1. */
    static int endOfQuadAt(String t, int start) {
        int n = t.length();
        int p = start;
        for (int g = 0; g < 4; g++) {
            if (g > 0) {
                if (p >= n || t.charAt(p) != '.') {
                    return -1;
                }
                p++;
            }
            int s = p;
            while (p < n && p - s < 4 && Chars.isDigit(t.charAt(p))) {
                p++;
            }
            if (!octet(t, s, p)) {
                return -1;
            }
        }
        if (p + 1 < n && t.charAt(p) == '.' && Chars.isDigit(t.charAt(p + 1))) {
            return -1;
        }
        return p;
    }

    /** The quad read by {@link #endOfQuadAt} as a 32-bit value. */
    static int value(String t, int start, int end) {
        int v = 0;
        int octet = 0;
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            if (c == '.') {
                v = v << 8 | octet;
                octet = 0;
            } else {
                octet = octet * 10 + (c - '0');
            }
        }
        return v << 8 | octet;
    }

    /** A strict quad starts at {@code start} (and no digit or dot is right before it). */
    static boolean startsAt(String t, int start) {
        return start < t.length() && endOfQuadAt(t, start) > 0;
    }

    /** A strict quad ends at {@code end} (exclusive), with no digit or dot right before it. */
    static boolean endsAt(String t, int end) {
        int p = end;
        for (int g = 0; g < 4; g++) {
            if (g > 0) {
                if (p <= 0 || t.charAt(p - 1) != '.') {
                    return false;
                }
                p--;
            }
            int e = p;
            while (p > 0 && e - p < 4 && Chars.isDigit(t.charAt(p - 1))) {
                p--;
            }
            if (!octet(t, p, e)) {
                return false;
            }
        }
        return p == 0 || !(Chars.isDigit(t.charAt(p - 1)) || t.charAt(p - 1) == '.');
    }

    private static boolean octet(String t, int s, int e) {
        int len = e - s;
        if (len < 1 || len > 3 || (len > 1 && t.charAt(s) == '0')) {
            return false;
        }
        return IpAddressDetector.number(t, s, len) <= 255;
    }
}
