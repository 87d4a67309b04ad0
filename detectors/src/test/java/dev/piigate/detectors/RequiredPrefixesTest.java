package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.piigate.detectors.bench.BenchText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A detector that declares {@link Detector#requiredPrefixes()} finds nothing in a text whose token
 * runs have no word start with a prefix's first letter: the {@link TextScanner}, which skips it
 * there, finds the same as one that runs it on every text, on every line of every vector file and
 * on pieces of the bench texts. And the skip happens.
 */
class RequiredPrefixesTest {
    /** The detector as it is, counting the texts it runs on; with {@code declares} false it declares no prefixes. */
    private record Wrapped(Detector inner, boolean declares, AtomicInteger runs) implements Detector {
        Wrapped(Detector inner, boolean declares) {
            this(inner, declares, new AtomicInteger());
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public Set<EntityType> entityTypes() {
            return inner.entityTypes();
        }

        @Override
        public void scan(ScanText text, FindingSink sink) {
            runs.incrementAndGet();
            inner.scan(text, sink);
        }

        @Override
        public List<Keywords> requiredKeywords() {
            return inner.requiredKeywords(); // only the prefix gate differs between the two scanners
        }

        @Override
        public List<String> requiredPrefixes() {
            return declares ? inner.requiredPrefixes() : List.of();
        }
    }

    private static List<Detector> detectors(DetectorSettings settings) {
        return DetectorRegistry.load().create(settings);
    }

    private static TextScanner ungated(List<Detector> detectors) {
        List<Detector> wrapped = new ArrayList<>();
        for (Detector d : detectors) {
            wrapped.add(new Wrapped(d, false));
        }
        return new TextScanner(wrapped, AllowList.empty());
    }

    @Test
    void gatedAndUngatedScannersFindTheSameOnEveryVectorLine() {
        List<Detector> detectors = detectors(
                DetectorSettings.defaults().withPhoneRegions(DetectorFindingsTest.VECTOR_REGIONS));
        TextScanner gated = new TextScanner(detectors, AllowList.empty());
        TextScanner plain = ungated(detectors);
        Set<String> declaring = new HashSet<>();
        for (Detector d : detectors) {
            if (!d.requiredPrefixes().isEmpty()) {
                declaring.add(d.id());
            }
        }
        assertThat(declaring).as("built-in detectors that declare required prefixes").hasSizeGreaterThanOrEqualTo(8);
        int lines = 0;
        int withSecrets = 0;
        for (VectorFile file : VectorFile.all()) {
            for (VectorFile.Vector v : file.vectors()) {
                List<Finding> expected = plain.scan(v.text(), v.field());
                assertThat(gated.scan(v.text(), v.field())).as("%s", v).isEqualTo(expected);
                lines++;
                withSecrets += expected.stream().anyMatch(f -> declaring.contains(f.detectorId())) ? 1 : 0;
            }
        }
        assertThat(lines).isGreaterThan(1000);
        assertThat(withSecrets).as("vector lines with a finding of a gated detector").isGreaterThan(50);
    }

    @Test
    void gatedAndUngatedScannersFindTheSameOnTheBenchTexts() {
        List<Detector> detectors = detectors(DetectorSettings.defaults());
        TextScanner gated = new TextScanner(detectors, AllowList.empty());
        TextScanner plain = ungated(detectors);
        for (BenchText kind : BenchText.values()) {
            String text = kind.generate();
            for (int from = 0; from + 2_000 <= text.length(); from += 100_000) {
                String piece = text.substring(from, from + 2_000);
                assertThat(gated.scan(piece)).as("%s at %d", kind, from).isEqualTo(plain.scan(piece));
            }
        }
    }

    @Test
    void gatedDetectorsRunOnlyWhereAWordStartCanBeginTheirPrefix() {
        AtomicInteger runs = new AtomicInteger();
        List<Detector> detectors = new ArrayList<>();
        int gated = 0;
        for (Detector d : detectors(DetectorSettings.defaults())) {
            detectors.add(d.requiredPrefixes().isEmpty() ? d : new Wrapped(d, true, runs));
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
