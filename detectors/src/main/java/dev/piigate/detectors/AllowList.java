package dev.piigate.detectors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Values that are never findings: exact strings (compared with the value as written and with its
 * separators stripped) and bounded regular expressions that must match the whole value.
 */
public final class AllowList {
    private static final AllowList EMPTY = new AllowList(Set.of(), List.of());
    private final Set<String> exact;
    private final List<BoundedRegex> patterns;

    private AllowList(Set<String> exact, List<BoundedRegex> patterns) {
        this.exact = exact;
        this.patterns = patterns;
    }

    public static AllowList empty() {
        return EMPTY;
    }

    /** @param configKey prefix for error messages, such as {@code detectors.allowList} */
    public static AllowList of(List<String> exact, List<String> regexes, String configKey) {
        Set<String> values = new HashSet<>();
        for (String s : exact) {
            values.add(s);
            values.add(Fingerprinter.canonical(s, false));
        }
        List<BoundedRegex> compiled = new ArrayList<>();
        for (int i = 0; i < regexes.size(); i++) {
            compiled.add(BoundedRegex.compile(regexes.get(i), configKey + ".regexes[" + i + "]"));
        }
        return new AllowList(Set.copyOf(values), List.copyOf(compiled));
    }

    public boolean isEmpty() {
        return exact.isEmpty() && patterns.isEmpty();
    }

    public boolean allows(String value) {
        if (exact.contains(value) || exact.contains(Fingerprinter.canonical(value, false))) {
            return true;
        }
        for (BoundedRegex p : patterns) {
            if (p.matchesWhole(value, "allow_list")) {
                return true;
            }
        }
        return false;
    }
}
