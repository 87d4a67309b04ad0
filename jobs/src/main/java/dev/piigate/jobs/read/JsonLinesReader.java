package dev.piigate.jobs.read;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * JSON Lines: one record per line (every line counts, blank ones are records with no values).
 * Each string and number value is delivered with its JSON path ({@code $.messages[2].content},
 * {@code $['billing details'].iban}); numbers because {@code "ssn": 123456789} holds an SSN
 * without quotes. Object keys are data too ({@code {"jane@example.com": 3}}): each key is
 * delivered as a value under the path of the object that holds it. A number with a point or an
 * exponent ({@code 287654321.0}, {@code 4.550112159504165E15}), or a string or key that is wholly
 * one, is delivered as the integer it holds, read exactly from its text ({@link NumberText}); such
 * a key is named by that integer in paths too, so a card number used as a key is masked there.
 * {@code NaN} and {@code Infinity}, which Python's json module writes, are read (as text), not
 * taken for a broken line. {@code true}, {@code false} and {@code null} carry nothing to scan.
 *
 * <p>A line that is not one valid JSON value (or nests deeper than
 * {@link ReadLimits#maxJsonDepth()}) is scanned as raw text under field {@code $} and ends the
 * object PARTIAL/CORRUPT with the line number and the failure's name (never the input). A line
 * is checked whole before delivery, so such a line is delivered once, as raw text, not half parsed
 * and then again raw. Lines are read in place by {@link JsonLineWalker}, which accepts and refuses
 * exactly what a Jackson 2.15 parser did here, with the same failure names. A line longer than
 * {@link ReadLimits#maxValueChars()} is not parsed: it is scanned as overlapping text chunks under {@code $} and the object ends PARTIAL/TOO_LARGE.
 */
final class JsonLinesReader implements RecordReader {
    static final String RAW_FIELD = "$";

    @Override
    public ReadResult read(FileSystem fs, Path path, Configuration conf, ReadLimits limits, RecordSink sink)
            throws IOException {
        return read(() -> Inputs.openText(fs, path, conf), limits, sink);
    }

    /** Reads the lines {@code text} opens: the whole object or one split of it. */
    ReadResult read(LineSource.TextOpener text, ReadLimits limits, RecordSink sink) throws IOException {
        TrackingSink records = new TrackingSink(sink);
        Problems problems = new Problems();
        int room = limits.maxValueChars();
        // A line is checked whole before anything of it is delivered: an invalid line goes out
        // once, as raw text, never half walked.
        JsonLineWalker walker = new JsonLineWalker(limits.maxJsonDepth());
        Delivery delivery = new Delivery(records);
        ReadResult failed = LineSource.readLines(text, room, records, RAW_FIELD,
                index -> problems.add(StatusReason.TOO_LARGE,
                        "line " + index + ": longer than " + room + " characters, scanned as text, not parsed"),
                (index, chars, length) -> {
                    if (isBlank(chars, length)) {
                        return;
                    }
                    String failure = walker.check(chars, 0, length);
                    if (failure == null) {
                        delivery.numbersWritten = true;
                        walker.deliver(chars, 0, length, delivery);
                        if (!delivery.numbersWritten) {
                            problems.add(StatusReason.TOO_LARGE, "line " + index + ": " + NumberText.TOO_LONG);
                        }
                    } else {
                        problems.add(StatusReason.CORRUPT, "line " + index + ": " + failure);
                        records.value(RAW_FIELD, new String(chars, 0, length));
                    }
                });
        if (failed != null) {
            return failed;
        }
        if (records.recordsStarted() == 0) {
            return Inputs.EMPTY_CONTENT;
        }
        return problems.result();
    }

    /** Hands a line's values and keys on through {@link NumberText}, noting a number too long to write out. */
    private static final class Delivery implements JsonLineWalker.Receiver {
        private final RecordSink records;
        boolean numbersWritten;

        Delivery(RecordSink records) {
            this.records = records;
        }

        @Override
        public void value(String path, String text) {
            numbersWritten &= NumberText.deliver(records, path, text);
        }

        @Override
        public void key(String path, String key) {
            numbersWritten &= NumberText.deliverKey(records, path, key);
        }
    }

    /** A line the reader delivers nothing of: white space only ({@link Character#isWhitespace}). */
    static boolean isBlank(char[] chars, int length) {
        for (int i = 0; i < length; i++) {
            if (!Character.isWhitespace(chars[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code .name} for identifiers, else {@code ['odd key']} with quote and backslash escaped. */
    static void appendKey(StringBuilder path, String key) {
        if (isIdentifier(key)) {
            path.append('.').append(key);
            return;
        }
        path.append("['");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\'' || c == '\\') {
                path.append('\\');
            }
            path.append(c);
        }
        path.append("']");
    }

    /**
     * {@code [A-Za-z_][A-Za-z0-9_]*}, checked by hand: this runs for every key of every record, and
     * a regex matcher per key cost about 6% of a JSONL scan.
     */
    static boolean isIdentifier(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
