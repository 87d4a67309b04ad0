package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * {@link JsonLineWalker} against the reader it replaced: a Jackson 2.15 parser per line, kept here
 * as the oracle, exactly as the reader used it. For every line both must give the same failure
 * text (null for a valid line) and, for a valid line, the same (path, value) and (path, key)
 * sequence. A table of hand-picked lines, then seeded random lines, valid and broken.
 */
class JsonLineWalkerTest {
    private static final int MAX_DEPTH = 6;

    static Stream<String> lines() {
        String digits1000 = "1".repeat(1000);
        return Stream.of(
                // Valid: paths, odd keys, escapes, numbers, non-numeric numbers.
                "{\"messages\":[{\"role\":\"customer\",\"content\":\"hi\"},{\"content\":\"x\"},{\"a\":[1,true,null,\"z\"]}]}",
                "{\"odd key\":1,\"it's\":\"q\",\"back\\\\slash\":2,\"\":3,\"1a\":[],\"caf\u00e9\":{}}",
                "{\"4556737586899855.0\":\"card key\",\"12.5\":{\"x\":1}}",
                "\"root string\"", "123", "-0", "0", "1.5e3", "-1.0E-7", "287654321.0", "4.550112159504165E15",
                "NaN", "Infinity", "-Infinity", "+Infinity", "+INF", "-INF", "[NaN,-INF,+INF,Infinity,-Infinity]",
                "true", "false", "null", "[]", "{}", " [ ] ", "\t{\"a\" : 1 }\t",
                "{\"a\":\"\\u0041\\ud83d\\ude00\\n\\t\\\"\\/\\b\\f\\r\\\\\"}", "[\"\\ud800 lone\", \"\\uDFFF\"]",
                "{\"a\":1,\"a\":2}", "[[[[[\"deep\"]]]]]", "[[[[[[\"too deep\"]]]]]]", "[[[[[[[1]]]]]]]",
                "[[[[[[ bad", "[1, [[[[[[",
                "{\"a\":\"\u00e9\u4e2d\ud83d\ude00\"}", "[\"\u2028\u00a0\u007f\"]",
                // Numbers at the length limit, at root (Jackson's slow path) and nested.
                digits1000, digits1000 + "1", "[" + digits1000 + "]", "[" + digits1000 + "1]",
                "[" + digits1000 + ".5]", "[" + "1".repeat(998) + ".5]", "1".repeat(999) + ".5", "1".repeat(998) + ".5",
                "1".repeat(999) + "e5", "1".repeat(998) + ".5e5", "[" + "1".repeat(998) + "e5]",
                "0." + "1".repeat(999), "[0." + "1".repeat(999) + "]", "[0." + "1".repeat(998) + "]",
                digits1000 + ".5", digits1000 + "e5", "[" + digits1000 + "e5]", "0." + digits1000, "[0." + digits1000 + "]",
                "[0e" + digits1000 + "]", "-0." + digits1000, "[-" + digits1000 + "1]", "-" + digits1000,
                // Broken: every way Jackson names a failure.
                "{", "[", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "[1,", "[1", "\"abc", "\"a\\", "\"\\u12",
                "{]", "[}", "{\"a\":1]", "[1,]", "{\"a\":1,}", "[,1]", "{,}", "{\"a\" 1}", "{a:1}", "{'a':1}",
                "01", "-01", "00", "1.", "1.e5", ".5", "1e", "1e+", "1e+x", "-", "+", "-x", "+1", "-I", "-Inf",
                "-Infinit", "-INFx", "NaNa", "NaN1", "NaN-1", "Infinityx", "truex", "true1", "true-1", "true\"a\"",
                "true[1]", "true{}", "tru", "nul", "fals", "[truex]", "[true:]", "123x", "123 x", "123]", "1 2",
                "{} {}", "{} 1", "{} \"x", "{} ]", "{} }", "{} ,", "{} x", "{} truex", "{} -", "{} 1x", "{}1",
                "[1]x", "[1] 1.", "{} NaN", "{} +", "{}/", "{} /", "[1]\u000b", "\u000c[1]", "[\"a\u0001\"]",
                "{\"a\u0000\":1}", "[\"\\x\"]", "[\"\\u00g0\"]", "[\"\\'\"]", "\ufeff[1]", "[1]\ufeff", "[1\u00a0]",
                "[1.5.3]", "[-]", "[--1]", "[1e5e5]", "[0x10]", "[1,,2]", "{\"a\":1 \"b\":2}", "[\"a\" \"b\"]",
                "[1 2]", "{\"a\"::1}", "[#]", "[ /* c */ 1]", "\u0000", "\"\\ud83d", "[\"\\");
    }

