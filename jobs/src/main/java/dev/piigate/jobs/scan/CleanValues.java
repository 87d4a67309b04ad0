package dev.piigate.jobs.scan;

import java.util.HashSet;
import java.util.Set;

/**
 * Short (field, value) pairs the detectors already found nothing in, so a repeat is not scanned
 * again: JSON keys ({@code role}, {@code content}) and enumerated values ({@code customer},
 * {@code en-US}) come back in every record, and scanning them was a large share of a JSONL scan.
 * Only clean results are remembered, and scanning is a function of (value, field), so a hit means
 * exactly what a fresh scan would say; a value with a finding is scanned (and counted) every time.
 * Bounded: cleared when full. One per partition; not thread-safe.
 */
final class CleanValues {
    /** Longer values are rarely repeated and would only churn the set. */
    static final int MAX_CHARS = 64;
    private static final int MAX_ENTRIES = 16_384;

    private record Key(String field, String value) {}

    private final Set<Key> clean = new HashSet<>();

    /** Whether {@code value} under {@code field} was scanned and found clean before. */
    boolean contains(String field, String value) {
        return value.length() <= MAX_CHARS && clean.contains(new Key(field, value));
    }

    /** Records that a scan of {@code value} under {@code field} found nothing. */
    void add(String field, String value) {
        if (value.length() > MAX_CHARS) {
            return;
        }
        if (clean.size() >= MAX_ENTRIES) {
            clean.clear();
        }
        clean.add(new Key(field, value));
    }
}
