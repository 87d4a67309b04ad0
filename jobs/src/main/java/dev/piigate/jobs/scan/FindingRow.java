package dev.piigate.jobs.scan;

import static java.util.Objects.requireNonNull;

import java.util.Set;

import dev.piigate.detectors.Evidence;

/**
 * One finding as the scan writes it: a row of findings/ plus what stays inside the job (the real
 * path, the evidence). Locations, a masked preview and a keyed fingerprint; never the value.
 *
 * @param file     the object's path as the job reads it (Macie matching, ordering); not published
 * @param safeFile the path as findings/ and report.json write it (their {@code file} column)
 * @param evidence what besides its shape spoke for it; read by the Macie cross-check, not published
 * @param accepted an unmasked finding (not a test value) whose fingerprint and type {@code --baseline}
 *                 lists: it does not count towards the gate; false in a run without a baseline
 */
public record FindingRow(String file, String safeFile, long record, String field, int start, int end, String type,
        String detector, boolean masked, boolean testValue, double confidence, Set<Evidence> evidence,
        String preview, String fingerprint, boolean accepted) {

    public FindingRow {
        requireNonNull(file, "file");
        requireNonNull(safeFile, "safeFile");
        requireNonNull(type, "type");
        evidence = Set.copyOf(evidence);
    }

    /** A finding no baseline accepted. */
    public FindingRow(String file, String safeFile, long record, String field, int start, int end, String type,
            String detector, boolean masked, boolean testValue, double confidence, Set<Evidence> evidence,
            String preview, String fingerprint) {
        this(file, safeFile, record, field, start, end, type, detector, masked, testValue, confidence, evidence,
                preview, fingerprint, false);
    }

    /** Without {@link #file}: the real path may hold PII, and a record's toString ends up in logs and messages. */
    @Override
    public String toString() {
        return "FindingRow[safeFile=" + safeFile + ", record=" + record + ", field=" + field + ", span=" + start + "-"
                + end + ", type=" + type + ", detector=" + detector + ", masked=" + masked + ", testValue="
                + testValue + ", accepted=" + accepted + ", preview=" + preview + "]";
    }
}
