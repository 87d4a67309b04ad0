package dev.piigate.jobs.read;

import static dev.piigate.jobs.read.TestFiles.PLANTED;
import static dev.piigate.jobs.read.TestFiles.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReaderTest {
    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    private ReadResult read(Path path, ReadLimits limits, RecordSink sink) throws IOException {
        return Readers.forFormat(Format.TEXT).read(fs, path, TestFiles.conf(), limits, sink);
    }

    @Test
    void everyLineIsARecordBlankOnesIncluded() throws IOException {
        Path path = TestFiles.write(dir, "notes.txt", "first line\n\nthird\r\nfourth\rfifth");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.indexes()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(sink.record(0).texts()).containsExactly("first line");
        assertThat(sink.record(1).values()).isEmpty();
        assertThat(sink.record(2).texts()).containsExactly("third");
        assertThat(sink.record(3).texts()).containsExactly("fourth");
        assertThat(sink.record(4).values()).containsExactly(new RecordingSink.Value("content", "fifth"));
    }

    @Test
    void aPrivateKeyBlockIsOneRecordNumberedByItsBeginLine() throws IOException {
        String block = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
                + "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm\n-----END RSA PRIVATE KEY-----";
        String putty = "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 1\nAAAAC3NzaC1lZDI1NTE5\n"
                + "Private-Lines: 1\nAAAAIGx2bXZ0cXJ6b3B3\nPrivate-MAC: 5f1e0b3a9c";
        Path path = TestFiles.write(dir, "keys.txt", "deploy key follows\n" + block.replace("\n", "\r\n") + "\n"
                + "after the key\n" + putty + "\nlast\n-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEBBQADSwAw\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.indexes()).containsExactly(0L, 1L, 5L, 6L, 13L, 14L, 15L);
        assertThat(sink.record(1).texts()).containsExactly(block);
        assertThat(sink.record(5).texts()).containsExactly("after the key");
        assertThat(sink.record(6).texts()).containsExactly(putty);
        assertThat(sink.record(14).texts()).containsExactly("-----BEGIN PUBLIC KEY-----"); // not a private key: lines
    }

    @Test
    void aKeyBlockThatNeverEndsStopsAtItsBound() throws IOException {
        StringBuilder text = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
        for (int i = 0; i < KeyBlockLines.MAX_LINES + 10; i++) {
            text.append("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo").append(i).append('\n');
        }
        Path path = TestFiles.write(dir, "cut.txt", text.toString());
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, new ReadLimits(1 << 20, 1 << 22, 20_000, 8), sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.indexes()).hasSize(11).startsWith(0L, (long) KeyBlockLines.MAX_LINES + 1);
    }

    @Test
    void aFinalLineEndDoesNotAddARecord() throws IOException {
        Path path = TestFiles.write(dir, "notes.log", "a\nb\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.indexes()).containsExactly(0L, 1L);
    }

    @Test
    void aLongLineComesInOverlappingChunksAndAValueOnTheBorderIsSeenWhole() throws IOException {
        // Over the 1024-character limit, a line comes in chunks of MIN_CHUNK_CHARS overlapping by
        // OVERLAP_CHARS. Put a card across the end of chunk 0.
        String card = "4111 1111 1111 1111";
        StringBuilder line = new StringBuilder();
        line.append("x".repeat(TextChunks.MIN_CHUNK_CHARS - 9)).append(card);
        line.append("y".repeat(3 * TextChunks.MIN_CHUNK_CHARS - line.length()));
        Path path = TestFiles.write(dir, "long.txt", "short\n" + line + "\nafter");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.indexes()).containsExactly(0L, 1L, 2L);
        List<String> chunks = sink.record(1).texts();
        assertThat(sink.record(1).fields()).containsOnly("content");
        assertThat(chunks).hasSizeGreaterThan(2)
                .allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(TextChunks.MIN_CHUNK_CHARS));
        for (int k = 1; k < chunks.size(); k++) {
            String previous = chunks.get(k - 1);
            assertThat(chunks.get(k)).startsWith(previous.substring(previous.length() - TextChunks.OVERLAP_CHARS));
        }
        assertThat(chunks).anySatisfy(c -> assertThat(c).contains(card));
        // The chunks, overlaps removed, rebuild the line exactly: nothing skipped, nothing extra.
        StringBuilder rebuilt = new StringBuilder(chunks.get(0));
        for (int k = 1; k < chunks.size(); k++) {
            rebuilt.append(chunks.get(k).substring(TextChunks.OVERLAP_CHARS));
        }
        assertThat(rebuilt.toString()).isEqualTo(line.toString());
        assertThat(sink.record(2).texts()).containsExactly("after");
    }

    @Test
    void aLineEndingExactlyAtAChunkBorderIsNotDeliveredTwice() throws IOException {
        String line = "z".repeat(1024);
        Path path = TestFiles.write(dir, "exact.txt", line + "\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).texts()).containsExactly(line);
    }

    @Test
    void aLineEndingExactlyAtTheEndOfASecondChunkComesInTwoPieces() throws IOException {
        int size = TextChunks.MIN_CHUNK_CHARS;
        String line = "a".repeat(size) + "b".repeat(size - TextChunks.OVERLAP_CHARS);
        Path path = TestFiles.write(dir, "two.txt", line + "\n");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).texts()).containsExactly(line.substring(0, size),
                line.substring(size - TextChunks.OVERLAP_CHARS));
    }

    @Test
    void malformedUtf8BesideANumberDoesNotHideIt() throws IOException {
        // Not valid UTF-8, so read in the single-byte charset the detector names (each bad byte one
        // character), or as UTF-8 with U+FFFD: either way the number is delivered whole.
        byte[] bytes = TestFiles.concat(TestFiles.utf8("card "),
                TestFiles.concat(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, TestFiles.utf8("4111111111111111\n")));
        Path path = TestFiles.write(dir, "bad-utf8.txt", bytes);
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).texts().get(0)).startsWith("card ").endsWith("4111111111111111").hasSize(5 + 3 + 16);
    }

    @Test
    void mostlyValidUtf8WithAFewBadBytesStaysUtf8() throws IOException {
        // Real multi-byte characters outnumber the bad bytes: UTF-8, the bad bytes replaced. A
        // fullwidth card number stays readable (it would be lost read as a single-byte charset).
        String good = "Grüße, café, naïve: ４５５６ ７３７５ ８６８９ ９８５５ ";
        byte[] bytes = TestFiles.concat(TestFiles.utf8(good), TestFiles.concat(new byte[] {(byte) 0xFF},
                TestFiles.utf8(" end\n")));
        Path path = TestFiles.write(dir, "mostly.txt", bytes);
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).texts()).containsExactly(good + "\uFFFD end");
    }

    @Test
    void zeroBytesIsSkippedAsEmpty() throws IOException {
        Path path = TestFiles.write(dir, "empty.txt", new byte[0]);
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo(StatusReason.EMPTY);
        assertThat(sink.records()).isEmpty();
    }

    @Test
    void gzipIsDecompressedByItsSuffix() throws IOException {
        Path path = TestFiles.write(dir, "notes.txt.gz", TestFiles.gzip(TestFiles.utf8("one\ntwo " + PLANTED + "\n")));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(1).texts()).containsExactly("two " + PLANTED);
    }

    @Test
    void concatenatedGzipMembersAreReadWhole() throws IOException {
        byte[] first = TestFiles.gzip(TestFiles.utf8("member one\n"));
        byte[] second = TestFiles.gzip(TestFiles.utf8("member two\nmember two again\n"));
        Path path = TestFiles.write(dir, "joined.txt.gz", TestFiles.concat(first, second));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allValues()).extracting(RecordingSink.Value::value)
                .containsExactly("member one", "member two", "member two again");
    }

    @Test
    void truncatedGzipIsPartialTruncatedAndKeepsWhatWasDelivered() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("line ").append(i).append(' ').append(PLANTED).append(' ').append(i * 7919L % 100_003).append('\n');
        }
        byte[] whole = TestFiles.gzip(TestFiles.utf8(text.toString()));
        Path path = TestFiles.write(dir, "cut.txt.gz", TestFiles.cut(whole, whole.length / 2));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.PARTIAL);
        assertThat(result.reason()).isEqualTo(StatusReason.TRUNCATED);
        assertThat(result.detail()).doesNotContain(PLANTED).doesNotContain("line ");
        assertThat(sink.records()).hasSizeBetween(1, 19_999);
        assertThat(sink.record(0).texts().get(0)).startsWith("line 0 ");
    }

    @Test
    void gzipCutInsideItsHeaderIsSkipped() throws IOException {
        byte[] whole = TestFiles.gzip(TestFiles.utf8("secret " + PLANTED + "\n"));
        Path path = TestFiles.write(dir, "header.txt.gz", TestFiles.cut(whole, 5));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.status()).isNotEqualTo(ScanStatus.COMPLETE);
        assertThat(result.reason()).isIn(StatusReason.TRUNCATED, StatusReason.CORRUPT);
        assertThat(sink.records()).isEmpty();
    }

    @Test
    void gzipWithAGarbledSecondMemberIsNotComplete() throws IOException {
        byte[] first = TestFiles.gzip(TestFiles.utf8("member one\n"));
        byte[] second = TestFiles.gzip(TestFiles.utf8("member two " + PLANTED + "\n"));
        second[12] ^= 0x55;
        second[13] ^= 0x55;
        second[14] ^= 0x55;
        Path path = TestFiles.write(dir, "garbled.txt.gz", TestFiles.concat(first, second));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.status()).isNotEqualTo(ScanStatus.COMPLETE);
        assertThat(result.detail()).doesNotContain(PLANTED);
    }

    @Test
    void bzip2IsDecompressedByItsSuffix() throws IOException {
        Path path = TestFiles.write(dir, "notes.txt.bz2", TestFiles.bzip2("alpha\nbeta\n".getBytes(StandardCharsets.UTF_8)));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allText()).isEqualTo("alpha\nbeta");
    }

    @Test
    void anEmptyGzipIsSkippedAsEmpty() throws IOException {
        Path path = TestFiles.write(dir, "nothing.txt.gz", TestFiles.gzip(new byte[0]));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo(StatusReason.EMPTY);
    }
}
