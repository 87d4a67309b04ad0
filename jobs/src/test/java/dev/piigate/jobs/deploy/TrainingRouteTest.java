package dev.piigate.jobs.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.deploy.AslMachine.End;
import dev.piigate.jobs.deploy.AslMachine.Outcome;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.manifest.ManifestKind;
import dev.piigate.jobs.manifest.Manifests;
import dev.piigate.jobs.s3test.S3Server;
import dev.piigate.jobs.samples.SampleGenerator;

/**
 * Which training job each verdict reaches, in the Step Functions state machine and in the
 * SageMaker pipeline, on verdicts the job really wrote: the definitions' own pii-gate arguments
 * (manifest, --out, --output-kms-key) run against a local S3 server holding the example bucket, one
 * scan per manifest kind (clean objects, so PASS) and one of a manifest naming a blocked object,
 * with emr/policy.yaml. The state machine runs in {@link AslMachine}; the pipeline's condition step
 * is evaluated here ({@code Equals} on {@code Std:JsonGet}, all conditions must hold, as the
 * SageMaker Pipelines definition schema says; verified against the documentation and the SageMaker
 * Python SDK's serializer only).
 */
@ResourceLock(SparkTestSession.LOCK)
class TrainingRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRAINING = "sagemaker:createTrainingJob";
    private static final String BUCKET = "example-training-data";
    private static final String DATA = "s3://" + BUCKET + "/datasets/support-tickets/data/";

    @RegisterExtension
    static final S3Server S3 = new S3Server(BUCKET);
    private static SparkSession spark;
    /** verdict.json of a PASS through the state machine's EMR step, one per manifest kind. */
    private static final Map<ManifestKind, String> PASSED = new EnumMap<>(ManifestKind.class);
    private static String blocked;
    /** verdict.json of a PASS through the pipeline's processing step, read where its property file points. */
    private static String pipelinePassed;

    @BeforeAll
    static void scan() throws IOException {
        SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("pii-gate-training-route")
                .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2").config("spark.speculation", "false");
        S3.s3aSettings().forEach((k, v) -> b.config("spark.hadoop." + k, v));
        spark = b.getOrCreate();
        Path samples = SampleGenerator.samplesDir();
        put("datasets/support-tickets/data/tickets.txt", Files.readAllBytes(samples.resolve("clean/tickets.txt")));
        put("datasets/support-tickets/data/chat-logs.jsonl", Files.readAllBytes(samples.resolve("clean/chat-logs.jsonl")));
        put("datasets/support-tickets/data/people.jsonl", Files.readAllBytes(samples.resolve("blocked/people.jsonl")));
        PASSED.put(ManifestKind.SAGEMAKER_MANIFEST_FILE, stepScan("manifest-file",
                "[{\"prefix\": \"" + DATA + "\"}, \"tickets.txt\", \"chat-logs.jsonl\"]\n", Main.PASS));
        PASSED.put(ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST, stepScan("augmented",
                "{\"source-ref\": \"" + DATA + "tickets.txt\", \"label\": 1}\n"
                        + "{\"source-ref\": \"" + DATA + "chat-logs.jsonl\", \"label\": 0}\n", Main.PASS));
        PASSED.put(ManifestKind.PLAIN_LIST, stepScan("plain-list",
                DATA + "tickets.txt\n" + DATA + "chat-logs.jsonl\n", Main.PASS));
        blocked = stepScan("blocked", "[{\"prefix\": \"" + DATA + "\"}, \"tickets.txt\", \"people.jsonl\"]\n",
                Main.BLOCK);
        pipelinePassed = pipelineScan("[{\"prefix\": \"" + DATA + "\"}, \"tickets.txt\", \"chat-logs.jsonl\"]\n");
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    private static void put(String key, byte[] bytes) {
        S3.client().putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    private static byte[] get(String uri) {
        String key = uri.substring(("s3://" + BUCKET + "/").length());
        return S3.client().getObjectAsBytes(g -> g.bucket(BUCKET).key(key)).asByteArray();
    }

    private static boolean exists(String uri) {
        String key = uri.substring(("s3://" + BUCKET + "/").length());
        try {
            S3.client().headObject(h -> h.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    /** The pii-gate words of a definition's command line (after the jar). */
    private static List<String> ours(String source) throws IOException {
        for (DeploymentDefinitionsTest.CommandLine line : DeploymentDefinitionsTest.commandLines()) {
            if (line.source().equals(source)) {
                List<String> w = line.words();
                return w.subList(DeploymentDefinitionsTest.indexOfJar(w) + 1, w.size());
            }
        }
        throw new AssertionError("no command line in " + source);
    }

    /**
     * The state machine's EMR step, as the execution {@code name} runs it: --out formatted with the
     * execution name, policy.yaml (shipped by --files into the working directory) read from emr/.
     */
    /**
     * emr/policy.yaml with approval tags off: s3proxy has no object tagging (they are tested against
     * moto in ApprovalTagsTest).
     */
    private static String policyWithoutTags() throws IOException {
        Path copy = Files.createTempFile("policy-", ".yaml");
        copy.toFile().deleteOnExit();
        Files.writeString(copy, Files.readString(Deployment.emr().resolve("policy.yaml"), UTF_8)
                + "approval:\n  tagObjects: false\n", UTF_8);
        return copy.toString();
    }

    private static String stepScan(String name, String manifest, int expectedStatus) throws IOException {
        List<String> argv = new ArrayList<>();
        for (String word : ours("emr/step-functions/scan-then-train.asl.json")) {
            argv.add(word.equals("policy.yaml") ? policyWithoutTags()
                    : word.replace("{}", name));
        }
        return scan(name, argv, manifest, expectedStatus);
    }

    /**
     * The pipeline's processing step, with its execution id, and the config input's local path
     * moved to emr/; returns the verdict where the step's property file reads it.
     */
    private static String pipelineScan(String manifest) throws IOException {
        List<String> argv = new ArrayList<>();
        for (String word : ours("emr/sagemaker/pipeline.json")) {
            argv.add(word.equals("/opt/ml/processing/input/config/policy.yaml")
                    ? policyWithoutTags()
                    : word.replace("{Execution.PipelineExecutionId}", "pipeline-execution-1"));
        }
        JsonNode scan = step(pipeline().path("Steps"), "Processing");
        JsonNode file = scan.path("PropertyFiles").get(0);
        String outputUri = null;
        for (JsonNode o : scan.at("/Arguments/ProcessingOutputConfig/Outputs")) {
            if (o.path("OutputName").asText().equals(file.path("OutputName").asText())) {
                outputUri = DeploymentDefinitionsTest.render(o.at("/S3Output/S3Uri"))
                        .replace("{Execution.PipelineExecutionId}", "pipeline-execution-1");
            }
        }
        assertThat(outputUri).as("the property file's output").isNotNull();
        String at = outputUri.endsWith("/") ? outputUri : outputUri + "/";
        scan("pipeline", argv, manifest, Main.PASS);
        return new String(get(at + file.path("FilePath").asText()), UTF_8);
    }

    /** Puts the manifest where the definition's --manifest names it, runs the job, returns verdict.json under --out. */
    private static String scan(String name, List<String> argv, String manifest, int expectedStatus) {
        String manifestUri = argument(argv, "--manifest").replaceFirst("^s3a://", "s3://");
        put(manifestUri.substring(("s3://" + BUCKET + "/").length()), manifest.getBytes(UTF_8));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
                new PrintStream(err, true, UTF_8));
        assertThat(status).as(name + ": " + err.toString(UTF_8)).isEqualTo(expectedStatus);
        // What training reads exists exactly after a PASS.
        assertThat(exists(Manifests.approvedName(manifestUri))).as(name).isEqualTo(status == Main.PASS);
        String out = argument(argv, "--out").replaceFirst("^s3a://", "s3://");
        return new String(get((out.endsWith("/") ? out : out + "/") + "verdict.json"), UTF_8);
    }

    private static String argument(List<String> argv, String flag) {
        int i = argv.indexOf(flag);
        assertThat(i).as(flag).isNotNegative();
        return argv.get(i + 1);
    }

    @Test
    void theScansWroteTheKindAndDecisionTheDefinitionsRouteOn() throws IOException {
        for (Map.Entry<ManifestKind, String> e : PASSED.entrySet()) {
            JsonNode v = JSON.readTree(e.getValue());
            assertThat(v.path("decision").asText()).isEqualTo(Decision.PASS.name());
            assertThat(v.path("manifest").path("kind").asText()).isEqualTo(e.getKey().name());
        }
        assertThat(JSON.readTree(blocked).path("decision").asText()).isEqualTo(Decision.BLOCK.name());
    }

    // ---- Step Functions ----

    private static JsonNode stateMachine() throws IOException {
        return JSON.readTree(Deployment.emr().resolve("step-functions/scan-then-train.asl.json").toFile());
    }

    /** The execution with the scan step's outcome and this run's verdict.json (null: none was written). */
    private static End execute(boolean stepSucceeded, String verdictJson) throws IOException {
        AslMachine machine = new AslMachine(stateMachine());
        return machine.run(JSON.readTree("{\"clusterId\": \"j-TEST\"}"), (state, definition, input) -> {
            String resource = definition.path("Resource").asText();
            if (resource.contains("elasticmapreduce:addStep")) {
                return stepSucceeded ? new Outcome.Succeeded(JSON.createObjectNode())
                        : new Outcome.Failed("States.TaskFailed");
            }
            if (resource.endsWith("aws-sdk:cloudwatch:putMetricData")) {
                // The alarm's data point: publishing it must not change where the execution ends.
                assertThat(definition.at("/Parameters/Namespace").asText()).isEqualTo("PiiGate");
                return new Outcome.Failed("CloudWatch.ServiceUnavailable");
            }
            if (resource.endsWith("aws-sdk:s3:getObject")) {
                return verdictJson == null ? new Outcome.Failed("S3.NoSuchKeyException")
                        : new Outcome.Succeeded(JSON.createObjectNode().put("Body", verdictJson));
            }
            throw new AssertionError("unexpected task " + state + " (" + resource + ")");
        }, TRAINING);
    }

    @Test
    void everyManifestKindReachesTheTrainingStateWithItsS3DataTypeOrFailsClearly() throws IOException {
        Map<ManifestKind, String> expected = Map.of(ManifestKind.SAGEMAKER_MANIFEST_FILE, "ManifestFile",
                ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST, "AugmentedManifestFile");
        String approved = Manifests.approvedName(argument(ours("emr/step-functions/scan-then-train.asl.json"),
                "--manifest"));
        for (ManifestKind kind : ManifestKind.values()) {
            End end = execute(true, PASSED.get(kind));
            if (!expected.containsKey(kind)) {
                // SageMaker cannot read a plain URI list as a channel: a clear failure, no training job.
                assertThat(end.type()).as(kind.name()).isEqualTo("Fail");
                assertThat(end.error()).as(kind.name()).isEqualTo("PiiGate.ManifestNotTrainable");
                continue;
            }
            assertThat(end.type()).as(kind.name()).isEqualTo("Task");
            JsonNode channels = end.definition().at("/Parameters/InputDataConfig");
            assertThat(channels).as(kind.name()).hasSize(1);
            JsonNode channel = channels.get(0);
            JsonNode source = channel.at("/DataSource/S3DataSource");
            assertThat(source.path("S3DataType").asText()).as(kind.name()).isEqualTo(expected.get(kind));
            assertThat(source.path("S3Uri").asText()).as(kind.name()).isEqualTo(approved);
            if (kind == ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST) {
                // SageMaker reads augmented manifests in Pipe mode only, attributes named.
                assertThat(channel.path("InputMode").asText()).isEqualTo("Pipe");
                assertThat(source.path("AttributeNames")).isNotEmpty();
            } else {
                assertThat(source.has("AttributeNames")).isFalse();
            }
        }
    }

    @Test
    void noVerdictNoPassAndNoSuccessfulStepNeverTrain() throws IOException {
        JsonNode pass = JSON.readTree(PASSED.get(ManifestKind.SAGEMAKER_MANIFEST_FILE));
        assertThat(execute(false, blocked).error()).isEqualTo("PiiGate.Blocked");
        assertThat(execute(false, null).error()).isEqualTo("PiiGate.ScanFailed");
        assertThat(execute(true, null).error()).isEqualTo("PiiGate.ScanFailed");
        // A failed step never trains, whatever a verdict file says.
        assertThat(execute(false, pass.toString()).error()).isEqualTo("PiiGate.ScanFailed");
        // A step that succeeded with a verdict that is not PASS (or has no decision) does not train either.
        for (String decision : List.of(Decision.BLOCK.name(), Decision.ERROR.name())) {
            String v = ((ObjectNode) pass.deepCopy()).put("decision", decision)
                    .toString();
            assertThat(execute(true, v).error()).as(decision).isEqualTo("PiiGate.ScanFailed");
        }
        String noDecision = ((ObjectNode) pass.deepCopy()).without("decision")
                .toString();
        assertThat(execute(true, noDecision).error()).isEqualTo("PiiGate.ScanFailed");
        // A folder scan (no manifest) passes, but there is nothing SageMaker could read.
        String folderScan = ((ObjectNode) pass.deepCopy()).putNull("manifest")
                .toString();
        assertThat(execute(true, folderScan).error()).isEqualTo("PiiGate.ManifestNotTrainable");
        // Not JSON at all: Step Functions fails the execution (States.Runtime is not catchable).
        assertThatThrownBy(() -> execute(true, "not json")).isInstanceOf(AslMachine.ExecutionError.class);
    }

    @Test
    void theVerdictIsReadFromTheStepsOwnOutputFolder() throws IOException {
        JsonNode read = stateMachine().at("/States/ReadVerdict/Parameters");
        Matcher key = Pattern.compile("States\\.Format\\('([^']*)', \\$\\$\\.Execution\\.Name\\)")
                .matcher(read.path("Key.$").asText());
        assertThat(key.matches()).as(read.toString()).isTrue();
        Matcher out = Pattern.compile("'--out', States\\.Format\\('([^']*)', \\$\\$\\.Execution\\.Name\\)")
                .matcher(stateMachine().at("/States/ScanDataset/Parameters/Step/HadoopJarStep/Args.$").asText());
        assertThat(out.find()).isTrue();
        assertThat("s3://" + read.path("Bucket").asText() + "/" + key.group(1)).isEqualTo(out.group(1) + "verdict.json");
    }

    // ---- SageMaker Pipelines ----

    private static JsonNode pipeline() throws IOException {
        return JSON.readTree(Deployment.emr().resolve("sagemaker/pipeline.json").toFile());
    }

    private static JsonNode step(JsonNode steps, String type) {
        List<JsonNode> found = new ArrayList<>();
        steps.forEach(s -> {
            if (s.path("Type").asText().equals(type)) {
                found.add(s);
            }
        });
        assertThat(found).as(type + " steps").hasSize(1);
        return found.get(0);
    }

    /**
     * The pipeline's route for one verdict: the condition step's IfSteps or ElseSteps, or null when
     * a JsonGet path is not in the file (the condition step, and with it the execution, fails).
     */
    private static JsonNode route(String verdictJson) throws IOException {
        JsonNode p = pipeline();
        JsonNode scan = step(p.path("Steps"), "Processing");
        JsonNode condition = step(p.path("Steps"), "Condition");
        JsonNode verdict = JSON.readTree(verdictJson);
        boolean all = true;
        for (JsonNode c : condition.at("/Arguments/Conditions")) {
            assertThat(c.path("Type").asText()).as("condition type").isEqualTo("Equals");
            String got = jsonGet(c.get("LeftValue"), scan, verdict);
            if (got == null) {
                return null;
            }
            all &= got.equals(c.get("RightValue").asText());
        }
        JsonNode next = condition.at(all ? "/Arguments/IfSteps" : "/Arguments/ElseSteps");
        assertThat(next).hasSize(1);
        return next.get(0);
    }

    /** {@code Std:JsonGet} on this scan step's property file, with the dotted path SageMaker uses. */
    private static String jsonGet(JsonNode expression, JsonNode scan, JsonNode verdict) {
        JsonNode get = expression.path("Std:JsonGet");
        assertThat(get.isObject()).as(expression.toString()).isTrue();
        JsonNode file = scan.path("PropertyFiles").get(0);
        assertThat(get.at("/PropertyFile/Get").asText())
                .isEqualTo("Steps." + scan.path("Name").asText() + ".PropertyFiles." + file.path("PropertyFileName").asText());
        JsonNode at = verdict;
        for (String field : get.path("Path").asText().split("\\.", -1)) {
            at = at.isObject() ? at.get(field) : null;
            if (at == null) {
                return null;
            }
        }
        return at.isValueNode() && !at.isNull() ? at.asText() : null;
    }

    @Test
    void thePipelineTrainsOnlyAPassedManifestFileOnAManifestFileChannel() throws IOException {
        for (ManifestKind kind : ManifestKind.values()) {
            JsonNode next = route(PASSED.get(kind));
            assertThat(next).as(kind.name()).isNotNull();
            if (kind == ManifestKind.SAGEMAKER_MANIFEST_FILE) {
                assertThat(next.path("Type").asText()).isEqualTo("Training");
                JsonNode source = next.at("/Arguments/InputDataConfig/0/DataSource/S3DataSource");
                assertThat(source.path("S3DataType").asText()).isEqualTo("ManifestFile");
                String manifest = argument(ours("emr/sagemaker/pipeline.json"), "--manifest")
                        .replaceFirst("^s3a://", "s3://");
                assertThat(source.path("S3Uri").asText()).isEqualTo(Manifests.approvedName(manifest));
            } else {
                assertThat(next.path("Type").asText()).as(kind.name()).isEqualTo("Fail");
            }
        }
        // BLOCK exits 2, which fails the processing step before the condition; the condition says no as well.
        assertThat(route(blocked).path("Type").asText()).isEqualTo("Fail");
    }

    @Test
    void thePropertyFileIsTheVerdictTheJobWritesUnderItsOut() throws IOException {
        JsonNode p = pipeline();
        assertThat(p.path("Version").asText()).isEqualTo("2020-12-01");
        JsonNode scan = step(p.path("Steps"), "Processing");
        JsonNode file = scan.path("PropertyFiles").get(0);
        assertThat(file.path("FilePath").asText()).isEqualTo("verdict.json");
        JsonNode output = null;
        for (JsonNode o : scan.at("/Arguments/ProcessingOutputConfig/Outputs")) {
            if (o.path("OutputName").asText().equals(file.path("OutputName").asText())) {
                output = o;
            }
        }
        assertThat(output).as("the property file's output").isNotNull();
        // The job writes verdict.json to --out itself; the output only tells SageMaker where to read it.
        String outputUri = DeploymentDefinitionsTest.render(output.at("/S3Output/S3Uri"));
        assertThat(outputUri).isEqualTo(argument(ours("emr/sagemaker/pipeline.json"), "--out")
                .replaceFirst("^s3a://", "s3://"));
        // Both conditions compare against what the job writes: the decision and the kind names.
        JsonNode conditions = step(p.path("Steps"), "Condition").at("/Arguments/Conditions");
        List<String> right = new ArrayList<>();
        conditions.forEach(c -> right.add(c.path("RightValue").asText()));
        assertThat(right).containsExactly(Decision.PASS.name(), ManifestKind.SAGEMAKER_MANIFEST_FILE.name());
        assertThat(jsonGet(conditions.get(0).get("LeftValue"), scan, JSON.readTree(blocked)))
                .isEqualTo(Decision.BLOCK.name());
        // The verdict the pipeline's own step wrote, read where its property file points, passes the conditions.
        assertThat(jsonGet(conditions.get(0).get("LeftValue"), scan, JSON.readTree(pipelinePassed)))
                .isEqualTo(Decision.PASS.name());
        assertThat(jsonGet(conditions.get(1).get("LeftValue"), scan, JSON.readTree(pipelinePassed)))
                .isEqualTo(ManifestKind.SAGEMAKER_MANIFEST_FILE.name());
        assertThat(route(pipelinePassed).path("Type").asText()).isEqualTo("Training");
    }
}
