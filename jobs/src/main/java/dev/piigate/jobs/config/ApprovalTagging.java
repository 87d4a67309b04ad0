package dev.piigate.jobs.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@code approval.tagObjects}: whether a run writes the S3 approval tags (see
 * {@code dev.piigate.jobs.s3.ApprovalTags}). {@link #AUTO}, the default, tags when the dataset has
 * objects on S3; {@link #TRUE} also requires that (a run that cannot tag fails); {@link #FALSE}
 * never tags, and leaves IAM without anything to enforce.
 */
public enum ApprovalTagging {
    AUTO,
    TRUE,
    FALSE;

    /** As written in the YAML file. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ApprovalTagging parse(String key, String value) {
        for (ApprovalTagging t : values()) {
            if (t.yamlName().equals(value)) {
                return t;
            }
        }
        throw new ConfigException(key + ": '" + value + "' is not one of "
                + String.join(", ", Arrays.stream(values()).map(ApprovalTagging::yamlName).toList()));
    }
}
