package dev.piigate.jobs.report;

import static java.util.Objects.requireNonNull;

/**
 * Where an unmasked finding sits, as findings/ writes it: the masked path, the record, the field
 * (masked where it holds PII), the span, the type and the masked preview. Never the value.
 *
 * @param record the record's number in the object, or -1 when the scan had none to give
 * @param field  the field as findings/ writes it, or null (plain text has none)
 */
public record FindingLocation(String safeFile, long record, String field, int start, int end, String type,
        String preview) {
    public FindingLocation {
        requireNonNull(safeFile, "safeFile");
        requireNonNull(type, "type");
    }
}
