package dev.piigate.jobs.config;

import static java.util.Objects.requireNonNull;

import dev.piigate.detectors.DetectorSettings;
import dev.piigate.jobs.read.ReadLimits;

/**
 * The whole run configuration, validated before any data is read. Built from YAML text by
 * {@link ConfigLoader}; executors rebuild it from the same text instead of receiving Java-serialised
 * objects.
 *
 * @param yaml               the text it was loaded from ("" for the built-in defaults)
 * @param detectors          detector settings
 * @param policy             the gate's thresholds
 * @param limits             read limits
 * @param sampleSize         findings sampled into report.json
 * @param worstFiles         files listed in the summary and report as the worst
 * @param maxFindingsPerFile finding rows written per object; counts stay exact beyond it
 * @param approvedSuffix     {@code train.manifest} becomes {@code train.<suffix>.manifest}
 * @param fingerprintKeyEnv  environment variable holding the HMAC key for fingerprints
 * @param macie              cross-check settings
 * @param tagObjects         {@code approval.tagObjects}: whether a run writes the S3 approval tags
 * @param redaction          {@code redaction.*}: how {@code --redact-to} writes the copy
 */
public record Config(String yaml, DetectorSettings detectors, Policy policy, ReadLimits limits, int sampleSize,
        int worstFiles, long maxFindingsPerFile, String approvedSuffix, String fingerprintKeyEnv, MacieSettings macie,
        ApprovalTagging tagObjects, RedactionSettings redaction) {

    public Config {
        requireNonNull(yaml, "yaml");
        requireNonNull(detectors, "detectors");
        requireNonNull(policy, "policy");
        requireNonNull(limits, "limits");
        requireNonNull(approvedSuffix, "approvedSuffix");
        requireNonNull(fingerprintKeyEnv, "fingerprintKeyEnv");
        requireNonNull(macie, "macie");
        requireNonNull(tagObjects, "tagObjects");
        requireNonNull(redaction, "redaction");
    }
}
