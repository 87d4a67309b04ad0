package dev.piigate.detectors;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A detector as it is, counting the texts it is run on, for the tests of {@link TextScanner}'s
 * gates: with {@code keywords} or {@code prefixes} false it declares no required keywords or no
 * required prefixes, so the scanner does not gate it by them.
 */
record CountedDetector(Detector inner, boolean keywords, boolean prefixes, AtomicInteger runs) implements Detector {
    CountedDetector(Detector inner, boolean keywords, boolean prefixes) {
        this(inner, keywords, prefixes, new AtomicInteger());
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public Set<EntityType> entityTypes() {
        return inner.entityTypes();
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        runs.incrementAndGet();
        inner.scan(text, sink);
    }

    @Override
    public List<Keywords> requiredKeywords() {
        return keywords ? inner.requiredKeywords() : List.of();
    }

    @Override
    public List<String> requiredPrefixes() {
        return prefixes ? inner.requiredPrefixes() : List.of();
    }
}
