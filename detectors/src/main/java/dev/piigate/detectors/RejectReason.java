package dev.piigate.detectors;

/** Why a candidate that looked like a sensitive value was not reported. */
public enum RejectReason {
    /** Adjacent letters or digits make it part of a longer token (an id, a hash, a GUID). */
    TOKEN_BOUNDARY,
    /** Wrong number of digits or characters for the type. */
    INVALID_LENGTH,
    /** Separators mixed, or groups not in a shape the type is written in. */
    INVALID_GROUPING,
    /** The characters do not fit the type's format. */
    INVALID_PATTERN,
    /** Luhn, mod-97 or another check digit fails. */
    INVALID_CHECKSUM,
    /** No known issuer / bank / country prefix. */
    UNKNOWN_PREFIX,
    /** A range that is never issued (SSN area 000, 666, 900-999...). */
    INVALID_RANGE,
    /** A number published in advertising or documentation (SSN 078-05-1120...). */
    ADVERTISED_NUMBER,
    /** The type requires a keyword or a field name nearby and there is none. */
    NO_KEYWORD,
    /** Not a valid number for any configured region. */
    NOT_VALID_FOR_REGION,
    /** The domain's top-level label is not in the IANA list, or the host is not a public domain. */
    INVALID_DOMAIN,
    /** Looks like a file name or other known non-value (a@2x.png). */
    KNOWN_FALSE_POSITIVE,
    /** The value is on the configured allow list. */
    ALLOW_LISTED,
    /** A word from the identifier's ignore list. */
    IGNORE_WORD,
    /** All digits the same, or another degenerate value. */
    DEGENERATE
}
