package dev.piigate.detectors.kit;

import dev.piigate.detectors.Chars;

/**
 * The one token-boundary rule: whether the characters around a span make it one piece of a
 * longer token (an id, a hash, a GUID, a path, a version) rather than a value of its own.
 *
 * <p>A span is glued when the character next to it is a letter or digit of the same script as
 * the span's edge ({@link Chars#glues}; a change of script is a boundary, as in
 * {@code カード番号は4550...}), or one of the span's declared extra chars ({@code '_'} inside a
 * token alphabet), or a <em>joiner</em> with the right kind of character beyond it: a
 * {@linkplain Builder#joinsWords word joiner} ({@code '-'} of {@code ORD-078-05-1120}) glues when a
 * letter or digit lies beyond, a {@linkplain Builder#joinsDigits digit joiner} ({@code '.'},
 * {@code '/'}, {@code ':'} of versions, dates and times) when a digit does.
 *
 * <p>Detectors declare theirs once, as a constant: {@link #NUMBER} for digit values, {@link #IDENTIFIER} for identifiers,
 * {@link #WORD} for values that stand alone between any non-letters, or a {@link #builder()}.
 */
public final class Boundary {
    /** Only a letter or digit of the edge's script glues: {@link Chars#isStandalone}. */
    public static final Boundary WORD = builder().build();

    /**
     * Numbers (cards, SSNs, IBANs): a word char glues; {@code '-'} glues before a word char; {@code '.'},
     * {@code '/'} and {@code ':'} glue before a digit ({@code 1.}, {@code 12/}, {@code 10:}).
     */
    public static final Boundary NUMBER = builder().wordChars().joinsWords("-").joinsDigits("./:").build();

    /**
     * Identifiers (the SSN, the national ids, IBANs, dates): as {@link #NUMBER}, but {@code '-'}
     * glues only before an ASCII letter or digit ({@code ORD-078-05-1120} is glued, {@code 078-05-1120-番号}
     * is not).
     */
    public static final Boundary IDENTIFIER =
            builder().wordChars().joinsWords("-").asciiBeyondJoiners().joinsDigits("./:").build();

    private final boolean[] glue = new boolean[128];
    private final boolean[] wordJoiner = new boolean[128];
    private final boolean[] digitJoiner = new boolean[128];
    private final boolean wordChars;
    private final boolean asciiBeyond;

    private Boundary(Builder b) {
        for (char c : b.glue.toCharArray()) {
            glue[c] = true;
        }
        for (char c : b.wordJoiners.toCharArray()) {
            wordJoiner[c] = true;
        }
        for (char c : b.digitJoiners.toCharArray()) {
            digitJoiner[c] = true;
        }
        this.wordChars = b.wordChars;
        this.asciiBeyond = b.asciiBeyond;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Neither edge of [start, end) is glued. */
    public boolean standalone(CharSequence text, int start, int end) {
        return !gluedBefore(text, start) && !gluedAfter(text, end);
    }

    public boolean gluedBefore(CharSequence text, int start) {
        return gluedBefore(text, start, '\0');
    }

    public boolean gluedAfter(CharSequence text, int end) {
        return gluedAfter(text, end, '\0');
    }

    /**
     * As {@link #gluedBefore(CharSequence, int)}, with {@code extraDigitJoiner} joining before a
     * digit for this value only (the space of a spaced SSN: {@code 12 536 22 1047}).
     */
    public boolean gluedBefore(CharSequence text, int start, char extraDigitJoiner) {
        if (start <= 0 || start > text.length()) {
            return false;
        }
        char c = text.charAt(start - 1);
        if (glues(c, start < text.length() ? text.charAt(start) : ' ')) {
            return true;
        }
        return start >= 2 && joins(c, text.charAt(start - 2), extraDigitJoiner);
    }

    /** The mirror of {@link #gluedBefore(CharSequence, int, char)}. */
    public boolean gluedAfter(CharSequence text, int end, char extraDigitJoiner) {
        if (end >= text.length() || end <= 0) {
            return false;
        }
        char c = text.charAt(end);
        if (glues(c, text.charAt(end - 1))) {
            return true;
        }
        return end + 1 < text.length() && joins(c, text.charAt(end + 1), extraDigitJoiner);
    }

    private boolean glues(char outside, char edge) {
        if (outside < 128 && glue[outside]) {
            return true;
        }
        return wordChars ? Chars.isWordChar(outside) : Chars.glues(outside, edge);
    }

    private boolean joins(char joiner, char beyond, char extraDigitJoiner) {
        if (joiner < 128 && wordJoiner[joiner]) {
            return asciiBeyond ? Chars.isAsciiLetterOrDigit(beyond) : Chars.isWordChar(beyond);
        }
        if ((joiner < 128 && digitJoiner[joiner]) || (joiner == extraDigitJoiner && joiner != '\0')) {
            return Chars.isDigit(beyond);
        }
        return false;
    }

    /** Declares a boundary rule. */
    public static final class Builder {
        private String glue = "";
        private String wordJoiners = "";
        private String digitJoiners = "";
        private boolean wordChars;
        private boolean asciiBeyond;

        private Builder() {}

        /**
         * Any word char ({@link Chars#isWordChar}: Latin letters and digits, '_') glues, whatever
         * the edge; without this only a letter or digit of the edge's own script does.
         */
        public Builder wordChars() {
            this.wordChars = true;
            return this;
        }

        /** ASCII chars that glue by themselves: the rest of a token's alphabet ({@code "_-"} for base64url). */
        public Builder glue(String chars) {
            this.glue = ascii(chars);
            return this;
        }

        /** ASCII chars that glue when a letter or digit lies beyond them ({@code "-"}). */
        public Builder joinsWords(String chars) {
            this.wordJoiners = ascii(chars);
            return this;
        }

        /** Word joiners glue only before an ASCII letter or digit, not any word char. */
        public Builder asciiBeyondJoiners() {
            this.asciiBeyond = true;
            return this;
        }

        /** ASCII chars that glue when a digit lies beyond them ({@code "./:"}). */
        public Builder joinsDigits(String chars) {
            this.digitJoiners = ascii(chars);
            return this;
        }

        public Boundary build() {
            return new Boundary(this);
        }

        private static String ascii(String chars) {
            for (char c : chars.toCharArray()) {
                if (c >= 128 || c == 0) {
                    throw new IllegalArgumentException("boundary chars must be ASCII: " + chars);
                }
            }
            return chars;
        }
    }
}
