package dev.piigate.jobs.gate;

/**
 * Why a dataset is blocked, with the numbers: what was observed, the limit, and the configuration
 * key that sets the limit, so the person reading it knows what to change (or not to).
 *
 * @param code      stable identifier, such as {@code UNMASKED_RECORDS} or {@code OBJECT_STATUS}
 * @param scope     {@code overall}, an entity type, or a status such as {@code SKIPPED/CORRUPT}
 * @param observed  the observed number (records, fraction, objects)
 * @param threshold the limit it was judged against
 * @param configKey the key that sets the limit
 */
public record BlockReason(String code, String scope, String message, double observed, double threshold,
        String configKey) {}
