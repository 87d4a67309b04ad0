package dev.piigate.jobs.read;

import java.io.IOException;

/**
 * Long text is delivered in chunks that overlap, so a value straddling a chunk border is seen
 * whole, with the context its detector reads around it, in at least one chunk.
 *
 * <p>The contract for callers: pieces arrive through {@link RecordSink#chunk}, numbered; piece
 * {@code k > 0} begins with the last {@value #OVERLAP_CHARS} characters of piece {@code k - 1}.
 * Each finding is counted by exactly one piece, the one that owns the middle of its span
 * ({@link #place}): the overlap between two pieces is split in half, so whichever piece counts a
 * finding sees at least {@code OVERLAP_CHARS / 2} characters on both sides of its middle. That is
 * more than any value plus its context ({@link #overlapNeeded}), so the owner reports exactly
 * what a scan of the whole text would, and a finding that only one piece reports (a keyword
 * after the value, cut off from the earlier piece) is neither lost nor counted twice. Findings a
 * piece sees with cut context (a digit run cut at its start) lie in the half that is not its own.
 */
public final class TextChunks {
    /** Characters shared by consecutive chunks: at least {@link #overlapNeeded} for every accepted configuration. */
    public static final int OVERLAP_CHARS = 2048;

    /** Smallest chunk, whatever {@code limits.maxValueChars} says: each chunk brings at least 3/4 new text. */
    public static final int MIN_CHUNK_CHARS = 4 * OVERLAP_CHARS;

    /**
     * Longest value a built-in detector reports with context around it: an e-mail address (64 + 1 +
     * 253 characters) and a margin. Private key blocks are longer and need no context; they are
     * owned by the piece that owns their start ({@link #place}).
     */
    static final int LONGEST_VALUE_CHARS = 320;

    /**
     * Longest built-in keyword and a margin: the ITIN's Spanish name, "número de identificación
     * personal del contribuyente", has 51 characters (issue 13; before it, "social security number"
     * with 22 was the longest and this was 32).
     */
    public static final int LONGEST_BUILT_IN_KEYWORD_CHARS = 64;

    private TextChunks() {
    }

    /** Which piece counts a finding seen in a piece. */
    public enum Place {
        /** The previous piece owns it (it sees it with more context): drop it here. */
        PREVIOUS,
        /** This piece owns it. */
        THIS,
        /** The next piece owns it if there is one; if this piece is the text's last, this one does. */
        NEXT_IF_ANY
    }

    /**
     * Where the finding [{@code start}, {@code end}) of piece {@code piece} (0-based, per record and
     * field) belongs, by the middle of its span.
     */
    public static Place place(int piece, int pieceLength, int start, int end) {
        if (end - start > LONGEST_VALUE_CHARS) {
            // A value longer than any with context (a private key block): two pieces may see it
            // with different ends (one cut, one whole), so the middle of its span is no common
            // reference; its start is. Owned by the piece that owns its start, which sees it whole
            // or at least OVERLAP_CHARS / 2 of it, and reports it either way.
            if (piece > 0 && start < OVERLAP_CHARS / 2) {
                return Place.PREVIOUS;
            }
            return start >= pieceLength - OVERLAP_CHARS / 2 ? Place.NEXT_IF_ANY : Place.THIS;
        }
        long twiceMiddle = (long) start + end; // halves without fractions
        if (piece > 0 && twiceMiddle < OVERLAP_CHARS) {
            return Place.PREVIOUS;
        }
        if (twiceMiddle >= 2L * pieceLength - OVERLAP_CHARS) {
            return Place.NEXT_IF_ANY;
        }
        return Place.THIS;
    }

    /**
     * Overlap a detector needs so that a value and everything it reads around it fit in the half
     * overlap on each side of the value's middle: the longest value plus twice the reach, where a
     * keyword may lie {@code keywordDistance} away and the phone detector looks the same distance
     * past a keyword that follows the number.
     */
    public static int overlapNeeded(int keywordDistance, int longestKeyword) {
        return LONGEST_VALUE_CHARS + 2 * (2 * keywordDistance + longestKeyword);
    }

    /** The chunk size for text that does not fit in {@code room} characters. */
    static int chunkChars(int room) {
        return Math.max(room, MIN_CHUNK_CHARS);
    }

    /**
     * Delivers the rest of the current line from {@code lines} as overlapping chunks of at most
     * {@link #chunkChars}({@code room}) characters under {@code field}. {@code buffer} holds what
     * was read of the line so far (exactly {@code room} characters: the line did not fit). Holds
     * one chunk at a time.
     */
    static void deliverLongLine(LineSource lines, StringBuilder buffer, int room, String field, RecordSink sink)
            throws IOException {
        int size = chunkChars(room);
        LineSource.Stop stop = buffer.length() < size ? lines.fill(buffer, size) : LineSource.Stop.FULL;
        int piece = 0;
        if (stop != LineSource.Stop.FULL) {
            // Longer than room, shorter than a chunk: one piece.
            sink.chunk(field, buffer.toString(), piece);
            return;
        }
        while (stop == LineSource.Stop.FULL) {
            sink.chunk(field, buffer.toString(), piece++);
            buffer.delete(0, buffer.length() - OVERLAP_CHARS);
            stop = lines.fill(buffer, size);
        }
        // Only the overlap left means the line ended exactly at a chunk border: already delivered.
        if (buffer.length() > OVERLAP_CHARS) {
            sink.chunk(field, buffer.toString(), piece);
        }
    }
}
