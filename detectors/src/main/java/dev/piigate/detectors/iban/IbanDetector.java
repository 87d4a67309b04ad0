package dev.piigate.detectors.iban;

import java.nio.CharBuffer;
import java.util.Set;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.Checks;
import dev.piigate.detectors.kit.KeywordContext;

/**
 * International Bank Account Numbers of every country in the SWIFT registry (Commons Validator's
 * table, see {@link IbanFormats}), in electronic form ({@code DE89370400440532013000}) or print
 * form (groups of four separated by single spaces), any letter case, and masked
 * ({@code DE89 **** **** **** **30 00}).
 *
 * <p>Candidates come from the digit-run index: the two check digits follow two letters, so a run
 * preceded by two letters is looked at, and nothing else (plus, for masked check digits, a run
 * preceded by mask characters). Validation is staged the way {@code IBANValidatorStatus} is:
 * token boundary, country known, length for the country, BBAN format, ISO 7064 mod 97-10. No
 * regex and no allocation per candidate: one small buffer per scan holds the compacted value.
 */
public final class IbanDetector implements Detector {
    public static final String ID = "iban_mod97_v2";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, s -> new IbanDetector(s.keywordDistance()));

    /**
     * Words for a bank account (English, the main European languages, Japanese, Chinese in both
     * scripts, Korean): with one near, an IBAN written in other groups than fours counts too.
     */
    static final Keywords KEYWORDS = Keywords.of(
            "iban", "bank account", "account number", "account no", "acct", "bic", "swift", "sepa", "wire",
            "konto", "kontonummer", "bankverbindung", "bankkonto",
            "rib", "compte", "compte bancaire", "numéro de compte", "coordonnées bancaires",
            "cuenta", "número de cuenta", "numero de cuenta", "cuenta bancaria",
            "conto", "conto corrente", "numero di conto", "conta", "número da conta", "conta bancária",
            "rekening", "rekeningnummer", "rachunek", "numer rachunku", "kontonr", "счет", "счёт", "номер счета",
            "口座", "口座番号", "銀行口座", "振込先",
            "账号", "账户", "帐号", "银行账户", "银行账号", "帳號", "帳戶", "銀行帳戶", "銀行帳號",
            "계좌", "계좌번호", "은행계좌");

    /**
     * One piece of a longer token (a GUID, an id, a path): a letter or digit right before or
     * after, a '-' with an ASCII letter or digit beyond, '.', '/' or ':' with a digit beyond.
     */
    static final Boundary BOUNDARY =
            Boundary.IDENTIFIER;

    /** Confidence of a value that passed format and mod 97: a random string passes 1 in 97. */
    static final double CONFIDENCE_VALID = 0.95;
    static final double CONFIDENCE_MASKED = 0.8;
    /** Fewer hidden characters than this and the value is a broken IBAN, not a masked one. */
    static final int MIN_MASKED = 4;
    /** Below this many characters a known-country candidate is too short to be worth a rejection. */
    static final int MIN_REPORTED = 12;
    /** Longest print form walked back over to find a country code before masked check digits. */
    private static final int MAX_PRINT_SPAN = 34 + 34 / 4;
    private static final int BUFFER = 40;

    private final int keywordDistance;

    IbanDetector(int keywordDistance) {
        this.keywordDistance = keywordDistance;
    }

    IbanDetector() {
        this(DetectorSettings.defaults().keywordDistance());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(EntityType.IBAN);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        String t = text.text();
        char[] buf = null;
        int consumed = 0;
        // Only runs after a letter, a space or a mask char: every reading below starts with one.
        for (int r : text.runsOf(ScanText.ANY_LENGTH, false, 0,
                ScanText.LETTER_BEFORE | ScanText.SPACE_BEFORE | ScanText.MASK_BEFORE)) {
            int s = text.digitRunStart(r);
            if (s < consumed || s < 2) {
                continue;
            }
            int p;
            if (text.digitRunEnd(r) - s >= 2 && Chars.isAsciiLetter(t.charAt(s - 1))
                    && Chars.isAsciiLetter(t.charAt(s - 2))) {
                p = s - 2;
            } else if (text.digitRunEnd(r) - s >= 2 && s >= 3 && t.charAt(s - 1) == ' '
                    && Chars.isAsciiLetter(t.charAt(s - 2)) && Chars.isAsciiLetter(t.charAt(s - 3))) {
                // "DE 89 3704 ...": only the relaxed reading, with a bank word near, can take it
                if (buf == null) {
                    buf = new char[BUFFER];
                }
                consumed = Math.max(consumed, relaxed(text, s - 3, buf, sink));
                continue;
            } else if (Chars.isMaskChar(t.charAt(s - 1))
                    || t.charAt(s - 1) == ' ' && Chars.isMaskChar(t.charAt(s - 2))) {
                p = maskedStart(t, s);
                if (p < consumed) {
                    continue;
                }
            } else {
                continue;
            }
            // O(1) gate before any parsing. Without a known country code the candidate only matters
            // as an UNKNOWN_PREFIX rejection: standalone, and long enough or continuing after the run.
            if (IbanFormats.format(upper(t.charAt(p)), upper(t.charAt(p + 1))) == null) {
                int e = text.digitRunEnd(r);
                boolean continues = e < t.length() && (isBodyChar(t.charAt(e)) || t.charAt(e) == ' ' && e - s == 2);
                if (BOUNDARY.gluedBefore(t, p) || e - p < IbanFormats.MIN_LENGTH && !continues) {
                    continue;
                }
            }
            if (buf == null) {
                buf = new char[BUFFER];
            }
            int relaxedEnd = relaxed(text, p, buf, sink);
            consumed = Math.max(consumed, relaxedEnd > 0 ? relaxedEnd : judge(t, p, buf, sink));
        }
    }

    /**
     * For a digit run after mask characters ({@code DE** **** ... 00}): walks back over masks,
     * spaces and digits to two letters, the country code. Returns its index or -1.
     */
    static int maskedStart(String t, int s) {
        int k = s - 1;
        int limit = Math.max(0, s - MAX_PRINT_SPAN);
        while (k >= limit) {
            char c = t.charAt(k);
            if (!(Chars.isMaskChar(c) || c == ' ' || Chars.isDigit(c))) {
                break;
            }
            k--;
        }
        if (k < 1 || !Chars.isAsciiLetter(t.charAt(k)) || !Chars.isAsciiLetter(t.charAt(k - 1))) {
            return -1;
        }
        return k - 1;
    }

    /**
     * An IBAN written in groups other than the print form's fours, with a bank word near it or a
     * bank field: {@code DE89-3704-0044-0532-0130-00}, {@code DE 89 3704 ...}, the national
     * blocks {@code FR76 30006 00001 12345678901 89}, dots, double spaces. The country's exact
     * length must end at a group end, then format and mod 97 as always. Returns the end of the
     * value judged, or 0 when this reading does not apply (the electronic and the print form are left
     * to {@link #judge}, which says why they fail).
     */
    private int relaxed(ScanText text, int p, char[] buf, FindingSink sink) {
        String t = text.text();
        int n = t.length();
        byte[] format = IbanFormats.format(upper(t.charAt(p)), upper(t.charAt(p + 1)));
        if (format == null || BOUNDARY.gluedBefore(t, p)) {
            return 0;
        }
        int length = format.length;
        int count = 0;
        int j = p;
        boolean standard = true; // groups of four after single spaces so far (or no separator at all)
        int group = 0;
        while (j < n && count < length) {
            char c = t.charAt(j);
            if (Chars.isAsciiLetterOrDigit(c)) {
                buf[count++] = upper(c);
                group++;
                j++;
                continue;
            }
            int sep = j;
            while (j < n && j - sep < 2 && (t.charAt(j) == ' ' || t.charAt(j) == '-' || t.charAt(j) == '.')) {
                j++;
            }
            if (j == sep || j >= n || !Chars.isAsciiLetterOrDigit(t.charAt(j))) {
                return 0; // not a separator, or one that ends the value early
            }
            standard &= j - sep == 1 && t.charAt(sep) == ' ' && group == 4;
            group = 0;
        }
        if (count < length || standard || (j < n && Chars.isAsciiLetterOrDigit(t.charAt(j)))
                || BOUNDARY.gluedAfter(t, j)) {
            return 0; // too short, the usual forms, or the value ends inside a group
        }
        if (!namedAnAccount(text, p, j)) {
            return 0;
        }
        if (!fits(buf, format)) {
            reject(sink, p, j, RejectReason.INVALID_PATTERN);
        } else if (!checksumValid(buf, length)) {
            reject(sink, p, j, RejectReason.INVALID_CHECKSUM);
        } else {
            found(sink, p, j, false);
        }
        return j;
    }

    private boolean namedAnAccount(ScanText text, int start, int end) {
        return new KeywordContext(KEYWORDS, text, keywordDistance).near(start, end);
    }

    /** Judges the candidate starting with a country code at {@code p}; returns where it ends. */
    private static int judge(String t, int p, char[] buf, FindingSink sink) {
        int n = t.length();
        byte[] format = IbanFormats.format(upper(t.charAt(p)), upper(t.charAt(p + 1)));
        int length = format == null ? IbanFormats.MAX_LENGTH : format.length;

        // Shape: the first token, then (print form) groups of four after single spaces.
        int count = 0;
        int j = p;
        while (j < n && count < BUFFER && isBodyChar(t.charAt(j))) {
            char c = t.charAt(j++);
            buf[count] = upper(c);
            count++;
        }
        if (count > IbanFormats.MAX_LENGTH) {
            return j; // a long token (hash, base64) that starts like an IBAN: not a candidate
        }
        boolean print = false;
        boolean longGroup = false;
        if (count == 4 && j + 1 < n && t.charAt(j) == ' ' && isBodyChar(t.charAt(j + 1))) {
            print = true;
            while (count < length && j + 1 < n && t.charAt(j) == ' ' && isBodyChar(t.charAt(j + 1))) {
                int g = j + 1;
                int ge = g;
                while (ge < n && ge - g < 5 && isBodyChar(t.charAt(ge))) {
                    ge++;
                }
                int size = ge - g;
                if (size == 5) { // DE89 370400440532013000: not a print form
                    longGroup = true;
                    while (ge < n && ge - g < BUFFER && isBodyChar(t.charAt(ge))) {
                        ge++;
                    }
                    j = ge;
                    break;
                }
                if (count + size > length && !allDigits(t, g, ge)) {
                    break; // the word after an IBAN, not a fifth group that overshoots
                }
                for (int k = g; k < ge; k++) {
                    buf[count++] = upper(t.charAt(k));
                }
                j = ge;
                if (size < 4) {
                    break;
                }
            }
        }
        int end = j;
        boolean known = format != null;
        boolean reportable = known ? count >= MIN_REPORTED : count >= IbanFormats.MIN_LENGTH;

        if (BOUNDARY.gluedBefore(t, p) || BOUNDARY.gluedAfter(t, end)) {
            if (reportable) {
                reject(sink, p, end, RejectReason.TOKEN_BOUNDARY);
            }
            return end;
        }
        if (longGroup) {
            if (known) {
                reject(sink, p, end, RejectReason.INVALID_GROUPING);
            }
            return end;
        }
        if (!known) {
            if (reportable && count <= IbanFormats.MAX_LENGTH && isCheckChar(buf[2]) && isCheckChar(buf[3])) {
                reject(sink, p, end, RejectReason.UNKNOWN_PREFIX);
            }
            return end;
        }
        if (count != length) {
            if (reportable) {
                // An electronic token with letters glued after a valid IBAN: a boundary problem.
                boolean gluedValid = !print && count > length && Chars.isAsciiLetter(buf[length])
                        && fits(buf, format) && checksumValid(buf, length);
                reject(sink, p, end, gluedValid ? RejectReason.TOKEN_BOUNDARY : RejectReason.INVALID_LENGTH);
            }
            return end;
        }
        // Masks: '*', '#', '•' hide characters; 'X' does too unless it is one of those letters
        // that validate as written. Masked means one hidden stretch of at least MIN_MASKED
        // characters after the country code, and the visible rest in the country's format.
        if (hasSymbolMask(buf, length)) {
            if (maskedStretch(buf, length, false) && fitsMasked(buf, format, false)) {
                found(sink, p, end, true);
            } else {
                reject(sink, p, end, RejectReason.INVALID_PATTERN);
            }
            return end;
        }
        if (maskedStretch(buf, length, true) && !(fits(buf, format) && checksumValid(buf, length))
                && fitsMasked(buf, format, true)) {
            found(sink, p, end, true);
            return end;
        }
        if (!fits(buf, format)) {
            reject(sink, p, end, RejectReason.INVALID_PATTERN);
            return end;
        }
        if (!checksumValid(buf, length)) {
            reject(sink, p, end, RejectReason.INVALID_CHECKSUM);
            return end;
        }
        found(sink, p, end, false);
        return end;
    }

    private static void found(FindingSink sink, int start, int end, boolean masked) {
        sink.found(new Finding(EntityType.IBAN, start, end, ID, masked ? CONFIDENCE_MASKED : CONFIDENCE_VALID,
                masked, false));
    }

    /** Each character of the compacted value is of its position's class (letters upper-cased). */
    static boolean fits(char[] buf, byte[] format) {
        for (int i = 0; i < format.length; i++) {
            if (!fitsClass(buf[i], format[i])) {
                return false;
            }
        }
        return true;
    }

    /** As {@link #fits}, mask characters standing for anything after the country code. */
    private static boolean fitsMasked(char[] buf, byte[] format, boolean letterX) {
        for (int i = 2; i < format.length; i++) {
            if (!isMask(buf[i], letterX) && !fitsClass(buf[i], format[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSymbolMask(char[] buf, int length) {
        for (int i = 2; i < length; i++) {
            if (isMask(buf[i], false)) {
                return true;
            }
        }
        return false;
    }

    /** The masks after the country code form one stretch of at least MIN_MASKED characters. */
    private static boolean maskedStretch(char[] buf, int length, boolean letterX) {
        int first = -1;
        int last = -1;
        int masks = 0;
        for (int i = 2; i < length; i++) {
            if (isMask(buf[i], letterX)) {
                first = first < 0 ? i : first;
                last = i;
                masks++;
            }
        }
        return masks >= MIN_MASKED && last - first + 1 == masks;
    }

    /** A mask character of the upper-cased buffer: symbols always, 'X' only when asked. */
    private static boolean isMask(char c, boolean letterX) {
        return c == 'X' ? letterX : Chars.isMaskChar(c);
    }

    private static boolean fitsClass(char c, byte cls) {
        boolean digit = Chars.isDigit(c);
        boolean letter = c >= 'A' && c <= 'Z';
        switch (cls) {
            case IbanFormats.DIGIT:
                return digit;
            case IbanFormats.LETTER:
                return letter;
            default:
                return digit || letter;
        }
    }

    /**
     * ISO 7064 mod 97-10 ({@link Checks#mod97}) over the first {@code length} characters of the
     * compacted value, its first four moved to the end. Check digits 00, 01 and 99 are never issued
     * (00 and 01 are 97 and 98 in disguise, 99 is 2). No BigInteger, no String.
     */
    static boolean checksumValid(char[] buf, int length) {
        int check = (buf[2] - '0') * 10 + (buf[3] - '0');
        if (check < 2 || check > 98) {
            return false;
        }
        return Checks.mod97(CharBuffer.wrap(buf), 0, length, 4);
    }

    private static boolean isBodyChar(char c) {
        return Chars.isAsciiLetterOrDigit(c) || Chars.isMaskChar(c);
    }

    private static boolean isCheckChar(char c) {
        return Chars.isDigit(c) || Chars.isMaskChar(c);
    }

    private static boolean allDigits(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Chars.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }

    private static void reject(FindingSink sink, int start, int end, RejectReason reason) {
        sink.rejected(EntityType.IBAN, start, end, ID, reason);
    }
}