    @ParameterizedTest
    @MethodSource("lines")
    void walksEveryLineAsJacksonDid(String line) {
        assertThat(walker(line)).isEqualTo(jackson(line));
    }

    /** The alphabet broken lines are made of: JSON's own characters and the ones near its edges. */
    private static final String NOISE = "{}[]:,\"\\ ,.-+eE0123456789tfnNIaxu/'\t\u0001\u00e9\u4e2d\ud83d\ude00\ufeff";

    @Test
    void randomLinesWalkAsJacksonDid() {
        Random random = new Random(16);
        int valid = 0;
        int failed = 0;
        for (int i = 0; i < 30_000; i++) {
            String text = randomLine(random, i);
            if (text.isBlank()) {
                continue;
            }
            Walk expected = jackson(text);
            assertThat(walker(text)).as("line %s", text).isEqualTo(expected);
            if (expected.failure() == null) {
                valid++;
            } else {
                failed++;
            }
        }
        // Both kinds were tried in numbers, not only one.
        assertThat(valid).isGreaterThan(5_000);
        assertThat(failed).isGreaterThan(5_000);
    }

    /** A random JSON value, broken by up to three edits in two lines of three. */
    private static String randomLine(Random random, int i) {
        StringBuilder line = new StringBuilder();
        value(random, line, 0);
        int edits = i % 3 == 0 ? 0 : random.nextInt(3) + 1;
        for (int e = 0; e < edits && line.length() > 0; e++) {
            int at = random.nextInt(line.length());
            switch (random.nextInt(4)) {
                case 0 -> line.deleteCharAt(at);
                case 1 -> line.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 2 -> line.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                default -> line.setLength(at);
            }
        }
        if (random.nextInt(10) == 0) {
            line.append(' ').append(random.nextBoolean() ? "1" : "{}");
        }
        return line.toString();
    }

