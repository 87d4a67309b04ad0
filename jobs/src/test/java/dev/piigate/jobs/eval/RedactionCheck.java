package dev.piigate.jobs.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.TextScanner;
import dev.piigate.detectors.redaction.Redactor;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.eval.Scorer.Found;

/**
 * Issue 17's accuracy check of {@code --redact-to} on the evaluation corpus: the copy differs from
 * the original only inside labelled spans (planted values and look-alikes) and spans the scan
 * flagged (in the original, or in a later redaction round: {@link #laterRound}), the id field not at
 * all; and the copy's own scan finds no unmasked value of a type that was replaced. Read from the files the runs wrote, independent of the rewriter's code.
 */
final class RedactionCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RedactionCheck() {}

    /**
     * @param changedOutside records whose copy differs outside every allowed span (target 0)
     * @param leftInCopy     per type replaced in the copy, unmasked findings of the copy's scan (target 0 each)
     */
    record Result(long records, long changed, long changedOutside, long laterRounds, List<String> examples,
            Map<String, Long> leftInCopy) {
        /** Changed outside every span of the original's scan and of the redaction's later rounds. */
        long unexplained() {
            return changedOutside - laterRounds;
        }

        boolean ok() {
            return unexplained() == 0 && leftInCopy.values().stream().allMatch(n -> n == 0);
        }
    }

    /**
     * @param scanner  the scan's detectors, to recompute the redaction's later rounds: a replacement
     *                 can change how a look-alike next to it reads (a token frees a keyword the
     *                 replaced value had claimed), and the copy's own scan would find it, so the
     *                 redaction replaces it too; such a span was flagged by pii-gate, in round 2 or 3
     */
    static Result check(List<EvalRecord> records, List<Found> original, List<String> copyLines,
            Set<String> replacedTypes, List<Found> copyFindings, TextScanner scanner) throws IOException {
        if (copyLines.size() != records.size()) {
            throw new IllegalStateException("the copy has " + copyLines.size() + " records, the corpus "
                    + records.size() + ": records were dropped or added");
        }
        List<List<Found>> flagged = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            flagged.add(new ArrayList<>());
        }
        for (Found f : original) {
            if (Scorer.TEXT_FIELD.equals(f.field()) && f.record() >= 0 && f.record() < records.size()) {
                flagged.get((int) f.record()).add(f);
            }
        }
        long changed = 0;
        long outside = 0;
        long later = 0;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            EvalRecord r = records.get(i);
            JsonNode copy = JSON.readTree(copyLines.get(i));
            String text = copy.path("text").asText(null);
            if (text == null || !r.id().equals(copy.path("id").asText(null))) {
                outside++;
                changed++;
                examples.add(r.id() + ": id or text field changed");
                continue;
            }
            if (text.equals(r.text())) {
                continue;
            }
            changed++;
            List<int[]> allowed = new ArrayList<>();
            for (Found f : flagged.get(i)) {
                allowed.add(new int[] {f.start(), f.end()});
            }
            for (Label l : r.labels()) {
                allowed.add(new int[] {l.start(), l.end()});
            }
            if (!onlyInside(r.text(), text, allowed)) {
                outside++;
                if (laterRound(r.text(), text, flagged.get(i), scanner) > 0) {
                    later++;
                } else if (examples.size() < 10) {
                    examples.add(r.id() + " (" + r.layout() + ")");
                }
            }
        }
        Map<String, Long> left = new TreeMap<>();
        for (String t : replacedTypes) {
            left.put(t, 0L);
        }
        for (Found f : copyFindings) {
            if (f.leak() && replacedTypes.contains(f.type())) {
                left.merge(f.type(), 1L, Long::sum);
            }
        }
        return new Result(records.size(), changed, outside, later, examples, left);
    }

    /**
     * The redaction round (2 or 3) whose flagged spans account for every difference between
     * {@code copy} and the text as the rounds before left it, or 0 if none does.
     */
    static int laterRound(String original, String copy, List<Found> flagged, TextScanner scanner) {
        Redactor types = new Redactor(Redactor.Style.TYPE, Map.of(), null);
        List<Finding> findings = new ArrayList<>();
        for (Found f : flagged) {
            findings.add(new Finding(new EntityType(f.type()), f.start(), f.end(), "eval", 1.0, f.masked(), f.test()));
        }
        String text = original;
        for (int round = 2; round <= 3; round++) {
            text = types.redact(text, findings).text();
            findings = scanner.scan(text, Scorer.TEXT_FIELD);
            List<int[]> spans = new ArrayList<>();
            for (Finding f : findings) {
                if (types.replaces(f)) {
                    spans.add(new int[] {f.start(), f.end()});
                }
            }
            if (onlyInside(text, copy, spans)) {
                return round;
            }
        }
        return 0;
    }

    /**
     * Whether {@code copy} is {@code original} with only the allowed spans replaced (by anything):
     * the text outside the merged spans must appear in order, the first piece as a prefix and the
     * last as a suffix. Greedy leftmost matching is exact for such wildcard patterns.
     */
    static boolean onlyInside(String original, String copy, List<int[]> allowed) {
        allowed.sort(Comparator.comparingInt(a -> a[0]));
        List<String> pieces = new ArrayList<>();
        int at = 0;
        for (int[] span : allowed) {
            if (span[0] > at) {
                pieces.add(original.substring(at, span[0]));
                at = span[0];
            }
            if (span[1] > at) {
                pieces.add(null); // a wildcard
                at = span[1];
            }
        }
        pieces.add(original.substring(Math.min(at, original.length())));
        int pos = 0;
        boolean wildcardBefore = false;
        for (int k = 0; k < pieces.size(); k++) {
            String p = pieces.get(k);
            if (p == null) {
                wildcardBefore = true;
                continue;
            }
            boolean last = k == pieces.size() - 1;
            if (!wildcardBefore) {
                if (!copy.startsWith(p, pos)) {
                    return false;
                }
                pos += p.length();
            } else if (last) {
                if (copy.length() - p.length() < pos || !copy.endsWith(p)) {
                    return false;
                }
                pos = copy.length();
            } else {
                int found = copy.indexOf(p, pos);
                if (found < 0) {
                    return false;
                }
                pos = found + p.length();
            }
            wildcardBefore = false;
        }
        return pos == copy.length() || wildcardBefore;
    }

    /** Runs the check on what scripts/evaluate --redact wrote and prints it; false when a target is missed. */
    static boolean run(Path corpusDir, Path scan, Path copyFile, Path config, PrintStream out) throws IOException {
        List<EvalRecord> records = Evaluate.readCorpus(corpusDir);
        List<Found> original = Evaluate.findings(scan, records.size());
        JsonNode redaction = JSON.readTree(scan.resolve("report.json").toFile()).get("redaction");
        if (redaction == null) {
            throw new IllegalStateException(scan + "/report.json has no redaction section: run with --redact-to");
        }
        Set<String> replaced = new TreeSet<>();
        redaction.get("replacedPerType").fieldNames().forEachRemaining(replaced::add);
        List<Found> copyFindings = Evaluate.findings(scan.resolve("redacted"), records.size() + 1);
        Result r = check(records, original, Files.readAllLines(copyFile, StandardCharsets.UTF_8), replaced,
                copyFindings, TextScanner.create(ConfigLoader.load(config).detectors()));
        out.println();
        out.printf(Locale.ROOT, "redaction (style %s): %d records, %d changed in the copy; %d changed outside the"
                + " labelled spans and the spans the scan flagged, %d of them inside spans flagged in a later"
                + " redaction round; unexplained (target 0): %d: %s%n", redaction.get("style").asText(), r.records(),
                r.changed(), r.changedOutside(), r.laterRounds(), r.unexplained(),
                r.unexplained() == 0 ? "met" : "NOT met " + r.examples());
        out.printf(Locale.ROOT, "  values replaced: %d; unmasked findings in the copy's scan of a replaced type"
                + " (target 0 each): %s: %s%n", redaction.get("valuesReplaced").asLong(), r.leftInCopy(),
                r.leftInCopy().values().stream().allMatch(n -> n == 0) ? "met" : "NOT met");
        return r.ok();
    }
}
