package dev.piigate.jobs.read;

/** How completely an object was scanned, in Amazon Macie's terms. Anything but COMPLETE blocks by default. */
public enum ScanStatus {
    COMPLETE, PARTIAL, SKIPPED
}
