package dev.piigate.jobs.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.piigate.jobs.report.Report;

/**
 * One line of a ledger part: {@code {"sha256":"<64 hex>","entry":<entry JSON>}}, the digest taken
 * over the entry's JSON text exactly as written. A line whose digest does not match its entry (a
 * flipped byte, a line cut short) is never read as a result: the digest is checked on the text, not
 * on a re-serialisation, so any change to the bytes shows.
 */
public final class EntryLine {
    private static final String HEAD = "{\"sha256\":\"";
    private static final String MIDDLE = "\",\"entry\":";
    private static final int DIGEST_HEX = 64;

    private EntryLine() {}

    /** The line for an entry's JSON text (one line: the JSON holds no raw line break). */
    public static String frame(String entryJson) {
        if (entryJson.indexOf('\n') >= 0 || entryJson.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an entry is one line");
        }
        return HEAD + sha256Hex(entryJson) + MIDDLE + entryJson + "}";
    }

    private static final byte[] HEAD_BYTES = HEAD.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE_BYTES = MIDDLE.getBytes(StandardCharsets.US_ASCII);

    /**
     * The entry's JSON (UTF-8) of a line ({@code length} bytes of {@code line} from 0) whose digest
     * matches, or null for a damaged line. The digest is checked on the bytes the writer hashed,
     * with no decoding in between.
     */
    public static byte[] entry(byte[] line, int length) {
        int from = HEAD_BYTES.length + DIGEST_HEX + MIDDLE_BYTES.length;
        if (length < from + 3 || line[length - 1] != '}'
                || !Arrays.equals(line, 0, HEAD_BYTES.length, HEAD_BYTES, 0, HEAD_BYTES.length)
                || !Arrays.equals(line, HEAD_BYTES.length + DIGEST_HEX, from, MIDDLE_BYTES, 0, MIDDLE_BYTES.length)) {
            return null;
        }
        byte[] entry = Arrays.copyOfRange(line, from, length - 1);
        byte[] digest = Report.sha256Hex(entry).getBytes(StandardCharsets.US_ASCII);
        return Arrays.equals(line, HEAD_BYTES.length, HEAD_BYTES.length + DIGEST_HEX, digest, 0, DIGEST_HEX)
                ? entry : null;
    }

    static String sha256Hex(String text) {
        return Report.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
