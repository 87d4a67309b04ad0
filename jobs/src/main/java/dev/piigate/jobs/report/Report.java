package dev.piigate.jobs.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.piigate.jobs.config.ConfigWarning;
import dev.piigate.jobs.gate.BlockReason;
import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.gate.Verdict;
import dev.piigate.jobs.scan.ObjectResult;

/**
 * report.json: the head (run, inputs, configuration, totals, verdict, worst files, sample findings)
 * then one entry per object, streamed so a dataset of millions of objects needs no more memory
 * than one entry. Field order is fixed so reports diff cleanly.
 */
public final class Report {
    public static final int SCHEMA_VERSION = 1;
    /** The reason code of an ERROR outcome: the gate's PASS (or BLOCK) could not be published. */
    public static final String PUBLISH_FAILED = "PUBLISH_FAILED";
    /** Maps keep their insertion order (LinkedHashMap) or are sorted (TreeMap) where built. */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {}

    /**
     * Writes the report and returns the SHA-256 hex digest of the bytes written.
     *
     * @param head    ordered fields written before {@code files}
     * @param objects every object, in path order
     */
    public static String write(OutputStream out, Map<String, Object> head, Iterator<ObjectResult> objects)
            throws IOException {
        return write(out, head, objects, false);
    }

    /**
     * As above; {@code withAccepted} (a run with {@code --baseline}) adds each object's accepted
     * counts ({@link #objectJson(ObjectResult, boolean)}).
     */
    public static String write(OutputStream out, Map<String, Object> head, Iterator<ObjectResult> objects,
            boolean withAccepted) throws IOException {
        MessageDigest sha = sha256();
        DigestOutputStream digest = new DigestOutputStream(out, sha);
        try (JsonGenerator g = JSON.getFactory().createGenerator(digest, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            for (Map.Entry<String, Object> e : head.entrySet()) {
                g.writeFieldName(e.getKey());
                JSON.writeValue(nonClosing(g), e.getValue());
            }
            g.writeArrayFieldStart("files");
            while (objects.hasNext()) {
                JSON.writeValue(nonClosing(g), objectJson(objects.next(), withAccepted));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static JsonGenerator nonClosing(JsonGenerator g) {
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        return g;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small map that keeps the order its entries are given in (Map.of's order changes per JVM). */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /**
     * Strings in Spark SQL's order: by their UTF-8 bytes, unsigned. {@link String#compareTo} orders
     * UTF-16 units, which puts a character beyond U+FFFF before one in U+E000-U+FFFF.
     */
    public static int compareAsSpark(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the rest of {@code in} to {@code sha}, 64 KB at a time: a file or object hashed without holding it. */
    public static void update(MessageDigest sha, InputStream in) throws IOException {
        byte[] chunk = new byte[1 << 16];
        for (int n; (n = in.read(chunk)) > 0;) {
            sha.update(chunk, 0, n);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    public static byte[] toJsonBytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Per type; {@code withAccepted} (a run with {@code --baseline}) adds {@code accepted}: how many of
     * the {@code unmasked} findings the baseline accepted. Without a baseline the fields are as they
     * always were.
     */
    static Map<String, Object> typesJson(Map<String, TypeCounts> types, boolean withAccepted) {
        Map<String, Object> m = new TreeMap<>();
        types.forEach((k, v) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("unmasked", v.unmasked());
            t.put("masked", v.masked());
            t.put("testValues", v.testValues());
            t.put("recordsUnmasked", v.recordsUnmasked());
            if (withAccepted) {
                t.put("accepted", v.accepted());
            }
            m.put(k, t);
        });
        return m;
    }

    public static Map<String, Object> totalsJson(DatasetCounts c) {
        return totalsJson(c, false);
    }

    /** {@code withAccepted}: a run with {@code --baseline}, whose records clean are also not accepted-only. */
    public static Map<String, Object> totalsJson(DatasetCounts c, boolean withAccepted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", c.files());
        m.put("bytes", c.bytes());
        m.put("records", c.records());
        m.put("recordsUnmasked", c.recordsUnmasked());
        m.put("recordsMaskedOnly", c.recordsMaskedOnly());
        if (withAccepted) {
            m.put("recordsAcceptedOnly", c.recordsAcceptedOnly());
        }
        m.put("recordsClean", c.recordsClean());
        return m;
    }

    public static Map<String, Object> countsSection(DatasetCounts c) {
        return countsSection(c, false);
    }

    /** {@code totals}, {@code statuses} and {@code types}; {@code withAccepted} for a run with {@code --baseline}. */
    public static Map<String, Object> countsSection(DatasetCounts c, boolean withAccepted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totals", totalsJson(c, withAccepted));
        Map<String, Long> statuses = new TreeMap<>();
        c.statuses().forEach((k, v) -> statuses.put(k.key(), v));
        m.put("statuses", statuses);
        m.put("types", typesJson(c.perType(), withAccepted));
        return m;
    }

    public static Map<String, Object> verdictJson(Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision", v.decision().name());
        List<Object> reasons = new ArrayList<>();
        for (BlockReason r : v.reasons()) {
            reasons.add(reasonJson(r));
        }
        m.put("reasons", reasons);
        return m;
    }

    /** The {@code warnings} list of report.json and verdict.json: key and message, never a value. */
    public static List<Object> warningsJson(List<ConfigWarning> warnings) {
        List<Object> out = new ArrayList<>();
        for (ConfigWarning w : warnings) {
            out.add(ordered("key", w.key(), "message", w.message()));
        }
        return out;
    }

    static Map<String, Object> reasonJson(BlockReason r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", r.code());
        m.put("scope", r.scope());
        m.put("message", r.message());
        m.put("observed", r.observed());
        m.put("threshold", r.threshold());
        m.put("configKey", r.configKey());
        return m;
    }

    public static List<Object> objectsJson(List<ObjectResult> objects) {
        return objectsJson(objects, false);
    }

    public static List<Object> objectsJson(List<ObjectResult> objects, boolean withAccepted) {
        List<Object> out = new ArrayList<>();
        for (ObjectResult o : objects) {
            out.add(objectJson(o, withAccepted));
        }
        return out;
    }

    /**
     * An entry of {@code files} (and of {@code worstFiles}): fields in a fixed order, the path masked;
     * {@code withAccepted} (a run with {@code --baseline}) adds {@code recordsAcceptedOnly} and each
     * type's {@code accepted}.
     */
    static Map<String, Object> objectJson(ObjectResult o, boolean withAccepted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", o.safeFile());
        m.put("format", o.format());
        m.put("size", o.size());
        m.put("etag", o.etag());
        m.put("status", o.status().status().name());
        m.put("reason", o.status().reason() == null ? null : o.status().reason().name());
        m.put("detail", o.detail() == null || o.detail().isEmpty() ? null : o.detail());
        m.put("records", o.records());
        m.put("recordsUnmasked", o.recordsUnmasked());
        m.put("recordsMaskedOnly", o.recordsMaskedOnly());
        if (withAccepted) {
            m.put("recordsAcceptedOnly", o.recordsAcceptedOnly());
        }
        m.put("findingsWritten", o.findingsWritten());
        m.put("findingsNotWritten", o.findingsNotWritten());
        m.put("types", typesJson(o.types(), withAccepted));
        return m;
    }
}
