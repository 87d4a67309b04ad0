package dev.piigate.jobs.read;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;

/**
 * Which charset a text object is in, or that it is not text, decided on its first
 * {@value #SAMPLE_BYTES} bytes (after decompression). In order:
 * <ol>
 * <li>a byte order mark (UTF-8, UTF-16 and UTF-32, either byte order);</li>
 * <li>NUL bytes: UTF-32 or UTF-16 when they fall where those put the zero half of ASCII
 * characters, else binary;</li>
 * <li>UTF-8, when the sample is valid UTF-8 or mostly is (more valid multi-byte characters than
 * bad sequences, at most 1% bad counted over at least a window): a few bad bytes in UTF-8 text
 * are replaced, and the text is read as UTF-8;</li>
 * <li>the statistical detector Tika ships (its port of ICU's {@code CharsetDetector}), when
 * it has at least {@value #MIN_EVIDENCE} non-ASCII bytes to go on and is confident
 * ({@value #CONFIDENT}): Shift_JIS, GB18030, Big5, EUC-KR, EUC-JP, the Windows and
 * ISO-8859 single-byte sets, EBCDIC, each read as its Java superset (windows-31j,
 * x-windows-949, Big5-HKSCS, windows-1252 for ISO-8859-1);</li>
 * <li>UTF-16 without a byte order mark and without NUL bytes (text with no ASCII in its
 * sample, such as Chinese): the byte order that decodes cleanly when the other does not;</li>
 * <li>UTF-8 again when its bad bytes are few (1% counted over at least a window, and at most
 * 10% of a short sample), read by
 * {@link Inputs.Utf8Reader}, which keeps a stray no-break space or dash as what it is;</li>
 * <li>the detector's less confident guesses.</li>
 * </ol>
 * Every candidate must decode the sample <em>cleanly</em>: at most 1% of its characters
 * {@linkplain #isBad bad} (undecodable, control characters, unassigned or private-use code
 * points). Text is never that noisy in its own charset; compressed or random bytes always are,
 * in every charset. When no candidate is clean, the object is not text: binary, compressed with
 * an unknown method, or an encoding we cannot read. {@link Inputs.CheckedReader} holds the whole object
 * to the same rule as it is read, window by window, so a blob later in the file is caught too.
 */
final class TextEncoding {
    /** Bytes read ahead to decide; also what a binary blob must not hide in. */
    static final int SAMPLE_BYTES = 64 * 1024;
    /** Bytes given to the statistical detector (it needs far fewer than the sample). */
    private static final int DETECTOR_BYTES = 16 * 1024;
    /**
     * The detector's confidence from which its guess beats reading as UTF-8 with a few bad bytes:
     * a few lines of prose in a single-byte charset score 65-85; ASCII with three stray bytes
     * (the corrupted UTF-8 of HostileCorpusTest's bad-utf8.txt) about 50.
     */
    static final int CONFIDENT = 60;
    /** Fewer non-ASCII bytes than this are too little for the detector to go on (it may be sure all the same). */
    static final int MIN_EVIDENCE = 32;
    /** Characters per window of {@link Inputs.CheckedReader}. */
    static final int WINDOW_CHARS = 4096;
    /** Bad characters a window may hold: 1%. */
    static final int MAX_BAD_PER_WINDOW = WINDOW_CHARS / 100;
    /**
     * More bad characters than this within {@link #BURST_SPAN} are a blob, however short: random
     * bytes decode to about 60% bad characters in any charset; dense accented text read in the
     * wrong charset (a Polish pangram in ISO-8859-2 read as UTF-8: 9 in 16) stays at or below.
     */
    static final int BURST_BAD = 9;
    static final int BURST_SPAN = 16;

    /** The Java charset to decode with for a detector's name: the superset Windows and the web use. */
    private static final Map<String, String> DECODE_AS = Map.of(
            "shift_jis", "windows-31j",
            "euc-kr", "x-windows-949",
            "big5", "Big5-HKSCS",
            "gb2312", "GB18030",
            "gbk", "GB18030",
            "iso-8859-1", "windows-1252",
            "us-ascii", "UTF-8");

