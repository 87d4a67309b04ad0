package dev.piigate.jobs.read;

import java.util.Arrays;

/**
 * One JSON Lines line, read in place from a range of a reused {@code char[]}: a strict validator
 * (RFC 8259, plus the {@code NaN} and {@code Infinity} forms Python writes) and a walker that
 * delivers every key, string and number with its JSON path (and its span in the line, for
 * {@link JsonLinesRewriter}). It replaces a Jackson parser per line
 * (which needed the line as a String, copied it again, and built a String and a path per value),
 * and accepts and refuses exactly what that parser did, with the same failure texts
 * ({@code JsonLinesReaderDifferentialTest} holds it to Jackson 2.15 as the oracle):
 * <ul>
 * <li>Jackson's extras that this reader enabled: {@code NaN}, {@code Infinity}, {@code -Infinity},
 * {@code +Infinity}, {@code +INF}, {@code -INF}; a literal may not run on into a letter or digit;</li>
 * <li>a root-level number needs white space or the end of the line after it;</li>
 * <li>a number longer than 1,000 digits is refused ({@code StreamConstraintsException}, Jackson's
 * default, counted the way it counts);</li>
 * <li>a failure at the end of the line is {@code JsonEOFException}, any other
 * {@code JsonParseException}: the class names the reader reported, never the input.</li>
 * </ul>
 * A line is read twice: {@link #check} validates it without building anything, and only a valid
 * line is {@link #deliver delivered}, so an invalid line is never half delivered. A path is built
 * from its container's path and one key or index ({@link JsonPaths}), so a repeated path
 * ({@code $.messages[2].content}) costs a table lookup, not a String; keys and short values go
 * through a {@link StringCache}; a value is a String only when it is delivered. Not thread-safe.
 */
final class JsonLineWalker {
    /** What a line delivers, in order. */
    interface Receiver {
        /** A string value or a number's text, as written. */
        void value(String path, String text);

        /** An object key, under the path of the object that holds it. */
        void key(String path, String key);

        /**
         * As {@link #value(String, String)}, with the token's span in the line: {@code [from, to)}
         * of the array {@link #deliver} was given, a string with its quotes, a number or
         * {@code NaN}/{@code Infinity} with its sign. What a rewriter replaces; the scan ignores it.
         */
        default void value(String path, String text, int from, int to) {
            value(path, text);
        }

        /** As {@link #key(String, String)}, with the key's span (with its quotes), as {@link #value(String, String, int, int)}. */
        default void key(String path, String key, int from, int to) {
            key(path, key);
        }
    }

    static final String EOF = "JsonEOFException";
    static final String PARSE = "JsonParseException";
    static final String TOO_LONG_NUMBER = "StreamConstraintsException";
    /** Jackson 2.15's default longest number (StreamReadConstraints.DEFAULT_MAX_NUM_LEN). */
    static final int MAX_NUMBER_LENGTH = 1000;
    /**
     * Values up to this length are looked up in the cache before a String is built: roles, locales,
     * channels repeat; longer short values are mostly unique (ids, timestamps) and only churn it.
     */
    private static final int CACHED_VALUE_CHARS = 16;

