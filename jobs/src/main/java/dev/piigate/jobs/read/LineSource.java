package dev.piigate.jobs.read;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines in bounded pieces: a line is never held beyond the room the caller gives, so a
 * 10 GB line without a newline costs one chunk of memory. Line ends are {@code \n}, {@code \r\n}
 * and a lone {@code \r}; a last line without an end still counts, a final line end does not
 * start another line.
 */
final class LineSource {
    /** What {@link #fill} stopped at. */
    enum Stop {
        /** The current line ended (its end is consumed, not copied). */
        LINE_END,
        /** The buffer reached its room; the line goes on. */
        FULL,
        /** No more input, and no line was in progress. */
        NO_MORE
    }

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private boolean inLine;

    LineSource(Reader in) {
        this.in = in;
    }

    /** Appends characters of the current line to {@code out} until its line ends or {@code out.length() == room}. */
    Stop fill(StringBuilder out, int room) throws IOException {
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (inLine) {
                        inLine = false;
                        return Stop.LINE_END;
                    }
                    return Stop.NO_MORE;
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            inLine = true;
            int start = position;
            while (position < limit && out.length() + (position - start) < room) {
                char c = buffer[position];
                if (c == '\n' || c == '\r') {
                    out.append(buffer, start, position - start);
                    position++;
                    skipLineFeed = c == '\r';
                    inLine = false;
                    return Stop.LINE_END;
                }
                position++;
            }
            out.append(buffer, start, position - start);
            if (out.length() >= room) {
                return Stop.FULL;
            }
        }
    }
}
