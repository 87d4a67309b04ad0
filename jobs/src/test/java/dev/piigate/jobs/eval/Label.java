package dev.piigate.jobs.eval;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * One labelled span of an evaluation record. {@code type} is the entity type name the scan job
 * reports ({@code CREDIT_CARD_NUMBER}...), or null for a decoy: a hard negative that is labelled
 * only so false positives can be traced to the kind of look-alike that caused them.
 *
 * @param state {@code unmasked}, {@code masked} or {@code test} (a public test value); null for decoys
 * @param kind  how the value was written, for the per-form breakdown ({@code card.visa.16.space})
 */
record Label(String type, int start, int end, String state, String kind) {
    static final String UNMASKED = "unmasked";
    static final String MASKED = "masked";
    static final String TEST = "test";
    static final Set<String> STATES = Set.of(UNMASKED, MASKED, TEST);

    Label {
        requireNonNull(kind, "kind");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
        if ((type == null) != (state == null) || (state != null && !STATES.contains(state))) {
            throw new IllegalArgumentException("type and state go together: " + type + "/" + state);
        }
    }

    boolean isDecoy() {
        return type == null;
    }

    boolean isLeak() {
        return UNMASKED.equals(state);
    }

    boolean overlaps(int otherStart, int otherEnd) {
        return start < otherEnd && otherStart < end;
    }
}
