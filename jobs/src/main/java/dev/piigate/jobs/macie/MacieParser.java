package dev.piigate.jobs.macie;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.piigate.jobs.macie.MacieObject.Detection;
import dev.piigate.jobs.macie.MacieObject.Location;
import dev.piigate.jobs.read.RecordSink;

/**
 * Turns one parsed JSON value into the Macie records it holds: a discovery result, a finding, an
 * EventBridge event ({@code detail} is a finding) or a {@code GetFindings} response
 * ({@code {"findings": [...]}}). Integers may be JSON numbers (findings) or strings (discovery
 * results); any member may be missing or null except the object's bucket, key and status, without
 * which nothing can be compared. Problems are thrown as {@link MacieFormatException} naming the
 * member, never its value.
 */
final class MacieParser {
    private MacieParser() {}

    static List<MacieObject> parse(JsonNode node, String file, long line) {
        if (node == null || !node.isObject()) {
            throw new MacieFormatException(file, line, "not a JSON object");
        }
        List<MacieObject> out = new ArrayList<>();
        JsonNode findings = node.get("findings");
        if (findings != null && !findings.isNull()) {
            if (!findings.isArray()) {
                throw new MacieFormatException(file, line, "'findings' is not an array");
            }
            for (int i = 0; i < findings.size(); i++) {
                out.add(record(findings.get(i), FINDING_SOURCE, file, line, "findings[" + i + "]"));
            }
            return out;
        }
        JsonNode detail = node.get("detail");
        if (detail != null && detail.isObject() && node.has("detail-type")) {
            String type = text(node.get("detail-type"));
            if (!"Macie Finding".equals(type)) {
                throw new MacieFormatException(file, line, "an EventBridge event whose detail-type is not 'Macie Finding'");
            }
            out.add(record(detail, FINDING_SOURCE, file, line, "detail"));
            return out;
        }
        // A finding carries updatedAt, archived and a top-level count; a discovery result none of them.
        boolean finding = node.has("updatedAt") || node.has("archived") || node.has("sample");
        out.add(record(node, finding ? FINDING_SOURCE : RESULT_SOURCE, file, line, ""));
        return out;
    }

    private static final String FINDING_SOURCE = MacieObject.FINDING;
    private static final String RESULT_SOURCE = MacieObject.RESULT;

    private static MacieObject record(JsonNode r, String source, String file, long line, String at) {
        Context c = new Context(file, line, at.isEmpty() ? "" : at + ".");
        if (r == null || !r.isObject()) {
            throw c.error("", "not a JSON object");
        }
        JsonNode resources = c.object(r, "resourcesAffected");
        JsonNode s3Object = c.object(resources, "s3Object");
        if (s3Object == null) {
            throw c.error("resourcesAffected.s3Object", "missing: the record names no S3 object");
        }
        String key = text(s3Object.get("key"));
        if (key == null || key.isEmpty()) {
            throw c.error("resourcesAffected.s3Object.key", "missing");
        }
        String bucket = bucket(c, resources, s3Object, key);
        JsonNode details = c.object(r, "classificationDetails");
        JsonNode result = details == null ? null : c.object(details, "result");
        JsonNode status = result == null ? null : c.object(result, "status");
        String code = status == null ? null : text(status.get("code"));
        if (code == null || code.isEmpty()) {
            throw c.error("classificationDetails.result.status.code", "missing: whether Macie analysed the object is unknown");
        }
        String id = text(r.get("id"));
        if (id == null || id.isEmpty()) {
            id = file + ":" + line + (at.isEmpty() ? "" : ":" + at);
        }
        JsonNode embedded = c.object(s3Object, "embeddedFileDetails");
        String embeddedPath = embedded == null ? null : text(embedded.get("filePath"));
        String etag = text(s3Object.get("eTag"));
        if (etag != null) {
            etag = etag.replace("\"", "");
            if (etag.isEmpty()) {
                etag = null;
            }
        }
        List<Detection> detections = new ArrayList<>();
        boolean additional = result != null && result.path("additionalOccurrences").asBoolean(false);
        if (result != null) {
            JsonNode sensitive = result.get("sensitiveData");
            for (int i = 0; i < size(c, sensitive, "classificationDetails.result.sensitiveData"); i++) {
                String where = "classificationDetails.result.sensitiveData[" + i + "].detections";
                JsonNode dets = sensitive.get(i).get("detections");
                for (int j = 0; j < size(c, dets, where); j++) {
                    JsonNode d = dets.get(j);
                    String type = text(d.get("type"));
                    if (type == null || type.isEmpty()) {
                        throw c.error(where + "[" + j + "].type", "missing");
                    }
                    detections.add(detection(c, d, type, null, null, additional, where + "[" + j + "]"));
                }
            }
            JsonNode custom = c.object(result, "customDataIdentifiers");
            if (custom != null) {
                String where = "classificationDetails.result.customDataIdentifiers.detections";
                JsonNode dets = custom.get("detections");
                for (int j = 0; j < size(c, dets, where); j++) {
                    JsonNode d = dets.get(j);
                    // The arn member holds the custom identifier's id (a bare UUID) in published samples.
                    String customId = text(d.get("arn"));
                    String name = text(d.get("name"));
                    if ((customId == null || customId.isEmpty()) && (name == null || name.isEmpty())) {
                        throw c.error(where + "[" + j + "]", "neither arn nor name: the identifier is unknown");
                    }
                    detections.add(detection(c, d, null, customId, name, additional, where + "[" + j + "]"));
                }
            }
        }
        return new MacieObject(source, id, text(details == null ? null : details.get("jobId")), text(r.get("createdAt")),
                bucket, key, etag, c.number(s3Object.get("size"), "resourcesAffected.s3Object.size", -1),
                code, text(status.get("reason")), embeddedPath, detections);
    }

