package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.detectors.kit.MaskedShape;

class MaskRunsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NI number XX XX XX XX C on file       | 10",
        "PAN *********A                        | 4",
        "dob: **/**/****                       | 5",
        "NIE: X-*******-L                      | 5",
        "DNI ********-Z and CF ************205S | 4,22",
        "nothing: a footnote* and Xbox, XML    | ''",
        "bold **text** in markdown             | 5",
        "glued: abc**** and 12XX               | ''",
        "plain prose without any of them       | ''",
    })
    void startsAreMaskCharsNotGluedAndFollowedByAnother(String text, String starts) {
        ScanText t = ScanText.of(text.strip());
        String found = java.util.Arrays.stream(t.maskRunStarts()).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(","));
        assertThat(found).isEqualTo(starts);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "XX XX XX XX C   | AA 99 99 99 A | true",
        "** ** ** 56 C   | AA 99 99 99 A | true",
        "*********A      | AAAAA9999A    | true",
        "XXXXXXXXXXXXXXPR09 | AAAAAAAAAAAAAAAA99 | true",
        "XX XX XX XX     | AA 99 99 99 A | false",
        "XX-XX-XX-XX-C   | AA 99 99 99 A | false",
    })
    void aShapeIsMaskedAtAStart(String text, String shape, boolean masked) {
        assertThat(MaskedShape.of(shape, 4).maskedAt(text.strip(), 0)).isEqualTo(masked);
    }
}
