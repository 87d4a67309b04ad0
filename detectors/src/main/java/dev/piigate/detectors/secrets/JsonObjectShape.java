package dev.piigate.detectors.secrets;

/**
 * A bounded check that some bytes are one JSON object (RFC 8259), noting whether it has a
 * top-level {@code "alg"} member and whether that is {@code "none"}: what a JWT header must be
 * (RFC 7515 section 4.1.1, RFC 7519 section 5). Nesting is limited to 32 levels, nothing is allocated beyond the
 * result; the caller bounds the input size.
 */
final class JsonObjectShape {
    /** Not a JSON object. */
    static final int INVALID = 0;
    /** A JSON object. */
    static final int OBJECT = 1;
    /** ...with a top-level "alg" member. */
    static final int HAS_ALG = 2;
    /** ...whose value is the string "none" (an unsecured JWS, RFC 7515 appendix A.5). */
    static final int ALG_NONE = 4;

    private static final int MAX_DEPTH = 32;

    private final byte[] b;
    private int i;
    private int flags;

    private JsonObjectShape(byte[] b) {
        this.b = b;
    }

    /** {@link #INVALID}, or {@link #OBJECT} with {@link #HAS_ALG} and {@link #ALG_NONE} as they apply. */
    static int of(byte[] bytes) {
        JsonObjectShape p = new JsonObjectShape(bytes);
        p.space();
        if (p.i >= bytes.length || bytes[p.i] != '{') {
            return INVALID;
        }
        if (!p.value(0)) {
            return INVALID;
        }
        p.space();
        return p.i == bytes.length ? OBJECT | p.flags : INVALID;
    }

    private boolean value(int depth) {
        if (depth > MAX_DEPTH || i >= b.length) {
            return false;
        }
        byte c = b[i];
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string() >= 0;
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                return number();
        }
    }

    private boolean object(int depth) {
        i++; // '{'
        space();
        if (i < b.length && b[i] == '}') {
            i++;
            return true;
        }
        while (true) {
            space();
            if (i >= b.length || b[i] != '"') {
                return false;
            }
            int keyStart = i + 1;
            int keyEnd = string();
            if (keyEnd < 0) {
                return false;
            }
            boolean alg = depth == 0 && keyEnd - keyStart == 3 && b[keyStart] == 'a' && b[keyStart + 1] == 'l'
                    && b[keyStart + 2] == 'g';
            space();
            if (i >= b.length || b[i] != ':') {
                return false;
            }
            i++;
            space();
            int valueStart = i;
            if (!value(depth + 1)) {
                return false;
            }
            if (alg) {
                flags |= HAS_ALG;
                if (i - valueStart == 6 && b[valueStart] == '"' && b[valueStart + 1] == 'n'
                        && b[valueStart + 2] == 'o' && b[valueStart + 3] == 'n' && b[valueStart + 4] == 'e') {
                    flags |= ALG_NONE;
                }
            }
            int after = afterItem('}');
            if (after != MORE) {
                return after == CLOSED;
            }
        }
    }

    private boolean array(int depth) {
        i++; // '['
        space();
        if (i < b.length && b[i] == ']') {
            i++;
            return true;
        }
        while (true) {
            space();
            if (!value(depth + 1)) {
                return false;
            }
            int after = afterItem(']');
            if (after != MORE) {
                return after == CLOSED;
            }
        }
    }

    private static final int MORE = 0;
    private static final int CLOSED = 1;
    private static final int BROKEN = 2;

    /** After a member or an element: a ',' ({@link #MORE}), the closing char ({@link #CLOSED}), or anything else. */
    private int afterItem(char close) {
        space();
        if (i >= b.length) {
            return BROKEN;
        }
        if (b[i] == ',') {
            i++;
            return MORE;
        }
        if (b[i] == close) {
            i++;
            return CLOSED;
        }
        return BROKEN;
    }

    /** Reads a string at i (a '"'); returns the index of its closing quote and moves past it, or -1. */
    private int string() {
        i++;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c == '"') {
                return i++;
            }
            if (c < 0x20) {
                return -1;
            }
            i += c == '\\' ? 2 : 1;
        }
        return -1;
    }

    private boolean literal(String word) {
        if (i + word.length() > b.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        i += word.length();
        return true;
    }

    private boolean number() {
        int start = i;
        if (i < b.length && b[i] == '-') {
            i++;
        }
        int digits = i;
        while (i < b.length && ((b[i] >= '0' && b[i] <= '9') || b[i] == '.' || b[i] == 'e' || b[i] == 'E'
                || b[i] == '+' || b[i] == '-')) {
            i++;
        }
        return i > digits && b[digits] >= '0' && b[digits] <= '9' && i > start;
    }

    private void space() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
    }
}