    /** A failure, preallocated: bad lines are rare but must not cost a stack trace each. */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String failure) {
            super(failure, null, false, false);
        }
    }

    private static final Bad BAD_EOF = new Bad(EOF);
    private static final Bad BAD_PARSE = new Bad(PARSE);
    private static final Bad BAD_NUMBER = new Bad(TOO_LONG_NUMBER);

    private final int maxDepth;
    private final StringCache cache = new StringCache();
    private char[] s;
    private int p;
    private int end;
    private boolean delivering;
    private Receiver receiver;
    private int depth;
    private final JsonPaths paths = new JsonPaths();
    // Per open container: is it an array, its next index, its path (index 0: "$", where a root value is).
    private boolean[] isArray;
    private int[] nextIndex;
    private String[] containerPath;
    private char[] text = new char[256];
    private int textEnd;
    /** The last key read, as it names its value in paths ({@link NumberText#pathKey}). */
    private String pendingName;

    JsonLineWalker(int maxDepth) {
        this.maxDepth = maxDepth;
        int capacity = Math.min(maxDepth, 15) + 1;
        isArray = new boolean[capacity];
        nextIndex = new int[capacity];
        containerPath = new String[capacity];
    }

    /** @return null when {@code chars[from, to)} is one valid JSON value, else why not (no content) */
    String check(char[] chars, int from, int to) {
        return walk(chars, from, to, null);
    }

    /** Delivers the values of a line {@link #check} passed. */
    void deliver(char[] chars, int from, int to, Receiver out) {
        String failure = walk(chars, from, to, out);
        if (failure != null) {
            throw new IllegalStateException("deliver on a line that did not pass check");
        }
    }

    private String walk(char[] chars, int from, int to, Receiver out) {
        s = chars;
        p = from;
        end = to;
        receiver = out;
        delivering = out != null;
        depth = 0;
        containerPath[0] = JsonLinesReader.RAW_FIELD;
        try {
            int c = skipSpace();
            if (c < 0) {
                return "no JSON value";
            }
            String failure = walkValue(c);
            if (failure != null) {
                return failure;
            }
            c = skipSpace();
            if (c < 0) {
                return null;
            }
            secondValue(c);
            return "more than one JSON value";
        } catch (Bad b) {
            return b.getMessage();
        } finally {
            s = null;
            receiver = null;
        }
    }

    /** Walks the value starting at {@code c} (at {@code p}) to its end. */
    private String walkValue(int first) {
        int c = first;
        while (true) {
            // At a value position, c at p.
            if (c == '{' || c == '[') {
                if (depth == maxDepth) {
                    return "nesting deeper than " + maxDepth;
                }
                boolean array = c == '[';
                open(array);
                p++;
                c = skipSpace();
                if (c < 0) {
                    throw BAD_EOF;
                }
                if (c == ']' || c == '}') {
                    if ((c == ']') != array) {
                        throw BAD_PARSE;
                    }
                    p++;
                    close();
                } else if (array) {
                    continue;
                } else {
                    c = member(c);
                    continue;
                }
            } else {
                scalar(c);
            }
            // After a value.
            while (true) {
                if (depth == 0) {
                    return null;
                }
                c = skipSpace();
                if (c < 0) {
                    throw BAD_EOF;
                }
                if (c == ']' || c == '}') {
                    if ((c == ']') != isArray[depth]) {
                        throw BAD_PARSE;
                    }
                    p++;
                    close();
                    continue;
                }
                if (c != ',') {
                    throw BAD_PARSE;
                }
                p++;
                c = skipSpace();
                if (c < 0) {
                    throw BAD_PARSE; // Jackson: "Unexpected end-of-input within/between entries", a parse error
                }
                if (!isArray[depth]) {
                    c = member(c);
                }
                break;
            }
        }
    }

    /** An object member's key and colon; returns the first char of its value (at {@code p}). */
    private int member(int c) {
        if (c != '"') {
            throw BAD_PARSE;
        }
        int quote = p;
        p++;
        int start = p;
        boolean plain = string();
        if (delivering) {
            String key = plain ? cache.get(s, start, p - 1) : cache.get(text, 0, textEnd);
            receiver.key(containerPath[depth], key, quote, p);
            pendingName = NumberText.pathKey(key);
        }
        int d = skipSpace();
        if (d < 0) {
            throw BAD_EOF;
        }
        if (d != ':') {
            throw BAD_PARSE;
        }
        p++;
        d = skipSpace();
        if (d < 0) {
            throw BAD_EOF;
        }
        return d;
    }

    private void open(boolean array) {
        if (depth + 1 == isArray.length) {
            int grown = Math.min(maxDepth + 1, isArray.length * 2);
            isArray = Arrays.copyOf(isArray, grown);
            nextIndex = Arrays.copyOf(nextIndex, grown);
            containerPath = Arrays.copyOf(containerPath, grown);
        }
        String path = delivering ? childPath() : null;
        depth++;
        isArray[depth] = array;
        nextIndex[depth] = 0;
        containerPath[depth] = path;
    }

    private void close() {
        containerPath[depth] = null;
        depth--;
    }

    /** A string, number or literal at {@code p}; delivered when it carries text. */
    private void scalar(int c) {
        int start = p;
        if (c == '"') {
            p++;
            boolean plain = string();
            if (delivering) {
                String value = plain ? valueString(s, start + 1, p - 1) : valueString(text, 0, textEnd);
                deliverValue(value, start);
            }
            return;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            if (number(c)) {
                if (delivering) {
                    deliverValue(valueString(s, start, p), start);
                }
                return;
            }
        } else {
            switch (c) {
                case 't' -> literal("true", 1);
                case 'f' -> literal("false", 1);
                case 'n' -> literal("null", 1);
                case 'N' -> literal("NaN", 1);
                case 'I' -> literal("Infinity", 1);
                case '+' -> signedNonNumber(false);
                default -> throw BAD_PARSE;
            }
        }
        if (c == 't' || c == 'f' || c == 'n') {
            // Nothing to scan, but arrays still count them.
            if (delivering && depth > 0 && isArray[depth]) {
                nextIndex[depth]++;
            }
            return;
        }
        // NaN and the infinities: Jackson's text is the token as written.
        if (delivering) {
            deliverValue(valueString(s, start, p), start);
        }
    }

    /** Delivers the value whose token runs from {@code from} to {@code p}. */
    private void deliverValue(String value, int from) {
        receiver.value(childPath(), value, from, p);
    }

    /**
     * A string after its opening quote, through its closing quote. Escapes are decoded into
     * {@link #text} (only when {@code delivering}).
     *
     * @return true when it had no escape (its text is {@code s[start, p - 1)})
     */
    private boolean string() {
        char[] in = s;
        int i = p;
        int n = end;
        while (i < n) {
            char c = in[i];
            if (c == '"') {
                p = i + 1;
                return true;
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw BAD_PARSE;
            }
            i++;
        }
        if (i >= n) {
            throw BAD_EOF;
        }
        // Escapes: copy what came before, decode the rest.
        textEnd = 0;
        if (delivering) {
            ensureText(i - p);
            System.arraycopy(in, p, text, 0, i - p);
            textEnd = i - p;
        }
        while (true) {
            if (i >= n) {
                throw BAD_EOF;
            }
            char c = in[i++];
            if (c == '"') {
                p = i;
                return false;
            }
            if (c < 0x20) {
                throw BAD_PARSE;
            }
            if (c == '\\') {
                if (i >= n) {
                    throw BAD_EOF;
                }
                char e = in[i++];
                switch (e) {
                    case 'b' -> c = '\b';
                    case 't' -> c = '\t';
                    case 'n' -> c = '\n';
                    case 'f' -> c = '\f';
                    case 'r' -> c = '\r';
                    case '"', '/', '\\' -> c = e;
                    case 'u' -> {
                        int v = 0;
                        for (int k = 0; k < 4; k++) {
                            if (i >= n) {
                                throw BAD_EOF;
                            }
                            int digit = hex(in[i++]);
                            if (digit < 0) {
                                throw BAD_PARSE;
                            }
                            v = (v << 4) | digit;
                        }
                        // Unpaired surrogates pass as they are, as Jackson passes them.
                        c = (char) v;
                    }
                    default -> throw BAD_PARSE;
                }
            }
            if (delivering) {
                if (textEnd == text.length) {
                    ensureText(textEnd + 1);
                }
                text[textEnd++] = c;
            }
        }
    }

    private void ensureText(int size) {
        if (size > text.length) {
            text = Arrays.copyOf(text, Math.max(size, text.length * 2));
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * A number at {@code p} ({@code c} is {@code -} or a digit), as Jackson reads it: no leading
     * zeros, digits after a point and after an exponent, at most {@link #MAX_NUMBER_LENGTH} digits.
     *
     * @return true for a number; false when it was {@code -Infinity} or {@code -INF} (then at {@code p} past it)
     */
    private boolean number(int first) {
        int i = p;
        boolean negative = first == '-';
        if (negative) {
            i++;
            if (i >= end) {
                throw BAD_EOF;
            }
            char c = s[i];
            if (c < '0' || c > '9') {
                p = i + 1;
                nonNumber(c, true);
                return false;
            }
        }
        int intStart = i;
        if (s[i] == '0' && i + 1 < end && s[i + 1] >= '0' && s[i + 1] <= '9') {
            throw BAD_PARSE; // leading zeros
        }
        // Jackson reads a number that starts with 0 or runs to the end of the input on its slow
        // path, which counts an absent fraction or exponent as -1 digits in its length check.
        boolean slow = s[i] == '0';
        while (i < end && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        int intLen = i - intStart;
        int fractLen = -1;
        int expLen = -1;
        if (i < end && s[i] == '.') {
            i++;
            int f = i;
            while (i < end && s[i] >= '0' && s[i] <= '9') {
                i++;
            }
            fractLen = i - f;
            if (fractLen == 0) {
                throw BAD_PARSE;
            }
        }
        if (i < end && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i >= end) {
                throw BAD_EOF;
            }
            if (s[i] == '-' || s[i] == '+') {
                i++;
                if (i >= end) {
                    throw BAD_EOF;
                }
            }
            int e = i;
            while (i < end && s[i] >= '0' && s[i] <= '9') {
                i++;
            }
            expLen = i - e;
            if (expLen == 0) {
                throw BAD_PARSE;
            }
        }
        if (i >= end) {
            slow = true;
        }
        if (fractLen < 0 && expLen < 0) {
            if (intLen > MAX_NUMBER_LENGTH) {
                throw BAD_NUMBER;
            }
        } else {
            int length = slow ? intLen + fractLen + expLen : intLen + Math.max(fractLen, 0) + Math.max(expLen, 0);
            if (length > MAX_NUMBER_LENGTH) {
                throw BAD_NUMBER;
            }
        }
        if (depth == 0 && i < end && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') {
            throw BAD_PARSE; // Jackson: root-level values need white space between them
        }
        p = i;
        return true;
    }

    /** {@code +} at {@code p}: only {@code +Infinity} and {@code +INF}. */
    private void signedNonNumber(boolean negative) {
        p++;
        if (p >= end) {
            throw BAD_EOF;
        }
        char c = s[p++];
        nonNumber(c, negative);
    }

    /** After a sign and {@code c} (p is past c): {@code Infinity} or {@code INF}, else a parse error. */
    private void nonNumber(char c, boolean negative) {
        if (c != 'I') {
            throw BAD_PARSE;
        }
        if (p >= end) {
            throw BAD_EOF;
        }
        char d = s[p++];
        if (d == 'N') {
            literal(negative ? "-INF" : "+INF", 3);
        } else if (d == 'n') {
            literal(negative ? "-Infinity" : "+Infinity", 3);
        } else {
            throw BAD_PARSE;
        }
    }

    /** The rest of {@code token} from its index {@code i} at {@code p}, not run on into a name char. */
    private void literal(String token, int i) {
        if (i == 1) {
            p++;
        }
        for (int k = i; k < token.length(); k++) {
            if (p >= end || s[p] != token.charAt(k)) {
                throw BAD_PARSE;
            }
            p++;
        }
        if (p < end) {
            char c = s[p];
            if (c >= '0' && c != ']' && c != '}' && Character.isJavaIdentifierPart(c)) {
                throw BAD_PARSE;
            }
        }
    }

    /** The first token of a second root value (Jackson reads it whole, or fails on it). */
    private void secondValue(int c) {
        if (c == '"' || c == '[' || c == '{') {
            return;
        }
        depth = 0;
        boolean was = delivering;
        delivering = false;
        try {
            scalar(c);
        } finally {
            delivering = was;
        }
    }

    /** The next char after spaces, tabs and line ends at {@code p}, or -1 at the end. */
    private int skipSpace() {
        while (p < end) {
            char c = s[p];
            if (c > ' ') {
                if (c == '/') {
                    throw BAD_PARSE; // comments are off
                }
                return c;
            }
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                throw BAD_PARSE;
            }
            p++;
        }
        return -1;
    }

    /** The path of the next value in the open container (of a root value: {@code $}). */
    private String childPath() {
        if (depth == 0) {
            return JsonLinesReader.RAW_FIELD;
        }
        return isArray[depth] ? paths.element(containerPath[depth], nextIndex[depth]++)
                : paths.member(containerPath[depth], pendingName);
    }

    private String valueString(char[] chars, int from, int to) {
        return to - from <= CACHED_VALUE_CHARS ? cache.get(chars, from, to) : new String(chars, from, to - from);
    }
}
