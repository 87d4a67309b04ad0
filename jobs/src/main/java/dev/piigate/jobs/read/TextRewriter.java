package dev.piigate.jobs.read;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The redacted copy of a plain text object: {@link TextReader}'s records, one line each under
 * field {@code content}, and an armored private key block one record over its lines
 * ({@link KeyBlockLines}, joined by the same code), numbered by its BEGIN line. A line without a
 * replacement is copied byte for byte with its own line end; a dropped record leaves out its
 * line(s) and line end(s).
 *
 * <p>A replaced key block keeps its line count, so the copy's record numbers stay those of the
 * original: its lines before and after the changed part are written as they were, the changed
 * part's text goes on the first changed line (and on as many following lines as it has line
 * breaks), and the changed lines left over are written empty, each with its own line end. A
 * replacement with more line breaks than the lines it replaces would shift every record after it:
 * the object is then not rewritten.
 *
 * <p>A line of {@link ReadLimits#maxValueChars()} characters or more is TOO_LARGE: the scan reads
 * it in overlapping chunks ({@link TextChunks}), and a replacement across chunks is not written.
 */
final class TextRewriter implements RecordRewriter {
    @Override
    public ReadResult rewrite(FileSystem fs, Path in, Configuration conf, ReadLimits limits, ValueRedactor redactor,
            FileSystem outFs, Path out) throws IOException {
        int room = limits.maxValueChars();
        return RewriteIo.rewrite(fs, in, conf, outFs, out, (source, copy, lines) -> new Copy(
                new RawLines(source, maxLineBytes(room)), room, redactor, copy).run());
    }

    /**
     * Bytes a raw line may have before it is refused unread: four per character of the room (no
     * character of an ASCII-compatible charset takes more), so every line the scan delivers whole
     * is read whole.
     */
    static int maxLineBytes(long chars) {
        return (int) Math.min(Integer.MAX_VALUE - 16, 4 * chars);
    }

    /** One object's copy, line by line. */
    private static final class Copy {
        private final RawLines lines;
        private final int room;
        private final ValueRedactor redactor;
        private final OutputStream out;
        private final StringBuilder buffer = new StringBuilder();
        /** The lines of the record being read: one, or a key block's. */
        private final List<RawLine> record = new ArrayList<>();

        Copy(RawLines lines, int room, ValueRedactor redactor, OutputStream out) {
            this.lines = lines;
            this.room = room;
            this.redactor = redactor;
            this.out = out;
        }

        ReadResult run() throws IOException {
            long records = 0;
            try {
                while (lines.next()) {
                    records++;
                    RawLine first = lines.current();
                    record.clear();
                    record.add(first);
                    buffer.setLength(0);
                    if (first.text.length() >= room) {
                        return tooLong(first.index);
                    }
                    buffer.append(first.text);
                    if (KeyBlockLines.opens(buffer)) {
                        KeyBlockLines.Joined joined = KeyBlockLines.join(this::fillFollowing, buffer, room);
                        if (joined.cutByLongLine()) {
                            return tooLong(record.get(record.size() - 1).index);
                        }
                    }
                    redactor.startRecord(first.index);
                    String text = record.size() == 1 ? first.text : buffer.toString(); // one copy less per line
                    String redacted = text.isEmpty() ? text : redactor.replace(TextReader.FIELD, text);
                    if (redactor.endRecord()) {
                        write(text, redacted);
                    }
                }
            } catch (Inputs.DecodeFailure e) {
                return Inputs.decodeResult(e, records);
            }
            return records == 0 ? Inputs.EMPTY_CONTENT : ReadResult.COMPLETE;
        }

        /** {@link KeyBlockLines.Lines} over the raw lines: each line the block takes joins the record. */
        private LineSource.Stop fillFollowing(StringBuilder line, int left) throws IOException {
            if (!lines.next()) {
                return LineSource.Stop.NO_MORE;
            }
            RawLine next = lines.current();
            record.add(next);
            // As LineSource.fill: a line of {@code left} characters or more fills the room.
            if (next.text.length() >= left) {
                line.append(next.text, 0, left);
                return LineSource.Stop.FULL;
            }
            line.append(next.text);
            return LineSource.Stop.LINE_END;
        }

        private static ReadResult tooLong(long line) {
            return ReadResult.partial(StatusReason.TOO_LARGE, "line " + line
                    + ": scanned in chunks, too long to rewrite whole");
        }

        private void write(String text, String redacted) throws IOException {
            if (redacted.equals(text)) {
                for (RawLine line : record) {
                    out.write(line.bytes);
                }
                return;
            }
            if (record.size() == 1) {
                RawLine line = record.get(0);
                if (hasLineBreak(redacted, 0, redacted.length())) {
                    throw new RewriteIo.NotRewritable(StatusReason.UNSUPPORTED_FORMAT,
                            "line " + line.index + ": a replacement with a line break");
                }
                out.write(line.encode(redacted));
                out.write(line.bytes, line.length, line.bytes.length - line.length);
                return;
            }
            writeBlock(text, redacted);
        }

        /**
         * A replaced key block over its own lines ({@code text} joined them with '\n'): the lines
         * before the first and after the last changed character as they were, the changed part's
         * lines in the changed lines' places, the changed lines left over empty.
         */
        private void writeBlock(String text, String redacted) throws IOException {
            int same = 0;
            int most = Math.min(text.length(), redacted.length());
            while (same < most && text.charAt(same) == redacted.charAt(same)) {
                same++;
            }
            int sameEnd = 0;
            while (sameEnd < most - same
                    && text.charAt(text.length() - 1 - sameEnd) == redacted.charAt(redacted.length() - 1 - sameEnd)) {
                sameEnd++;
            }
            int firstChanged = count(text, 0, same);
            int changedFrom = text.lastIndexOf('\n', same - 1) + 1;
            int lastChanged = record.size() - 1 - count(text, text.length() - sameEnd, text.length());
            int lineEnd = text.indexOf('\n', text.length() - sameEnd);
            int changedTo = lineEnd < 0 ? text.length() : lineEnd;
            String changed = redacted.substring(changedFrom, redacted.length() - (text.length() - changedTo));
            if (changed.indexOf('\r') >= 0) {
                throw new RewriteIo.NotRewritable(StatusReason.UNSUPPORTED_FORMAT,
                        "line " + record.get(0).index + ": a replacement with a carriage return");
            }
            String[] parts = changed.split("\n", -1);
            if (parts.length > lastChanged - firstChanged + 1) {
                throw new RewriteIo.NotRewritable(StatusReason.UNSUPPORTED_FORMAT, "line " + record.get(0).index
                        + ": a replaced key block would need more lines than it has");
            }
            for (int i = 0; i < record.size(); i++) {
                RawLine line = record.get(i);
                if (i < firstChanged || i > lastChanged) {
                    out.write(line.bytes);
                    continue;
                }
                int part = i - firstChanged;
                // Every changed line is encoded, the emptied ones too: its bytes must have decoded without loss.
                out.write(line.encode(part < parts.length ? parts[part] : ""));
                out.write(line.bytes, line.length, line.bytes.length - line.length);
            }
        }

        private static int count(String text, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                if (text.charAt(i) == '\n') {
                    n++;
                }
            }
            return n;
        }
    }

    static boolean hasLineBreak(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * One raw line: its bytes with its line end ({@code bytes[length..]}), its index (0-based,
     * every line) and its text without the end, decoded as the scan decodes it.
     */
    static final class RawLine {
        final long index;
        final byte[] bytes;
        final int length;
        final String text;
        private final Charset charset;

        RawLine(long index, byte[] bytes, int length, String text, Charset charset) {
            this.index = index;
            this.bytes = bytes;
            this.length = length;
            this.text = text;
            this.charset = charset;
        }

        /** {@code replacement} for this line's text, in its charset ({@link RewriteIo#encode}). */
        byte[] encode(String replacement) throws IOException {
            return RewriteIo.encode(replacement, text, bytes, length, charset, index);
        }

        /** The line end's characters ({@code \n}, {@code \r\n}, {@code \r} or none). */
        String end() {
            return new String(bytes, length, bytes.length - length, StandardCharsets.ISO_8859_1);
        }
    }

    /** {@link RewriteIo.ByteLines} as {@link RawLine}s, decoded as the scan decodes them. */
    static final class RawLines {
        private final RewriteIo.ByteLines lines;
        private final Charset charset;
        private final boolean utf8;
        private final Bytes held = new Bytes();
        private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private CharBuffer chars = CharBuffer.allocate(8192);
        private RawLine current;

        RawLines(RewriteIo.Source source, int maxLineBytes) {
            this.lines = new RewriteIo.ByteLines(source.bytes, maxLineBytes);
            this.charset = source.charset;
            this.utf8 = source.charset.equals(StandardCharsets.UTF_8);
        }

        boolean next() throws IOException {
            if (!lines.next()) {
                current = null;
                return false;
            }
            held.reset();
            lines.writeAsRead(held);
            byte[] bytes = held.copy();
            int length = lines.length();
            current = new RawLine(lines.index(), bytes, length, decode(bytes, length), charset);
            return true;
        }

        RawLine current() {
            return current;
        }

        /**
         * As the scan decodes ({@link RewriteIo#decode}), without a reader and buffers per line for
         * most lines: ASCII-only UTF-8 as it is, valid UTF-8 by one reused strict decoder (the
         * scan's reader differs from it only on bytes that do not decode).
         */
        private String decode(byte[] bytes, int length) throws IOException {
            if (utf8) {
                int ascii = 0;
                while (ascii < length && bytes[ascii] >= 0) {
                    ascii++;
                }
                if (ascii == length) {
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                if (chars.capacity() < length) {
                    chars = CharBuffer.allocate(length); // UTF-8 never has more chars than bytes
                }
                chars.clear();
                strict.reset();
                if (strict.decode(ByteBuffer.wrap(bytes, 0, length), chars, true).isUnderflow()
                        && strict.flush(chars).isUnderflow()) {
                    return chars.flip().toString();
                }
            }
            return RewriteIo.decode(bytes, length, charset);
        }
    }

    /** A reused byte buffer a line is written into as read. */
    private static final class Bytes extends OutputStream {
        private byte[] bytes = new byte[8192];
        private int size;

        void reset() {
            size = 0;
        }

        byte[] copy() {
            return Arrays.copyOf(bytes, size);
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] from, int offset, int length) {
            ensure(length);
            System.arraycopy(from, offset, bytes, size, length);
            size += length;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
        }
    }
}
