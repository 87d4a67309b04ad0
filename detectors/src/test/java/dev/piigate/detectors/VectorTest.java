package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every line of every file under {@code src/test/resources/vectors/} against its detector.
 * Adding a detector means adding a vector file, which this class finds, and a test class extending
 * {@link DetectorContract}, which runs the file's positives in the variants the file names.
 */
class VectorTest {
    private static final DetectorRegistry REGISTRY = DetectorContract.REGISTRY;

    static Detector detector(String id) {
        return DetectorContract.detector(id);
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
        return DetectorContract.findingsOnly(detector, text, field);
    }

    @Test
    void everyBuiltInDetectorHasVectors() {
        List<String> tested = VectorFile.all().stream().map(VectorFile::detectorId).toList();
        assertThat(tested).containsAll(REGISTRY.builtInIds());
    }

    /**
     * Every built-in detector's test class, {@code <DetectorClass>Test} in the detector's package,
     * extends {@link DetectorContract}: the variants of its vectors run for every detector.
     */
    @Test
    void everyBuiltInDetectorHasATestClassSigningTheContract() {
        List<String> missing = new ArrayList<>();
        for (String id : REGISTRY.builtInIds()) {
            Class<?> detectorClass = detector(id).getClass();
            String name = detectorClass.getName() + "Test";
            try {
                Class<?> test = Class.forName(name);
                if (!DetectorContract.class.isAssignableFrom(test)) {
                    missing.add(name + " does not extend DetectorContract");
                }
            } catch (ClassNotFoundException e) {
                missing.add(name + " does not exist");
            }
        }
        assertThat(missing).as("built-in detectors without a contract test").isEmpty();
    }
}
