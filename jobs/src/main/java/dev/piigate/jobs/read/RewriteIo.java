package dev.piigate.jobs.read;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.GzipCodec;

/**
 * Byte-level input and output for the rewriters of line formats (JSON Lines, text, CSV): the
 * object's decompressed bytes split into raw lines with their own line ends, each line decoded
 * exactly as the scan decodes it, and the copy written in the same compression (gzip or none). A
 * line without a replacement is written back byte for byte; one with a replacement is encoded
 * again only when its bytes decoded without loss, so bytes outside replaced values never change.
 */
final class RewriteIo {
    private RewriteIo() {}

    /** The object cannot be copied as it is written: its result says why (no data in it). */
    static final class NotRewritable extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient ReadResult result;

        NotRewritable(StatusReason reason, String detail) {
            super(detail);
            this.result = ReadResult.skipped(reason, detail);
        }

        ReadResult result() {
            return result;
        }
    }

    /**
     * An opened object: its decompressed bytes after the byte order mark, the mark itself (written
     * first to the copy, as it was), whether it was gzip, and its charset.
     */
    static final class Source implements AutoCloseable {
        final InputStream bytes;
        final byte[] byteOrderMark;
        final boolean gzip;
        final Charset charset;

        private Source(InputStream bytes, byte[] byteOrderMark, boolean gzip, Charset charset) {
            this.bytes = bytes;
            this.byteOrderMark = byteOrderMark;
            this.gzip = gzip;
            this.charset = charset;
        }

        @Override
        public void close() throws IOException {
            bytes.close();
        }
    }

    /**
     * Opens {@code path} for rewriting: uncompressed or gzip (by suffix or magic, as the scan decides),
     * in a charset where a byte {@code \n} or {@code \r} is always a line end (not UTF-16 or UTF-32).
     *
     * @throws NotRewritable for another codec, content that is not text, or a wide charset
     */
    static Source open(FileSystem fs, Path path, Configuration conf) throws IOException {
        var codec = new CompressionCodecFactory(conf).getCodec(path);
        if (codec != null && !(codec instanceof GzipCodec)) {
            throw new NotRewritable(StatusReason.UNSUPPORTED_FORMAT,
                    "compressed with " + codec.getClass().getSimpleName() + ": the copy is written uncompressed or gzip only");
        }
        // One open: the codec the read applies (a name's suffix, else the gzip magic) says whether the
        // copy is gzip; other codecs were refused above.
        Inputs.Opened opened = Inputs.open(fs, path, conf);
        boolean gzip = opened.decompressed();
        InputStream bytes = new BufferedInputStream(opened.stream(), 64 * 1024);
        try {
            byte[] sample = new byte[TextEncoding.SAMPLE_BYTES];
            bytes.mark(sample.length);
            int n = bytes.readNBytes(sample, 0, sample.length);
            boolean whole = n < sample.length;
            bytes.reset();
            TextEncoding.Verdict verdict = TextEncoding.detect(sample, n, whole);
            if (verdict instanceof TextEncoding.NotText notText) {
                throw new NotRewritable(StatusReason.UNSUPPORTED_FORMAT, notText.detail());
            }
            TextEncoding.Text text = (TextEncoding.Text) verdict;
            String name = text.charset().name();
            if (name.startsWith("UTF-16") || name.startsWith("UTF-32")) {
                throw new NotRewritable(StatusReason.UNSUPPORTED_FORMAT,
                        name + ": the copy is written in charsets where a byte 0x0A is a line end only");
            }
            if (!lineEndsAreBytes(text.charset())) {
                // EBCDIC: the scan splits lines at the characters, ByteLines at the bytes; they would disagree.
                throw new NotRewritable(StatusReason.UNSUPPORTED_FORMAT,
                        name + ": its line ends are not the bytes 0x0A and 0x0D");
            }
            byte[] bom = new byte[text.bomBytes()];
            if (bom.length > 0 && bytes.readNBytes(bom, 0, bom.length) != bom.length) {
                throw new NotRewritable(StatusReason.CORRUPT, "byte order mark cut short");
            }
            return new Source(bytes, bom, gzip, text.charset());
        } catch (IOException | RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    /** Whether {@code \n} and {@code \r} are the bytes 0x0A and 0x0D in {@code charset}, both ways. */
    static boolean lineEndsAreBytes(Charset charset) {
        byte[] ends = {'\n', '\r'};
        return new String(ends, charset).equals("\n\r") && Arrays.equals("\n\r".getBytes(charset), ends);
    }

    /** What a line format's rewriter does with its opened object and copy; {@code lines} counts what it read. */
    interface Body {
        ReadResult run(Source source, OutputStream copy, long[] lines) throws IOException;
    }

    /**
     * Opens the object ({@link #open}) and its copy ({@link #create}, the byte order mark written
     * first), runs {@code body}, and turns what stops a read (a charset or codec the copy cannot be
     * written in, undecodable or cut input) into its result.
     */
    static ReadResult rewrite(FileSystem fs, Path in, Configuration conf, FileSystem outFs, Path out, Body body)
            throws IOException {
        long[] lines = new long[1];
        try (Source source = open(fs, in, conf); OutputStream copy = create(outFs, out, source.gzip)) {
            copy.write(source.byteOrderMark);
            return body.run(source, copy, lines);
        } catch (NotRewritable e) {
            return e.result();
        } catch (Inputs.UnsupportedCodec e) {
            return Inputs.unsupportedCodecResult(e);
        } catch (Inputs.DecodeFailure e) {
            return Inputs.decodeResult(e, lines[0]);
        }
    }

    /** Creates (or overwrites) the copy at {@code out}, gzip when the source was. The caller closes it. */
    static OutputStream create(FileSystem outFs, Path out, boolean gzip) throws IOException {
        OutputStream stream = new BufferedOutputStream(outFs.create(out, true), 64 * 1024);
        return gzip ? new GZIPOutputStream(stream, 64 * 1024) : stream;
    }

    /**
     * The raw lines of a stream: each line's bytes without its end, and the end as it was
     * ({@code \n}, {@code \r\n}, a lone {@code \r}, or nothing for a last line without one), as
     * {@link LineSource} splits them. A final line end does not start another line.
     */
    static final class ByteLines {
        private final InputStream in;
        private final int maxBytes;
        private byte[] line = new byte[8192];
        private int length;
        private int endLength;
        private final byte[] end = new byte[2];
        /** Read ahead in blocks: a byte at a time through a synchronized stream cost as much as the rest. */
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        private long index = -1;

        /** @param maxBytes a longer line ends the copy: {@link NotRewritable} TOO_LARGE */
        ByteLines(InputStream in, int maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        /** Reads the next line; false at the end of the stream. */
        boolean next() throws IOException {
            length = 0;
            endLength = 0;
            if (position == limit && !refill()) {
                return false;
            }
            index++;
            while (true) {
                int i = position;
                while (i < limit && buffer[i] != '\n' && buffer[i] != '\r') {
                    i++;
                }
                append(i - position);
                if (i < limit) {
                    byte c = buffer[i];
                    position = i + 1;
                    end[endLength++] = c;
                    if (c == '\r' && (position < limit || refill()) && buffer[position] == '\n') {
                        end[endLength++] = '\n';
                        position++;
                    }
                    return true;
                }
                position = limit;
                if (!refill()) {
                    return true; // a last line without a line end
                }
            }
        }

        private void append(int n) throws NotRewritable {
            if ((long) length + n > maxBytes) {
                throw new NotRewritable(StatusReason.TOO_LARGE,
                        "line " + index + ": longer than " + maxBytes + " bytes");
            }
            if (length + n > line.length) {
                line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, length + n), maxBytes));
            }
            System.arraycopy(buffer, position, line, length, n);
            length += n;
        }

        private boolean refill() throws IOException {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            position = 0;
            limit = Math.max(n, 0);
            return n > 0;
        }

        /** 0-based, counting every line. */
        long index() {
            return index;
        }

        byte[] bytes() {
            return line;
        }

        int length() {
            return length;
        }

        void writeEnd(OutputStream out) throws IOException {
            out.write(end, 0, endLength);
        }

        /** Writes the line and its end exactly as read. */
        void writeAsRead(OutputStream out) throws IOException {
            out.write(line, 0, length);
            writeEnd(out);
        }
    }

    /** The line's text as the scan reads it in {@code charset} (see {@link Inputs#openText}). */
    static String decode(byte[] bytes, int length, Charset charset) throws IOException {
        if (charset.equals(StandardCharsets.UTF_8)) {
            try (Reader reader = new Inputs.Utf8Reader(new ByteArrayInputStream(bytes, 0, length))) {
                StringBuilder text = new StringBuilder(length);
                char[] buffer = new char[Math.max(16, Math.min(length, 8192))];
                for (int n; (n = reader.read(buffer, 0, buffer.length)) > 0;) {
                    text.append(buffer, 0, n);
                }
                return text.toString();
            }
        }
        return new String(bytes, 0, length, charset);
    }

    /**
     * {@code text} in {@code charset}, for a line that holds a replacement; only when the line's
     * original bytes decoded without loss ({@code original} encodes back to exactly them), else
     * {@link NotRewritable}: writing it would change bytes outside the replaced values.
     */
    static byte[] encode(String text, String original, byte[] bytes, int length, Charset charset, long line)
            throws IOException {
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer before = encoder.encode(CharBuffer.wrap(original));
            if (before.remaining() != length
                    || !Arrays.equals(before.array(), before.arrayOffset() + before.position(),
                            before.arrayOffset() + before.limit(), bytes, 0, length)) {
                throw lossy(line);
            }
            ByteBuffer after = encoder.reset().encode(CharBuffer.wrap(text));
            return Arrays.copyOfRange(after.array(), after.arrayOffset() + after.position(),
                    after.arrayOffset() + after.limit());
        } catch (CharacterCodingException e) {
            throw lossy(line);
        }
    }

    private static NotRewritable lossy(long line) {
        return new NotRewritable(StatusReason.CORRUPT,
                "line " + line + ": bytes that do not decode in a line that needs a replacement");
    }
}
