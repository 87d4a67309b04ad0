package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a set of detectors over one text (and its {@link ScanText#alternate() alternate view}) and
 * returns their findings with offsets in the original text: allow-listed values removed,
 * overlapping findings resolved ({@link #resolveOverlaps}), in order of position. A detector that
 * needs keywords ({@link Detector#requiredKeywords()}) is not run on a text in which none of them
 * can occur and whose field names none; one that needs a token prefix
 * ({@link Detector#requiredPrefixes()}) is not run on a text whose token runs have no word start
 * with a prefix's first letter. Reports no rejections. Thread-safe if its detectors are;
 * build one per executor.
 */
public final class TextScanner {
    /** One comparison, not a chain of key extractors: the sort of every text's findings calls it most. */
    private static final Comparator<Finding> BY_POSITION = (a, b) -> a.start() != b.start()
            ? Integer.compare(a.start(), b.start()) : Integer.compare(a.end(), b.end());
    /** What wins an overlap: weight, then confidence, then length, then position. */
    private static final Comparator<Finding> BY_RANK = Comparator.comparingInt(TextScanner::weight).reversed()
            .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed())
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparing(BY_POSITION);

    /** An array, not a list: read for every detector of every text scanned. */
    private final Detector[] detectors;
    private final AllowList allowList;
    /** The keyword lists the detectors require ({@link Detector#requiredKeywords()}), one bit each. */
    private final KeywordPresence presence;
    private final List<Keywords> requiredLists;
    /** Per detector, the bits of its required lists; 0: it runs on every text. */
    private final long[] needs;
    private final long anyNeed;
    /** Per detector, the {@link TokenRuns#letterBit}s its required prefixes start with; 0: it runs on every text. */
    private final long[] prefixLetters;
    /** Per field name, the bits of the required lists it names; bounded like {@link Keywords#inField}'s answers. */
    private final ConcurrentHashMap<String, Long> namedByField = new ConcurrentHashMap<>();
    private static final int MAX_FIELD_ANSWERS = 4096;
    /** The last of those answers by the name's identity, looked at first. */
    private final FieldMemo lastNamed = new FieldMemo();
    /**
     * The required-keyword look ({@link KeywordPresence}) is made for a text with at least one
     * digit run per this many chars: every gated detector starts from digit runs (or masks), so in
     * sparser text it costs less than reading the whole text for keywords (prose: one per 360).
     */
    static final int CHARS_PER_RUN_TO_GATE = 64;

    public TextScanner(List<Detector> detectors, AllowList allowList) {
        this.detectors = List.copyOf(requireNonNull(detectors, "detectors")).toArray(new Detector[0]);
        this.allowList = requireNonNull(allowList, "allowList");
        List<Keywords> lists = new ArrayList<>();
        for (Detector d : this.detectors) {
            lists.addAll(d.requiredKeywords());
        }
        this.presence = KeywordPresence.of(lists);
        this.requiredLists = List.copyOf(lists);
        this.needs = new long[this.detectors.length];
        long any = 0;
        for (int k = 0; k < needs.length; k++) {
            for (Keywords list : this.detectors[k].requiredKeywords()) {
                long bit = presence.bit(list);
                if (bit == 0) {
                    needs[k] = 0; // a list past the presence set's bound: always run
                    break;
                }
                needs[k] |= bit;
            }
            any |= needs[k];
        }
        this.anyNeed = any;
        this.prefixLetters = new long[this.detectors.length];
        for (int k = 0; k < prefixLetters.length; k++) {
            prefixLetters[k] = firstLetters(this.detectors[k].requiredPrefixes());
        }
    }

    /** The first letters of {@code prefixes}; 0 (no gate) if there are none or one starts otherwise. */
    private static long firstLetters(List<String> prefixes) {
        long letters = 0;
        for (String prefix : prefixes) {
            long bit = prefix.isEmpty() ? 0 : TokenRuns.letterBit(prefix.charAt(0));
            if (bit == 0) {
                return 0;
            }
            letters |= bit;
        }
        return letters;
    }

    public static TextScanner create(DetectorSettings settings) {
        return new TextScanner(DetectorRegistry.load().create(settings), settings.allowList());
    }

    public List<String> detectorIds() {
        List<String> ids = new ArrayList<>();
        for (Detector d : detectors) {
            ids.add(d.id());
        }
        return ids;
    }

    /** Findings in {@code text}, offsets in {@code text}. */
    public List<Finding> scan(String text, String field) {
        ScanText scanText = ScanText.of(text, field);
        Collector collector = new Collector();
        // The alternate views (percent-decoded, once or again...) are scanned too: a value found in any counts.
        long named = -1; // the required lists the field names: asked once, at the first gated detector
        for (ScanText view = scanText; view != null; view = view.alternate()) {
            collector.view = view;
            // In text with few digit runs (prose) the gated detectors cost less than the look would.
            boolean gate = view.digitRunCount() >= view.length() / CHARS_PER_RUN_TO_GATE;
            long present = 0; // the required lists that can occur in this view or the field names
            boolean looked = false;
            long startLetters = -1; // the first letters of the view's token-run word starts, read once
            for (int k = 0; k < needs.length; k++) {
                long letters = prefixLetters[k];
                if (letters != 0) {
                    if (startLetters == -1) {
                        startLetters = view.tokenRuns().wordStartLetters();
                    }
                    if ((startLetters & letters) == 0) {
                        continue; // no prefix it needs can start here (the collector wants no rejections)
                    }
                }
                long need = needs[k];
                if (need != 0 && gate) {
                    if (!looked) {
                        named = named == -1 ? named(field) : named;
                        present = named | presence.mayOccur(view, anyNeed & ~named);
                        looked = true;
                    }
                    if ((present & need) == 0) {
                        continue; // no keyword it needs can occur here: it would only reject
                    }
                }
                detectors[k].scan(view, collector);
            }
        }
        List<Finding> found = collector.findings;
        if (found == null) {
            return List.of();
        }
        List<Finding> result = new ArrayList<>(found.size());
        for (Finding f : resolveOverlaps(found)) {
            if (allowList.isEmpty() || !allowList.allows(text.substring(f.start(), f.end()))) {
                result.add(f);
            }
        }
        return result;
    }

    /** The bits of the required keyword lists that {@code field} names. */
    private long named(String field) {
        if (field == null || field.isEmpty() || anyNeed == 0) {
            return 0;
        }
        long last = lastNamed.get(field);
        if (last != FieldMemo.NONE) {
            return last;
        }
        long bits = namedByMap(field);
        lastNamed.put(field, bits);
        return bits;
    }

    private long namedByMap(String field) {
        Long known = namedByField.get(field);
        if (known != null) {
            return known;
        }
        long bits = 0;
        for (Keywords list : requiredLists) {
            if (list.inField(field)) {
                bits |= presence.bit(list);
            }
        }
        if (namedByField.size() < MAX_FIELD_ANSWERS) {
            namedByField.put(field, bits);
        }
        return bits;
    }

    public List<Finding> scan(String text) {
        return scan(text, null);
    }

    /**
     * Resolves findings that overlap, offsets in the original text. A finding is dropped only for
     * one that counts at least as much: unmasked before a public test value before masked (a
     * masked e-mail address {@code 4550...@example.com} never hides the unmasked card in it, nor a
     * test card a real one); at equal weight the more confident, then the longer, then the first
     * wins. Two unmasked (or two test) findings of different types are both kept: each type has
     * its own threshold, and a value read as a phone number must not hide the card it also is.
     */
    public static List<Finding> resolveOverlaps(List<Finding> findings) {
        if (findings.size() == 1) {
            return findings;
        }
        List<Finding> sorted = findings;
        if (!inOrder(findings)) { // often they are: one detector's, in the order it found them
            sorted = new ArrayList<>(findings);
            sorted.sort(BY_POSITION);
        }
        List<Finding> result = new ArrayList<>(sorted.size());
        int i = 0;
        while (i < sorted.size()) {
            // A cluster: findings chained by overlaps. Nearly all are a single finding.
            int j = i + 1;
            int reach = sorted.get(i).end();
            while (j < sorted.size() && sorted.get(j).start() < reach) {
                reach = Math.max(reach, sorted.get(j).end());
                j++;
            }
            if (j == i + 1) {
                result.add(sorted.get(i));
            } else {
                resolveCluster(new ArrayList<>(sorted.subList(i, j)), result);
            }
            i = j;
        }
        return result;
    }

    private static boolean inOrder(List<Finding> findings) {
        for (int k = 1; k < findings.size(); k++) {
            if (BY_POSITION.compare(findings.get(k - 1), findings.get(k)) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Best first: each finding is kept unless a kept one that overlaps it (and may not coexist
     * with it) came first, so a finding that loses never takes another down with it. Adds what
     * is kept to {@code out} in order of position.
     */
    private static void resolveCluster(List<Finding> cluster, List<Finding> out) {
        cluster.sort(BY_RANK);
        TreeMap<Long, Finding> kept = new TreeMap<>(); // by start, then arrival
        int longest = 0; // no kept finding starting before f.start() - longest reaches f
        long seq = 0;
        for (Finding f : cluster) {
            boolean add = true;
            for (Finding other : kept.subMap((long) Math.max(0, f.start() - longest) << 32, true,
                    (long) f.end() << 32, false).values()) {
                if (other.overlaps(f) && !coexist(f, other)) {
                    add = false;
                    break;
                }
            }
            if (add) {
                kept.put((long) f.start() << 32 | seq++, f);
                longest = Math.max(longest, f.length());
            }
        }
        List<Finding> byPosition = new ArrayList<>(kept.values());
        byPosition.sort(BY_POSITION);
        out.addAll(byPosition);
    }

    /** What a finding counts for at the gate: unmasked 2, public test value 1, masked 0. */
    private static int weight(Finding f) {
        return f.masked() ? 0 : f.testValue() ? 1 : 2;
    }

    private static boolean coexist(Finding a, Finding b) {
        return weight(a) > 0 && weight(a) == weight(b) && !a.type().equals(b.type());
    }

    /**
     * Collects findings mapped to original offsets from the view being scanned. The list is made
     * at the first finding: most values have none, and a list per value was allocation per value.
     */
    private static final class Collector implements FindingSink {
        List<Finding> findings;
        ScanText view;

        @Override
        public void found(Finding finding) {
            if (findings == null) {
                findings = new ArrayList<>(4);
            }
            findings.add(view.toOriginal(finding));
        }

        @Override
        public boolean wantsRejections() {
            return false;
        }
    }
}
