package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What the detectors are built from: validated once, before any data is read.
 *
 * @param enabled           detector ids to run; empty means every built-in detector
 * @param phoneRegions      ISO 3166 region codes for national-format phone numbers ({@code US},
 *                          {@code GB}); numbers written with {@code +} are found whatever the list
 * @param keywordDistance   characters around a value searched for context keywords (Macie: 30)
 * @param customIdentifiers Macie-style custom data identifiers, always run when present
 * @param allowList         values that are never findings
 * @param options           free-form settings for detectors from other jars, keyed by their id
 */
public record DetectorSettings(
        List<String> enabled, List<String> phoneRegions, int keywordDistance,
        List<CustomIdentifier> customIdentifiers, AllowList allowList, Map<String, String> options) {

    public static final int DEFAULT_KEYWORD_DISTANCE = 30;

    public DetectorSettings {
        enabled = List.copyOf(requireNonNull(enabled, "enabled"));
        phoneRegions = List.copyOf(requireNonNull(phoneRegions, "phoneRegions"));
        customIdentifiers = List.copyOf(requireNonNull(customIdentifiers, "customIdentifiers"));
        requireNonNull(allowList, "allowList");
        options = Map.copyOf(requireNonNull(options, "options"));
        if (keywordDistance < 0 || keywordDistance > 300) {
            throw new IllegalArgumentException("keywordDistance must be within 0-300: " + keywordDistance);
        }
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(List.of(), List.of("US"), DEFAULT_KEYWORD_DISTANCE, List.of(), AllowList.empty(),
                Map.of());
    }

    public DetectorSettings withEnabled(List<String> ids) {
        return new DetectorSettings(ids, phoneRegions, keywordDistance, customIdentifiers, allowList, options);
    }

    public DetectorSettings withPhoneRegions(List<String> regions) {
        return new DetectorSettings(enabled, regions, keywordDistance, customIdentifiers, allowList, options);
    }

    public DetectorSettings withCustomIdentifiers(List<CustomIdentifier> identifiers) {
        return new DetectorSettings(enabled, phoneRegions, keywordDistance, identifiers, allowList, options);
    }

    public DetectorSettings withAllowList(AllowList list) {
        return new DetectorSettings(enabled, phoneRegions, keywordDistance, customIdentifiers, list, options);
    }

    public DetectorSettings withKeywordDistance(int distance) {
        return new DetectorSettings(enabled, phoneRegions, distance, customIdentifiers, allowList, options);
    }

    public DetectorSettings withOptions(Map<String, String> newOptions) {
        return new DetectorSettings(enabled, phoneRegions, keywordDistance, customIdentifiers, allowList, newOptions);
    }
}
