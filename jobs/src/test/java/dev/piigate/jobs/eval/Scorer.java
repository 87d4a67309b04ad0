package dev.piigate.jobs.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the scan job's findings with the labels. Span scores are per type, exact (same type,
 * start and end) and overlapping (same type, spans share a character); a label counts as found
 * once, a finding as right once. "State right" is, over labels a finding of their type overlaps,
 * how often the finding's masked / test / unmasked state equals the label's. Record-level scores
 * judge what the gate acts on: does the record hold an unmasked, non-test value?
 *
 * <p>Credential types ({@link IndependentSecrets#TYPES}) have their own table, over every record.
 * The five older types are scored on the older records only (the secrets records plant none of
 * them), so their figures do not move when the secrets records are added; their findings on the
 * secrets records are counted apart and listed as errors. A masked or test credential finding on
 * a placeholder ({@code ${DB_PASSWORD}}, {@code ****}) is neither right nor wrong; an unmasked one
 * is a false positive.
 *
 * <p>Issue 13's types ({@link IndependentIds#TYPES}) have a third table, scored on the ids records
 * ({@link IdsGenerator#isIdsLayout}) alone: the older and secrets records hold IP addresses and
 * dates nobody labelled, so those findings are counted apart; the five older types' findings on
 * the ids records are counted apart too (as on the secrets records). Values planted without a
 * keyword ({@code ...@no-keyword}) are decoys: a finding on one is a false positive; they are
 * counted per type so the report can say what Macie's keyword rule costs.
 */
final class Scorer {
    /** The field the corpus text is in; findings anywhere else (the id) are false positives. */
    static final String TEXT_FIELD = "$.text";

    /** One row of findings/. */
    record Found(long record, String field, int start, int end, String type, boolean masked, boolean test) {
        String state() {
            return masked ? Label.MASKED : test ? Label.TEST : Label.UNMASKED;
        }

        boolean leak() {
            return !masked && !test;
        }
    }

    static final class TypeScore {
        long labels;
        long findings;
        long exactRightFindings;
        long exactFoundLabels;
        long overlapRightFindings;
        long overlapFoundLabels;
        long stateChecked;
        long stateRight;
        long leakLabels;
        long leaksCaught;

        double exactPrecision() {
            return ratio(exactRightFindings, findings);
        }

        double exactRecall() {
            return ratio(exactFoundLabels, labels);
        }

        double overlapPrecision() {
            return ratio(overlapRightFindings, findings);
        }

        double overlapRecall() {
            return ratio(overlapFoundLabels, labels);
        }

        double exactF1() {
            return f1(exactPrecision(), exactRecall());
        }

        double overlapF1() {
            return f1(overlapPrecision(), overlapRecall());
        }

        double stateAccuracy() {
            return ratio(stateRight, stateChecked);
        }

        void add(TypeScore o) {
            labels += o.labels;
            findings += o.findings;
            exactRightFindings += o.exactRightFindings;
            exactFoundLabels += o.exactFoundLabels;
            overlapRightFindings += o.overlapRightFindings;
            overlapFoundLabels += o.overlapFoundLabels;
            stateChecked += o.stateChecked;
            stateRight += o.stateRight;
            leakLabels += o.leakLabels;
            leaksCaught += o.leaksCaught;
        }
    }

    /** Counts of one error class with up to three anonymised examples. */
    static final class ErrorClass {
        long count;
        final List<String> examples = new ArrayList<>();
    }

    static final class Result {
        final Map<String, TypeScore> types = new LinkedHashMap<>();
        /** credential types, in the order */
        final Map<String, TypeScore> secretTypes = new LinkedHashMap<>();
        final Map<String, ErrorClass> errors = new TreeMap<>();
        /** per label kind: {labels, found (overlap)} */
        final Map<String, long[]> kinds = new TreeMap<>();
        /** per layout: {unmasked labels, found (overlap) as unmasked, records with PII, records caught} */
        final Map<String, long[]> layouts = new TreeMap<>();
        long records;
        long recordsTrue;
        long recordsPredicted;
        long recordsTruePositive;
        long findingsOutsideText;
        long findingsOtherTypes;
        /** record level on the older records alone: {records, true, predicted, true positive} */
        final long[] olderRecords = new long[4];
        /** findings of the five older types on the secrets records */
        long olderTypesOnSecrets;
        /** masked or test credential findings on placeholders: not scored */
        long placeholderFindingsIgnored;
        /** issue 13's types, in the order */
        final Map<String, TypeScore> idTypes = new LinkedHashMap<>();
        /** per national type: values planted without a keyword (not findings by Macie's rule) */
        final Map<String, Long> noKeyword = new LinkedHashMap<>();
        /** per national type: findings on those values (false positives: Macie's rule says no finding) */
        final Map<String, Long> noKeywordFound = new TreeMap<>();
        /** findings of the five older types on the ids records */
        long olderTypesOnIds;
        /** findings of issue 13's types on the older and secrets records: not scored (unlabelled IPs and dates) */
        long idTypesElsewhere;

        TypeScore total() {
            TypeScore t = new TypeScore();
            types.values().forEach(t::add);
            return t;
        }

        TypeScore secretTotal() {
            TypeScore t = new TypeScore();
            secretTypes.values().forEach(t::add);
            return t;
        }

        TypeScore idTotal() {
            TypeScore t = new TypeScore();
            idTypes.values().forEach(t::add);
            return t;
        }

        TypeScore table(String type) {
            TypeScore t = types.get(type);
            if (t == null) {
                t = secretTypes.get(type);
            }
            return t != null ? t : idTypes.get(type);
        }

        double recordPrecision() {
            return ratio(recordsTruePositive, recordsPredicted);
        }

        double recordRecall() {
            return ratio(recordsTruePositive, recordsTrue);
        }

        double olderRecordPrecision() {
            return ratio(olderRecords[3], olderRecords[2]);
        }

        double olderRecordRecall() {
            return ratio(olderRecords[3], olderRecords[1]);
        }
    }

    private Scorer() {}

    static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    static double f1(double p, double r) {
        return p + r == 0 || Double.isNaN(p) || Double.isNaN(r) ? Double.NaN : 2 * p * r / (p + r);
    }

    static Result score(List<EvalRecord> records, List<Found> findings) {
        Result result = new Result();
        for (String t : Independent.TYPES) {
            result.types.put(t, new TypeScore());
        }
        for (String t : IndependentSecrets.TYPES) {
            result.secretTypes.put(t, new TypeScore());
        }
        for (String t : IndependentIds.TYPES) {
            result.idTypes.put(t, new TypeScore());
        }
        for (String t : IndependentIds.NATIONAL) {
            result.noKeyword.put(t, 0L);
        }
        Map<Long, List<Found>> byRecord = new HashMap<>();
        for (Found f : findings) {
            if (f.record() < 0 || f.record() >= records.size()) {
                throw new IllegalArgumentException("finding for record " + f.record() + " of " + records.size());
            }
            byRecord.computeIfAbsent(f.record(), k -> new ArrayList<>()).add(f);
        }
        for (int i = 0; i < records.size(); i++) {
            EvalRecord rec = records.get(i);
            List<Found> found = byRecord.getOrDefault((long) i, List.of());
            scoreRecord(rec, found, result);
        }
        return result;
    }

    private static void scoreRecord(EvalRecord rec, List<Found> found, Result result) {
        result.records++;
        boolean truth = rec.hasUnmaskedPii();
        // issue 13's findings on the older and secrets records are not scored (their IPs and dates carry no
        // labels: an address planted as an older type's look-alike is still an address), nor counted here, so
        // the older records' record-level figures stay comparable with runs before issue 13
        boolean idsRecordHere = IdsGenerator.isIdsLayout(rec.layout());
        java.util.function.Predicate<Found> counted = f -> f.leak()
                && (idsRecordHere || !IndependentIds.isType(f.type()));
        boolean predicted = found.stream().anyMatch(counted);
        result.recordsTrue += truth ? 1 : 0;
        result.recordsPredicted += predicted ? 1 : 0;
        result.recordsTruePositive += truth && predicted ? 1 : 0;
        if (isOlderLayout(rec.layout())) {
            result.olderRecords[0]++;
            result.olderRecords[1] += truth ? 1 : 0;
            result.olderRecords[2] += predicted ? 1 : 0;
            result.olderRecords[3] += truth && predicted ? 1 : 0;
        }
        long[] layout = result.layouts.computeIfAbsent(rec.layout(), k -> new long[4]);
        layout[2] += truth ? 1 : 0;
        layout[3] += truth && predicted ? 1 : 0;
        if (truth && !predicted) {
            error(result, "RECORD missed (has unmasked PII, no unmasked finding)", rec, null);
        } else if (!truth && predicted) {
            Found f = found.stream().filter(counted).findFirst().orElseThrow();
            error(result, "RECORD false alarm (" + f.type() + ")", rec, new int[] {f.start(), f.end()});
        }
        boolean secretsRecord = isSecretsLayout(rec.layout());
        boolean idsRecord = IdsGenerator.isIdsLayout(rec.layout());
        List<Found> inText = new ArrayList<>();
        for (Found f : found) {
            if (!TEXT_FIELD.equals(f.field())) {
                result.findingsOutsideText++;
            } else if (secretsRecord && result.types.containsKey(f.type())) {
                result.olderTypesOnSecrets++;
                error(result, "FP " + f.type() + " on a secrets record, on " + culprit(rec, f), rec,
                        new int[] {f.start(), f.end()});
            } else if (idsRecord && result.types.containsKey(f.type())) {
                result.olderTypesOnIds++;
                error(result, "FP " + f.type() + " on an ids record, on " + culprit(rec, f), rec,
                        new int[] {f.start(), f.end()});
            } else if (!idsRecord && result.idTypes.containsKey(f.type())) {
                result.idTypesElsewhere++;
                error(result, "NOT SCORED " + f.type() + " " + f.state() + " on an older or secrets record, on "
                        + culprit(rec, f), rec, new int[] {f.start(), f.end()});
            } else if (result.table(f.type()) == null) {
                result.findingsOtherTypes++;
            } else if (!f.leak() && result.secretTypes.containsKey(f.type()) && onPlaceholderOnly(rec, f)) {
                result.placeholderFindingsIgnored++;
            } else {
                inText.add(f);
            }
        }
        for (Found f : inText) {
            TypeScore ts = result.table(f.type());
            ts.findings++;
            boolean exact = false;
            boolean overlap = false;
            for (Label l : rec.labels()) {
                if (l.isDecoy() || !l.type().equals(f.type())) {
                    continue;
                }
                exact |= l.start() == f.start() && l.end() == f.end();
                overlap |= l.overlaps(f.start(), f.end());
            }
            ts.exactRightFindings += exact ? 1 : 0;
            ts.overlapRightFindings += overlap ? 1 : 0;
            if (!overlap) {
                if (idsRecord && result.noKeyword.containsKey(f.type()) && onNoKeywordValue(rec, f)) {
                    result.noKeywordFound.merge(f.type(), 1L, Long::sum);
                }
                error(result, "FP " + f.type() + " on " + culprit(rec, f), rec, new int[] {f.start(), f.end()});
            } else if (!exact) {
                error(result, "SPAN " + f.type() + " overlaps but differs", rec, new int[] {f.start(), f.end()});
            }
        }
        for (Label l : rec.labels()) {
            if (l.isDecoy()) {
                if (idsRecord && l.kind().endsWith("@no-keyword")) {
                    result.noKeyword.computeIfPresent(IndependentIds.typeOfKind(l.kind()), (k, n) -> n + 1);
                }
                continue;
            }
            TypeScore ts = result.table(l.type());
            ts.labels++;
            List<long[]> kinds = kindCounters(result, l);
            kinds.forEach(k -> k[0]++);
            Found exact = null;
            Found overlap = null;
            for (Found f : inText) {
                if (!f.type().equals(l.type())) {
                    continue;
                }
                if (f.start() == l.start() && f.end() == l.end()) {
                    exact = f;
                }
                if (overlap == null && l.overlaps(f.start(), f.end())) {
                    overlap = f;
                }
            }
            ts.exactFoundLabels += exact != null ? 1 : 0;
            if (l.isLeak()) {
                ts.leakLabels++;
                layout[0]++;
            }
            if (overlap == null) {
                error(result, "FN " + l.type() + " " + l.kind(), rec, new int[] {l.start(), l.end()});
                continue;
            }
            kinds.forEach(k -> k[1]++);
            ts.overlapFoundLabels++;
            Found judged = exact != null ? exact : overlap;
            ts.stateChecked++;
            if (judged.state().equals(l.state())) {
                ts.stateRight++;
            } else {
                error(result, "STATE " + l.type() + " " + l.kind() + " labelled " + l.state() + ", reported "
                        + judged.state(), rec, new int[] {l.start(), l.end()});
            }
            if (l.isLeak() && judged.leak()) {
                ts.leaksCaught++;
                layout[1]++;
            }
        }
    }

    static boolean isSecretsLayout(String layout) {
        return layout.startsWith("secrets-");
    }

    /** The records before issues 12 and 13 (and the hand-labelled hard cases). */
    static boolean isOlderLayout(String layout) {
        return !isSecretsLayout(layout) && !IdsGenerator.isIdsLayout(layout);
    }

    /** A finding on a value of its own type planted without a keyword. */
    private static boolean onNoKeywordValue(EvalRecord rec, Found f) {
        return rec.labels().stream().anyMatch(l -> l.isDecoy() && l.overlaps(f.start(), f.end())
                && l.kind().endsWith("@no-keyword") && f.type().equals(IndependentIds.typeOfKind(l.kind())));
    }

    /** A finding that overlaps a placeholder and no label of its own type. */
    private static boolean onPlaceholderOnly(EvalRecord rec, Found f) {
        boolean placeholder = false;
        for (Label l : rec.labels()) {
            if (!l.overlaps(f.start(), f.end())) {
                continue;
            }
            if (!l.isDecoy() && l.type().equals(f.type())) {
                return false;
            }
            placeholder |= l.isDecoy() && l.kind().startsWith("placeholder.");
        }
        return placeholder;
    }

    /**
     * The per-form recall counters a label adds to: its kind, and for credential kinds
     * ({@code form@context}) the form over every context and the context over every form.
     */
    private static List<long[]> kindCounters(Result result, Label l) {
        List<long[]> out = new ArrayList<>(3);
        out.add(result.kinds.computeIfAbsent(l.type() + " " + l.kind(), k -> new long[2]));
        int at = l.kind().indexOf('@');
        if (at > 0) {
            out.add(result.kinds.computeIfAbsent(l.type() + " " + l.kind().substring(0, at) + "@*", k -> new long[2]));
            out.add(result.kinds.computeIfAbsent(l.type() + " *" + l.kind().substring(at), k -> new long[2]));
        }
        return out;
    }

    /** What a false positive sits on: the decoy kind, another type's label, or unlabelled text. */
    private static String culprit(EvalRecord rec, Found f) {
        for (Label l : rec.labels()) {
            if (l.overlaps(f.start(), f.end())) {
                return l.isDecoy() ? l.kind() : "a " + l.type() + " label (" + l.kind() + ")";
            }
        }
        return "unlabelled text";
    }

    private static void error(Result result, String key, EvalRecord rec, int[] span) {
        ErrorClass e = result.errors.computeIfAbsent(key, k -> new ErrorClass());
        e.count++;
        if (e.examples.size() < 3) {
            e.examples.add(span == null ? "record " + rec.id() : rec.id() + ": " + example(rec.text(), span[0], span[1]));
        }
    }

    /**
     * The span as a shape (digits 9, letters A/a, punctuation kept) between its context, whose
     * digits are shaped too: enough to see the form, never the value.
     */
    static String example(String text, int start, int end) {
        String before = text.substring(Math.max(0, start - 30), start);
        String after = text.substring(end, Math.min(text.length(), end + 30));
        return (digitsOnly(before) + "⟦" + shape(text.substring(start, end)) + "⟧" + digitsOnly(after))
                .replace("\n", "⏎");
    }

    static String shape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(Character.isDigit(c) ? '9' : Character.isUpperCase(c) ? 'A' : Character.isLetter(c) ? 'a' : c);
        }
        return sb.toString();
    }

    /**
     * Context for a finding on real text, safe to print: digits as 9 and every run of 12 or more
     * token characters (where a secret next to the finding could be) as its shape.
     */
    static String safeContext(String text, int start, int end) {
        String before = text.substring(Math.max(0, start - 40), start);
        String after = text.substring(end, Math.min(text.length(), end + 40));
        return (shapeLongRuns(digitsOnly(before)) + "⟦" + shape(text.substring(start, end)) + "⟧"
                + shapeLongRuns(digitsOnly(after))).replace("\n", "⏎").replace("\t", " ");
    }

    private static String shapeLongRuns(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || "+/=_-".indexOf(s.charAt(j)) >= 0)) {
                j++;
            }
            if (j == i) {
                sb.append(s.charAt(i++));
                continue;
            }
            String run = s.substring(i, j);
            sb.append(run.length() >= 12 ? shape(run) : run);
            i = j;
        }
        return sb.toString();
    }

    private static String digitsOnly(String s) {
        return s.replaceAll("[0-9]", "9");
    }

    static String pct(double d) {
        return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.4f", d);
    }
}
