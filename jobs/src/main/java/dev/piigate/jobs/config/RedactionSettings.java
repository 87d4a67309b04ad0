package dev.piigate.jobs.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.redaction.Redactor;

/**
 * {@code redaction.*}: how {@code --redact-to} writes the copy.
 *
 * @param style           {@code redaction.style}: how a value is replaced unless its type says otherwise
 * @param perType         {@code redaction.perType.<TYPE>}: the style of one type
 * @param dropRecordsOver {@code redaction.dropRecordsOver}: a record with more replacements than
 *                        this is left out of the copy; -1 (the default) never
 * @param allowDropped    {@code redaction.allowDropped}: the copy may still pass when objects could
 *                        not be redacted (and so are missing from it)
 */
public record RedactionSettings(Redactor.Style style, Map<EntityType, Redactor.Style> perType, int dropRecordsOver,
        boolean allowDropped) {
    public static final RedactionSettings DEFAULTS = new RedactionSettings(Redactor.Style.TYPE, Map.of(), -1, false);

    public RedactionSettings {
        requireNonNull(style, "style");
        perType = Map.copyOf(perType);
        if (dropRecordsOver < -1) {
            throw new IllegalArgumentException("dropRecordsOver: -1 (off) or a count");
        }
    }

    /** Whether any value is replaced by a keyed fingerprint: the run then needs its fingerprint key. */
    public boolean usesHash() {
        return style == Redactor.Style.HASH || perType.containsValue(Redactor.Style.HASH);
    }
}
