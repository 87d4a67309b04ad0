package dev.piigate.jobs.testing;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.piigate.jobs.Main;

/**
 * The job run as {@code scripts/scan} runs it, in a JVM of its own: for tests that kill a driver
 * mid-run (a kill in this JVM would take the test with it). The child gets this JVM's class path and
 * its options (the Java 17 opens Spark needs), without agents and debuggers.
 */
public final class ChildMain {
    private ChildMain() {}

    /**
     * Starts {@code Main} with {@code argv}; stdout and stderr go to {@code out} and {@code err}.
     *
     * @param properties system properties for the child, e.g. the ledger's flush interval
     */
    public static Process start(Map<String, String> properties, Path out, Path err, String... argv)
            throws IOException {
        return start(System.getProperty("java.class.path"), properties, out, err, argv);
    }

    /** {@link #start} with another class path: the job run from other code. */
    public static Process start(String classPath, Map<String, String> properties, Path out, Path err,
            String... argv) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-javaagent") && !option.startsWith("-agentlib")
                    && !option.startsWith("-Xrunjdwp")) {
                command.add(option);
            }
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(classPath);
        command.add(Main.class.getName());
        command.addAll(List.of(argv));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return builder.start();
    }
}
