package dev.piigate.jobs.read;

import static java.util.Objects.requireNonNull;

/**
 * How reading one split ended ({@link Readers#readRange}).
 *
 * @param firstByte     where the split's first line starts (0 for the first split); -1 unless it read lines
 * @param endByte       just past its last line (where the next split's first line must start); -1 unless it
 *                      read lines
 * @param recordNumbers how many record numbers its lines took (the next split's record 0 is this many
 *                      after its own), or -1 when that is the number of records it delivered: a text
 *                      split's private key block takes one record and a number per line
 */
public record RangeRead(ReadResult result, Scope scope, long firstByte, long endByte, long recordNumbers) {
    /** What the split read. */
    public enum Scope {
        /** The lines of its range. */
        LINES,
        /**
         * The lines of its range, read in a way a read of the whole object may not have: its last
         * record goes on past the range's last line (a CSV quoted field with a line break, a
         * private key block in text; or a CSV split 0 with no data row), so the next split started
         * inside a record; or the text check may have judged its characters otherwise
         * ({@link Inputs.RangeText#checkedUnlikeWhole}). The object is read again unsplit.
         */
        LINES_UNSURE,
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
        boolean offsets = scope == Scope.LINES || scope == Scope.LINES_UNSURE || scope == Scope.ROW_GROUPS;
        if (offsets != (firstByte >= 0 && endByte >= firstByte)) {
            throw new IllegalArgumentException("offsets go with LINES, LINES_UNSURE and ROW_GROUPS only: " + scope + " "
                    + firstByte + "-"
                    + endByte);
        }
    }

    /** A split whose record numbers are its records. */
    public RangeRead(ReadResult result, Scope scope, long firstByte, long endByte) {
        this(result, scope, firstByte, endByte, -1);
    }
}
