package dev.piigate.jobs.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.samples.SampleGenerator;

/**
 * Runs the deployable (shaded) jar in a child JVM the way a cluster does: Spark 3.5.6's own
 * commons jars first on the class path, then Spark, Hadoop and the SDK, then our jar. If a
 * relocation were missing, Tika would get Spark's old commons-compress and DOCX would not be
 * COMPLETE; if the services files were not merged, Tika would find no parsers. Bound to the
 * integration-test phase (after shade) by jobs/pom.xml.
 */
class DeployableJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theShadedJarBlocksTheBlockedSamplesWithEveryObjectComplete() throws Exception {
        // -Dtest=DeployableJarIT also selects it in the unit-test phase, before the jar exists: run it
        // only from the deployable-jar execution, which passes these properties.
        assumeTrue(System.getProperty("pii-gate.deployable-jar") != null, "runs after shade (integration-test)");
        Path jar = Path.of(System.getProperty("pii-gate.deployable-jar"));
        String provided = Files.readString(Path.of(System.getProperty("pii-gate.provided-classpath")), UTF_8).trim();
        // The provided class path must not bring what the jar is meant to carry, or this proves nothing.
        assertThat(provided).doesNotContain("tika-").doesNotContain("poi-").doesNotContain("commons-compress-1.28");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("org/apache/commons/compress/archivers/zip/ZipFile.class")).isNull();
            assertThat(zip.getEntry("dev/piigate/shaded/org/apache/commons/compress/archivers/zip/ZipFile.class"))
                    .isNotNull();
            assertThat(zip.getEntry("META-INF/services/org.apache.tika.parser.Parser")).isNotNull();
        }
        List<String> classpath = new ArrayList<>();
        try (Stream<Path> sparkCommons = Files.list(Path.of(System.getProperty("pii-gate.spark-commons")))) {
            sparkCommons.sorted().forEach(p -> classpath.add(p.toString()));
        }
        assertThat(classpath).anyMatch(p -> p.endsWith("commons-compress-1.23.0.jar"));
        classpath.add(provided);
        classpath.add(jar.toString());

        Path samples = tmp.resolve("samples");
        copy(SampleGenerator.samplesDir().resolve("blocked"), samples);
        Path out = tmp.resolve("out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(Arrays.asList(System.getProperty("pii-gate.java-opens").trim().split("\\s+")));
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classpath), "dev.piigate.jobs.Main",
                "--out", out.toString(), "--conf", "spark.master=local[2]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1", "--manifest", samples.resolve("train.manifest").toString()));
        Path log = tmp.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("PII_GATE_FINGERPRINT_KEY", "pii-gate-test-key-not-secret-0001");
        Process child = pb.start();
        if (!child.waitFor(150, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the deployable jar did not finish in 150 s; log: " + log);
        }
        String output = Files.readString(log, UTF_8);
        assertThat(child.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("pii-gate: BLOCK");

        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        List<String> formats = new ArrayList<>();
        for (JsonNode file : report.get("files")) {
            assertThat(file.get("status").asText()).as(file.get("path").asText() + " " + file.get("detail"))
                    .isEqualTo("COMPLETE");
            formats.add(file.get("path").asText().replaceAll(".*\\.", ""));
        }
        // The ten data files and the manifest itself, which is scanned as one more object.
        assertThat(formats).contains("docx", "pdf", "parquet", "gz", "csv", "jsonl", "txt", "log", "manifest");
        assertThat(report.get("statuses").get("COMPLETE").asInt()).isEqualTo(SampleGenerator.DATA_FILES.size() + 1);
        assertThat(JSON.readTree(out.resolve("verdict.json").toFile()).get("decision").asText()).isEqualTo("BLOCK");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().contains(".approved.")) {
                    Files.copy(f, to.resolve(f.getFileName().toString()));
                }
            }
        }
    }
}
