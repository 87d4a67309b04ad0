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
 * India's Aadhaar numbers: twelve digits, the last a Verhoeff check digit, the first 2-9 (UIDAI's
 * numbering scheme; python-stdnum {@code in_.aadhaar}, which also rejects palindromes), written
 * {@code 2345 6789 0123}, {@code 2345-6789-0123} (one separator throughout) or bare. Masked forms
 * ({@code XXXX XXXX 1234}, the MeitY masking) are reported as masked.
 *
 * <p>As in Macie, every form counts only with a keyword within the distance or a field name that
 * says Aadhaar. Candidates come from the digit-run index only: runs of 4-4-4 one separator apart,
 * a run of exactly 12, or a run of at most 4 after mask characters.
 *
 * <p>A value of digits alone that shows no digit shows nothing ({@code XXXX XXXX XXXX}): not a
 * masked value by the kit's rule, so the mask-run starts ({@code ScanText.maskRunStarts}) are
 * not used here.
 */
public final class AadhaarDetector extends GroupedDigitsDetector {
    public static final String ID = "aadhaar_v1";
    public static final EntityType TYPE = new EntityType("INDIA_AADHAAR_NUMBER");
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, s -> new AadhaarDetector(s.keywordDistance()));

    /**
     * Macie's keywords for INDIA_AADHAAR_NUMBER (aadhaar, uid, आधार) with the common spellings
     * (aadhar, adhaar), UIDAI's name, and the word in Bengali, Tamil and Telugu script.
     */
    static final Keywords KEYWORDS = Keywords.of(
            "aadhaar", "aadhar", "adhaar", "aadhaar number", "aadhaar no", "aadhaar card", "aadhaar#",
            "uid", "uid number", "uid no", "uidai", "unique identification number",
            "आधार", "आधार संख्या", "आधार कार्ड", "আধার", "ஆதார்", "ఆధార్");

    static final double CONFIDENCE = 0.9;
    static final double CONFIDENCE_MASKED = 0.85;
    private static final MaskedShape[] MASKED = {
        MaskedShape.of("9999 9999 9999", 4), MaskedShape.of("9999-9999-9999", 4), MaskedShape.of("999999999999", 4),
    };

    /** 4-4-4 with ' ' or '-' throughout (dates, times, 4-digit years are other shapes), or 12 bare. */
    static final GroupedDigits FORMS = GroupedDigits.builder(
                    KeywordGate.of(TYPE, ID, KEYWORDS, Boundary.IDENTIFIER, CONFIDENCE, CONFIDENCE_MASKED))
            .groups(4, 4, 4).separators("- ").bare(12)
            .check(AadhaarDetector::invalid)
            .masked(MASKED)
            .build();

    AadhaarDetector(int keywordDistance) {
        super(FORMS, keywordDistance);
    }

    /** Why the twelve digits of [s, end) are no Aadhaar number, or null: first digit, palindrome, Verhoeff. */
    static RejectReason invalid(CharSequence t, int s, int end) {
        char first = t.charAt(s);
        if (first == '0' || first == '1') {
            return RejectReason.INVALID_RANGE;
        }
        if (palindrome(t, s, end)) {
            return RejectReason.DEGENERATE;
        }
        return Checks.verhoeff(t, s, end) ? null : RejectReason.INVALID_CHECKSUM;
    }

    /** The digits of [s, end) read the same backwards (separators skipped): python-stdnum rejects those. */
    static boolean palindrome(CharSequence t, int s, int end) {
        int i = s;
        int j = end - 1;
        while (i < j) {
            if (!Chars.isDigit(t.charAt(i))) {
                i++;
            } else if (!Chars.isDigit(t.charAt(j))) {
                j--;
            } else if (t.charAt(i++) != t.charAt(j--)) {
                return false;
            }
        }
        return true;
    }
}
