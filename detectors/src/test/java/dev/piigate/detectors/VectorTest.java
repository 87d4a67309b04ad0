package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every line of every file under {@code src/test/resources/vectors/} against its detector,
 * and every unmasked positive again in the context variants its file names. Adding a detector
 * means adding a vector file: this class finds it.
 */
class VectorTest {
    private static final DetectorRegistry REGISTRY = DetectorRegistry.load();
    private static final Map<String, Detector> DETECTORS = new HashMap<>();

    static Detector detector(String id) {
        return DETECTORS.computeIfAbsent(id,
                k -> REGISTRY.create(DetectorSettings.defaults().withEnabled(List.of(k)).withPhoneRegions(
                        List.of("US", "GB", "DE", "FR", "IN"))).get(0));
    }

    static Stream<Arguments> vectors() {
        List<Arguments> all = new ArrayList<>();
        for (VectorFile file : VectorFile.all()) {
            for (VectorFile.Vector v : file.vectors()) {
                all.add(Arguments.of(file.detectorId(), v));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("vectors")
    void vector(String detectorId, VectorFile.Vector v) {
        Recorder r = Recorder.run(detector(detectorId), v.text(), v.field());
        assertThat(r.findings.stream().map(VectorFile.Expected::of).toList())
                .as("findings of %s", v)
                .containsExactlyInAnyOrderElementsOf(v.findings());
        for (VectorFile.ExpectedRejection expected : v.rejections()) {
            assertThat(r.rejections)
                    .as("rejections of %s", v)
                    .anySatisfy(rej -> {
                        assertThat(rej.reason()).isEqualTo(expected.reason());
                        assertThat(rej.start()).isEqualTo(expected.start());
                        assertThat(rej.end()).isEqualTo(expected.end());
                    });
        }
        for (Finding f : r.findings) {
            assertThat(f.detectorId()).isEqualTo(detectorId);
        }
        // Production sinks want no rejections and detectors may take shortcuts then: same findings.
        assertThat(findingsOnly(detector(detectorId), v.text(), v.field())).as("findings-only run of %s", v)
                .containsExactlyInAnyOrderElementsOf(r.findings);
    }

    static List<Finding> findingsOnly(Detector detector, String text, String field) {
        ScanText scanText = ScanText.of(text, field);
        List<Finding> found = new ArrayList<>();
        detector.scan(scanText, new FindingSink() {
            @Override
            public void found(Finding finding) {
                found.add(scanText.toOriginal(finding));
            }

            @Override
            public boolean wantsRejections() {
                return false;
            }
        });
        return found;
    }

    /** A positive value with the rest of its line, in a variant of its surroundings. */
    record Variant(String kind, VectorFile.Vector vector, String text, int start, int end, boolean expectFound) {
        @Override
        public String toString() {
            return kind + " " + vector.file() + ":" + vector.lineNumber() + " " + text;
        }
    }

    static Stream<Variant> variants() {
        List<Variant> all = new ArrayList<>();
        for (VectorFile file : VectorFile.all()) {
            for (VectorFile.Vector v : file.vectors()) {
                for (VectorFile.Expected e : v.findings()) {
                    if (e.masked() || e.testValue()) {
                        continue;
                    }
                    String before = v.text().substring(0, e.start());
                    String value = v.text().substring(e.start(), e.end());
                    String after = v.text().substring(e.end());
                    for (String kind : file.variants()) {
                        switch (kind) {
                            case "glued" -> all.add(new Variant(kind, v,
                                    before + glue(value.charAt(0), "ab") + value
                                            + glue(value.charAt(value.length() - 1), "cd") + after,
                                    e.start() + 2, e.end() + 2, false));
                            case "digits" -> all.add(new Variant(kind, v, before + "12" + value + "34" + after,
                                    e.start() + 2, e.end() + 2, false));
                            case "guid" -> all.add(new Variant(kind, v,
                                    before + "{3f2504e0-4f89-11d3-" + value + "-0305e82c3301}" + after,
                                    e.start() + 20, e.end() + 20, false));
                            case "fullwidth" -> all.add(new Variant(kind, v, before + shift(value, 0xFF10) + after,
                                    e.start(), e.end(), true));
                            case "arabic" -> all.add(new Variant(kind, v, before + shift(value, 0x0660) + after,
                                    e.start(), e.end(), true));
                            default -> throw new IllegalStateException(file.name() + ": unknown variant " + kind);
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    /**
     * Letters of the edge char's own script: a change of script is a boundary
     * ({@code info@пример.рфcd} ends at {@code рф}), so a Cyrillic edge is glued to Cyrillic.
     */
    private static String glue(char edge, String latin) {
        return edge < 0x80 || Character.UnicodeScript.of(edge) == Character.UnicodeScript.LATIN
                ? latin : String.valueOf(edge).repeat(2);
    }

    private static String shift(String value, int zero) {
        StringBuilder sb = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            sb.append(Chars.isDigit(c) ? (char) (zero + (c - '0')) : c);
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void variant(Variant variant) {
        String detectorId = VectorFile.all().stream()
                .filter(f -> f.name().equals(variant.vector().file())).findFirst().orElseThrow().detectorId();
        Recorder r = Recorder.run(detector(detectorId), variant.text(), variant.vector().field());
        List<Finding> covering = r.findings.stream()
                .filter(f -> f.isUnmasked() && f.start() < variant.end() && variant.start() < f.end())
                .toList();
        assertThat(findingsOnly(detector(detectorId), variant.text(), variant.vector().field()))
                .as("findings-only run of %s", variant).containsExactlyInAnyOrderElementsOf(r.findings);
        if (variant.expectFound()) {
            assertThat(covering).as("%s", variant).singleElement().satisfies(f -> {
                assertThat(f.start()).isEqualTo(variant.start());
                assertThat(f.end()).isEqualTo(variant.end());
            });
        } else {
            assertThat(covering).as("%s", variant).isEmpty();
        }
    }

    @Test
    void everyBuiltInDetectorHasVectors() {
        List<String> tested = VectorFile.all().stream().map(VectorFile::detectorId).toList();
        assertThat(tested).containsAll(REGISTRY.builtInIds());
    }
}
