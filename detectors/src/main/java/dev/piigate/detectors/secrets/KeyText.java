package dev.piigate.detectors.secrets;

import dev.piigate.detectors.kit.Alphabet;

/**
 * Reading the lines of a key block as it is written in files, code and logs: real line breaks
 * (LF, CRLF, CR), line breaks written as escapes inside string literals ({@code \n}, {@code \r\n},
 * {@code \\n} when JSON holds JSON), a backslash continuing a shell line, indentation, and the
 * quotes, '+' and ',' that join one string literal to the next ({@code "...\n" +\n "..."},
 * {@code ["-----BEGIN ...", "MIIE..."]}).
 */
final class KeyText {
    private KeyText() {}

    /** Body chars: base64 with its padding ('=' also starts a PGP armor checksum line). */
    static final Alphabet BODY = Alphabet.BASE64.plus("=");
    /** Header names: {@code Proc-Type}, {@code DEK-Info}, {@code Version}, {@code Private-Lines}. */
    static final Alphabet HEADER_NAME = Alphabet.BASE62.plus("-");
    /** Longest header line read (a PGP comment, a PPK comment or Argon2 salt). */
    static final int MAX_HEADER_LINE = 256;

    /**
     * Reads the gap starting at {@code i} (up to {@code limit}): returns its end shifted left by
     * one, with bit 0 set if it held a line break or closed one string literal and opened another.
     */
    static long gap(String t, int i, int limit) {
        int quotes = 0;
        boolean breaks = false;
        while (i < limit) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                breaks = true;
                i++;
            } else if (c == ' ' || c == '\t' || c == '+' || c == ',') {
                i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                quotes++;
                i++;
            } else if (c == '\\') {
                int j = i;
                while (j < limit && t.charAt(j) == '\\' && j - i < 4) {
                    j++;
                }
                if (j >= limit) {
                    break;
                }
                char e = t.charAt(j);
                if (e == 'n' || e == 'r') {
                    breaks = true;
                    i = j + 1;
                } else if (e == 't' || e == '"' || e == '\'') {
                    i = j + 1;
                } else if (e == '\n' || e == '\r') {
                    i = j; // a backslash continuing the line: the break itself follows
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        return (long) i << 1 | (breaks || quotes >= 2 ? 1 : 0);
    }

    /**
     * The end of the body run from {@code from}: base64 chars, and {@code \/} as JSON encoders
     * that escape '/' write it (PHP's json_encode does).
     */
    static int bodyRunEnd(String t, int from, int limit) {
        int i = BODY.runEnd(t, from, limit);
        while (i + 2 <= limit && t.charAt(i) == '\\' && t.charAt(i + 1) == '/') {
            i = BODY.runEnd(t, i + 2, limit);
        }
        return i;
    }

    static int gapEnd(long gap) {
        return (int) (gap >>> 1);
    }

    static boolean gapBreaks(long gap) {
        return (gap & 1) != 0;
    }

    /**
     * Where the line holding {@code from} ends: at a real line break, an escaped one, or a quote
     * that closes the literal (for headers in code); -1 if none within {@link #MAX_HEADER_LINE}.
     */
    static int lineEnd(String t, int from, int limit) {
        int stop = Math.min(limit, from + MAX_HEADER_LINE);
        for (int i = from; i < stop; i++) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
            if (c == '\\' && i + 1 < t.length()) {
                char e = t.charAt(i + 1);
                if (e == 'n' || e == 'r' || e == '\\') {
                    return i;
                }
            }
        }
        return stop == limit ? limit : -1;
    }

    /** Counts the chars of the committed body lines, to tell a key from a placeholder ({@code XXXX...}). */
    static final class BodyStats {
        private final int[] counts = new int[128];
        int chars;
        private int most;

        void add(String t, int start, int end) {
            for (int i = start; i < end; i++) {
                char c = t.charAt(i);
                if (c < 128 && c != '=') {
                    chars++;
                    most = Math.max(most, ++counts[c]);
                }
            }
        }

        /** Fewer than {@code min} body chars, or one char making up 80% of them: no key material. */
        boolean isPlaceholder(int min) {
            return chars < min || most * 5 >= chars * 4;
        }
    }
}
