package dev.piigate.jobs.read;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.GzipCodec;

/**
 * Opens one object for reading: decompression chosen by file name through Hadoop's
 * {@link CompressionCodecFactory}, UTF-8 decoding that replaces malformed bytes, and a clear line
 * between storage failures (which propagate unchanged, the caller maps them) and failures of the
 * compressed data itself ({@link DecodeFailure}, which a reader turns into a status).
 */
final class Inputs {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Inputs() {
    }

    /** Zero bytes in storage: nothing to scan, reported as SKIPPED/EMPTY by every reader. */
    static final ReadResult EMPTY = ReadResult.skipped(StatusReason.EMPTY, "zero-byte object");

    /** Bytes in storage but nothing after decompression (an empty .gz): nothing was scanned either. */
    static final ReadResult EMPTY_CONTENT = ReadResult.skipped(StatusReason.EMPTY, "no content after decompression");

    /**
     * The object's bytes, decompressed when its name ends in a codec suffix ({@code .gz},
     * {@code .bz2}, {@code .deflate}, {@code .zst} when the native codec is loaded). Hadoop's
     * built-in gzip decompressor (used without native libraries) reads concatenated members
     * whole and throws {@link EOFException} on a cut stream; the tests check both.
     *
     * @throws UnsupportedCodec when the codec for the suffix cannot run here (zstd without
     *                          libhadoop); the object is then SKIPPED/UNSUPPORTED_FORMAT
     */
    static InputStream openBytes(FileSystem fs, Path path, Configuration conf) throws IOException {
        return open(fs, path, conf).stream();
    }

    /** Like {@link #openBytes}, also telling which failures came from storage. */
    static Opened open(FileSystem fs, Path path, Configuration conf) throws IOException {
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        CompressionCodec codec = codecs.getCodec(path);
        StorageStream storage = new StorageStream(fs.open(path));
        InputStream raw = storage;
        if (codec == null) {
            // Hadoop picks codecs by name only: gzip data without .gz would be scanned as binary
            // noise and pass. The gzip magic decides instead (two bytes no UTF-8 text starts with).
            BufferedInputStream sniffed = new BufferedInputStream(storage, 8192);
            if (startsWithGzipMagic(sniffed)) {
                codec = codecs.getCodecByClassName(GzipCodec.class.getName());
            }
            raw = sniffed;
            if (codec == null) {
                return new Opened(raw, storage);
            }
        }
        String codecName = codec.getClass().getSimpleName();
        InputStream decompressed;
        try {
            decompressed = codec.createInputStream(raw);
        } catch (RuntimeException | LinkageError e) {
            storage.close();
            throw new UnsupportedCodec(codecName, e);
        } catch (IOException e) {
            storage.close();
            if (storage.raised(e)) {
                throw e;
            }
            throw new DecodeFailure(codecName, e);
        }
        return new Opened(new CodecStream(decompressed, storage, codecName), storage);
    }

    /** Whether the stream starts with the gzip magic {@code 1f 8b}; the stream is left where it was. */
    static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = first < 0 ? -1 : in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    /** An opened object: its (decompressed) bytes and the storage stream under them. */
    static final class Opened {
        private final InputStream stream;
        private final StorageStream storage;

        private Opened(InputStream stream, StorageStream storage) {
            this.stream = stream;
            this.storage = storage;
        }

        InputStream stream() {
            return stream;
        }

