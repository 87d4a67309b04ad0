package dev.piigate.jobs.read;

/**
 * JSON paths by their container's path and one more key or index ({@code $.messages} +
 * {@code [2]}, {@code $.messages[2]} + {@code content}), kept in a direct-mapped table: the same
 * fields come back in every record, so almost every value's path is a lookup by identity of two
 * Strings the walker already holds, with no characters compared or copied. A miss (a new path, or
 * Strings the cache let go of) renders the path as {@link JsonLinesReader#appendKey} always has.
 * Bounded; not thread-safe.
 */
final class JsonPaths {
    private static final int SLOTS = 4096;

    private final String[] parents = new String[SLOTS];
    /** The key of a member path; null for an array element. */
    private final String[] names = new String[SLOTS];
    private final int[] indexes = new int[SLOTS];
    private final String[] paths = new String[SLOTS];
    private final StringBuilder render = new StringBuilder();

    /** {@code parent} + the member {@code name} ({@code .name} or {@code ['odd name']}). */
    String member(String parent, String name) {
        int slot = slot(parent.hashCode() * 31 + name.hashCode());
        if (same(parents[slot], parent) && same(names[slot], name)) {
            return paths[slot];
        }
        render.setLength(0);
        render.append(parent);
        JsonLinesReader.appendKey(render, name);
        return store(slot, parent, name, -1);
    }

    /** {@code parent} + {@code [index]}. */
    String element(String parent, int index) {
        int slot = slot(parent.hashCode() * 31 + index + 0x632be5ab);
        if (same(parents[slot], parent) && names[slot] == null && indexes[slot] == index) {
            return paths[slot];
        }
        render.setLength(0);
        render.append(parent).append('[').append(index).append(']');
        return store(slot, parent, null, index);
    }

    private String store(int slot, String parent, String name, int index) {
        String path = render.toString();
        parents[slot] = parent;
        names[slot] = name;
        indexes[slot] = index;
        paths[slot] = path;
        return path;
    }

    /**
     * Identity on purpose: the walker hands back the Strings this table and its key cache made, so
     * a repeat is the same object; an equal but distinct String only costs a miss.
     */
    private static boolean same(Object a, Object b) {
        return a == b;
    }

    private static int slot(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h & (SLOTS - 1);
    }
}
