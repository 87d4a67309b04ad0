package dev.piigate.jobs.eval;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One record of the evaluation corpus: its text, the labels of its planted values and decoys, and
 * the layout it was written in (chat, csv, cjk, pipe, ident...; "hand" for the hand-labelled cases).
 */
record EvalRecord(String id, String text, List<Label> labels, String layout) {
    EvalRecord {
        requireNonNull(id, "id");
        requireNonNull(text, "text");
        requireNonNull(layout, "layout");
        labels = List.copyOf(labels);
    }

    EvalRecord(String id, String text, List<Label> labels) {
        this(id, text, labels, "hand");
    }

    /** The record-level truth the gate decides on: does the record hold an unmasked, non-test value? */
    boolean hasUnmaskedPii() {
        return labels.stream().anyMatch(Label::isLeak);
    }

    String covered(Label l) {
        return text.substring(l.start(), l.end());
    }
}
