package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

import java.util.Set;

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
 * @param evidence   what besides its shape speaks for it (a keyword near, the field name, a
 *                   checksum); empty where the detector reports none
 */
public record Finding(EntityType type, int start, int end, String detectorId, double confidence, boolean masked,
        boolean testValue, Set<Evidence> evidence) {

    public Finding {
        requireNonNull(type, "type");
        requireNonNull(detectorId, "detectorId");
        evidence = Set.copyOf(evidence);
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
        }
    }

    /** A finding without evidence: the form most detectors report. */
    public Finding(EntityType type, int start, int end, String detectorId, double confidence, boolean masked,
            boolean testValue) {
        this(type, start, end, detectorId, confidence, masked, testValue, Set.of());
    }

    /** The same finding at another span (offsets mapped back to the original text, or shifted). */
    public Finding at(int newStart, int newEnd) {
        return new Finding(type, newStart, newEnd, detectorId, confidence, masked, testValue, evidence);
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
