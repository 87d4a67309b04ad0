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
import dev.piigate.detectors.kit.Validation;

/**
 * Mexico's CURP (Clave Única de Registro de Población): 18 characters, {@code GOML850314HDFRPR09}:
 * four letters of the names, the birth date {@code yymmdd}, sex ({@code H}, {@code M}, or
 * {@code X} since 2022), one of the 32 state codes or {@code NE} (born abroad), three
 * consonants of the names, a character that tells the century (a digit before 2000, a letter
 * after) and a check digit: the first 17 valued by {@code 0-9 A-N Ñ O-Z} (Ñ written {@code &}),
 * weighted 18 down to 2, {@code (10 - sum mod 10) mod 10} (python-stdnum {@code mx.curp}).
 * Counts only with a keyword near (Macie's rule). Upper case is the written form; all lower
 * case counts too, mixed case is INVALID_PATTERN. Masked forms ({@code **************RR09}) are
 * masked findings.
 *
 * <p>Candidates come from the digit-run index: a run of exactly six digits after four letters.
 * Not checked: RENAPO's list of words a CURP never starts with (they are rewritten with an X),
 * which only narrows what is rejected.
 */
public final class MexicoCurpDetector implements Detector {
    public static final String ID = "mexico_curp_v1";
    public static final EntityType TYPE = new EntityType("MEXICO_CURP_NUMBER");
    public static final DetectorFactory FACTORY =
            DetectorFactory.of(ID, s -> new MexicoCurpDetector(s.keywordDistance()));

    /** The list: the acronym and the name with and without accents. */
    static final Keywords KEYWORDS = Keywords.of(
            "curp", "c.u.r.p.",
            "clave única de registro de población", "clave unica de registro de poblacion",
            "clave única de registro de poblacion", "clave unica de registro de población");

    static final int LENGTH = 18;
    /** The 32 states and NE (born abroad), as RENAPO codes them, sorted. */
    private static final String[] STATES = {
        "AS", "BC", "BS", "CC", "CH", "CL", "CM", "CS", "DF", "DG", "GR", "GT", "HG", "JC", "MC", "MN", "MS", "NE",
        "NL", "NT", "OC", "PL", "QR", "QT", "SL", "SP", "SR", "TC", "TL", "TS", "VZ", "YN", "ZS",
    };
    private static final String VALUES = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";
    private static final int[] DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /** Masked, the century char shown as a digit (born before 2000) or a letter. */
    private static final WrittenForm[] MASKED = {
        new WrittenForm("aaaaddddddaaaaaadd"), new WrittenForm("aaaaddddddaaaaaaad"),
    };
    private static final Validation.Check CHECK = (t, s, e) -> invalid(t, s);

    static final double CONFIDENCE = 0.95;
    static final double CONFIDENCE_MASKED = 0.85;
    private static final KeywordGate GATE =
            KeywordGate.of(TYPE, ID, KEYWORDS, Boundary.IDENTIFIER, CONFIDENCE, CONFIDENCE_MASKED);

    private final int keywordDistance;

    MexicoCurpDetector(int keywordDistance) {
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

    /** The runs a CURP is seen at: its date (6 digits), a masked one's shown check digits (1, 2). */
    private static final long START_LENGTHS = ScanText.lengthBits(1, 2, 6);

    @Override
    public void scan(ScanText text, FindingSink sink) {
        int runs = text.digitRunCount();
        if (runs == 0) {
            return;
        }
        String t = text.text();
        KeywordContext context = new KeywordContext(KEYWORDS, text, keywordDistance);
        int consumed = 0;
        // Only the birth date's six digits and the one or two after a masked or lettered head:
        // runs of those lengths after a letter, and runs after a mask char.
        for (int r : text.runsOf(START_LENGTHS, true, ScanText.LETTER_BEFORE)) {
            int s = text.digitRunStart(r);
            int e = text.digitRunEnd(r);
            if (s < consumed) {
                continue;
            }
            if (e - s == 6 && shape(t, s - 4)) {
                consumed = s - 4 + LENGTH;
                judge(text, s - 4, context, sink);
            } else if (e - s <= 2 && s > 0
                    && (Chars.isMaskChar(t.charAt(s - 1)) || Chars.isAsciiLetter(t.charAt(s - 1)))) {
                // The check digit, after the century char: the end of a masked CURP?
                consumed = Math.max(consumed,
                        WrittenForm.judgeMasked(MASKED, GATE, text, e, context, keywordDistance, sink));
            }
        }
    }

    /** Four letters, six digits, six letters, a letter or digit, a digit. */
    static boolean shape(CharSequence t, int start) {
        if (start < 0 || start + LENGTH > t.length()) {
            return false;
        }
        for (int k = 0; k < LENGTH; k++) {
            char c = t.charAt(start + k);
            boolean fits = k < 4 || k >= 10 && k < 16 ? Chars.isAsciiLetter(c)
                    : k == 16 ? Chars.isAsciiLetterOrDigit(c) : Chars.isDigit(c);
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    private void judge(ScanText text, int start, KeywordContext context, FindingSink sink) {
        int end = start + LENGTH;
        if (GATE.passes(text.text(), start, end, '\0', CHECK, sink)) {
            GATE.report(text, start, end, false, context, keywordDistance, sink);
        }
    }

    /** Why the 18 chars at start (of the right {@link #shape}) are no CURP, or null. */
    static RejectReason invalid(CharSequence t, int start) {
        int upper = 0;
        int lower = 0;
        for (int k = 0; k < LENGTH; k++) {
            char c = t.charAt(start + k);
            upper += c >= 'A' && c <= 'Z' ? 1 : 0;
            lower += c >= 'a' && c <= 'z' ? 1 : 0;
        }
        char sex = upper(t.charAt(start + 10));
        if (upper > 0 && lower > 0 || !(sex == 'H' || sex == 'M' || sex == 'X')
                || !isState(upper(t.charAt(start + 11)), upper(t.charAt(start + 12)))
                || isVowel(t.charAt(start + 13)) || isVowel(t.charAt(start + 14)) || isVowel(t.charAt(start + 15))) {
            return RejectReason.INVALID_PATTERN;
        }
        int year = number(t, start + 4);
        int month = number(t, start + 6);
        int day = number(t, start + 8);
        year += Chars.isDigit(t.charAt(start + 16)) ? 1900 : 2000;
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        if (month < 1 || month > 12 || day < 1 || day > (month == 2 && !leap ? 28 : DAYS[month - 1])) {
            return RejectReason.INVALID_RANGE;
        }
        int sum = 0;
        for (int k = 0; k < LENGTH - 1; k++) {
            sum += VALUES.indexOf(upper(t.charAt(start + k))) * (LENGTH - k);
        }
        int check = (10 - sum % 10) % 10;
        return t.charAt(start + LENGTH - 1) - '0' == check ? null : RejectReason.INVALID_CHECKSUM;
    }

    private static boolean isState(char a, char b) {
        for (String s : STATES) {
            if (s.charAt(0) == a && s.charAt(1) == b) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVowel(char c) {
        char u = upper(c);
        return u == 'A' || u == 'E' || u == 'I' || u == 'O' || u == 'U';
    }

    private static int number(CharSequence t, int at) {
        return (t.charAt(at) - '0') * 10 + (t.charAt(at + 1) - '0');
    }

    /** An ASCII letter in upper case (the shape admits no other letter). */
    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }
}
