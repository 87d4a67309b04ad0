package dev.piigate.jobs.deploy;

import static dev.piigate.jobs.deploy.PolicyEvaluator.Decision.ALLOW;
import static dev.piigate.jobs.deploy.PolicyEvaluator.Decision.EXPLICIT_DENY;
import static dev.piigate.jobs.deploy.PolicyEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.jobs.deploy.PolicyEvaluator.Decision;
import dev.piigate.jobs.deploy.PolicyEvaluator.Policy;
import dev.piigate.jobs.deploy.PolicyEvaluator.Principal;
import dev.piigate.jobs.deploy.PolicyEvaluator.Request;

/**
 * The evaluator against AWS's documented rules (IAM user guide: policy evaluation logic, condition operators,
 * "...IfExists", the Null operator, multivalued context keys), one rule a row, so IamRequestsTest's table rests on
 * semantics that are themselves tested.
 */
class PolicyEvaluatorTest {
    private static final Principal ROLE = Principal.role("arn:aws:iam::111122223333:role/r");
    private static final String OBJECT = "arn:aws:s3:::b/k";

    /**
     * One Allow of s3:GetObject on every object with one condition, against a request that carries a key or not. Empty
     * request value: the key is absent; {@code a|b}: a multivalued key.
     */
    @ParameterizedTest(name = "{0} {1}={2} with request {3} -> {4}")
    @CsvSource(delimiter = ';', nullValues = "ABSENT", value = {
            "StringEquals;k;v;v;true",
            "StringEquals;k;v;V;false", // values are case-sensitive
            "StringEquals;k;v;ABSENT;false", // a positive operator on a missing key is false
            "StringNotEquals;k;v;ABSENT;true", // a negated operator on a missing key is true
            "StringNotEquals;k;v;w;true",
            "StringNotEquals;k;v;v;false",
            "StringEqualsIfExists;k;v;ABSENT;true", // IfExists: a missing key makes the condition true
            "StringNotEqualsIfExists;k;v;ABSENT;true", // ...true, also in a Deny: the trap of the SSE deny
            "StringNotEqualsIfExists;k;v;w;true",
            "StringLike;k;a*c;abbc;true",
            "StringLike;k;a?c;abbc;false",
            "StringLike;k;a?c;abc;true",
            "StringNotLike;k;a*;b;true",
            "ArnLike;k;arn:aws:states:*:1:stateMachine:p-*;arn:aws:states:eu-west-1:1:stateMachine:p-x;true",
            "ArnEquals;k;arn:aws:iam::1:role/a;arn:aws:iam::1:role/b;false",
            "ArnNotEquals;k;arn:aws:iam::1:role/a;ABSENT;true",
            "Bool;k;true;TRUE;true",
            "Bool;k;true;false;false",
            "Bool;k;false;ABSENT;false",
            "Null;k;true;ABSENT;true",
            "Null;k;true;x;false",
            "Null;k;false;x;true",
            "Null;k;false;ABSENT;false",
            "ForAnyValue:StringEquals;k;v;a|v;true",
            "ForAnyValue:StringEquals;k;v;a|b;false",
            "ForAnyValue:StringEquals;k;v;ABSENT;false", // nothing to match: false
            "ForAllValues:StringEquals;k;v;v|v;true",
            "ForAllValues:StringEquals;k;v;v|a;false",
            "ForAllValues:StringEquals;k;v;ABSENT;true", // the empty set: true (why ForAllValues alone lets untagged PUTs by)
    })
    void conditionOperators(String operator, String key, String policyValue, String requestValue, boolean applies)
            throws IOException {
        Policy allow = policy("{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"" + OBJECT
                + "\", \"Condition\": {\"" + operator + "\": {\"" + key + "\": \"" + policyValue + "\"}}}");
        Map<String, List<String>> context = new LinkedHashMap<>();
        if (requestValue != null) {
            context.put(key.toUpperCase(java.util.Locale.ROOT), List.of(requestValue.split("\\|", -1))); // keys ignore case
        }
        assertThat(PolicyEvaluator.evaluate(new Request(ROLE, "s3:GetObject", OBJECT, context), List.of(allow), List.of()))
                .isEqualTo(applies ? ALLOW : IMPLICIT_DENY);
    }

