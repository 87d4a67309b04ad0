package dev.piigate.detectors.ssn;

import java.util.Set;
import java.util.Arrays;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Evidence;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.KeywordContext;

/**
 * US Social Security numbers: {@code AAA-GG-SSSS}, {@code AAA GG SSSS} (one separator used
 * throughout), and nine bare digits when a keyword is near or the field name says SSN (the Macie
 * rule: bare nine-digit numbers are everywhere in logs). Masked forms ({@code XXX-XX-6789},
 * {@code ***-**-6789}) are reported as masked.
 *
 * <p>SSNs have no check digit, so validity is ranges (area not 000, 666 or 900-999, group not 00,
 * serial not 0000), no repeated single digit, and not one of the numbers published in ads and
 * documentation. Candidates come only from the digit-run index: a run of 3 followed by runs of 2
 * and 4 one separator apart, a run of exactly 9, or a run of 4 after a masked area and group.
 */
public final class SsnDetector implements Detector {
    public static final String ID = "ssn_v2";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, s -> new SsnDetector(s.keywordDistance()));

    /**
     * Macie's keywords for USA_SOCIAL_SECURITY_NUMBER (social security, ss#, ssn) plus the usual
     * written variants (Microsoft Purview's Keyword_ssn list, Presidio's context words). Not
     * "ssid": that is mostly a Wi-Fi network name. Other languages only where they name the US
     * number itself: Spanish (seguro social), and the Japanese, Chinese and Korean renderings of
     * "social security number"; another country's social insurance number is another type.
     */
    static final Keywords KEYWORDS = Keywords.of(
            "social security",
            "social security number",
            "social security no",
            "social security #",
            "social sec",
            "soc sec",
            "soc. sec.",
            "ssa number",
            "ss#",
            "ss #",
            "ss no",
            "ss num",
            "ssn",
            "ssn#",
            "ssns",
            "seguro social", "número de seguro social", "numero de seguro social",
            "社会保障番号", "ソーシャルセキュリティナンバー", "社会安全号", "社会安全号码", "社會安全號碼",
            "사회보장번호");

    /**
     * Numbers published in advertising or documentation, as 9-digit values, sorted:
     * 078-05-1120 (the Woolworth wallet card, 1938), 123-45-6789 (the stock example),
     * 219-09-9999 (an SSA pamphlet, 1940), 457-55-5462 (printed in LifeLock's advertising).
     * The SSA's own reserved advertising block 987-65-4320..4329 is outside the issued areas and
     * falls under the range rule.
     */
    static final int[] ADVERTISED = {
        78_05_1120,
        123_45_6789,
        219_09_9999,
        457_55_5462,
    };

    /**
     * One piece of a longer token: a letter or digit right before or after; a '-' with an ASCII
     * letter or digit beyond (GUIDs, ids like ORD-078-05-1120); '.', '/' or ':' with a digit beyond
     * (versions, dates, times); for the spaced form its separator with a digit beyond (longer digit
     * groupings such as card or phone numbers), passed as the extra digit joiner.
     */
    static final Boundary BOUNDARY =
            Boundary.IDENTIFIER;

    static final double CONFIDENCE_KEYWORD_DASHED = 0.95;
    static final double CONFIDENCE_KEYWORD_OTHER = 0.9;
    static final double CONFIDENCE_DASHED = 0.7;
    static final double CONFIDENCE_SPACED = 0.55;
    static final double CONFIDENCE_MASKED_KEYWORD = 0.9;
    static final double CONFIDENCE_MASKED = 0.75;

    private final int keywordDistance;

    SsnDetector(int keywordDistance) {
        this.keywordDistance = keywordDistance;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(EntityType.USA_SOCIAL_SECURITY_NUMBER);
    }

    /** The runs a value starts with: the area number (grouped), nine digits (bare), the serial (masked). */
    private static final long START_LENGTHS = ScanText.lengthBits(3, 4, 9);

    @Override
    public void scan(ScanText text, FindingSink sink) {
        String t = text.text();
        int runs = text.digitRunCount();
        if (runs == 0) {
            return;
        }
        KeywordContext context = null; // made at the first run of a value's length, not for every text with digits
        int skipThrough = -1; // the last run of a grouped value judged: its runs start nothing
        // Only an area number's 3 digits, a bare value's 9 and a masked value's last 4.
        for (int r : text.runsOf(START_LENGTHS, false)) {
            if (r <= skipThrough) {
                continue;
            }
            int s = text.digitRunStart(r);
            int e = text.digitRunEnd(r);
            int length = e - s;
            if (context == null) {
                context = new KeywordContext(KEYWORDS, text, keywordDistance);
            }
            if (length == 3 && r + 2 < runs) {
                if (grouped(text, t, r, s, e, context, sink)) {
                    skipThrough = r + 2;
                }
            } else if (length == 9) {
                bare(t, s, e, context, sink);
            } else if (length == 4 && s >= 7 && text.maskCharBefore(r)) { // "***-**-" ends in a mask char
                masked(t, s, e, context, sink);
            }
        }
    }

    /** AAA-GG-SSSS or AAA GG SSSS starting with the 3-digit run r; true if it was one. */
    private boolean grouped(ScanText text, String t, int r, int s, int e, KeywordContext context, FindingSink sink) {
        char sep = t.charAt(e);
        if (sep != '-' && sep != ' ') {
            return false;
        }
        int s2 = text.digitRunStart(r + 1);
        int s3 = text.digitRunStart(r + 2);
        if (s2 != e + 1 || text.digitRunEnd(r + 1) != e + 3 || s3 != e + 4 || text.digitRunEnd(r + 2) != e + 8) {
            return false; // 3-3-4 phone numbers, dates, zip+4 end here, at no cost
        }
        char sep2 = t.charAt(e + 3);
        if (sep2 != '-' && sep2 != ' ') {
            return false;
        }
        int end = e + 8;
        if (sep2 != sep) {
            reject(sink, s, end, RejectReason.INVALID_GROUPING);
            return true;
        }
        if (BOUNDARY.gluedBefore(t, s, sep) || BOUNDARY.gluedAfter(t, end, sep)) {
            reject(sink, s, end, RejectReason.TOKEN_BOUNDARY);
            return true;
        }
        RejectReason invalid = invalid(t, s, s + 4, s + 7);
        if (invalid != null) {
            reject(sink, s, end, invalid);
            return true;
        }
        boolean keyword = context.near(s, end);
        double confidence = keyword
                ? (sep == '-' ? CONFIDENCE_KEYWORD_DASHED : CONFIDENCE_KEYWORD_OTHER)
                : (sep == '-' ? CONFIDENCE_DASHED : CONFIDENCE_SPACED);
        sink.found(new Finding(EntityType.USA_SOCIAL_SECURITY_NUMBER, s, end, ID, confidence, false, false,
                Evidence.keywordIf(keyword)));
        return true;
    }

    /** Nine bare digits: an SSN only with a keyword or an SSN field name. */
    private void bare(String t, int s, int e, KeywordContext context, FindingSink sink) {
        if (!BOUNDARY.standalone(t, s, e)) {
            reject(sink, s, e, RejectReason.TOKEN_BOUNDARY);
            return;
        }
        RejectReason invalid = invalid(t, s, s + 3, s + 5);
        if (invalid != null) {
            reject(sink, s, e, invalid);
            return;
        }
        if (!context.near(s, e)) {
            reject(sink, s, e, RejectReason.NO_KEYWORD);
            return;
        }
        sink.found(new Finding(EntityType.USA_SOCIAL_SECURITY_NUMBER, s, e, ID, CONFIDENCE_KEYWORD_OTHER, false,
                false, Evidence.keywordIf(true)));
    }

    /** XXX-XX-6789, ***-**-6789, XXX XX 6789: the 4-digit run at s is the serial. */
    private void masked(String t, int s, int e, KeywordContext context, FindingSink sink) {
        char sep = t.charAt(s - 1);
        if (sep != '-' && sep != ' ') {
            return;
        }
        if (!Chars.isMaskChar(t.charAt(s - 2)) || !Chars.isMaskChar(t.charAt(s - 3))
                || !Chars.isMaskChar(t.charAt(s - 5)) || !Chars.isMaskChar(t.charAt(s - 6))
                || !Chars.isMaskChar(t.charAt(s - 7))) {
            return;
        }
        char sep1 = t.charAt(s - 4);
        int start = s - 7;
        if (sep1 != sep) {
            if (sep1 == '-' || sep1 == ' ') {
                reject(sink, start, e, RejectReason.INVALID_GROUPING);
            }
            return;
        }
        if (BOUNDARY.gluedBefore(t, start, sep) || BOUNDARY.gluedAfter(t, e, sep)) {
            reject(sink, start, e, RejectReason.TOKEN_BOUNDARY);
            return;
        }
        if (t.charAt(s) == '0' && t.charAt(s + 1) == '0' && t.charAt(s + 2) == '0' && t.charAt(s + 3) == '0') {
            reject(sink, start, e, RejectReason.INVALID_RANGE);
            return;
        }
        double confidence = context.near(start, e) ? CONFIDENCE_MASKED_KEYWORD : CONFIDENCE_MASKED;
        sink.found(new Finding(EntityType.USA_SOCIAL_SECURITY_NUMBER, start, e, ID, confidence, true, false,
                Evidence.keywordIf(context.near(start, e))));
    }

    /**
     * Why the digits at area (3), group (2) and serial (4) are not an SSN, or null. Ranges first:
     * they are what the SSA rules out; then repeated digits and published numbers.
     */
    static RejectReason invalid(String t, int area, int group, int serial) {
        int a = number(t, area, 3);
        int g = number(t, group, 2);
        int s = number(t, serial, 4);
        if (a == 0 || a == 666 || a >= 900 || g == 0 || s == 0) {
            return RejectReason.INVALID_RANGE;
        }
        int value = a * 1_000_000 + g * 10_000 + s;
        if (value % 111_111_111 == 0) {
            return RejectReason.DEGENERATE;
        }
        if (Arrays.binarySearch(ADVERTISED, value) >= 0) {
            return RejectReason.ADVERTISED_NUMBER;
        }
        return null;
    }

    private static int number(String t, int from, int digits) {
        int v = 0;
        for (int i = from; i < from + digits; i++) {
            v = v * 10 + (t.charAt(i) - '0');
        }
        return v;
    }

    private static void reject(FindingSink sink, int start, int end, RejectReason reason) {
        sink.rejected(EntityType.USA_SOCIAL_SECURITY_NUMBER, start, end, ID, reason);
    }
}