    private TextEncoding() {
    }

    /** What the sample says. */
    sealed interface Verdict permits Text, NotText {
    }

    /** Text in {@code charset}, whose first {@code bomBytes} bytes are a byte order mark to skip. */
    record Text(Charset charset, int bomBytes) implements Verdict {
    }

    /** Not text that can be read; {@code detail} is ours, never content. */
    record NotText(String detail) implements Verdict {
    }

    /** One decoding of the sample: characters, bad ones, bad input sequences, non-ASCII characters. */
    record Decoded(int chars, int bad, int malformed, int nonAscii) {
        boolean clean() {
            return bad * 100L <= chars;
        }

        int percentBad() {
            return chars == 0 ? 0 : (int) Math.min(100, (bad * 100L + chars - 1) / chars);
        }
    }

    /**
     * @param whole whether the sample is the whole object (a multi-byte character cut at the
     *              sample's end is then bad, else it is the next read's)
     */
    static Verdict detect(byte[] b, int n, boolean whole) {
        if (n == 0) {
            return new Text(StandardCharsets.UTF_8, 0);
        }
        if (n >= 2 && b[0] == 0x1f && b[1] == (byte) 0x8b) {
            return new NotText("compressed data inside compressed data (gzip magic in the decompressed bytes)");
        }
        Verdict bom = byteOrderMark(b, n, whole);
        if (bom != null) {
            return bom;
        }
        int firstNul = indexOfNul(b, n);
        if (firstNul >= 0) {
            Charset wide = wideByNulPattern(b, n);
            if (wide != null && decode(b, 0, n, wide, whole).clean()) {
                return new Text(wide, 0);
            }
            String magic = knownMagic(b, n);
            return new NotText("binary content, not text: NUL byte at byte " + firstNul
                    + (magic == null ? "" : " (" + magic + ")"));
        }
        Decoded utf8 = decode(b, 0, n, StandardCharsets.UTF_8, whole);
        if (utf8.malformed() == 0 ? utf8.clean() : mostlyUtf8(utf8)) {
            return new Text(StandardCharsets.UTF_8, 0);
        }
        boolean utf8Tolerable = utf8.bad() * 100L <= Math.max(utf8.chars(), WINDOW_CHARS)
                && utf8.bad() * 10L <= utf8.chars();
        if (utf8Tolerable && highBytes(b, n) < MIN_EVIDENCE) {
            // Too few non-ASCII bytes for a statistical guess: read as UTF-8 (see below).
            return new Text(StandardCharsets.UTF_8, 0);
        }
        Decoded best = utf8;
        String bestName = "UTF-8";
        List<Guess> guesses = detected(b, n);
        List<Charset> cleanButUnsure = new ArrayList<>();
        for (Guess guess : guesses) {
            Decoded d = decode(b, 0, n, guess.charset(), whole);
            if (d.clean()) {
                if (guess.confidence() >= CONFIDENT) {
                    return new Text(guess.charset(), 0);
                }
                cleanButUnsure.add(guess.charset());
            } else if (d.bad() * (long) best.chars() < (long) best.bad() * d.chars()) {
                best = d;
                bestName = guess.charset().name();
            }
        }
        Charset utf16 = utf16WithoutNul(b, n, whole);
        if (utf16 != null) {
            return new Text(utf16, 0);
        }
        // Mostly ASCII with a few bytes that are not UTF-8, and no confident guess: a few bad bytes
        // in UTF-8 text. Read as UTF-8 they are U+FFFD, never letters glued to a number beside them
        // (which would hide it); the UTF-8 reader keeps a byte that is a separator in Windows-1252
        // (a no-break space, a dash) as that separator.
        if (utf8Tolerable) {
            return new Text(StandardCharsets.UTF_8, 0);
        }
        if (!cleanButUnsure.isEmpty()) {
            return new Text(cleanButUnsure.get(0), 0);
        }
        String magic = knownMagic(b, n);
        return new NotText("binary content or text in an unknown encoding" + (magic == null ? "" : " (" + magic + ")")
                + ": " + best.percentBad() + "% of the first " + n + " bytes undecodable or control characters as "
                + bestName);
    }

