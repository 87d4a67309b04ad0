package dev.piigate.jobs.read;

/**
 * Wraps the caller's sink: counts records and closes a record left open when reading stops
 * half-way (a cut gzip stream in the middle of a long line), so the sink always sees
 * start/end pairs.
 */
final class TrackingSink implements RecordSink {
    private final RecordSink sink;
    private long recordsStarted;
    private boolean open;

    TrackingSink(RecordSink sink) {
        this.sink = sink;
    }

    @Override
    public void startRecord(long index) {
        sink.startRecord(index);
        open = true;
        recordsStarted++;
    }

    @Override
    public void value(String field, String value) {
        sink.value(field, value);
    }

    @Override
    public void key(String field, String key) {
        sink.key(field, key);
    }

    @Override
    public void chunk(String field, String text, int piece) {
        sink.chunk(field, text, piece);
    }

    @Override
    public void endRecord() {
        open = false;
        sink.endRecord();
    }

    /** Ends a record still open; used on the way out of a failed read. */
    void closeOpenRecord() {
        if (open) {
            endRecord();
        }
    }

    long recordsStarted() {
        return recordsStarted;
    }
}
