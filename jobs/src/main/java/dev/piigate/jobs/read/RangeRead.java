package dev.piigate.jobs.read;

import static java.util.Objects.requireNonNull;

/**
 * How reading one split ended ({@link Readers#readRange}).
 *
 * @param firstByte where the split's first line starts (0 for the first split); -1 unless {@link Scope#LINES}
 * @param endByte   just past its last line (where the next split's first line must start); -1 unless LINES
 */
public record RangeRead(ReadResult result, Scope scope, long firstByte, long endByte) {
    /** What the split read. */
    public enum Scope {
        /** The lines of its range. */
        LINES,
        /** The whole object: its first split, when the object's first bytes forbid splitting it. */
        WHOLE_OBJECT,
        /** Nothing: a later split of an object the first split reads whole. */
        NONE,
        /**
         * Parquet: the row groups its range owns ({@code ParquetRecordReader.readRange}), rows
         * numbered as the object's; {@code firstByte} and {@code endByte} hold its first row's
         * number and the number just past its last row.
         */
        ROW_GROUPS
    }

    public RangeRead {
        requireNonNull(result, "result");
        requireNonNull(scope, "scope");
        if ((scope == Scope.LINES || scope == Scope.ROW_GROUPS) != (firstByte >= 0 && endByte >= firstByte)) {
            throw new IllegalArgumentException("offsets go with LINES and ROW_GROUPS only: " + scope + " " + firstByte + "-"
                    + endByte);
        }
    }
}
