package dev.piigate.detectors;

/**
 * Where a detector puts what it decided. Offsets given to the sink are offsets in
 * {@link ScanText#text()}, the normalised text; {@link ScanText} maps them back.
 */
public interface FindingSink {
    void found(Finding finding);

    /** Called for candidates judged and dropped. Production sinks ignore it; tests assert the reason. */
    default void rejected(Rejection rejection) {}
}
