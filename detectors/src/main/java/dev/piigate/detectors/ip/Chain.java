package dev.piigate.detectors.ip;

import dev.piigate.detectors.Chars;

/**
 * A maximal chain of groups joined by single dots ({@code 203.0.113.7}, {@code 1.3.6.1.4.1.311},
 * {@code 192.168.x.x}): each group decimal digits and mask chars ({@code x X *}); a group holding
 * a mask char is masked, and must stand alone (not the tail of a word such as {@code box} or
 * {@code .xml}). The first groups' bounds are kept; the rest only counted.
 */
final class Chain {
    /** Groups whose bounds are kept: a quad and one more. */
    private static final int KEEP = 5;
    /** Groups read back to the left from the starting group: an anchor is at most a few groups in. */
    private static final int MAX_LEFT = 8;

    private final int[] starts = new int[KEEP];
    private final int[] ends = new int[KEEP];
    private final boolean[] masked = new boolean[KEEP];
    private int groups;
    private int end;

    /** An empty chain for {@link #around} to fill: one per scan, so a candidate allocates nothing. */
    Chain() {}

    /**
     * The chain with a group holding {@code at}, read into {@code into} (its old contents
     * replaced: the caller judges a chain before it reads the next), or null if no group does.
     */
    static Chain around(String t, int at, Chain into) {
        if (!inGroup(t.charAt(at))) {
            return null;
        }
        int first = at;
        while (first > 0 && inGroup(t.charAt(first - 1))) {
            first--;
        }
        for (int hops = 0; hops < MAX_LEFT && first >= 2 && t.charAt(first - 1) == '.'; hops++) {
            int groupEnd = first - 1;
            int s = groupEnd;
            while (s > 0 && inGroup(t.charAt(s - 1))) {
                s--;
            }
            if (s == groupEnd || (hasMask(t, s, groupEnd) && !standsAlone(t, s, groupEnd))) {
                break;
            }
            first = s;
        }
        Chain c = into;
        c.groups = 0;
        c.end = 0;
        java.util.Arrays.fill(c.masked, false);
        int n = t.length();
        int p = first;
        while (true) {
            int e = p;
            while (e < n && inGroup(t.charAt(e))) {
                e++;
            }
            boolean masked = hasMask(t, p, e);
            if (masked && !standsAlone(t, p, e)) {
                if (c.groups == 0) {
                    return null;
                }
                break;
            }
            if (c.groups < KEEP) {
                c.starts[c.groups] = p;
                c.ends[c.groups] = e;
                c.masked[c.groups] = masked;
            }
            c.groups++;
            c.end = e;
            if (e + 1 < n && t.charAt(e) == '.' && inGroup(t.charAt(e + 1))) {
                p = e + 1;
            } else {
                break;
            }
        }
        return c;
    }

    /** A char of a group: a digit, or a mask char standing for one ({@code 192.168.1xx.*5}). */
    static boolean inGroup(char c) {
        return Chars.isDigit(c) || IpAddressDetector.isMask(c);
    }

    private static boolean hasMask(String t, int start, int end) {
        for (int i = start; i < end; i++) {
            if (IpAddressDetector.isMask(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A masked group not glued to a letter: {@code x} in {@code 10.x.x.x}, not in {@code box} or {@code .xml}. */
    private static boolean standsAlone(String t, int start, int end) {
        return (start == 0 || !Chars.isAsciiLetterOrDigit(t.charAt(start - 1)))
                && (end >= t.length() || !Chars.isAsciiLetterOrDigit(t.charAt(end)));
    }

    int groups() {
        return groups;
    }

    int start() {
        return starts[0];
    }

    int end() {
        return end;
    }

    int start(int g) {
        return starts[g];
    }

    int length(int g) {
        return ends[g] - starts[g];
    }

    boolean masked(int g) {
        return masked[g];
    }

    /** Some of the first four groups is masked. */
    boolean anyMasked() {
        return masked[0] || masked[1] || masked[2] || masked[3];
    }

    /** A digit anywhere in the chain. */
    boolean hasDigits(String t) {
        for (int i = start(); i < end; i++) {
            if (Chars.isDigit(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
