package dev.piigate.jobs.macie;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.piigate.jobs.macie.MacieObject.Detection;
import dev.piigate.jobs.macie.MacieObject.Location;

/**
 * Our scan of one object against what Macie said about it: a pure function, tested as a table.
 *
 * <p>The object first: no Macie record is {@code NOT_IN_MACIE}; records only for another version
 * (ETag or size differ) are {@code STALE}; a current result that Macie skipped is
 * {@code MACIE_SKIPPED}. Otherwise it is compared per type, and per occurrence where both sides
 * list every occurrence with its place (a discovery result, and our findings not cut at
 * {@code report.maxFindingsPerFile}); else by counts only (a finding, a file inside an archive).
 * Each Macie occurrence is paired with at most one finding of ours in the same record, same field
 * first: {@code AGREE} when ours is unmasked, {@code MACIE_ONLY} when we have none there or only a
 * masked value or a test value. Our unmasked findings and test values left over are
 * {@code OURS_ONLY}, with the likely reason. Our masked values Macie does not list are no
 * disagreement: Macie does not report masked values.
 */
final class Reconciliation {
    static final String AGREE = "AGREE";
    static final String MACIE_ONLY = "MACIE_ONLY";
    static final String OURS_ONLY = "OURS_ONLY";
    static final String MACIE_SKIPPED = "MACIE_SKIPPED";
    static final String STALE = "STALE";
    static final String NOT_IN_MACIE = "NOT_IN_MACIE";
    /** An object whose types were compared; its types and occurrences carry AGREE, MACIE_ONLY, OURS_ONLY. */
    static final String COMPARED = "COMPARED";
    static final List<String> OBJECT_CATEGORIES = List.of(COMPARED, MACIE_SKIPPED, STALE, NOT_IN_MACIE);

    /** Why Macie did not report one of ours. */
    static final String NO_KEYWORD = "NO_KEYWORD";
    static final String TEST_VALUE = "TEST_VALUE";
    static final String TYPE_NOT_CONFIGURED = "TYPE_NOT_CONFIGURED";
    static final String MACIE_LOCATIONS_TRUNCATED = "MACIE_LOCATIONS_TRUNCATED";
    /** What we saw where Macie reported one we do not count. */
    static final String OURS_MASKED = "OURS_MASKED";
    static final String OURS_TEST_VALUE = "OURS_TEST_VALUE";

    static final String OCCURRENCE = "occurrence";
    static final String OBJECT = "object";

    private Reconciliation() {}

    /**
     * Our side of one object.
     *
     * @param size             bytes, or -1 if unknown
     * @param etag             the store's ETag, or null (local files have none)
     * @param findingsComplete every finding is in findings/ (none cut by report.maxFindingsPerFile)
     * @param unmasked         exact unmasked counts per type, as the gate counts them
     */
    record Scanned(String path, long size, String etag, boolean findingsComplete, Map<String, Long> unmasked) {
        Scanned {
            unmasked = Map.copyOf(unmasked);
        }
    }

    /**
     * One finding of ours (a findings/ row without its preview and fingerprint).
     *
     * @param keyword a keyword or the field name spoke for it ({@link KeywordEvidence})
     */
    record Ours(long record, String field, int start, int end, String type, boolean masked, boolean testValue,
            boolean keyword) {}

    /**
     * Per type. {@code macie} and {@code ours} are occurrences (ours unmasked, as the gate counts
     * them); {@code macieOnlyRecords} is what the gate adds under {@code macie.onMacieOnly: count}:
     * records with a Macie-only occurrence and no unmasked finding of ours of that type, or, where
     * only counts are compared, the Macie-only occurrences themselves (a record cannot hold fewer).
     */
    record TypeResult(String level, long macie, long ours, long agree, long macieOnly, long oursOnly,
            boolean macieLocationsTruncated, long macieOnlyRecords, String oursOnlyReason) {}

    /** One occurrence the two sides disagree on; locations only, never a value. */
    record Disagreement(String category, String type, String macieType, long record, long recordTo, String field,
            int start, int end, String where, String reason) {}

    record Outcome(String path, String category, String macieUri, String source, String resultId, String createdAt,
            String macieStatus, String macieReason, String macieEtag, long macieSize, Map<String, TypeResult> types,
            Map<String, Long> unmapped, List<Disagreement> disagreements) {
        Outcome {
            types = java.util.Collections.unmodifiableMap(new TreeMap<>(types));
            unmapped = java.util.Collections.unmodifiableMap(new TreeMap<>(unmapped));
            disagreements = List.copyOf(disagreements);
        }
    }

