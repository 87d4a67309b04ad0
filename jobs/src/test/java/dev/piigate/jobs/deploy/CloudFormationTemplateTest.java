package dev.piigate.jobs.deploy;

import static dev.piigate.jobs.deploy.CloudFormationSpec.map;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code emr/cloudformation/pii-gate.yaml}, the one template that deploys the pipeline: checked
 * against CloudFormation's resource specification (names, types, required properties, what each
 * reference names); every policy, the security configuration and the state machine in it are the
 * files under {@code emr/} with the example account, region, buckets and keys replaced by the
 * stack's parameters and resources; no S3 wildcard; nothing refers to an account, bucket or key the
 * stack does not name itself.
 */
class CloudFormationTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static CloudFormationSpec spec;
    private static Map<String, Object> template;

    /** What the example files name where the template has a pseudo parameter or a resource of its own. */
    private static final Map<String, String> EXAMPLE = Map.of(
            "AWS::AccountId", "111122223333",
            "AWS::Region", "eu-west-1",
            "AWS::Partition", "aws",
            "DatasetKey.Arn", "arn:aws:kms:eu-west-1:111122223333:key/11111111-1111-1111-1111-111111111111",
            "OutputKey.Arn", "arn:aws:kms:eu-west-1:111122223333:key/22222222-2222-2222-2222-222222222222",
            "LocalDiskKey.Arn", "arn:aws:kms:eu-west-1:111122223333:key/33333333-3333-3333-3333-333333333333");

    @BeforeAll
    static void load() throws IOException {
        spec = CloudFormationSpec.load();
        template = parse(Files.readString(templateFile(), UTF_8));
    }

    static Path templateFile() {
        return Deployment.emr().resolve("cloudformation/pii-gate.yaml");
    }

    static Map<String, Object> parse(String yaml) {
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
    }

    @Test
    void theTemplateMatchesCloudFormationsSpecification() {
        assertThat(spec.check(template)).isEmpty();
    }

    /** The check finds what it is for: each broken copy of the template yields its problem. */
    @Test
    void theSpecificationCheckFindsMisspelledNamesAndDanglingReferences() throws IOException {
        String yaml = Files.readString(templateFile(), UTF_8);
        assertThat(spec.check(parse(yaml.replace("EnableKeyRotation:", "EnableKeyRotations:")))).as("misspelled property")
                .anyMatch(p -> p.contains("unknown property EnableKeyRotations"));
        assertThat(spec.check(parse(yaml.replace("Type: AWS::KMS::Key", "Type: AWS::KMS::Keys")))).as("unknown type")
                .anyMatch(p -> p.contains("unknown resource type AWS::KMS::Keys"));
        assertThat(spec.check(parse(yaml.replace("State: ENABLED", "State: PAUSED")))).as("not an allowed value")
                .anyMatch(p -> p.contains("PAUSED is not one of"));
        assertThat(spec.check(parse(yaml.replace("Fn::GetAtt: [ScanThenTrain, Name]", "Fn::GetAtt: [ScanThenTrain, Title]")))).as("unknown attribute")
                .anyMatch(p -> p.contains("has no attribute Title"));
        assertThat(spec.check(parse(yaml.replace("${ScannerRoleName}", "${ScanerRoleName}")))).as("dangling Sub variable")
                .anyMatch(p -> p.contains("Ref to ScanerRoleName"));
        assertThat(spec.check(parse(yaml.replace("      AssumeRolePolicyDocument:", "      AssumeRolePolicy:")))).as("required property")
                .anyMatch(p -> p.contains("required property AssumeRolePolicyDocument missing"));
    }

    static Stream<Arguments> embeddedFiles() {
        return Stream.of(
                Arguments.of("ScannerRole", "/Properties/AssumeRolePolicyDocument", "iam/scanner-trust-policy.json"),
                Arguments.of("ScannerRole", "/Properties/Policies/0/PolicyDocument", "iam/scanner-role-policy.json"),
                Arguments.of("TrainingRole", "/Properties/AssumeRolePolicyDocument", "iam/training-trust-policy.json"),
                Arguments.of("TrainingRole", "/Properties/Policies/0/PolicyDocument", "iam/training-role-policy.json"),
                Arguments.of("PipelineRole", "/Properties/AssumeRolePolicyDocument", "iam/pipeline-trust-policy.json"),
                Arguments.of("PipelineRole", "/Properties/Policies/0/PolicyDocument", "iam/pipeline-role-policy.json"),
                Arguments.of("DatasetBucketPolicy", "/Properties/PolicyDocument", "iam/dataset-bucket-policy.json"),
                Arguments.of("EmrSecurityConfiguration", "/Properties/SecurityConfiguration",
                        "security-configuration.json"),
                Arguments.of("ScanThenTrain", "/Properties/Definition", "step-functions/scan-then-train.asl.json"));
    }

    /**
     * The template holds each of these files, resolved with the parameters' defaults and the example
     * keys: a change to one that is not made in the other fails here.
     */
    @ParameterizedTest(name = "{0} {1} is emr/{2}")
    @MethodSource("embeddedFiles")
    void theTemplateHoldsTheFilesUnderEmr(String resource, String pointer, String file) throws IOException {
        Object embedded = resolve(JSON.valueToTree(map(template.get("Resources")).get(resource)).at(pointer));
        JsonNode expected = JSON.readTree(Deployment.emr().resolve(file).toFile());
        JsonNode actual = JSON.valueToTree(embedded);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void noStatementGrantsOrDeniesS3ByWildcard() {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatements(template.get("Resources"), statements);
        assertThat(statements).hasSizeGreaterThan(20);
        for (Map<String, Object> s : statements) {
            List<String> actions = strings(s.get("Action"));
            // A Deny may be broad (all of S3 over plain HTTP): only what is granted must be narrow.
            if (!"Allow".equals(s.get("Effect")) || actions.stream().noneMatch(a -> a.startsWith("s3:"))) {
                continue;
            }
            assertThat(actions).as("S3 actions of %s", s.get("Sid")).noneMatch(a -> a.contains("*"));
            for (Object r : s.get("Resource") instanceof List<?> l ? l : List.of(String.valueOf(s.get("Resource")))) {
                String resource = String.valueOf(resolve(JSON.valueToTree(r)));
                assertThat(resource).as("S3 resource of %s", s.get("Sid")).isNotEqualTo("*")
                        .doesNotStartWith("arn:aws:s3:::*");
            }
        }
    }

    /**
     * Accounts, regions, partitions, buckets and keys come from the stack (parameters, pseudo
     * parameters, its own resources): no literal account id, example name or key id in what it
     * deploys, and every ARN is built on the stack's partition.
     */
    @Test
    void everythingTheStackNamesIsItsOwnOrAParameter() {
        Object resources = template.get("Resources");
        JsonNode tree = JSON.valueToTree(resources);
        String text = tree.toString();
        assertThat(text).doesNotContain("111122223333").doesNotContain("example-").doesNotContain("eu-west-1")
                .doesNotContain("key/1111").doesNotContain("key/2222").doesNotContain("key/3333");
        Matcher arn = Pattern.compile("arn:(\\$\\{AWS::Partition}|[^:\"$]*):").matcher(text);
        while (arn.find()) {
            assertThat(arn.group(1)).as("partition of an ARN").isEqualTo("${AWS::Partition}");
        }
    }

    private static void collectStatements(Object node, List<Map<String, Object>> into) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("Statement") instanceof List<?> statements) {
                for (Object s : statements) {
                    into.add(map(s));
                }
            }
            for (Object v : m.values()) {
                collectStatements(v, into);
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                collectStatements(v, into);
            }
        }
    }

    private static List<String> strings(Object o) {
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return o == null ? List.of() : List.of(String.valueOf(o));
    }

    /** {@code node} with Ref, Fn::Sub and Fn::GetAtt resolved to the parameters' defaults and {@link #EXAMPLE}. */
    private static Object resolve(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>(EXAMPLE);
        map(template.get("Parameters")).forEach((name, p) -> {
            Object d = map(p).get("Default");
            if (d != null) {
                values.put(name, String.valueOf(d));
            }
        });
        return resolve(JSON.convertValue(node, Object.class), values);
    }

    private static Object resolve(Object v, Map<String, String> values) {
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(resolve(o, values));
            }
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            return v;
        }
        if (CloudFormationSpec.isIntrinsic(v)) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            switch (String.valueOf(e.getKey())) {
                case "Ref" -> {
                    return value(values, String.valueOf(e.getValue()));
                }
                case "Fn::GetAtt" -> {
                    List<?> parts = (List<?>) e.getValue();
                    return value(values, parts.get(0) + "." + parts.get(1));
                }
                case "Fn::Sub" -> {
                    Matcher x = Pattern.compile("\\$\\{([^}]+)}").matcher(String.valueOf(e.getValue()));
                    StringBuilder sb = new StringBuilder();
                    while (x.find()) {
                        x.appendReplacement(sb, Matcher.quoteReplacement(value(values, x.group(1))));
                    }
                    x.appendTail(sb);
                    return sb.toString();
                }
                default -> throw new AssertionError("no example value for " + e.getKey());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), resolve(x, values)));
        return out;
    }

    private static String value(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null) {
            throw new AssertionError("no example value for " + name);
        }
        return v;
    }
}
