package dev.piigate.detectors;

/**
 * Where a detector puts what it decided. Offsets given to the sink are offsets in
 * {@link ScanText#text()}, the normalised text; {@link ScanText} maps them back.
 */
public interface FindingSink {
    void found(Finding finding);

    /** Called for candidates judged and dropped. Production sinks ignore it; tests assert the reason. */
    default void rejected(Rejection rejection) {}

    /**
     * Whether this sink looks at rejections at all. {@link TextScanner}'s does not, and then
     * detectors build no {@link Rejection} for the many candidates they drop.
     */
    default boolean wantsRejections() {
        return true;
    }

    /** Reports a dropped candidate, building the {@link Rejection} only if the sink wants it. */
    default void rejected(EntityType type, int start, int end, String detectorId, RejectReason reason) {
        if (wantsRejections()) {
            rejected(new Rejection(type, start, end, detectorId, reason));
        }
    }
}
