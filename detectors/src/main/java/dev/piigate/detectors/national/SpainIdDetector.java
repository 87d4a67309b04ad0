package dev.piigate.detectors.national;

import java.util.List;
import java.util.Set;

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
import dev.piigate.detectors.kit.Checks;
import dev.piigate.detectors.kit.KeywordContext;
import dev.piigate.detectors.kit.MaskedShape;

/**
 * Spain's DNI (8 digits and a control letter: {@code 12345678Z}, {@code 12345678-Z},
 * {@code 12345678 Z}, {@code 12.345.678-Z}) and NIE (X, Y or Z, 7 digits and a control letter:
 * {@code X1234567L}, {@code X-1234567-L}). The letter is {@code TRWAGMYFPDXBNJZSQVHLCKE} at the
 * number mod 23, the NIE's X, Y, Z read as 0, 1, 2 before its digits (python-stdnum {@code es.dni},
 * {@code es.nie}). Letters in either case: the written form is upper case, but forms and exports
 * keep what people type, and the check letter makes a lower-case one as certain. Each counts only
 * with a keyword of its own type near (Macie's rule); "NIF" names both. A number repeated in every
 * digit ({@code 00000000T}) is a placeholder: DEGENERATE. Masked forms ({@code *****678Z}) are
 * masked findings of the type whose keyword is near; those that show the letter alone
 * ({@code ********Z}, {@code XXXXXXXX-Z}, {@code X-XXXXXXX-L}) hold no digit run and are read at the
 * kit's mask-run starts. Those start at {@code * # • ●} or {@code X}, not at a lower-case
 * {@code x} (too common in prose): {@code xxxxxxxx-Z} is not found.
 */
public final class SpainIdDetector implements Detector {
    public static final String ID = "spain_dni_nie_v1";
    public static final EntityType DNI = new EntityType("SPAIN_DNI_NUMBER");
    public static final EntityType NIE = new EntityType("SPAIN_NIE_NUMBER");
    public static final DetectorFactory FACTORY =
            DetectorFactory.of(ID, s -> new SpainIdDetector(s.keywordDistance()));

    /** The DNI keywords, their spellings without accents and the dotted abbreviations. */
    static final Keywords DNI_KEYWORDS = Keywords.of(
            "dni", "nif", "d.n.i.", "n.i.f.", "dni/nif",
            "documento nacional de identidad",
            "número de identificación fiscal", "numero de identificacion fiscal",
            "spanish national identity document");

    /** The NIE keywords, their spellings without accents and the dotted abbreviation. */
    static final Keywords NIE_KEYWORDS = Keywords.of(
            "nie", "nif", "n.i.e.", "nie/nif",
            "número de identidad de extranjero", "numero de identidad de extranjero",
            "número de identificación de extranjero", "numero de identificacion de extranjero",
            "foreigner identity number", "foreigner identification number");

    static final WrittenForm DNI_COMPACT = new WrittenForm("dddddddda");
    static final WrittenForm DNI_DASH = new WrittenForm("dddddddd-a");
    static final WrittenForm DNI_SPACE = new WrittenForm("dddddddd a");
    static final WrittenForm DNI_DOTTED_DASH = new WrittenForm("dd.ddd.ddd-a");
    static final WrittenForm DNI_DOTTED = new WrittenForm("dd.ddd.ddda");
    private static final WrittenForm[] DNI_FORMS = {DNI_COMPACT, DNI_DASH, DNI_SPACE, DNI_DOTTED_DASH, DNI_DOTTED};
    private static final WrittenForm[] DOTTED_FORMS = {DNI_DOTTED_DASH, DNI_DOTTED};

