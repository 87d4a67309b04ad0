package dev.piigate.detectors.kit;

/**
 * What people write in place of a secret: template variables ({@code ${DB_PASSWORD}},
 * {@code $PASSWORD}, {@code {{ token }}}, {@code %PASSWORD%}, {@code {password}}), angle or square
 * brackets ({@code <password>}, {@code [REDACTED]}), runs of mask characters ({@code ****},
 * {@code xxxx}, {@code •••}), an ellipsis, and the stock words of documentation
 * ({@code password}, {@code changeme}...). A credential written this way is masked, never a leak.
 */
public final class SecretPlaceholder {
    private SecretPlaceholder() {}

    /** Longest placeholder read: a template expression longer than this is code, not a stand-in. */
    public static final int MAX_LENGTH = 64;
    /** Fewest mask characters that say "hidden" ({@code xx} may be a real two-letter value). */
    private static final int MIN_MASK_RUN = 3;

    /** Whole values that documentation and samples use as a password or key (compared ignoring case). */
    private static final String[] WORDS = {
        "password", "passwd", "pass", "pwd", "secret", "changeme", "change_me", "change-me", "changeit",
        "redacted", "hidden", "masked", "placeholder", "your_password", "yourpassword", "your-password",
        "mypassword", "my_password", "secretpassword", "token", "your_token", "apikey", "api_key",
    };

    /**
     * The end of the placeholder that starts at {@code start}, or -1 if none does. Reads at most
     * {@link #MAX_LENGTH} chars; bracketed forms may hold spaces ({@code {{ db.password }}}).
     */
    public static int end(CharSequence t, int start) {
        int n = t.length();
        if (start >= n) {
            return -1;
        }
        char c = t.charAt(start);
        switch (c) {
            case '$':
                if (start + 1 < n && t.charAt(start + 1) == '{') {
                    return closing(t, start + 2, '}', '\0');
                }
                if (start + 1 < n && t.charAt(start + 1) == '(') {
                    return closing(t, start + 2, ')', '\0'); // $(shell) and Azure DevOps $(var)
                }
                int e = nameEnd(t, start + 1);
                return e > start + 1 && variableLike(t, start + 1, e) ? e : -1;
            case '{':
                if (start + 1 < n && t.charAt(start + 1) == '{') {
                    return closing(t, start + 2, '}', '}');
                }
                return closing(t, start + 1, '}', '\0');
            case '<':
                return closing(t, start + 1, '>', '\0');
            case '[':
                return closing(t, start + 1, ']', '\0');
            case '%':
                int name = nameEnd(t, start + 1);
                return name > start + 1 && name < n && t.charAt(name) == '%' ? name + 1 : -1;
            case '.':
                return start + 2 < n && t.charAt(start + 1) == '.' && t.charAt(start + 2) == '.' ? dotsEnd(t, start) : -1;
            case '\u2026':
                return start + 1;
            default:
                int m = maskRunEnd(t, start);
                return m - start >= MIN_MASK_RUN ? m : -1;
        }
    }

    /** Whether [start, end) as a whole is a placeholder: one of the forms of {@link #end}, or a stock word. */
    public static boolean is(CharSequence t, int start, int end) {
        if (end <= start) {
            return false;
        }
        if (end(t, start) == end) {
            return true;
        }
        return isWord(t, start, end);
    }

    /** Whether [start, end) is a stock documentation word ({@code password}, {@code changeme}...), any case. */
    public static boolean isWord(CharSequence t, int start, int end) {
        int length = end - start;
        for (String w : WORDS) {
            if (w.length() == length && regionMatchesIgnoreCase(t, start, w)) {
                return true;
            }
        }
        return isInstruction(t, start, end);
    }

