package dev.piigate.jobs.read;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one split's lines. Given a stream positioned at {@code start}: unless it is the
 * object's first split, it skips to just after the first line break whose last byte is at or
 * after {@code start}; then it delivers bytes through the first line break whose last byte is at
 * or after {@code end}, or to the end of the object. A line break is {@code \n}, {@code \r\n} or a
 * lone {@code \r}, as {@link LineSource} counts lines, so a {@code \r\n} across {@code start} or
 * {@code end} is one break and a line that starts exactly at {@code end} belongs to this split.
 * Two splits with {@code end == next start} thus meet at one byte offset, which each reports
 * ({@link #firstByte}, {@link #endByte}); a line longer than a split belongs to the split it
 * starts in, and a split whose range holds no line start delivers nothing. '\n' and '\r' never
 * occur inside a multi-byte UTF-8 character, so a split never starts inside one.
 */
final class LineRangeStream extends InputStream {
    private final InputStream in;
    private final long end;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    /** The object offset of {@code buffer[position]}. */
    private long offset;
    private final long firstByte;
    /** A {@code \r} at or past {@code end} was delivered: a following {@code \n} is part of its break. */
    private boolean afterCarriageReturn;
    private boolean done;

    /**
     * @param in        positioned at {@code start}; closed with this stream
     * @param skipFirst false for the object's first split (it starts at a line start)
     */
    LineRangeStream(InputStream in, long start, long end, boolean skipFirst) throws IOException {
        this.in = in;
        this.end = end;
        this.offset = start;
        if (skipFirst) {
            skipToLineStart();
            // A break found past end already closes this split's range: no line starts in it.
            done = offset > end;
        }
        this.firstByte = offset;
    }

    /** Where the first line this split delivers starts. */
    long firstByte() {
        return firstByte;
    }

    /** Just past the last byte delivered: where the next split's first line starts once this one is read to the end. */
    long endByte() {
        return offset;
    }

    private void skipToLineStart() throws IOException {
        while (fill()) {
            byte c = buffer[position++];
            offset++;
            if (c == '\n') {
                return;
            }
            if (c == '\r') {
                if (fill() && buffer[position] == '\n') {
                    position++;
                    offset++;
                }
                return;
            }
        }
    }

    /** True when a byte is buffered; false at the end of the object. */
    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        int n = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (done || !fill()) {
            done = true;
            return -1;
        }
        if (afterCarriageReturn) {
            done = true;
            if (buffer[position] != '\n') {
                return -1;
            }
            b[off] = '\n';
            position++;
            offset++;
            return 1;
        }
        int n = Math.min(len, limit - position);
        int take = n;
        long free = end - offset; // bytes before end: delivered without a look
        for (int i = (int) Math.max(0, Math.min(free, n)); i < n; i++) {
            byte c = buffer[position + i];
            if (c == '\n') {
                take = i + 1;
                done = true;
                break;
            }
            if (c == '\r') {
                take = i + 1;
                afterCarriageReturn = true;
                break;
            }
        }
        System.arraycopy(buffer, position, b, off, take);
        position += take;
        offset += take;
        return take;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
