package dev.piigate.jobs.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;

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
 * object PARTIAL/CORRUPT with the line number and the exception class. Values of a line are
 * collected before delivery, so such a line is delivered once, as raw text, not half parsed and
 * then again raw. A line longer than {@link ReadLimits#maxValueChars()} is not parsed: it is
 * scanned as overlapping text chunks under {@code $} and the object ends PARTIAL/TOO_LARGE.
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
        // Our own limits decide; Jackson's defaults (string length, nesting) must not cut in first.
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNestingDepth(Math.max(limits.maxJsonDepth() + 1, StreamReadConstraints.DEFAULT_MAX_DEPTH))
                        .build())
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        TrackingSink records = new TrackingSink(sink);
        Problems problems = new Problems();
        int room = limits.maxValueChars();
        List<String[]> values = new ArrayList<>();
        ReadResult failed = LineSource.readRecords(text, room, records, RAW_FIELD,
                index -> problems.add(StatusReason.TOO_LARGE,
                        "line " + index + ": longer than " + room + " characters, scanned as text, not parsed"),
                (index, buffer) -> {
                    if (isBlank(buffer)) {
                        return;
                    }
                    values.clear();
                    String line = buffer.toString();
                    String failure = parse(factory, line, limits.maxJsonDepth(), values);
                    if (failure == null) {
                        boolean numbersWritten = true;
                        for (String[] v : values) {
                            numbersWritten &= v.length == 3 ? NumberText.deliverKey(records, v[0], v[1])
                                    : NumberText.deliver(records, v[0], v[1]);
                        }
                        if (!numbersWritten) {
                            problems.add(StatusReason.TOO_LARGE, "line " + index + ": " + NumberText.TOO_LONG);
                        }
                    } else {
                        problems.add(StatusReason.CORRUPT, "line " + index + ": " + failure);
                        records.value(RAW_FIELD, line);
                    }
                }, false);
        if (failed != null) {
            return failed;
        }
        if (records.recordsStarted() == 0) {
            return Inputs.EMPTY_CONTENT;
        }
        return problems.result();
    }

    private static boolean isBlank(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Collects {path, value} pairs of one line into {@code out}, and {path, key, "key"} for keys.
     *
     * @return null when the line is one valid JSON value, else why not (no content)
     */
    static String parse(JsonFactory factory, String line, int maxDepth, List<String[]> out) {
        StringBuilder path = new StringBuilder(RAW_FIELD);
        // Per open container: is it an array, its next index, the path length before it.
        // Sized for ordinary nesting and grown up to maxDepth + 1 on demand: allocating the full
        // depth for every line cost more than the line itself.
        int capacity = Math.min(maxDepth, 15) + 1;
        int[] nextIndex = new int[capacity];
        boolean[] isArray = new boolean[capacity];
        int[] pathLength = new int[capacity];
        int depth = 0;
        String pendingName = null;
        try (JsonParser parser = factory.createParser(line)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return "no JSON value";
            }
            do {
                switch (token) {
                    case FIELD_NAME -> {
                        String name = parser.currentName();
                        out.add(new String[] {path.toString(), name, "key"});
                        pendingName = NumberText.pathKey(name);
                    }
                    case START_OBJECT, START_ARRAY -> {
                        if (depth == maxDepth) {
                            return "nesting deeper than " + maxDepth;
                        }
                        if (depth + 1 == nextIndex.length) {
                            int grown = Math.min(maxDepth + 1, nextIndex.length * 2);
                            nextIndex = Arrays.copyOf(nextIndex, grown);
                            isArray = Arrays.copyOf(isArray, grown);
                            pathLength = Arrays.copyOf(pathLength, grown);
                        }
                        int before = path.length();
                        appendSegment(path, depth, isArray, nextIndex, pendingName);
                        depth++;
                        isArray[depth] = token == JsonToken.START_ARRAY;
                        nextIndex[depth] = 0;
                        pathLength[depth] = before;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.setLength(pathLength[depth]);
                        depth--;
                    }
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        int before = path.length();
                        appendSegment(path, depth, isArray, nextIndex, pendingName);
                        out.add(new String[] {path.toString(), parser.getText()});
                        path.setLength(before);
                    }
                    default -> {
                        // true, false, null: nothing to scan, but arrays still count them.
                        if (depth > 0 && isArray[depth]) {
                            nextIndex[depth]++;
                        }
                    }
                }
                token = depth == 0 ? null : parser.nextToken();
            } while (token != null);
            if (parser.nextToken() != null) {
                return "more than one JSON value";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            // Jackson's messages quote the input: only the class leaves.
            return e.getClass().getSimpleName();
        }
    }

    private static void appendSegment(StringBuilder path, int depth, boolean[] isArray, int[] nextIndex,
            String pendingName) {
        if (depth == 0) {
            return;
        }
        if (isArray[depth]) {
            path.append('[').append(nextIndex[depth]++).append(']');
        } else {
            appendKey(path, pendingName);
        }
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
    private static boolean isIdentifier(String key) {
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
