package dev.piigate.jobs.read;

import static java.util.Objects.requireNonNull;

/**
 * How reading one object ended. {@code detail} is for people: an exception class, a limit, a line
 * number; never content from the object.
 */
public record ReadResult(ScanStatus status, StatusReason reason, String detail) {
    public static final ReadResult COMPLETE = new ReadResult(ScanStatus.COMPLETE, StatusReason.NONE, "");

    public ReadResult {
        requireNonNull(status, "status");
        requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
        if ((status == ScanStatus.COMPLETE) != (reason == StatusReason.NONE)) {
            throw new IllegalArgumentException("COMPLETE goes with reason NONE only: " + status + "/" + reason);
        }
    }

    public static ReadResult partial(StatusReason reason, String detail) {
        return new ReadResult(ScanStatus.PARTIAL, reason, detail);
    }

    public static ReadResult skipped(StatusReason reason, String detail) {
        return new ReadResult(ScanStatus.SKIPPED, reason, detail);
    }
}
