package dev.piigate.jobs.macie;

import java.util.Set;

import dev.piigate.detectors.Evidence;

/**
 * Whether one of our findings had a context keyword, or a field name that says what it holds, near
 * it: what Macie needs before it reports the keyword-gated types ({@link TypeMapping#keywordRequired}).
 * Read from the finding's own evidence, as the detector reported it.
 */
final class KeywordEvidence {
    private KeywordEvidence() {}

    static boolean hasKeyword(Set<Evidence> evidence) {
        return evidence.contains(Evidence.KEYWORD) || evidence.contains(Evidence.FIELD_NAME);
    }
}