    static final WrittenForm NIE_COMPACT = new WrittenForm("addddddda");
    static final WrittenForm NIE_DASHES = new WrittenForm("a-ddddddd-a");
    static final WrittenForm NIE_FIRST_DASH = new WrittenForm("a-ddddddda");
    static final WrittenForm NIE_LAST_DASH = new WrittenForm("addddddd-a");
    private static final WrittenForm[] NIE_FORMS = {NIE_COMPACT, NIE_DASHES, NIE_FIRST_DASH, NIE_LAST_DASH};

    /** The control letters, by remainder mod 23: the only letters a masked value may show. */
    private static final String LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    static final double CONFIDENCE = 0.95;
    static final double CONFIDENCE_MASKED = 0.85;

    private final int keywordDistance;

    SpainIdDetector(int keywordDistance) {
        this.keywordDistance = keywordDistance;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Keywords> requiredKeywords() {
        return List.of(DNI_KEYWORDS, NIE_KEYWORDS);
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(DNI, NIE);
    }

    /** The runs a value starts with: DNI 8 (dotted: 2), NIE 7. */
    private static final long START_LENGTHS = ScanText.lengthBits(2, 7, 8);

    @Override
    public void scan(ScanText text, FindingSink sink) {
        int runs = text.digitRunCount();
        int[] maskStarts = text.maskRunStarts();
        if (runs == 0 && maskStarts.length == 0) {
            return;
        }
        String t = text.text();
        Context context = new Context(text, keywordDistance);
        int consumed = 0;
        // Only a DNI's 8 digits, a dotted one's first pair, a NIE's 7 and runs after mask chars.
        for (int r : text.runsOf(START_LENGTHS, true)) {
            int s = text.digitRunStart(r);
            int e = text.digitRunEnd(r);
            if (s < consumed) {
                continue;
            }
            int length = e - s;
            int end = 0;
            if (length == 8) {
                end = dni(t, s, context, sink);
            } else if (length == 2 && e < t.length() && t.charAt(e) == '.') {
                end = dotted(t, s, context, sink);
            } else if (length == 7 && s > 0) {
                end = nie(t, s, context, sink);
            }
            if (end == 0 && length <= WrittenForm.MAX_VISIBLE && MaskedShape.hiddenBefore(text, r)) {
                end = masked(t, e, context, sink);
            }
            consumed = Math.max(consumed, end);
        }
        for (int start : maskStarts) {
            maskedWithoutDigits(t, start, context, sink);
        }
    }

    /** Eight digits at s and their letter; returns where the value ends, or 0 if there is none. */
    private int dni(String t, int s, Context context, FindingSink sink) {
        int n = t.length();
        int e = s + 8;
        if (e >= n) {
            return 0;
        }
        char next = t.charAt(e);
        if (Chars.isAsciiLetter(next)) {
            judge(DNI, t, s, e + 1, context, sink);
            return e + 1;
        }
        if ((next == '-' || next == ' ') && e + 1 < n && Chars.isAsciiLetter(t.charAt(e + 1))) {
            char letter = t.charAt(e + 1);
            if (next == ' ' && (letter > 'Z' || Boundary.IDENTIFIER.gluedAfter(t, e + 2))) {
                return 0; // "12345678 años", "12345678 y 87654321": a number and a word, not a value
            }
            judge(DNI, t, s, e + 2, context, sink);
            return e + 2;
        }
        return 0;
    }

    /** {@code 12.345.678-Z} or {@code 12.345.678Z} starting at s. */
    private int dotted(String t, int s, Context context, FindingSink sink) {
        for (WrittenForm form : DOTTED_FORMS) {
            if (form.matches(t, s)) {
                judge(DNI, t, s, s + form.length(), context, sink);
                return s + form.length();
            }
        }
        return 0;
    }

    /** Seven digits at s after X, Y or Z (with or without a dash) and before the letter. */
    private int nie(String t, int s, Context context, FindingSink sink) {
        for (WrittenForm form : NIE_FORMS) {
            int start = form.startFor(s);
            if (form.matches(t, start) && prefixDigit(t.charAt(start)) >= 0) {
                judge(NIE, t, start, start + form.length(), context, sink);
                return start + form.length();
            }
        }
        return 0;
    }

    private void judge(EntityType type, String t, int start, int end, Context context, FindingSink sink) {
        if (Boundary.IDENTIFIER.gluedBefore(t, start) || Boundary.IDENTIFIER.gluedAfter(t, end)) {
            sink.rejected(type, start, end, ID, RejectReason.TOKEN_BOUNDARY);
            return;
        }
        RejectReason invalid = invalid(t, start, end, NIE.equals(type));
        if (invalid != null) {
            sink.rejected(type, start, end, ID, invalid);
            return;
        }
        if (!context.near(type, start, end)) {
            sink.rejected(type, start, end, ID, RejectReason.NO_KEYWORD);
            return;
        }
        sink.found(new Finding(type, start, end, ID, CONFIDENCE, false, false, Evidence.keywordIf(true)));
    }

    /**
     * Why [start, end) is no DNI (digits, letter last) or NIE (prefix letter, digits, letter), or
     * null: one digit repeated is DEGENERATE, a wrong letter INVALID_CHECKSUM.
     */
    static RejectReason invalid(CharSequence t, int start, int end, boolean nie) {
        long number = nie ? prefixDigit(t.charAt(start)) : 0;
        char first = 0;
        boolean same = true;
        for (int i = nie ? start + 1 : start; i < end - 1; i++) {
            char c = t.charAt(i);
            if (Chars.isDigit(c)) {
                first = first == 0 ? c : first;
                same &= c == first;
                number = number * 10 + (c - '0');
            }
        }
        if (same) {
            return RejectReason.DEGENERATE;
        }
        char letter = (char) (t.charAt(end - 1) & ~0x20); // upper case
        return Checks.mod23Letter(number) == letter ? null : RejectReason.INVALID_CHECKSUM;
    }

    /** X, Y, Z (any case) as 0, 1, 2; -1 for any other char. */
    static int prefixDigit(char c) {
        return switch (c) {
            case 'X', 'x' -> 0;
            case 'Y', 'y' -> 1;
            case 'Z', 'z' -> 2;
            default -> -1;
        };
    }

    /**
     * A masked DNI or NIE whose last digit group ends at {@code runEnd}. {@code *****678Z} fits
     * both: the keyword near says which (DNI first); returns where it ends, or 0.
     */
    private int masked(String t, int runEnd, Context context, FindingSink sink) {
        int dniStart = maskedStart(DNI_FORMS, t, runEnd);
        int nieStart = maskedStart(NIE_FORMS, t, runEnd);
        if (dniStart < 0 && nieStart < 0) {
            return 0;
        }
        int start = dniStart >= 0 ? dniStart : nieStart;
        int end = maskedEnd(t, runEnd);
        EntityType type = dniStart >= 0 ? DNI : NIE;
        if (Boundary.IDENTIFIER.gluedBefore(t, start) || Boundary.IDENTIFIER.gluedAfter(t, end)
                || start > 0 && Chars.isMaskChar(t.charAt(start - 1))) {
            sink.rejected(type, start, end, ID, RejectReason.TOKEN_BOUNDARY);
        } else if (dniStart >= 0 && context.near(DNI, start, end)) {
            sink.found(new Finding(DNI, start, end, ID, CONFIDENCE_MASKED, true, false, Evidence.keywordIf(true)));
        } else if (nieStart >= 0 && context.near(NIE, nieStart, end)) {
            sink.found(new Finding(NIE, nieStart, end, ID, CONFIDENCE_MASKED, true, false, Evidence.keywordIf(true)));
        } else {
            sink.rejected(type, start, end, ID, RejectReason.NO_KEYWORD);
        }
        return end;
    }

    /**
     * A masked DNI or NIE that shows its letter alone ({@code ********Z}, {@code XXXXXXXX-Z},
     * {@code *-*******-L}), tried at a mask-run start: no digit run anchors it. A span holding a
     * digit is the digit-run loop's (found or rejected there). Glued values and letters outside
     * the mod-23 alphabet are look-alikes and pass silently ({@code XXL}, {@code XXXXXXXXXQ}
     * prose); as in {@link #masked}, the keyword near says DNI or NIE.
     */
    private void maskedWithoutDigits(String t, int start, Context context, FindingSink sink) {
        int dniEnd = maskedEndAt(DNI_FORMS, t, start);
        int nieEnd = maskedEndAt(NIE_FORMS, t, start);
        if (dniEnd >= 0 && context.near(DNI, start, dniEnd)) {
            sink.found(new Finding(DNI, start, dniEnd, ID, CONFIDENCE_MASKED, true, false, Evidence.keywordIf(true)));
        } else if (nieEnd >= 0 && context.near(NIE, start, nieEnd)) {
            sink.found(new Finding(NIE, start, nieEnd, ID, CONFIDENCE_MASKED, true, false, Evidence.keywordIf(true)));
        } else if (dniEnd >= 0 || nieEnd >= 0) {
            sink.rejected(dniEnd >= 0 ? DNI : NIE, start, dniEnd >= 0 ? dniEnd : nieEnd, ID, RejectReason.NO_KEYWORD);
        }
    }

    /** Where the first of {@code forms} masked at {@code start}, showing a plausible letter alone, ends; or -1. */
    private static int maskedEndAt(WrittenForm[] forms, String t, int start) {
        for (WrittenForm form : forms) {
            int end = start + form.length();
            if (form.maskedAt(t, start) && showsLetterAlone(t, start, end)
                    && !Boundary.IDENTIFIER.gluedBefore(t, start) && !Boundary.IDENTIFIER.gluedAfter(t, end)) {
                return end;
            }
        }
        return -1;
    }

    /**
     * [start, end) (a masked form) holds no digit and ends with a control letter that shows: in
     * the mod-23 alphabet, any case, and not the mask char hiding the slot before it
     * ({@code XXXXXXXXX} shows nothing; {@code ********X} shows its X).
     */
    static boolean showsLetterAlone(CharSequence t, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Chars.isDigit(t.charAt(i))) {
                return false;
            }
        }
        char letter = t.charAt(end - 1);
        char before = t.charAt(end - 2);
        if (before == ' ' && letter > 'Z') {
            return false; // "******** y", as in dni(): a lower-case letter after a space is a word
        }
        if (!Chars.isMaskChar(before)) {
            before = t.charAt(end - 3); // the separator before the letter in 12345678-Z
        }
        return LETTERS.indexOf(letter & ~0x20) >= 0 && letter != before;
    }

    private static int maskedStart(WrittenForm[] forms, String t, int runEnd) {
        for (WrittenForm form : forms) {
            int start = form.maskedStart(t, runEnd);
            if (start >= 0) {
                return start;
            }
        }
        return -1;
    }

    /** Every form ends with its letter, after the last digits and at most one separator. */
    private static int maskedEnd(String t, int runEnd) {
        return Chars.isAsciiLetter(t.charAt(runEnd)) ? runEnd + 1 : runEnd + 2;
    }

    /** The two keyword contexts of one text, each made and searched only when asked. */
    private static final class Context {
        private final ScanText text;
        private final int distance;
        private KeywordContext dni;
        private KeywordContext nie;

        Context(ScanText text, int distance) {
            this.text = text;
            this.distance = distance;
        }

        boolean near(EntityType type, int start, int end) {
            if (DNI.equals(type)) {
                if (dni == null) {
                    dni = new KeywordContext(DNI_KEYWORDS, text, distance);
                }
                return dni.near(start, end);
            }
            if (nie == null) {
                nie = new KeywordContext(NIE_KEYWORDS, text, distance);
            }
            return nie.near(start, end);
        }
    }
}
