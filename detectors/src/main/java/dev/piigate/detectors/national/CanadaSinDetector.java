package dev.piigate.detectors.national;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.Checks;
import dev.piigate.detectors.kit.GroupedDigits;
import dev.piigate.detectors.kit.GroupedDigitsDetector;
import dev.piigate.detectors.kit.KeywordGate;
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
public final class CanadaSinDetector extends GroupedDigitsDetector {
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

    /** The issuer's documentation example (python-stdnum's doctest, many forms): reported as a test value. */
    static final int EXAMPLE = 123_456_782;

    static final double CONFIDENCE = 0.9;
    static final double CONFIDENCE_MASKED = 0.85;
    private static final MaskedShape[] MASKED = {
        MaskedShape.of("999-999-999", 4), MaskedShape.of("999 999 999", 4), MaskedShape.of("999999999", 4),
    };

    /** 3-3-3 with '-' or ' ' throughout (3-3-4 phone numbers, 3-2-4 SSNs, dates are other shapes), or 9 bare. */
    static final GroupedDigits FORMS = GroupedDigits.builder(
                    KeywordGate.of(TYPE, ID, KEYWORDS, Boundary.IDENTIFIER, CONFIDENCE, CONFIDENCE_MASKED))
            .groups(3, 3, 3).separators("- ").bare(9)
            .check(CanadaSinDetector::invalid)
            .testValue((t, s, end) -> digits(t, s, end) == EXAMPLE)
            .masked(MASKED)
            .build();

    CanadaSinDetector(int keywordDistance) {
        super(FORMS, keywordDistance);
    }

    /** Why the nine digits of [s, end) are no SIN, or null: range, repeated digit, then Luhn. */
    static RejectReason invalid(CharSequence t, int s, int end) {
        char first = t.charAt(s);
        if (first == '0' || first == '8') {
            return RejectReason.INVALID_RANGE;
        }
        if (repeated(t, s, end)) {
            return RejectReason.DEGENERATE;
        }
        return Checks.luhn(t, s, end) ? null : RejectReason.INVALID_CHECKSUM;
    }

    static boolean repeated(CharSequence t, int s, int end) {
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
    static long digits(CharSequence t, int s, int end) {
        long v = 0;
        for (int i = s; i < end; i++) {
            char c = t.charAt(i);
            if (Chars.isDigit(c)) {
                v = v * 10 + (c - '0');
            }
        }
        return v;
    }
}
