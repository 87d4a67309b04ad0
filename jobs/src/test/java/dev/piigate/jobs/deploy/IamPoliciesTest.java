package dev.piigate.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Least privilege in emr/iam/, checked on every policy document under emr/: no S3 wildcard grants,
 * listing only under a prefix condition, and what each role can really reach, evaluated with IAM's
 * own wildcard rule ({@code *} any run of characters, {@code ?} one) on probe keys.
 */
class IamPoliciesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "arn:aws:s3:::example-training-data/";

    @Test
    void noPolicyGrantsS3WithWildcards() throws IOException {
        List<Path> policies = policies();
        assertThat(policies).extracting(p -> p.getFileName().toString()).contains("scanner-runtime-role-policy.json",
                "training-role-read-policy.json", "report-bucket-policy.json");
        for (Path p : policies) {
            for (JsonNode s : statements(p)) {
                String where = p.getFileName() + " " + s.path("Sid").asText();
                assertThat(s.has("NotAction") || s.has("NotResource")).as(where + ": NotAction/NotResource").isFalse();
                List<String> actions = strings(s.get("Action"));
                List<String> resources = strings(s.get("Resource"));
                assertThat(actions).as(where).isNotEmpty();
                assertThat(resources).as(where).isNotEmpty().doesNotContain("*");
                for (String r : resources) {
                    assertThat(r).as(where).doesNotStartWith("arn:aws:s3:::*").doesNotStartWith("arn:aws:s3:::example-training-data*");
                    if (r.startsWith("arn:aws:kms:")) {
                        assertThat(r).as(where + ": a named key").matches("arn:aws:kms:[a-z0-9-]+:\\d{12}:key/[0-9a-f-]{36}");
                    }
                }
                if (!"Allow".equals(s.get("Effect").asText())) {
                    continue;
                }
                for (String a : actions) {
                    assertThat(a).as(where).isNotEqualTo("*").doesNotContain("*");
                }
                if (actions.contains("s3:ListBucket")) {
                    assertThat(s.at("/Condition/StringLike/s3:prefix").isMissingNode()).as(where + ": ListBucket needs"
                            + " an s3:prefix condition").isFalse();
                    for (String prefix : strings(s.at("/Condition/StringLike/s3:prefix"))) {
                        assertThat(prefix).as(where).isNotEqualTo("*").doesNotStartWith("*");
                    }
                }
            }
        }
    }

    @Test
    void theScannerReadsTheDatasetAndWritesOnlyReportsAndApprovals() throws IOException {
        List<JsonNode> scanner = statements(Deployment.emr().resolve("iam/scanner-runtime-role-policy.json"));
        String dataset = BUCKET + "datasets/support-tickets/";
        assertThat(allows(scanner, "s3:GetObject", dataset + "part-0001/tickets.jsonl.gz")).isTrue();
        assertThat(allows(scanner, "s3:GetObject", BUCKET + "datasets/other-dataset/tickets.jsonl")).isFalse();
        assertThat(allows(scanner, "s3:PutObject", BUCKET + "pii-gate/reports/support-tickets/run-1/report.json")).isTrue();
        assertThat(allows(scanner, "s3:PutObject", dataset + "train.approved.manifest")).isTrue();
        assertThat(allows(scanner, "s3:PutObject", dataset + "train.approved.manifest.verdict.json")).isTrue();
        assertThat(allows(scanner, "s3:PutObject", dataset + "tickets.jsonl")).isFalse();
        assertThat(allows(scanner, "s3:PutObject", dataset + "train.manifest")).isFalse();
        assertThat(allows(scanner, "s3:DeleteObject", dataset + "tickets.jsonl")).isFalse();
        assertThat(allows(scanner, "kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/11111111-1111-1111-1111-111111111111")).isTrue();
        assertThat(allows(scanner, "kms:GenerateDataKey", "arn:aws:kms:eu-west-1:111122223333:key/11111111-1111-1111-1111-111111111111")).isFalse();
        assertThat(allows(scanner, "kms:GenerateDataKey", "arn:aws:kms:eu-west-1:111122223333:key/22222222-2222-2222-2222-222222222222")).isTrue();
    }

    /** A blocked dataset has no approved manifest, and the training role can read no other kind. */
    @Test
    void theTrainingRoleReadsOnlyApprovedManifests() throws IOException {
        List<JsonNode> training = statements(Deployment.emr().resolve("iam/training-role-read-policy.json"));
        String dataset = BUCKET + "datasets/support-tickets/";
        assertThat(allows(training, "s3:GetObject", dataset + "train.approved.manifest")).isTrue();
        assertThat(allows(training, "s3:GetObject", dataset + "train.approved.manifest.verdict.json")).isTrue();
        assertThat(allows(training, "s3:GetObject", dataset + "train.manifest")).isFalse();
        assertThat(allows(training, "s3:GetObject", dataset + "nested/eval.manifest")).isFalse();
        assertThat(allows(training, "s3:GetObject", dataset + "train.approved.manifest.bak")).isFalse();
        assertThat(allows(training, "s3:GetObject", dataset + "chat-logs.jsonl")).isTrue();
        assertThat(allows(training, "s3:GetObject", BUCKET + "pii-gate/reports/support-tickets/run-1/report.json")).isFalse();
        // no listing: a training job cannot take a dataset by prefix and so go around the manifest
        assertThat(training).noneMatch(s -> strings(s.get("Action")).contains("s3:ListBucket"));
        assertThat(training).allMatch(s -> strings(s.get("Action")).stream().noneMatch(a -> a.startsWith("s3:Put")));
    }

    @Test
    void theBucketPolicyDeniesReportPutsWithoutSseKmsUnderTheOutputKey() throws IOException {
        List<JsonNode> bucket = statements(Deployment.emr().resolve("iam/report-bucket-policy.json"));
        String report = BUCKET + "pii-gate/reports/support-tickets/run-1/verdict.json";
        JsonNode algorithm = deny(bucket, report, "s3:x-amz-server-side-encryption");
        assertThat(algorithm.at("/Condition/StringNotEquals/s3:x-amz-server-side-encryption").asText()).isEqualTo("aws:kms");
        JsonNode key = deny(bucket, report, "s3:x-amz-server-side-encryption-aws-kms-key-id");
        assertThat(key.at("/Condition/StringNotEquals/s3:x-amz-server-side-encryption-aws-kms-key-id").asText())
                .isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/22222222-2222-2222-2222-222222222222");
        deny(bucket, BUCKET + "datasets/support-tickets/train.approved.manifest", "s3:x-amz-server-side-encryption");
        deny(bucket, BUCKET + "datasets/support-tickets/train.approved.manifest", "aws:PrincipalArn");
    }

    private static JsonNode deny(List<JsonNode> statements, String resource, String conditionKey) {
        return statements.stream()
                .filter(s -> "Deny".equals(s.get("Effect").asText()))
                .filter(s -> strings(s.get("Action")).contains("s3:PutObject"))
                .filter(s -> strings(s.get("Resource")).stream().anyMatch(r -> matches(r, resource)))
                .filter(s -> s.get("Condition").toString().contains("\"" + conditionKey + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no Deny of s3:PutObject on " + resource + " by "
                        + conditionKey));
    }

    /** Whether an Allow statement grants the action on the resource (Deny and conditions aside). */
    private static boolean allows(List<JsonNode> statements, String action, String resource) {
        return statements.stream().filter(s -> "Allow".equals(s.get("Effect").asText()))
                .filter(s -> strings(s.get("Action")).stream().anyMatch(a -> matches(a, action)))
                .anyMatch(s -> strings(s.get("Resource")).stream().anyMatch(r -> matches(r, resource)));
    }

    /** IAM's wildcard rule: {@code *} matches any characters (slashes included), {@code ?} one. */
    static boolean matches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    static List<Path> policies() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : Deployment.files(".json")) {
            JsonNode root = JSON.readTree(p.toFile());
            if (root.has("Statement") && root.has("Version")) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<JsonNode> statements(Path policy) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(policy.toFile()).get("Statement").forEach(out::add);
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isMissingNode()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
