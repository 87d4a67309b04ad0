package dev.piigate.jobs.scan;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.piigate.detectors.EntityType;

/**
 * The findings a baseline accepts ({@code --baseline}), as the executors look them up: each entry a
 * keyed fingerprint (128 bits, written by {@code Fingerprinter} as 32 hex characters) with its entity
 * type. Held as sorted primitive arrays, about 20 bytes an entry, so the largest baseline there is
 * ({@link #MAX_ENTRIES}) ships to the executors as some 20 MB, not the hundreds of MB a set of
 * strings would take; looked up by binary search. Immutable, so one instance serves every task
 * thread of an executor.
 */
public final class AcceptedSet implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The most entries a baseline holds: a baseline lists a modest set of known findings, not a dataset's. */
    public static final int MAX_ENTRIES = 1_000_000;

    /** A run without a baseline: accepts nothing. */
    public static final AcceptedSet NONE = new Builder().build();

    /** The types, sorted and distinct; an entry names its type by index. */
    private final String[] types;
    /** The entries sorted by (high, low, type), distinct. */
    private final long[] high;
    private final long[] low;
    private final int[] type;

    /**
     * One entry: an entity type name and a fingerprint of 32 lower-case hex characters.
     */
    public record Entry(String type, String fingerprint) {
        public Entry {
            requireNonNull(type, "type");
            requireNonNull(fingerprint, "fingerprint");
            if (!isFingerprint(fingerprint)) {
                throw new IllegalArgumentException("not a fingerprint: 32 lower-case hex characters expected");
            }
            new EntityType(type); // the names a finding can have
        }
    }

    private AcceptedSet(String[] types, long[] high, long[] low, int[] type) {
        this.types = types;
        this.high = high;
        this.low = low;
        this.type = type;
    }

    /** The set of these entries (duplicates are one). */
    public static AcceptedSet of(Collection<Entry> entries) {
        Builder b = new Builder();
        entries.forEach(e -> b.add(e.type(), e.fingerprint()));
        return b.build();
    }

    /**
     * Collects entries as they are read, without an object per entry beyond three numbers: a
     * baseline of {@link #MAX_ENTRIES} costs the driver some 50 MB while it is built.
     */
    public static final class Builder {
        private final List<long[]> keys = new ArrayList<>();
        private final Map<String, Integer> typeIds = new HashMap<>();
        private final List<String> typeNames = new ArrayList<>();

        /** @throws IllegalArgumentException when either is not what a finding can have (the message quotes neither) */
        public Builder add(String type, String fingerprint) {
            new Entry(type, fingerprint); // validates
            Integer id = typeIds.get(type);
            if (id == null) {
                id = typeNames.size();
                typeIds.put(type, id);
                typeNames.add(type);
            }
            keys.add(new long[] {high(fingerprint), low(fingerprint), id});
            return this;
        }

        public AcceptedSet build() {
            String[] types = typeNames.toArray(String[]::new);
            Arrays.sort(types);
            int[] sortedId = new int[types.length];
            for (int i = 0; i < types.length; i++) {
                sortedId[i] = Arrays.binarySearch(types, typeNames.get(i)); // entries name types by first appearance
            }
            long[][] sorted = keys.toArray(long[][]::new);
            for (long[] k : sorted) {
                k[2] = sortedId[(int) k[2]];
            }
            Arrays.sort(sorted, AcceptedSet::compare);
            int n = 0;
            for (int k = 0; k < sorted.length; k++) {
                if (n == 0 || compare(sorted[n - 1], sorted[k]) != 0) {
                    sorted[n++] = sorted[k];
                }
            }
            long[] high = new long[n];
            long[] low = new long[n];
            int[] type = new int[n];
            for (int k = 0; k < n; k++) {
                high[k] = sorted[k][0];
                low[k] = sorted[k][1];
                type[k] = (int) sorted[k][2];
            }
            return new AcceptedSet(types, high, low, type);
        }
    }

    private static int compare(long[] a, long[] b) {
        int c = Long.compare(a[0], b[0]);
        if (c == 0) {
            c = Long.compare(a[1], b[1]);
        }
        return c != 0 ? c : Long.compare(a[2], b[2]);
    }

    public int size() {
        return high.length;
    }

    public boolean isEmpty() {
        return high.length == 0;
    }

    /**
     * Whether a finding of {@code typeName} with {@code fingerprint} (as {@code Fingerprinter} writes it)
     * is accepted. Anything that is not a fingerprint is not.
     */
    public boolean contains(String typeName, String fingerprint) {
        if (high.length == 0 || fingerprint == null || !isFingerprint(fingerprint)) {
            return false;
        }
        int t = Arrays.binarySearch(types, typeName);
        if (t < 0) {
            return false;
        }
        long h = high(fingerprint);
        long l = low(fingerprint);
        int from = 0;
        int to = high.length - 1;
        while (from <= to) {
            int mid = (from + to) >>> 1;
            int c = Long.compare(high[mid], h);
            if (c == 0) {
                c = Long.compare(low[mid], l);
            }
            if (c == 0) {
                c = Integer.compare(type[mid], t);
            }
            if (c == 0) {
                return true;
            }
            if (c < 0) {
                from = mid + 1;
            } else {
                to = mid - 1;
            }
        }
        return false;
    }

    /** 32 characters of 0-9 and a-f: what {@code Fingerprinter} writes. */
    public static boolean isFingerprint(String s) {
        if (s.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static long high(String fingerprint) {
        return HexFormat.fromHexDigitsToLong(fingerprint, 0, 16);
    }

    private static long low(String fingerprint) {
        return HexFormat.fromHexDigitsToLong(fingerprint, 16, 32);
    }
}