    /**
     * An instruction written where the value goes: {@code YOUR_API_KEY_HERE}, {@code your-token},
     * {@code <your password>} read bare, {@code INSERT_KEY_HERE}, {@code REPLACE_ME}: starts with
     * "your" or ends with "here" or "_me" at a word joint ('_' or '-'), letters and joints only.
     */
    static boolean isInstruction(CharSequence t, int start, int end) {
        int length = end - start;
        if (length < 6) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            if (!isAsciiLetter(c) && c != '_' && c != '-') {
                return false;
            }
        }
        boolean your = regionMatchesIgnoreCase(t, start, "your") && (t.charAt(start + 4) == '_' || t.charAt(start + 4) == '-');
        boolean here = regionMatchesIgnoreCase(t, end - 5, "_here") || regionMatchesIgnoreCase(t, end - 5, "-here");
        boolean me = regionMatchesIgnoreCase(t, end - 3, "_me") || regionMatchesIgnoreCase(t, end - 3, "-me");
        return your || here || (me && (regionMatchesIgnoreCase(t, start, "replace") || regionMatchesIgnoreCase(t, start, "change")));
    }

    /** Whether [start, end) is at least three mask characters and nothing else ({@code XXXX}, {@code ****}). */
    public static boolean isMaskRun(CharSequence t, int start, int end) {
        return end - start >= MIN_MASK_RUN && maskRunEnd(t, start) >= end;
    }

    private static int maskRunEnd(CharSequence t, int start) {
        int n = Math.min(t.length(), start + 4096);
        int i = start;
        while (i < n && isMaskChar(t.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isMaskChar(char c) {
        return c == '*' || c == 'x' || c == 'X' || c == '\u2022' || c == '\u25CF';
    }

    private static int dotsEnd(CharSequence t, int start) {
        int i = start;
        while (i < t.length() && t.charAt(i) == '.' && i - start < MAX_LENGTH) {
            i++;
        }
        return i;
    }

    /**
     * A name that reads as a variable ({@code PASSWORD}, {@code DB_PASS2}, {@code password},
     * {@code dbPass}), not as a password that starts with '$' ({@code $uperS3cret}): no lower-case
     * letter, or no digit.
     */
    private static boolean variableLike(CharSequence t, int start, int end) {
        boolean lower = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return !(lower && digit);
    }

    /** The end of {@code [A-Za-z_][A-Za-z0-9_]*} from {@code from}. */
    private static int nameEnd(CharSequence t, int from) {
        int n = Math.min(t.length(), from + MAX_LENGTH);
        int i = from;
        if (i >= n || !(isAsciiLetter(t.charAt(i)) || t.charAt(i) == '_')) {
            return from;
        }
        while (i < n && (isAsciiLetter(t.charAt(i)) || (char) (t.charAt(i) - '0') < 10 || t.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    /**
     * The end past {@code close} (and {@code second}, if not NUL) from {@code from}, within
     * {@link #MAX_LENGTH}, with no line break or nested opener in between; -1 if none.
     */
    private static int closing(CharSequence t, int from, char close, char second) {
        int n = Math.min(t.length(), from + MAX_LENGTH);
        for (int i = from; i < n; i++) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r' || c == '"' || c == '\'') {
                return -1;
            }
            if (c == close) {
                if (i == from) {
                    return -1; // "{}", "<>", "[]": empty, no stand-in for anything
                }
                if (second == '\0') {
                    return i + 1;
                }
                return i + 1 < t.length() && t.charAt(i + 1) == second ? i + 2 : -1;
            }
        }
        return -1;
    }

    private static boolean isAsciiLetter(char c) {
        return (char) ((c | 0x20) - 'a') < 26;
    }

    private static boolean regionMatchesIgnoreCase(CharSequence t, int start, String lower) {
        for (int k = 0; k < lower.length(); k++) {
            if ((t.charAt(start + k) | 0x20) != lower.charAt(k)
                    && !(lower.charAt(k) == '_' && t.charAt(start + k) == '_')
                    && !(lower.charAt(k) == '-' && t.charAt(start + k) == '-')) {
                return false;
            }
        }
        return true;
    }
}
