package dev.piigate.jobs.read;

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
    static boolean isEmptyObject(FileSystem fs, Path path) throws IOException {
        return fs.getFileStatus(path).getLen() == 0;
    }

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
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
        StorageStream storage = new StorageStream(fs.open(path));
        if (codec == null) {
            return new Opened(storage, storage);
        }
        String codecName = codec.getClass().getSimpleName();
        InputStream decompressed;
        try {
            decompressed = codec.createInputStream(storage);
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

    /** {@link #openBytes} decoded as UTF-8; malformed bytes become U+FFFD and a leading BOM is dropped. */
    static Reader openText(FileSystem fs, Path path, Configuration conf) throws IOException {
        InputStream bytes = openBytes(fs, path, conf);
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
        // Something was scanned -> PARTIAL; nothing -> SKIPPED. A cut stream is TRUNCATED, anything
        // else (bad header, CRC, bad block) CORRUPT. Neither is ever COMPLETE.
        StatusReason reason = failure.truncated() ? StatusReason.TRUNCATED : StatusReason.CORRUPT;
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

    /** The compressed data (not the storage under it) is damaged or cut short. */
    static final class DecodeFailure extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean truncated;

        DecodeFailure(String codecName, Throwable cause) {
            super(codecName + ": " + describe(cause), cause);
            this.truncated = hasCause(cause, EOFException.class);
        }

        boolean truncated() {
            return truncated;
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
