package dev.piigate.detectors.dob;

import dev.piigate.detectors.RejectReason;

/**
 * A date found by its written form, before its context is judged.
 *
 * @param masked its day and month (or all of it) are hidden: {@code XX/XX/1987}
 * @param timestamp a time of day follows it that is not a date's midnight ({@code 2024-02-29 20:01:33}):
 *                  a log's or a record's timestamp, a birth date only in a field named so
 * @param reason why its form or calendar rules it out, or null if it is a birth date should a
 *               keyword name it
 */
record Candidate(int start, int end, boolean masked, boolean timestamp, RejectReason reason) {
    /** A date for the "nearest date" rule: anything read as a date, but not a piece of a longer token. */
    boolean isDate() {
        return reason != RejectReason.TOKEN_BOUNDARY;
    }

    static Candidate of(int start, int end, boolean masked, RejectReason reason) {
        return new Candidate(start, end, masked, false, reason);
    }
}
