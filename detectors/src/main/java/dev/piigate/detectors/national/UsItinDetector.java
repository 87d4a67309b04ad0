package dev.piigate.detectors.national;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.GroupedDigits;
import dev.piigate.detectors.kit.GroupedDigitsDetector;
import dev.piigate.detectors.kit.KeywordGate;
import dev.piigate.detectors.kit.MaskedShape;

/**
 * US Individual Taxpayer Identification Numbers: {@code 9XX-GG-SSSS}, {@code 9XX GG SSSS} (one
 * separator throughout) or nine bare digits, the area starting with 9 and the group in the IRS
 * ITIN ranges 50-65, 70-88, 90-92 and 94-99 (IRS; group 93 is an adoption ATIN, 01-10, 17-19,
 * 28-29 and 37-39 are internal IRSNs; python-stdnum {@code us.itin} still has the pre-2011
 * ranges). There is no check digit. Masked forms ({@code XXX-XX-1234}) are reported as masked.
 *
 * <p>As in Macie, every form counts only with a keyword within the distance or a field name that
 * says ITIN. {@code SsnDetector} rejects areas 900-999 (INVALID_RANGE), so an ITIN is never also
 * an SSN finding. Candidates come from the digit-run index only: runs of 3-2-4 one separator
 * apart starting with 9, a run of exactly 9 starting with 9, or a run of at most 4 after mask
 * characters.
 *
 * <p>A value of digits alone that shows no digit shows nothing ({@code XXX-XX-XXXX}): not a
 * masked value by the kit's rule, so the mask-run starts ({@code ScanText.maskRunStarts}) are
 * not used here.
 */
public final class UsItinDetector extends GroupedDigitsDetector {
    public static final String ID = "us_itin_v1";
    public static final EntityType TYPE = new EntityType("USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER");
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, s -> new UsItinDetector(s.keywordDistance()));

    /**
     * Macie's keywords for USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER (individual taxpayer
     * identification number, itin, i.t.i.n.), the generic taxpayer words, and the IRS's Spanish
     * name (número de identificación personal del contribuyente).
     */
    static final Keywords KEYWORDS = Keywords.of(
            "itin", "itin#", "itin no", "itin number", "i.t.i.n.", "i.t.i.n",
            "individual taxpayer identification number", "individual taxpayer id",
            "taxpayer identification number", "taxpayer id", "taxpayer id number",
            "tax id", "tax id number", "tax id no", "tax identification number",
            "número de identificación personal del contribuyente",
            "numero de identificacion personal del contribuyente");

    static final double CONFIDENCE = 0.9;
    static final double CONFIDENCE_MASKED = 0.85;
    private static final MaskedShape[] MASKED = {
        MaskedShape.of("999-99-9999", 4), MaskedShape.of("999 99 9999", 4), MaskedShape.of("999999999", 4),
    };

    /** 3-2-4 with '-' or ' ' throughout, or 9 bare; the area starts with 9 (others are SSNs'). */
    static final GroupedDigits FORMS = GroupedDigits.builder(
                    KeywordGate.of(TYPE, ID, KEYWORDS, Boundary.IDENTIFIER, CONFIDENCE, CONFIDENCE_MASKED))
            .groups(3, 2, 4).separators("- ").bare(9).firstDigits("9")
            .check(UsItinDetector::invalid)
            .masked(MASKED)
            .build();

    UsItinDetector(int keywordDistance) {
        super(FORMS, keywordDistance);
    }

    /** Why the nine digits of [s, end), the first a 9, are no ITIN, or null: the group, then repeated digits. */
    static RejectReason invalid(CharSequence t, int s, int end) {
        int group = -1;
        int seen = 0;
        for (int i = s; i < end && group < 0; i++) {
            char c = t.charAt(i);
            if (Chars.isDigit(c) && seen++ == 3) {
                group = (c - '0') * 10 + (t.charAt(i + 1) - '0');
            }
        }
        if (!itinGroup(group)) {
            return RejectReason.INVALID_RANGE;
        }
        return repeated(t, s, end) ? RejectReason.DEGENERATE : null;
    }

    /** The IRS's ITIN group ranges (4th and 5th digits): 50-65, 70-88, 90-92, 94-99. */
    static boolean itinGroup(int group) {
        return group >= 50 && group <= 65 || group >= 70 && group <= 88 || group >= 90 && group <= 92
                || group >= 94 && group <= 99;
    }

    /** Every digit of [s, end) the same (999-99-9999, a placeholder). */
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
}
