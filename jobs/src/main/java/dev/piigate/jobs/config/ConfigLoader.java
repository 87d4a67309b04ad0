package dev.piigate.jobs.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import dev.piigate.detectors.AllowList;
import dev.piigate.detectors.CustomIdentifier;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.redaction.Redactor;
import dev.piigate.jobs.read.ReadLimits;
import dev.piigate.jobs.read.StatusReason;
import dev.piigate.jobs.read.TextChunks;

/** Loads and validates the YAML configuration. Every error names the key. */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static Config defaults() {
        return parse("", "built-in defaults");
    }

    public static Config load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("--config: cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        return parse(text, file.toString());
    }

    public static Config parse(String yaml, String source) {
        YamlNode root = YamlNode.root(loadYaml(yaml, source));
        DetectorSettings detectors = detectors(root.child("detectors"));
        Policy policy = policy(root.child("policy"));
        ReadLimits limits = limits(root.child("limits"));
        YamlNode report = root.child("report");
        int sampleSize = report.longValue("sampleSize", 20L, 0, 10_000).intValue();
        int worstFiles = report.longValue("worstFiles", 10L, 0, 10_000).intValue();
        long maxFindingsPerFile = report.longValue("maxFindingsPerFile", 100_000L, 0, 100_000_000);
        report.rejectUnknown("sampleSize", "worstFiles", "maxFindingsPerFile");
        YamlNode manifest = root.child("manifest");
        String suffix = manifest.string("approvedSuffix", "approved");
        if (!suffix.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new ConfigException(manifest.key("approvedSuffix") + ": must be 1-32 of A-Z a-z 0-9 _ -, got '"
                    + suffix + "'");
        }
        manifest.rejectUnknown("approvedSuffix");
        YamlNode fingerprint = root.child("fingerprint");
        String keyEnv = fingerprint.string("keyEnvironmentVariable", "PII_GATE_FINGERPRINT_KEY");
        fingerprint.rejectUnknown("keyEnvironmentVariable");
        MacieSettings macie = macie(root.child("macie"));
        YamlNode approval = root.child("approval");
        ApprovalTagging tagObjects = ApprovalTagging.parse(approval.key("tagObjects"),
                approval.stringOrBool("tagObjects", ApprovalTagging.AUTO.yamlName()));
        approval.rejectUnknown("tagObjects");
        RedactionSettings redaction = redaction(root.child("redaction"));
        root.rejectUnknown("detectors", "policy", "limits", "report", "manifest", "fingerprint", "macie", "approval",
                "redaction");
        Config config = new Config(yaml, detectors, policy, limits, sampleSize, worstFiles, maxFindingsPerFile, suffix,
                keyEnv, macie, tagObjects, redaction);
        validateDetectors(config);
        return config;
    }

    /** The allow-list regexes as written ({@link DetectorSettings} keeps them compiled only), for {@link ConfigWarnings}. */
    static List<String> allowListRegexes(String yaml) {
        return YamlNode.root(loadYaml(yaml, "configuration")).child("detectors").child("allowList")
                .strings("regexes", List.of());
    }

    private static Object loadYaml(String yaml, String source) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(1024 * 1024);
            return new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(source + ": not valid YAML at line " + (e.getProblemMark().getLine() + 1)
                    + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage());
        }
    }

    private static DetectorSettings detectors(YamlNode node) {
        List<String> enabled = node.strings("enabled", List.of());
        List<String> regions = node.strings("phoneRegions", List.of("US"));
        int distance = node.longValue("keywordDistance", (long) DetectorSettings.DEFAULT_KEYWORD_DISTANCE, 0, 300)
                .intValue();
        YamlNode allow = node.child("allowList");
        AllowList allowList;
        try {
            allowList = AllowList.of(allow.strings("values", List.of()), allow.strings("regexes", List.of()),
                    "detectors.allowList");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        allow.rejectUnknown("values", "regexes");
        List<CustomIdentifier> custom = new ArrayList<>();
        for (YamlNode c : node.listOfNodes("customIdentifiers")) {
            String name = c.string("name", null);
            if (name == null) {
                throw new ConfigException(c.key("name") + ": required");
            }
            String regex = c.string("regex", null);
            if (regex == null) {
                throw new ConfigException(c.key("regex") + ": required");
            }
            String typeName = c.string("type", name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            try {
                custom.add(new CustomIdentifier(name, new EntityType(typeName), regex, c.strings("keywords", List.of()),
                        c.longValue("maximumMatchDistance", (long) CustomIdentifier.DEFAULT_MAXIMUM_MATCH_DISTANCE, 1,
                                300).intValue(),
                        c.strings("ignoreWords", List.of())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(c.key("") + " " + e.getMessage());
            }
            c.rejectUnknown("name", "type", "regex", "keywords", "maximumMatchDistance", "ignoreWords");
        }
        Map<String, String> options = node.stringMap("options");
        node.rejectUnknown("enabled", "phoneRegions", "keywordDistance", "allowList", "customIdentifiers", "options");
        return new DetectorSettings(enabled, regions, distance, custom, allowList, options);
    }

    private static Policy policy(YamlNode node) {
        Threshold overall = threshold(node);
        if (!overall.isSet()) {
            overall = Policy.defaults().overall();
        }
        Map<String, Threshold> perType = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : node.child("perType").children().entrySet()) {
            try {
                new EntityType(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(node.key("perType." + e.getKey()) + ": " + ex.getMessage());
            }
            Threshold t = threshold(e.getValue());
            e.getValue().rejectUnknown("maxUnmaskedRecords", "maxUnmaskedFraction");
            perType.put(e.getKey(), t);
        }
        boolean tests = node.bool("testValuesCountAsUnmasked", false);
        Set<String> tolerated = new TreeSet<>();
        for (String t : node.strings("tolerate", List.of())) {
            String[] parts = t.split("/", -1);
            boolean ok = parts.length <= 2 && Policy.STATUSES.contains(parts[0]);
            if (ok && parts.length == 2) {
                try {
                    ok = StatusReason.valueOf(parts[1]) != StatusReason.NONE;
                } catch (IllegalArgumentException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new ConfigException(node.key("tolerate") + ": '" + t + "' is not STATUS or STATUS/REASON; statuses: "
                        + String.join(", ", Policy.STATUSES) + "; reasons: " + reasons());
            }
            tolerated.add(t);
        }
        node.rejectUnknown("maxUnmaskedRecords", "maxUnmaskedFraction", "perType", "testValuesCountAsUnmasked",
                "tolerate");
        return new Policy(overall, perType, tests, tolerated);
    }

    private static RedactionSettings redaction(YamlNode node) {
        Redactor.Style style = style(node, "style", node.string("style", RedactionSettings.DEFAULTS.style().configName()));
        Map<EntityType, Redactor.Style> perType = new LinkedHashMap<>();
        YamlNode types = node.child("perType");
        for (String name : types.names()) {
            EntityType type;
            try {
                type = new EntityType(name);
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(node.key("perType." + name) + ": " + ex.getMessage());
            }
            perType.put(type, style(types, name, types.string(name, "")));
        }
        int dropOver = node.longValue("dropRecordsOver", -1L, -1, Integer.MAX_VALUE).intValue();
        boolean allowDropped = node.bool("allowDropped", false);
        node.rejectUnknown("style", "perType", "dropRecordsOver", "allowDropped");
        return new RedactionSettings(style, perType, dropOver, allowDropped);
    }

    private static Redactor.Style style(YamlNode node, String name, String value) {
        Redactor.Style style = Redactor.Style.named(value);
        if (style == null) {
            throw new ConfigException(node.key(name) + ": '" + value + "' is not a redaction style: type, mask or hash");
        }
        return style;
    }

    private static String reasons() {
        List<String> names = new ArrayList<>();
        for (StatusReason r : StatusReason.values()) {
            if (r != StatusReason.NONE) {
                names.add(r.name());
            }
        }
        return String.join(", ", names);
    }

    private static Threshold threshold(YamlNode node) {
        return new Threshold(node.longValue("maxUnmaskedRecords", null, 0, Long.MAX_VALUE),
                node.fraction("maxUnmaskedFraction", null));
    }

    private static ReadLimits limits(YamlNode node) {
        ReadLimits d = ReadLimits.DEFAULTS;
        ReadLimits limits = new ReadLimits(
                node.longValue("maxValueChars", (long) d.maxValueChars(), 1024, 512L * 1024 * 1024).intValue(),
                node.longValue("maxDocumentChars", d.maxDocumentChars(), 1024, Long.MAX_VALUE / 2),
                node.longValue("documentTimeoutSeconds", d.documentTimeoutMs() / 1000, 1, 24 * 3600) * 1000,
                node.longValue("maxJsonDepth", (long) d.maxJsonDepth(), 2, 10_000).intValue(),
                node.longValue("splitBytes", d.splitBytes(), ReadLimits.MIN_SPLIT_BYTES, Long.MAX_VALUE));
        node.rejectUnknown("maxValueChars", "maxDocumentChars", "documentTimeoutSeconds", "maxJsonDepth",
                "splitBytes");
        return limits;
    }

    private static MacieSettings macie(YamlNode node) {
        String onMacieOnly = node.string("onMacieOnly", "count");
        if (!MacieSettings.ON_MACIE_ONLY.contains(onMacieOnly)) {
            throw new ConfigException(node.key("onMacieOnly") + ": '" + onMacieOnly + "' is not one of "
                    + String.join(", ", MacieSettings.ON_MACIE_ONLY));
        }
        boolean coverage = node.bool("requireCoverage", false);
        Map<String, String> mapping = node.stringMap("typeMapping");
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            try {
                new EntityType(e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(node.key("typeMapping." + e.getKey()) + ": " + ex.getMessage());
            }
        }
        node.rejectUnknown("onMacieOnly", "requireCoverage", "typeMapping");
        return new MacieSettings(onMacieOnly, coverage, mapping);
    }

    /** Builds the detectors once on the driver so an unknown id or a bad region fails before reading. */
    private static void validateDetectors(Config config) {
        DetectorRegistry registry = DetectorRegistry.load();
        List<Detector> detectors;
        try {
            detectors = registry.create(config.detectors());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("detectors: " + e.getMessage());
        }
        validatePerTypeKeys(config.policy(), detectors, registry);
        validateChunkOverlap(config.detectors());
    }

    /**
     * A {@code policy.perType} key no enabled detector reports is a typo or a type left out of
     * {@code detectors.enabled}: its threshold would never apply, so it is an error, not a no-op.
     */
    private static void validatePerTypeKeys(Policy policy, List<Detector> detectors, DetectorRegistry registry) {
        Set<String> emitted = new TreeSet<>();
        for (Detector d : detectors) {
            d.entityTypes().forEach(t -> emitted.add(t.name()));
        }
        for (String type : new TreeSet<>(policy.perType().keySet())) {
            if (emitted.contains(type)) {
                continue;
            }
            List<String> offering = new ArrayList<>();
            for (Detector d : registry.create(DetectorSettings.defaults().withEnabled(List.of()))) {
                if (d.entityTypes().contains(new EntityType(type))) {
                    offering.add(d.id());
                }
            }
            throw new ConfigException("policy.perType." + type + ": no enabled detector reports " + type
                    + (offering.isEmpty() ? "" : " (reported by " + String.join(", ", offering)
                            + ": add to detectors.enabled)")
                    + "; types the enabled detectors report: " + String.join(", ", emitted));
        }
    }

    /**
     * Long text is scanned in overlapping chunks: a value and the keywords around it must fit in
     * the overlap, or a value on a chunk border could be judged without its keyword.
     */
    static void validateChunkOverlap(DetectorSettings detectors) {
        int distance = detectors.keywordDistance();
        int longestKeyword = TextChunks.LONGEST_BUILT_IN_KEYWORD_CHARS;
        for (CustomIdentifier c : detectors.customIdentifiers()) {
            distance = Math.max(distance, c.maximumMatchDistance());
            for (String k : c.keywords()) {
                longestKeyword = Math.max(longestKeyword, k.strip().length());
            }
        }
        int needed = TextChunks.overlapNeeded(distance, longestKeyword);
        if (needed > TextChunks.OVERLAP_CHARS) {
            throw new ConfigException("detectors: keyword distance " + distance + " with a keyword of " + longestKeyword
                    + " characters needs chunks overlapping by " + needed + " characters, more than the "
                    + TextChunks.OVERLAP_CHARS + " long text is scanned with: shorten detectors.keywordDistance, "
                    + "maximumMatchDistance or the longest customIdentifiers keyword");
        }
    }
}
