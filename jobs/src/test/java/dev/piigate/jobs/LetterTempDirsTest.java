package dev.piigate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** junit-platform.properties makes every {@code @TempDir} a {@link LetterTempDirs} one: no digits in its name. */
class LetterTempDirsTest {
    @TempDir
    Path dir;

    @Test
    void tempDirNamesHoldNoDigits() {
        assertThat(dir.getFileName().toString()).matches("junit-[a-z]{12}");
        assertThat(dir).isDirectory();
    }
}
