package dev.piigate.jobs.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * AWS's documented policy evaluation, for the parts emr/iam/ uses, so a test can ask what one request gets. Same
 * account only: an explicit Deny in any policy wins; otherwise an Allow in an identity policy, or in a resource policy
 * (bucket or trust policy) whose Principal names the caller, allows; otherwise the request is implicitly denied.
 * Action/NotAction (case-insensitive) and Resource/NotResource with {@code *} and {@code ?}; the condition operators
 * String(Not)Equals, String(Not)Like, Arn(Not)Equals, Arn(Not)Like, Bool and Null, each with {@code IfExists} and the
 * {@code ForAnyValue:}/{@code ForAllValues:} set qualifiers. Anything else (another operator, a policy variable, a
 * principal type) throws: a check that guesses would pass what AWS refuses, which is how moto gets these policies
 * wrong (emr/README.md, "IAM"). Not modelled: SCPs, permission boundaries, session policies, KMS key policies, ACLs,
 * cross-account access.
 */
final class PolicyEvaluator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyEvaluator() {}

    enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    /** Who asks: {@code AWS} with a role ARN, or {@code Service} with a service principal name. */
    record Principal(String type, String id) {
        Principal {
            if (!type.equals("AWS") && !type.equals("Service")) {
                throw new IllegalArgumentException("principal type " + type);
            }
            Objects.requireNonNull(id);
        }

        static Principal role(String arn) {
            return new Principal("AWS", arn);
        }

        static Principal service(String name) {
            return new Principal("Service", name);
        }
    }

    /** One request: the IAM action, the resource ARN, and the request context (keys compared case-insensitively). */
    record Request(Principal principal, String action, String resource, Map<String, List<String>> context) {
        Request {
            Map<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            keys.putAll(context);
            context = keys;
        }
    }

    record Condition(String operator, String key, List<String> values) {}

    record Statement(String sid, boolean allow, JsonNode principal, List<String> actions, boolean notAction,
            List<String> resources, boolean notResource, List<Condition> conditions) {}

    record Policy(String name, List<Statement> statements, boolean resourceBased) {
        static Policy read(Path file) throws IOException {
            return parse(file.getFileName().toString(), JSON.readTree(file.toFile()));
        }

        static Policy parse(String name, String json) throws IOException {
            return parse(name, JSON.readTree(json));
        }

        static Policy parse(String name, JsonNode root) {
            if (!"2012-10-17".equals(root.path("Version").asText())) {
                throw new IllegalArgumentException(name + ": Version must be 2012-10-17 (policy variables and current"
                        + " semantics need it)");
            }
            List<Statement> statements = new ArrayList<>();
            JsonNode list = root.get("Statement");
            for (JsonNode s : list.isArray() ? list : JSON.createArrayNode().add(list)) {
                statements.add(statement(name, s));
            }
            boolean resourceBased = statements.stream().anyMatch(s -> s.principal() != null);
            if (resourceBased && statements.stream().anyMatch(s -> s.principal() == null)) {
                throw new IllegalArgumentException(name + ": some statements have a Principal and some do not");
            }
            return new Policy(name, List.copyOf(statements), resourceBased);
        }

        private static Statement statement(String policy, JsonNode s) {
            String where = policy + " " + s.path("Sid").asText("(no Sid)");
            for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!List.of("Sid", "Effect", "Principal", "Action", "NotAction", "Resource", "NotResource", "Condition")
                        .contains(field)) {
                    throw new IllegalArgumentException(where + ": unsupported element " + field);
                }
            }
            String effect = s.path("Effect").asText();
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                throw new IllegalArgumentException(where + ": Effect " + effect);
            }
            if (s.has("Action") == s.has("NotAction")) {
                throw new IllegalArgumentException(where + ": exactly one of Action and NotAction");
            }
            if (s.has("Resource") && s.has("NotResource")) {
                throw new IllegalArgumentException(where + ": both Resource and NotResource");
            }
            List<Condition> conditions = new ArrayList<>();
            s.path("Condition").fields().forEachRemaining(operator -> operator.getValue().fields().forEachRemaining(
                    key -> conditions.add(new Condition(operator.getKey(), key.getKey(), strings(key.getValue())))));
            for (Condition c : conditions) {
                Operator.of(c.operator()); // fail on an unknown operator when the policy is read, not when it is hit
                if (c.values().stream().anyMatch(v -> v.contains("${"))) {
                    throw new IllegalArgumentException(where + ": policy variables are not evaluated here");
                }
            }
            return new Statement(s.path("Sid").asText(""), effect.equals("Allow"), s.get("Principal"),
                    strings(s.has("Action") ? s.get("Action") : s.get("NotAction")), s.has("NotAction"),
                    strings(s.has("NotResource") ? s.get("NotResource") : s.get("Resource")), s.has("NotResource"),
                    List.copyOf(conditions));
        }
    }

    /** The decision for one request over the caller's identity policies and the resource's policies. */
    static Decision evaluate(Request request, List<Policy> identityPolicies, List<Policy> resourcePolicies) {
        boolean allowed = false;
        boolean denied = false;
        for (Policy p : identityPolicies) {
            if (p.resourceBased()) {
                throw new IllegalArgumentException(p.name() + " has a Principal: not an identity policy");
            }
            for (Statement s : p.statements()) {
                if (applies(s, request)) {
                    allowed |= s.allow();
                    denied |= !s.allow();
                }
            }
        }
        for (Policy p : resourcePolicies) {
            if (!p.resourceBased()) {
                throw new IllegalArgumentException(p.name() + " has no Principal: not a resource policy");
            }
            for (Statement s : p.statements()) {
                if (principalMatches(s.principal(), request.principal()) && applies(s, request)) {
                    allowed |= s.allow();
                    denied |= !s.allow();
                }
            }
        }
        return denied ? Decision.EXPLICIT_DENY : allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    /** The statements that apply to a request (for messages and for the tests that name the statement that decides). */
    static List<String> matchingStatements(Request request, List<Policy> policies) {
        List<String> out = new ArrayList<>();
        for (Policy p : policies) {
            for (Statement s : p.statements()) {
                if ((!p.resourceBased() || principalMatches(s.principal(), request.principal())) && applies(s, request)) {
                    out.add(p.name() + " " + s.sid());
                }
            }
        }
        return out;
    }

    private static boolean applies(Statement s, Request r) {
        boolean action = s.actions().stream().anyMatch(a -> wildcard(a, r.action(), true));
        if (action == s.notAction()) {
            return false;
        }
        if (!s.resources().isEmpty()) {
            boolean resource = s.resources().stream().anyMatch(p -> wildcard(p, r.resource(), false));
            if (resource == s.notResource()) {
                return false;
            }
        }
        return s.conditions().stream().allMatch(c -> Operator.of(c.operator()).test(c.values(), r.context().get(c.key())));
    }

    private static boolean principalMatches(JsonNode principal, Principal caller) {
        if (principal.isTextual()) {
            if (!principal.asText().equals("*")) {
                throw new IllegalArgumentException("Principal " + principal);
            }
            return true;
        }
        for (Iterator<String> it = principal.fieldNames(); it.hasNext(); ) {
            String type = it.next();
            if (!type.equals("AWS") && !type.equals("Service")) {
                throw new IllegalArgumentException("principal type " + type + " is not evaluated here");
            }
            for (String id : strings(principal.get(type))) {
                if (id.endsWith(":root")) {
                    throw new IllegalArgumentException("account principals delegate to identity policies: not modelled");
                }
                if (type.equals(caller.type()) && (id.equals("*") || id.equals(caller.id()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A condition operator: the base comparison, whether a missing key makes it true ({@code IfExists}, and the
     * negated operators, as AWS documents), and its set qualifier.
     */
    private record Operator(String base, boolean ifExists, String qualifier) {
        private static final List<String> BASES = List.of("StringEquals", "StringNotEquals", "StringLike",
                "StringNotLike", "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike", "Bool", "Null");

        static Operator of(String name) {
            String qualifier = "";
            String rest = name;
            for (String q : List.of("ForAnyValue:", "ForAllValues:")) {
                if (rest.startsWith(q)) {
                    qualifier = q;
                    rest = rest.substring(q.length());
                }
            }
            boolean ifExists = rest.endsWith("IfExists");
            String base = ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest;
            if (!BASES.contains(base) || (base.equals("Null") && (ifExists || !qualifier.isEmpty()))) {
                throw new IllegalArgumentException("condition operator " + name + " is not evaluated here");
            }
            return new Operator(base, ifExists, qualifier);
        }

        private boolean negated() {
            return base.contains("Not");
        }

        boolean test(List<String> policyValues, List<String> requestValues) {
            boolean missing = requestValues == null || requestValues.isEmpty();
            if (base.equals("Null")) {
                return policyValues.stream().anyMatch(v -> bool(v) == missing);
            }
            if (qualifier.equals("ForAllValues:")) {
                return missing || requestValues.stream().allMatch(v -> single(policyValues, v));
            }
            if (qualifier.equals("ForAnyValue:")) {
                return !missing && requestValues.stream().anyMatch(v -> single(policyValues, v));
            }
            if (missing) {
                return ifExists || negated();
            }
            return negated() ? requestValues.stream().allMatch(v -> single(policyValues, v))
                    : requestValues.stream().anyMatch(v -> single(policyValues, v));
        }

        /** One request value against the policy's values (OR), negated for the Not operators. */
        private boolean single(List<String> policyValues, String value) {
            boolean any = policyValues.stream().anyMatch(p -> switch (base) {
                case "StringEquals", "StringNotEquals" -> p.equals(value);
                case "Bool" -> bool(p) == bool(value);
                default -> wildcard(p, value, false); // StringLike and the Arn operators (ArnEquals takes wildcards too)
            });
            return negated() != any;
        }

        private static boolean bool(String v) {
            String lower = v.toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                throw new IllegalArgumentException("not a boolean: " + v);
            }
            return lower.equals("true");
        }
    }

    /** IAM's wildcards: {@code *} any run of characters (slashes and colons included), {@code ?} exactly one. */
    static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0))
                .matcher(value).matches();
    }

    static List<String> strings(JsonNode node) {
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
