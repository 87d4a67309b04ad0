package dev.piigate.jobs.report;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.Row;

import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.scan.ScanRows;

/** What the scan says about one object: its status and exact counts. */
public record ObjectResult(String path, String format, long size, String etag, String status, String reason,
        String detail, long records, long recordsUnmasked, long recordsMaskedOnly, long findingsWritten,
        long findingsNotWritten, Map<String, TypeCounts> types) {

    public ObjectResult {
        types = Map.copyOf(types);
    }

    /** From an object row of {@link ScanRows#SCHEMA}; {@code path} is the masked one. */
    public static ObjectResult of(Row r) {
        // The path as outputs write it: masked where it holds PII (ScanRows' safeFile).
        return new ObjectResult(r.getAs("safeFile"), r.getAs("format"), r.<Long>getAs("size"), r.getAs("etag"),
                r.getAs("status"), r.getAs("reason"), r.getAs("detail"), r.<Long>getAs("records"),
                r.<Long>getAs("recordsUnmasked"), r.<Long>getAs("recordsMaskedOnly"), r.<Long>getAs("findingsWritten"),
                r.<Long>getAs("findingsNotWritten"), ScanRows.decodeCounts(r.getAs("typeCounts")));
    }

    public String statusKey() {
        return reason == null ? status : status + "/" + reason;
    }

    public DatasetCounts counts() {
        return new DatasetCounts(1, size, records, recordsUnmasked, recordsMaskedOnly, types, Map.of(statusKey(), 1L));
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("format", format);
        m.put("size", size);
        m.put("etag", etag);
        m.put("status", status);
        m.put("reason", reason);
        m.put("detail", detail == null || detail.isEmpty() ? null : detail);
        m.put("records", records);
        m.put("recordsUnmasked", recordsUnmasked);
        m.put("recordsMaskedOnly", recordsMaskedOnly);
        m.put("findingsWritten", findingsWritten);
        m.put("findingsNotWritten", findingsNotWritten);
        m.put("types", Report.typesJson(types));
        return m;
    }
}
