package dev.piigate.jobs.scan;

import static java.util.Objects.requireNonNull;

import java.util.Map;

import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;

/**
 * What the scan says about one object: its status and exact counts, test values kept apart (the
 * gate applies the policy to them, see {@link #counted}). Built on the executor, carried as typed
 * columns ({@link ScanRows#OBJECT}), read back on the driver by the report, the Macie cross-check
 * and the gate.
 *
 * @param file     the object's path as the job reads it; stays inside the job (Macie matching)
 * @param safeFile the path as every output writes it: masked where it holds PII
 * @param size     bytes
 * @param etag     the store's ETag, or null
 * @param versionId the S3 version id the scan looked up before reading (S3A, versioned bucket), or null:
 *                 what the approval tags on PASS (see {@code dev.piigate.jobs.s3.ApprovalTags})
 * @param detail   what went wrong, in our words (never data); empty when nothing did
 * @param recordsAcceptedOnly     see {@link DatasetCounts#recordsAcceptedOnly}
 * @param recordsAcceptedTestOnly see {@link DatasetCounts#recordsAcceptedTestOnly}
 */
public record ObjectResult(String file, String safeFile, String format, long size, String etag, String versionId,
        ObjectStatus status, String detail, long records, long recordsUnmasked, long recordsTestOnly, long recordsMaskedOnly,
        long recordsMaskedTestOnly, long findingsWritten, long findingsNotWritten, Map<String, TypeCounts> types,
        long recordsAcceptedOnly, long recordsAcceptedTestOnly) {

    public ObjectResult {
        requireNonNull(file, "file");
        requireNonNull(safeFile, "safeFile");
        requireNonNull(status, "status");
        types = Map.copyOf(types);
    }

    /** A result with nothing accepted (a run without {@code --baseline}). */
    public ObjectResult(String file, String safeFile, String format, long size, String etag, String versionId,
            ObjectStatus status, String detail, long records, long recordsUnmasked, long recordsTestOnly,
            long recordsMaskedOnly, long recordsMaskedTestOnly, long findingsWritten, long findingsNotWritten,
            Map<String, TypeCounts> types) {
        this(file, safeFile, format, size, etag, versionId, status, detail, records, recordsUnmasked, recordsTestOnly,
                recordsMaskedOnly, recordsMaskedTestOnly, findingsWritten, findingsNotWritten, types, 0, 0);
    }

    /** A result without a version id (not on S3, or not looked up). */
    public ObjectResult(String file, String safeFile, String format, long size, String etag, ObjectStatus status,
            String detail, long records, long recordsUnmasked, long recordsTestOnly, long recordsMaskedOnly,
            long recordsMaskedTestOnly, long findingsWritten, long findingsNotWritten, Map<String, TypeCounts> types) {
        this(file, safeFile, format, size, etag, null, status, detail, records, recordsUnmasked, recordsTestOnly,
                recordsMaskedOnly, recordsMaskedTestOnly, findingsWritten, findingsNotWritten, types);
    }

    /** Without {@link #file}: the real path may hold PII, and a record's toString ends up in logs and messages. */
    @Override
    public String toString() {
        return "ObjectResult[safeFile=" + safeFile + ", format=" + format + ", size=" + size + ", status="
                + status.key() + ", records=" + records + ", recordsUnmasked=" + recordsUnmasked + ", types="
                + types.keySet() + "]";
    }

    /** The object's contribution to the dataset's counts. */
    public DatasetCounts counts() {
        return new DatasetCounts(1, size, records, recordsUnmasked, recordsTestOnly, recordsMaskedOnly,
                recordsMaskedTestOnly, recordsAcceptedOnly, recordsAcceptedTestOnly, types, Map.of(status, 1L));
    }

    /** As the gate counts it (see {@link DatasetCounts#counted}): what the report and summary print. */
    public ObjectResult counted(boolean testValuesCountAsUnmasked) {
        DatasetCounts c = counts().counted(testValuesCountAsUnmasked);
        return new ObjectResult(file, safeFile, format, size, etag, versionId, status, detail, records,
                c.recordsUnmasked(),
                c.recordsTestOnly(), c.recordsMaskedOnly(), c.recordsMaskedTestOnly(), findingsWritten,
                findingsNotWritten, c.perType(), c.recordsAcceptedOnly(), c.recordsAcceptedTestOnly());
    }
}
