package dev.piigate.jobs.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Records drawn again until each one's truth can be told (no look-alike a labeller cannot judge):
 * what the credential and the ids generators share. A record is redrawn under the same id, from
 * the generator's own random stream, so a seed still gives the same records.
 */
final class Redraw {
    private Redraw() {}

    /** {@code count} records with ids {@code idPrefix + i}, each the first attempt {@code check} can judge. */
    static List<EvalRecord> records(int count, String idPrefix, Function<String, EvalRecord> attempt,
            BiFunction<EvalRecord, Label, String> check) {
        List<EvalRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = idPrefix + i;
            EvalRecord r;
            do {
                r = attempt.apply(id);
            } while (ambiguous(r, check) != null);
            records.add(r);
        }
        return records;
    }

    /** Why a record's truth could not be told (the first decoy {@code check} cannot judge), or null. */
    static String ambiguous(EvalRecord r, BiFunction<EvalRecord, Label, String> check) {
        for (Label l : r.labels()) {
            if (l.isDecoy()) {
                String why = check.apply(r, l);
                if (why != null) {
                    return l.kind() + ": " + why;
                }
            }
        }
        return null;
    }
}
