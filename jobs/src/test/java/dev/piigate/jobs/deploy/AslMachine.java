package dev.piigate.jobs.deploy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs an Amazon States Language definition on a JSON input, far enough to see where an execution
 * ends: the Choice rules and the Task/Catch plumbing our state machine uses, nothing more. Anything
 * else in the definition (another state type, operator, path form or intrinsic) is an
 * {@link UnsupportedAsl} error, so the test fails instead of guessing what AWS would do. Semantics
 * follow the Step Functions developer guide (verified against the documentation only): rules in
 * order, first match wins; a comparison on a path the input does not have is a
 * {@code States.Runtime} error that fails the execution; {@code IsPresent} never fails.
 */
final class AslMachine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TASK_KEYS = Set.of("Type", "Comment", "Resource", "Parameters", "ResultSelector",
            "ResultPath", "Catch", "Next", "End");
    private static final Set<String> CHOICE_KEYS = Set.of("Type", "Comment", "Choices", "Default");
    private static final Set<String> FAIL_KEYS = Set.of("Type", "Comment", "Error", "Cause");

    /** What a Task state's service call returned in the test's world. */
    sealed interface Outcome {
        record Succeeded(JsonNode result) implements Outcome {}

        record Failed(String error) implements Outcome {}
    }

    /** The test's stand-in for the services: called for every Task state the execution enters. */
    interface Services {
        Outcome call(String state, JsonNode definition, JsonNode input);
    }

    /**
     * Where an execution ended: a Fail state (with its Error), or a Task state the caller chose to
     * stop at (a training job), with the state's input.
     */
    record End(String state, String type, JsonNode definition, JsonNode input) {
        String error() {
            return definition.path("Error").asText(null);
        }
    }

    /** An execution that failed on its own, as AWS would fail it (States.Runtime, States.NoChoiceMatched). */
    static final class ExecutionError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExecutionError(String message) {
            super(message);
        }
    }

    /** The definition uses something this evaluator does not implement. */
    static final class UnsupportedAsl extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedAsl(String message) {
            super(message);
        }
    }

    private final JsonNode definition;

    AslMachine(JsonNode definition) {
        this.definition = requireNonNull(definition, "definition");
    }

    JsonNode state(String name) {
        JsonNode s = definition.path("States").get(name);
        if (s == null) {
            throw new ExecutionError("no state named " + name);
        }
        return s;
    }

    /**
     * Runs from StartAt until a Fail state, or a Task whose Resource contains {@code stopAtResource}
     * (entered, not called).
     */
    End run(JsonNode input, Services services, String stopAtResource) {
        String name = definition.path("StartAt").asText();
        JsonNode data = input.deepCopy();
        for (int steps = 0; steps < 100; steps++) {
            JsonNode s = state(name);
            String type = s.path("Type").asText();
            switch (type) {
                case "Fail" -> {
                    known(name, s, FAIL_KEYS);
                    return new End(name, type, s, data);
                }
                case "Choice" -> {
                    known(name, s, CHOICE_KEYS);
                    name = choose(name, s, data);
                }
                case "Task" -> {
                    known(name, s, TASK_KEYS);
                    if (s.path("Resource").asText().contains(stopAtResource)) {
                        return new End(name, type, s, data);
                    }
                    Outcome outcome = services.call(name, s, data);
                    if (outcome instanceof Outcome.Succeeded ok) {
                        JsonNode result = select(s.get("ResultSelector"), ok.result());
                        data = discards(s) ? data : put(data, s.path("ResultPath").asText("$"), result);
                        name = next(name, s);
                    } else if (outcome instanceof Outcome.Failed failed) {
                        JsonNode handler = catcher(s, failed.error());
                        if (handler == null) {
                            throw new ExecutionError(name + " failed with " + failed.error() + " and nothing caught it");
                        }
                        ObjectNode error = JSON.createObjectNode().put("Error", failed.error()).put("Cause", "test");
                        data = discards(handler) ? data : put(data, handler.path("ResultPath").asText("$"), error);
                        name = handler.path("Next").asText();
                    }
                }
                default -> throw new UnsupportedAsl(name + ": state type " + type);
            }
        }
        throw new ExecutionError("more than 100 transitions");
    }

    /** {@code "ResultPath": null}: the result is dropped and the state's input passes on unchanged. */
    private static boolean discards(JsonNode s) {
        return s.has("ResultPath") && s.get("ResultPath").isNull();
    }

    private static void known(String name, JsonNode s, Set<String> keys) {
        for (Iterator<String> it = s.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new UnsupportedAsl(name + ": field " + key);
            }
        }
    }

    private static String next(String name, JsonNode s) {
        if (s.path("End").asBoolean(false)) {
            throw new UnsupportedAsl(name + ": a Task that ends the execution (not a training job)");
        }
        return s.path("Next").asText();
    }

    private static JsonNode catcher(JsonNode s, String error) {
        for (JsonNode c : s.path("Catch")) {
            for (JsonNode e : c.path("ErrorEquals")) {
                if (e.asText().equals("States.ALL") || e.asText().equals(error)) {
                    return c;
                }
            }
        }
        return null;
    }

    private static String choose(String name, JsonNode s, JsonNode data) {
        for (JsonNode rule : s.path("Choices")) {
            if (!rule.has("Next")) {
                throw new UnsupportedAsl(name + ": a top-level rule without Next");
            }
            if (matches(name, rule, data)) {
                return rule.get("Next").asText();
            }
        }
        if (s.has("Default")) {
            return s.get("Default").asText();
        }
        throw new ExecutionError("States.NoChoiceMatched in " + name);
    }

    /** One Choice rule: Not, And, Or, or Variable with StringEquals or IsPresent. */
    private static boolean matches(String name, JsonNode rule, JsonNode data) {
        List<String> operators = new ArrayList<>();
        rule.fieldNames().forEachRemaining(f -> {
            if (!f.equals("Next") && !f.equals("Variable")) {
                operators.add(f);
            }
        });
        if (operators.size() != 1) {
            throw new UnsupportedAsl(name + ": a rule with operators " + operators);
        }
        String op = operators.get(0);
        JsonNode operand = rule.get(op);
        switch (op) {
            case "Not" -> {
                return !matches(name, operand, data);
            }
            case "And" -> {
                for (JsonNode r : operand) {
                    if (!matches(name, r, data)) {
                        return false;
                    }
                }
                return true;
            }
            case "Or" -> {
                for (JsonNode r : operand) {
                    if (matches(name, r, data)) {
                        return true;
                    }
                }
                return false;
            }
            case "IsPresent" -> {
                return (path(data, variable(name, rule)) != null) == operand.asBoolean();
            }
            case "StringEquals" -> {
                String variable = variable(name, rule);
                JsonNode value = path(data, variable);
                if (value == null) {
                    throw new ExecutionError("States.Runtime in " + name + ": " + variable + " is not in the input");
                }
                return value.isTextual() && value.asText().equals(operand.asText());
            }
            default -> throw new UnsupportedAsl(name + ": operator " + op);
        }
    }

    private static String variable(String name, JsonNode rule) {
        if (!rule.has("Variable")) {
            throw new UnsupportedAsl(name + ": a comparison without Variable");
        }
        return rule.get("Variable").asText();
    }

    /**
     * A reference path {@code $} or {@code $.a.b}: null when a step is missing or passes through a
     * non-object (JSON null included), which is how IsPresent sees it.
     */
    static JsonNode path(JsonNode data, String path) {
        if (path.equals("$")) {
            return data;
        }
        if (!path.startsWith("$.") || path.contains("[") || path.contains("*") || path.contains("..")) {
            throw new UnsupportedAsl("path " + path);
        }
        JsonNode at = data;
        for (String field : path.substring(2).split("\\.", -1)) {
            if (at == null || !at.isObject() || !at.has(field)) {
                return null;
            }
            at = at.get(field);
        }
        return at;
    }

    /** ResultPath: replace the input ({@code $}) or set one field path in a copy of it. */
    private static JsonNode put(JsonNode data, String path, JsonNode value) {
        if (path.equals("$")) {
            return value;
        }
        path(data, path); // rejects unsupported forms
        ObjectNode copy = data.deepCopy();
        ObjectNode at = copy;
        String[] fields = path.substring(2).split("\\.", -1);
        for (int i = 0; i < fields.length - 1; i++) {
            JsonNode child = at.get(fields[i]);
            at = child instanceof ObjectNode o ? o : at.putObject(fields[i]);
        }
        at.set(fields[fields.length - 1], value);
        return copy;
    }

    /** ResultSelector: literal fields, {@code key.$} paths and {@code States.StringToJson(path)}. */
    private static JsonNode select(JsonNode selector, JsonNode result) {
        if (selector == null) {
            return result;
        }
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (!key.endsWith(".$")) {
                out.set(key, field.getValue());
                continue;
            }
            String expression = field.getValue().asText();
            JsonNode value;
            if (expression.startsWith("States.StringToJson(") && expression.endsWith(")")) {
                JsonNode text = path(result, expression.substring("States.StringToJson(".length(),
                        expression.length() - 1));
                if (text == null || !text.isTextual()) {
                    throw new ExecutionError("States.Runtime: " + expression + " has no string to parse");
                }
                try {
                    value = JSON.readTree(text.asText());
                } catch (JsonProcessingException e) {
                    throw new ExecutionError("States.Runtime: " + expression + " is not JSON");
                }
            } else if (expression.startsWith("States.")) {
                throw new UnsupportedAsl("intrinsic " + expression);
            } else {
                value = path(result, expression);
                if (value == null) {
                    throw new ExecutionError("States.Runtime: " + expression + " is not in the result");
                }
            }
            out.set(key.substring(0, key.length() - 2), value);
        }
        return out;
    }
}
