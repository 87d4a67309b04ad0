package dev.piigate.jobs.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.samples.SampleGenerator;

/** Where the deployment definitions live, and what the build and the CLI really provide. */
final class Deployment {
    private Deployment() {}

    static Path repository() {
        return SampleGenerator.samplesDir().getParent();
    }

    static Path emr() {
        return repository().resolve("emr");
    }

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(emr())) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** The deployable jar's file name as jobs/pom.xml's shade execution writes it. */
    static String deployableJarName() throws IOException {
        String jobsPom = Files.readString(repository().resolve("jobs/pom.xml"), UTF_8);
        String parentPom = Files.readString(repository().resolve("pom.xml"), UTF_8);
        if (!jobsPom.contains("<outputFile>${project.build.directory}/${deployable.jar.name}</outputFile>")) {
            throw new IllegalStateException("jobs/pom.xml: the shade execution no longer writes ${deployable.jar.name}");
        }
        String name = one(jobsPom, "<deployable\\.jar\\.name>([^<]+)</deployable\\.jar\\.name>");
        String version = one(parentPom, "<artifactId>pii-gate-parent</artifactId>\\s*<version>([^<]+)</version>");
        return name.replace("${project.version}", version);
    }

    /** Every long option the CLI documents in --help (the text Args.HELP holds). */
    static List<String> cliFlags() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);
        int status = Main.run(new String[] {"--help"}, new PrintStream(out, true, UTF_8), sink);
        if (status != Main.PASS) {
            throw new IllegalStateException("--help exited " + status);
        }
        Matcher m = Pattern.compile("(?m)^\\s+(--[a-z][a-z-]*)").matcher(out.toString(UTF_8));
        List<String> flags = new java.util.ArrayList<>();
        while (m.find()) {
            flags.add(m.group(1));
        }
        return List.copyOf(flags);
    }

    private static String one(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("not found: " + regex);
        }
        return m.group(1);
    }
}
