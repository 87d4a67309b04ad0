package dev.piigate.jobs.deploy;

import static dev.piigate.jobs.deploy.PolicyEvaluator.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Static checks of every policy document in emr/iam/: each parses as what the evaluator can judge, every ARN names the
 * example account, region, buckets and keys, no S3 grant uses a wildcard action or a wildcard resource, listing needs a
 * prefix condition, every role has a trust policy whose service principals carry the confused-deputy conditions, and
 * the role ARNs the other definitions in emr/ use are the roles defined here. What each role can really do is
 * {@link IamRequestsTest}.
 */
class IamPoliciesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-1";
    /** The roles emr/iam/ defines: file prefix and role name. */
    static final List<List<String>> ROLES = List.of(List.of("scanner", "pii-gate-scanner"), List.of("training", "pii-gate-training"),
            List.of("pipeline", "pii-gate-pipeline"));
    private static final Set<String> BUCKETS = Set.of("example-training-data", "example-artifacts",
            "sagemaker-" + REGION + "-" + ACCOUNT);
    private static final Set<String> KEYS = Set.of("11111111-1111-1111-1111-111111111111",
            "22222222-2222-2222-2222-222222222222", "33333333-3333-3333-3333-333333333333");
    /** The one ARN of another account: SageMaker's Spark processing images in eu-west-1 (REFERENCE.md, Wave 2). */
    private static final String SPARK_IMAGE_REPOSITORY = "arn:aws:ecr:eu-west-1:571004829621:repository/sagemaker-spark-processing";

    static Path iam() {
        return Deployment.emr().resolve("iam");
    }

    static List<Path> documents() throws IOException {
        try (Stream<Path> files = Files.list(iam())) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static Stream<Path> everyDocument() throws IOException {
        return documents().stream();
    }

    @Test
    void theRolesAndTheBucketPolicyAreAllThere() throws IOException {
        List<String> expected = new ArrayList<>(List.of("dataset-bucket-policy.json"));
        for (List<String> role : ROLES) {
            expected.add(role.get(0) + "-role-policy.json");
            expected.add(role.get(0) + "-trust-policy.json");
        }
        assertThat(documents()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("everyDocument")
    void everyDocumentIsOneTheEvaluatorJudges(Path document) throws IOException {
        PolicyEvaluator.Policy policy = PolicyEvaluator.Policy.read(document);
        boolean resourcePolicy = document.getFileName().toString().endsWith("-bucket-policy.json")
                || document.getFileName().toString().endsWith("-trust-policy.json");
        assertThat(policy.resourceBased()).as(document + ": Principal on every statement, or on none").isEqualTo(resourcePolicy);
        Set<String> sids = new TreeSet<>();
        for (PolicyEvaluator.Statement s : policy.statements()) {
            assertThat(s.sid()).as(document + ": every statement names why it is there").matches("[A-Za-z0-9]+");
            assertThat(sids.add(s.sid())).as(document + ": duplicate Sid " + s.sid()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("everyDocument")
    void everyArnNamesTheExampleAccountItsBucketsAndItsKeys(Path document) throws IOException {
        Matcher arns = Pattern.compile("\"(arn:[^\"]*)\"").matcher(Files.readString(document, StandardCharsets.UTF_8));
        int count = 0;
        while (arns.find()) {
            count++;
            String arn = arns.group(1);
            String[] parts = arn.split(":", 6);
            assertThat(parts).as(arn).hasSize(6);
            assertThat(parts[1]).as(arn).isEqualTo("aws");
            switch (parts[2]) {
                case "s3" -> {
                    assertThat(parts[3] + parts[4]).as(arn + ": S3 ARNs have no region or account").isEmpty();
                    assertThat(parts[5].split("/", 2)[0]).as(arn + ": a named bucket").isIn(BUCKETS);
                }
                case "kms" -> {
                    assertThat(parts[3] + ":" + parts[4]).as(arn).isEqualTo(REGION + ":" + ACCOUNT);
                    assertThat(parts[5]).as(arn + ": a named key").startsWith("key/");
                    assertThat(parts[5].substring("key/".length())).as(arn + ": one of the three keys").isIn(KEYS);
                }
                case "iam" -> assertThat(parts[3] + ":" + parts[4]).as(arn + ": IAM is global").isEqualTo(":" + ACCOUNT);
                default -> {
                    if (!arn.equals(SPARK_IMAGE_REPOSITORY)) {
                        assertThat(parts[3] + ":" + parts[4]).as(arn).isEqualTo(REGION + ":" + ACCOUNT);
                    }
                }
            }
        }
        assertThat(count).as(document + " names resources").isPositive();
    }

    @ParameterizedTest
    @MethodSource("everyDocument")
    void noS3GrantUsesAWildcardActionOrAWildcardResource(Path document) throws IOException {
        for (PolicyEvaluator.Statement s : PolicyEvaluator.Policy.read(document).statements()) {
            String where = document.getFileName() + " " + s.sid();
            boolean s3 = s.actions().stream().anyMatch(a -> a.toLowerCase(java.util.Locale.ROOT).startsWith("s3:")
                    || a.equals("*"));
            if (s.allow()) {
                // a grant says exactly what it grants: NotAction/NotResource and wildcard actions grant what nobody read
                assertThat(s.notAction() || s.notResource()).as(where + ": NotAction/NotResource in an Allow").isFalse();
                assertThat(s.actions()).as(where + ": wildcard action in an Allow").noneMatch(a -> a.contains("*") || a.contains("?"));
            }
            if (s3 && !s.resources().isEmpty()) {
                for (String r : s.resources()) {
                    assertThat(r).as(where + ": an S3 statement on every resource").isNotEqualTo("*");
                    assertThat(r).as(where + ": a named bucket").doesNotStartWith("arn:aws:s3:::*")
                            .doesNotMatch("arn:aws:s3:::[^/]*[*?].*");
                }
            }
            if (s.allow() && s.actions().contains("s3:ListBucket")) {
                List<String> prefixes = s.conditions().stream()
                        .filter(c -> c.operator().equals("StringLike") && c.key().equals("s3:prefix"))
                        .flatMap(c -> c.values().stream()).toList();
                assertThat(prefixes).as(where + ": ListBucket needs an s3:prefix condition").isNotEmpty()
                        .allSatisfy(p -> assertThat(p).doesNotStartWith("*").isNotEmpty());
            }
        }
    }

    @Test
    void wildcardsInDeniesAreOnlyTheDenyOfPlainHttp() throws IOException {
        // a Deny with s3:* denies more, never less; it is kept to the one statement AWS writes that way
        List<String> wildcardDenies = new ArrayList<>();
        for (Path document : documents()) {
            for (PolicyEvaluator.Statement s : PolicyEvaluator.Policy.read(document).statements()) {
                if (!s.allow() && s.actions().stream().anyMatch(a -> a.contains("*"))) {
                    wildcardDenies.add(document.getFileName() + " " + s.sid());
                }
            }
        }
        assertThat(wildcardDenies).containsExactly("dataset-bucket-policy.json DenyPlainHttp");
    }

    /** Trust: who may assume each role, and that AWS services may only on behalf of this account's own resources. */
    @ParameterizedTest
    @MethodSource("trustPolicies")
    void trustPoliciesNameExactPrincipalsAndConfusedDeputyConditions(Path document) throws IOException {
        for (PolicyEvaluator.Statement s : PolicyEvaluator.Policy.read(document).statements()) {
            String where = document.getFileName() + " " + s.sid();
            assertThat(s.allow()).as(where).isTrue();
            assertThat(s.resources()).as(where + ": a trust policy has no Resource").isEmpty();
            assertThat(s.actions()).as(where).isSubsetOf("sts:AssumeRole", "sts:TagSession");
            JsonNode principal = s.principal();
            assertThat(principal.isObject()).as(where + ": no Principal \"*\"").isTrue();
            for (String role : strings(principal.get("AWS"))) {
                assertThat(role).as(where + ": one role of this account").matches("arn:aws:iam::" + ACCOUNT + ":role/[\\w+=,.@-]+");
            }
            if (principal.has("Service")) {
                assertThat(strings(principal.get("Service"))).as(where).hasSize(1);
                assertThat(s.conditions()).as(where + ": aws:SourceAccount and aws:SourceArn (confused deputy)")
                        .anySatisfy(c -> assertThat(c.key() + "=" + c.values()).isEqualTo("aws:SourceAccount=[" + ACCOUNT + "]"))
                        .anySatisfy(c -> {
                            assertThat(c.operator()).isEqualTo("ArnLike");
                            assertThat(c.key()).isEqualTo("aws:SourceArn");
                            assertThat(c.values()).allSatisfy(v -> assertThat(v).startsWith("arn:aws:").contains(":" + REGION + ":" + ACCOUNT + ":"));
                        });
            }
        }
    }

    static Stream<Path> trustPolicies() throws IOException {
        return documents().stream().filter(p -> p.getFileName().toString().endsWith("-trust-policy.json"));
    }

    /** The state machine, the EMR step and the SageMaker definitions pass roles: they must be the ones defined here. */
    @Test
    void theDefinitionsUseTheRolesDefinedHere() throws IOException {
        Set<String> defined = new TreeSet<>();
        ROLES.forEach(r -> defined.add("arn:aws:iam::" + ACCOUNT + ":role/" + r.get(1)));
        Set<String> used = new TreeSet<>();
        Pattern role = Pattern.compile("arn:aws:iam::\\d{12}:role/[\\w+=,.@-]+");
        try (Stream<Path> walk = Files.walk(Deployment.emr())) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(iam())).filter(p -> !p.toString()
                    .endsWith(".md")).toList()) {
                Matcher m = role.matcher(Files.readString(p, StandardCharsets.UTF_8));
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        assertThat(used).as("role ARNs in emr/ outside emr/iam/").isNotEmpty();
        assertThat(defined).containsAll(used);
    }

    /** Everything emr/iam/ grants on S3 stays in the example buckets; nothing grants s3 on a bucket it does not name. */
    @Test
    void theScannerGrantsAreTheDatasetTheReportsAndTheArtifacts() throws IOException {
        JsonNode scanner = JSON.readTree(iam().resolve("scanner-role-policy.json").toFile());
        Set<String> s3Resources = new TreeSet<>();
        for (JsonNode s : scanner.get("Statement")) {
            if (strings(s.get("Action")).stream().anyMatch(a -> a.startsWith("s3:"))) {
                s3Resources.addAll(strings(s.get("Resource")));
            }
        }
        assertThat(s3Resources).allSatisfy(r -> assertThat(r).matches("arn:aws:s3:::(example-training-data(/datasets/support-tickets/.*"
                + "|/pii-gate/reports/support-tickets/\\*|/pii-gate(/reports(/support-tickets)?)?)?|example-artifacts(/pii-gate/\\*)?|sagemaker-eu-west-1-111122223333(/pii-gate-\\*)?)"));
    }
}
