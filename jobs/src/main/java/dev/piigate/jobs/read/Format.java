package dev.piigate.jobs.read;

import java.util.Locale;
import java.util.Optional;

/** Input formats; the lower-case names are the values of {@code --format}. */
public enum Format {
    JSONL, CSV, PARQUET, TEXT, DOCUMENT;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Format> fromCliName(String name) {
        for (Format f : values()) {
            if (f.cliName().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
