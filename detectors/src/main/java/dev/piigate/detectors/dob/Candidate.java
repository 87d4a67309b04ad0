package dev.piigate.detectors.dob;

import dev.piigate.detectors.RejectReason;

/**
 * A date found by its written form, before its context is judged.
 *
 * @param masked its day and month (or all of it) are hidden: {@code XX/XX/1987}
 * @param reason why its form or calendar rules it out, or null if it is a birth date should a
 *               keyword name it
 */
record Candidate(int start, int end, boolean masked, RejectReason reason) {
    /** A date for the "nearest date" rule: anything read as a date, but not a piece of a longer token. */
    boolean isDate() {
        return reason != RejectReason.TOKEN_BOUNDARY;
    }
}
