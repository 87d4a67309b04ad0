package dev.piigate.jobs.eval;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One record of the evaluation corpus: its text and the labels of its planted values and decoys. */
record EvalRecord(String id, String text, List<Label> labels) {
    EvalRecord {
        requireNonNull(id, "id");
        requireNonNull(text, "text");
        labels = List.copyOf(labels);
    }

    /** The record-level truth the gate decides on: does the record hold an unmasked, non-test value? */
    boolean hasUnmaskedPii() {
        return labels.stream().anyMatch(Label::isLeak);
    }

    String covered(Label l) {
        return text.substring(l.start(), l.end());
    }
}
