package dev.piigate.detectors.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.TextScanner;

/** A detector from outside pii-gate is found on the class path and runs only when enabled by id. */
class PluginDetectorTest {

    @Test
    void foundThroughServiceLoaderAndListedAfterTheBuiltIns() {
        DetectorRegistry registry = DetectorRegistry.load();
        assertThat(registry.knownIds()).endsWith(EmployeeIdDetector.ID);
        assertThat(registry.builtInIds()).doesNotContain(EmployeeIdDetector.ID);
    }

    @Test
    void notRunUnlessEnabled() {
        TextScanner defaults = TextScanner.create(DetectorSettings.defaults());
        assertThat(defaults.detectorIds()).doesNotContain(EmployeeIdDetector.ID);
        assertThat(defaults.scan("badge EMP-204811 issued")).isEmpty();
    }

    @Test
    void enabledByIdItRunsNextToBuiltIns() {
        DetectorSettings settings = DetectorSettings.defaults()
                .withEnabled(List.of("card_luhn_v2", EmployeeIdDetector.ID));
        List<Finding> found = TextScanner.create(settings).scan("badge EMP-204811, card 4539 1488 0343 6467");
        assertThat(found).extracting(f -> f.type().name() + "@" + f.start() + "-" + f.end())
                .containsExactly("EMPLOYEE_ID@6-16", "CREDIT_CARD_NUMBER@23-42");
    }

    @Test
    void receivesItsOptions() {
        DetectorSettings settings = DetectorSettings.defaults().withEnabled(List.of(EmployeeIdDetector.ID))
                .withOptions(Map.of(EmployeeIdDetector.ID + ".prefix", "STAFF#"));
        assertThat(TextScanner.create(settings).scan("STAFF#204811 and EMP-204811")).singleElement()
                .satisfies(f -> assertThat(f.start()).isZero());
    }

    @Test
    void unknownIdIsRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> DetectorRegistry.load().create(
                DetectorSettings.defaults().withEnabled(List.of("acme_employe_id_v1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown detector id 'acme_employe_id_v1'")
                .hasMessageContaining("card_luhn_v2").hasMessageContaining(EmployeeIdDetector.ID);
    }
}
