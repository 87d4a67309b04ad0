package dev.piigate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Under YARN cluster mode any System.exit from the driver, 0 included, fails the application: PASS
 * must return normally there, BLOCK and errors must still exit non-zero.
 */
class MainExitTest {
    @Test
    void passReturnsNormallyOnlyInClusterMode() {
        assertThat(Main.exitExplicitly(Main.PASS, "cluster")).isFalse();
        assertThat(Main.exitExplicitly(Main.PASS, "client")).isTrue();
        assertThat(Main.exitExplicitly(Main.PASS, null)).isTrue();
        for (int status : new int[] {Main.BLOCK, Main.ERROR, Main.USAGE}) {
            assertThat(Main.exitExplicitly(status, "cluster")).isTrue();
            assertThat(Main.exitExplicitly(status, null)).isTrue();
        }
    }
}
