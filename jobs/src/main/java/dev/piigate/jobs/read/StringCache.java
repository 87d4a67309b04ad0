package dev.piigate.jobs.read;

/**
 * Strings for char ranges that come back again and again (JSON paths, keys, short values such as
 * {@code customer} or {@code en-US}): a direct-mapped table, so a repeat costs a hash and a compare
 * instead of a new String, and a miss replaces the slot. Bounded, never cleared; not thread-safe.
 */
final class StringCache {
    /** Longer ranges are not cached: they are seldom repeated. */
    static final int MAX_CHARS = 256;
    private static final int SLOTS = 4096;

    private final String[] slots = new String[SLOTS];

    /** The String of {@code chars[from, to)}, from the cache when it was seen there last. */
    String get(char[] chars, int from, int to) {
        int length = to - from;
        if (length > MAX_CHARS) {
            return new String(chars, from, length);
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + chars[i];
        }
        int slot = (h ^ (h >>> 12)) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && matches(cached, chars, from, length)) {
            return cached;
        }
        String made = new String(chars, from, length);
        slots[slot] = made;
        return made;
    }

    private static boolean matches(String s, char[] chars, int from, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[from + i]) {
                return false;
            }
        }
        return true;
    }
}
