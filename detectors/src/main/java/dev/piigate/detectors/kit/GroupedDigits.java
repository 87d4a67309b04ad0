package dev.piigate.detectors.kit;

import static java.util.Objects.requireNonNull;

import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;

/**
 * A keyword-gated identifier of digits alone, declared rather than written: its groups
 * ({@code 3-3-3}, one separator throughout, from a given set), its bare length, its checks and
 * its masked shapes. {@link #scan} walks the text's digit runs once:
 *
 * <ul>
 * <li>a run of the first group's length followed by runs of the other groups' lengths, each one
 * char apart: with an allowed separator repeated throughout, a candidate; with allowed but mixed
 * separators, INVALID_GROUPING; otherwise not this form (a phone number, a date);
 * <li>a run of the bare length: a candidate;
 * <li>(both only when the first digit is one the type may start with, if it says)
 * <li>any other run of at most the shapes' shown digits right after a mask char: the end of a
 * masked value if one of the masked shapes ends there (the first that does is judged).
 * </ul>
 *
 * A candidate then goes through the {@link KeywordGate}: boundary (a grouped value's separator
 * joins before a digit too: {@code 12 123 456 782} is a longer grouping), checks, keyword.
 * Nothing is allocated per run; the keyword context is made on the first candidate that needs it.
 */
public final class GroupedDigits {
    private final KeywordGate gate;
    private final int[] groups;
    private final int firstGroup;
    /** The separators as an ASCII bit set (bit c of the two longs): a test per gap without a search. */
    private final long separatorsLow;
    private final long separatorsHigh;
    private final int bare;
    /** Bit d set: a value may start with digit d. */
    private final int firstDigits;
    private final Validation.Check check;
    private final Validation.Span testValue;
    private final MaskedShape[] masked;
    private final int maxShown;
    /** The run lengths a candidate starts with: the first group's and the bare length. */
    private final long startLengths;