    @ParameterizedTest(name = "{0} on {1} {2} -> {3}")
    @CsvSource(delimiter = ';', value = {
            "\"Action\": \"s3:GetObject\";S3:getobject;arn:aws:s3:::b/k;ALLOW", // actions ignore case
            "\"Action\": \"s3:Get*\";s3:GetObjectVersion;arn:aws:s3:::b/k;ALLOW",
            "\"NotAction\": \"s3:PutObject\";s3:GetObject;arn:aws:s3:::b/k;ALLOW",
            "\"NotAction\": \"s3:PutObject\";s3:PutObject;arn:aws:s3:::b/k;IMPLICIT_DENY",
            "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/d/*.jsonl\";s3:GetObject;arn:aws:s3:::b/d/x/y.jsonl;ALLOW",
            "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/d/*.jsonl\";s3:GetObject;arn:aws:s3:::b/d/y.JSONL;IMPLICIT_DENY",
            "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/d/?.csv\";s3:GetObject;arn:aws:s3:::b/d/ab.csv;IMPLICIT_DENY",
            "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/d.c\";s3:GetObject;arn:aws:s3:::b/dxc;IMPLICIT_DENY",
            "\"Action\": \"s3:GetObject\", \"NotResource\": \"arn:aws:s3:::b/secret/*\";s3:GetObject;arn:aws:s3:::b/secret/k;IMPLICIT_DENY",
            "\"Action\": \"s3:GetObject\", \"NotResource\": \"arn:aws:s3:::b/secret/*\";s3:GetObject;arn:aws:s3:::b/open/k;ALLOW",
    })
    void actionsAndResources(String match, String action, String resource, Decision expected) throws IOException {
        String statement = "{\"Sid\": \"A\", \"Effect\": \"Allow\", " + match + (match.contains("Resource") ? "" : ", \"Resource\": \"*\"") + "}";
        assertThat(PolicyEvaluator.evaluate(new Request(ROLE, action, resource, Map.of()), List.of(policy(statement)), List.of()))
                .isEqualTo(expected);
    }

    @Test
    void anExplicitDenyAnywhereWinsOverAnAllow() throws IOException {
        Policy allow = policy("{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"" + OBJECT + "\"}");
        Policy bucketDeny = policy("{\"Sid\": \"D\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \""
                + OBJECT + "\"}");
        Request get = new Request(ROLE, "s3:GetObject", OBJECT, Map.of());
        assertThat(PolicyEvaluator.evaluate(get, List.of(allow), List.of())).isEqualTo(ALLOW);
        assertThat(PolicyEvaluator.evaluate(get, List.of(allow), List.of(bucketDeny))).isEqualTo(EXPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(get, List.of(), List.of())).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void aBucketPolicyAllowGrantsTheRoleItNamesInTheSameAccountOnly() throws IOException {
        Policy bucket = policy("{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"" + ROLE.id()
                + "\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"" + OBJECT + "\"}");
        assertThat(PolicyEvaluator.evaluate(new Request(ROLE, "s3:GetObject", OBJECT, Map.of()), List.of(), List.of(bucket)))
                .isEqualTo(ALLOW);
        Principal other = Principal.role("arn:aws:iam::111122223333:role/other");
        assertThat(PolicyEvaluator.evaluate(new Request(other, "s3:GetObject", OBJECT, Map.of()), List.of(), List.of(bucket)))
                .isEqualTo(IMPLICIT_DENY);
        Principal service = Principal.service("arn:aws:iam::111122223333:role/r");
        assertThat(PolicyEvaluator.evaluate(new Request(service, "s3:GetObject", OBJECT, Map.of()), List.of(), List.of(bucket)))
                .as("a service principal is not the role of the same name").isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void whatItCannotEvaluateItRefusesToJudge() {
        assertThatThrownBy(() -> policy("{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\","
                + " \"Condition\": {\"DateGreaterThan\": {\"aws:CurrentTime\": \"2020-01-01T00:00:00Z\"}}}"))
                .hasMessageContaining("DateGreaterThan");
        assertThatThrownBy(() -> policy("{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::b/${aws:username}/*\", \"Condition\": {\"StringEquals\": {\"k\": \"${aws:username}\"}}}"))
                .hasMessageContaining("policy variables");
        assertThatThrownBy(() -> Policy.parse("old", "{\"Version\": \"2008-10-17\", \"Statement\": []}")).hasMessageContaining("Version");
        assertThatThrownBy(() -> policy("{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\","
                + " \"NotPrincipal\": {\"AWS\": \"x\"}}")).hasMessageContaining("NotPrincipal");
        assertThatThrownBy(() -> PolicyEvaluator.evaluate(new Request(ROLE, "s3:GetObject", OBJECT, Map.of()), List.of(),
                List.of(policy("{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"},"
                        + " \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"))))
                .hasMessageContaining("account principals");
    }

    private static Policy policy(String statement) throws IOException {
        return Policy.parse("test", "{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}");
    }
}
