package dev.piigate.jobs.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

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

    /** The entry's JSON text of a line whose digest matches, or null for a damaged line. */
    public static String entry(String line) {
        if (line == null || !line.startsWith(HEAD) || !line.endsWith("}")
                || line.length() < HEAD.length() + DIGEST_HEX + MIDDLE.length() + 3) {
            return null;
        }
        String digest = line.substring(HEAD.length(), HEAD.length() + DIGEST_HEX);
        if (!line.startsWith(MIDDLE, HEAD.length() + DIGEST_HEX)) {
            return null;
        }
        String entry = line.substring(HEAD.length() + DIGEST_HEX + MIDDLE.length(), line.length() - 1);
        return MessageDigest.isEqual(digest.getBytes(StandardCharsets.US_ASCII),
                sha256Hex(entry).getBytes(StandardCharsets.US_ASCII)) ? entry : null;
    }

    static String sha256Hex(String text) {
        return Report.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
