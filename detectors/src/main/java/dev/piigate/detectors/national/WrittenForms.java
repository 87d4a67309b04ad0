package dev.piigate.detectors.national;

import static java.util.Objects.requireNonNull;

import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.KeywordContext;
import dev.piigate.detectors.kit.KeywordGate;
import dev.piigate.detectors.kit.MaskedShape;
import dev.piigate.detectors.kit.Validation;

/**
 * The digit-run walk of a keyword-gated identifier written in a few {@link WrittenForm}s that
 * start with a digit (CPF, NIR): a run that starts a form (the type's {@link Picker} says which)
 * is a candidate to the form's end, judged by the type's gate (boundary, a spaced form's space
 * joining before a digit; the type's check; keyword); a run of at most
 * {@link WrittenForm#MAX_VISIBLE} digits after mask chars may end one of the masked forms. Runs
 * inside a value already judged are skipped.
 *
 * <p>Not {@link dev.piigate.detectors.kit.GroupedDigits}: these forms mix separators
 * ({@code 123.456.789-09}), hold letters ({@code 2A}) or group unevenly, and a value is skipped by
 * its end, not by its runs.
 */
final class WrittenForms {
    /** The form whose first digit group is the run at [s, s + length), or null. */
    @FunctionalInterface
    interface Picker {
        WrittenForm at(String t, int s, int length);
    }

    private final KeywordGate gate;
    private final Validation.Check check;
    private final Picker picker;
    private final WrittenForm[] masked;
    private final long startLengths;

    /**
     * @param startLengths every run length the picker may start a form at (others are not visited)
     * @param masked the forms tried, in order, for a masked value ending after a short run
     */
    WrittenForms(KeywordGate gate, Validation.Check check, Picker picker, int[] startLengths, WrittenForm... masked) {
        this.gate = requireNonNull(gate, "gate");
        this.check = requireNonNull(check, "check");
        this.picker = requireNonNull(picker, "picker");
        this.startLengths = ScanText.lengthBits(startLengths);
        this.masked = masked.clone();
    }

    void scan(ScanText text, FindingSink sink, int keywordDistance) {
        int runs = text.digitRunCount();
        if (runs == 0) {
            return;
        }
        String t = text.text();
        // Made for the first value that passes its checks, not for every text with digits.
        KeywordContext context = null;
        int consumed = 0;
        // Only the runs a form starts with and those after mask chars: the rest pass silently.
        for (int r : text.runsOf(startLengths, masked.length > 0)) {
            int s = text.digitRunStart(r);
            int e = text.digitRunEnd(r);
            if (s < consumed) {
                continue;
            }
            WrittenForm form = picker.at(t, s, e - s);
            if (form != null) {
                consumed = s + form.length();
                // The check is a few multiplications; the keyword is a window search: check first.
                if (gate.passes(t, s, consumed, form.spaced() ? ' ' : '\0', check, sink)) {
                    context = gate.report(text, s, consumed, false, context, keywordDistance, sink);
                }
            } else if (e - s <= WrittenForm.MAX_VISIBLE && MaskedShape.hiddenBefore(text, r)) {
                consumed = Math.max(consumed,
                        WrittenForm.judgeMasked(masked, gate, text, e, context, keywordDistance, sink));
            }
        }
    }
}