    static Outcome reconcile(Scanned scanned, List<Ours> ours, List<MacieObject> macie, TypeMapping mapping,
            boolean testValuesCountAsUnmasked) {
        if (macie.isEmpty()) {
            return new Outcome(scanned.path(), NOT_IN_MACIE, null, null, null, null, null, null, null, -1, Map.of(),
                    Map.of(), List.of());
        }
        Comparator<MacieObject> latest = Comparator
                .comparing((MacieObject m) -> m.createdAt() == null ? "" : m.createdAt())
                .thenComparing(MacieObject::resultId);
        List<MacieObject> current = new ArrayList<>();
        for (MacieObject m : macie) {
            if (isCurrent(m, scanned)) {
                current.add(m);
            }
        }
        if (current.isEmpty()) {
            MacieObject newest = macie.stream().max(latest).orElseThrow();
            return outcome(scanned, STALE, newest, Map.of(), Map.of(), List.of());
        }
        List<MacieObject> results = current.stream().filter(m -> m.source().equals(MacieObject.RESULT)).toList();
        MacieObject chosen = (results.isEmpty() ? current : results).stream().max(latest).orElseThrow();
        List<MacieObject> group = List.of(chosen);
        if (chosen.embeddedPath() != null) {
            // A file inside an archive: one result per file, counted for the archive as a whole.
            group = current.stream().filter(m -> m.source().equals(chosen.source()) && m.embeddedPath() != null
                    && java.util.Objects.equals(m.jobId(), chosen.jobId())).toList();
        }
        if (group.stream().allMatch(m -> m.status().equals("SKIPPED"))) {
            return outcome(scanned, MACIE_SKIPPED, chosen, Map.of(), Map.of(), List.of());
        }
        boolean locationsUsable = chosen.source().equals(MacieObject.RESULT) && chosen.embeddedPath() == null
                && scanned.findingsComplete();

        Map<String, List<Detection>> byType = new TreeMap<>();
        Map<String, Long> unmapped = new TreeMap<>();
        for (MacieObject m : group) {
            for (Detection d : m.detections()) {
                String type = mapping.ourType(d.macieType(), d.customId(), d.customName());
                if (type == null) {
                    String id = d.macieType() != null ? d.macieType()
                            : "custom:" + (d.customName() != null ? d.customName() : d.customId());
                    unmapped.merge(id, d.count(), Long::sum);
                } else {
                    byType.computeIfAbsent(type, k -> new ArrayList<>()).add(d);
                }
            }
        }
        Map<String, List<Ours>> oursByType = new TreeMap<>();
        for (Ours o : ours) {
            oursByType.computeIfAbsent(o.type(), k -> new ArrayList<>()).add(o);
        }
        Set<String> types = new TreeSet<>(byType.keySet());
        scanned.unmasked().forEach((t, n) -> {
            if (n > 0) {
                types.add(t);
            }
        });
        for (Map.Entry<String, List<Ours>> e : oursByType.entrySet()) {
            if (e.getValue().stream().anyMatch(o -> !o.masked())) {
                types.add(e.getKey());
            }
        }
        Set<String> covered = mapping.coveredTypes();
        Map<String, TypeResult> results2 = new LinkedHashMap<>();
        List<Disagreement> disagreements = new ArrayList<>();
        for (String type : types) {
            List<Detection> dets = byType.getOrDefault(type, List.of());
            long macieCount = 0;
            long listed = 0;
            boolean truncated = false;
            for (Detection d : dets) {
                macieCount += d.count();
                listed += d.locations().size();
                truncated |= d.truncated();
            }
            boolean isCovered = covered.contains(type);
            if (locationsUsable && (listed > 0 || macieCount == 0)) {
                results2.put(type, byOccurrence(type, dets, oursByType.getOrDefault(type, List.of()), macieCount,
                        listed, truncated, isCovered, testValuesCountAsUnmasked, disagreements));
            } else {
                long oursCount = scanned.unmasked().getOrDefault(type, 0L);
                long agree = Math.min(macieCount, oursCount);
                long macieOnly = macieCount - agree;
                long oursOnly = oursCount - agree;
                results2.put(type, new TypeResult(OBJECT, macieCount, oursCount, agree, macieOnly, oursOnly, truncated,
                        macieOnly, oursOnly > 0 && !isCovered ? TYPE_NOT_CONFIGURED : null));
            }
        }
        return outcome(scanned, COMPARED, chosen, results2, unmapped, disagreements);
    }

