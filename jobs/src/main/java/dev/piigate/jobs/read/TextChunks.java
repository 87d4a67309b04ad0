package dev.piigate.jobs.read;

import java.io.IOException;

/**
 * Long text is delivered in chunks that overlap, so a value straddling a chunk border is seen
 * whole in one chunk.
 *
 * <p>The contract for callers: pieces arrive through {@link RecordSink#chunk}, numbered; piece
 * {@code k > 0} begins with the last {@value #OVERLAP_CHARS} characters of piece {@code k - 1}. A
 * finding that lies entirely inside that leading overlap was already seen in piece {@code k - 1}:
 * drop it with {@link #seenInPreviousChunk}. Nothing is lost by dropping it; without dropping, it
 * is counted twice.
 */
public final class TextChunks {
    /** Characters shared by consecutive chunks; longer than any value a detector looks for. */
    public static final int OVERLAP_CHARS = 256;

    private TextChunks() {
    }

    /**
     * Whether a finding ending at {@code endInChunk} (exclusive) in chunk {@code chunkOrdinal}
     * (0-based, per record and field) lies inside the overlap and was reported from the previous chunk.
     */
    public static boolean seenInPreviousChunk(int chunkOrdinal, int endInChunk) {
        return chunkOrdinal > 0 && endInChunk <= OVERLAP_CHARS;
    }

    /**
     * Delivers the rest of the current line from {@code lines} as overlapping chunks of at most
     * {@code room} characters under {@code field}. {@code buffer} holds what was read of the line
     * so far (exactly {@code room} characters: the line did not fit). Holds one chunk at a time.
     */
    static void deliverLongLine(LineSource lines, StringBuilder buffer, int room, String field, RecordSink sink)
            throws IOException {
        LineSource.Stop stop = LineSource.Stop.FULL;
        int piece = 0;
        while (stop == LineSource.Stop.FULL) {
            sink.chunk(field, buffer.toString(), piece++);
            buffer.delete(0, buffer.length() - OVERLAP_CHARS);
            stop = lines.fill(buffer, room);
        }
        // Only the overlap left means the line ended exactly at a chunk border: already delivered.
        if (buffer.length() > OVERLAP_CHARS) {
            sink.chunk(field, buffer.toString(), piece);
        }
    }
}
