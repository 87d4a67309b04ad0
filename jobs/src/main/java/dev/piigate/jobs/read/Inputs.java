package dev.piigate.jobs.read;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
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
 * {@link CompressionCodecFactory}, text decoded in the charset its first bytes show
 * ({@link TextEncoding}) with a check that it stays text to the end, and a clear line
 * between storage failures (which propagate unchanged, the caller maps them) and failures of the
 * compressed data itself ({@link DecodeFailure}, which a reader turns into a status).
 */
final class Inputs {
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
                return new Opened(raw, storage, false);
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
        return new Opened(new CodecStream(decompressed, storage, codecName), storage, true);
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
        private final boolean decompressed;

        private Opened(InputStream stream, StorageStream storage, boolean decompressed) {
            this.stream = stream;
            this.storage = storage;
            this.decompressed = decompressed;
        }

        InputStream stream() {
            return stream;
        }

        /** Whether a codec decompresses the stored bytes (by the name's suffix, or gzip by its magic). */
        boolean decompressed() {
            return decompressed;
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
     * {@link #openBytes} as text, in the charset {@link TextEncoding} finds in its first bytes (a
     * byte order mark is dropped); bytes that do not decode become U+FFFD. Content that is not
     * text (binary, compressed without a known suffix or magic, an encoding not recognised)
     * stops the read with a {@link DecodeFailure} of reason UNSUPPORTED_FORMAT: before the first
     * record when the first bytes show it, later when {@link CheckedReader} finds a window of it.
     * Scanned as text it would be noise in which no detector finds anything.
     */
    static Reader openText(FileSystem fs, Path path, Configuration conf) throws IOException {
        InputStream bytes = openBytes(fs, path, conf);
        try {
            byte[] sample = new byte[TextEncoding.SAMPLE_BYTES];
            int n = 0;
            DecodeFailure cut = null;
            boolean whole = false;
            try {
                while (n < sample.length) {
                    int r = bytes.read(sample, n, sample.length - n);
                    if (r < 0) {
                        whole = true;
                        break;
                    }
                    n += r;
                }
            } catch (DecodeFailure e) {
                // A stream cut inside the sample: decide on what came, and fail where it failed,
                // after the records before the cut.
                cut = e;
                whole = true;
            }
            TextEncoding.Verdict verdict = TextEncoding.detect(sample, n, whole);
            if (verdict instanceof TextEncoding.NotText notText) {
                throw new DecodeFailure(StatusReason.UNSUPPORTED_FORMAT, notText.detail());
            }
            TextEncoding.Text text = (TextEncoding.Text) verdict;
            InputStream rest = cut == null ? bytes : new FailingStream(cut, bytes);
            InputStream replay = new SequenceInputStream(
                    new ByteArrayInputStream(sample, text.bomBytes(), n - text.bomBytes()), rest);
            if (!isWide(text.charset())) {
                replay = new TextGuard(replay, text.bomBytes());
            }
            Reader decoded;
            if (text.charset().equals(StandardCharsets.UTF_8)) {
                decoded = new Utf8Reader(replay);
            } else {
                decoded = new InputStreamReader(replay, text.charset().newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
            }
            return new CheckedReader(decoded, text.charset().name());
        } catch (IOException | RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    /**
     * One split's lines of an uncompressed object as text ({@link LineRangeStream}), or null when
     * the object must be read whole by its first split: its first bytes (the sample
     * {@link #openText} decides on, read by every split so all decide alike) show gzip, content
     * that is not text, or a charset other than UTF-8 (in which a byte {@code \n} may be half of
     * a character), or its name a codec's suffix. Decoded and checked as {@link #openText} does for UTF-8: bad bytes replaced,
     * a NUL byte or a window that is not text ends the read as UNSUPPORTED_FORMAT.
     *
     * @param size the object's size, as looked up before reading
     */
    static RangeText openTextRange(FileSystem fs, Path path, Configuration conf, long size, ByteRange range)
            throws IOException {
        if (new CompressionCodecFactory(conf).getCodec(path) != null) {
            return null; // compressed by its name (any codec Hadoop knows): read whole, decompressed
        }
        org.apache.hadoop.fs.FSDataInputStream in = fs.open(path);
        try {
            byte[] sample = new byte[(int) Math.min(TextEncoding.SAMPLE_BYTES, size)];
            in.readFully(0, sample);
            boolean gzip = sample.length >= 2 && (sample[0] & 0xFF) == 0x1f && (sample[1] & 0xFF) == 0x8b;
            TextEncoding.Verdict verdict = TextEncoding.detect(sample, sample.length, sample.length == size);
            if (gzip || !(verdict instanceof TextEncoding.Text text) || !text.charset().equals(StandardCharsets.UTF_8)) {
                in.close();
                return null;
            }
            long start = range.first() ? text.bomBytes() : range.start();
            in.seek(start);
            LineRangeStream lines = new LineRangeStream(in, start, range.end(), !range.first());
            CheckedReader decoded = new CheckedReader(new Utf8Reader(new TextGuard(lines, lines.firstByte())),
                    text.charset().name());
            decoded.watchForSplit();
            return new RangeText(decoded, lines, range.first() ? 0 : lines.firstByte());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** A split's text and where its lines start and end in the object. */
    static final class RangeText {
        private final CheckedReader reader;
        private final LineRangeStream lines;
        private final long firstByte;

        RangeText(CheckedReader reader, LineRangeStream lines, long firstByte) {
            this.reader = reader;
            this.lines = lines;
            this.firstByte = firstByte;
        }

        Reader reader() {
            return reader;
        }

        /** 0 for the first split (a byte order mark belongs to it). */
        long firstByte() {
            return firstByte;
        }

        long endByte() {
            return lines.endByte();
        }

        /**
         * Whether the text check may have judged this split's characters otherwise than a read of
         * the whole object would ({@link CheckedReader#watchForSplit}), once read.
         *
         * @param first whether this is the object's first split (it starts where the whole read does)
         * @param last  whether it is the last (it ends where the whole read does)
         */
        boolean checkedUnlikeWhole(boolean first, boolean last) {
            return reader.crowdedWindow || (!first && reader.badNearStart) || (!last && reader.badNearEnd());
        }
    }

    /** UTF-16 and UTF-32 have NUL bytes in ordinary text. */
    private static boolean isWide(Charset charset) {
        String name = charset.name();
        return name.startsWith("UTF-16") || name.startsWith("UTF-32");
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
     * Guards the text formats in ASCII-compatible charsets against binary content after the
     * sample: a NUL byte (text in those charsets has none; binary files and sparse files do)
     * ends the read as UNSUPPORTED_FORMAT instead of scanning noise that can hide digits from
     * every detector.
     */
    static final class TextGuard extends FilterInputStream {
        private long offset;

        /** @param offset where {@code in} starts in the object (after a byte order mark) */
        TextGuard(InputStream in, long offset) {
            super(in);
            this.offset = offset;
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
            for (int i = off; i < off + n; i++) {
                if (b[i] == 0) {
                    throw new DecodeFailure(StatusReason.UNSUPPORTED_FORMAT,
                            "binary content, not text: NUL byte at byte " + (offset + i - off));
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

    /**
     * Holds decoded text to {@link TextEncoding}'s rule all the way through: in every window of
     * {@value TextEncoding#WINDOW_CHARS} characters at most 1% {@linkplain TextEncoding#isBad bad},
     * and never more than {@value TextEncoding#BURST_BAD} bad ones within
     * {@value TextEncoding#BURST_SPAN} characters (a compressed value of a few dozen bytes is such a
     * run; a few bad bytes in text are not). More means the bytes there are not text in the
     * charset read (a compressed or binary blob in the middle of a file, or a part in another
     * encoding): the read ends UNSUPPORTED_FORMAT, PARTIAL after the records before it.
     */
    static final class CheckedReader extends Reader {
        private final Reader in;
        private final String charsetName;
        private long position;
        private int windowChars;
        private int windowBad;
        /** Positions of the last {@link TextEncoding#BURST_BAD} bad characters, a ring. */
        private final long[] recentBad = new long[TextEncoding.BURST_BAD];
        private long badSeen;
        /** Set for a split's text: positions of the last MAX_BAD_PER_WINDOW bad characters, a ring; else null. */
        private long[] windowBadRing;
        private long lastBad = -1;
        /** Watched for a split: a bad character among its first WINDOW_CHARS characters. */
        boolean badNearStart;
        /** Watched for a split: more than MAX_BAD_PER_WINDOW bad characters within some WINDOW_CHARS characters. */
        boolean crowdedWindow;

        CheckedReader(Reader in, String charsetName) {
            this.in = in;
            this.charsetName = charsetName;
        }

        /**
         * Watches a split's text for what could make the window rule judge it otherwise than a
         * read of the whole object, whose windows start at the object's first character, not the
         * split's: bad characters crowding some window of any alignment (more than
         * MAX_BAD_PER_WINDOW within WINDOW_CHARS), or lying within WINDOW_CHARS of the split's
         * start or end, where a window of the whole read takes in the neighbour's characters too
         * (and a burst may cross). Without any of these no window of either read has more than
         * MAX_BAD_PER_WINDOW bad characters and bursts are the same in both: both read on alike.
         */
        void watchForSplit() {
            windowBadRing = new long[TextEncoding.MAX_BAD_PER_WINDOW];
        }

        /** Watched for a split, read to its end: a bad character among its last WINDOW_CHARS characters. */
        boolean badNearEnd() {
            return lastBad >= 0 && position - lastBad <= TextEncoding.WINDOW_CHARS;
        }

        /**
         * Counts each char into its window and checks it. The chars up to the next window edge are
         * checked in one loop and counted at its end (and before each bad char, which reads the
         * count): no counter stored per char.
         */
        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            int n = in.read(cbuf, off, len);
            int end = off + Math.max(n, 0);
            int i = off;
            while (i < end) {
                int stop = Math.min(end, i + (TextEncoding.WINDOW_CHARS - windowChars));
                int counted = i; // chars before this one are counted in windowChars
                for (; i < stop; i++) {
                    char c = cbuf[i];
                    if ((c < 0x20 || c >= 0x7F) && TextEncoding.isBad(c)) {
                        windowChars += i - counted;
                        counted = i;
                        bad(position + i - off);
                    }
                }
                windowChars += i - counted;
                if (windowChars == TextEncoding.WINDOW_CHARS) {
                    windowChars = 0;
                    windowBad = 0;
                }
            }
            position += Math.max(n, 0);
            return n;
        }

        private void bad(long at) throws DecodeFailure {
            if (windowBadRing != null) {
                // The slot holds the bad character MAX_BAD_PER_WINDOW before this one: with this one, one too many.
                int ringSlot = (int) (badSeen % windowBadRing.length);
                crowdedWindow |= badSeen >= windowBadRing.length
                        && at - windowBadRing[ringSlot] < TextEncoding.WINDOW_CHARS;
                windowBadRing[ringSlot] = at;
                badNearStart |= at < TextEncoding.WINDOW_CHARS;
                lastBad = at;
            }
            int slot = (int) (badSeen % recentBad.length);
            long oldest = recentBad[slot]; // the bad character BURST_BAD before this one
            recentBad[slot] = at;
            badSeen++;
            if (badSeen > recentBad.length && at - oldest < TextEncoding.BURST_SPAN) {
                throw notText("a run of " + (recentBad.length + 1) + " undecodable or control characters within "
                        + TextEncoding.BURST_SPAN + " at character " + oldest);
            }
            if (++windowBad > TextEncoding.MAX_BAD_PER_WINDOW) {
                throw notText("more than " + TextEncoding.MAX_BAD_PER_WINDOW + " of " + TextEncoding.WINDOW_CHARS
                        + " characters from character " + (at - windowChars) + " undecodable or control characters");
            }
        }

        private DecodeFailure notText(String what) {
            return new DecodeFailure(StatusReason.UNSUPPORTED_FORMAT, "not text as " + charsetName + ": " + what
                    + " (binary or compressed data, or another encoding)");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * UTF-8 with bytes that are not UTF-8 replaced one by one: by U+FFFD, except a byte that is a
     * separator in Windows-1252 (no-break space, en and em dash), which stays that separator. A
     * stray byte must not become a letter glued to a number, nor turn a grouped card number
     * ({@code 4556<A0>7375<A0>...} from a Windows-1252 file) into groups the detectors do not join.
     */
    static final class Utf8Reader extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192);
        private boolean endOfInput;
        private boolean flushed;

        Utf8Reader(InputStream in) {
            this.in = in;
            bytes.flip();
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (flushed) {
                return -1;
            }
            CharBuffer out = CharBuffer.wrap(cbuf, off, len);
            while (out.position() == off) {
                CoderResult r = decoder.decode(bytes, out, endOfInput);
                if (r.isError()) {
                    int n = Math.min(r.length(), out.remaining());
                    for (int i = 0; i < n; i++) {
                        out.put(fallback(bytes.get()));
                    }
                } else if (r.isOverflow() || out.position() > off) {
                    break; // what was decoded goes out before more is read (reading on may fail)
                } else if (endOfInput) {
                    if (!flushed) {
                        decoder.flush(out);
                        flushed = true;
                    }
                    break;
                } else {
                    bytes.compact();
                    int got = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (got < 0) {
                        endOfInput = true;
                    } else {
                        bytes.position(bytes.position() + got);
                    }
                    bytes.flip();
                }
            }
            int n = out.position() - off;
            return n == 0 && endOfInput ? -1 : n;
        }

        private static char fallback(byte b) {
            return switch (b & 0xFF) {
                case 0xA0 -> '\u00A0';
                case 0x96 -> '\u2013';
                case 0x97 -> '\u2014';
                default -> '\uFFFD';
            };
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The rest of a stream that failed while its first bytes were read ahead: fails again, in its place. */
    private static final class FailingStream extends InputStream {
        private final DecodeFailure failure;
        private final InputStream underlying;

        FailingStream(DecodeFailure failure, InputStream underlying) {
            this.failure = failure;
            this.underlying = underlying;
        }

        @Override
        public int read() throws IOException {
            throw failure;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            throw failure;
        }

        @Override
        public void close() throws IOException {
            underlying.close();
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
