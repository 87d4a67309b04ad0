package dev.piigate.jobs.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * CloudFormation's resource specification, as the AWS CDK's service database holds it (npm
 * {@code @aws-cdk/aws-service-spec}, generated from CloudFormation's registry schemas; fetched and
 * checked by {@code scripts/fetch-cfn-spec}), and a check of a template against it: resource types,
 * property names at every depth, required properties, allowed values, attribute names in
 * {@code Fn::GetAtt}, and what every {@code Ref}, {@code Fn::GetAtt} and {@code ${...}} in
 * {@code Fn::Sub} refers to. The template is read as plain YAML, so it must use the long forms
 * ({@code Ref:}, {@code Fn::Sub:}), not the {@code !Sub} tags.
 */
final class CloudFormationSpec {
    static final String VERSION = "0.1.216";
    private static final Set<String> TOP_LEVEL = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs");
    private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "DependsOn", "Condition",
            "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "UpdatePolicy", "CreationPolicy");
    private static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::Region", "AWS::Partition",
            "AWS::StackName", "AWS::StackId", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final Map<String, JsonNode> resources = new HashMap<>();
    private final Map<String, JsonNode> typeDefinitions = new HashMap<>();

    private CloudFormationSpec() {}

    /**
     * The database {@code scripts/fetch-cfn-spec} fetched ({@code scripts/test} runs it): the path
     * in {@code PIIGATE_CFN_SPEC}, else the script's cache folder.
     */
    static CloudFormationSpec load() throws IOException {
        String env = System.getenv("PIIGATE_CFN_SPEC");
        Path db = env != null && !env.isEmpty() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "pii-gate", "aws-service-spec-" + VERSION,
                        "db.json.gz");
        if (!Files.isRegularFile(db)) {
            throw new IOException("no CloudFormation specification at " + db
                    + ": run scripts/fetch-cfn-spec (scripts/test does) or set PIIGATE_CFN_SPEC");
        }
        JsonNode schema;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(db))) {
            schema = new ObjectMapper().readTree(in).get("schema");
        }
        CloudFormationSpec spec = new CloudFormationSpec();
        for (JsonNode r : schema.at("/resource/entities")) {
            spec.resources.put(r.get("cloudFormationType").asText(), r);
        }
        for (JsonNode t : schema.at("/typeDefinition/entities")) {
            spec.typeDefinitions.put(t.get("$id").asText(), t);
        }
        return spec;
    }

    boolean hasResourceType(String type) {
        return resources.containsKey(type);
    }

    /** Every problem found in {@code template} (parsed YAML), each naming where it is; empty when none. */
    List<String> check(Map<String, Object> template) {
        Check c = new Check(template);
        c.run();
        return c.problems;
    }

    private final class Check {
        private final Map<String, Object> template;
        private final Map<String, Object> parameters;
        private final Map<String, Object> resourcesOfTemplate;
        private final Map<String, Object> conditions;
        private final List<String> problems = new ArrayList<>();

        Check(Map<String, Object> template) {
            this.template = template;
            this.parameters = map(template.get("Parameters"));
            this.resourcesOfTemplate = map(template.get("Resources"));
            this.conditions = map(template.get("Conditions"));
        }

        void run() {
            for (String key : template.keySet()) {
                if (!TOP_LEVEL.contains(key)) {
                    problems.add("top level: unknown section " + key);
                }
            }
            if (resourcesOfTemplate.isEmpty()) {
                problems.add("Resources: none");
            }
            for (Map.Entry<String, Object> e : resourcesOfTemplate.entrySet()) {
                resource(e.getKey(), map(e.getValue()));
            }
            for (Map.Entry<String, Object> e : map(template.get("Outputs")).entrySet()) {
                references("Outputs." + e.getKey(), e.getValue());
            }
            for (Map.Entry<String, Object> e : conditions.entrySet()) {
                references("Conditions." + e.getKey(), e.getValue());
            }
        }

        private void resource(String name, Map<String, Object> r) {
            String where = "Resources." + name;
            for (String key : r.keySet()) {
                if (!RESOURCE_KEYS.contains(key)) {
                    problems.add(where + ": unknown key " + key);
                }
            }
            Object type = r.get("Type");
            JsonNode spec = type instanceof String t ? resources.get(t) : null;
            if (spec == null) {
                problems.add(where + ": unknown resource type " + type);
                return;
            }
            Object dependsOn = r.get("DependsOn");
            for (Object d : dependsOn instanceof List<?> l ? l : dependsOn == null ? List.of() : List.of(dependsOn)) {
                if (!resourcesOfTemplate.containsKey(String.valueOf(d))) {
                    problems.add(where + ".DependsOn: no resource " + d);
                }
            }
            if (r.get("Condition") != null && !conditions.containsKey(String.valueOf(r.get("Condition")))) {
                problems.add(where + ".Condition: no condition " + r.get("Condition"));
            }
            properties(where + ".Properties", map(r.get("Properties")), spec.get("properties"));
        }

        private void properties(String where, Map<String, Object> given, JsonNode specified) {
            if (specified == null) {
                if (!given.isEmpty()) {
                    problems.add(where + ": this type has no properties");
                }
                return;
            }
            for (Map.Entry<String, Object> e : given.entrySet()) {
                JsonNode p = specified.get(e.getKey());
                if (p == null) {
                    problems.add(where + ": unknown property " + e.getKey());
                } else {
                    value(where + "." + e.getKey(), e.getValue(), p.get("type"));
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = specified.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                if (p.getValue().path("required").asBoolean(false) && !given.containsKey(p.getKey())) {
                    problems.add(where + ": required property " + p.getKey() + " missing");
                }
            }
        }

        private void value(String where, Object v, JsonNode type) {
            if (isIntrinsic(v)) {
                references(where, v);
                return;
            }
            switch (type.get("type").asText()) {
                case "string", "date-time" -> {
                    if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                        problems.add(where + ": expected a string");
                    } else if (type.has("allowedValues")) {
                        allowed(where, v, type.get("allowedValues"));
                    }
                }
                case "integer", "number" -> {
                    if (!(v instanceof Number || v instanceof String s && s.matches("-?[0-9]+(\\.[0-9]+)?"))) {
                        problems.add(where + ": expected a number");
                    }
                }
                case "boolean" -> {
                    if (!(v instanceof Boolean || "true".equals(v) || "false".equals(v))) {
                        problems.add(where + ": expected a boolean");
                    }
                }
                case "json" -> references(where, v);
                case "tag" -> {
                    Map<String, Object> tag = map(v);
                    if (!tag.keySet().equals(Set.of("Key", "Value"))) {
                        problems.add(where + ": a tag is {Key, Value}");
                    }
                    references(where, v);
                }
                case "array" -> {
                    if (v instanceof List<?> list) {
                        for (int i = 0; i < list.size(); i++) {
                            value(where + "[" + i + "]", list.get(i), type.get("element"));
                        }
                    } else {
                        problems.add(where + ": expected a list");
                    }
                }
                case "map" -> {
                    if (v instanceof Map<?, ?> m) {
                        for (Map.Entry<?, ?> e : m.entrySet()) {
                            value(where + "." + e.getKey(), e.getValue(), type.get("element"));
                        }
                    } else {
                        problems.add(where + ": expected a map");
                    }
                }
                case "ref" -> {
                    JsonNode def = typeDefinitions.get(type.at("/reference/$ref").asText());
                    if (!(v instanceof Map<?, ?>)) {
                        problems.add(where + ": expected an object (" + (def == null ? "?" : def.get("name").asText()) + ")");
                    } else if (def == null) {
                        problems.add(where + ": the specification lacks type " + type.at("/reference/$ref").asText());
                    } else {
                        properties(where, map(v), def.get("properties"));
                    }
                }
                case "union" -> {
                    List<String> first = null;
                    for (JsonNode alternative : type.get("types")) {
                        int before = problems.size();
                        value(where, v, alternative);
                        List<String> added = new ArrayList<>(problems.subList(before, problems.size()));
                        problems.subList(before, problems.size()).clear();
                        if (added.isEmpty()) {
                            return;
                        }
                        if (first == null) {
                            first = added;
                        }
                    }
                    problems.addAll(first == null ? List.of(where + ": empty union") : first);
                }
                default -> problems.add(where + ": unknown specification type " + type.get("type").asText());
            }
        }

        private void allowed(String where, Object v, JsonNode allowedValues) {
            for (JsonNode a : allowedValues) {
                if (a.asText().equals(String.valueOf(v))) {
                    return;
                }
            }
            problems.add(where + ": " + v + " is not one of " + allowedValues);
        }

        /** Checks every intrinsic function below {@code v} and what it names. */
        private void references(String where, Object v) {
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    references(where, o);
                }
                return;
            }
            if (!(v instanceof Map<?, ?> m)) {
                return;
            }
            if (isIntrinsic(v)) {
                Map.Entry<?, ?> e = m.entrySet().iterator().next();
                String fn = String.valueOf(e.getKey());
                Object arg = e.getValue();
                switch (fn) {
                    case "Ref" -> ref(where, String.valueOf(arg));
                    case "Fn::GetAtt" -> {
                        List<?> parts = arg instanceof List<?> l ? l
                                : List.of((Object[]) String.valueOf(arg).split("\\.", 2));
                        if (parts.size() != 2) {
                            problems.add(where + ": Fn::GetAtt needs [resource, attribute]");
                        } else {
                            getAtt(where, String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
                        }
                    }
                    case "Fn::Sub" -> sub(where, arg);
                    case "Fn::If" -> {
                        List<?> l = arg instanceof List<?> x ? x : List.of();
                        if (l.size() != 3 || !conditions.containsKey(String.valueOf(l.get(0)))) {
                            problems.add(where + ": Fn::If needs [a condition of this template, then, else]");
                        } else {
                            references(where, l.subList(1, 3));
                        }
                    }
                    case "Condition" -> {
                        if (!conditions.containsKey(String.valueOf(arg))) {
                            problems.add(where + ": no condition " + arg);
                        }
                    }
                    case "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or",
                            "Fn::FindInMap", "Fn::Base64", "Fn::GetAZs", "Fn::ImportValue", "Fn::Cidr", "Fn::ToJsonString",
                            "Fn::Length" -> references(where, arg);
                    default -> problems.add(where + ": unknown intrinsic function " + fn);
                }
                return;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                references(where + "." + e.getKey(), e.getValue());
            }
        }

        private void sub(String where, Object arg) {
            String text;
            Map<String, Object> variables = Map.of();
            if (arg instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String s) {
                text = s;
                variables = map(l.get(1));
                references(where, l.get(1));
            } else if (arg instanceof String s) {
                text = s;
            } else {
                problems.add(where + ": Fn::Sub needs a string or [string, variables]");
                return;
            }
            Matcher m = SUB_VARIABLE.matcher(text);
            while (m.find()) {
                String name = m.group(1).trim();
                if (variables.containsKey(name)) {
                    continue;
                }
                int dot = name.indexOf('.');
                if (dot > 0 && !name.startsWith("AWS::")) {
                    getAtt(where, name.substring(0, dot), name.substring(dot + 1));
                } else {
                    ref(where, name);
                }
            }
        }

        private void ref(String where, String name) {
            if (!PSEUDO.contains(name) && !parameters.containsKey(name) && !resourcesOfTemplate.containsKey(name)) {
                problems.add(where + ": Ref to " + name + ", which is no parameter, resource or pseudo parameter");
            }
        }

        private void getAtt(String where, String resource, String attribute) {
            Object r = resourcesOfTemplate.get(resource);
            if (r == null) {
                problems.add(where + ": Fn::GetAtt of " + resource + ", which is no resource of this template");
                return;
            }
            JsonNode spec = resources.get(String.valueOf(map(r).get("Type")));
            if (spec != null && !spec.path("attributes").has(attribute)) {
                problems.add(where + ": " + map(r).get("Type") + " has no attribute " + attribute);
            }
        }
    }

    static boolean isIntrinsic(Object v) {
        if (v instanceof Map<?, ?> m && m.size() == 1) {
            String key = String.valueOf(m.keySet().iterator().next());
            return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
