package dev.piigate.jobs.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The clean-pair table: a hit only for the exact (field, value) pair added, bounded, and equal Strings match. */
class CleanValuesTest {
    @Test
    void remembersExactlyThePairsAdded() {
        CleanValues clean = new CleanValues();
        clean.add("$.role", "customer");
        clean.add(null, "en-US");

        assertThat(clean.contains("$.role", new String("customer".toCharArray()))).isTrue(); // equal, not the same String
        assertThat(clean.contains(new String("$.role".toCharArray()), "customer")).isTrue();
        assertThat(clean.contains(null, "en-US")).isTrue();
        assertThat(clean.contains("$.role", "agent")).isFalse();
        assertThat(clean.contains("$.name", "customer")).isFalse();
        assertThat(clean.contains(null, "customer")).isFalse();
        assertThat(clean.contains("$.locale", "en-US")).isFalse();
    }

    @Test
    void pairsWhoseStringsHashAlikeAreToldApart() {
        // "Aa" and "BB" have the same String.hashCode: they land on the same slot.
        CleanValues clean = new CleanValues();
        clean.add("Aa", "v");
        clean.add("$", "Aa");

        assertThat(clean.contains("BB", "v")).isFalse();
        assertThat(clean.contains("$", "BB")).isFalse();
        assertThat(clean.contains("Aa", "v")).isTrue();
        assertThat(clean.contains("$", "Aa")).isTrue();
    }

    @Test
    void longValuesAreNotRemembered() {
        CleanValues clean = new CleanValues();
        String atLimit = "x".repeat(CleanValues.MAX_CHARS);
        String over = "x".repeat(CleanValues.MAX_CHARS + 1);
        clean.add("$", atLimit);
        clean.add("$", over);

        assertThat(clean.contains("$", atLimit)).isTrue();
        assertThat(clean.contains("$", over)).isFalse();
    }

    @Test
    void manyPairsAllFoundUntilTheTableIsFullThenItStartsAgain() {
        CleanValues clean = new CleanValues();
        int entries = 16_384;
        for (int i = 0; i < entries; i++) {
            clean.add("$.f" + (i % 7), "v" + i);
        }
        for (int i = 0; i < entries; i++) {
            assertThat(clean.contains("$.f" + (i % 7), "v" + i)).as("pair %d", i).isTrue();
            assertThat(clean.contains("$.f" + ((i + 1) % 7), "v" + i)).as("other field %d", i).isFalse();
        }
        // One more: the table is cleared first, so only the newest pair is known.
        clean.add("$", "newest");
        assertThat(clean.contains("$", "newest")).isTrue();
        assertThat(clean.contains("$.f0", "v0")).isFalse();
        // Adding a pair twice takes one entry: the same pair again does not clear anything.
        clean.add("$", "newest");
        assertThat(clean.contains("$", "newest")).isTrue();
    }
}
