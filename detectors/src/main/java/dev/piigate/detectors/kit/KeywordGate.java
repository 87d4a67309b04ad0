package dev.piigate.detectors.kit;

import static java.util.Objects.requireNonNull;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Evidence;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;

/**
 * The last steps every keyword-gated identifier takes with a candidate (Macie's rule: a value
 * counts only with a keyword near or a field that names the type): the token boundary, the
 * type's checks, the keyword, then the finding or the rejection with its reason. One per type,
 * a constant; the detector finds the candidates and asks the gate.
 *
 * <p>The {@link KeywordContext} is the caller's: passed in (null until first needed) and handed
 * back, so a text whose candidates all fail a cheap step never builds one, and a scan allocates
 * nothing per digit run.
 */
public final class KeywordGate {
    private final EntityType type;
    private final String id;
    private final Keywords keywords;
    private final Boundary boundary;
    private final double confidence;
    private final double confidenceMasked;

    private KeywordGate(EntityType type, String id, Keywords keywords, Boundary boundary, double confidence,
            double confidenceMasked) {
        this.type = requireNonNull(type, "type");
        this.id = requireNonNull(id, "id");
        this.keywords = requireNonNull(keywords, "keywords");
        this.boundary = requireNonNull(boundary, "boundary");
        this.confidence = confidence;
        this.confidenceMasked = confidenceMasked;
    }

    /**
     * @param confidence       of a value that passed every check
     * @param confidenceMasked of a masked value (nothing to check but its shape)
     */
    public static KeywordGate of(EntityType type, String id, Keywords keywords, Boundary boundary, double confidence,
            double confidenceMasked) {
        return new KeywordGate(type, id, keywords, boundary, confidence, confidenceMasked);
    }

    public EntityType type() {
        return type;
    }

    public String id() {
        return id;
    }

    /** The keywords a value needs near it (or its field or column naming the type). */
    public Keywords keywords() {
        return keywords;
    }

    /** The context of {@code text}: {@code context} if made already, else a new one. */
    public KeywordContext context(ScanText text, KeywordContext context, int distance) {
        return context != null ? context : new KeywordContext(keywords, text, distance);
    }

    /**
     * Whether [start, end) is a value by its boundary and checks: TOKEN_BOUNDARY when glued
     * ({@code joiner}: the value's own separator, which also joins before a digit, or '\0'), else
     * the first reason {@code check} gives; either is reported and false returned.
     */
    public boolean passes(CharSequence t, int start, int end, char joiner, Validation.Check check, FindingSink sink) {
        if (boundary.gluedBefore(t, start, joiner) || boundary.gluedAfter(t, end, joiner)) {
            reject(sink, start, end, RejectReason.TOKEN_BOUNDARY);
            return false;
        }
        RejectReason invalid = check.test(t, start, end);
        if (invalid != null) {
            reject(sink, start, end, invalid);
            return false;
        }
        return true;
    }

    /**
     * A value that {@link #passes}: found if a keyword is near (Macie's rule), else NO_KEYWORD.
     * Returns the context, made if it was null.
     */
    public KeywordContext report(ScanText text, int start, int end, boolean test, KeywordContext context, int distance,
            FindingSink sink) {
        KeywordContext c = context(text, context, distance);
        if (!c.near(start, end)) {
            reject(sink, start, end, RejectReason.NO_KEYWORD);
            return c;
        }
        sink.found(new Finding(type, start, end, id, confidence, false, test, Evidence.keywordIf(true)));
        return c;
    }

    /**
     * A masked value at [start, end) (its shape tested by the caller): TOKEN_BOUNDARY when glued
     * ({@code joiner} as in {@link #passes}) or right after another mask char (a longer masked
     * run), else {@link #reportMasked}. Returns the context, made if it was asked.
     */
    public KeywordContext judgeMasked(ScanText text, int start, int end, char joiner, KeywordContext context,
            int distance, FindingSink sink) {
        String t = text.text();
        if (boundary.gluedBefore(t, start, joiner) || boundary.gluedAfter(t, end, joiner)
                || start > 0 && Chars.isMaskChar(t.charAt(start - 1))) {
            reject(sink, start, end, RejectReason.TOKEN_BOUNDARY);
            return context;
        }
        return reportMasked(text, start, end, context, distance, sink);
    }

    /**
     * A masked value the caller has judged a value: found masked if a keyword is near, else
     * NO_KEYWORD. Returns the context, made if it was null.
     */
    public KeywordContext reportMasked(ScanText text, int start, int end, KeywordContext context, int distance,
            FindingSink sink) {
        KeywordContext c = context(text, context, distance);
        if (!c.near(start, end)) {
            reject(sink, start, end, RejectReason.NO_KEYWORD);
            return c;
        }
        sink.found(new Finding(type, start, end, id, confidenceMasked, true, false, Evidence.keywordIf(true)));
        return c;
    }

    public void reject(FindingSink sink, int start, int end, RejectReason reason) {
        sink.rejected(type, start, end, id, reason);
    }

    @Override
    public String toString() {
        return "KeywordGate[" + id + "]";
    }
}
