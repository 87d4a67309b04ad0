package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One line of 256 MiB with no line end but the last: read in bounded chunks, never whole (Hadoop's
 * line reader would skip it or exhaust the heap). The sink only measures, so the test times the
 * reader, not the detectors; the end-to-end corpus test scans a long line with the detectors.
 */
class BigLineTest {
    private static final long LINE_BYTES = 256L * 1024 * 1024;
    private static final String CARD = "4556 7375 8689 9855";

    @TempDir
    java.nio.file.Path dir;

    @Test
    void aLineOfHundredsOfMegabytesIsDeliveredInBoundedOverlappingChunks() throws IOException {
        java.nio.file.Path file = dir.resolve("one-line.txt");
        byte[] block = "lorem ipsum dolor sit amet ".repeat(40_000).getBytes(StandardCharsets.US_ASCII);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long written = 0;
            while (written < LINE_BYTES) {
                int n = (int) Math.min(block.length, LINE_BYTES - written);
                written += out.write(ByteBuffer.wrap(block, 0, n));
            }
            out.write(ByteBuffer.wrap((" card " + CARD + "\n").getBytes(StandardCharsets.US_ASCII)));
        }
        int limit = 1 << 20;
        long[] chars = {0};
        int[] longest = {0};
        int[] pieces = {0};
        boolean[] cardSeen = {false};
        RecordSink sink = new RecordSink() {
            @Override
            public void startRecord(long index) {
            }

            @Override
            public void value(String field, String value) {
                throw new AssertionError("a line this long must come in chunks");
            }

            @Override
            public void chunk(String field, String text, int piece) {
                assertThat(piece).isEqualTo(pieces[0]++);
                longest[0] = Math.max(longest[0], text.length());
                chars[0] += piece == 0 ? text.length() : text.length() - TextChunks.OVERLAP_CHARS;
                cardSeen[0] |= text.contains(CARD);
            }

            @Override
            public void endRecord() {
            }
        };

        ReadResult result = Readers.forFormat(Format.TEXT).read(TestFiles.localFs(), new Path(file.toUri()),
                TestFiles.conf(), new ReadLimits(limit, 1024 * 1024, 60_000, 8), sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(longest[0]).isLessThanOrEqualTo(limit);
        assertThat(chars[0]).isEqualTo(LINE_BYTES + 6 + CARD.length());
        assertThat(cardSeen[0]).isTrue();
    }
}
