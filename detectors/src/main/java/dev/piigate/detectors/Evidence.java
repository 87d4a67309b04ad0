package dev.piigate.detectors;

import java.util.Set;

/**
 * What besides its shape speaks for a finding: a closed set, so a consumer (the Macie
 * cross-check's "no keyword" reason) reads the evidence itself instead of a confidence threshold
 * that stood for it.
 */
public enum Evidence {
    /**
     * A context keyword is near the value. Detectors whose keyword window takes the field name in
     * (card, SSN, phone, the keyword-gated ids) report a field name that names the type as this too.
     */
    KEYWORD,
    /** The field or column name alone says the type (no keyword in the text). */
    FIELD_NAME,
    /** A check digit or checksum over the value passed (Luhn for cards). */
    CHECKSUM;

    private static final Set<Evidence> KEYWORD_ONLY = Set.of(KEYWORD);

    /** {@link #KEYWORD} when {@code near}, else none: the one-line form the detectors' call sites use. */
    public static Set<Evidence> keywordIf(boolean near) {
        return near ? KEYWORD_ONLY : Set.of();
    }
}
