package dev.piigate.detectors.national;

import java.util.Set;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.Checks;
import dev.piigate.detectors.kit.KeywordContext;
import dev.piigate.detectors.kit.MaskedShape;

/**
 * Canadian Social Insurance Numbers: nine digits with a Luhn check, written {@code 123-456-782},
 * {@code 123 456 782} (one separator throughout) or bare. A first digit of 0 or 8 is never
 * issued (python-stdnum {@code ca.sin}); 9 is a temporary resident's SIN and counts. Masked forms
 * ({@code *** *** 782}, {@code XXX-XXX-782}) are reported as masked.
 *
 * <p>As in Macie, every form counts only with a keyword within the distance or a field name
 * that says SIN: nine Luhn-valid digits are one in ten of all nine-digit numbers. Candidates come
 * from the digit-run index only: runs of 3-3-3 one separator apart, a run of exactly 9, or a run
 * of at most 4 after mask characters.
 *
 * <p>A value of digits alone that shows no digit shows nothing ({@code XXX-XXX-XXX}): not a
 * masked value by the kit's rule, so the mask-run starts ({@code ScanText.maskRunStarts}) are
 * not used here.
 */
public final class CanadaSinDetector implements Detector {
    public static final String ID = "canada_sin_v1";
    public static final EntityType TYPE = new EntityType("CANADA_SOCIAL_INSURANCE_NUMBER");
    public static final DetectorFactory FACTORY =
            DetectorFactory.of(ID, s -> new CanadaSinDetector(s.keywordDistance()));

    /**
     * Macie's keywords for CANADA_SOCIAL_INSURANCE_NUMBER (canadian id, numéro d'assurance
     * sociale, social insurance number, sin), the French short form NAS, and the variants
     * Microsoft Purview's Keyword_sin lists (unaccented, "social" without the e, sin#).
     */
    static final Keywords KEYWORDS = Keywords.of(
            "social insurance number", "social insurance no", "social insurance",
            "sin", "sin#", "sin no", "sin number", "canadian id",
            "numéro d'assurance sociale", "numéro d’assurance sociale", "numero d'assurance sociale",
            "numero d'assurance social", "assurance sociale", "nas");

    /** As {@code SsnDetector}'s: letters, digits, '-' before a letter or digit, '.', '/', ':' before a digit. */
    static final Boundary BOUNDARY =
            Boundary.builder().wordChars().joinsWords("-").asciiBeyondJoiners().joinsDigits("./:").build();

    /** The issuer's documentation example (python-stdnum's doctest, many forms): reported as a test value. */
    static final int EXAMPLE = 123_456_782;

    static final double CONFIDENCE = 0.9;
    static final double CONFIDENCE_MASKED = 0.85;
    private static final MaskedShape[] MASKED = {
        MaskedShape.of("999-999-999", 4), MaskedShape.of("999 999 999", 4), MaskedShape.of("999999999", 4),
    };

    private final int keywordDistance;

    CanadaSinDetector(int keywordDistance) {
        this.keywordDistance = keywordDistance;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(TYPE);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        int runs = text.digitRunCount();
        if (runs == 0) {
            return;
        }
        String t = text.text();
        KeywordContext context = null;
        for (int r = 0; r < runs; r++) {
            int s = text.digitRunStart(r);
            int e = text.digitRunEnd(r);
            int length = e - s;
            int end = 0;
            char sep = 0;
            if (length == 3 && r + 2 < runs) {
                end = grouped(text, t, r, s, e, sink);
                if (end != 0) {
                    r += 2; // the three runs are this value's, judged here
                    sep = t.charAt(e);
                }
                if (end < 0) {
                    continue;
                }
            } else if (length == 9) {
                end = e;
            }
            if (end > 0) {
                if (sep != 0 ? BOUNDARY.gluedBefore(t, s, sep) || BOUNDARY.gluedAfter(t, end, sep)
                        : !BOUNDARY.standalone(t, s, end)) {
                    reject(sink, s, end, RejectReason.TOKEN_BOUNDARY);
                    continue;
                }
                RejectReason invalid = invalid(t, s, end);
                if (invalid != null) {
                    reject(sink, s, end, invalid);
                    continue;
                }
                if (context == null) {
                    context = new KeywordContext(KEYWORDS, text, keywordDistance);
                }
                if (!context.near(s, end)) {
                    reject(sink, s, end, RejectReason.NO_KEYWORD);
                    continue;
                }
                boolean example = digits(t, s, end) == EXAMPLE;
                sink.found(new Finding(TYPE, s, end, ID, CONFIDENCE, false, example));
            } else if (length <= 4 && MaskedShape.hiddenBefore(t, s)) {
                context = masked(text, t, e, context, sink);
            }
        }
    }

