package dev.piigate.jobs.scan;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.manifest.ManifestKind;

/**
 * Tells pii-gate's own approval record ({@code train.approved.manifest.verdict.json}, written by
 * {@code ManifestApproval} on PASS with the verdict.json of the run) from anything else that carries
 * such a name. A folder scan leaves a real record out ({@link IgnoreReason#VERDICT_RECORD}); a file
 * that is not exactly one is scanned like any other, since a name alone could hide data.
 *
 * <p>Exactly: one JSON object with the keys {@link #KEYS} in that order (then {@code baseline} for a
 * run with {@code --baseline}) and nothing else, each
 * value in the shape the job writes (schema version 1, a UUID run id, decision PASS with no
 * reasons, 64-hex digests, a manifest kind, an ISO instant), no duplicate key, nothing after it,
 * at most {@link #MAX_BYTES}. The few free-text values (dataset, URIs, warnings) must hold nothing
 * the run's detectors find unmasked: they are written masked, so a value in clear is not ours.
 */
final class VerdictRecord {
    /** The name every approval record ends with ({@code ManifestApproval.VERDICT_SUFFIX}). */
    static final String SUFFIX = ".verdict.json";
    /** A record is well under 4 KiB; a bigger file of that name is not ours, and is never read whole. */
    static final int MAX_BYTES = 64 * 1024;
    /** The keys of verdict.json as {@code ScanJob.verdictJson} writes them, in its order. */
    static final List<String> KEYS = List.of("schemaVersion", "runId", "decision", "reasons", "warnings", "dataset",
            "manifest", "report", "decidedAt");
    /** A run with {@code --baseline} adds what its approval stands on ({@code ScanJob.baselineJson}). */
    static final List<String> KEYS_WITH_BASELINE = java.util.stream.Stream.concat(KEYS.stream(),
            java.util.stream.Stream.of("baseline")).toList();
    private static final List<String> BASELINE_KEYS = List.of("uri", "keyCheck", "createdAt", "complete", "entries",
            "acceptedFindings", "recordsAcceptedOnly");
    private static final Pattern KEY_CHECK = Pattern.compile("[0-9a-f]{16}");
    private static final List<String> MANIFEST_KEYS = List.of("uri", "kind", "entries", "sha256");
    private static final List<String> REPORT_KEYS = List.of("uri", "sha256");
    private static final List<String> WARNING_KEYS = List.of("key", "message");
    private static final Set<String> KINDS = Arrays.stream(ManifestKind.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private VerdictRecord() {}

    /** A name an approval record can have: anything before {@value #SUFFIX} (so not {@code verdict.json} itself). */
    static boolean candidateName(String name) {
        return name.length() > SUFFIX.length() && name.endsWith(SUFFIX);
    }

    /**
     * Whether the file is one of pii-gate's approval records, reading at most {@link #MAX_BYTES} + 1
     * bytes. Any doubt (too big, unreadable, another shape) is false: the file is then scanned.
     *
     * @param holdsFinding whether the run's detectors find something not masked in a text
     */
    static boolean isRecord(FileSystem fs, FileStatus file, Predicate<String> holdsFinding) {
        if (!file.isFile() || file.getLen() > MAX_BYTES || !candidateName(file.getPath().getName())) {
            return false;
        }
        byte[] bytes;
        try (InputStream in = fs.open(file.getPath())) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            return false; // the scan reads it again and gives the failure its status
        }
        return isRecord(bytes, holdsFinding);
    }

    /** {@link #isRecord(FileSystem, FileStatus, Predicate)} on the bytes read. */
    static boolean isRecord(byte[] bytes, Predicate<String> holdsFinding) {
        if (bytes.length > MAX_BYTES) {
            return false;
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        List<String> texts = new ArrayList<>();
        boolean withBaseline = hasExactly(root, KEYS_WITH_BASELINE);
        if (!(hasExactly(root, KEYS) || withBaseline)
                || withBaseline && !baseline(root.get("baseline"), texts)
                || !root.get("schemaVersion").isInt() || root.get("schemaVersion").intValue() != 1
                || !matches(root.get("runId"), UUID)
                || !root.get("decision").isTextual() || !root.get("decision").textValue().equals("PASS")
                || !root.get("reasons").isArray() || !root.get("reasons").isEmpty()
                || !warnings(root.get("warnings"), texts)
                || !text(root.get("dataset"), texts)
                || !manifest(root.get("manifest"), texts)
                || !hasExactly(root.get("report"), REPORT_KEYS) || !text(root.get("report").get("uri"), texts)
                || !matches(root.get("report").get("sha256"), SHA256)
                || !instant(root.get("decidedAt"))) {
            return false;
        }
        for (String t : texts) {
            try {
                if (holdsFinding.test(t)) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false; // a detector that cannot finish the text cannot vouch for it
            }
        }
        return true;
    }

    private static boolean hasExactly(JsonNode node, List<String> keys) {
        if (node == null || !node.isObject() || node.size() != keys.size()) {
            return false;
        }
        Iterator<String> names = node.fieldNames();
        for (String key : keys) {
            if (!names.hasNext() || !names.next().equals(key)) {
                return false;
            }
        }
        return true;
    }

    private static boolean warnings(JsonNode node, List<String> texts) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode w : node) {
            if (!hasExactly(w, WARNING_KEYS) || !text(w.get("key"), texts) || !text(w.get("message"), texts)) {
                return false;
            }
        }
        return true;
    }

    private static boolean manifest(JsonNode node, List<String> texts) {
        return hasExactly(node, MANIFEST_KEYS) && text(node.get("uri"), texts)
                && node.get("kind").isTextual() && KINDS.contains(node.get("kind").textValue())
                && node.get("entries").isIntegralNumber() && node.get("entries").canConvertToLong()
                && node.get("entries").longValue() >= 1
                && matches(node.get("sha256"), SHA256);
    }

    private static boolean baseline(JsonNode node, List<String> texts) {
        return hasExactly(node, BASELINE_KEYS) && text(node.get("uri"), texts)
                && matches(node.get("keyCheck"), KEY_CHECK)
                && (node.get("createdAt").isNull() || instant(node.get("createdAt")))
                && node.get("complete").isBoolean()
                && count(node.get("entries")) && count(node.get("acceptedFindings"))
                && count(node.get("recordsAcceptedOnly"));
    }

    private static boolean count(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0;
    }

    private static boolean text(JsonNode node, List<String> texts) {
        if (!node.isTextual()) {
            return false;
        }
        texts.add(node.textValue());
        return true;
    }

    private static boolean matches(JsonNode node, Pattern pattern) {
        return node.isTextual() && pattern.matcher(node.textValue()).matches();
    }

    private static boolean instant(JsonNode node) {
        if (!node.isTextual()) {
            return false;
        }
        try {
            Instant.parse(node.textValue());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
