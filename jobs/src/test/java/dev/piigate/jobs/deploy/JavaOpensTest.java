package dev.piigate.jobs.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * scripts/java-opens is the one list of the Java 17 options Spark needs (scripts/scan and scripts/bench
 * pass it to java, the root pom to the test JVMs): it must be Spark's own list, and it must reach the
 * JVM these tests run in.
 */
class JavaOpensTest {

    /** The options in the argument file, as the java launcher reads it: whitespace-separated, # comments. */
    private static List<String> optionsInFile() throws IOException {
        String file = System.getProperty("piigate.java-opens-file");
        assertThat(file).as("system property piigate.java-opens-file (jobs/pom.xml)").isNotNull();
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file), UTF_8)) {
            int hash = line.indexOf('#');
            String content = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (!content.isEmpty()) {
                options.addAll(Arrays.asList(content.split("\\s+", -1)));
            }
        }
        return options;
    }

    @Test
    void theListIsSparksOwn() throws IOException {
        assertThat(optionsInFile())
                .containsExactlyInAnyOrder(JavaModuleOptions.defaultModuleOptions().split(" ", -1));
    }

    @Test
    void theTestJvmWasStartedWithIt() throws IOException {
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).containsAll(optionsInFile());
    }
}
