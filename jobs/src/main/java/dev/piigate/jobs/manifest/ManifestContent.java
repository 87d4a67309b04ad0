package dev.piigate.jobs.manifest;

import java.util.ArrayList;
import java.util.List;

import dev.piigate.jobs.gate.BlockReason;
import dev.piigate.jobs.scan.ObjectResult;

/**
 * What the scan of the manifest itself means for the verdict. The manifest is one more object of
 * the run (its records count like any object's), and on PASS it is published as the approved
 * manifest, so on top of the policy: unmasked PII in it blocks whatever the thresholds, and so does
 * a manifest that was not fully scanned, whatever {@code policy.tolerate} says.
 */
public final class ManifestContent {
    public static final String MANIFEST_PII = "MANIFEST_PII";
    public static final String MANIFEST_NOT_SCANNED = "MANIFEST_NOT_SCANNED";

    private ManifestContent() {}

    /**
     * @param scanned the manifest's result as the gate counts it ({@link ObjectResult#counted}), or
     *                null when the scan returned none for it
     */
    public static List<BlockReason> reasons(ObjectResult scanned) {
        List<BlockReason> reasons = new ArrayList<>();
        if (scanned == null) {
            reasons.add(new BlockReason(MANIFEST_NOT_SCANNED, "manifest",
                    "the manifest itself has no scan result: an approved manifest is always fully scanned", 0, 1,
                    "(none: the manifest is always scanned)"));
            return reasons;
        }
        if (!scanned.status().complete()) {
            reasons.add(new BlockReason(MANIFEST_NOT_SCANNED, "manifest",
                    "the manifest itself was not fully scanned (" + scanned.status().key()
                            + "): an approved manifest is always fully scanned, policy.tolerate does not apply to it",
                    1, 0, "(none: policy.tolerate does not apply to the manifest)"));
        }
        if (scanned.recordsUnmasked() > 0) {
            reasons.add(new BlockReason(MANIFEST_PII, "manifest",
                    "the manifest itself holds unmasked PII in " + scanned.recordsUnmasked()
                            + " of its records (inline labels, metadata or text, or object names): an approved"
                            + " manifest never carries PII, whatever the thresholds",
                    scanned.recordsUnmasked(), 0, "(none: an approved manifest never holds unmasked PII)"));
        }
        return reasons;
    }
}
