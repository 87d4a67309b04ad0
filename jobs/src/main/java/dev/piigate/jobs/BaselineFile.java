package dev.piigate.jobs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.report.Report;
import dev.piigate.jobs.scan.AcceptedSet;
import dev.piigate.jobs.scan.ObjectListing;
import dev.piigate.jobs.scan.ScanRows;

/**
 * The baseline file of {@code --baseline} and {@code --write-baseline}: the keyed fingerprints and
 * types of findings that were looked at and accepted, so that a later run reports them as accepted
 * instead of counting them. Never a value: a fingerprint is an HMAC under the run's fixed key
 * ({@code PII_GATE_FINGERPRINT_KEY}), and the file carries a check of that key (never the key), so a
 * baseline made under another key is rejected instead of silently accepting nothing. Written as
 * <pre>
 * {
 *   "schemaVersion": 1,
 *   "kind": "pii-gate baseline",
 *   "tool": {"name": "pii-gate", "version": "..."},
 *   "createdAt": "2025-01-31T12:00:00Z",
 *   "keyCheck": "first 16 hex of HMAC-SHA256(key, 'pii-gate baseline key check')",
 *   "complete": true,
 *   "findingsNotListed": 0,
 *   "accepted": [
 *     {"type": "CREDIT_CARD_NUMBER", "fingerprint": "32 hex"},
 *     ...
 *   ]
 * }
 * </pre>
 * entries sorted by type, then fingerprint, one a line, so two baselines diff line by line.
 * {@code complete} is false when findings/ did not hold every finding of the run
 * ({@code report.maxFindingsPerFile}): those are not listed and keep counting, which fails closed.
 */
final class BaselineFile {
    static final int SCHEMA_VERSION = 1;
    static final String KIND = "pii-gate baseline";
    /** A file larger than this is no baseline ({@link AcceptedSet#MAX_ENTRIES} entries take about 90 MB). */
    static final long MAX_BYTES = 256L * 1024 * 1024;
    private static final String KEY_CHECK_TEXT = "pii-gate baseline key check";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaselineFile() {}

    /**
     * A baseline as read.
     *
     * @param uri       as given on the command line (outputs mask it)
     * @param createdAt as the file says, or null
     * @param sha256    of the file's bytes as they were read: what {@code --state} keys its results to
     */
    record Read(String uri, String keyCheck, String createdAt, boolean complete, AcceptedSet accepted,
            String sha256) {}

    /**
     * What {@code --write-baseline} wrote.
     *
     * @param findingsNotListed findings of the run that findings/ did not hold, so the baseline does not list
     */
    record Written(String uri, long entries, long findingsNotListed) {
        boolean complete() {
            return findingsNotListed == 0;
        }
    }

