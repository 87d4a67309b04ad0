package dev.piigate.jobs.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.config.ConfigLoader;

/**
 * Every command line under emr/ (EMR step, Step Functions, CreateProcessingJob, the SageMaker SDK
 * snippet) names the main class, jar and options the build and the CLI really have: renaming one
 * breaks this test, not a pipeline.
 */
class DeploymentDefinitionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One command line found in a definition: spark-submit options, then the jar, then ours. */
    record CommandLine(String source, List<String> words) {}

    @Test
    void everyJsonDefinitionParses() throws IOException {
        List<Path> json = Deployment.files(".json");
        assertThat(json).hasSizeGreaterThanOrEqualTo(10);
        for (Path p : json) {
            assertThat(JSON.readTree(p.toFile())).as(p.toString()).isNotNull();
        }
    }

    @Test
    void everyCommandLineNamesTheRealMainClassJarAndFlags() throws Exception {
        List<CommandLine> lines = commandLines();
        assertThat(lines).extracting(CommandLine::source).contains("emr/step.json",
                "emr/step-functions/scan-then-train.asl.json", "emr/sagemaker/create-processing-job.json",
                "emr/sagemaker/spark_jar_processor.py", "emr/serverless/start-job-run.json",
                "emr/sagemaker/pipeline.json");
        String jar = Deployment.deployableJarName();
        List<String> flags = Deployment.cliFlags();
        assertThat(flags).contains("--out", "--manifest", "--config", "--conf");
        for (CommandLine line : lines) {
            List<String> w = line.words();
            String main = w.get(w.indexOf("--class") + 1);
            assertThat(Class.forName(main)).as(line.source()).isEqualTo(Main.class);
            assertThat(Main.class.getMethod("main", String[].class)).isNotNull();
            int jarAt = indexOfJar(w);
            assertThat(jarAt).as(line.source() + ": no jar").isNotNegative();
            assertThat(w.get(jarAt).substring(w.get(jarAt).lastIndexOf('/') + 1)).as(line.source()).isEqualTo(jar);
            List<String> ours = w.subList(jarAt + 1, w.size());
            assertThat(ours).as(line.source()).contains("--out");
            for (int i = 0; i < ours.size(); i++) {
                String word = ours.get(i);
                if (word.startsWith("--")) {
                    assertThat(flags).as(line.source() + ": " + word + " is not a pii-gate option").contains(word);
                }
                if (word.equals("--conf")) {
                    assertThat(ours.get(i + 1)).as(line.source()).startsWith("spark.").contains("=");
                }
            }
        }
    }

    @Test
    void theExamplePolicyIsAValidConfig() {
        assertThat(ConfigLoader.load(Deployment.emr().resolve("policy.yaml")).approvedSuffix()).isEqualTo("approved");
    }

    @Test
    void theEmrDefinitionsCarryTheSecureSparkDefaults() throws IOException {
        for (String file : List.of("step.json", "step-functions/scan-then-train.asl.json")) {
            String text = Files.readString(Deployment.emr().resolve(file), UTF_8);
            assertThat(text).as(file).contains("--deploy-mode", "cluster", "spark.authenticate=true",
                    "spark.network.crypto.enabled=true", "spark.io.encryption.enabled=true", "spark.speculation=false",
                    "spark.yarn.maxAppAttempts=1", "ActionOnFailure");
        }
        JsonNode job = JSON.readTree(Deployment.emr().resolve("sagemaker/create-processing-job.json").toFile());
        assertThat(job.at("/ProcessingOutputConfig/KmsKeyId").asText()).startsWith("arn:aws:kms:");
        assertThat(job.at("/ProcessingResources/ClusterConfig/VolumeKmsKeyId").asText()).startsWith("arn:aws:kms:");
        assertThat(job.at("/NetworkConfig/EnableInterContainerTrafficEncryption").asBoolean()).isTrue();
        // The image (account per region, repository, tag) is SparkImageRegistryTest's.
    }

    @Test
    void theServerlessJobRunCarriesTheSecureDefaultsAndEncryptsItsLogs() throws IOException {
        JsonNode run = JSON.readTree(Deployment.emr().resolve("serverless/start-job-run.json").toFile());
        assertThat(run.at("/jobDriver/sparkSubmit/sparkSubmitParameters").asText()).contains(
                "spark.authenticate=true", "spark.network.crypto.enabled=true", "spark.io.encryption.enabled=true",
                "spark.speculation=false");
        assertThat(run.at("/executionRoleArn").asText()).endsWith(":role/pii-gate-scanner");
        JsonNode monitoring = run.at("/configurationOverrides/monitoringConfiguration");
        assertThat(monitoring.at("/s3MonitoringConfiguration/logUri").asText()).startsWith("s3://");
        assertThat(monitoring.at("/s3MonitoringConfiguration/encryptionKeyArn").asText()).isEqualTo(outputKey(run));
        assertThat(run.at("/configurationOverrides/diskEncryptionConfiguration/encryptionKeyArn").asText())
                .startsWith("arn:aws:kms:");
        // A blocked scan is not run a second time (the EMR step's spark.yarn.maxAppAttempts=1).
        assertThat(run.at("/retryPolicy/maxAttempts").asInt()).isEqualTo(1);
    }

    /** The key the job's --output-kms-key names: logs go under the same key as the reports. */
    private static String outputKey(JsonNode run) {
        JsonNode args = run.at("/jobDriver/sparkSubmit/entryPointArguments");
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).asText().equals("--output-kms-key")) {
                return args.get(i + 1).asText();
            }
        }
        throw new AssertionError("no --output-kms-key");
    }

    static int indexOfJar(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).endsWith(".jar") && !words.get(i).equals("command-runner.jar")) {
                return i;
            }
        }
        return -1;
    }

    static List<CommandLine> commandLines() throws IOException {
        List<CommandLine> lines = new ArrayList<>();
        Path emr = Deployment.emr();
        for (Path p : Deployment.files(".json")) {
            String source = "emr/" + emr.relativize(p).toString().replace('\\', '/');
            JsonNode root = JSON.readTree(p.toFile());
            for (JsonNode args : root.findValues("Args")) {
                lines.add(new CommandLine(source, strings(args)));
            }
            for (JsonNode args : root.findValues("Args.$")) {
                lines.add(new CommandLine(source, quoted(args.asText())));
            }
            JsonNode submit = root.at("/jobDriver/sparkSubmit");
            if (submit.isObject()) {
                List<String> words = new ArrayList<>(List.of(submit.path("sparkSubmitParameters").asText().trim()
                        .split("\\s+")));
                words.add(submit.path("entryPoint").asText());
                words.addAll(strings(submit.path("entryPointArguments")));
                lines.add(new CommandLine(source, words));
            }
            for (JsonNode app : root.findValues("AppSpecification")) {
                List<String> words = new ArrayList<>(strings(app.get("ContainerEntrypoint")));
                words.addAll(strings(app.get("ContainerArguments")));
                lines.add(new CommandLine(source, words));
            }
        }
        for (Path p : Deployment.files(".py")) {
            String py = Files.readString(p, UTF_8);
            List<String> words = new ArrayList<>();
            words.add("--class");
            words.add(pythonString(py, "submit_class"));
            words.add(pythonString(py, "submit_app"));
            Matcher arguments = Pattern.compile("(?s)arguments=\\[(.*?)\\]").matcher(py);
            assertThat(arguments.find()).as(p + ": arguments=[...]").isTrue();
            words.addAll(quoted(arguments.group(1)));
            lines.add(new CommandLine("emr/" + emr.relativize(p).toString().replace('\\', '/'), words));
        }
        return lines;
    }

    private static String pythonString(String py, String keyword) {
        Matcher m = Pattern.compile(keyword + "=\"([^\"]+)\"").matcher(py);
        assertThat(m.find()).as(keyword).isTrue();
        return m.group(1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(render(n)));
        return out;
    }

    /**
     * A string of a SageMaker pipeline definition as text: a literal as it is, a {@code Std:Join}
     * joined with each {@code {"Get": "X"}} shown as {@code {X}}.
     */
    static String render(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isObject() && value.has("Get") && value.size() == 1) {
            return "{" + value.get("Get").asText() + "}";
        }
        JsonNode join = value.path("Std:Join");
        if (!join.isObject()) {
            throw new AssertionError("not a string or Std:Join: " + value);
        }
        List<String> parts = new ArrayList<>();
        join.path("Values").forEach(v -> parts.add(render(v)));
        return String.join(join.path("On").asText(), parts);
    }

    /** The quoted literals of a Step Functions intrinsic or a Python list, in order ('...' or "..."). */
    private static List<String> quoted(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"").matcher(text);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }
}
