package dev.piigate.jobs.read;

import java.util.Optional;

/** The {@link RecordRewriter} of each format; registered here only. */
public final class Rewriters {
    private Rewriters() {}

    /** Empty for a format whose copy cannot be written (documents: their text is extracted, not their bytes). */
    public static Optional<RecordRewriter> forFormat(Format format) {
        return switch (format) {
            case JSONL -> Optional.of(new JsonLinesRewriter());
            case CSV -> Optional.of(new CsvRewriter());
            case TEXT -> Optional.of(new TextRewriter());
            case PARQUET -> Optional.of(new ParquetRewriter());
            case DOCUMENT -> Optional.empty();
        };
    }
}