    /**
     * UTF-8 with a few bad bytes: more valid multi-byte characters than bad sequences (text in
     * another charset rarely forms valid UTF-8 sequences), and no more bad characters than
     * {@link Inputs.CheckedReader} allows in a window (1%, counted on at least a window's length, so a
     * short file may have a few).
     */
    private static boolean mostlyUtf8(Decoded utf8) {
        return utf8.nonAscii() > utf8.malformed()
                && utf8.bad() * 100L <= Math.max(utf8.chars(), WINDOW_CHARS);
    }

    private static Verdict byteOrderMark(byte[] b, int n, boolean whole) {
        Charset charset = null;
        int length = 0;
        if (n >= 4 && b[0] == (byte) 0xFF && b[1] == (byte) 0xFE && b[2] == 0 && b[3] == 0) {
            charset = Charset.forName("UTF-32LE");
            length = 4;
        } else if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == (byte) 0xFE && b[3] == (byte) 0xFF) {
            charset = Charset.forName("UTF-32BE");
            length = 4;
        } else if (n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            charset = StandardCharsets.UTF_8;
            length = 3;
        } else if (n >= 2 && b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            length = 2;
        } else if (n >= 2 && b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            length = 2;
        }
        if (charset == null) {
            return null;
        }
        Decoded d = decode(b, length, n - length, charset, whole);
        if (!d.clean()) {
            return new NotText("starts with the byte order mark of " + charset.name() + " but " + d.percentBad()
                    + "% of the first " + n + " bytes are undecodable or control characters as " + charset.name());
        }
        return new Text(charset, length);
    }

    private static int highBytes(byte[] b, int n) {
        int high = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] < 0) {
                high++;
            }
        }
        return high;
    }

    private static int indexOfNul(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * UTF-32 or UTF-16 from where the NUL bytes are: ASCII and Latin text in UTF-16LE has a zero
     * at every odd byte, in UTF-16BE at every even byte; UTF-32 has two or three per character.
     * The byte order cannot be left to decoding: ASCII read in the wrong order is CJK ideographs,
     * as clean as the right order.
     */
    private static Charset wideByNulPattern(byte[] b, int n) {
        int[] zeros = new int[4];
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                zeros[i & 3]++;
            }
        }
        int units = n / 4;
        if (units > 0 && zeros[2] >= units * 9 / 10 && zeros[3] >= units * 9 / 10) {
            return Charset.forName("UTF-32LE");
        }
        if (units > 0 && zeros[0] >= units * 9 / 10 && zeros[1] >= units * 9 / 10) {
            return Charset.forName("UTF-32BE");
        }
        int even = zeros[0] + zeros[2];
        int odd = zeros[1] + zeros[3];
        if (odd > 3 * even) {
            return StandardCharsets.UTF_16LE;
        }
        if (even > 3 * odd) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** A charset the statistical detector proposes, with its confidence (0-100). */
    record Guess(Charset charset, int confidence) {
    }

    /** The statistical detector's candidates, best first, as Java charsets; UTF-16/32 are decided above. */
    private static List<Guess> detected(byte[] b, int n) {
        List<Guess> out = new ArrayList<>();
        CharsetMatch[] matches;
        try {
            CharsetDetector detector = new CharsetDetector();
            detector.setText(Arrays.copyOf(b, Math.min(n, DETECTOR_BYTES)));
            matches = detector.detectAll();
        } catch (RuntimeException e) {
            return out; // no guess: the remaining rules decide
        }
        List<Charset> seen = new ArrayList<>();
        for (CharsetMatch m : matches) {
            String name = m.getName().toLowerCase(Locale.ROOT);
            if (name.startsWith("utf-16") || name.startsWith("utf-32") || name.startsWith("iso-2022")) {
                continue;
            }
            try {
                Charset charset = Charset.forName(DECODE_AS.getOrDefault(name, m.getName()));
                if (!seen.contains(charset) && !charset.equals(StandardCharsets.UTF_8)) {
                    seen.add(charset);
                    out.add(new Guess(charset, m.getConfidence()));
                }
            } catch (IllegalArgumentException e) {
                // A name this JVM has no decoder for (IBM420_ltr): not a candidate.
            }
        }
        return out;
    }

    /**
     * UTF-16 text with no ASCII in the sample has no NUL byte. The right byte order decodes to
     * assigned characters; the wrong one to code points all over the table, many unassigned,
     * private-use or unpaired surrogates.
     */
    private static Charset utf16WithoutNul(byte[] b, int n, boolean whole) {
        if (n < 64) {
            return null;
        }
        Decoded le = decode(b, 0, n, StandardCharsets.UTF_16LE, whole);
        Decoded be = decode(b, 0, n, StandardCharsets.UTF_16BE, whole);
        if (le.clean() && be.percentBad() > 5) {
            return StandardCharsets.UTF_16LE;
        }
        if (be.clean() && le.percentBad() > 5) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** Names a compression or archive format by its magic bytes, for the detail only. */
    private static String knownMagic(byte[] b, int n) {
        if (n >= 2 && b[0] == 0x78 && (b[1] == 0x01 || b[1] == 0x5E || b[1] == (byte) 0x9C || b[1] == (byte) 0xDA)) {
            return "starts like a zlib stream";
        }
        if (n >= 3 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h') {
            return "starts like a bzip2 stream";
        }
        if (n >= 6 && b[0] == (byte) 0xFD && b[1] == '7' && b[2] == 'z' && b[3] == 'X' && b[4] == 'Z' && b[5] == 0) {
            return "starts like an xz stream";
        }
        if (n >= 4 && b[0] == 0x28 && b[1] == (byte) 0xB5 && b[2] == 0x2F && b[3] == (byte) 0xFD) {
            return "starts like a zstd frame";
        }
        if (n >= 4 && b[0] == 0x04 && b[1] == 0x22 && b[2] == 0x4D && b[3] == 0x18) {
            return "starts like an lz4 frame";
        }
        if (n >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
            return "starts like a zip archive";
        }
        return null;
    }

    /**
     * Not text: a character a decoder put in place of bytes it could not read (U+FFFD), a control
     * character other than tab, line and page breaks, backspace and escape (ANSI colours in logs),
     * DEL, a C1 control, or an unassigned or private-use code point.
     */
    static boolean isBad(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return false;
        }
        if (c < 0x20) {
            return c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x0B && c != 0x1B && c != 0x08;
        }
        if (c <= 0x9F) {
            return true; // DEL and C1
        }
        if (c == 0xFFFD) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
    }

    /** Decodes {@code n} bytes at {@code off}, counting bad sequences and characters. */
    static Decoded decode(byte[] b, int off, int n, Charset charset, boolean whole) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, off, n);
        CharBuffer out = CharBuffer.allocate(4096);
        int chars = 0;
        int bad = 0;
        int malformed = 0;
        int nonAscii = 0;
        while (true) {
            CoderResult r = decoder.decode(in, out, whole);
            out.flip();
            chars += out.remaining();
            while (out.hasRemaining()) {
                char c = out.get();
                if (c >= 0x80) {
                    nonAscii++;
                }
                if (isBad(c)) {
                    bad++;
                }
            }
            out.clear();
            if (r.isError()) {
                malformed++;
                bad++;
                chars++; // the replacement a reader would put there
                in.position(Math.min(in.limit(), in.position() + r.length()));
            } else if (r.isUnderflow()) {
                break;
            }
        }
        if (whole) {
            decoder.flush(out);
        }
        return new Decoded(chars, bad, malformed, nonAscii);
    }
}
