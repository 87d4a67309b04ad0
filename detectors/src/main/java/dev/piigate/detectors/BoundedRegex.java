package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A user-supplied regular expression that cannot run away. Java's regex engine has no timeout and
 * backtracks exponentially on patterns like {@code (a+)+b}; this wraps the input in a
 * {@link CharSequence} that counts character reads and aborts the match once a budget proportional
 * to the input length is spent. Exceeding the budget throws {@link ScanIncompleteException}, so the
 * record fails closed instead of passing unscanned. Backreferences are rejected at compile time.
 */
public final class BoundedRegex {
    /** Reads allowed per input character, plus a constant: generous for sane patterns. */
    static final int STEPS_PER_CHAR = 200;
    static final int BASE_STEPS = 100_000;

    private final Pattern pattern;
    private final String source;

    private BoundedRegex(Pattern pattern, String source) {
        this.pattern = pattern;
        this.source = source;
    }

    /**
     * @param configKey the configuration key the pattern came from, named in errors
     * @throws IllegalArgumentException naming the key, for a syntax error or a backreference
     */
    public static BoundedRegex compile(String regex, String configKey) {
        requireNonNull(regex, configKey);
        if (regex.isEmpty()) {
            throw new IllegalArgumentException(configKey + ": empty regular expression");
        }
        if (regex.length() > 2000) {
            throw new IllegalArgumentException(configKey + ": regular expression longer than 2000 characters");
        }
        for (int i = 0; i + 1 < regex.length(); i++) {
            if (regex.charAt(i) == '\\') {
                char next = regex.charAt(i + 1);
                if ((next >= '1' && next <= '9') || next == 'k') {
                    throw new IllegalArgumentException(configKey + ": backreferences are not allowed (they make"
                            + " matching time unbounded): " + regex);
                }
                i++;
            }
        }
        try {
            return new BoundedRegex(Pattern.compile(regex), regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(configKey + ": invalid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of " + regex, e);
        }
    }

    public String source() {
        return source;
    }

    /** A matcher over a budgeted view of {@code text}; reuse it for successive finds. */
    public Matcher matcher(CharSequence text, String detectorId) {
        long budget = BASE_STEPS + (long) STEPS_PER_CHAR * text.length();
        return pattern.matcher(new Budgeted(text, budget, detectorId));
    }

    public boolean matchesWhole(CharSequence text, String detectorId) {
        return matcher(text, detectorId).matches();
    }

    /** Counts reads; shared by sub-sequences so the budget covers the whole match. */
    private static final class Budgeted implements CharSequence {
        private final CharSequence text;
        private final long[] left;
        private final String detectorId;

        Budgeted(CharSequence text, long budget, String detectorId) {
            this(text, new long[] {budget}, detectorId);
        }

        private Budgeted(CharSequence text, long[] left, String detectorId) {
            this.text = text;
            this.left = left;
            this.detectorId = detectorId;
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new ScanIncompleteException(detectorId,
                        "regular expression exceeded its step budget on a text of length " + text.length());
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.subSequence(start, end), left, detectorId);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
