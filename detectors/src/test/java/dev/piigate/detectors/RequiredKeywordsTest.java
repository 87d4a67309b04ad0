package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.piigate.detectors.bench.BenchText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The scanner's gates lose nothing. A detector that declares {@link Detector#requiredKeywords()}
 * finds nothing without one, and one that declares {@link Detector#requiredPrefixes()} nothing where
 * no token-run word start begins with a prefix's first letter: the {@link TextScanner}, which skips
 * them there, finds the same as one that runs every detector on every text, on every line of every
 * vector file (with its field) and on pieces of the bench texts. And the keyword skip happens: on a
 * text without keywords the gated detectors are not run, a field that names the type runs them, and
 * so does a keyword ({@link RequiredPrefixesTest} for the prefix skip).
 */
class RequiredKeywordsTest {
    private static DetectorSettings settings() {
        return DetectorSettings.defaults().withPhoneRegions(DetectorFindingsTest.VECTOR_REGIONS);
    }

    @Test
    void gatedAndUngatedScannersFindTheSameOnEveryVectorLine() {
        List<Detector> detectors = DetectorRegistry.load().create(settings());
        List<Detector> ungated = new ArrayList<>();
        int declaring = 0;
        Set<String> prefixed = new HashSet<>();
        for (Detector d : detectors) {
            ungated.add(new CountedDetector(d, false, false));
            declaring += d.requiredKeywords().isEmpty() ? 0 : 1;
            if (!d.requiredPrefixes().isEmpty()) {
                prefixed.add(d.id());
            }
        }
        assertThat(declaring).as("built-in detectors that declare required keywords").isGreaterThanOrEqualTo(11);
        assertThat(prefixed).as("built-in detectors that declare required prefixes").hasSizeGreaterThanOrEqualTo(8);
        TextScanner gated = new TextScanner(detectors, AllowList.empty());
        TextScanner plain = new TextScanner(ungated, AllowList.empty());
        int lines = 0;
        int withFindings = 0;
        int withPrefixed = 0;
        for (VectorFile file : VectorFile.all()) {
            for (VectorFile.Vector v : file.vectors()) {
                List<Finding> expected = plain.scan(v.text(), v.field());
                assertThat(gated.scan(v.text(), v.field())).as("%s", v).isEqualTo(expected);
                lines++;
                withFindings += expected.isEmpty() ? 0 : 1;
                withPrefixed += expected.stream().anyMatch(f -> prefixed.contains(f.detectorId())) ? 1 : 0;
            }
        }
        assertThat(lines).isGreaterThan(1000);
        assertThat(withFindings).isGreaterThan(500);
        assertThat(withPrefixed).as("lines with a finding of a prefix-gated detector").isGreaterThan(50);
    }

    @Test
    void gatedAndUngatedScannersFindTheSameOnTheBenchTexts() {
        List<Detector> ungated = new ArrayList<>();
        for (Detector d : DetectorRegistry.load().create(DetectorSettings.defaults())) {
            ungated.add(new CountedDetector(d, false, false));
        }
        TextScanner gated = TextScanner.create(DetectorSettings.defaults());
        TextScanner plain = new TextScanner(ungated, AllowList.empty());
        for (BenchText kind : BenchText.values()) {
            String text = kind.generate();
            for (int from = 0; from + 20_000 <= text.length(); from += 400_000) {
                String piece = text.substring(from, from + 20_000);
                assertThat(gated.scan(piece)).as("%s at %d", kind, from).isEqualTo(plain.scan(piece));
            }
        }
    }

    @Test
    void gatedDetectorsRunOnlyWhereAKeywordOrTheFieldCanNameTheirType() {
        AtomicInteger runs = new AtomicInteger();
        List<Detector> detectors = new ArrayList<>();
        int gated = 0;
        for (Detector d : DetectorRegistry.load().create(DetectorSettings.defaults())) {
            detectors.add(d.requiredKeywords().isEmpty() ? d : new CountedDetector(d, true, false, runs));
            gated += d.requiredKeywords().isEmpty() ? 0 : 1;
        }
        TextScanner scanner = new TextScanner(detectors, AllowList.empty());

        scanner.scan("order 1987-03-14 shipped to 10.1.2.3, ref 4485 9919 0357 0921", "$.note");
        assertThat(runs.get()).as("no keyword, a field naming nothing").isZero();

        List<Finding> byField = scanner.scan("1987-03-14", "$.customer.dateOfBirth");
        assertThat(runs.get()).as("the field names a birth date").isGreaterThan(0);
        assertThat(byField).extracting(f -> f.type().name()).containsExactly("DATE_OF_BIRTH");

        runs.set(0);
        List<Finding> byKeyword = scanner.scan("order 4411, DOB: 14/03/1987", "$.note");
        assertThat(runs.get()).as("a birth keyword: the gated detectors that need it run").isGreaterThan(0)
                .isLessThan(gated);
        assertThat(byKeyword).extracting(f -> f.type().name()).contains("DATE_OF_BIRTH");

        runs.set(0);
        scanner.scan("the quick brown fox jumps over the lazy dog ".repeat(10) + "14/03/1987", "$.note");
        assertThat(runs.get()).as("few digit runs: every detector runs, no keyword look").isEqualTo(gated);
    }
}
