package dev.piigate.detectors;

/**
 * A text could not be fully scanned (a regex ran out of its step budget, a detector hit a limit).
 * The caller must treat the record as not scanned: fail closed. The message names the detector and
 * offsets, never text.
 */
public final class ScanIncompleteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String detectorId;

    public ScanIncompleteException(String detectorId, String message) {
        super(detectorId + ": " + message);
        this.detectorId = detectorId;
    }

    public String detectorId() {
        return detectorId;
    }
}
