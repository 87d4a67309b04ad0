package dev.piigate.jobs.eval;

import java.util.ArrayList;
import java.util.List;

/** Builds a record's text while recording where each planted value and decoy lands. */
final class TextBuilder {
    private final StringBuilder text = new StringBuilder();
    private final List<Label> labels = new ArrayList<>();

    TextBuilder add(String s) {
        text.append(s);
        return this;
    }

    TextBuilder plant(Planted p) {
        int start = text.length();
        text.append(p.text());
        labels.add(new Label(p.type(), start, text.length(), p.state(), p.kind()));
        return this;
    }

    int length() {
        return text.length();
    }

    EvalRecord build(String id) {
        return new EvalRecord(id, text.toString(), labels);
    }

    EvalRecord build(String id, String layout) {
        return new EvalRecord(id, text.toString(), labels, layout);
    }

    /** A value to plant: a labelled entity (type and state set) or a decoy (both null). */
    record Planted(String type, String text, String state, String kind) {
        static Planted decoy(String text, String kind) {
            return new Planted(null, text, null, kind);
        }
    }
}
