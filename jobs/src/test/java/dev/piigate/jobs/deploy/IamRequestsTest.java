package dev.piigate.jobs.deploy;

import static dev.piigate.jobs.deploy.PolicyEvaluator.Decision.ALLOW;
import static dev.piigate.jobs.deploy.PolicyEvaluator.Decision.EXPLICIT_DENY;
import static dev.piigate.jobs.deploy.PolicyEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.piigate.jobs.deploy.PolicyEvaluator.Decision;
import dev.piigate.jobs.deploy.PolicyEvaluator.Policy;
import dev.piigate.jobs.deploy.PolicyEvaluator.Principal;
import dev.piigate.jobs.deploy.PolicyEvaluator.Request;

/**
 * What each role gets for the requests that matter, evaluated over the identity policy and the bucket (or trust)
 * policy in emr/iam/ with {@link PolicyEvaluator}. Each row is a request as S3 authorizes it: the IAM action (every
 * multipart call is {@code s3:PutObject}), the resource, and the condition keys the request carries (SSE headers,
 * {@code If-None-Match}, the object's existing tags, the tags a PUT asks for, {@code s3:ObjectCreationOperation}).
 */
class IamRequestsTest {
    private static final String ACCOUNT = IamPoliciesTest.ACCOUNT;
    private static final String BUCKET = "example-training-data";
    private static final String DATASET = "datasets/support-tickets/";
    private static final String REPORTS = "pii-gate/reports/support-tickets/run-0001/";
    private static final String DATASET_KEY = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/11111111-1111-1111-1111-111111111111";
    private static final String OUTPUT_KEY = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/22222222-2222-2222-2222-222222222222";
    private static final String APPROVED = "pii-gate-approved";

