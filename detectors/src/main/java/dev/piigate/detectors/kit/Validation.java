package dev.piigate.detectors.kit;

import java.util.List;

import dev.piigate.detectors.RejectReason;

/**
 * Staged validation of a candidate span: shape, then length, then checksum, then context, each
 * stage a {@link Check} that names why it failed. The first failing stage gives the rejection
 * reason, so every dropped candidate says why (the vector files assert it), and the costly stages
 * (a checksum, a keyword search) run only for candidates that passed the cheap ones.
 *
 * <pre>
 * static final Validation RULES = Validation.of(
 *         Validation.length(40, 40),
 *         Validation.alphabet(Alphabet.BASE62),
 *         (t, s, e) -&gt; Checks.crc32Base62(t, s + 4, e - 6, e - 6, 6) ? null : RejectReason.INVALID_CHECKSUM);
 * </pre>
 */
public final class Validation {
    /** One stage: null if the span passes, else why not. */
    @FunctionalInterface
    public interface Check {
        RejectReason test(CharSequence text, int start, int end);
    }

    private final Check[] stages;

    private Validation(List<Check> stages) {
        this.stages = stages.toArray(new Check[0]);
    }

    public static Validation of(Check... stages) {
        return new Validation(List.of(stages));
    }

    /** Null if every stage passes; else the reason of the first stage that fails. */
    public RejectReason reject(CharSequence text, int start, int end) {
        for (Check c : stages) {
            RejectReason r = c.test(text, start, end);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** A span length within [min, max]: else {@link RejectReason#INVALID_LENGTH}. */
    public static Check length(int min, int max) {
        return (t, s, e) -> e - s >= min && e - s <= max ? null : RejectReason.INVALID_LENGTH;
    }

    /** Every char of the span from {@code offset} on in the alphabet: else {@link RejectReason#INVALID_PATTERN}. */
    public static Check alphabet(Alphabet alphabet, int offset) {
        return (t, s, e) -> alphabet.all(t, s + offset, e) ? null : RejectReason.INVALID_PATTERN;
    }

    /** A predicate that must hold, else {@code reason}. */
    public static Check require(Span predicate, RejectReason reason) {
        return (t, s, e) -> predicate.holds(t, s, e) ? null : reason;
    }

    /** A test over a span. */
    @FunctionalInterface
    public interface Span {
        boolean holds(CharSequence text, int start, int end);
    }
}
