package dev.piigate.jobs.scan;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.piigate.detectors.Evidence;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;
import dev.piigate.jobs.state.StateRun;

/**
 * A task's result as a ledger entry's JSON and back: its {@link ObjectResult}, its {@link SplitPart}
 * (a split) and its {@link FindingRow}s, typed, so a reused task gives exactly the rows its scan gave.
 * The object's path is not written ({@code task} and {@code object} are keyed names, {@code safeFile}
 * is the masked path outputs write): it is taken from the task row when the entry is read back.
 */
final class LedgerCodec {
    private LedgerCodec() {}

    /**
     * What the object was when its result was made. {@code sha256} only for local files; -1 / null
     * for what is not known.
     */
    record Identity(long size, String etag, String versionId, long modified, String sha256) {
        ObjectNode json(ObjectMapper json) {
            ObjectNode n = json.createObjectNode();
            n.put("size", size);
            n.put("etag", etag);
            n.put("versionId", versionId);
            n.put("modified", modified);
            n.put("sha256", sha256);
            return n;
        }

        static Identity of(JsonNode n) {
            return new Identity(n.path("size").asLong(-1), text(n, "etag"), text(n, "versionId"),
                    n.path("modified").asLong(-1), text(n, "sha256"));
        }
    }

    /** The entry's JSON, on one line. */
    static String entry(ObjectMapper json, String settings, String runId, String task, String object, int split,
            int splits, long start, long end, Identity identity, ScannedObject scanned, long writtenAt) {
        ObjectNode e = json.createObjectNode();
        ObjectResult r = scanned.result();
        e.put("schema", StateRun.SCHEMA_VERSION);
        e.put("settings", settings);
        e.put("task", task);
        e.put("object", object);
        e.put("file", r.safeFile());
        e.put("split", split);
        e.put("splits", splits);
        e.put("start", start);
        e.put("end", end);
        e.set("identity", identity.json(json));
        e.put("status", r.status().status().name());
        e.put("reason", r.status().reason() == null ? null : r.status().reason().name());
        e.put("run", runId);
        e.put("writtenAt", writtenAt);
        e.set("result", result(json, r));
        SplitPart p = scanned.split();
        if (p != null) {
            ObjectNode s = e.putObject("splitPart");
            s.put("index", p.index());
            s.put("count", p.count());
            s.put("scope", p.scope());
            s.put("firstByte", p.firstByte());
            s.put("endByte", p.endByte());
            s.put("lines", p.lines());
            s.put("findings", p.findings());
            s.put("modified", p.modified());
        }
        ArrayNode findings = e.putArray("findings");
        for (FindingRow f : scanned.findings()) {
            ObjectNode n = findings.addObject();
            n.put("record", f.record());
            n.put("field", f.field());
            n.put("start", f.start());
            n.put("end", f.end());
            n.put("type", f.type());
            n.put("detector", f.detector());
            n.put("masked", f.masked());
            n.put("testValue", f.testValue());
            n.put("confidence", f.confidence());
            ArrayNode evidence = n.putArray("evidence");
            f.evidence().stream().map(Evidence::name).sorted().forEach(evidence::add);
            n.put("preview", f.preview());
            n.put("fingerprint", f.fingerprint());
            n.put("accepted", f.accepted());
        }
        try {
            return json.writeValueAsString(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new IllegalStateException("ledger entry not serialisable: " + x.getClass().getSimpleName());
        }
    }

    private static ObjectNode result(ObjectMapper json, ObjectResult r) {
        ObjectNode n = json.createObjectNode();
        n.put("format", r.format());
        n.put("size", r.size());
        n.put("etag", r.etag());
        n.put("versionId", r.versionId());
        n.put("status", r.status().status().name());
        n.put("reason", r.status().reason() == null ? null : r.status().reason().name());
        n.put("detail", r.detail());
        n.put("records", r.records());
        n.put("recordsUnmasked", r.recordsUnmasked());
        n.put("recordsTestOnly", r.recordsTestOnly());
        n.put("recordsMaskedOnly", r.recordsMaskedOnly());
        n.put("recordsMaskedTestOnly", r.recordsMaskedTestOnly());
        n.put("findingsWritten", r.findingsWritten());
        n.put("findingsNotWritten", r.findingsNotWritten());
        n.put("recordsAcceptedOnly", r.recordsAcceptedOnly());
        n.put("recordsAcceptedTestOnly", r.recordsAcceptedTestOnly());
        ObjectNode types = n.putObject("types");
        new TreeMap<>(r.types()).forEach((type, t) -> {
            ArrayNode a = types.putArray(type);
            a.add(t.unmasked()).add(t.masked()).add(t.testValues()).add(t.recordsUnmasked()).add(t.recordsTestOnly())
                    .add(t.accepted());
        });
        return n;
    }

    /** The task's rows back from an entry; {@code path} is the object's path from the task row. */
    static ScannedObject scanned(JsonNode e, String path) {
        JsonNode r = e.path("result");
        Map<String, TypeCounts> types = new TreeMap<>();
        r.path("types").fields().forEachRemaining(t -> {
            JsonNode a = t.getValue();
            types.put(t.getKey(), new TypeCounts(a.get(0).asLong(), a.get(1).asLong(), a.get(2).asLong(),
                    a.get(3).asLong(), a.get(4).asLong(), a.get(5).asLong()));
        });
        String safeFile = e.path("file").asText();
        String reason = text(r, "reason");
        ObjectResult result = new ObjectResult(path, safeFile, text(r, "format"), r.path("size").asLong(),
                text(r, "etag"), text(r, "versionId"), ObjectStatus.of(ScanStatus.valueOf(r.path("status").asText()),
                        reason == null ? null : StatusReason.valueOf(reason)),
                text(r, "detail"), r.path("records").asLong(), r.path("recordsUnmasked").asLong(),
                r.path("recordsTestOnly").asLong(), r.path("recordsMaskedOnly").asLong(),
                r.path("recordsMaskedTestOnly").asLong(), r.path("findingsWritten").asLong(),
                r.path("findingsNotWritten").asLong(), types, r.path("recordsAcceptedOnly").asLong(),
                r.path("recordsAcceptedTestOnly").asLong());
        List<FindingRow> findings = new ArrayList<>();
        for (JsonNode f : e.path("findings")) {
            EnumSet<Evidence> evidence = EnumSet.noneOf(Evidence.class);
            f.path("evidence").forEach(x -> evidence.add(Evidence.valueOf(x.asText())));
            findings.add(new FindingRow(path, safeFile, f.path("record").asLong(), text(f, "field"),
                    f.path("start").asInt(), f.path("end").asInt(), f.path("type").asText(), text(f, "detector"),
                    f.path("masked").asBoolean(), f.path("testValue").asBoolean(), f.path("confidence").asDouble(),
                    evidence, text(f, "preview"), text(f, "fingerprint"), f.path("accepted").asBoolean()));
        }
        JsonNode p = e.path("splitPart");
        SplitPart split = p.isObject() ? new SplitPart(p.path("index").asInt(), p.path("count").asInt(),
                text(p, "scope"), p.path("firstByte").asLong(), p.path("endByte").asLong(), p.path("lines").asLong(),
                p.path("findings").asLong(), p.path("modified").asLong()) : null;
        return new ScannedObject(result, findings, split);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
