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
public final class AadhaarDetector implements Detector {
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

    /** As {@code SsnDetector}'s: letters, digits, '-' before a letter or digit, '.', '/', ':' before a digit. */
    static final Boundary BOUNDARY =
            Boundary.builder().wordChars().joinsWords("-").asciiBeyondJoiners().joinsDigits("./:").build();

    static final double CONFIDENCE = 0.9;
    static final double CONFIDENCE_MASKED = 0.85;
    private static final MaskedShape[] MASKED = {
        MaskedShape.of("9999 9999 9999", 4), MaskedShape.of("9999-9999-9999", 4), MaskedShape.of("999999999999", 4),
    };

    private final int keywordDistance;

    AadhaarDetector(int keywordDistance) {
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
            if (length == 4 && r + 2 < runs) {
                end = grouped(text, t, r, s, e, sink);
                if (end != 0) {
                    r += 2; // the three runs are this value's, judged here
                    sep = t.charAt(e);
                }
                if (end < 0) {
                    continue;
                }
            } else if (length == 12) {
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
                sink.found(new Finding(TYPE, s, end, ID, CONFIDENCE, false, false));
            } else if (length <= 4 && MaskedShape.hiddenBefore(t, s)) {
                context = masked(text, t, e, context, sink);
            }
        }
    }

    /**
     * 4-4-4 starting with the 4-digit run r: the end of the value; 0 if the runs are not in that
     * shape; -1 if they are with mixed separators (rejected here).
     */
    private static int grouped(ScanText text, String t, int r, int s, int e, FindingSink sink) {
        char sep = t.charAt(e);
        if (sep != '-' && sep != ' ') {
            return 0;
        }
        int s2 = text.digitRunStart(r + 1);
        int s3 = text.digitRunStart(r + 2);
        if (s2 != e + 1 || text.digitRunEnd(r + 1) != e + 5 || s3 != e + 6 || text.digitRunEnd(r + 2) != e + 10) {
            return 0; // dates, times, 4-digit years: nothing to do
        }
        char sep2 = t.charAt(e + 5);
        if (sep2 != sep) {
            if (sep2 == '-' || sep2 == ' ') {
                reject(sink, s, e + 10, RejectReason.INVALID_GROUPING);
                return -1;
            }
            return 0;
        }
        return e + 10;
    }

    /** Why the twelve digits of [s, end) are no Aadhaar number, or null: first digit, palindrome, Verhoeff. */
    static RejectReason invalid(String t, int s, int end) {
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
    static boolean palindrome(String t, int s, int end) {
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

    /** A run of at most 4 shown digits ending a masked Aadhaar number: the shapes tried end at e. */
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

    private static void reject(FindingSink sink, int start, int end, RejectReason reason) {
        sink.rejected(TYPE, start, end, ID, reason);
    }
}
