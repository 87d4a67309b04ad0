package dev.piigate.jobs.read;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The redacted copy of a JSON Lines object. Every line is a record, blank lines too; each line is
 * decoded and walked by the reader's own {@link JsonLineWalker}, and every key, string and number
 * goes through {@link NumberText} to the {@link ValueRedactor} under the path the reader delivers
 * it under ({@link JsonLinesReader}), so the copy judges exactly what the scan judged.
 * <ul>
 * <li>A line with no replacement is written byte for byte, with its own line end.</li>
 * <li>In a line with replacements only the replaced tokens change: each becomes a JSON string
 * holding the redacted text (quote, backslash and control characters escaped, and whatever the
 * object's charset cannot hold); keys, nesting, white space, other values and the line end stay
 * as they were.</li>
 * <li>A number whose text (or the integer {@link NumberText} reads from it) needs a replacement
 * becomes a string: {@code "ssn": 123456789} is written {@code "ssn": "<US_SSN>"}. A string or key
 * that is wholly a decimal number is judged by its integer the same way. When both the integer and
 * the text as written were judged, the token holds the redacted text if that needed a replacement,
 * else the redacted integer.</li>
 * <li>A record the redactor leaves out is left out with its line end.</li>
 * </ul>
 * Fail closed: a line the walker refuses (CORRUPT), as long as {@link ReadLimits#maxValueChars()}
 * or nesting too deep (the scan read it as text, not as JSON), a number too long to write out
 * (TOO_LARGE), bytes that do not decode in a line that needs a replacement, or a replacement that
 * would read as a number in the copy end the rewrite without a COMPLETE result; details name the
 * line and the cause, never data.
 */
final class JsonLinesRewriter implements RecordRewriter {
    /** The longest array the JVM allocates, with a margin. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    @Override
    public ReadResult rewrite(FileSystem fs, Path in, Configuration conf, ReadLimits limits, ValueRedactor redactor,
            FileSystem outFs, Path out) throws IOException {
        requireNonNull(redactor, "redactor");
        int room = limits.maxValueChars();
        return RewriteIo.rewrite(fs, in, conf, outFs, out, (source, copy, lines) -> {
            // Lines are bounded in chars below (as the scan bounds them); a char takes at most 4 bytes
            // (GB18030), so this only stops a line that could never fit before it is held whole.
            RewriteIo.ByteLines raw = new RewriteIo.ByteLines(source.bytes, (int) Math.min(4L * room, MAX_ARRAY));
            LineRewriter line = new LineRewriter(limits.maxJsonDepth(), room, redactor, source.charset);
            while (raw.next()) {
                lines[0]++;
                line.rewrite(raw, copy);
            }
            return lines[0] == 0 ? Inputs.EMPTY_CONTENT : ReadResult.COMPLETE;
        });
    }

    /** Carries a {@link RewriteIo.NotRewritable} out of the walker's callbacks, which throw no checked exception. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RewriteIo.NotRewritable why;

        Refused(RewriteIo.NotRewritable why) {
            super(why.getMessage(), null, false, false);
            this.why = why;
        }
    }

    /** Rewrites one line at a time; reuses its buffers from line to line. Not thread-safe. */
    private static final class LineRewriter implements JsonLineWalker.Receiver {
        private final JsonLineWalker walker;
        private final int room;
        private final ValueRedactor redactor;
        private final Charset charset;
        /** For what a replaced string may hold that the charset cannot; null for UTF-8, which holds everything. */
        private final CharsetEncoder encoder;
        private final Judge judge;
        /** Strict (bad bytes are reported, not replaced); null for another charset. */
        private final CharsetDecoder utf8;
        private char[] chars = new char[8192];
        private final StringBuilder rewritten = new StringBuilder();
        /** How much of {@link #chars} is in {@link #rewritten}; 0 while the line has no replacement. */
        private int copiedTo;
        private boolean replaced;
        private long index;

        LineRewriter(int maxDepth, int room, ValueRedactor redactor, Charset charset) {
            this.walker = new JsonLineWalker(maxDepth);
            this.room = room;
            this.redactor = redactor;
            this.charset = charset;
            this.encoder = charset.equals(StandardCharsets.UTF_8) ? null : charset.newEncoder();
            this.judge = new Judge(redactor);
            this.utf8 = charset.equals(StandardCharsets.UTF_8) ? StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT) : null;
        }

        void rewrite(RewriteIo.ByteLines raw, OutputStream out) throws IOException {
            index = raw.index();
            if (!redactor.judges(index)) {
                // Nothing of it is judged: copied as read, not even decoded (the scan read it whole).
                redactor.startRecord(index);
                if (redactor.endRecord()) {
                    raw.writeAsRead(out);
                }
                return;
            }
            int length = decode(raw.bytes(), raw.length());
            if (length >= room) {
                // The scan read it as overlapping text chunks, not as JSON: its tokens were never judged.
                throw new RewriteIo.NotRewritable(StatusReason.TOO_LARGE,
                        "line " + index + ": " + room + " characters or more, not parsed");
            }
            redactor.startRecord(index);
            replaced = false;
            copiedTo = 0;
            rewritten.setLength(0);
            if (!JsonLinesReader.isBlank(chars, length)) {
                String failure = walker.check(chars, 0, length);
                if (failure != null) {
                    throw new RewriteIo.NotRewritable(StatusReason.CORRUPT, "line " + index + ": " + failure);
                }
                try {
                    walker.deliver(chars, 0, length, this);
                } catch (Refused r) {
                    throw r.why;
                }
            }
            if (!redactor.endRecord()) {
                return;
            }
            if (!replaced) {
                raw.writeAsRead(out);
                return;
            }
            rewritten.append(chars, copiedTo, length - copiedTo);
            String original = new String(chars, 0, length);
            out.write(RewriteIo.encode(rewritten.toString(), original, raw.bytes(), raw.length(), charset, index));
            raw.writeEnd(out);
        }

        /**
         * Decodes the line into {@link #chars} as {@link RewriteIo#decode} does, and returns its
         * length. Most lines are ASCII or valid UTF-8, which a strict decoder turns into the same
         * chars without the reader and buffers {@code decode} makes per line; any other line goes
         * through {@code decode} itself.
         */
        private int decode(byte[] bytes, int length) throws IOException {
            if (utf8 != null) {
                // UTF-8 never gives more chars than bytes.
                if (chars.length < length) {
                    chars = new char[Math.max(length, chars.length * 2)];
                }
                int ascii = 0;
                while (ascii < length && bytes[ascii] >= 0) {
                    chars[ascii] = (char) bytes[ascii];
                    ascii++;
                }
                if (ascii == length) {
                    return length;
                }
                CharBuffer decoded = CharBuffer.wrap(chars);
                decoded.position(ascii);
                utf8.reset();
                if (!utf8.decode(ByteBuffer.wrap(bytes, ascii, length - ascii), decoded, true).isError()
                        && !utf8.flush(decoded).isError()) {
                    return decoded.position();
                }
            }
            String text = RewriteIo.decode(bytes, length, charset);
            if (chars.length < text.length()) {
                chars = new char[Math.max(text.length(), chars.length * 2)];
            }
            text.getChars(0, text.length(), chars, 0);
            return text.length();
        }

        @Override
        public void value(String path, String text) {
            throw new IllegalStateException("the walker delivers values with their spans");
        }

        @Override
        public void key(String path, String key) {
            throw new IllegalStateException("the walker delivers keys with their spans");
        }

        @Override
        public void value(String path, String text, int from, int to) {
            judge.changed = null;
            token(NumberText.deliver(judge, path, text), from, to);
        }

        @Override
        public void key(String path, String key, int from, int to) {
            judge.changed = null;
            token(NumberText.deliverKey(judge, path, key), from, to);
        }

        /** After the token {@code chars[from, to)} was judged: substitutes its replacement, if any. */
        private void token(boolean written, int from, int to) {
            if (!written) {
                // The reader scanned such a number as written and did not call the object COMPLETE.
                throw new Refused(new RewriteIo.NotRewritable(StatusReason.TOO_LARGE,
                        "line " + index + ": " + NumberText.TOO_LONG));
            }
            String replacement = judge.changed;
            if (replacement == null) {
                return;
            }
            if (NumberText.parse(replacement) != null) {
                // The copy's scan would judge another text (its integer) than the one made clean.
                throw new ValueRedactor.Unredactable("line " + index + ": a replacement that reads as a number");
            }
            rewritten.append(chars, copiedTo, from - copiedTo);
            appendJsonString(rewritten, replacement, encoder);
            copiedTo = to;
            replaced = true;
        }
    }

    /**
     * What {@link NumberText} delivers of one token, each text through the redactor as the scan's
     * sink would receive it (values as values, keys as names); keeps the last replacement.
     */
    private static final class Judge implements RecordSink {
        private final ValueRedactor redactor;
        String changed;

        Judge(ValueRedactor redactor) {
            this.redactor = redactor;
        }

        @Override
        public void value(String field, String value) {
            note(value, redactor.replace(field, value));
        }

        @Override
        public void key(String field, String key) {
            note(key, redactor.replaceKey(field, key));
        }

        private void note(String text, String result) {
            // Identity first (the contract's "nothing to replace"), inside String.equals.
            if (!result.equals(text)) {
                changed = result;
            }
        }

        @Override
        public void startRecord(long index) {
            throw new IllegalStateException("NumberText delivers values only");
        }

        @Override
        public void endRecord() {
            throw new IllegalStateException("NumberText delivers values only");
        }
    }

    /**
     * {@code text} as a JSON string literal: quote, backslash and control characters escaped, as
     * are lone surrogates and what {@code encoder}'s charset cannot hold (null: everything it can);
     * every other character as it is.
     */
    static void appendJsonString(StringBuilder out, String text, CharsetEncoder encoder) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        char low = text.charAt(++i);
                        if (encoder == null || encoder.canEncode(new String(new char[] {c, low}))) {
                            out.append(c).append(low);
                        } else {
                            unicodeEscape(out, c);
                            unicodeEscape(out, low);
                        }
                    } else if (c < 0x20 || Character.isSurrogate(c)
                            || (c >= 0x80 && encoder != null && !encoder.canEncode(c))) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        for (int k = hex.length(); k < 4; k++) {
            out.append('0');
        }
        out.append(hex);
    }
}
