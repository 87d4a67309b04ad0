package dev.piigate.detectors.ip;

import dev.piigate.detectors.RejectReason;

/**
 * One IPv6 text read from a hex/colon token (RFC 4291 §2.2): groups of one to four hex digits,
 * at most one {@code ::}, eight groups without it and at most seven with it, and an optional
 * dotted quad in place of the last two groups. A group of mask chars ({@code xxxx}) reads as
 * masked. {@code end} is where the address ends (after an embedded quad, it is past the token).
 *
 * @param reason        why it is no address, or null
 * @param smallDecimals every group written is a decimal of one or two digits ({@code 1::2}):
 *                      a slice or a count, not an address anyone was given
 */
record Parse(int end, RejectReason reason, long hi, long lo, boolean masked, boolean smallDecimals) {

    private static Parse fail(int end, RejectReason reason) {
        return new Parse(end, reason, 0, 0, false, false);
    }

    static Parse of(String t, int l, int r) {
        if (r - l < 2) {
            return fail(Math.max(r, l + 1), RejectReason.INVALID_PATTERN);
        }
        int[] words = new int[8];
        int count = 0;
        int gap = -1;
        boolean masked = false;
        boolean bytes = true;
        boolean small = true;
        boolean quad = false;
        int end = r;
        int p = l;
        if (t.charAt(p) == ':') {
            if (t.charAt(p + 1) != ':') {
                return fail(r, RejectReason.INVALID_PATTERN);
            }
            gap = 0;
            p += 2;
        }
        while (p < r) {
            int gs = p;
            while (p < r && t.charAt(p) != ':') {
                p++;
            }
            int len = p - gs;
            if (len == 0) {
                return fail(r, RejectReason.INVALID_PATTERN); // ":::"
            }
            if (p == r && r < t.length() && t.charAt(r) == '.') {
                int quadEnd = Quads.endOfQuadAt(t, gs);
                if (quadEnd > 0) {
                    int v = Quads.value(t, gs, quadEnd);
                    if (count + 2 <= 8) {
                        words[count] = v >>> 16;
                        words[count + 1] = v & 0xFFFF;
                    }
                    count += 2;
                    end = quadEnd;
                    quad = true;
                    break;
                }
            }
            int value = group(t, gs, p);
            if (value == -1) {
                return fail(r, len > 4 ? RejectReason.INVALID_LENGTH : RejectReason.INVALID_PATTERN);
            }
            masked |= value == -2;
            bytes &= len == 2;
            small &= len <= 2 && value >= 0 && decimal(t, gs, p);
            if (count < 8) {
                words[count] = Math.max(0, value);
            }
            count++;
            if (p == r) {
                break;
            }
            if (p + 1 < r && t.charAt(p + 1) == ':') {
                if (gap >= 0) {
                    return fail(r, RejectReason.INVALID_PATTERN); // two "::"
                }
                gap = count;
                p += 2;
            } else {
                p++;
            }
        }
        if (gap < 0 && bytes && !quad && count >= 6) {
            return fail(end, RejectReason.KNOWN_FALSE_POSITIVE); // MAC, EUI-64, key fingerprint
        }
        if (count == 0 || (gap < 0 && count != 8) || (gap >= 0 && count > 7)) {
            return fail(end, RejectReason.INVALID_GROUPING); // clock times, too many groups
        }
        int[] full = new int[8];
        if (gap < 0) {
            System.arraycopy(words, 0, full, 0, 8);
        } else {
            System.arraycopy(words, 0, full, 0, gap);
            System.arraycopy(words, gap, full, 8 - (count - gap), count - gap);
        }
        long hi = (long) full[0] << 48 | (long) full[1] << 32 | (long) full[2] << 16 | full[3];
        long lo = (long) full[4] << 48 | (long) full[5] << 32 | (long) full[6] << 16 | full[7];
        return new Parse(end, null, hi, lo, masked, small && !quad);
    }

    /**
     * The value of the group [s, e): 0-0xFFFF for one to four hex digits of one case, -2 for one to
     * four mask chars, -1 for anything else (too long, mixed case as in a word, other chars).
     */
    private static int group(String t, int s, int e) {
        if (e - s > 4) {
            return -1;
        }
        boolean upper = false;
        boolean lower = false;
        int masks = 0;
        int v = 0;
        for (int i = s; i < e; i++) {
            char c = t.charAt(i);
            if (IpAddressDetector.isMask(c)) {
                masks++;
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || c > 'f') {
                return -1;
            }
            upper |= c >= 'A' && c <= 'F';
            lower |= c >= 'a' && c <= 'f';
            v = v << 4 | d;
        }
        if (masks > 0) {
            return masks == e - s ? -2 : -1;
        }
        return upper && lower ? -1 : v;
    }

    private static boolean decimal(String t, int s, int e) {
        for (int i = s; i < e; i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
