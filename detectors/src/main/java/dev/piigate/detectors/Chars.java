package dev.piigate.detectors;

/**
 * Character classes shared by detectors. Values are ASCII once {@link ScanText} has folded digits
 * and punctuation; what surrounds them may be in any script.
 */
public final class Chars {
    /** Eight bytes of a byte array as a long, the first in the low byte: eight Latin-1 chars at a time. */
    static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class,
            java.nio.ByteOrder.LITTLE_ENDIAN);
    /** Bit 7 of each byte of a long. */
    static final long HIGH = 0x8080808080808080L;
    /** Bit 0 of each byte of a long to bit 56 + the byte's index: the eight bytes' bits as one byte. */
    static final long GATHER = 0x0102040810204080L;

    private Chars() {}

    /**
     * Bit 7 of each byte of {@code x} (eight chars, one byte each) set where the byte is an ASCII
     * letter. Per byte of the folded value, bit 7 of (b + 0x1F) says b >= 'a', of (b + 0x05) b >= '{';
     * no carry crosses a byte.
     */
    static long asciiLetters(long x) {
        long folded = x & ~HIGH | 0x2020202020202020L;
        return (folded + 0x1F1F1F1F1F1F1F1FL) & ~(folded + 0x0505050505050505L) & ~x & HIGH;
    }

    /** Bit 7 of each byte of {@code x} that is a lower-case ASCII letter, given {@code letters = asciiLetters(x)}. */
    static long lowerCaseLetters(long x, long letters) {
        return letters & (x << 2); // bit 5 of a byte (lower case) moved to its bit 7
    }

    /**
     * Bit 7 of each byte of {@code x} where a word starts: an ASCII letter after a byte that is
     * none, or an upper-case letter after a lower-case one (a camelCase step). {@code letters} is
     * {@code asciiLetters(x)}; {@code letterBefore} and {@code lowerBefore} are 0x80 if the byte
     * before {@code x}'s first is a letter, a lower-case one, else 0.
     */
    static long wordStarts(long x, long letters, long letterBefore, long lowerBefore) {
        long upperCase = letters & ~(x << 2);
        return letters & (~(letters << 8 | letterBefore) | upperCase & (lowerCaseLetters(x, letters) << 8 | lowerBefore));
    }

    /** The bit 7s of the eight bytes of {@code bits} as eight bits, byte k's at bit k. */
    static long gatherHigh(long bits) {
        return (bits >>> 7) * GATHER >>> 56;
    }

    /** Not a letter or digit: never glues. */
    private static final byte NONE = 0;
    /** ASCII letters and digits, '_', Latin-script letters, digits of any script: what values are made of. */
    private static final byte LATIN = 1;
    /**
     * Han, Hiragana, Katakana, Hangul, Bopomofo, and letters of no particular script (the Katakana
     * prolonged sound mark): written without spaces and mixed freely within a word.
     */
    private static final byte CJK = 2;

    /**
     * The script class of every BMP char: {@link #NONE}, {@link #LATIN}, {@link #CJK}, or 3 and
     * up for another script (Cyrillic, Thai, Arabic...). Two letters or digits of different
     * classes are not one word: a change of script is a token boundary. One load per char on the
     * hot path; built once from {@link Character.UnicodeScript}.
     */
    private static final byte[] SCRIPT = new byte[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            SCRIPT[c] = classify((char) c);
        }
    }

    private static byte classify(char c) {
        if (c < 0x80) {
            return isAsciiLetterOrDigit(c) || c == '_' ? LATIN : NONE;
        }
        if (Character.isDigit(c)) {
            return LATIN; // folded to ASCII digits by ScanText
        }
        if (!Character.isLetterOrDigit(c)) {
            return NONE;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        switch (script) {
            case LATIN:
                return LATIN;
            case HAN, HIRAGANA, KATAKANA, HANGUL, BOPOMOFO, COMMON, INHERITED:
                return CJK;
            default:
                return (byte) (3 + script.ordinal()); // fewer than 253 scripts: fits in a byte
        }
    }

    public static boolean isDigit(char c) {
        return (char) (c - '0') < 10;
    }

    public static boolean isAsciiLetter(char c) {
        return (char) ((c | 0x20) - 'a') < 26;
    }

    public static boolean isAsciiLetterOrDigit(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }

    /**
     * A char that glues to a value made of ASCII letters and digits (every value but an e-mail
     * address): a letter or digit of the Latin script, or '_'. A letter of another script next to
     * a value is a change of script, a boundary: {@code カード番号は4550112159504165です}.
     */
    public static boolean isWordChar(char c) {
        return SCRIPT[c] == LATIN;
    }

    /**
     * Whether {@code outside}, next to a span whose edge char is {@code edge}, makes the span part
     * of a longer word: a letter or digit of the same script class as the edge; if the edge is
     * punctuation ('+' or '(' of a phone number), a Latin letter or digit, as for any ASCII value.
     */
    public static boolean glues(char outside, char edge) {
        byte s = SCRIPT[outside];
        byte e = SCRIPT[edge];
        return s != NONE && s == (e == NONE ? LATIN : e);
    }

    /** Both letters or digits, of different scripts: a word boundary with no space ({@code 番号は4550}). */
    public static boolean isScriptChange(char a, char b) {
        byte s = SCRIPT[a];
        byte t = SCRIPT[b];
        return s != NONE && t != NONE && s != t;
    }

    /** Letters of scripts written without spaces: a keyword in them is found as a substring. */
    static boolean isUnspacedScript(char c) {
        return SCRIPT[c] == CJK;
    }

    /** Characters that stand for a hidden digit or letter in a masked value. */
    public static boolean isMaskChar(char c) {
        // A table for ASCII: asked about the chars around every digit run, where a chain of
        // compares mispredicts on PII text.
        return c < 128 ? (MASK_GATE[c] & GATE_MASK) != 0 : c == '\u2022' || c == '\u25CF';
    }

    /** Bits of {@link #MASK_GATE}: a mask char; a char {@link #maskCharBefore} reads on over. */
    private static final byte GATE_MASK = 1;
    private static final byte GATE_GAP = 2;
    private static final byte[] MASK_GATE = new byte[128];

    static {
        for (char c : "*Xx#".toCharArray()) {
            MASK_GATE[c] = GATE_MASK;
        }
        for (char c : "0123456789- .".toCharArray()) {
            MASK_GATE[c] = GATE_GAP;
        }
    }

    /** Chars looked back over from a digit run for a mask char: the shown digits and separators of a tail. */
    public static final int MASK_GATE_CHARS = 6;

    /**
     * Whether the digit run starting at {@code s} may end a masked value: a mask char within
     * {@link #MASK_GATE_CHARS} chars before it, with only digits and separators ('-', ' ', '.')
     * between ({@code ***-**6-782}); an {@code x} or {@code X} not after a letter or digit that is no
     * mask char. Dates, times, addresses and hex numbers ({@code 2024-03-05}, {@code 10.0.12.7},
     * {@code 0x7f}) stop here. {@link ScanText#maskCharBefore} keeps the answer per run.
     */
    public static boolean maskCharBefore(CharSequence t, int s) {
        int stop = Math.max(0, s - MASK_GATE_CHARS);
        for (int i = s - 1; i >= stop; i--) {
            char c = t.charAt(i);
            int gate = c < 128 ? MASK_GATE[c] : isMaskChar(c) ? GATE_MASK : 0;
            if (gate == GATE_MASK) {
                // An x is a letter too: after a letter or digit it is a hex prefix (0x7f), a size
                // (1920x1080) or a word; a mask x follows another mask char or a separator (xx-x6).
                return (c != 'x' && c != 'X') || i == 0 || isMaskChar(t.charAt(i - 1))
                        || !Character.isLetterOrDigit(t.charAt(i - 1));
            }
            if (gate == 0) { // not a digit, '-', ' ' or '.'
                return false;
            }
        }
        return false;
    }

    /**
     * True if the char before {@code start} and the char at {@code end} do not glue to the span's
     * edge chars: not letters or digits, or of another script.
     */
    public static boolean isStandalone(CharSequence text, int start, int end) {
        return (start == 0 || start >= text.length() || !glues(text.charAt(start - 1), text.charAt(start)))
                && (end >= text.length() || end == 0 || !glues(text.charAt(end), text.charAt(end - 1)));
    }
}
