package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract's own variant makers, on values whose variants are known. */
class DetectorContractHelpersTest {
    @Test
    void maskingKeepsTheLastFourLettersOrDigitsAndEverySeparator() {
        assertThat(DetectorContract.mask("4539 1488 0343 6467", '*')).isEqualTo("**** **** **** 6467");
        assertThat(DetectorContract.mask("536-22-1047", 'X')).isEqualTo("XXX-XX-1047");
        assertThat(DetectorContract.mask("+1 (415) 555-2671", '*')).isEqualTo("+* (***) ***-2671");
    }

    @Test
    void aLongerRunJoinsGroupsByDashOrDotAndGluesAcrossSpaces() {
        assertThat(DetectorContract.longer("536-22-1047")).containsExactly("1047-", "-5362");
        assertThat(DetectorContract.longer("NL91ABNA0417164300")).containsExactly("4300", "NL91");
        assertThat(DetectorContract.longer("4539 1488 0343 6467")).containsExactly("6467", "4539");
    }
}