        /** The storage exception in {@code t}'s cause chain, if storage raised one: it propagates as is. */
        IOException storageFailureIn(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c == storage.raised) {
                    return storage.raised;
                }
            }
            return null;
        }
    }

    /**
     * {@link #openBytes} decoded as UTF-8; malformed bytes become U+FFFD and a leading BOM is dropped.
     * Binary content stops the read with a {@link DecodeFailure} of reason UNSUPPORTED_FORMAT (see
     * {@link TextGuard}): scanned as text it would be noise in which no detector finds anything.
     */
    static Reader openText(FileSystem fs, Path path, Configuration conf) throws IOException {
        InputStream bytes = new TextGuard(openBytes(fs, path, conf));
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        PushbackReader reader = new PushbackReader(new InputStreamReader(bytes, decoder), 1);
        int first = reader.read();
        if (first >= 0 && first != BYTE_ORDER_MARK) {
            reader.unread(first);
        }
        return reader;
    }

    /** The result for a failure of the compressed data: records already delivered stay delivered. */
    static ReadResult decodeResult(DecodeFailure failure, long recordsStarted) {
        // Something was scanned -> PARTIAL; nothing -> SKIPPED. A cut stream is TRUNCATED, binary
        // content in a text format UNSUPPORTED_FORMAT, anything else (bad header, CRC, bad block)
        // CORRUPT. None is ever COMPLETE.
        StatusReason reason = failure.reason();
        String detail = failure.getMessage() + " after " + recordsStarted + " records";
        return recordsStarted > 0 ? ReadResult.partial(reason, detail) : ReadResult.skipped(reason, detail);
    }

    static ReadResult unsupportedCodecResult(UnsupportedCodec e) {
        return ReadResult.skipped(StatusReason.UNSUPPORTED_FORMAT, e.getMessage());
    }

    /** Names the class of a throwable and of its root cause, never a message (messages may quote data). */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName();
    }

    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        return findCause(t, type) != null;
    }

    /** The first throwable of {@code type} in {@code t}'s cause chain, or null. */
    static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** The data itself (not the storage under it) is damaged, cut short, or not text. */
    static final class DecodeFailure extends IOException {
        private static final long serialVersionUID = 1L;
        private final StatusReason reason;

        DecodeFailure(String codecName, Throwable cause) {
            super(codecName + ": " + describe(cause), cause);
            this.reason = hasCause(cause, EOFException.class) ? StatusReason.TRUNCATED : StatusReason.CORRUPT;
        }

        /** @param detail ours, never content */
        DecodeFailure(StatusReason reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        boolean truncated() {
            return reason == StatusReason.TRUNCATED;
        }

        StatusReason reason() {
            return reason;
        }
    }

    /**
     * Guards the text formats against binary content: a NUL byte (UTF-8 text has none; binary
     * files, UTF-16 text and sparse files do) or compressed data inside the (decompressed) bytes
     * (a {@code .gz} inside a {@code .gz}: one level is unpacked, never more). Either ends the read
     * as UNSUPPORTED_FORMAT instead of scanning noise that can hide digits from every detector.
     */
    static final class TextGuard extends FilterInputStream {
        private long offset;

        TextGuard(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                check(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                check(b, off, n);
            }
            return n;
        }

        private void check(byte[] b, int off, int n) throws DecodeFailure {
            if (offset == 0 && n >= 2 && b[off] == 0x1f && b[off + 1] == (byte) 0x8b) {
                throw new DecodeFailure(StatusReason.UNSUPPORTED_FORMAT,
                        "compressed data inside compressed data (gzip magic in the decompressed bytes)");
            }
            for (int i = off; i < off + n; i++) {
                if (b[i] == 0) {
                    throw new DecodeFailure(StatusReason.UNSUPPORTED_FORMAT,
                            "binary content, not UTF-8 text: NUL byte at byte " + (offset + i - off));
                }
            }
            offset += n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes would be bytes not checked: read them instead.
            byte[] discard = new byte[(int) Math.min(8192, Math.max(0, n))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(discard, 0, (int) Math.min(discard.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }
    }

    /** The codec for the object's suffix exists in Hadoop but cannot run in this JVM. */
    static final class UnsupportedCodec extends IOException {
        private static final long serialVersionUID = 1L;

        UnsupportedCodec(String codecName, Throwable cause) {
            super("codec " + codecName + " unavailable: " + describe(cause), cause);
        }
    }

    /** Remembers what storage threw, so a codec wrapping it is not mistaken for bad data. */
    private static final class StorageStream extends FilterInputStream {
        private IOException raised;

        StorageStream(InputStream in) {
            super(in);
        }

        boolean raised(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c == raised) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                raised = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                raised = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                raised = e;
                throw e;
            }
        }
    }

    /** Turns failures of the decompressor into {@link DecodeFailure}; storage failures pass unchanged. */
    private static final class CodecStream extends FilterInputStream {
        private final StorageStream storage;
        private final String codecName;

        CodecStream(InputStream decompressed, StorageStream storage, String codecName) {
            super(decompressed);
            this.storage = storage;
            this.codecName = codecName;
        }

        private IOException translate(Exception e) {
            if (e instanceof IOException io && storage.raised(io)) {
                return io;
            }
            return new DecodeFailure(codecName, e);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                throw translate(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw translate(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException | RuntimeException e) {
                throw translate(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                in.close();
            } finally {
                storage.close();
            }
        }
    }
}
