package dev.piigate.jobs.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canary search finds a planted value however it was separated, and not inside a longer run. */
class LeaksTest {
    private static final String SEPARATORS = "[\\s\\-().+/]";

    @ParameterizedTest(name = "{0} in \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            4556 7375 8689 9855 | card 4556737586899855 here | true
            4556 7375 8689 9855 | card 4556-7375-8689-9855. | true
            4556 7375 8689 9855 | 4556 7375 8689 9855 | true
            4556 7375 8689 9855 | (4556) 7375/8689+9855 | true
            4556 7375 8689 9855 | x4556737586899855 | false
            4556 7375 8689 9855 | 94556737586899855 | false
            4556 7375 8689 9855 | 45567375868998551 | false
            4556 7375 8689 9855 | 4556737586899855a | true
            4556 7375 8689 9855 | 94556737586899855 4556737586899855 | true
            4556 7375 8689 9855 | 455673758689985 | false
            4556 7375 8689 9855 | 1 4556737586899855 | true
            4556 7375 8689 9855 | 4556737586899855 1 | true
            4556 7375 8689 9855 | fp=ab4556737586899855 | false
                        """)
    void findsTheValueAsARunOfItsOwn(String value, String text, boolean found) {
        List<String> leaks = Leaks.find(Map.of("place", text), List.of(value), SEPARATORS);
        assertThat(leaks).hasSize(found ? 1 : 0);
        leaks.forEach(l -> assertThat(l).doesNotContainPattern("[0-9]").endsWith(" in place"));
    }
}
