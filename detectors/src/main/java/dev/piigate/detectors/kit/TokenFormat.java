package dev.piigate.detectors.kit;

import static java.util.Objects.requireNonNull;

import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.RejectReason;

/**
 * A prefixed credential: a fixed prefix ({@link Prefixes}), then a body of {@code min} to
 * {@code max} chars of one alphabet, standing alone ({@link Boundary}), passing staged
 * {@link Validation} (a checksum, a randomness check). {@link #judge} decides one candidate the
 * same way for every such format:
 * <ol>
 * <li>a word char glued before the prefix ({@code xghp_...}): rejected TOKEN_BOUNDARY;
 * <li>a body of the right length, standing alone, passing the rules: a finding (a public test
 *     value if {@code testValue} says so);
 * <li>else a masked body ({@link Masks}: {@code ghp_****}, {@code AKIAXXXXXXXXXXXXXXXX}): a
 *     masked finding, never an unmasked one;
 * <li>else a longer run of the alphabet: TOKEN_BOUNDARY; a shorter one: INVALID_LENGTH; else the
 *     reason of the failing rule (INVALID_CHECKSUM...).
 * </ol>
 * A masked body is judged before the rules ({@code AKIAXXXXXXXXXXXXXXXX} fits the key id format),
 * except for a checksummed format: there a body passing the checksum is a token even if it happens
 * to hold {@code xxxx}.
 *
 * @param checksummed  the rules hold a checksum: a body passing them is no mask
 * @param testValue    whether a valid token is a documented test value (the span is the whole
 *                     token); null if the format has none
 */
public record TokenFormat(EntityType type, String detectorId, double confidence, Alphabet alphabet, int min, int max,
        Boundary boundary, Validation rules, boolean checksummed, Validation.Span testValue) {

    /** Confidence of a masked finding: the prefix says the type, the mask says nothing more. */
    public static final double MASKED_CONFIDENCE = 0.9;
    /** Chars past the longest body read when looking for a mask ({@code sk_live_...xxxx}). */
    private static final int MASK_SLACK = 16;

    public TokenFormat {
        requireNonNull(type, "type");
        requireNonNull(detectorId, "detectorId");
        requireNonNull(alphabet, "alphabet");
        requireNonNull(boundary, "boundary");
        requireNonNull(rules, "rules");
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("body length must be 1 <= min <= max: " + min + ", " + max);
        }
    }

    /**
     * Judges the candidate whose prefix of {@code prefixLength} chars starts at {@code start} in
     * {@code text}; reports a finding or a rejection to {@code sink}.
     *
     * @return where the prefix search may go on: past what was judged
     */
    public int judge(CharSequence text, FindingSink sink, int start, int prefixLength) {
        int bodyStart = start + prefixLength;
        int end = alphabet.runEnd(text, bodyStart, bodyStart + max + 1);
        int length = end - bodyStart;
        if (boundary.gluedBefore(text, start)) {
            int whole = alphabet.runEnd(text, end, Integer.MAX_VALUE);
            sink.rejected(type, start, whole, detectorId, RejectReason.TOKEN_BOUNDARY);
            return whole;
        }
        boolean fits = length >= min && length <= max;
        RejectReason failed = null;
        if (fits && !boundary.gluedAfter(text, end)) {
            failed = rules.reject(text, start, end);
        }
        boolean valid = fits && failed == null && !boundary.gluedAfter(text, end);
        if (!(valid && checksummed)) {
            int masked = Masks.maskedEnd(text, bodyStart, bodyStart + max + MASK_SLACK, alphabet);
            if (masked > bodyStart && !boundary.gluedAfter(text, masked)) {
                sink.found(new Finding(type, start, masked, detectorId, MASKED_CONFIDENCE, true, false));
                return masked;
            }
        }
        if (valid) {
            boolean test = testValue != null && testValue.holds(text, start, end);
            sink.found(new Finding(type, start, end, detectorId, confidence, false, test));
            return end;
        }
        if (length > max || fits && failed == null) {
            int whole = alphabet.runEnd(text, end, Integer.MAX_VALUE);
            sink.rejected(type, start, whole, detectorId, RejectReason.TOKEN_BOUNDARY);
            return whole;
        }
        sink.rejected(type, start, end, detectorId, length < min ? RejectReason.INVALID_LENGTH : failed);
        return end;
    }
}