    /**
     * The whole reader on a file of such lines (and blank ones, and a too-long one): records, values
     * and the object's result are what the Jackson reader's rules give (blank lines: a record with
     * nothing; an invalid line: raw under {@code $}, CORRUPT; keys and values through NumberText).
     */
    @Test
    void theReaderDeliversWhatTheJacksonReaderDid() throws IOException {
        Random random = new Random(1616);
        ReadLimits limits = new ReadLimits(1024, 4096, 20_000, MAX_DEPTH);
        StringBuilder file = new StringBuilder();
        List<String> lines = new ArrayList<>();
        RecordingSink expected = new RecordingSink();
        Problems problems = new Problems();
        for (int i = 0; i < 2_000; i++) {
            String line = i % 50 == 7 ? " \t " : randomLine(random, i);
            while (!storable(line)) {
                line = randomLine(random, i);
            }
            file.append(line).append(i % 2 == 0 ? "\n" : "\r\n");
            lines.add(line);
            expected.startRecord(i);
            if (!line.isBlank()) {
                Walk walk = jackson(line);
                if (walk.failure() != null) {
                    problems.add(StatusReason.CORRUPT, "line " + i + ": " + walk.failure());
                    expected.value(JsonLinesReader.RAW_FIELD, line);
                } else {
                    boolean written = true;
                    for (Delivered d : walk.delivered()) {
                        written &= d.key() ? NumberText.deliverKey(expected, d.path(), d.text())
                                : NumberText.deliver(expected, d.path(), d.text());
                    }
                    if (!written) {
                        problems.add(StatusReason.TOO_LARGE, "line " + i + ": " + NumberText.TOO_LONG);
                    }
                }
            }
            expected.endRecord();
        }
        org.apache.hadoop.fs.Path path = TestFiles.write(dir, "random.jsonl", file.toString());
        RecordingSink actual = new RecordingSink();

        ReadResult result = Readers.forFormat(Format.JSONL).read(TestFiles.localFs(), path, TestFiles.conf(), limits,
                actual);

        assertThat(actual.records()).hasSameSizeAs(expected.records());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(actual.records().get(i)).as("line %d: %s", i, lines.get(i)).isEqualTo(expected.records().get(i));
        }
        assertThat(result).isEqualTo(problems.result());
        assertThat(result.status()).isEqualTo(ScanStatus.PARTIAL); // broken lines were there
    }

    @TempDir
    java.nio.file.Path dir;

    /**
     * Whether a line reads back from a UTF-8 file as it was written: no lone surrogate (written as
     * {@code ?}), no byte order mark (dropped at the start of a file), no control characters (too
     * many make the file "not text"). The walker test above has all of those.
     */
    private static boolean storable(String line) {
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (Character.isHighSurrogate(c) && k + 1 < line.length() && Character.isLowSurrogate(line.charAt(k + 1))) {
                k++;
            } else if (Character.isSurrogate(c) || c == '\ufeff' || (c < 0x20 && c != '\t')) {
                return false;
            }
        }
        return true;
    }

    private static void value(Random random, StringBuilder out, int depth) {
        int kind = random.nextInt(depth >= MAX_DEPTH + 1 ? 4 : 7);
        switch (kind) {
            case 0 -> string(random, out);
            case 1 -> number(random, out);
            case 2 -> out.append(new String[] {"true", "false", "null", "NaN", "Infinity", "-Infinity", "+INF"}
                    [random.nextInt(7)]);
            case 3 -> number(random, out);
            case 4, 5 -> {
                out.append('{');
                int n = random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        out.append(random.nextInt(5) == 0 ? " , " : ",");
                    }
                    string(random, out);
                    out.append(random.nextInt(5) == 0 ? " : " : ":");
                    value(random, out, depth + 1);
                }
                out.append('}');
            }
            default -> {
                out.append('[');
                int n = random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        out.append(',');
                    }
                    value(random, out, depth + 1);
                }
                out.append(']');
            }
        }
    }

    private static final String[] PIECES = {"a", "b", "key", "odd key", "it's", "x\\y", "caf\u00e9", "\u4e2d",
        "\ud83d\ude00", "12.5", "4556737586899855.0", "1e3", " 7.0 ", "", "_id", "A9"};
    private static final String[] ESCAPES = {"\\n", "\\\"", "\\\\", "\\/", "\\u0041", "\\u00e9", "\\ud83d\\ude00",
        "\\ud800", "\\t", "\\b", "\\f", "\\r", "\\u0027"};

    private static void string(Random random, StringBuilder out) {
        out.append('"');
        int n = random.nextInt(3);
        for (int k = 0; k < n; k++) {
            out.append(random.nextInt(4) == 0 ? ESCAPES[random.nextInt(ESCAPES.length)]
                    : PIECES[random.nextInt(PIECES.length)]);
        }
        out.append('"');
    }

    private static void number(Random random, StringBuilder out) {
        if (random.nextBoolean()) {
            out.append('-');
        }
        out.append(random.nextInt(4) == 0 ? "0" : Integer.toString(random.nextInt(1_000_000_000)));
        if (random.nextBoolean()) {
            out.append('.').append(random.nextInt(1000));
        }
        if (random.nextInt(3) == 0) {
            out.append(random.nextBoolean() ? 'e' : 'E').append(new String[] {"", "+", "-"}[random.nextInt(3)])
                    .append(random.nextInt(40));
        }
    }

    /** One key or value a line delivered. */
    record Delivered(boolean key, String path, String text) {
    }

    /** What a line gave: its failure text, or null and what it delivered. */
    record Walk(String failure, List<Delivered> delivered) {
    }

    private static Walk walker(String line) {
        JsonLineWalker walker = new JsonLineWalker(MAX_DEPTH);
        char[] chars = ("junk" + line + "junk").toCharArray(); // a range of a bigger array, as the reader gives it
        String failure = walker.check(chars, 4, 4 + line.length());
        List<Delivered> delivered = new ArrayList<>();
        if (failure == null) {
            walker.deliver(chars, 4, 4 + line.length(), new JsonLineWalker.Receiver() {
                @Override
                public void value(String path, String text) {
                    delivered.add(new Delivered(false, path, text));
                }

                @Override
                public void key(String path, String key) {
                    delivered.add(new Delivered(true, path, key));
                }
            });
        }
        return new Walk(failure, delivered);
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(Math.max(MAX_DEPTH + 1, StreamReadConstraints.DEFAULT_MAX_DEPTH))
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** The reader's Jackson code before the walker (JsonLinesReader.parse at 6793c08), collecting what it delivered. */
    private static Walk jackson(String line) {
        List<Delivered> out = new ArrayList<>();
        String failure = parse(line, out);
        return new Walk(failure, failure == null ? out : List.of());
    }

    private static String parse(String line, List<Delivered> out) {
        int maxDepth = MAX_DEPTH;
        StringBuilder path = new StringBuilder(JsonLinesReader.RAW_FIELD);
        int capacity = Math.min(maxDepth, 15) + 1;
        int[] nextIndex = new int[capacity];
        boolean[] isArray = new boolean[capacity];
        int[] pathLength = new int[capacity];
        int depth = 0;
        String pendingName = null;
        try (JsonParser parser = FACTORY.createParser(line)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return "no JSON value";
            }
            do {
                switch (token) {
                    case FIELD_NAME -> {
                        String name = parser.currentName();
                        out.add(new Delivered(true, path.toString(), name));
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
                        out.add(new Delivered(false, path.toString(), parser.getText()));
                        path.setLength(before);
                    }
                    default -> {
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
            JsonLinesReader.appendKey(path, pendingName);
        }
    }
}
