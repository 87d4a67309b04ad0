package dev.piigate.jobs.scan;

import java.util.List;

/** One object scanned on an executor: its result and the findings written for it, in the order found. */
record ScannedObject(ObjectResult result, List<FindingRow> findings) {
    ScannedObject {
        findings = List.copyOf(findings);
    }
}