    /**
     * The first 16 hex characters of HMAC-SHA256(key, "pii-gate baseline key check"): tells keys
     * apart, gives nothing of one.
     */
    static String keyCheck(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(KEY_CHECK_TEXT.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Reads and checks {@code --baseline}, before any data is read. Whatever makes it unusable (no such
     * file, too large, not a baseline, another schema version, another key, a malformed entry) is bad
     * usage, named with the file: exit 64.
     */
    static Read read(String uri, Configuration hconf, byte[] key) throws IOException {
        Path path = new Path(ObjectListing.toHadoopUri(uri, hconf));
        FileSystem fs = path.getFileSystem(hconf);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw bad(uri, "no such file");
        }
        if (!status.isFile()) {
            throw bad(uri, "a folder, not a baseline file");
        }
        if (status.getLen() > MAX_BYTES) {
            throw bad(uri, status.getLen() + " bytes, more than a baseline of " + AcceptedSet.MAX_ENTRIES
                    + " entries takes (" + MAX_BYTES + ")");
        }
        try (InputStream in = fs.open(path)) {
            return parse(in, uri, key);
        }
    }

    /** As {@link #read}, from the file's bytes. */
    static Read parse(InputStream bytes, String uri, byte[] key) throws IOException {
        // Digested as parsed (the parse reads to the end): the digest is of the very bytes accepted.
        DigestInputStream in = new DigestInputStream(bytes, Report.sha256());
        Integer version = null;
        String kind = null;
        String createdAt = null;
        String keyCheck = null;
        Boolean complete = null;
        AcceptedSet accepted = null;
        String unknown = null;
        // Jackson's own messages can quote the file: only the line is said.
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad(uri, "not a baseline file: a JSON object expected");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (t != JsonToken.FIELD_NAME || field == null || value == null) {
                    throw bad(uri, "not a baseline file: cut short");
                }
                switch (field) {
                    case "schemaVersion" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw bad(uri, "schemaVersion is not a whole number");
                        }
                        version = p.getIntValue();
                        if (version != SCHEMA_VERSION) {
                            throw bad(uri, "schema version " + version + " is not one this pii-gate reads ("
                                    + SCHEMA_VERSION + ")");
                        }
                    }
                    case "kind" -> kind = text(p, value, uri, "kind");
                    case "tool" -> p.skipChildren();
                    case "createdAt" -> {
                        createdAt = text(p, value, uri, "createdAt");
                        try {
                            Instant.parse(createdAt);
                        } catch (java.time.format.DateTimeParseException e) {
                            throw bad(uri, "createdAt is not an ISO instant");
                        }
                    }
                    case "keyCheck" -> keyCheck = text(p, value, uri, "keyCheck");
                    case "complete" -> {
                        if (!value.isBoolean()) {
                            throw bad(uri, "complete is not true or false");
                        }
                        complete = p.getBooleanValue();
                    }
                    case "findingsNotListed" -> p.skipChildren();
                    case "accepted" -> accepted = entries(p, value, uri);
                    default -> {
                        // Said once the version is known to be ours: a newer file is told as such.
                        if (unknown == null) {
                            unknown = "line " + p.currentLocation().getLineNr() + ": a field a baseline does not have"
                                    + " (schemaVersion, kind, tool, createdAt, keyCheck, complete, findingsNotListed,"
                                    + " accepted)";
                        }
                        p.skipChildren();
                    }
                }
            }
            if (p.nextToken() != null) {
                throw bad(uri, "not a baseline file: more after its JSON object");
            }
        } catch (JsonProcessingException e) {
            throw bad(uri, "not a baseline file: malformed JSON"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        }
        if (version == null) {
            throw bad(uri, "not a baseline file: no schemaVersion");
        }
        if (!KIND.equals(kind)) {
            throw bad(uri, "not a baseline file: kind is not \"" + KIND + "\"");
        }
        if (unknown != null) {
            throw bad(uri, unknown);
        }
        if (keyCheck == null || !keyCheck.matches("[0-9a-f]{16}")) {
            throw bad(uri, "no keyCheck of 16 hex characters: pii-gate cannot tell which key it was written under");
        }
        if (!keyCheck.equals(keyCheck(key))) {
            throw bad(uri, "written under another fingerprint key (its keyCheck is not this key's): run with the"
                    + " key it was written under, or write a new baseline under this one (--write-baseline)");
        }
        if (accepted == null) {
            throw bad(uri, "no accepted list");
        }
        return new Read(uri, keyCheck, createdAt, complete == null || complete, accepted,
                HexFormat.of().formatHex(in.getMessageDigest().digest()));
    }

    private static String text(JsonParser p, JsonToken value, String uri, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw bad(uri, field + " is not a string");
        }
        return p.getText();
    }

    /** The {@code accepted} array, each entry checked; at most {@link AcceptedSet#MAX_ENTRIES}. */
    private static AcceptedSet entries(JsonParser p, JsonToken value, String uri) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw bad(uri, "accepted is not a list");
        }
        AcceptedSet.Builder set = new AcceptedSet.Builder();
        long n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw bad(uri, "not a baseline file: cut short");
            }
            long line = p.currentLocation().getLineNr();
            if (++n > AcceptedSet.MAX_ENTRIES) {
                throw bad(uri, "more than " + AcceptedSet.MAX_ENTRIES + " entries, more than a baseline holds");
            }
            if (t != JsonToken.START_OBJECT) {
                throw bad(uri, "entry " + n + " (line " + line + ") is not an object");
            }
            String type = null;
            String fingerprint = null;
            for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (f == null || field == null) {
                    throw bad(uri, "not a baseline file: cut short");
                }
                if (v != JsonToken.VALUE_STRING || !(field.equals("type") || field.equals("fingerprint"))) {
                    throw bad(uri, "entry " + n + " (line " + line + ") holds other than a type and a fingerprint");
                }
                if (field.equals("type")) {
                    type = p.getText();
                } else {
                    fingerprint = p.getText();
                }
            }
            if (type == null || fingerprint == null) {
                throw bad(uri, "entry " + n + " (line " + line + ") lacks its type or its fingerprint");
            }
            try {
                set.add(type, fingerprint);
            } catch (IllegalArgumentException e) {
                // The message of the check quotes the text: not repeated.
                throw bad(uri, "entry " + n + " (line " + line + "): not an entity type and a fingerprint of 32"
                        + " lower-case hex characters");
            }
        }
        return set.build();
    }

    private static UsageException bad(String uri, String what) {
        return new UsageException("--baseline " + uri + ": " + what);
    }

    /**
     * Writes {@code --write-baseline} from the run's findings: the distinct (type, fingerprint) of the
     * unmasked findings that are not test values (accepted ones included, so a new baseline keeps
     * what the old one accepted), from a distinct query on the executors, counted first and then
     * streamed to the file in order (the driver holds one partition of entries at a time, never the
     * findings). More than {@link AcceptedSet#MAX_ENTRIES} is refused before anything is written: the
     * run fails (exit 1). A file cut short by a failure is deleted.
     *
     * @param findings          {@code ScanRows.findings} rows
     * @param findingsNotListed findings of the run findings/ does not hold ({@code report.maxFindingsPerFile})
     */
    static Written write(Dataset<Row> findings, long findingsNotListed, String uri, byte[] key, String toolVersion,
            Configuration hconf) throws IOException {
        return write(findings, findingsNotListed, uri, key, toolVersion, hconf, AcceptedSet.MAX_ENTRIES);
    }

    /** As above, with at most {@code maxEntries} (a test's small bound). */
    static Written write(Dataset<Row> findings, long findingsNotListed, String uri, byte[] key, String toolVersion,
            Configuration hconf, long maxEntries) throws IOException {
        Dataset<Row> entries = distinctEntries(findings);
        long n = entries.count();
        if (n > maxEntries) {
            throw new JobException("--write-baseline " + uri + ": the run's unmasked findings have " + n
                    + " distinct fingerprints, more than a baseline holds (" + maxEntries + "): a baseline"
                    + " accepts a modest set of known findings; mask or remove the data instead. No baseline written");
        }
        Path path = new Path(ObjectListing.toHadoopUri(uri, hconf));
        FileSystem fs = path.getFileSystem(hconf);
        long written = 0;
        try (Writer w = new OutputStreamWriter(fs.create(path, true), StandardCharsets.UTF_8)) {
            Map<String, Object> tool = new LinkedHashMap<>();
            tool.put("name", "pii-gate");
            tool.put("version", toolVersion);
            w.write("{\n");
            w.write("  \"schemaVersion\": " + SCHEMA_VERSION + ",\n");
            w.write("  \"kind\": " + JSON.writeValueAsString(KIND) + ",\n");
            w.write("  \"tool\": " + JSON.writeValueAsString(tool) + ",\n");
            w.write("  \"createdAt\": \"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\n");
            w.write("  \"keyCheck\": \"" + keyCheck(key) + "\",\n");
            w.write("  \"complete\": " + (findingsNotListed == 0) + ",\n");
            w.write("  \"findingsNotListed\": " + findingsNotListed + ",\n");
            w.write("  \"accepted\": [");
            for (Iterator<Row> it = ScanRows.toLocalIterator(entries.orderBy("type", "fingerprint")); it.hasNext();) {
                Row r = it.next();
                w.write(written == 0 ? "\n" : ",\n");
                w.write("    {\"type\": " + JSON.writeValueAsString(r.getString(0)) + ", \"fingerprint\": "
                        + JSON.writeValueAsString(r.getString(1)) + "}");
                written++;
            }
            w.write(written == 0 ? "]\n}\n" : "\n  ]\n}\n");
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(path, false);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        if (written != n) {
            // Counted and streamed from one persisted scan: a difference is a bug, and the file is not to be trusted.
            fs.delete(path, false);
            throw new JobException("--write-baseline " + uri + ": counted " + n + " entries, wrote " + written
                    + "; no baseline written");
        }
        return new Written(uri, written, findingsNotListed);
    }

    /** The distinct (type, fingerprint) of the unmasked findings that are not test values. */
    static Dataset<Row> distinctEntries(Dataset<Row> findings) {
        return findings.filter("masked = false AND testValue = false AND fingerprint IS NOT NULL")
                .select("type", "fingerprint").distinct();
    }
}
