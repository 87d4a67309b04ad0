package dev.piigate.jobs.read;

import java.util.Arrays;

/**
 * Strings for char ranges that come back again and again (JSON paths, keys, short values such as
 * {@code customer} or {@code en-US}): a direct-mapped table, so a repeat costs a hash and a compare
 * instead of a new String. A range is kept from its second sighting on: the first only notes its
 * hash in a small table of its own. Unique values (ids, timestamps, message texts), most of a
 * record's chars, then cost a hash and a new String, and neither read nor overwrite a held array
 * (a cache miss each: a twentieth of a JSON Lines scan's CPU); each slot's hash is compared before
 * its chars. Bounded, never cleared; not thread-safe.
 */
final class StringCache {
    /** Longer ranges are not cached: they are seldom repeated. */
    static final int MAX_CHARS = 256;
    private static final int SLOTS = 4096;

    private final String[] slots = new String[SLOTS];
    /** Each slot's characters, compared as arrays (a vectorised compare, not charAt by charAt). */
    private final char[][] chars = new char[SLOTS][];
    /** Each slot's hash (of length and chars, mixed); compared before its chars. */
    private final int[] hashes = new int[SLOTS];
    /** Per slot, the hash of the last range seen there once and not kept. */
    private final int[] seenOnce = new int[SLOTS];

    /** The String of {@code chars[from, to)}, from the cache when it was seen there last. */
    String get(char[] in, int from, int to) {
        int length = to - from;
        if (length > MAX_CHARS) {
            return new String(in, from, length);
        }
        int h = length;
        for (int i = from; i < to; i++) {
            h = 31 * h + in[i];
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        int slot = h & (SLOTS - 1);
        if (hashes[slot] == h) {
            char[] cached = chars[slot];
            if (cached != null && Arrays.equals(cached, 0, cached.length, in, from, to)) {
                return slots[slot];
            }
        }
        String made = new String(in, from, length);
        if (seenOnce[slot] != h) {
            seenOnce[slot] = h; // kept if it comes again
            return made;
        }
        char[] cached = chars[slot];
        if (cached != null && cached.length == length) {
            System.arraycopy(in, from, cached, 0, length);
        } else {
            chars[slot] = Arrays.copyOfRange(in, from, to);
        }
        slots[slot] = made;
        hashes[slot] = h;
        return made;
    }
}
