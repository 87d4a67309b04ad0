package dev.piigate.jobs.read;

import static dev.piigate.jobs.read.TextChunks.OVERLAP_CHARS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which piece counts a finding. A value longer than the overlap (a private key block) can be seen
 * with its start by one piece only: that piece must own it, or nobody counts it.
 */
class TextChunksPlaceTest {
    private static final int PIECE = 4 * OVERLAP_CHARS;

    @Test
    void aShortValueIsOwnedByTheMiddleOfItsSpan() {
        assertThat(TextChunks.place(1, PIECE, 10, 30)).isEqualTo(TextChunks.Place.PREVIOUS);
        assertThat(TextChunks.place(1, PIECE, 2000, 2100)).isEqualTo(TextChunks.Place.THIS);
        assertThat(TextChunks.place(1, PIECE, PIECE - 100, PIECE - 50)).isEqualTo(TextChunks.Place.NEXT_IF_ANY);
        assertThat(TextChunks.place(0, PIECE, 10, 30)).isEqualTo(TextChunks.Place.THIS);
    }

    @Test
    void aLongValueCutOffAtTheEndOfAPieceIsOwnedByThePieceThatSawItsStart() {
        // 3,300 characters from BEGIN to the piece end: its middle is in the next piece's half,
        // but the next piece starts OVERLAP_CHARS before this one ends and never sees the BEGIN line.
        int start = PIECE - 3300;
        assertThat(TextChunks.place(1, PIECE, start, PIECE)).isEqualTo(TextChunks.Place.THIS);
        assertThat(TextChunks.place(0, PIECE, start, PIECE)).isEqualTo(TextChunks.Place.THIS);
    }

    @Test
    void aLongValueIsOwnedByThePieceThatOwnsItsStartWhateverEndEachPieceSees() {
        // Starting in the first half of the overlap: this piece (cut at a body line), not the next.
        int early = PIECE - OVERLAP_CHARS + 10;
        assertThat(TextChunks.place(1, PIECE, early, PIECE - 60)).isEqualTo(TextChunks.Place.THIS);
        assertThat(TextChunks.place(2, PIECE, 10, 3310)).isEqualTo(TextChunks.Place.PREVIOUS);
        // Starting in the second half: the next piece, which sees it whole.
        int late = PIECE - OVERLAP_CHARS / 2 + 10;
        assertThat(TextChunks.place(1, PIECE, late, PIECE - 8)).isEqualTo(TextChunks.Place.NEXT_IF_ANY);
        assertThat(TextChunks.place(2, PIECE, OVERLAP_CHARS / 2 + 10, OVERLAP_CHARS / 2 + 3310))
                .isEqualTo(TextChunks.Place.THIS);
    }
}
