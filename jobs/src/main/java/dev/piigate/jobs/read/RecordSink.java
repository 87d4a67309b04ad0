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
    void startRecord(long index);

    /**
     * @param field JSON path such as {@code $.messages[2].content}, a column name, or
     *              {@code content} for a document or a text line
     */
    void value(String field, String value);

    void endRecord();
}