    private static String bucket(Context c, JsonNode resources, JsonNode s3Object, String key) {
        JsonNode s3Bucket = c.object(resources, "s3Bucket");
        String name = s3Bucket == null ? null : text(s3Bucket.get("name"));
        if (name != null && !name.isEmpty()) {
            return name;
        }
        String arn = text(s3Object.get("bucketArn"));
        if (arn != null && arn.startsWith("arn:") && arn.lastIndexOf(':') < arn.length() - 1) {
            return arn.substring(arn.lastIndexOf(':') + 1);
        }
        String path = text(s3Object.get("path"));
        if (path != null && path.endsWith("/" + key) && path.length() > key.length() + 1) {
            return path.substring(0, path.length() - key.length() - 1);
        }
        throw c.error("resourcesAffected.s3Bucket.name", "missing, and neither s3Object.bucketArn nor s3Object.path names the bucket");
    }

    private static Detection detection(Context c, JsonNode d, String type, String customId, String name,
            boolean additional, String where) {
        long count = c.number(d.get("count"), where + ".count", -1);
        List<Location> locations = new ArrayList<>();
        boolean unplaced = false;
        JsonNode occ = d.get("occurrences");
        if (occ != null && !occ.isNull()) {
            if (!occ.isObject()) {
                throw c.error(where + ".occurrences", "not an object");
            }
            JsonNode cells = occ.get("cells");
            for (int i = 0; i < size(c, cells, where + ".occurrences.cells"); i++) {
                JsonNode cell = cells.get(i);
                String at = where + ".occurrences.cells[" + i + "]";
                long row = c.number(cell.get("row"), at + ".row", -1);
                long column = c.number(cell.get("column"), at + ".column", -1);
                String columnName = text(cell.get("columnName"));
                if (row == 1) {
                    // The header row: our CSV reader scans its cells as field "$header" of record 0.
                    locations.add(new Location(0, 0, RecordSink.CSV_HEADER_FIELD, "row 1 (header)" + (column > 0 ? ", column " + column : "")));
                    continue;
                }
                if (row < 1) {
                    unplaced = true; // no row at all cannot be placed
                    continue;
                }
                locations.add(new Location(row - 2, row - 2, columnName,
                        "row " + row + (column > 0 ? ", column " + column : "")));
            }
            JsonNode records = occ.get("records");
            for (int i = 0; i < size(c, records, where + ".occurrences.records"); i++) {
                JsonNode rec = records.get(i);
                String at = where + ".occurrences.records[" + i + "]";
                long index = c.number(rec.get("recordIndex"), at + ".recordIndex", -1);
                if (index < 0) {
                    unplaced = true;
                    continue;
                }
                String jsonPath = text(rec.get("jsonPath"));
                locations.add(new Location(index, index, jsonPath == null || jsonPath.isEmpty() ? null : jsonPath,
                        "record " + index));
            }
            JsonNode lines = occ.get("lineRanges");
            for (int i = 0; i < size(c, lines, where + ".occurrences.lineRanges"); i++) {
                JsonNode range = lines.get(i);
                String at = where + ".occurrences.lineRanges[" + i + "]";
                long start = c.number(range.get("start"), at + ".start", -1);
                long end = c.number(range.get("end"), at + ".end", start);
                long column = c.number(range.get("startColumn"), at + ".startColumn", -1);
                if (start < 1 || end < start) {
                    unplaced = true;
                    continue;
                }
                locations.add(new Location(start - 1, end - 1, null,
                        (start == end ? "line " + start : "lines " + start + "-" + end)
                                + (column > 0 ? ", column " + column : "")));
            }
            JsonNode pages = occ.get("pages");
            for (int i = 0; i < size(c, pages, where + ".occurrences.pages"); i++) {
                long page = c.number(pages.get(i).get("pageNumber"), where + ".occurrences.pages[" + i + "].pageNumber", -1);
                // A document is one record of ours (record 0).
                locations.add(new Location(0, 0, null, page > 0 ? "page " + page : "a page"));
            }
            JsonNode offsets = occ.get("offsetRanges");
            if (size(c, offsets, where + ".occurrences.offsetRanges") > 0) {
                unplaced = true; // byte offsets in an object we read as records: not placed
            }
        }
        if (count < 0) {
            count = locations.size();
        }
        boolean truncated = additional || unplaced || count > locations.size();
        return new Detection(type, customId, name, count, truncated, locations);
    }

    private static int size(Context c, JsonNode array, String where) {
        if (array == null || array.isNull()) {
            return 0;
        }
        if (!array.isArray()) {
            throw c.error(where, "not an array");
        }
        for (JsonNode e : array) {
            if (!e.isObject()) {
                throw c.error(where, "an element is not an object");
            }
        }
        return array.size();
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    /** Where we are, for messages that name the member and never its value. */
    private record Context(String file, long line, String prefix) {
        MacieFormatException error(String member, String problem) {
            return new MacieFormatException(file, line, (prefix + member).replaceAll("\\.$", "") + ": " + problem);
        }

        JsonNode object(JsonNode parent, String name) {
            if (parent == null) {
                return null;
            }
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isObject()) {
                throw error(name, "not an object");
            }
            return n;
        }

        /** A JSON number or a string of digits (discovery results write every integer as a string). */
        long number(JsonNode n, String member, long absent) {
            if (n == null || n.isNull()) {
                return absent;
            }
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                return n.asLong();
            }
            if (n.isTextual()) {
                String s = n.asText().strip();
                if (s.isEmpty()) {
                    return absent;
                }
                if (s.length() <= 18 && s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    return Long.parseLong(s);
                }
            }
            throw error(member, "not a non-negative integer (number or string of digits)");
        }
    }
}
