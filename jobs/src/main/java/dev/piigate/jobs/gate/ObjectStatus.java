package dev.piigate.jobs.gate;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;

/**
 * How far an object was scanned, and why not further: COMPLETE has no reason, any other status
 * has one. Ordered by {@link #key}, the {@code STATUS/REASON} form the report and summary print.
 */
public record ObjectStatus(ScanStatus status, StatusReason reason) implements Comparable<ObjectStatus> {
    public static final ObjectStatus COMPLETE = new ObjectStatus(ScanStatus.COMPLETE, null);
    private static final Comparator<ObjectStatus> BY_KEY = Comparator.comparing(ObjectStatus::key);

    public ObjectStatus {
        requireNonNull(status, "status");
        if ((status == ScanStatus.COMPLETE) != (reason == null)) {
            throw new IllegalArgumentException("a reason for every status but COMPLETE: " + status + "/" + reason);
        }
    }

    /** The status with the reason it carries unless COMPLETE (a read's reason is NONE then). */
    public static ObjectStatus of(ScanStatus status, StatusReason reason) {
        return status == ScanStatus.COMPLETE ? COMPLETE : new ObjectStatus(status, reason);
    }

    public boolean complete() {
        return status == ScanStatus.COMPLETE;
    }

    /** {@code COMPLETE} or {@code STATUS/REASON}, as outputs write it. */
    public String key() {
        return reason == null ? status.name() : status.name() + "/" + reason.name();
    }

    @Override
    public int compareTo(ObjectStatus o) {
        return BY_KEY.compare(this, o);
    }

    @Override
    public String toString() {
        return key();
    }
}
