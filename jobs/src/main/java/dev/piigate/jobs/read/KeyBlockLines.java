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
    private static final String MAC = "Private-MAC:";

    private KeyBlockLines() {}

    /**
     * Where the lines after a BEGIN line come from, as {@link LineSource#fill(StringBuilder, int)}
     * gives them: the scan's decoded text, or the rewriter's raw lines ({@link TextRewriter}), so
     * both join the same lines into one record.
     */
    interface Lines {
        LineSource.Stop fill(StringBuilder out, int room) throws IOException;
    }

    /** What {@link #join} did: lines appended after the first; whether a line too long for the room cut it. */
    record Joined(int linesAdded, boolean cutByLongLine) {}

    /** Asked of every line of a text object: searched in place, no copy of the line. */
    static boolean opens(StringBuilder line) {
        int begin = line.indexOf("-----BEGIN ");
        if (begin >= 0) {
            return line.indexOf("PRIVATE KEY", begin) >= 0;
        }
        return line.indexOf("PuTTY-User-Key-File-") >= 0;
    }

    /** The END line of an armored block, or a PuTTY file's last line; from {@code from} on. */
    private static boolean closes(StringBuilder line, int from) {
        if (line.indexOf("-----END ", from) >= 0) {
            return true;
        }
        int i = from;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return line.length() - i >= MAC.length() && MAC.contentEquals(line.subSequence(i, i + MAC.length()));
    }

    /**
     * Appends the block's following lines to {@code buffer}, each after a '\n', through its closing
     * line. If a line does not fit in {@code room}, the part that fits is appended and the reader
     * stays in that line: the caller delivers the rest as a long line of the same record.
     */
    static Joined join(LineSource lines, StringBuilder buffer, int room) throws IOException {
        return join((Lines) lines::fill, buffer, room);
    }

    /** As {@link #join(LineSource, StringBuilder, int)}, the lines from {@code lines}. */
    static Joined join(Lines lines, StringBuilder buffer, int room) throws IOException {
        if (closes(buffer, buffer.indexOf("-----BEGIN ") + 1)) {
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
            if (closes(line, 0)) {
                return new Joined(added, false);
            }
        }
        return new Joined(MAX_LINES, false);
    }
}
