package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON paths of keys and of deep nesting: the hand-written identifier check and the grown depth arrays. */
class JsonLinesPathsTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void keysThatAreIdentifiersUseDotsAndOthersAreQuoted() {
        assertThat(path("a1")).isEqualTo("$.a1");
        assertThat(path("_x")).isEqualTo("$._x");
        assertThat(path("A_Z9")).isEqualTo("$.A_Z9");
        assertThat(path("1a")).isEqualTo("$['1a']");
        assertThat(path("")).isEqualTo("$['']");
        assertThat(path("a-b")).isEqualTo("$['a-b']");
        assertThat(path("caf\u00e9")).isEqualTo("$['caf\u00e9']");
        assertThat(path("\uff41")).isEqualTo("$['\uff41']"); // fullwidth a is not an ASCII letter
        assertThat(path("a b")).isEqualTo("$['a b']");
    }

    private static String path(String key) {
        StringBuilder sb = new StringBuilder("$");
        JsonLinesReader.appendKey(sb, key);
        return sb.toString();
    }

    @Test
    void deepNestingKeepsItsPathsUpToTheLimitAndIsCorruptBeyondIt() throws IOException {
        ReadLimits limits = new ReadLimits(1024, 4096, 20_000, 40);
        Path ok = TestFiles.write(dir, "deep.jsonl", nested(40, "\"v\"") + "\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(ok, limits, sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        String arrays = "[0]".repeat(39);
        assertThat(sink.record(0).values()).containsExactly(new RecordingSink.Value("$" + arrays + "[0]", "v"));

        Path tooDeep = TestFiles.write(dir, "deeper.jsonl", nested(41, "\"v\"") + "\n");
        assertThat(read(tooDeep, limits, new RecordingSink()))
                .isEqualTo(ReadResult.partial(StatusReason.CORRUPT, "line 0: nesting deeper than 40"));
    }

    private static String nested(int depth, String value) {
        return "[".repeat(depth) + value + "]".repeat(depth);
    }

    private static ReadResult read(Path path, ReadLimits limits, RecordSink sink) throws IOException {
        return Readers.forFormat(Format.JSONL).read(TestFiles.localFs(), path, TestFiles.conf(), limits, sink);
    }
}
