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
import dev.piigate.detectors.kit.Checks;
import dev.piigate.detectors.kit.KeywordGate;

/**
 * France's NIR (numéro de sécurité sociale, "numéro INSEE"): sex 1 digit, year 2, month 2,
 * department 2 (Corsica {@code 2A}, {@code 2B}), commune 3, order 3, key 2 = 97 - (the 13
 * digits mod 97), Corsica's department read as 19 and 18 for the key (python-stdnum
 * {@code fr.nir}). Written compact ({@code 185057800608436}), spaced
 * ({@code 1 85 05 78 006 084 36}) or with the key apart ({@code 1850578006084 36}, the form
 * Microsoft Purview names). Only with the key: thirteen digits alone have no check and are
 * too common. Counts only with a keyword near (Macie's rule); masked forms
 * ({@code * ** ** ** *** *84 36}) are masked findings.
 *
 * <p>Ranges (INSEE's rules as the issue gives them): sex 1 or 2, 3 and 4 for numbers being
 * issued, 7 and 8 for temporary numbers; month 01-12, 20-42 and 50-99 (unknown or temporary);
 * anything else is INVALID_RANGE.
 */
public final class FranceNirDetector implements Detector {
    public static final String ID = "france_nir_v1";
    public static final EntityType TYPE = new EntityType("FRANCE_NATIONAL_IDENTIFICATION_NUMBER");
    public static final DetectorFactory FACTORY =
            DetectorFactory.of(ID, s -> new FranceNirDetector(s.keywordDistance()));

    /**
     * The list, the spellings without accents, and the short forms Purview's
     * Keyword_fr_insee lists ("numéro de sécu", "code sécu").
     */
    static final Keywords KEYWORDS = Keywords.of(
            "numéro de sécurité sociale", "numero de securite sociale", "n° de sécurité sociale",
            "sécurité sociale", "securite sociale", "securité sociale",
            "numéro de sécu", "numero de secu", "code sécu", "n° sécu",
            "nir", "insee", "numéro insee", "numero insee", "carte vitale",
            "social security number", "french social security number");

    static final WrittenForm COMPACT = new WrittenForm("dddddccdddddddd");
    static final WrittenForm SPACED = new WrittenForm("d dd dd cc ddd ddd dd");
    static final WrittenForm KEY_APART = new WrittenForm("dddddccdddddd dd");
    private static final WrittenForm[] FORMS = {COMPACT, SPACED, KEY_APART};

    static final double CONFIDENCE = 0.95;
    static final double CONFIDENCE_MASKED = 0.85;
    private static final KeywordGate GATE =
            KeywordGate.of(TYPE, ID, KEYWORDS, Boundary.IDENTIFIER, CONFIDENCE, CONFIDENCE_MASKED);
    /** A spaced form's space joins before a digit ("4111 1 85 ...": a longer grouping of digits). */
    private static final WrittenForms WALK =
            new WrittenForms(GATE, FranceNirDetector::invalid, FranceNirDetector::form, new int[] {1, 6, 13, 15}, FORMS);

    private final int keywordDistance;

    FranceNirDetector(int keywordDistance) {
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

    @Override
    public void scan(ScanText text, FindingSink sink) {
        WALK.scan(text, sink, keywordDistance);
    }

    /** The form whose first digit group is the run at s (its length is the form's first run's, or 6 for 2A, 2B). */
    static WrittenForm form(String t, int s, int length) {
        return switch (length) {
            case 15 -> COMPACT;
            case 13 -> KEY_APART.matches(t, s) ? KEY_APART : null;
            case 6 -> COMPACT.matches(t, s) ? COMPACT : KEY_APART.matches(t, s) ? KEY_APART : null; // 2A, 2B
            case 1 -> SPACED.matches(t, s) ? SPACED : null;
            default -> null;
        };
    }

    /** Why the 15 letters and digits of [start, end) (spaces skipped) are no NIR, or null. */
    static RejectReason invalid(CharSequence t, int start, int end) {
        char[] c = new char[15];
        int k = 0;
        for (int i = start; i < end && k < 15; i++) {
            char ch = t.charAt(i);
            if (ch != ' ') {
                c[k++] = ch;
            }
        }
        long department;
        if (Chars.isDigit(c[5]) && Chars.isDigit(c[6])) {
            department = (c[5] - '0') * 10L + (c[6] - '0');
        } else if (c[5] == '2' && (c[6] == 'A' || c[6] == 'a')) {
            department = 19;
        } else if (c[5] == '2' && (c[6] == 'B' || c[6] == 'b')) {
            department = 18;
        } else {
            return RejectReason.INVALID_PATTERN;
        }
        char sex = c[0];
        int month = (c[3] - '0') * 10 + (c[4] - '0');
        if (!(sex == '1' || sex == '2' || sex == '3' || sex == '4' || sex == '7' || sex == '8')
                || !(month >= 1 && month <= 12 || month >= 20 && month <= 42 || month >= 50)) {
            return RejectReason.INVALID_RANGE;
        }
        long n = 0;
        for (int i = 0; i < 5; i++) {
            n = n * 10 + (c[i] - '0');
        }
        n = n * 100 + department;
        for (int i = 7; i < 13; i++) {
            n = n * 10 + (c[i] - '0');
        }
        int key = (c[13] - '0') * 10 + (c[14] - '0');
        return Checks.mod97Key(n) == key ? null : RejectReason.INVALID_CHECKSUM;
    }
}
