package dev.piigate.jobs.scan;

import java.util.Arrays;
import java.util.Objects;

/**
 * Short (field, value) pairs the detectors already found nothing in, so a repeat is not scanned
 * again: JSON keys ({@code role}, {@code content}) and enumerated values ({@code customer},
 * {@code en-US}) come back in every record, and scanning them was a large share of a JSONL scan.
 * Only clean results are remembered, and scanning is a function of (value, field), so a hit means
 * exactly what a fresh scan would say; a value with a finding is scanned (and counted) every time.
 * Bounded: cleared when full. One per partition; not thread-safe.
 *
 * <p>An open-addressing table of the pairs' two Strings, so a lookup allocates nothing: a key
 * object per lookup had been about one byte in ten of what a JSON Lines read allocated. Each slot
 * also keeps its pair's full hash, compared before any String is read: on PII-dense data most
 * values are new, and a miss used to follow two pointers per occupied slot it probed.
 */
final class CleanValues {
    /** Longer values are rarely repeated and would only churn the set. */
    static final int MAX_CHARS = 64;
    private static final int MAX_ENTRIES = 16_384;
    /** Twice the entries: probes stay short. */
    private static final int SLOTS = 2 * MAX_ENTRIES;

    private final String[] fields = new String[SLOTS];
    private final String[] values = new String[SLOTS];
    private final int[] hashes = new int[SLOTS];
    private int size;

    /** Whether {@code value} under {@code field} was scanned and found clean before. */
    boolean contains(String field, String value) {
        if (value.length() > MAX_CHARS) {
            return false;
        }
        int h = hash(field, value);
        for (int slot = h & (SLOTS - 1); values[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
            if (holds(slot, h, field, value)) {
                return true;
            }
        }
        return false;
    }

    /** Records that a scan of {@code value} under {@code field} found nothing. */
    void add(String field, String value) {
        if (value.length() > MAX_CHARS) {
            return;
        }
        if (size >= MAX_ENTRIES) {
            Arrays.fill(fields, null);
            Arrays.fill(values, null);
            size = 0;
        }
        int h = hash(field, value);
        int slot = h & (SLOTS - 1);
        while (values[slot] != null) {
            if (holds(slot, h, field, value)) {
                return;
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        fields[slot] = field;
        values[slot] = value;
        hashes[slot] = h;
        size++;
    }

    /** Whether the occupied {@code slot} holds this pair: its stored hash first, then the Strings. */
    private boolean holds(int slot, int h, String field, String value) {
        return hashes[slot] == h && values[slot].equals(value) && Objects.equals(fields[slot], field);
    }

    /** The pair's hash, mixed so that its low bits (the slot) depend on all of it. */
    private static int hash(String field, String value) {
        int h = (field == null ? 0 : field.hashCode()) * 31 + value.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
