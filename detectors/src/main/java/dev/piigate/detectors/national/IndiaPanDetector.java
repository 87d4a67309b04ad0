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
 * India's Permanent Account Numbers: {@code AAAAA9999A}, five letters, four digits, a letter. The
 * fourth letter is the holder type (P individual, C company, H Hindu undivided family, F firm, A
 * association of persons, T trust, B body of individuals, L local authority, J artificial
 * juridical person, G government, K krish: python-stdnum {@code in_.pan}, the Income Tax
 * Department's PAN tutorial); the serial 0000 is never issued; the last letter is a check letter
 * whose algorithm is not published, so it is not checked. Either letter case (entries typed into
 * forms). Masked forms with at most the last four characters shown ({@code ******234F}) are
 * reported as masked; the CBDT masking {@code ABCPEXXXXF} shows no digit and is not looked for.
 *
 * <p>As in Macie, a PAN counts only with a keyword within the distance or a field name that says
 * PAN. Candidates come from the digit-run index: a run of exactly 4 with five letters before it
 * and one after, or a run of at most 3 between mask characters and a letter.
 *
 * <p>A masked PAN that shows no digit ({@code *********A}, {@code XXXXXXXXXF}) has no digit run
 * to anchor it; it is tried at the kit's mask-run starts ({@link ScanText#maskRunStarts}), which
 * only texts holding {@code * # • ● X} have. Its only shown char is the last letter. Ten X's show
 * nothing (the last X is a mask, not a shown check letter X) and are skipped; {@code *********X}
 * shows an X. A value masked with lower-case {@code x} throughout ({@code xxxxxxxxxF}) is not
 * found: lower-case x starts no mask run (too common in prose).
 */
public final class IndiaPanDetector implements Detector {
    public static final String ID = "india_pan_v1";
    public static final EntityType TYPE = new EntityType("INDIA_PERMANENT_ACCOUNT_NUMBER");
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, s -> new IndiaPanDetector(s.keywordDistance()));

    /**
     * Macie's keywords for INDIA_PERMANENT_ACCOUNT_NUMBER (permanent account number, pan) with
     * the usual written forms and the Hindi words (पैन, स्थायी खाता संख्या).
     */
    static final Keywords KEYWORDS = Keywords.of(
            "pan", "pan no", "pan number", "pan card", "pan#", "permanent account number", "permanent account no",
            "income tax pan", "पैन", "पैन कार्ड", "पैन नंबर", "स्थायी खाता संख्या");

    /** The holder types the fourth letter may be. */
    static final String HOLDER_TYPES = "ABCFGHJKLPT";

    static final double CONFIDENCE = 0.9;
    static final double CONFIDENCE_MASKED = 0.85;
    private static final KeywordGate GATE =
            KeywordGate.of(TYPE, ID, KEYWORDS, Boundary.IDENTIFIER, CONFIDENCE, CONFIDENCE_MASKED);
    private static final MaskedShape MASKED = MaskedShape.of("AAAAA9999A", 4);

    private final int keywordDistance;

    IndiaPanDetector(int keywordDistance) {
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

    /** The run a PAN's serial is: four digits. */
    private static final long START_LENGTHS = ScanText.lengthBits(4);

    @Override
    public void scan(ScanText text, FindingSink sink) {
        String t = text.text();
        int n = t.length();
        KeywordContext context = null;
        // Only the serial's length (4) and the runs after mask chars: no other run is looked at.
        for (int r : text.runsOf(START_LENGTHS, true, ScanText.LETTER_BEFORE | ScanText.LETTER_AFTER)) {
            int s = text.digitRunStart(r);
            int e = text.digitRunEnd(r);
            int length = e - s;
            if (e >= n || !Chars.isAsciiLetter(t.charAt(e))) {
                continue;
            }
            if (length == 4 && s >= 5 && letters(t, s - 5, s)) {
                context = judge(text, s - 5, e + 1, context, sink);
            } else if (length <= 3 && MaskedShape.hiddenBefore(text, r)) {
                context = masked(text, t, e + 1, context, sink);
            }
        }
        for (int start : text.maskRunStarts()) {
            context = maskedShowingNoDigit(text, t, start, context, sink);
        }
    }

    /**
     * A masked PAN starting at a mask-run start and showing no digit: the last letter alone shows.
     * One showing digits is the digit-run path's (found there already), so a digit skips the start.
     */
    private KeywordContext maskedShowingNoDigit(ScanText text, String t, int start, KeywordContext context,
            FindingSink sink) {
        if (!MASKED.maskedAt(t, start)) {
            return context;
        }
        int end = start + MASKED.length();
        char last = t.charAt(end - 1);
        if ((last | 0x20) == 'x' && (t.charAt(end - 2) | 0x20) == 'x') {
            return context; // all X: nothing shown
        }
        for (int i = start; i < end; i++) {
            if (Chars.isDigit(t.charAt(i))) {
                return context;
            }
        }
        if (Boundary.IDENTIFIER.gluedBefore(t, start) || Boundary.IDENTIFIER.gluedAfter(t, end)) {
            return context;
        }
        return GATE.reportMasked(text, start, end, context, keywordDistance, sink);
    }

    /** Judges [start, end): boundary, holder type, serial, keyword. Returns the keyword context (made if asked). */
    private KeywordContext judge(ScanText text, int start, int end, KeywordContext context, FindingSink sink) {
        if (!GATE.passes(text.text(), start, end, '\0', IndiaPanDetector::invalid, sink)) {
            return context;
        }
        return GATE.report(text, start, end, false, context, keywordDistance, sink);
    }

    /** Why the ten chars of [start, end) (of the PAN's shape) are no PAN, or null: holder type, then serial. */
    static RejectReason invalid(CharSequence t, int start, int end) {
        char holder = t.charAt(start + 3);
        if (HOLDER_TYPES.indexOf(holder >= 'a' ? (char) (holder - 32) : holder) < 0) {
            return RejectReason.INVALID_PATTERN;
        }
        if (t.charAt(start + 5) == '0' && t.charAt(start + 6) == '0' && t.charAt(start + 7) == '0'
                && t.charAt(start + 8) == '0') {
            return RejectReason.INVALID_RANGE;
        }
        return null;
    }

    /** A masked PAN ending at {@code end}: its last letter and at most 3 digits shown. */
    private KeywordContext masked(ScanText text, String t, int end, KeywordContext context, FindingSink sink) {
        int start = MASKED.startEndingAt(t, end);
        if (start < 0) {
            return context;
        }
        return GATE.judgeMasked(text, start, end, '\0', context, keywordDistance, sink);
    }

    private static boolean letters(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Chars.isAsciiLetter(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
