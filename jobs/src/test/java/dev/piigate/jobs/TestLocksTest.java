package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Test classes run two at a time (junit-platform.properties): a class that starts Spark, runs the
 * scan job or touches what the whole JVM shares with a scan must take {@link SparkTestSession#LOCK},
 * or it would meet another Spark session or another test's captured output. Read from the sources,
 * so a new test class that forgets it fails here rather than now and then.
 */
class TestLocksTest {
    /** What in a test class's source means it needs the lock. */
    private static final List<String> NEEDS_THE_LOCK = List.of("SparkSession", "SparkTestSession.start", "S3Spark.",
            "HostileRun", "Main.run(", "System.setOut", "System.setErr", "LogCapture", "ScanFaults", "ObjectScanner");

    @Test
    void everyTestClassThatSharesJvmStateTakesTheLock() throws IOException {
        Path sources = Path.of("src/test/java");
        assertThat(sources).isDirectory();
        List<String> missing;
        List<Path> locked;
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> testClasses = files.filter(p -> p.getFileName().toString().matches(".*(Test|IT)\\.java"))
                    .filter(p -> !p.getFileName().toString().equals("TestLocksTest.java")).toList();
            locked = testClasses.stream().filter(TestLocksTest::needsTheLock).toList();
            missing = locked.stream().filter(p -> !read(p).contains("@ResourceLock(SparkTestSession.LOCK)"))
                    .map(p -> sources.relativize(p).toString()).toList();
        }
        assertThat(locked).as("the check sees the Spark test classes").hasSizeGreaterThan(15);
        assertThat(missing).as("test classes that need @ResourceLock(SparkTestSession.LOCK)").isEmpty();
    }

    private static boolean needsTheLock(Path source) {
        String text = read(source);
        return NEEDS_THE_LOCK.stream().anyMatch(text::contains);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
