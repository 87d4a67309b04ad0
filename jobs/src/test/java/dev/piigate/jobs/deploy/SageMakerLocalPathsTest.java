package dev.piigate.jobs.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.samples.SampleGenerator;

/**
 * The SageMaker Processing job's local-path mode, for real: the exact ContainerArguments of
 * emr/sagemaker/create-processing-job.json, with a temporary folder standing in for the
 * container's {@code /opt/ml/processing} mounts (inputs copied in as SageMaker's File mode does).
 */
@ResourceLock(SparkTestSession.LOCK)
class SageMakerLocalPathsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MOUNTS = "/opt/ml/processing";
    private static SparkSession spark;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    @Test
    void blockedDatasetExitsTwoWithReportAndVerdictInTheOutputMount() throws IOException {
        Path root = container("blocked");
        Run r = run(root);
        assertThat(r.status()).as(r.err()).isEqualTo(Main.BLOCK);
        Path output = root.resolve("opt/ml/processing/output");
        assertThat(output.resolve("report.json")).isRegularFile();
        assertThat(output.resolve("findings")).isDirectory();
        assertThat(JSON.readTree(output.resolve("verdict.json").toFile()).get("decision").asText()).isEqualTo("BLOCK");
        JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
        List<String> paths = new ArrayList<>();
        for (JsonNode f : report.get("files")) {
            assertThat(f.get("status").asText()).as(f.get("path").asText()).isEqualTo("COMPLETE");
            paths.add(f.get("path").asText());
        }
        assertThat(paths).allMatch(p -> p.contains("/opt/ml/processing/input/dataset/"));
        assertThat(paths).anyMatch(p -> p.endsWith("contract.docx")).anyMatch(p -> p.endsWith("statement.pdf"));
        assertInputUntouched(root, "blocked");
    }

    @Test
    void cleanDatasetExitsZeroAndPasses() throws IOException {
        Path root = container("clean");
        Run r = run(root);
        assertThat(r.status()).as(r.err()).isEqualTo(Main.PASS);
        Path output = root.resolve("opt/ml/processing/output");
        assertThat(JSON.readTree(output.resolve("verdict.json").toFile()).get("decision").asText()).isEqualTo("PASS");
        assertInputUntouched(root, "clean");
    }

    record Run(int status, String out, String err) {}

    /** The definition's arguments, with the mount points moved under {@code root}. */
    private static Run run(Path root) throws IOException {
        JsonNode job = JSON.readTree(Deployment.emr().resolve("sagemaker/create-processing-job.json").toFile());
        List<String> argv = new ArrayList<>();
        for (JsonNode a : job.at("/AppSpecification/ContainerArguments")) {
            String word = a.asText();
            argv.add(word.startsWith(MOUNTS) ? root + word : word);
        }
        assertThat(argv).contains(root + MOUNTS + "/output", root + MOUNTS + "/input/dataset");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv.toArray(String[]::new), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        return new Run(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    /** What SageMaker's File mode leaves in the container before the job starts. */
    private static Path container(String dataset) throws IOException {
        Path root = tmp.resolve(dataset);
        Path config = Files.createDirectories(root.resolve("opt/ml/processing/input/config"));
        Files.copy(Deployment.emr().resolve("policy.yaml"), config.resolve("policy.yaml"));
        Path data = Files.createDirectories(root.resolve("opt/ml/processing/input/dataset"));
        for (Path f : listing(SampleGenerator.samplesDir().resolve(dataset))) {
            if (dataObject(f)) {
                Files.copy(f, data.resolve(f.getFileName().toString()));
            }
        }
        Files.createDirectories(root.resolve("opt/ml/processing/output"));
        return root;
    }

    private static void assertInputUntouched(Path root, String dataset) throws IOException {
        List<String> names = listing(root.resolve("opt/ml/processing/input/dataset")).stream()
                .map(p -> p.getFileName().toString()).sorted().toList();
        List<String> original = listing(SampleGenerator.samplesDir().resolve(dataset)).stream()
                .filter(SageMakerLocalPathsTest::dataObject).map(p -> p.getFileName().toString()).sorted().toList();
        assertThat(names).isEqualTo(original);
    }

    /**
     * The dataset channel copies data objects only, as create-processing-job.json's channel does (its
     * prefix holds no manifest; a manifest in a scanned folder would be scanned as a manifest).
     */
    private static boolean dataObject(Path f) {
        return !f.getFileName().toString().endsWith(".manifest");
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
