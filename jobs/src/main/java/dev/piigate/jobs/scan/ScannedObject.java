package dev.piigate.jobs.scan;

import java.util.List;

/**
 * One object scanned on an executor: its result and the findings written for it, in the order found.
 *
 * @param split which split of the object this is, or null for a whole object
 */
record ScannedObject(ObjectResult result, List<FindingRow> findings, SplitPart split) {
    ScannedObject {
        findings = List.copyOf(findings);
    }

    ScannedObject(ObjectResult result, List<FindingRow> findings) {
        this(result, findings, null);
    }
}