    /**
     * 3-3-3 starting with the 3-digit run r: the end of the value; 0 if the runs are not in that
     * shape; -1 if they are with mixed separators (rejected here).
     */
    private static int grouped(ScanText text, String t, int r, int s, int e, FindingSink sink) {
        char sep = t.charAt(e);
        if (sep != '-' && sep != ' ') {
            return 0;
        }
        int s2 = text.digitRunStart(r + 1);
        int s3 = text.digitRunStart(r + 2);
        if (s2 != e + 1 || text.digitRunEnd(r + 1) != e + 4 || s3 != e + 5 || text.digitRunEnd(r + 2) != e + 8) {
            return 0; // 3-3-4 phone numbers, 3-2-4 SSNs, dates: nothing to do
        }
        char sep2 = t.charAt(e + 4);
        if (sep2 != sep) {
            if (sep2 == '-' || sep2 == ' ') {
                reject(sink, s, e + 8, RejectReason.INVALID_GROUPING);
                return -1;
            }
            return 0;
        }
        return e + 8;
    }

    /** Why the nine digits of [s, end) are no SIN, or null: range, repeated digit, then Luhn. */
    static RejectReason invalid(String t, int s, int end) {
        char first = t.charAt(s);
        if (first == '0' || first == '8') {
            return RejectReason.INVALID_RANGE;
        }
        if (repeated(t, s, end)) {
            return RejectReason.DEGENERATE;
        }
        return Checks.luhn(t, s, end) ? null : RejectReason.INVALID_CHECKSUM;
    }

    /** A run of at most 4 shown digits ending a masked SIN: the shapes tried end at e. */
    private KeywordContext masked(ScanText text, String t, int e, KeywordContext context, FindingSink sink) {
        for (MaskedShape shape : MASKED) {
            int start = shape.startEndingAt(t, e);
            if (start < 0) {
                continue;
            }
            if (BOUNDARY.gluedBefore(t, start) || BOUNDARY.gluedAfter(t, e)
                    || start > 0 && Chars.isMaskChar(t.charAt(start - 1))) {
                reject(sink, start, e, RejectReason.TOKEN_BOUNDARY);
                return context;
            }
            KeywordContext c = context != null ? context : new KeywordContext(KEYWORDS, text, keywordDistance);
            if (!c.near(start, e)) {
                reject(sink, start, e, RejectReason.NO_KEYWORD);
                return c;
            }
            sink.found(new Finding(TYPE, start, e, ID, CONFIDENCE_MASKED, true, false));
            return c;
        }
        return context;
    }

    static boolean repeated(String t, int s, int end) {
        char first = t.charAt(s);
        for (int i = s + 1; i < end; i++) {
            char c = t.charAt(i);
            if (Chars.isDigit(c) && c != first) {
                return false;
            }
        }
        return true;
    }

    /** The digits of [s, end) as a number, separators skipped. */
    static long digits(String t, int s, int end) {
        long v = 0;
        for (int i = s; i < end; i++) {
            char c = t.charAt(i);
            if (Chars.isDigit(c)) {
                v = v * 10 + (c - '0');
            }
        }
        return v;
    }

    private static void reject(FindingSink sink, int start, int end, RejectReason reason) {
        sink.rejected(TYPE, start, end, ID, reason);
    }
}
