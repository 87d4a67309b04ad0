package dev.piigate.jobs.read;

/**
 * Receives the records of one object, in order: {@code startRecord}, any number of
 * {@code value} calls (one per string value, with its field), {@code endRecord}.
 *
 * <p>Record numbering (0-based, what reports call {@code record}): a JSON Lines or text line
 * (counting every line, blank ones too), a CSV data row (the header is not a record), a Parquet
 * row, 0 for a document.
 */
public interface RecordSink {
    /** The field a CSV header cell is delivered under, in record 0. */
    String CSV_HEADER_FIELD = "$header";

    void startRecord(long index);

    /**
     * @param field JSON path such as {@code $.messages[2].content}, a column name, or
     *              {@code content} for a document or a text line
     */
    void value(String field, String value);

    void endRecord();

    /**
     * A name in the data that is data too: a JSON key or a Parquet map key (delivered under the
     * path of the object or map that holds it, before the values under it), a CSV header cell
     * (under {@link #CSV_HEADER_FIELD}). A sink that does not tell names from values sees them as
     * values.
     */
    default void key(String field, String key) {
        value(field, key);
    }

    /**
     * One piece of a text too long to deliver whole (a line over {@code limits.maxValueChars}, a
     * document's extracted text). Pieces of one text arrive in order within one record, numbered
     * from 0; piece {@code k > 0} begins with the last {@link TextChunks#OVERLAP_CHARS} characters
     * of piece {@code k - 1}, so a value that straddles a border is whole in one piece. The
     * receiver counts each finding in the one piece that owns it ({@link TextChunks#place}) and
     * adds the piece's offset to positions. A sink that does not care about pieces sees them as values.
     */
    default void chunk(String field, String text, int piece) {
        value(field, text);
    }
}
