package dev.piigate.jobs.config;

import static java.util.Objects.requireNonNull;

/**
 * A setting that narrows what the scan looks for or what the gate blocks on. It is allowed (the
 * owner may mean it) but said aloud: in the printed summary and under {@code warnings} in
 * report.json and verdict.json. Neither field ever holds a value from the data or from an
 * allow-list: the key names the setting, the message says what it does.
 *
 * @param key     the configuration key, such as {@code detectors.enabled} or
 *                {@code detectors.allowList.regexes[2]}
 * @param message what the setting leaves out
 */
public record ConfigWarning(String key, String message) {
    public ConfigWarning {
        requireNonNull(key, "key");
        requireNonNull(message, "message");
    }
}
