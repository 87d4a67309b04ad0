package dev.piigate.jobs.macie;

/**
 * Whether one of our findings had a context keyword (or a field name that says what it holds)
 * near it, read from its confidence: the card, SSN and phone detectors give 0.9 or more exactly
 * then (card 0.95 against 0.8; SSN 0.95/0.9 against 0.7/0.55; phone 0.95 against at most 0.85).
 * Chosen over a new findings column so the published findings schema stays as it is;
 * {@code KeywordEvidenceTest} runs the detectors to hold this table to them.
 */
final class KeywordEvidence {
    static final double KEYWORD_CONFIDENCE = 0.9;

    private KeywordEvidence() {}

    static boolean hasKeyword(double confidence) {
        return confidence >= KEYWORD_CONFIDENCE;
    }
}
