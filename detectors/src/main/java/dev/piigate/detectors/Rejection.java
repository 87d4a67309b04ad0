package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

/** A candidate that was considered and not reported, with the reason. Holds no value. */
public record Rejection(EntityType type, int start, int end, String detectorId, RejectReason reason) {
    public Rejection {
        requireNonNull(type, "type");
        requireNonNull(detectorId, "detectorId");
        requireNonNull(reason, "reason");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
