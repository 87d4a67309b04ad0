package dev.piigate.jobs.macie;

import java.util.LinkedHashMap;
import java.util.Map;

/** The entries of macie-crosscheck.json, fields in a fixed order. Locations only, never values. */
final class CrossCheckJson {
    private CrossCheckJson() {}

    /** @param safeMacieUri Macie's object URI as written: masked where it holds PII */
    static Map<String, Object> object(Reconciliation.Outcome o, String safeMacieUri) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", o.path());
        m.put("category", o.category());
        if (o.macieUri() != null) {
            Map<String, Object> macie = new LinkedHashMap<>();
            macie.put("object", safeMacieUri);
            macie.put("source", o.source());
            macie.put("id", o.resultId());
            macie.put("createdAt", o.createdAt());
            macie.put("status", o.macieStatus());
            macie.put("reason", o.macieReason());
            macie.put("eTag", o.macieEtag());
            macie.put("size", o.macieSize() < 0 ? null : o.macieSize());
            m.put("macie", macie);
        }
        Map<String, Object> types = new LinkedHashMap<>();
        o.types().forEach((type, t) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("level", t.level());
            e.put("macie", t.macie());
            e.put("ours", t.ours());
            e.put("agree", t.agree());
            e.put("macieOnly", t.macieOnly());
            e.put("oursOnly", t.oursOnly());
            e.put("macieOnlyRecords", t.macieOnlyRecords());
            e.put("macieLocationsTruncated", t.macieLocationsTruncated());
            if (t.oursOnlyReason() != null) {
                e.put("oursOnlyReason", t.oursOnlyReason());
            }
            types.put(type, e);
        });
        m.put("types", types);
        m.put("macieTypesNotCompared", o.unmapped());
        return m;
    }

    static Map<String, Object> disagreement(Reconciliation.Disagreement d, String safeField) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category", d.category());
        m.put("type", d.type());
        if (d.macieType() != null) {
            m.put("macieType", d.macieType());
        }
        m.put("record", d.record());
        if (d.recordTo() != d.record()) {
            m.put("recordTo", d.recordTo());
        }
        m.put("field", safeField);
        if (d.start() >= 0) {
            m.put("start", d.start());
            m.put("end", d.end());
        }
        if (d.where() != null) {
            m.put("macieLocation", d.where());
        }
        m.put("reason", d.reason());
        return m;
    }
}
