package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.piigate.detectors.bench.BenchText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link TextScanner} skips a detector that declares {@link Detector#requiredPrefixes()} on a
 * text whose token runs have no word start with a prefix's first letter, and runs it where one
 * does. That the skip loses no finding is {@link RequiredKeywordsTest}'s: gated and ungated
 * scanners find the same on every vector line.
 */
class RequiredPrefixesTest {
    private static List<Detector> detectors(DetectorSettings settings) {
        return DetectorRegistry.load().create(settings);
    }

    @Test
    void gatedDetectorsRunOnlyWhereAWordStartCanBeginTheirPrefix() {
        AtomicInteger runs = new AtomicInteger();
        List<Detector> detectors = new ArrayList<>();
        int gated = 0;
        for (Detector d : detectors(DetectorSettings.defaults())) {
            detectors.add(d.requiredPrefixes().isEmpty() ? d : new CountedDetector(d, true, true, runs));
            gated += d.requiredPrefixes().isEmpty() ? 0 : 1;
        }
        TextScanner scanner = new TextScanner(detectors, AllowList.empty());

        scanner.scan("device d579e4d6-0bc6-4919-b82c-c0966175ebf6 on 2024-07-12T10:00:00Z, order #670449", "$.note");
        assertThat(runs.get()).as("token runs, but no word start a prefix begins with").isZero();

        List<Finding> found = scanner.scan("export GITHUB_TOKEN=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", "$.note");
        assertThat(runs.get()).as("a word start with 'g': the detectors with such a prefix run")
                .isGreaterThan(0).isLessThan(gated);
        assertThat(found).extracting(Finding::detectorId).contains("github_token_v1");

        runs.set(0);
        scanner.scan("no token runs here at all", "$.note");
        assertThat(runs.get()).as("no token runs").isZero();
    }

    @Test
    void wordStartLettersAreTheFirstLettersOfTheWordStarts() {
        int withLetters = 0;
        for (BenchText kind : BenchText.values()) {
            String text = kind.generate().substring(0, 200_000);
            TokenRuns runs = ScanText.of(text).tokenRuns();
            long expected = 0;
            for (int k = 0; k < runs.wordStartCount(); k++) {
                expected |= TokenRuns.letterBit(text.charAt(runs.wordStart(k)));
            }
            assertThat(runs.wordStartLetters()).as("%s", kind).isEqualTo(expected);
            withLetters += expected != 0 ? 1 : 0;
        }
        assertThat(withLetters).as("bench texts with word starts").isGreaterThan(0);
        assertThat(TokenRuns.of("plain words only").wordStartLetters()).isZero();
    }

    @ParameterizedTest
    @ValueSource(chars = {'0', '9', '@', '[', '_', '`', '{', '-', ' ', 'é', 'Ａ', 'ａ'})
    void onlyAsciiLettersHaveABit(char c) {
        assertThat(TokenRuns.letterBit(c)).isZero();
    }

    @Test
    void everyAsciiLetterHasItsOwnBit() {
        long all = 0;
        for (char c = 'A'; c <= 'z'; c++) {
            long bit = TokenRuns.letterBit(c);
            boolean letter = Character.isLetter(c);
            assertThat(bit != 0).as("%s", c).isEqualTo(letter);
            assertThat(all & bit).as("%s shares a bit", c).isZero();
            all |= bit;
        }
        assertThat(Long.bitCount(all)).isEqualTo(52);
    }
}
