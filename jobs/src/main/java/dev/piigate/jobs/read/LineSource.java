package dev.piigate.jobs.read;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.function.LongConsumer;

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
    /** {@link #fill} found no more input (not merely the end of a last line without a line break). */
    private boolean ended;

    LineSource(Reader in) {
        this.in = in;
    }

    /** What a line-per-record reader does with a line that fits in the room; its record is open. */
    interface LineHandler {
        void line(long index, StringBuilder line) throws IOException;
    }

    /** Opens the text to read: the whole object, or one split of it ({@link Inputs#openTextRange}). */
    interface TextOpener {
        Reader open() throws IOException;
    }

    /** What reads the lines of one opened text; returns null when it read them all. */
    private interface Lines {
        ReadResult readAll(LineSource lines) throws IOException;
    }

    /**
     * Opens the text and reads its lines: an unsupported codec or undecodable bytes end it with
     * their result (a record left open is closed first), as for every line-per-record reader.
     */
    private static ReadResult read(TextOpener opener, TrackingSink records, Lines body) throws IOException {
        try (Reader reader = opener.open()) {
            return body.readAll(new LineSource(reader));
        } catch (Inputs.UnsupportedCodec e) {
            return Inputs.unsupportedCodecResult(e);
        } catch (Inputs.DecodeFailure e) {
            records.closeOpenRecord();
            return Inputs.decodeResult(e, records.recordsStarted());
        }
    }

    /**
     * Reads text {@code opener} opens as one record per line (0-based, blank lines too): a line
     * that fits in {@code room} goes to {@code handler}; a longer one is reported to
     * {@code onLongLine} and delivered as overlapping chunks under {@code longLineField}
     * ({@link TextChunks}). With {@code keyBlocks}, the lines of an armored private key block
     * ({@link KeyBlockLines}) are one record, numbered by its first line, joined with '\n'.
     * {@code split} learns the record numbers the lines took and whether the input ended inside a
     * key block (read whole, the block would have gone on).
     *
     * @return null when the whole text was read; else the result an unsupported codec or
     *         undecodable bytes end it with (a record left open is closed first)
     */
    static ReadResult readRecords(TextOpener opener, int room, TrackingSink records, String longLineField,
            LongConsumer onLongLine, LineHandler handler, boolean keyBlocks, SplitLines split) throws IOException {
        return read(opener, records, lines -> {
            StringBuilder buffer = new StringBuilder();
            for (long index = 0; ; index++) {
                buffer.setLength(0);
                Stop stop = lines.fill(buffer, room);
                if (stop == Stop.NO_MORE) {
                    return null;
                }
                records.startRecord(index);
                split.recordNumbers = index + 1;
                long first = index;
                if (stop == Stop.FULL) {
                    onLongLine.accept(index);
                    TextChunks.deliverLongLine(lines, buffer, room, longLineField, records);
                } else if (keyBlocks && KeyBlockLines.opens(buffer)) {
                    // A private key block is one record: a detector sees it whole, BEGIN to END.
                    KeyBlockLines.Joined joined = KeyBlockLines.join(lines, buffer, room);
                    index += joined.linesAdded();
                    split.recordNumbers = index + 1;
                    split.lastRecordCut = lines.ended; // the block asked for a line the input did not have
                    if (joined.cutByLongLine()) {
                        onLongLine.accept(first);
                        TextChunks.deliverLongLine(lines, buffer, room, longLineField, records);
                    } else {
                        handler.line(first, buffer);
                    }
                } else {
                    handler.line(index, buffer);
                }
                records.endRecord();
            }
        });
    }

    /** A line as the range {@code chars[0, length)} of a char array reused from line to line. */
    static final class Chars implements Target {
        private char[] chars = new char[8192];
        private int length;

        char[] chars() {
            return chars;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public void append(char[] from, int start, int count) {
            if (length + count > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(length + count, chars.length * 2));
            }
            System.arraycopy(from, start, chars, length, count);
            length += count;
        }
    }

    /** As {@link LineHandler}, for a line given as {@code chars[0, length)}, valid only during the call. */
    interface CharsHandler {
        void line(long index, char[] chars, int length) throws IOException;
    }

    /**
     * As {@link #readRecords}, but a line that fits is handed over as a range of a reused char array, not copied into a
     * String: what JSON Lines reads every line of, and one copy less per byte.
     */
    static ReadResult readLines(TextOpener opener, int room, TrackingSink records,
            String longLineField, LongConsumer onLongLine, CharsHandler handler) throws IOException {
        return read(opener, records, lines -> {
            Chars line = new Chars();
            for (long index = 0; ; index++) {
                line.length = 0;
                Stop stop = lines.fill(line, room);
                if (stop == Stop.NO_MORE) {
                    return null;
                }
                records.startRecord(index);
                if (stop == Stop.FULL) {
                    onLongLine.accept(index);
                    StringBuilder buffer = new StringBuilder(line.length);
                    buffer.append(line.chars, 0, line.length);
                    TextChunks.deliverLongLine(lines, buffer, room, longLineField, records);
                } else {
                    handler.line(index, line.chars, line.length);
                }
                records.endRecord();
            }
        });
    }

    /** Where {@link #fill} puts a line's characters: a reused {@link Chars} or a caller's StringBuilder. */
    private interface Target {
        int length();

        void append(char[] from, int start, int count);
    }

    /** A caller's StringBuilder as a {@link Target}; one per source, so a line costs no adapter. */
    private static final class BuilderTarget implements Target {
        private StringBuilder out;

        @Override
        public int length() {
            return out.length();
        }

        @Override
        public void append(char[] from, int start, int count) {
            out.append(from, start, count);
        }
    }

    private final BuilderTarget builderTarget = new BuilderTarget();

    /** Appends characters of the current line to {@code out} until its line ends or {@code out.length() == room}. */
    Stop fill(StringBuilder out, int room) throws IOException {
        builderTarget.out = out;
        return fill((Target) builderTarget, room);
    }

    /** As {@link #fill(StringBuilder, int)}, into {@code out}. */
    Stop fill(Chars out, int room) throws IOException {
        return fill((Target) out, room);
    }

    private Stop fill(Target out, int room) throws IOException {
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
                    ended = true;
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
            int stopAt = Math.min(limit, position + (room - out.length()));
            while (position < stopAt) {
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
