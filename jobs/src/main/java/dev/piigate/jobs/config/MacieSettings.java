package dev.piigate.jobs.config;

import java.util.Map;

/**
 * Amazon Macie cross-check settings.
 *
 * @param onMacieOnly     {@code count} (Macie-only unmasked occurrences count toward thresholds),
 *                        {@code block}, or {@code report}
 * @param requireCoverage block when scanned objects have no current Macie result
 * @param typeMapping     extra Macie identifier ids (custom identifier ids) to our entity types
 */
public record MacieSettings(String onMacieOnly, boolean requireCoverage, Map<String, String> typeMapping) {
    public static final java.util.List<String> ON_MACIE_ONLY = java.util.List.of("count", "block", "report");

    public MacieSettings {
        typeMapping = Map.copyOf(typeMapping);
    }

    public static MacieSettings defaults() {
        return new MacieSettings("count", false, Map.of());
    }
}