    private GroupedDigits(Builder b) {
        this.gate = requireNonNull(b.gate, "gate");
        this.groups = requireNonNull(b.groups, "groups").clone();
        this.firstGroup = groups.length > 0 ? groups[0] : 0;
        String separators = requireNonNull(b.separators, "separators");
        long low = 0;
        long high = 0;
        for (char c : separators.toCharArray()) {
            if (c >= 128 || Character.isLetterOrDigit(c)) {
                throw new IllegalArgumentException("separators are ASCII and neither letters nor digits");
            }
            if (c < 64) {
                low |= 1L << c;
            } else {
                high |= 1L << (c - 64);
            }
        }
        this.separatorsLow = low;
        this.separatorsHigh = high;
        this.bare = b.bare;
        int first = 0;
        for (char c : (b.firstDigits == null ? "0123456789" : b.firstDigits).toCharArray()) {
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("first digits are 0-9");
            }
            first |= 1 << (c - '0');
        }
        this.firstDigits = first;
        this.check = requireNonNull(b.check, "check");
        this.testValue = b.testValue;
        this.masked = b.masked.clone();
        int shown = 0;
        for (MaskedShape shape : masked) {
            shown = Math.max(shown, shape.maxShown());
        }
        this.maxShown = shown;
        if (groups.length < 2 || low == 0 && high == 0 || bare < 1) {
            throw new IllegalArgumentException("grouped digits need two groups or more, a separator and a bare length");
        }
        this.startLengths = ScanText.lengthBits(firstGroup, bare);
    }

    public static Builder builder(KeywordGate gate) {
        return new Builder(gate);
    }

    /** The type's gate: its type, id, keywords, boundary and confidences. */
    public KeywordGate gate() {
        return gate;
    }

    /** Reports every candidate of the text: found, or rejected with its reason. */
    public void scan(ScanText text, FindingSink sink, int keywordDistance) {
        int runs = text.digitRunCount();
        if (runs == 0) {
            return;
        }
        String t = text.text();
        int more = groups.length - 1;
        KeywordContext context = null;
        // Only runs that can start a candidate (the first group's or the bare length) or end a
        // masked one: most of a text's runs are neither, and a walk of all cost more than the rest.
        int skipThrough = -1; // the last run of a grouped value judged: its runs are not judged again
        for (int r : text.runsOf(startLengths, maxShown > 0)) {
            if (r <= skipThrough) {
                continue;
            }
            int s = text.digitRunStart(r);
            int e = text.digitRunEnd(r);
            int length = e - s;
            int end = 0;
            char sep = 0;
            if (length == firstGroup && r + more < runs && mayStart(t.charAt(s))) {
                end = grouped(text, t, r, s, e, sink);
                if (end != 0) {
                    skipThrough = r + more; // the group runs are this value's, judged here
                    sep = t.charAt(e);
                }
                if (end < 0) {
                    continue;
                }
            } else if (length == bare && mayStart(t.charAt(s))) {
                end = e;
            }
            if (end > 0) {
                if (gate.passes(t, s, end, sep, check, sink)) {
                    boolean test = testValue != null && testValue.holds(t, s, end);
                    context = gate.report(text, s, end, test, context, keywordDistance, sink);
                }
            } else if (length <= maxShown && MaskedShape.hiddenBefore(text, r)) {
                context = masked(text, t, e, context, keywordDistance, sink);
            }
        }
    }

    private boolean mayStart(char first) {
        int d = first - '0';
        return d >= 0 && d <= 9 && (firstDigits & 1 << d) != 0;
    }

    private boolean isSeparator(char c) {
        return c < 64 ? (separatorsLow & 1L << c) != 0 : c < 128 && (separatorsHigh & 1L << (c - 64)) != 0;
    }

    /**
     * The groups starting with the run r (s to e): the end of the value; 0 if the runs are not in
     * that shape or a gap is no allowed separator; -1 if the separators are allowed but mixed
     * (rejected here).
     */
    private int grouped(ScanText text, String t, int r, int s, int e, FindingSink sink) {
        char sep = t.charAt(e);
        if (!isSeparator(sep)) {
            return 0; // the cheapest test first: most runs of the first group's length end a date, a time, a word
        }
        int end = e;
        for (int g = 1; g < groups.length; g++) {
            int gs = text.digitRunStart(r + g);
            if (gs != end + 1 || text.digitRunEnd(r + g) != gs + groups[g]) {
                return 0;
            }
            end = gs + groups[g];
        }
        boolean mixed = false;
        int gap = e;
        for (int g = 1; g < groups.length - 1; g++) {
            gap += 1 + groups[g];
            char c = t.charAt(gap);
            if (!isSeparator(c)) {
                return 0;
            }
            mixed |= c != sep;
        }
        if (mixed) {
            gate.reject(sink, s, end, RejectReason.INVALID_GROUPING);
            return -1;
        }
        return end;
    }

    /** A run of shown digits ending at e after mask chars: the first masked shape ending there is judged. */
    private KeywordContext masked(ScanText text, String t, int e, KeywordContext context, int distance,
            FindingSink sink) {
        for (MaskedShape shape : masked) {
            int start = shape.startEndingAt(t, e);
            if (start >= 0) {
                return gate.judgeMasked(text, start, e, '\0', context, distance, sink);
            }
        }
        return context;
    }

    @Override
    public String toString() {
        return "GroupedDigits[" + gate.id() + "]";
    }

    /** Declares one identifier. */
    public static final class Builder {
        private final KeywordGate gate;
        private int[] groups;
        private String separators;
        private int bare;
        private String firstDigits;
        private Validation.Check check;
        private Validation.Span testValue;
        private MaskedShape[] masked = new MaskedShape[0];

        private Builder(KeywordGate gate) {
            this.gate = gate;
        }

        /** The digits of each group, in order ({@code 3, 3, 3}). */
        public Builder groups(int... lengths) {
            this.groups = lengths.clone();
            return this;
        }

        /** The chars that may separate the groups, one of them throughout ({@code "- "}). */
        public Builder separators(String chars) {
            this.separators = chars;
            return this;
        }

        /** The digits of the value written without separators. */
        public Builder bare(int length) {
            this.bare = length;
            return this;
        }

        /** The digits a value may start with; a run starting otherwise is no candidate (default: any). */
        public Builder firstDigits(String digits) {
            this.firstDigits = digits;
            return this;
        }

        /** Why a candidate's span (separators included) is no value, or null: ranges, checksum. */
        public Builder check(Validation.Check check) {
            this.check = check;
            return this;
        }

        /** A valid value that is a documented example: found, marked a test value. */
        public Builder testValue(Validation.Span testValue) {
            this.testValue = testValue;
            return this;
        }

        /** The masked forms, tried in order at a short run of digits after mask chars. */
        public Builder masked(MaskedShape... shapes) {
            this.masked = shapes.clone();
            return this;
        }

        public GroupedDigits build() {
            return new GroupedDigits(this);
        }
    }
}
