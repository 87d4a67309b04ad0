package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The string cache gives a String equal to the range asked, always; the same instance for a
 * range seen before (from its third sighting: the first is only noted, the second kept); never a
 * held String for a different range, even one whose hash lands on the same slot.
 */
class StringCacheTest {
    private static String get(StringCache cache, String s) {
        char[] in = ("<" + s + ">").toCharArray(); // the range inside a longer array, as the walker asks
        return cache.get(in, 1, 1 + s.length());
    }

    @Test
    void aRepeatedRangeIsOneStringFromItsSecondSighting() {
        StringCache cache = new StringCache();
        String first = get(cache, "customer");
        String second = get(cache, "customer");
        String third = get(cache, "customer");

        assertThat(first).isEqualTo("customer");
        assertThat(second).isEqualTo("customer").isNotSameAs(first); // the first sighting is only noted
        assertThat(third).isSameAs(second);
    }

    @Test
    void everyRangeGetsItsOwnCharsWhateverWasHeldOrSeen() {
        StringCache cache = new StringCache();
        // Enough distinct ranges that many share a slot; each asked three times, interleaved.
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 20_000; i++) {
                String s = "v" + i;
                assertThat(get(cache, s)).isEqualTo(s);
            }
        }
        // "Aa" and "BB" have equal String hashes; the cache's hash may still tell them apart or not.
        for (int k = 0; k < 3; k++) {
            assertThat(get(cache, "Aa")).isEqualTo("Aa");
            assertThat(get(cache, "BB")).isEqualTo("BB");
        }
        assertThat(get(cache, "")).isEmpty();
    }

    @Test
    void longRangesAreNotHeld() {
        StringCache cache = new StringCache();
        String over = "x".repeat(StringCache.MAX_CHARS + 1);
        String a = get(cache, over);
        String b = get(cache, over);
        String c = get(cache, over);

        assertThat(c).isEqualTo(over).isNotSameAs(b).isNotSameAs(a);
    }
}
