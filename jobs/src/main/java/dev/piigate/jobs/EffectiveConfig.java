package dev.piigate.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.piigate.detectors.CustomIdentifier;
import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.Policy;
import dev.piigate.jobs.config.Threshold;
import dev.piigate.jobs.report.Report;

/**
 * The configuration as the run used it, defaults filled in, for report.json and its hash.
 * Allow-list values are counted, not shown: they may be real values someone chose to allow.
 */
final class EffectiveConfig {
    private EffectiveConfig() {}

    static Map<String, Object> of(Config c) {
        Map<String, Object> m = new LinkedHashMap<>();
        DetectorSettings d = c.detectors();
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("enabled", d.enabled().isEmpty() ? DetectorRegistry.load().builtInIds() : d.enabled());
        det.put("phoneRegions", d.phoneRegions());
        det.put("keywordDistance", d.keywordDistance());
        det.put("allowList", d.allowList().isEmpty() ? "empty" : "configured (values not shown)");
        List<Object> custom = new ArrayList<>();
        for (CustomIdentifier ci : d.customIdentifiers()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", ci.name());
            x.put("type", ci.type().name());
            x.put("regex", ci.regex());
            x.put("keywords", ci.keywords());
            x.put("maximumMatchDistance", ci.maximumMatchDistance());
            x.put("ignoreWords", ci.ignoreWords().size());
            custom.add(x);
        }
        det.put("customIdentifiers", custom);
        det.put("options", new TreeMap<>(d.options()));
        m.put("detectors", det);
        Policy p = c.policy();
        Map<String, Object> pol = new LinkedHashMap<>();
        pol.putAll(threshold(p.overall()));
        Map<String, Object> per = new TreeMap<>();
        p.perType().forEach((k, v) -> per.put(k, threshold(v)));
        pol.put("perType", per);
        pol.put("testValuesCountAsUnmasked", p.testValuesCountAsUnmasked());
        pol.put("tolerate", new ArrayList<>(new java.util.TreeSet<>(p.tolerated())));
        m.put("policy", pol);
        Map<String, Object> lim = new LinkedHashMap<>();
        lim.put("maxValueChars", c.limits().maxValueChars());
        lim.put("maxDocumentChars", c.limits().maxDocumentChars());
        lim.put("documentTimeoutSeconds", c.limits().documentTimeoutMs() / 1000);
        lim.put("maxJsonDepth", c.limits().maxJsonDepth());
        m.put("limits", lim);
        m.put("report", Report.ordered("sampleSize", c.sampleSize(), "worstFiles", c.worstFiles(), "maxFindingsPerFile",
                c.maxFindingsPerFile()));
        m.put("manifest", Report.ordered("approvedSuffix", c.approvedSuffix()));
        m.put("fingerprint", Report.ordered("keyEnvironmentVariable", c.fingerprintKeyEnv()));
        Map<String, Object> macie = new LinkedHashMap<>();
        macie.put("onMacieOnly", c.macie().onMacieOnly());
        macie.put("requireCoverage", c.macie().requireCoverage());
        macie.put("typeMapping", new TreeMap<>(c.macie().typeMapping()));
        m.put("macie", macie);
        m.put("approval", Report.ordered("tagObjects", c.tagObjects().yamlName()));
        Map<String, Object> perStyle = new TreeMap<>();
        c.redaction().perType().forEach((type, style) -> perStyle.put(type.name(), style.configName()));
        Map<String, Object> red = new LinkedHashMap<>();
        red.put("style", c.redaction().style().configName());
        red.put("perType", perStyle);
        red.put("dropRecordsOver", c.redaction().dropRecordsOver() < 0 ? null : c.redaction().dropRecordsOver());
        red.put("allowDropped", c.redaction().allowDropped());
        m.put("redaction", red);
        return m;
    }

    private static Map<String, Object> threshold(Threshold t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxUnmaskedRecords", t.maxUnmaskedRecords());
        m.put("maxUnmaskedFraction", t.maxUnmaskedFraction());
        return m;
    }
}
