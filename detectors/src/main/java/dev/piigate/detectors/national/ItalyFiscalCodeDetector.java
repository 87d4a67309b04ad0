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
import dev.piigate.detectors.kit.Validation;

/**
 * Italy's codice fiscale of a person: 16 characters, {@code RSSMRA85T10A562S}: six letters of the
 * names, two of the year, a month letter ({@code ABCDEHLMPRST}), two of the day (+40 for women),
 * a letter and three of the place, and a check letter over the first 15 from the odd and even
 * position tables (python-stdnum {@code it.codicefiscale}). Omocodia: when two people would share a
 * code, digits are replaced from the right by {@code LMNPQRSTUV} (0-9); any of the seven digit
 * positions may hold one. Counts only with a keyword near (Macie's rule).
 *
 * <p>Candidates come from the digit-run index: a run after a letter, tried at each digit
 * position it may start at. A code whose seven digits are all replaced holds no digit and is not
 * found: it takes 128 people with the same name, birth date and place. Upper case is the
 * written form; all lower case counts too (typed into forms, lower-cased by exports); mixed case
 * is a random token, INVALID_PATTERN. Masked forms ({@code ************562S}) are masked findings.
 * Masked forms whose shown tail holds omocodia letters ({@code ************QMVT},
 * {@code ************2MVT}) or the check letter alone ({@code ***************S}) are read at the
 * kit's mask-run starts, which begin at {@code * # • ●} or {@code X}, not at a lower-case {@code x}
 * (too common in prose): {@code xxxxxxxxxxxxQMVT} is not found.
 */
public final class ItalyFiscalCodeDetector implements Detector {
    public static final String ID = "italy_codice_fiscale_v1";
    public static final EntityType TYPE = new EntityType("ITALY_NATIONAL_IDENTIFICATION_NUMBER");
    public static final DetectorFactory FACTORY =
            DetectorFactory.of(ID, s -> new ItalyFiscalCodeDetector(s.keywordDistance()));

    /** The list and the usual Italian abbreviations of forms and invoices. */
    static final Keywords KEYWORDS = Keywords.of(
            "codice fiscale", "cod. fisc.", "cod fisc", "cod. fiscale", "c.f.", "cf", "c.fisc.",
            "fiscal code", "tax code", "italian tax code", "codice fiscale italiano");

