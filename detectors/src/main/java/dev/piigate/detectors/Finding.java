package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

/**
 * One sensitive value found in a text. It holds where the value is, never the value itself, so a
 * finding can be logged, serialised or put in an exception message without leaking anything.
 *
 * @param start      UTF-16 index of the first character in the original text
 * @param end        UTF-16 index one past the last character in the original text
 * @param detectorId versioned id of the detector that found it, such as {@code card_luhn_v2}
 * @param confidence 0 to 1
 * @param masked     the value is redacted (stars, X-es, a redaction token, a placeholder address)
 * @param testValue  the value is a well-known public test value (4111 1111 1111 1111 and the like)
 */
public record Finding(
        EntityType type, int start, int end, String detectorId, double confidence, boolean masked, boolean testValue) {

    public Finding {
        requireNonNull(type, "type");
        requireNonNull(detectorId, "detectorId");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
        }
    }

    /** Unmasked and not a public test value: what a gate counts as a leak. */
    public boolean isUnmasked() {
        return !masked && !testValue;
    }

    public int length() {
        return end - start;
    }

    boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }
}
