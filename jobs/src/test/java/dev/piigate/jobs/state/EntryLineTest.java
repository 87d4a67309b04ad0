package dev.piigate.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A ledger line reads back only as written: any change to its bytes makes it damaged. */
class EntryLineTest {
    private static final String ENTRY =
            "{\"schema\":1,\"task\":\"ab\",\"status\":\"COMPLETE\",\"note\":\"Zoë 日本\"}";

    /** The entry of a line, read as the ledger reader reads it: from a reused buffer longer than the line. */
    static String entry(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = Arrays.copyOf(bytes, bytes.length + 17);
        Arrays.fill(buffer, bytes.length, buffer.length, (byte) '}');
        byte[] entry = EntryLine.entry(buffer, bytes.length);
        return entry == null ? null : new String(entry, StandardCharsets.UTF_8);
    }

    @Test
    void aLineReadsBackItsEntry() throws Exception {
        String line = EntryLine.frame(ENTRY);
        assertThat(entry(line)).isEqualTo(ENTRY);
        assertThat(new ObjectMapper().readTree(line).get("entry").get("task").asText()).isEqualTo("ab");
    }

    static Stream<Arguments> damage() {
        return Stream.of(
                Arguments.of("a character of the entry changed",
                        (UnaryOperator<String>) l -> l.replace("COMPLETE", "COMPLETF")),
                Arguments.of("a digit of the digest changed", (UnaryOperator<String>) l -> l.substring(0, 11)
                        + (l.charAt(11) == '0' ? '1' : '0') + l.substring(12)),
                Arguments.of("cut short", (UnaryOperator<String>) l -> l.substring(0, l.length() - 5)),
                Arguments.of("the closing brace gone", (UnaryOperator<String>) l -> l.substring(0, l.length() - 1)),
                Arguments.of("not a ledger line", (UnaryOperator<String>) l -> "{\"a\":1}"),
                Arguments.of("empty", (UnaryOperator<String>) l -> ""),
                Arguments.of("an entry appended", (UnaryOperator<String>) l -> l + l),
                Arguments.of("a non-ASCII character changed", (UnaryOperator<String>) l -> l.replace("日", "月")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void aChangedLineIsDamaged(String what, UnaryOperator<String> change) {
        assertThat(entry(change.apply(EntryLine.frame(ENTRY)))).isNull();
    }

    @Test
    void anEntryIsOneLine() {
        assertThatThrownBy(() -> EntryLine.frame("{\n}")).isInstanceOf(IllegalArgumentException.class);
    }
}