    static final int LENGTH = 16;
    /** Where the seven digits are (each may be an omocodia letter), in order. */
    private static final int[] DIGIT_POSITIONS = {6, 7, 9, 10, 12, 13, 14};
    private static final int[] NONE = {};
    private static final String MONTHS = "ABCDEHLMPRST";
    private static final String OMOCODIA = "LMNPQRSTUV";
    /** Values of 0-9 and A-Z at odd positions (the first, third...); even positions count 0-9, A=0...Z=25. */
    private static final int[] ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22,
        25, 24, 23};
    private static final int[] DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    static final WrittenForm MASKED = new WrittenForm("aaaaaaddaddaddda");
    /**
     * The masked form with any of the last three digit positions (the only ones a masked code
     * shows) written as a letter: the kit's shape is exact per position, an omocodia letter is not.
     */
    private static final WrittenForm[] MASKED_AT_START = maskedForms();
    private static final WrittenForm[] MASKED_FORMS = {MASKED};
    private static final Validation.Check CHECK = (t, s, e) -> invalid(t, s);

    static final double CONFIDENCE = 0.95;
    static final double CONFIDENCE_MASKED = 0.85;
    private static final KeywordGate GATE =
            KeywordGate.of(TYPE, ID, KEYWORDS, Boundary.IDENTIFIER, CONFIDENCE, CONFIDENCE_MASKED);

    private final int keywordDistance;

    ItalyFiscalCodeDetector(int keywordDistance) {
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

    /** The lengths a digit run inside a code can have: its digit groups hold 2, 2 and 3. */
    private static final long START_LENGTHS = ScanText.lengthBits(1, 2, 3);

    @Override
    public void scan(ScanText text, FindingSink sink) {
        int runs = text.digitRunCount();
        int[] maskStarts = text.maskRunStarts();
        if (runs == 0 && maskStarts.length == 0) {
            return;
        }
        String t = text.text();
        int n = t.length();
        KeywordContext context = new KeywordContext(KEYWORDS, text, keywordDistance);
        int consumed = 0;
        // Only runs that fit a code's digit groups (6-7, 9-10, 12-14: at most 3 digits, a letter
        // on both sides) and runs after mask chars: a longer run fails the shape at every position.
        for (int r : text.runsOf(START_LENGTHS, true, ScanText.LETTER_BEFORE | ScanText.LETTER_AFTER)) {
            int s = text.digitRunStart(r);
            int e = text.digitRunEnd(r);
            if (s < consumed || s == 0) {
                continue;
            }
            int start = -1;
            // Every digit run of a code has a letter on both sides (a letter position or an
            // omocodia letter): a run with anything else next to it starts nothing.
            boolean between = Chars.isAsciiLetter(t.charAt(s - 1)) && e < n && Chars.isAsciiLetter(t.charAt(e));
            for (int p : between ? DIGIT_POSITIONS : NONE) {
                int at = s - p;
                if (at < 0) {
                    break;
                }
                if (at + LENGTH <= n && shape(t, at)) {
                    start = at;
                    break;
                }
            }
            if (start >= 0) {
                consumed = start + LENGTH;
                judge(text, start, context, sink);
            } else if (e - s <= WrittenForm.MAX_VISIBLE && MaskedShape.hiddenBefore(text, r)) {
                consumed = Math.max(consumed,
                        WrittenForm.judgeMasked(MASKED_FORMS, GATE, text, e, context, keywordDistance, sink));
            }
        }
        for (int start : maskStarts) {
            maskedAtStart(text, start, context, sink);
        }
    }

    /** Letters where letters go, digits or omocodia letters where digits go. */
    static boolean shape(CharSequence t, int start) {
        for (int k = 0; k < LENGTH; k++) {
            char c = t.charAt(start + k);
            if (isDigitPosition(k) ? !(Chars.isDigit(c) || omocodia(c) >= 0) : !Chars.isAsciiLetter(c)) {
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

    /** Why the 16 chars at start (of the right {@link #shape}) are no codice fiscale, or null. */
    static RejectReason invalid(CharSequence t, int start) {
        int upper = 0;
        int lower = 0;
        for (int k = 0; k < LENGTH; k++) {
            char c = t.charAt(start + k);
            upper += c >= 'A' && c <= 'Z' ? 1 : 0;
            lower += c >= 'a' && c <= 'z' ? 1 : 0;
        }
        int month = MONTHS.indexOf(upper(t.charAt(start + 8)));
        if (upper > 0 && lower > 0 || month < 0) {
            return RejectReason.INVALID_PATTERN;
        }
        int year = digit(t.charAt(start + 6)) * 10 + digit(t.charAt(start + 7));
        int day = digit(t.charAt(start + 9)) * 10 + digit(t.charAt(start + 10));
        day = day > 40 ? day - 40 : day;
        // Two-digit years: a year divisible by 4 is a leap year throughout 1901-2099.
        int days = month == 1 && year % 4 != 0 ? 28 : DAYS[month];
        if (day < 1 || day > days) {
            return RejectReason.INVALID_RANGE;
        }
        int sum = 0;
        for (int k = 0; k < LENGTH - 1; k++) {
            int v = value(t.charAt(start + k));
            sum += k % 2 == 0 ? ODD[v] : v;
        }
        char check = upper(t.charAt(start + LENGTH - 1));
        return check == (char) ('A' + sum % 26) ? null : RejectReason.INVALID_CHECKSUM;
    }

    /**
     * A masked code read at a mask-run start: {@code ************QMVT} (omocodia letters where
     * the last digits were), {@code ***************S} (the check letter alone), {@code ************2MVT},
     * {@code ************Q9VT}.
     * The digit-run path finds a tail of digits and the check letter ({@code ************205S}) and
     * nothing else: a tail with no digit has no run, and one with an omocodia letter among its
     * digits is not where that path looks. Those are read here; a tail of digits and the check
     * letter is left to it. Glued values and tails that are no code's pass silently.
     */
    private void maskedAtStart(ScanText text, int start, KeywordContext context, FindingSink sink) {
        String t = text.text();
        int end = start + LENGTH;
        if (!maskedForm(t, start) || !shownTail(t, start)
                || Boundary.IDENTIFIER.gluedBefore(t, start) || Boundary.IDENTIFIER.gluedAfter(t, end)) {
            return;
        }
        GATE.reportMasked(text, start, end, context, keywordDistance, sink);
    }

    private static WrittenForm[] maskedForms() {
        WrittenForm[] forms = new WrittenForm[8];
        for (int m = 0; m < 8; m++) {
            StringBuilder template = new StringBuilder("aaaaaaddaddaddda");
            for (int b = 0; b < 3; b++) {
                if ((m >> b & 1) != 0) {
                    template.setCharAt(LENGTH - 2 - b, 'a');
                }
            }
            forms[m] = new WrittenForm(template.toString());
        }
        return forms;
    }

    private static boolean maskedForm(String t, int start) {
        for (WrittenForm form : MASKED_AT_START) {
            if (form.maskedAt(t, start)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The last four chars of a masked code at start (the rest is hidden: {@link WrittenForm#maskedAt})
     * show something this path owns: the three last digit positions hidden (a mask char) then shown
     * (a digit or an omocodia letter, X being none), an omocodia letter among them unless no digit
     * shows; the check letter a letter that is not the mask char hiding the slot before it
     * ({@code XXXXXXXXXXXXXXXX} shows nothing).
     */
    static boolean shownTail(CharSequence t, int start) {
        boolean showing = false;
        boolean digit = false;
        boolean letter = false;
        for (int k = LENGTH - 4; k < LENGTH - 1; k++) {
            char c = t.charAt(start + k);
            if (!showing && Chars.isMaskChar(c)) {
                continue;
            }
            if (Chars.isDigit(c)) {
                digit = true;
            } else if (omocodia(c) >= 0) {
                letter = true;
            } else {
                return false;
            }
            showing = true;
        }
        char check = t.charAt(start + LENGTH - 1);
        if (!Chars.isAsciiLetter(check) || !showing && check == t.charAt(start + LENGTH - 2)) {
            return false;
        }
        return !digit || letter;
    }

    private static boolean isDigitPosition(int k) {
        return k == 6 || k == 7 || k == 9 || k == 10 || k == 12 || k == 13 || k == 14;
    }

    /** The digit an omocodia letter stands for (any case), or -1. */
    static int omocodia(char c) {
        return OMOCODIA.indexOf(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
    }

    /** A digit position's value: the digit, or the digit its omocodia letter stands for. */
    private static int digit(char c) {
        return Chars.isDigit(c) ? c - '0' : omocodia(c);
    }

    /** 0-9 for digits, 0-25 for letters (any case): the even-position value and the ODD index. */
    private static int value(char c) {
        return Chars.isDigit(c) ? c - '0' : upper(c) - 'A';
    }

    /** An ASCII letter in upper case (the shape admits no other letter). */
    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }
}
