package dev.piigate.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.util.CollectionAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.scan.TaskSlices;
import scala.Tuple2;

/**
 * How a ledger part is cut into lines and each line judged, without Spark: the same lines as a
 * plain split at line feeds, and the verdicts of a full JSON parse of each entry.
 */
class LedgerReadTest {
    private static final String SETTINGS = "s".repeat(64);
    private static final String ENTRY = "{\"schema\":" + StateRun.SCHEMA_VERSION + ",\"settings\":\"" + SETTINGS
            + "\",\"task\":\"t1\",\"findings\":[{\"preview\":\"***\",\"evidence\":[\"KEYWORD\"]}],"
            + "\"status\":\"COMPLETE\",\"writtenAt\":1764806400000,\"result\":{\"types\":{}}}";

    /** Part texts: line lengths around the reader's 64 KiB chunk, empty lines, no final line feed, non-ASCII. */
    static Stream<Arguments> parts() {
        return Stream.of(
                Arguments.of("lines", "a\nbb\nccc\n"),
                Arguments.of("no final line feed", "a\nbb\nccc"),
                Arguments.of("empty lines", "\n\na\n\n"),
                Arguments.of("one chunk exactly", "x".repeat((1 << 16) - 1) + "\n"),
                Arguments.of("a line over a chunk border", "y".repeat(1 << 16) + "\nz\n"),
                Arguments.of("lines of many chunks", ("q".repeat(70_001) + "\n").repeat(5) + "w".repeat(140_000)),
                Arguments.of("non-ASCII", "Zoë 日本\nü\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parts")
    void linesAreThoseOfASplitAtLineFeeds(String what, String part) throws IOException {
        List<String> expected = new ArrayList<>(List.of(part.split("\n", -1)));
        if (part.endsWith("\n")) {
            expected.remove(expected.size() - 1); // a final line feed ends the last line; it opens none
        }
        assertThat(lines(part, 1 << 20, 1 << 16)).isEqualTo(expected);
        assertThat(lines(part, 1 << 20, 7)).as("read in 7-byte pieces").isEqualTo(expected);
    }

    @ParameterizedTest(name = "a line of {0} bytes with a limit of 100")
    @ValueSource(ints = {101, 1000, 70_000})
    void aLineTooLongIsHandedOnAsNullAndTheNextLinesStillRead(int length) throws IOException {
        String part = "ok\n" + "L".repeat(length) + "\nnext\n" + "M".repeat(length);
        assertThat(lines(part, 100, 1 << 16)).containsExactly("ok", null, "next", null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{}",
        "[]",
        "{\"task\":\"t1\"}",
        "{\"task\":{\"nested\":\"t1\"},\"status\":\"COMPLETE\",\"writtenAt\":1,\"settings\":\"S\",\"schema\":1}",
        "{\"task\":\"t1\",\"status\":\"COMPLETE\",\"writtenAt\":\"1\",\"settings\":\"S\",\"schema\":1}",
        "{\"task\":\"t1\",\"status\":\"COMPLETE\",\"writtenAt\":1,\"settings\":[\"S\"],\"schema\":1}",
        "{\"task\":\"t1\",\"status\":\"COMPLETE\",\"writtenAt\":1,\"settings\":\"S\",\"schema\":1,\"x\":[1,2}",
        "{\"task\":\"t1\",\"status\":\"COMPLETE\",\"writtenAt\":1,\"settings\":\"S\",\"schema\":1} {}",
        "{\"task\":\"t1\",\"status\":\"COMPLETE\",\"writtenAt\":1,\"settings\":\"S\",\"schema\":1,",
        "{\"task\":\"t1\",\"status\":\"COMPLETE\",\"writtenAt\":1,\"settings\":\"S\",\"schema\":2}",
        "{\"task\":\"t1\",\"status\":\"COMPLETE\",\"writtenAt\":1,\"settings\":\"other\",\"schema\":1}",
        "{\"task\":\"t1\",\"status\":\"FAILED\",\"writtenAt\":1,\"settings\":\"S\",\"schema\":1}",
        "{\"task\":\"t1\",\"status\":\"COMPLETE\",\"writtenAt\":1,\"settings\":\"S\",\"schema\":1,\"findings\":[{\"a\":[]}]}",
    })
    void aLineIsJudgedAsAFullParseOfItsEntryWould(String template) {
        String entry = template.replace("\"S\"", "\"" + SETTINGS + "\"").replace("\"schema\":1",
                "\"schema\":" + StateRun.SCHEMA_VERSION);
        byte[] line = EntryLine.frame(entry).getBytes(StandardCharsets.UTF_8);
        LedgerRead.Line read = LedgerRead.verify(new JsonFactory(), line, line.length, "part-x", SETTINGS);
        assertThat(read.kind()).isEqualTo(byTree(entry));
        assertThat(read.part()).isEqualTo("part-x");
        if (read.kind() == LedgerRead.Kind.OK) {
            assertThat(new String(read.entry(), StandardCharsets.UTF_8)).isEqualTo(entry);
            assertThat(read.task()).isEqualTo("t1");
            assertThat(read.complete()).isEqualTo(entry.contains("COMPLETE"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"whole", "a digest digit changed", "cut"})
    void aWrittenEntryIsOkOnlyWhileItsBytesAreTheWritersOnes(String damage) {
        String line = EntryLine.frame(ENTRY);
        line = switch (damage) {
            case "a digest digit changed" -> line.substring(0, 11) + (line.charAt(11) == '0' ? '1' : '0')
                    + line.substring(12);
            case "cut" -> line.substring(0, line.length() / 2);
            default -> line;
        };
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        LedgerRead.Line read = LedgerRead.verify(new JsonFactory(), bytes, bytes.length, "part-x", SETTINGS);
        assertThat(read.kind()).isEqualTo(damage.equals("whole") ? LedgerRead.Kind.OK : LedgerRead.Kind.DAMAGED);
        assertThat(read.writtenAt()).isEqualTo(damage.equals("whole") ? 1764806400000L : 0L);
    }

    /**
     * One partition's parts as the scan's first stage reads them: the entries of this run's tasks go
     * on; an entry of another task, a damaged line and a part gone since the listing are counted
     * (the part named), once, when the last part is read.
     */
    @Test
    void aPartitionHandsOnItsTasksEntriesAndCountsWhatItCouldNotUse(@TempDir Path dir) throws IOException {
        String other = ENTRY.replace("\"t1\"", "\"t9\"");
        Path good = Files.writeString(dir.resolve("part-a.jsonl"), EntryLine.frame(ENTRY) + "\n"
                + EntryLine.frame(other) + "\n" + EntryLine.frame(ENTRY).substring(0, 40) + "\n", StandardCharsets.UTF_8);
        Path gone = dir.resolve("part-b.jsonl"); // listed, then gone before it was read
        CollectionAccumulator<LedgerRead.Counts> counts = new CollectionAccumulator<>();
        TaskSlices slices = TaskSlices.of(List.of(List.of(), List.of(new Tuple2<>("t1", null))));

        Iterator<Tuple2<String, LedgerRead.Line>> read = new LedgerRead.Verify(SETTINGS, slices, counts)
                .call(3, List.of(good.toUri().toString(), gone.toUri().toString()).iterator());
        List<String> tasks = new ArrayList<>();
        read.forEachRemaining(t -> tasks.add(t._1()));

        assertThat(tasks).containsExactly("t1");
        assertThat(slices.getPartition("t1")).isEqualTo(1);
        assertThat(counts.value()).containsExactly(new LedgerRead.Counts(3, 1, 1, 1,
                List.of("part-a.jsonl", "part-b.jsonl")));
    }

    /** The rule as a full parse states it (the reader before it read entries as a stream). */
    private static LedgerRead.Kind byTree(String entry) {
        JsonNode e;
        try {
            ObjectMapper json = new ObjectMapper();
            var parser = json.getFactory().createParser(entry);
            e = json.readTree(parser);
            if (parser.nextToken() != null) {
                return LedgerRead.Kind.DAMAGED; // one entry to a line, nothing after it
            }
        } catch (IOException x) {
            return LedgerRead.Kind.DAMAGED;
        }
        if (e == null || !e.isObject() || !e.path("task").isTextual() || !e.path("status").isTextual()
                || !e.path("writtenAt").isIntegralNumber() || !e.path("settings").isTextual()) {
            return LedgerRead.Kind.DAMAGED;
        }
        return e.path("schema").asInt(-1) == StateRun.SCHEMA_VERSION && SETTINGS.equals(e.path("settings").asText())
                ? LedgerRead.Kind.OK : LedgerRead.Kind.OTHER;
    }

    private static List<String> lines(String part, int maxLineBytes, int piece) throws IOException {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, piece)); // a stream may return less than asked
            }
        };
        List<String> lines = new ArrayList<>();
        LedgerRead.LineReader reader = new LedgerRead.LineReader(in, maxLineBytes);
        while (reader.next()) {
            lines.add(reader.tooLong() ? null : new String(reader.bytes(), 0, reader.length(), StandardCharsets.UTF_8));
        }
        assertThat(reader.next()).as("the end stays the end").isFalse();
        return lines;
    }
}
