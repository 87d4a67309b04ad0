package dev.piigate.jobs.read;

import java.io.IOException;

/**
 * The lines of an armored private key block ({@code -----BEGIN ... PRIVATE KEY-----} to its END
 * line, a PGP private key block, a PuTTY key file to its {@code Private-MAC} line) read as one
 * text, so a plain-text object that holds a key file gives the key detector the whole block, as a
 * JSON string or a document does. One record per line would show it a BEGIN line and body lines
 * apart, none of them a key on its own.
 *
 * <p>Bounded: at most {@link #MAX_LINES} lines and the reader's room; a block that never ends
 * stops there and the lines after it are records again.
 */
final class KeyBlockLines {
    /** A 16384-bit RSA key in PEM is about 200 lines; a PGP secret key block with subkeys about 250. */
    static final int MAX_LINES = 400;

    private KeyBlockLines() {}

    /** What {@link #join} did: lines appended after the first; whether a line too long for the room cut it. */
    record Joined(int linesAdded, boolean cutByLongLine) {}

    static boolean opens(CharSequence line) {
        String s = line.toString();
        int begin = s.indexOf("-----BEGIN ");
        if (begin >= 0) {
            return s.indexOf("PRIVATE KEY", begin) >= 0;
        }
        return s.contains("PuTTY-User-Key-File-");
    }

    private static boolean closes(CharSequence line) {
        String s = line.toString();
        return s.contains("-----END ") || s.stripLeading().startsWith("Private-MAC:");
    }

    /**
     * Appends the block's following lines to {@code buffer}, each after a '\n', through its closing
     * line. If a line does not fit in {@code room}, the part that fits is appended and the reader
     * stays in that line: the caller delivers the rest as a long line of the same record.
     */
    static Joined join(LineSource lines, StringBuilder buffer, int room) throws IOException {
        if (closes(buffer.substring(buffer.indexOf("-----BEGIN ") + 1))) {
            return new Joined(0, false); // BEGIN and END on one line: a block already whole
        }
        StringBuilder line = new StringBuilder();
        for (int added = 0; added < MAX_LINES; ) {
            int left = room - buffer.length() - 1;
            if (left <= 0) {
                return new Joined(added, false);
            }
            line.setLength(0);
            LineSource.Stop stop = lines.fill(line, left);
            if (stop == LineSource.Stop.NO_MORE) {
                return new Joined(added, false);
            }
            buffer.append('\n').append(line);
            added++;
            if (stop == LineSource.Stop.FULL) {
                return new Joined(added, true);
            }
            if (closes(line)) {
                return new Joined(added, false);
            }
        }
        return new Joined(MAX_LINES, false);
    }
}
