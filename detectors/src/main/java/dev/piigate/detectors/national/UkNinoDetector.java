package dev.piigate.detectors.national;

import java.util.List;
import java.util.Set;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.KeywordContext;
import dev.piigate.detectors.kit.KeywordGate;
import dev.piigate.detectors.kit.MaskedShape;

/**
 * UK National Insurance numbers: two prefix letters, six digits, a suffix A-D, written compact
 * ({@code AB123456C}) or in pairs with one separator throughout ({@code AB 12 34 56 C},
 * {@code AB-12-34-56-C}), in either letter case (Microsoft Purview's NINO pattern is not
 * case-sensitive either; forms and databases hold lower-case entries). HMRC's manual (NIM39110):
 * D, F, I, Q, U and V are never a prefix letter, O never the second, and the prefixes BG, GB, KN,
 * NK, NT, TN and ZZ are not used. There is no check character.
 *
 * <p>HMRC's example {@code QQ 12 34 56 C} (GOV.UK's design system; NIM39110 writes it with A) is
 * reported as a test value, with any suffix A-D, although Q is an excluded letter. Masked forms
 * ({@code *****456C}, {@code XX XX XX 56 C}: at most the last four characters shown) are reported
 * as masked. As in Macie, every form counts only with a keyword within the distance or a field
 * name that says NINO. Candidates come from the digit-run index: a run of 6 between two letters
 * and one, runs of 2-2-2 between separators with letters outside, a short run ending a mask.
 *
 * <p>A masked NINO that shows no digit ({@code XX XX XX XX C}, {@code ********A}) has no digit
 * run to anchor it; it is tried at the kit's mask-run starts ({@link ScanText#maskRunStarts}),
 * which only texts holding {@code * # • ● X} have. Its only shown char is the suffix, so that must
 * be A-D. A value masked with lower-case {@code x} throughout ({@code xxxxxxxxC}) is not found:
 * lower-case x starts no mask run (too common in prose).
 */
