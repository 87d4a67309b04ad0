package dev.piigate.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aLineReadsBackItsEntry() throws Exception {
        String line = EntryLine.frame(ENTRY);
        assertThat(EntryLine.entry(line)).isEqualTo(ENTRY);
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
                Arguments.of("an entry appended", (UnaryOperator<String>) l -> l + l));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void aChangedLineIsDamaged(String what, UnaryOperator<String> change) {
        assertThat(EntryLine.entry(change.apply(EntryLine.frame(ENTRY)))).isNull();
    }

    @Test
    void anEntryIsOneLine() {
        assertThatThrownBy(() -> EntryLine.frame("{\n}")).isInstanceOf(IllegalArgumentException.class);
    }
}
