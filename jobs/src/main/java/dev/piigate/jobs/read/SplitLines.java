package dev.piigate.jobs.read;

/**
 * What a reader of one split's lines tells besides its result ({@link Readers#readRange}): how
 * many record numbers its lines took, and whether its last record was cut at the split's end.
 */
final class SplitLines {
    /** The record number after the last one its lines took, so far. */
    long recordNumbers;
    /**
     * Its last record would have gone on past the split's last line in a read of the whole object
     * (a private key block, a CSV row in an open quote), or a CSV split 0 read no data row: the
     * next split's first line is no record start, so the object must be read unsplit.
     */
    boolean lastRecordCut;
}