public final class UkNinoDetector implements Detector {
    public static final String ID = "uk_nino_v1";
    public static final EntityType TYPE = new EntityType("UK_NATIONAL_INSURANCE_NUMBER");
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, s -> new UkNinoDetector(s.keywordDistance()));

    /**
     * Macie's keywords for UK_NATIONAL_INSURANCE_NUMBER (insurance no., insurance number,
     * insurance#, national insurance number, nationalinsurance#, nationalinsurancenumber, nin,
     * nino), the usual short forms (NI number, NI no), and the name in Welsh and Scottish Gaelic.
     */
    static final Keywords KEYWORDS = Keywords.of(
            "national insurance number", "national insurance no", "national insurance",
            "nationalinsurance#", "nationalinsurancenumber", "insurance number", "insurance no", "insurance#",
            "ni number", "ni no", "ni#", "nino", "nin",
            "rhif yswiriant gwladol", "yswiriant gwladol", "àireamh àrachais nàiseanta");

    /** Prefixes HMRC does not use although their letters are allowed (NIM39110), as A-Z pairs. */
    private static final String[] UNUSED_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};

    static final double CONFIDENCE = 0.9;
    static final double CONFIDENCE_MASKED = 0.85;
    private static final KeywordGate GATE =
            KeywordGate.of(TYPE, ID, KEYWORDS, Boundary.IDENTIFIER, CONFIDENCE, CONFIDENCE_MASKED);
    private static final MaskedShape[] MASKED_COMPACT = {MaskedShape.of("AA999999A", 4)};
    private static final MaskedShape[] MASKED_GROUPED = {
        MaskedShape.of("AA 99 99 99 A", 4), MaskedShape.of("AA-99-99-99-A", 4),
    };
    /** Every written shape, compact and grouped, tried at a mask-run start. */
    private static final MaskedShape[] MASKED_NO_DIGIT = {MASKED_COMPACT[0], MASKED_GROUPED[0], MASKED_GROUPED[1]};

    private final int keywordDistance;

    UkNinoDetector(int keywordDistance) {
        this.keywordDistance = keywordDistance;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Keywords> requiredKeywords() {
        return List.of(KEYWORDS);
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(TYPE);
    }

    /** The runs a value starts with: six digits (compact), a pair (grouped). */
    private static final long START_LENGTHS = ScanText.lengthBits(2, 6);

    @Override
    public void scan(ScanText text, FindingSink sink) {
        int runs = text.digitRunCount();
        String t = text.text();
        int n = t.length();
        KeywordContext context = null;
        // Only a compact value's six digits, a spaced one's first pair and runs after mask chars.
        int skipThrough = -1; // the last pair of a grouped value judged: not judged again
        for (int r : text.runsOf(START_LENGTHS, true)) {
            if (r <= skipThrough) {
                continue;
            }
            int s = text.digitRunStart(r);
            int e = text.digitRunEnd(r);
            int length = e - s;
            if (length == 6 && s >= 2 && e < n && letter(t, s - 1) && letter(t, s - 2) && letter(t, e)) {
                context = judge(text, s - 2, e + 1, (char) 0, context, sink);
                continue;
            }
            if (length == 2 && r + 2 < runs && s >= 3 && isSeparator(t.charAt(s - 1)) && letter(t, s - 2)
                    && letter(t, s - 3)) {
                int end = grouped(text, t, r, e);
                if (end > 0) {
                    skipThrough = r + 2;
                    char sep = t.charAt(s - 1);
                    if (t.charAt(e) != sep || t.charAt(e + 3) != sep || t.charAt(e + 6) != sep) {
                        GATE.reject(sink, s - 3, end, RejectReason.INVALID_GROUPING);
                    } else {
                        context = judge(text, s - 3, end, sep, context, sink);
                    }
                    continue;
                }
            }
            if (length <= 3 && e < n && MaskedShape.hiddenBefore(text, r)) {
                context = masked(text, t, e, context, sink);
            }
        }
        for (int start : text.maskRunStarts()) {
            context = maskedShowingNoDigit(text, t, start, context, sink);
        }
    }

    /**
     * A masked NINO starting at a mask-run start and showing no digit: the suffix alone shows. One
     * showing digits is the digit-run path's (found there already), so a digit skips the start.
     */
    private KeywordContext maskedShowingNoDigit(ScanText text, String t, int start, KeywordContext context,
            FindingSink sink) {
        for (MaskedShape shape : MASKED_NO_DIGIT) {
            if (!shape.maskedAt(t, start)) {
                continue;
            }
            int end = start + shape.length();
            char suffix = upper(t.charAt(end - 1));
            if (suffix < 'A' || suffix > 'D' || hasDigit(t, start, end) || Boundary.IDENTIFIER.gluedBefore(t, start)
                    || Boundary.IDENTIFIER.gluedAfter(t, end)) {
                continue;
            }
            return GATE.reportMasked(text, start, end, context, keywordDistance, sink);
        }
        return context;
    }

    private static boolean hasDigit(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Chars.isDigit(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pairs 2-2-2 from the run r (ending at e), each pair one separator apart, then a separator and
     * the suffix letter: the end of the value, or -1. Which separators (mixed or not) is left to
     * the caller.
     */
    private static int grouped(ScanText text, String t, int r, int e) {
        int s2 = text.digitRunStart(r + 1);
        int s3 = text.digitRunStart(r + 2);
        int e3 = e + 6;
        if (s2 != e + 1 || text.digitRunEnd(r + 1) != e + 3 || s3 != e + 4 || text.digitRunEnd(r + 2) != e3) {
            return -1;
        }
        if (e3 + 1 >= t.length() || !isSeparator(t.charAt(e)) || !isSeparator(t.charAt(e + 3))
                || !isSeparator(t.charAt(e3)) || !letter(t, e3 + 1)) {
            return -1;
        }
        return e3 + 2;
    }

    /**
     * Judges [start, end): boundary ({@code sep}, a grouped value's separator, or 0), suffix,
     * prefix letters and unused prefixes (not for HMRC's example), keyword. Returns the keyword
     * context (made if asked).
     */
    private KeywordContext judge(ScanText text, int start, int end, char sep, KeywordContext context,
            FindingSink sink) {
        if (!GATE.passes(text.text(), start, end, sep, UkNinoDetector::invalid, sink)) {
            return context;
        }
        return GATE.report(text, start, end, isExample(text.text(), start), context, keywordDistance, sink);
    }

    /** Why [start, end) (a NINO's shape) is no NINO, or null: the suffix, then the prefix unless HMRC's example. */
    static RejectReason invalid(CharSequence t, int start, int end) {
        char suffix = upper(t.charAt(end - 1));
        if (suffix < 'A' || suffix > 'D') {
            return RejectReason.INVALID_PATTERN;
        }
        return isExample(t, start) ? null : invalidPrefix(upper(t.charAt(start)), upper(t.charAt(start + 1)));
    }

    /** HMRC's example at start: prefix QQ, then 12 34 56 (a separator after the prefix is skipped). */
    private static boolean isExample(CharSequence t, int start) {
        return upper(t.charAt(start)) == 'Q' && upper(t.charAt(start + 1)) == 'Q' && isExampleDigits(t, start + 2);
    }

    /** Why a prefix (upper case) is never issued, or null: excluded letters, then unused pairs. */
    static RejectReason invalidPrefix(char first, char second) {
        if ("DFIQUV".indexOf(first) >= 0 || "DFIOQUV".indexOf(second) >= 0) {
            return RejectReason.INVALID_PATTERN;
        }
        for (String p : UNUSED_PREFIXES) {
            if (p.charAt(0) == first && p.charAt(1) == second) {
                return RejectReason.INVALID_RANGE;
            }
        }
        return null;
    }

    /** The digits of HMRC's example, 12 34 56, from {@code digits} (pairs separated or not). */
    private static boolean isExampleDigits(CharSequence t, int digits) {
        int want = 1;
        for (int i = digits; want <= 6 && i < t.length(); i++) {
            char c = t.charAt(i);
            if (Chars.isDigit(c)) {
                if (c - '0' != want++) {
                    return false;
                }
            }
        }
        return want == 7;
    }

    /** A run of at most 3 shown digits before the suffix of a masked NINO: the shapes tried end after it. */
    private KeywordContext masked(ScanText text, String t, int e, KeywordContext context, FindingSink sink) {
        MaskedShape[] shapes;
        int end;
        if (letter(t, e)) {
            shapes = MASKED_COMPACT;
            end = e + 1;
        } else if (isSeparator(t.charAt(e)) && e + 1 < t.length() && letter(t, e + 1)) {
            shapes = MASKED_GROUPED;
            end = e + 2;
        } else {
            return context;
        }
        char suffix = upper(t.charAt(end - 1));
        if (suffix < 'A' || suffix > 'D') {
            return context;
        }
        for (MaskedShape shape : shapes) {
            int start = shape.startEndingAt(t, end);
            if (start < 0) {
                continue;
            }
            return GATE.judgeMasked(text, start, end, '\0', context, keywordDistance, sink);
        }
        return context;
    }

    private static boolean letter(String t, int i) {
        return Chars.isAsciiLetter(t.charAt(i));
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-';
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }
}
