package dev.piigate.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Properties;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.piigate.jobs.state.StateLock.Timing;

/** {@link StateLock} on the local file system (millisecond modification times). */
class StateLockLocalTest extends StateLockContractTest {
    @TempDir
    java.nio.file.Path tmp;

    @Override
    String state(String name) {
        return tmp.resolve(name).resolve("state").toString();
    }

    @Override
    Configuration conf() {
        return new Configuration();
    }

    @Override
    Timing timing() {
        return new Timing(100, 1000);
    }

    /** A folder where the release marker goes: creating the file there fails. */
    @Override
    void failReleases(String state) throws IOException {
        Files.createDirectories(java.nio.file.Path.of(state, StateLock.LOCKS, StateLockFiles.releasedName(1)));
    }

    @Test
    void aFileUriWorksLikeAPath() throws Exception {
        String state = tmp.resolve("uri").resolve("state").toUri().toString();
        assertThat(state).startsWith("file:");
        try (StateLock lock = StateLock.acquire(state, conf(), "run-uri", timing())) {
            assertThatThrownBy(() -> StateLock.acquire(state, conf(), "run-other", timing()))
                    .isInstanceOf(StateLock.InUse.class).message().doesNotContain(tmp.toString());
        }
        assertThat(names(state)).contains("0000000001", "0000000001.released");
    }

    @Test
    void timingComesFromSystemPropertiesWithDefaults() {
        assertThat(Timing.from(new Properties())).isEqualTo(new Timing(20_000, 90_000));
        Properties set = new Properties();
        set.setProperty("piigate.state.heartbeatMillis", "250");
        set.setProperty("piigate.state.staleMillis", " 1000 ");
        assertThat(Timing.from(set)).isEqualTo(new Timing(250, 1000));
        set.setProperty("piigate.state.staleMillis", "400");
        assertThatThrownBy(() -> Timing.from(set)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dpiigate.state.staleMillis (400) must be at least twice -Dpiigate.state.heartbeatMillis"
                        + " (250), which must be positive");
        set.setProperty("piigate.state.staleMillis", "90s");
        assertThatThrownBy(() -> Timing.from(set)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dpiigate.state.staleMillis must be a number of milliseconds");
    }

    @Test
    void aRunIdReadFromTheStoreIsBoundedAndPlain() {
        assertThat(StateLock.printable("run-2026-12-04T18:00:00Z")).isEqualTo("run-2026-12-04T18:00:00Z");
        assertThat(StateLock.printable("a b\u001b[2Jc")).isEqualTo("a?b??2Jc");
        assertThat(StateLock.printable("x".repeat(300))).hasSize(103);
        assertThat(StateLock.printable("")).isEqualTo("unknown");
    }
}
