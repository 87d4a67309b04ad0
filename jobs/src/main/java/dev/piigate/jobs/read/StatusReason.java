package dev.piigate.jobs.read;

/** Why an object is PARTIAL or SKIPPED. NONE goes with COMPLETE only. */
public enum StatusReason {
    NONE,
    UNSUPPORTED_FORMAT,
    CORRUPT,
    PERMISSION_DENIED,
    NOT_FOUND,
    TOO_LARGE,
    PARSER_TIMEOUT,
    PARSER_CRASH,
    OBJECT_CHANGED,
    EMPTY,
    ENCRYPTED,
    TRUNCATED,
    EMBEDDED_FAILED,
    READ_ERROR,
    DETECTOR_LIMIT,
    /** A detector failed on this object's text: a bug of ours, and the object is not scanned. */
    DETECTOR_ERROR
}
