package dev.piigate.jobs.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping from the YAML file with its key path, read through typed getters that name the key
 * in every error, and that reject keys nobody asked for: a misspelt policy key must not silently
 * fall back to a default.
 */
final class YamlNode {
    private final String path;
    private final Map<String, Object> values;
    private final Set<String> read = new TreeSet<>();

    YamlNode(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    static YamlNode root(Object loaded) {
        if (loaded == null) {
            return new YamlNode("", Map.of());
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new ConfigException("the configuration must be a YAML mapping at the top level");
        }
        return new YamlNode("", stringKeys("", map));
    }

    private static Map<String, Object> stringKeys(String path, Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new ConfigException(key(path, String.valueOf(e.getKey())) + ": keys must be strings");
            }
            copy.put(key, e.getValue());
        }
        return copy;
    }

    String key(String name) {
        return key(path, name);
    }

    private static String key(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        return values.containsKey(name) && values.get(name) != null;
    }

    YamlNode child(String name) {
        read.add(name);
        Object v = values.get(name);
        if (v == null) {
            return new YamlNode(key(name), Map.of());
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new ConfigException(key(name) + ": expected a mapping, got " + describe(v));
        }
        return new YamlNode(key(name), stringKeys(key(name), map));
    }

    /** The keys of a mapping whose keys are data (entity type names), each as a node. */
    Map<String, YamlNode> children() {
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (String k : values.keySet()) {
            read.add(k);
            Object v = values.get(k);
            if (!(v instanceof Map<?, ?> map)) {
                throw new ConfigException(key(k) + ": expected a mapping, got " + describe(v));
            }
            out.put(k, new YamlNode(key(k), stringKeys(key(k), map)));
        }
        return out;
    }

    /** The keys of a mapping whose keys are data (entity type names) and whose values are scalars. */
    List<String> names() {
        return List.copyOf(values.keySet());
    }

    List<YamlNode> listOfNodes(String name) {
        read.add(name);
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new ConfigException(key(name) + ": expected a list, got " + describe(v));
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String p = key(name) + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw new ConfigException(p + ": expected a mapping, got " + describe(list.get(i)));
            }
            out.add(new YamlNode(p, stringKeys(p, map)));
        }
        return out;
    }

    List<String> strings(String name, List<String> fallback) {
        read.add(name);
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List<?> list)) {
            throw new ConfigException(key(name) + ": expected a list of strings, got " + describe(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof String s)) {
                throw new ConfigException(key(name) + "[" + i + "]: expected a string, got " + describe(item));
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    String string(String name, String fallback) {
        read.add(name);
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new ConfigException(key(name) + ": expected a string, got " + describe(v));
        }
        return s;
    }

    /** A string or a YAML boolean, as text ({@code true}, {@code false}): for settings that take both. */
    String stringOrBool(String name, String fallback) {
        read.add(name);
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String || v instanceof Boolean)) {
            throw new ConfigException(key(name) + ": expected a string or true/false, got " + describe(v));
        }
        return v.toString();
    }

    boolean bool(String name, boolean fallback) {
        read.add(name);
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new ConfigException(key(name) + ": expected true or false, got " + describe(v));
        }
        return b;
    }

    Long longValue(String name, Long fallback, long min, long max) {
        read.add(name);
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer || v instanceof Long)) {
            throw new ConfigException(key(name) + ": expected a whole number within " + min + "-" + max + ", got "
                    + describe(v));
        }
        long l = ((Number) v).longValue();
        if (l < min || l > max) {
            throw new ConfigException(key(name) + ": " + l + " is outside " + min + "-" + max);
        }
        return l;
    }

    Double fraction(String name, Double fallback) {
        read.add(name);
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw new ConfigException(key(name) + ": expected a number within 0-1, got " + describe(v));
        }
        double d = n.doubleValue();
        if (!(d >= 0 && d <= 1)) {
            throw new ConfigException(key(name) + ": " + d + " is outside 0-1");
        }
        return d;
    }

    Map<String, String> stringMap(String name) {
        read.add(name);
        Object v = values.get(name);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new ConfigException(key(name) + ": expected a mapping, got " + describe(v));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
        return out;
    }

    /** Call after reading a mapping: an unknown key is an error naming it and the accepted ones. */
    void rejectUnknown(String... accepted) {
        Set<String> known = new TreeSet<>(List.of(accepted));
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                throw new ConfigException(key(k) + ": unknown key; accepted here: " + String.join(", ", known));
            }
        }
    }

    private static String describe(Object v) {
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v instanceof String ? "a string" : v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
