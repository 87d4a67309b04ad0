package dev.piigate.jobs.config;

/** A configuration that cannot be used; the message names the key and what is accepted. Exit 64. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