    private static TypeResult byOccurrence(String type, List<Detection> dets, List<Ours> ours, long macieCount,
            long listed, boolean truncated, boolean covered, boolean testsCount, List<Disagreement> out) {
        List<Ours> sorted = new ArrayList<>(ours);
        sorted.sort(Comparator.comparingLong(Ours::record).thenComparing(o -> o.field() == null ? "" : o.field())
                .thenComparingInt(Ours::start));
        TreeMap<Long, List<Integer>> byRecord = new TreeMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            byRecord.computeIfAbsent(sorted.get(i).record(), k -> new ArrayList<>()).add(i);
        }
        List<Location> macieLocations = new ArrayList<>();
        List<String> macieTypes = new ArrayList<>();
        for (Detection d : dets) {
            for (Location l : d.locations()) {
                macieLocations.add(l);
                macieTypes.add(d.macieType() != null ? d.macieType()
                        : "custom:" + (d.customName() != null ? d.customName() : d.customId()));
            }
        }
        int[] pairedWith = new int[macieLocations.size()];
        java.util.Arrays.fill(pairedWith, -1);
        boolean[] used = new boolean[sorted.size()];
        // Two passes: same record and same field first, so a location without a field (text, a
        // missing jsonPath) does not take the finding a located one needs.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < macieLocations.size(); i++) {
                if (pairedWith[i] >= 0) {
                    continue;
                }
                Location l = macieLocations.get(i);
                int best = -1;
                for (List<Integer> candidates : byRecord.subMap(l.recordFrom(), true, l.recordTo(), true).values()) {
                    for (int j : candidates) {
                        Ours o = sorted.get(j);
                        if (used[j] || !(pass == 0 ? sameField(l.field(), o.field()) : compatible(l.field(), o.field()))) {
                            continue;
                        }
                        if (best < 0 || (leak(o, testsCount) && !leak(sorted.get(best), testsCount))) {
                            best = j;
                        }
                    }
                }
                if (best >= 0) {
                    pairedWith[i] = best;
                    used[best] = true;
                }
            }
        }
        long agree = 0;
        long macieOnly = 0;
        long oursLeaks = 0;
        Set<Long> leakRecords = new TreeSet<>();
        for (Ours o : sorted) {
            if (leak(o, testsCount)) {
                oursLeaks++;
                leakRecords.add(o.record());
            }
        }
        Set<Long> macieOnlyRecords = new TreeSet<>();
        for (int i = 0; i < macieLocations.size(); i++) {
            Location l = macieLocations.get(i);
            Ours o = pairedWith[i] < 0 ? null : sorted.get(pairedWith[i]);
            if (o != null && leak(o, testsCount)) {
                agree++;
                continue;
            }
            macieOnly++;
            if (!leakRecords.contains(l.recordFrom())) {
                macieOnlyRecords.add(l.recordFrom());
            }
            out.add(new Disagreement(MACIE_ONLY, type, macieTypes.get(i), l.recordFrom(), l.recordTo(),
                    o != null ? o.field() : l.field(), o != null ? o.start() : -1, o != null ? o.end() : -1, l.where(),
                    o == null ? null : o.masked() ? OURS_MASKED : OURS_TEST_VALUE));
        }
        long oursOnly = 0;
        long unmatchedLeaks = 0;
        for (int j = 0; j < sorted.size(); j++) {
            Ours o = sorted.get(j);
            if (used[j] || o.masked()) {
                continue;
            }
            String reason;
            if (o.testValue()) {
                reason = TEST_VALUE;
            } else if (!covered) {
                reason = TYPE_NOT_CONFIGURED;
            } else if (truncated) {
                reason = MACIE_LOCATIONS_TRUNCATED;
            } else if (TypeMapping.keywordRequired(type) && !o.keyword()) {
                reason = NO_KEYWORD;
            } else {
                reason = null;
            }
            if (leak(o, testsCount)) {
                unmatchedLeaks++;
            }
            oursOnly++;
            out.add(new Disagreement(OURS_ONLY, type, null, o.record(), o.record(), o.field(), o.start(), o.end(), null,
                    reason));
        }
        // Occurrences Macie counted but did not list: paired with our unmatched leaks by count only;
        // what is left over is Macie-only, without a place (cautious: counted for the gate).
        long unlisted = Math.max(0, macieCount - listed);
        long unlistedAgree = Math.min(unlisted, unmatchedLeaks);
        long unlistedMacieOnly = unlisted - unlistedAgree;
        return new TypeResult(OCCURRENCE, macieCount, oursLeaks, agree + unlistedAgree, macieOnly + unlistedMacieOnly,
                oursOnly - unlistedAgree, truncated, macieOnlyRecords.size() + unlistedMacieOnly, null);
    }

    private static boolean leak(Ours o, boolean testsCount) {
        return !o.masked() && (!o.testValue() || testsCount);
    }

    private static boolean sameField(String macie, String ours) {
        return macie != null && macie.equals(ours);
    }

    /** A Macie location without a field fits any; a truncated JSON path fits the paths it begins. */
    private static boolean compatible(String macie, String ours) {
        if (macie == null || ours == null || macie.equals(ours)) {
            return true;
        }
        String stem = macie.endsWith("...") ? macie.substring(0, macie.length() - 3)
                : macie.endsWith("\u2026") ? macie.substring(0, macie.length() - 1) : null;
        return stem != null && ours.startsWith(stem);
    }

    static boolean isCurrent(MacieObject m, Scanned s) {
        if (m.size() >= 0 && s.size() >= 0 && m.size() != s.size()) {
            return false;
        }
        if (m.etag() != null && s.etag() != null) {
            return m.etag().equalsIgnoreCase(s.etag().replace("\"", ""));
        }
        return true;
    }

    private static Outcome outcome(Scanned s, String category, MacieObject m, Map<String, TypeResult> types,
            Map<String, Long> unmapped, List<Disagreement> disagreements) {
        return new Outcome(s.path(), category, m.uri(), m.source(), m.resultId(), m.createdAt(), m.status(), m.reason(),
                m.etag(), m.size(), types, unmapped, disagreements);
    }
}