    private static final Principal SCANNER = role("pii-gate-scanner");
    private static final Principal TRAINING = role("pii-gate-training");
    private static final Principal PIPELINE = role("pii-gate-pipeline");
    /** Anyone else who may write datasets: a data engineer's role, with the broad grant such roles usually get. */
    private static final Principal WRITER = role("dataset-writer");
    private static final String WRITER_POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "WriteDatasets", "Effect": "Allow",
              "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging",
                         "s3:DeleteObjectTagging", "s3:PutObjectVersionTagging", "s3:GetObjectTagging"],
              "Resource": ["arn:aws:s3:::example-training-data/datasets/*", "arn:aws:s3:::example-training-data/pii-gate/*"]}]}
            """;

    private static final Map<Principal, Policy> IDENTITY = new LinkedHashMap<>();
    private static final Map<Principal, Policy> TRUST = new LinkedHashMap<>();
    private static Policy bucketPolicy;

    @BeforeAll
    static void readPolicies() throws IOException {
        IDENTITY.put(SCANNER, Policy.read(IamPoliciesTest.iam().resolve("scanner-role-policy.json")));
        IDENTITY.put(TRAINING, Policy.read(IamPoliciesTest.iam().resolve("training-role-policy.json")));
        IDENTITY.put(PIPELINE, Policy.read(IamPoliciesTest.iam().resolve("pipeline-role-policy.json")));
        IDENTITY.put(WRITER, Policy.parse("dataset-writer (test)", WRITER_POLICY));
        TRUST.put(SCANNER, Policy.read(IamPoliciesTest.iam().resolve("scanner-trust-policy.json")));
        TRUST.put(TRAINING, Policy.read(IamPoliciesTest.iam().resolve("training-trust-policy.json")));
        TRUST.put(PIPELINE, Policy.read(IamPoliciesTest.iam().resolve("pipeline-trust-policy.json")));
        bucketPolicy = Policy.read(IamPoliciesTest.iam().resolve("dataset-bucket-policy.json"));
    }

    /** One row: what is asked, and the decision AWS's evaluation logic gives it. */
    record Row(String name, Request request, Decision expected) {
        @Override
        public String toString() {
            return name + " -> " + expected;
        }
    }

    static Stream<Row> training() {
        return Stream.of(
                row("reads an object of an approved dataset", get(TRAINING, DATASET + "part-0/tickets.jsonl.gz").tag(APPROVED, "true"), ALLOW),
                row("reads the approved version by version id", getVersion(TRAINING, DATASET + "tickets.jsonl").tag(APPROVED, "true"), ALLOW),
                row("reads an object overwritten after PASS (the new version has no tags)", get(TRAINING, DATASET + "tickets.jsonl"), EXPLICIT_DENY),
                row("reads an object of a blocked dataset (approval tags removed, its other tags kept)",
                        get(TRAINING, "datasets/chat-logs/logs.jsonl").tag("owner", "support"), EXPLICIT_DENY),
                row("reads an object whose approval tag is not exactly \"true\"", get(TRAINING, DATASET + "a.csv").tag(APPROVED, "TRUE"), EXPLICIT_DENY),
                row("reads an object tagged only with a pii-gate-run", get(TRAINING, DATASET + "a.csv").tag("pii-gate-run", "run-0001"), EXPLICIT_DENY),
                row("reads the approved manifest", get(TRAINING, DATASET + "train.approved.manifest"), ALLOW),
                row("reads the approved manifest's record", get(TRAINING, DATASET + "train.approved.manifest.verdict.json"), ALLOW),
                row("reads a manifest that is not approved", get(TRAINING, DATASET + "train.manifest"), EXPLICIT_DENY),
                row("reads a forged manifest named like data", get(TRAINING, DATASET + "x.jsonl"), EXPLICIT_DENY),
                row("reads a report", get(TRAINING, REPORTS + "report.json"), EXPLICIT_DENY),
                row("lists the dataset", list(TRAINING, DATASET), IMPLICIT_DENY),
                row("lists the bucket", list(TRAINING, ""), IMPLICIT_DENY),
                row("reads an approved object over plain HTTP", get(TRAINING, DATASET + "a.csv").tag(APPROVED, "true").plainHttp(), EXPLICIT_DENY),
                row("writes the model under models/", put(TRAINING, "models/support-tickets/train-1/output/model.tar.gz").sse(OUTPUT_KEY), ALLOW),
                row("writes into the dataset", put(TRAINING, DATASET + "tickets.jsonl"), IMPLICIT_DENY),
                row("tags an object approved itself", call(TRAINING, "s3:PutObjectTagging", DATASET + "a.csv").requestTags(APPROVED), EXPLICIT_DENY),
                row("decrypts the dataset through S3", kms(TRAINING, "kms:Decrypt", DATASET_KEY).viaS3(), ALLOW),
                row("decrypts the dataset outside S3", kms(TRAINING, "kms:Decrypt", DATASET_KEY), IMPLICIT_DENY),
                row("encrypts the model under the output key", kms(TRAINING, "kms:Encrypt", OUTPUT_KEY).viaS3(), ALLOW),
                row("generates a data key under the dataset key", kms(TRAINING, "kms:GenerateDataKey", DATASET_KEY).viaS3(), IMPLICIT_DENY),
                row("writes its logs", arn(TRAINING, "logs:PutLogEvents",
                        "arn:aws:logs:eu-west-1:" + ACCOUNT + ":log-group:/aws/sagemaker/TrainingJobs:log-stream:train-1/algo-1"), ALLOW),
                row("pulls its image", arn(TRAINING, "ecr:BatchGetImage", "arn:aws:ecr:eu-west-1:" + ACCOUNT + ":repository/example-trainer"), ALLOW));
    }

    static Stream<Row> scanner() {
        return Stream.of(
                row("reads a dataset object", get(SCANNER, DATASET + "part-0/tickets.jsonl.gz"), ALLOW),
                row("reads a scanned version", getVersion(SCANNER, DATASET + "tickets.jsonl"), ALLOW),
                row("reads another dataset", get(SCANNER, "datasets/chat-logs/logs.jsonl"), IMPLICIT_DENY),
                row("lists the dataset prefix", list(SCANNER, DATASET), ALLOW),
                row("lists its --out", list(SCANNER, REPORTS), ALLOW),
                row("lists the whole bucket", list(SCANNER, ""), IMPLICIT_DENY),
                row("lists every dataset", list(SCANNER, "datasets/"), IMPLICIT_DENY),
                row("reads the jar", get(SCANNER, "example-artifacts", "pii-gate/pii-gate-0.1.0-SNAPSHOT.jar"), ALLOW),
                row("reads policy.yaml", get(SCANNER, "example-artifacts", "pii-gate/policy.yaml"), ALLOW),
                row("reads other artifacts", get(SCANNER, "example-artifacts", "emr/tls/certs.zip"), IMPLICIT_DENY),
                row("reads what the SageMaker SDK staged", get(SCANNER, "sagemaker-eu-west-1-" + ACCOUNT,
                        "pii-gate-2026-12-04-00-00-00-000/input/conf/configuration.json"), ALLOW),
                row("reads its object's tags", call(SCANNER, "s3:GetObjectVersionTagging", DATASET + "tickets.jsonl"), ALLOW),
                row("tags a scanned version approved", call(SCANNER, "s3:PutObjectVersionTagging", DATASET + "tickets.jsonl")
                        .requestTags("owner", APPROVED, "pii-gate-run"), ALLOW),
                row("tags the current object approved", call(SCANNER, "s3:PutObjectTagging", DATASET + "tickets.jsonl").requestTags(APPROVED), ALLOW),
                row("removes the tags on BLOCK", call(SCANNER, "s3:DeleteObjectVersionTagging", DATASET + "tickets.jsonl"), ALLOW),
                row("tags an object of another dataset", call(SCANNER, "s3:PutObjectTagging", "datasets/chat-logs/logs.jsonl")
                        .requestTags(APPROVED), IMPLICIT_DENY),
                row("writes a data object", put(SCANNER, DATASET + "tickets.jsonl"), IMPLICIT_DENY),
                row("deletes a data object", call(SCANNER, "s3:DeleteObject", DATASET + "tickets.jsonl"), IMPLICIT_DENY),
                row("creates the approved manifest (If-None-Match, SSE-KMS)", put(SCANNER, DATASET + "train.approved.manifest")
                        .sse(OUTPUT_KEY).ifNoneMatch(), ALLOW),
                row("creates the approval record (If-None-Match, SSE-KMS)", put(SCANNER, DATASET + "train.approved.manifest.verdict.json")
                        .sse(OUTPUT_KEY).ifNoneMatch(), ALLOW),
                row("creates the approved manifest a second time without If-None-Match", put(SCANNER, DATASET + "train.approved.manifest")
                        .sse(OUTPUT_KEY), EXPLICIT_DENY),
                row("starts a multipart approved manifest (cannot carry If-None-Match)", createMultipart(SCANNER,
                        DATASET + "train.approved.manifest").sse(OUTPUT_KEY), ALLOW),
                row("uploads a part of the approved manifest", uploadPart(SCANNER, DATASET + "train.approved.manifest"), ALLOW),
                row("completes a multipart approved manifest without If-None-Match", completeMultipart(SCANNER,
                        DATASET + "train.approved.manifest"), EXPLICIT_DENY),
                row("completes a multipart approved manifest with If-None-Match", completeMultipart(SCANNER,
                        DATASET + "train.approved.manifest").ifNoneMatch(), ALLOW),
                row("withdraws the approved manifest", call(SCANNER, "s3:DeleteObject", DATASET + "train.approved.manifest"), ALLOW),
                row("creates verdict.json (If-None-Match, SSE-KMS)", put(SCANNER, REPORTS + "verdict.json").sse(OUTPUT_KEY).ifNoneMatch(), ALLOW),
                // verdict.json is create-only in the job itself (S3aPut); the bucket does not insist, because
                // SageMaker's own upload of /opt/ml/processing/output (local-path mode) sends no If-None-Match
                row("SageMaker uploads a local-path verdict.json", put(SCANNER, REPORTS + "verdict.json").sse(OUTPUT_KEY), ALLOW),
                row("removes verdict.json when a run starts", call(SCANNER, "s3:DeleteObject", REPORTS + "verdict.json"), ALLOW),
                row("writes report.json under SSE-KMS with the output key", put(SCANNER, REPORTS + "report.json").sse(OUTPUT_KEY), ALLOW),
                row("starts a multipart report under SSE-KMS", createMultipart(SCANNER, REPORTS + "report.json").sse(OUTPUT_KEY), ALLOW),
                row("uploads a part (no SSE header)", uploadPart(SCANNER, REPORTS + "report.json"), ALLOW),
                row("completes the multipart report (no SSE header)", completeMultipart(SCANNER, REPORTS + "report.json"), ALLOW),
                row("aborts a multipart report", call(SCANNER, "s3:AbortMultipartUpload", REPORTS + "report.json"), ALLOW),
                row("starts a multipart report under another key", createMultipart(SCANNER, REPORTS + "report.json")
                        .sse("arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/44444444-4444-4444-4444-444444444444"), EXPLICIT_DENY),
                row("writes report.json under SSE-S3", put(SCANNER, REPORTS + "report.json").with("s3:x-amz-server-side-encryption", "AES256"),
                        EXPLICIT_DENY),
                row("writes report.json under aws:kms without a key id (the AWS managed key)", put(SCANNER, REPORTS + "report.json")
                        .with("s3:x-amz-server-side-encryption", "aws:kms"), EXPLICIT_DENY),
                row("writes report.json with no SSE header (bucket default encryption applies)", put(SCANNER, REPORTS + "report.json"), ALLOW),
                row("writes report.json over plain HTTP", put(SCANNER, REPORTS + "report.json").sse(OUTPUT_KEY).plainHttp(), EXPLICIT_DENY),
                row("writes outside its --out prefix", put(SCANNER, "pii-gate/reports/chat-logs/run-1/report.json").sse(OUTPUT_KEY), IMPLICIT_DENY),
                row("bypasses Object Lock governance", call(SCANNER, "s3:BypassGovernanceRetention", REPORTS + "report.json"), EXPLICIT_DENY),
                row("decrypts the dataset through S3", kms(SCANNER, "kms:Decrypt", DATASET_KEY).viaS3(), ALLOW),
                row("generates a data key under the output key", kms(SCANNER, "kms:GenerateDataKey", OUTPUT_KEY).viaS3(), ALLOW),
                row("generates a data key under the dataset key", kms(SCANNER, "kms:GenerateDataKey", DATASET_KEY).viaS3(), IMPLICIT_DENY),
                row("writes processing job logs", arn(SCANNER, "logs:PutLogEvents", "arn:aws:logs:eu-west-1:" + ACCOUNT
                        + ":log-group:/aws/sagemaker/ProcessingJobs:log-stream:pii-gate-1/algo-1"), ALLOW),
                row("writes training job logs", arn(SCANNER, "logs:PutLogEvents", "arn:aws:logs:eu-west-1:" + ACCOUNT
                        + ":log-group:/aws/sagemaker/TrainingJobs:log-stream:train-1/algo-1"), IMPLICIT_DENY),
                row("pulls the Spark processing image", arn(SCANNER, "ecr:BatchGetImage",
                        "arn:aws:ecr:eu-west-1:571004829621:repository/sagemaker-spark-processing"), ALLOW));
    }

    static Stream<Row> writer() {
        return Stream.of(
                row("uploads new data", put(WRITER, DATASET + "new.jsonl"), ALLOW),
                row("uploads new data with its own tags", put(WRITER, DATASET + "new.jsonl").requestTags("owner"), ALLOW),
                row("uploads data carrying the approval tag", put(WRITER, DATASET + "new.jsonl").requestTags(APPROVED), EXPLICIT_DENY),
                row("uploads data carrying the approval tag among others", put(WRITER, DATASET + "new.jsonl").requestTags("owner", APPROVED),
                        EXPLICIT_DENY),
                row("starts a multipart upload carrying the approval tag", createMultipart(WRITER, DATASET + "big.parquet").requestTags(APPROVED),
                        EXPLICIT_DENY),
                row("tags an object approved", call(WRITER, "s3:PutObjectTagging", DATASET + "new.jsonl").requestTags(APPROVED), EXPLICIT_DENY),
                row("tags a version approved", call(WRITER, "s3:PutObjectVersionTagging", DATASET + "new.jsonl").requestTags(APPROVED),
                        EXPLICIT_DENY),
                row("sets its own tags on an object (PutObjectTagging is the scanner's only)", call(WRITER, "s3:PutObjectTagging",
                        DATASET + "new.jsonl").requestTags("owner"), EXPLICIT_DENY),
                row("removes an approval's tags", call(WRITER, "s3:DeleteObjectTagging", DATASET + "new.jsonl"), EXPLICIT_DENY),
                row("reads tags", call(WRITER, "s3:GetObjectTagging", DATASET + "new.jsonl"), ALLOW),
                row("publishes an approved manifest", put(WRITER, DATASET + "train.approved.manifest").sse(OUTPUT_KEY).ifNoneMatch(), EXPLICIT_DENY),
                row("publishes an approved manifest elsewhere in datasets/", put(WRITER, "datasets/blocked/x.approved.manifest")
                        .sse(OUTPUT_KEY).ifNoneMatch(), EXPLICIT_DENY),
                row("publishes an approval record", put(WRITER, DATASET + "train.approved.manifest.verdict.json").sse(OUTPUT_KEY).ifNoneMatch(),
                        EXPLICIT_DENY),
                row("writes a verdict.json", put(WRITER, REPORTS + "verdict.json").sse(OUTPUT_KEY).ifNoneMatch(), EXPLICIT_DENY),
                row("writes a plain manifest (not approved, so nobody trains on it)", put(WRITER, DATASET + "train.manifest"), ALLOW),
                row("withdraws an approval (fails closed: only un-approves)", call(WRITER, "s3:DeleteObject", DATASET + "train.approved.manifest"),
                        ALLOW));
    }

    static Stream<Row> pipeline() {
        String cluster = "arn:aws:elasticmapreduce:eu-west-1:" + ACCOUNT + ":cluster/j-2AXXXXXXGAPLF";
        return Stream.of(
                row("adds the scan step under the scanner runtime role", arn(PIPELINE, "elasticmapreduce:AddJobFlowSteps", cluster)
                        .with("elasticmapreduce:ExecutionRoleArn", SCANNER.id()), ALLOW),
                row("adds a step under another runtime role", arn(PIPELINE, "elasticmapreduce:AddJobFlowSteps", cluster)
                        .with("elasticmapreduce:ExecutionRoleArn", TRAINING.id()), IMPLICIT_DENY),
                row("adds a step without a runtime role (the instance profile's rights)", arn(PIPELINE,
                        "elasticmapreduce:AddJobFlowSteps", cluster), IMPLICIT_DENY),
                row("watches the step", arn(PIPELINE, "elasticmapreduce:DescribeStep", cluster), ALLOW),
                row("cancels the step", arn(PIPELINE, "elasticmapreduce:CancelSteps", cluster), ALLOW),
                row("terminates the cluster", arn(PIPELINE, "elasticmapreduce:TerminateJobFlows", cluster), IMPLICIT_DENY),
                row("creates the training job", arn(PIPELINE, "sagemaker:CreateTrainingJob",
                        "arn:aws:sagemaker:eu-west-1:" + ACCOUNT + ":training-job/train-exec-1"), ALLOW),
                row("describes the training job", arn(PIPELINE, "sagemaker:DescribeTrainingJob",
                        "arn:aws:sagemaker:eu-west-1:" + ACCOUNT + ":training-job/train-exec-1"), ALLOW),
                row("creates the processing job", arn(PIPELINE, "sagemaker:CreateProcessingJob",
                        "arn:aws:sagemaker:eu-west-1:" + ACCOUNT + ":processing-job/pii-gate-support-tickets-run-0001"), ALLOW),
                row("creates a job of another name", arn(PIPELINE, "sagemaker:CreateTrainingJob",
                        "arn:aws:sagemaker:eu-west-1:" + ACCOUNT + ":training-job/other"), IMPLICIT_DENY),
                row("creates the .sync rule", arn(PIPELINE, "events:PutRule",
                        "arn:aws:events:eu-west-1:" + ACCOUNT + ":rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule"), ALLOW),
                row("creates another rule", arn(PIPELINE, "events:PutRule", "arn:aws:events:eu-west-1:" + ACCOUNT + ":rule/other"), IMPLICIT_DENY),
                row("passes the training role to SageMaker", arn(PIPELINE, "iam:PassRole", TRAINING.id())
                        .with("iam:PassedToService", "sagemaker.amazonaws.com"), ALLOW),
                row("passes the scanner role to SageMaker", arn(PIPELINE, "iam:PassRole", SCANNER.id())
                        .with("iam:PassedToService", "sagemaker.amazonaws.com"), ALLOW),
                row("passes the training role to EC2", arn(PIPELINE, "iam:PassRole", TRAINING.id())
                        .with("iam:PassedToService", "ec2.amazonaws.com"), IMPLICIT_DENY),
                row("passes itself", arn(PIPELINE, "iam:PassRole", PIPELINE.id()).with("iam:PassedToService", "sagemaker.amazonaws.com"),
                        IMPLICIT_DENY),
                row("reads the verdict", get(PIPELINE, REPORTS + "verdict.json"), ALLOW),
                row("reads the report", get(PIPELINE, REPORTS + "report.json"), IMPLICIT_DENY),
                row("reads data", get(PIPELINE, DATASET + "tickets.jsonl").tag(APPROVED, "true"), IMPLICIT_DENY),
                row("decrypts the verdict through S3", kms(PIPELINE, "kms:Decrypt", OUTPUT_KEY).viaS3(), ALLOW),
                row("publishes the gate's alarm metric", arn(PIPELINE, "cloudwatch:PutMetricData", "*")
                        .with("cloudwatch:namespace", "PiiGate"), ALLOW),
                row("publishes into another namespace", arn(PIPELINE, "cloudwatch:PutMetricData", "*")
                        .with("cloudwatch:namespace", "AWS/S3"), IMPLICIT_DENY));
    }

    static Stream<Row> trust() {
        Principal sagemaker = Principal.service("sagemaker.amazonaws.com");
        Principal states = Principal.service("states.amazonaws.com");
        Principal instanceProfile = role("EMR_EC2_DefaultRole");
        String stateMachine = "arn:aws:states:eu-west-1:" + ACCOUNT + ":stateMachine:pii-gate-then-train";
        return Stream.of(
                row("SageMaker assumes the training role for a training job", assume(sagemaker, TRAINING)
                        .source(ACCOUNT, "arn:aws:sagemaker:eu-west-1:" + ACCOUNT + ":training-job/train-exec-1"), ALLOW),
                row("SageMaker assumes the training role for another account's job", assume(sagemaker, TRAINING)
                        .source("444455556666", "arn:aws:sagemaker:eu-west-1:444455556666:training-job/train-exec-1"), IMPLICIT_DENY),
                row("SageMaker assumes the training role with no source", assume(sagemaker, TRAINING), IMPLICIT_DENY),
                row("SageMaker assumes the training role for a processing job", assume(sagemaker, TRAINING)
                        .source(ACCOUNT, "arn:aws:sagemaker:eu-west-1:" + ACCOUNT + ":processing-job/pii-gate-1"), IMPLICIT_DENY),
                row("SageMaker assumes the scanner role for a processing job", assume(sagemaker, SCANNER)
                        .source(ACCOUNT, "arn:aws:sagemaker:eu-west-1:" + ACCOUNT + ":processing-job/pii-gate-1"), ALLOW),
                row("SageMaker assumes the scanner role for a training job", assume(sagemaker, SCANNER)
                        .source(ACCOUNT, "arn:aws:sagemaker:eu-west-1:" + ACCOUNT + ":training-job/train-exec-1"), IMPLICIT_DENY),
                row("the EMR instance profile assumes the scanner runtime role", assume(instanceProfile, SCANNER), ALLOW),
                row("the EMR instance profile tags the runtime role session", arn(instanceProfile, "sts:TagSession", SCANNER.id()), ALLOW),
                row("another role assumes the scanner role", assume(WRITER, SCANNER), IMPLICIT_DENY),
                row("the EMR instance profile assumes the training role", assume(instanceProfile, TRAINING), IMPLICIT_DENY),
                row("the state machine assumes the pipeline role", assume(states, PIPELINE).source(ACCOUNT, stateMachine), ALLOW),
                row("another account's state machine assumes the pipeline role", assume(states, PIPELINE)
                        .source("444455556666", "arn:aws:states:eu-west-1:444455556666:stateMachine:pii-gate-then-train"), IMPLICIT_DENY),
                row("the SageMaker pipeline assumes the pipeline role", assume(sagemaker, PIPELINE)
                        .source(ACCOUNT, "arn:aws:sagemaker:eu-west-1:" + ACCOUNT + ":pipeline/pii-gate-then-train"), ALLOW),
                row("EC2 assumes the pipeline role", assume(Principal.service("ec2.amazonaws.com"), PIPELINE).source(ACCOUNT, stateMachine),
                        IMPLICIT_DENY));
    }

    @ParameterizedTest(name = "training role {0}")
    @MethodSource("training")
    void theTrainingRole(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "scanner role {0}")
    @MethodSource("scanner")
    void theScannerRole(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "another writer {0}")
    @MethodSource("writer")
    void anotherWriter(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "pipeline role {0}")
    @MethodSource("pipeline")
    void thePipelineRole(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "trust: {0}")
    @MethodSource("trust")
    void whoAssumesWhichRole(Row row) {
        check(row);
    }

    /**
     * Each layer holds alone: the training role's own policy refuses what the table denies it, and so does the bucket
     * policy when the role also holds a broad read grant (as a managed policy attached later might give it).
     */
    @ParameterizedTest(name = "training role, each layer alone: {0}")
    @MethodSource("training")
    void eachLayerAloneRefusesTheTrainingRoleWhatTheTableDenies(Row row) throws IOException {
        Request r = row.request();
        if (row.expected() == ALLOW || !r.resource().startsWith("arn:aws:s3:::" + BUCKET + "/") || !r.action().startsWith("s3:Get")
                || r.context().get("aws:SecureTransport").contains("false")) {
            return; // plain HTTP is the bucket policy's alone
        }
        assertThat(PolicyEvaluator.evaluate(r, List.of(IDENTITY.get(TRAINING)), List.of())).as(row.name() + ", identity policy alone")
                .isNotEqualTo(ALLOW);
        Policy broad = Policy.parse("broad read (test)", """
                {"Version": "2012-10-17", "Statement": [{"Sid": "ReadAll", "Effect": "Allow",
                  "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": ["arn:aws:s3:::example-training-data/*"]}]}
                """);
        assertThat(PolicyEvaluator.evaluate(r, List.of(broad), List.of(bucketPolicy))).as(row.name() + ", bucket policy alone")
                .isEqualTo(EXPLICIT_DENY);
    }

    private static void check(Row row) {
        Request r = row.request();
        List<Policy> identity = r.principal().type().equals("AWS") && IDENTITY.containsKey(r.principal())
                ? List.of(IDENTITY.get(r.principal())) : List.of();
        List<Policy> resource = new ArrayList<>();
        if (r.resource().startsWith("arn:aws:s3:::" + BUCKET)) {
            resource.add(bucketPolicy);
        }
        TRUST.forEach((role, trust) -> {
            if (r.action().startsWith("sts:") && r.resource().equals(role.id())) {
                resource.add(trust);
            }
        });
        List<Policy> all = new ArrayList<>(identity);
        all.addAll(resource);
        assertThat(PolicyEvaluator.evaluate(r, identity, resource))
                .as("%s: %s on %s with %s; matching statements %s", row.name(), r.action(), r.resource(), r.context(),
                        PolicyEvaluator.matchingStatements(r, all))
                .isEqualTo(row.expected());
    }

    // --- requests as S3 and the other services authorize them ---

    private static Principal role(String name) {
        return Principal.role("arn:aws:iam::" + ACCOUNT + ":role/" + name);
    }

    private static Row row(String name, Call call, Decision expected) {
        return new Row(name, call.request(), expected);
    }

    private static Call call(Principal who, String action, String key) {
        return arn(who, action, "arn:aws:s3:::" + BUCKET + "/" + key);
    }

    private static Call arn(Principal who, String action, String resource) {
        Call c = new Call(who, action, resource, new LinkedHashMap<>());
        c.with("aws:SecureTransport", "true");
        if (who.type().equals("AWS")) {
            c.with("aws:PrincipalArn", who.id()).with("aws:PrincipalAccount", ACCOUNT);
        }
        return c;
    }

    private static Call get(Principal who, String key) {
        return call(who, "s3:GetObject", key);
    }

    private static Call get(Principal who, String bucket, String key) {
        return arn(who, "s3:GetObject", "arn:aws:s3:::" + bucket + "/" + key);
    }

    private static Call getVersion(Principal who, String key) {
        return call(who, "s3:GetObjectVersion", key);
    }

    private static Call list(Principal who, String prefix) {
        return arn(who, "s3:ListBucket", "arn:aws:s3:::" + BUCKET).with("s3:prefix", prefix);
    }

    /** PutObject (and CopyObject) create an object: s3:ObjectCreationOperation is true. */
    private static Call put(Principal who, String key) {
        return call(who, "s3:PutObject", key).with("s3:ObjectCreationOperation", "true");
    }

    /** CreateMultipartUpload carries the SSE headers but cannot carry If-None-Match: ObjectCreationOperation false. */
    private static Call createMultipart(Principal who, String key) {
        return call(who, "s3:PutObject", key).with("s3:ObjectCreationOperation", "false");
    }

    /** UploadPart carries neither SSE headers nor If-None-Match. */
    private static Call uploadPart(Principal who, String key) {
        return call(who, "s3:PutObject", key).with("s3:ObjectCreationOperation", "false");
    }

    /** CompleteMultipartUpload creates the object (may carry If-None-Match) but carries no SSE header. */
    private static Call completeMultipart(Principal who, String key) {
        return call(who, "s3:PutObject", key).with("s3:ObjectCreationOperation", "true");
    }

    private static Call kms(Principal who, String action, String key) {
        return arn(who, action, key);
    }

    private static Call assume(Principal who, Principal role) {
        return arn(who, "sts:AssumeRole", role.id());
    }

    /** A request under construction: its condition keys, added by what the request carries. */
    private record Call(Principal who, String action, String resource, Map<String, List<String>> context) {
        Call with(String key, String... values) {
            context.put(key, List.of(values));
            return this;
        }

        Call tag(String key, String value) {
            return with("s3:ExistingObjectTag/" + key, value);
        }

        Call requestTags(String... keys) {
            return with("s3:RequestObjectTagKeys", keys);
        }

        Call sse(String kmsKey) {
            return with("s3:x-amz-server-side-encryption", "aws:kms").with("s3:x-amz-server-side-encryption-aws-kms-key-id", kmsKey);
        }

        Call ifNoneMatch() {
            return with("s3:if-none-match", "*");
        }

        Call plainHttp() {
            return with("aws:SecureTransport", "false");
        }

        Call viaS3() {
            return with("kms:ViaService", "s3.eu-west-1.amazonaws.com");
        }

        Call source(String account, String arn) {
            return with("aws:SourceAccount", account).with("aws:SourceArn", arn);
        }

        Request request() {
            return new Request(who, action, resource, context);
        }
    }
}
