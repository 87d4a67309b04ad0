package dev.piigate.jobs.state;

import static dev.piigate.jobs.state.StateSettings.digest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The settings digest: every input that can change a task's rows changes it. */
class StateSettingsTest {
    private static final String CONFIG = "c".repeat(64);
    private static final List<String> DETECTORS = List.of("card_luhn_v2", "ssn_v2");
    private static final String CODE = "d".repeat(64);

    private static Map<String, String> readers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark", "3.5.1");
        m.put("libphonenumber", "8.13.40");
        m.put("java", "17");
        return m;
    }

    @Test
    void eachInputChangesTheDigest() {
        String base = digest(CONFIG, DETECTORS, null, "k1", null, "0.1.0", CODE, readers());
        Map<String, String> newerPhone = readers();
        newerPhone.put("libphonenumber", "8.13.41");
        Map<String, String> otherJava = readers();
        otherJava.put("java", "21");
        Map<String, String> oneMore = readers();
        oneMore.put("tika", "2.9.2");
        List<String> variants = List.of(
                digest("e".repeat(64), DETECTORS, null, "k1", null, "0.1.0", CODE, readers()),
                digest(CONFIG, List.of("card_luhn_v3", "ssn_v2"), null, "k1", null, "0.1.0", CODE, readers()),
                digest(CONFIG, List.of("ssn_v2", "card_luhn_v2"), null, "k1", null, "0.1.0", CODE, readers()),
                digest(CONFIG, DETECTORS, "JSONL", "k1", null, "0.1.0", CODE, readers()),
                digest(CONFIG, DETECTORS, null, "k2", null, "0.1.0", CODE, readers()),
                digest(CONFIG, DETECTORS, null, "k1", "b".repeat(64), "0.1.0", CODE, readers()),
                digest(CONFIG, DETECTORS, null, "k1", null, "0.1.1", CODE, readers()),
                digest(CONFIG, DETECTORS, null, "k1", null, "0.1.0", "e".repeat(64), readers()),
                digest(CONFIG, DETECTORS, null, "k1", null, "0.1.0", CODE, newerPhone),
                digest(CONFIG, DETECTORS, null, "k1", null, "0.1.0", CODE, otherJava),
                digest(CONFIG, DETECTORS, null, "k1", null, "0.1.0", CODE, oneMore));
        Set<String> all = new HashSet<>(variants);
        all.add(base);
        assertThat(all).hasSize(variants.size() + 1);
    }

    @Test
    void theSameInputsGiveTheSameDigestWhateverTheLibrariesOrder() {
        String base = digest(CONFIG, DETECTORS, null, "k1", null, "0.1.0", CODE, readers());
        Map<String, String> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.putAll(readers());
        assertThat(digest(CONFIG, DETECTORS, null, "k1", null, "0.1.0", CODE, reversed)).isEqualTo(base)
                .hasSize(64);
    }
}
