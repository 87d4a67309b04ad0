package dev.piigate.jobs.read;

import static dev.piigate.jobs.read.LineRewriteFixtures.bytes;
import static dev.piigate.jobs.read.LineRewriteFixtures.linesWithEnds;
import static dev.piigate.jobs.read.LineRewriteFixtures.redactor;
import static dev.piigate.jobs.read.LineRewriteFixtures.unmaskedInCopy;
import static dev.piigate.jobs.read.TestFiles.PLANTED;
import static dev.piigate.jobs.read.TestFiles.SMALL;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.piigate.jobs.read.LineRewriteFixtures.RecordingRedactor;
import dev.piigate.jobs.scan.RecordRedactor;

class TextRewriterTest {
    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    private static final String KEY = "-----BEGIN RSA PRIVATE KEY-----\r\n"
            + "MIICXQIBAAKBgQAhEyxtUSMlOqxAIvHn1P4vZaewLus31jLTI3ex+APDxjenCifL\r\n"
            + "sku4laDjWl35muzTUijXqdDgKXAEFxsJ67g9rzV6zviaucnuNEGCSWHZqg7QISFb\r\n"
            + "xPYlXfWbTpopzSWUeea/wLbSwOpnxJBxji440IAUYO7o+3TI0qj9Ccm1MyuTqt+l\r\n"
            + "-----END RSA PRIVATE KEY-----\r\n";

    /** Support tickets with an e-mail, phones, an IBAN, an SSN, a card, a birth date, masked values and a key. */
    private static final String TICKETS = "Ticket #48213 | opened 2024-04-29 08:12 UTC | queue: billing\n"
            + "From: Marcus Ellery <marcusellery68@outlook.com>\n"
            + "\n"
            + "Please send it to DE52 6377 0621 7926 0229 68, or call (617) 868-2539.\r\n"
            + "My social security number is 242-60-2740; date of birth: 1984-03-12.\r\n"
            + "Order date 1984-03-12, old card **** **** **** 5310, phone |||PHONE_NUMBER|||.\r"
            + "New card number: 2447-8468-3860-0545, expiry 09/28.\n"
            + "the deploy key:\n"
            + KEY
            + "----------------------------------------------------------------------------\n"
            + "last line, no line end";

    private static final List<String> CANARIES = List.of("marcusellery68@outlook.com", "DE52 6377 0621 7926 0229 68",
            "(617) 868-2539", "242-60-2740", "1984-03-12.", "2447-8468-3860-0545",
            "MIICXQIBAAKBgQAhEyxtUSMlOqxAIvHn1P4v",
            "sku4laDjWl35muzTUijXqdDgKXAEFxsJ67g9", "xPYlXfWbTpopzSWUeea/wLbSwOpnxJBxji44");

    private ReadResult rewrite(Path in, ReadLimits limits, ValueRedactor redactor, Path out) throws IOException {
        return Rewriters.forFormat(Format.TEXT).orElseThrow().rewrite(fs, in, TestFiles.conf(), limits, redactor, fs,
                out);
    }

    private Path out(String name) {
        return new Path(dir.resolve("copy-" + name).toUri());
    }

    private String text(Path path) {
        return new String(bytes(java.nio.file.Path.of(path.toUri())), UTF_8);
    }

    @Test
    void aRealisticSampleKeepsItsLinesWithEveryFindingReplaced() throws IOException {
        Path in = TestFiles.write(dir, "tickets.txt", TICKETS);
        Path out = out("tickets.txt");
        RecordRedactor redactor = redactor(-1);

        assertThat(rewrite(in, SMALL, redactor, out)).isEqualTo(ReadResult.COMPLETE);

        String copy = text(out);
        for (String canary : CANARIES) {
            assertThat(copy.contains(canary)).as("canary %d left in the copy", CANARIES.indexOf(canary)).isFalse();
        }
        List<String> before = linesWithEnds(TICKETS);
        List<String> after = linesWithEnds(copy);
        assertThat(after).hasSameSizeAs(before); // a replaced key block keeps its lines: record numbers stay
        int keyFrom = before.indexOf("-----BEGIN RSA PRIVATE KEY-----\r\n");
        for (int i = 0; i < before.size(); i++) {
            String line = before.get(i);
            boolean inKey = i >= keyFrom && i < keyFrom + 5;
            if (!inKey && CANARIES.stream().noneMatch(line::contains)) {
                assertThat(after.get(i)).as("line %d", i).isEqualTo(line);
            } else {
                assertThat(after.get(i)).as("line %d", i).isNotEqualTo(line);
            }
        }
        assertThat(after.get(4)).isEqualTo("My social security number is <USA_SOCIAL_SECURITY_NUMBER>; "
                + "date of birth: <DATE_OF_BIRTH>.\r\n");
        assertThat(after.subList(keyFrom, keyFrom + 5)).containsExactly("<PKCS>\r\n", "\r\n", "\r\n", "\r\n",
                "\r\n");
        assertThat(unmaskedInCopy(fs, Format.TEXT, out, SMALL)).isEmpty();
        assertThat(redactor.recordsKept()).isEqualTo(before.size() - 4); // the key's five lines are one record
    }

    @Test
    void gzipIsRewrittenAsGzipWithTheSameContentAsThePlainCopy() throws IOException {
        Path plainIn = TestFiles.write(dir, "tickets.txt", TICKETS);
        Path plainOut = out("tickets.txt");
        Path gzipIn = TestFiles.write(dir, "tickets.txt.gz", TestFiles.gzip(TICKETS.getBytes(UTF_8)));
        Path gzipOut = out("tickets.txt.gz");

        assertThat(rewrite(plainIn, SMALL, redactor(-1), plainOut)).isEqualTo(ReadResult.COMPLETE);
        assertThat(rewrite(gzipIn, SMALL, redactor(-1), gzipOut)).isEqualTo(ReadResult.COMPLETE);

        byte[] written = bytes(java.nio.file.Path.of(gzipOut.toUri()));
        assertThat(written[0] & 0xFF).isEqualTo(0x1f);
        assertThat(written[1] & 0xFF).isEqualTo(0x8b);
        assertThat(LineRewriteFixtures.gunzip(written)).isEqualTo(bytes(java.nio.file.Path.of(plainOut.toUri())));
        assertThat(unmaskedInCopy(fs, Format.TEXT, gzipOut, SMALL)).isEmpty();
    }

    /** Replaces {@code SECRET} within a value by {@code replacement}. */
    private static RecordingRedactor fake(String replacement) {
        return new RecordingRedactor(value -> value.replace("SECRET", replacement));
    }

    static Stream<Arguments> blocks() {
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        return Stream.of(
                Arguments.of("whole block replaced", "a\n" + begin + "\r\nSECRET\r\nBBB\r\n" + end + "\nb\n",
                        "a\n" + begin + "\r\nT\r\nBBB\r\n" + end + "\nb\n"),
                Arguments.of("BEGIN and END on one line", "x " + begin + " SECRET " + end + " y\n",
                        "x " + begin + " T " + end + " y\n"),
                Arguments.of("a block that never ends", "a\n" + begin + "\nSECRET\nb", "a\n" + begin + "\nT\nb"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void aKeyBlockIsOneValueWrittenBackOverItsOwnLines(String name, String text, String expected) throws IOException {
        Path in = TestFiles.write(dir, "keys.txt", text);
        Path out = out("keys.txt");

        assertThat(rewrite(in, SMALL, fake("T"), out)).isEqualTo(ReadResult.COMPLETE);

        assertThat(text(out)).isEqualTo(expected);
    }

    @Test
    void aReplacementSpanningLinesGoesOnTheFirstAndLeavesTheRestEmpty() throws IOException {
        String text = "a\r\n-----BEGIN PRIVATE KEY-----\r\nAAA\nBBB\rCCC\r\n-----END PRIVATE KEY-----\nb\n";
        Path in = TestFiles.write(dir, "keys.txt", text);
        Path out = out("keys.txt");
        // The redactor sees the block joined by '\n'; it replaces from inside the first body line to inside the last.
        RecordingRedactor redactor = new RecordingRedactor(value -> value.replace("AA\nBBB\nCC", "<K>"));

        assertThat(rewrite(in, SMALL, redactor, out)).isEqualTo(ReadResult.COMPLETE);

        assertThat(text(out))
                .isEqualTo("a\r\n-----BEGIN PRIVATE KEY-----\r\nA<K>C\n\r\r\n-----END PRIVATE KEY-----\nb\n");
    }

    @Test
    void theRewriterAsksEveryRecordAsTheReaderDeliversIt() throws IOException {
        String text = "first\n\n\r\n" + KEY + "lone\rcarriage\r"
                + "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-MAC: 5f1e0b3a9c\n"
                + "x -----BEGIN PRIVATE KEY----- inline -----END PRIVATE KEY----- y\n"
                + "-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEBBQADSwAw\n"
                + "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + "Zm9v\n".repeat(180) + "tail\n"
                + "-----BEGIN PRIVATE KEY-----\nnever ends";
        Path in = TestFiles.write(dir, "keys.txt", text);
        RecordingSink read = new RecordingSink();
        RecordingRedactor asked = new RecordingRedactor(value -> value);

        assertThat(Readers.forFormat(Format.TEXT).read(fs, in, TestFiles.conf(), SMALL, read))
                .isEqualTo(ReadResult.COMPLETE);
        assertThat(rewrite(in, SMALL, asked, out("keys.txt"))).isEqualTo(ReadResult.COMPLETE);

        assertThat(asked.records()).isEqualTo(read.records());
        assertThat(bytes(java.nio.file.Path.of(out("keys.txt").toUri()))).isEqualTo(text.getBytes(UTF_8));
    }

    @Test
    void aBirthDateIsReplacedOnlyWhereAKeywordNamesIt() throws IOException {
        Path in = TestFiles.write(dir, "dates.txt", "order date 1984-03-12\ndate of birth 1984-03-12\n");
        Path out = out("dates.txt");

        assertThat(rewrite(in, SMALL, redactor(-1), out)).isEqualTo(ReadResult.COMPLETE);

        assertThat(text(out)).isEqualTo("order date 1984-03-12\ndate of birth <DATE_OF_BIRTH>\n");
    }

    @Test
    void aRecordOverDropRecordsOverIsLeftOutWithItsLineEnds() throws IOException {
        String text = "keep marcusellery68@outlook.com\r\n"
                + "drop 242-60-2740 and (617) 868-2539\r\n"
                + "\n"
                + "plain\n";
        Path in = TestFiles.write(dir, "drop.txt", text);
        Path out = out("drop.txt");
        RecordRedactor redactor = redactor(1);

        assertThat(rewrite(in, SMALL, redactor, out)).isEqualTo(ReadResult.COMPLETE);

        assertThat(text(out)).isEqualTo("keep <EMAIL_ADDRESS>\r\n\nplain\n");
        assertThat(redactor.recordsOverLimit()).isEqualTo(1);
    }

    @Test
    void aDroppedKeyBlockLeavesOutAllItsLines() throws IOException {
        Path in = TestFiles.write(dir, "drop.txt", "before\n" + KEY + "after\n");
        Path out = out("drop.txt");

        assertThat(rewrite(in, SMALL, redactor(0), out)).isEqualTo(ReadResult.COMPLETE);

        assertThat(text(out)).isEqualTo("before\nafter\n");
    }

    static Stream<Arguments> notRewritable() {
        String longLine = "x".repeat(SMALL.maxValueChars());
        return Stream.of(
                Arguments.of("line of maxValueChars", "a\n" + longLine + PLANTED + "\nb\n", StatusReason.TOO_LARGE,
                        "line 1: scanned in chunks, too long to rewrite whole"),
                Arguments.of("key block cut by a long line", "a\n-----BEGIN PRIVATE KEY-----\n" + longLine + PLANTED
                        + "\n", StatusReason.TOO_LARGE, "line 2: scanned in chunks, too long to rewrite whole"),
                Arguments.of("key block over maxValueChars", "a\n-----BEGIN PRIVATE KEY-----\n" + "Zm9v\n".repeat(300)
                        + PLANTED + "\n", StatusReason.TOO_LARGE,
                        "line 201: scanned in chunks, too long to rewrite whole"),
                Arguments.of("bad bytes in a line with a replacement", "a\n\u0000 SECRET " + PLANTED + "\n",
                        StatusReason.CORRUPT, "line 1: bytes that do not decode in a line that needs a replacement"),
                Arguments.of("a replacement with a line break", "a\nSECRET " + PLANTED + "\n",
                        StatusReason.UNSUPPORTED_FORMAT, "line 1: a replacement with a line break"));
    }

    @Test
    void aGzipStreamCutShortIsNotCompleteWithADetailWithoutData() throws IOException {
        byte[] gzip = TestFiles.gzip(TICKETS.getBytes(UTF_8));
        Path in = TestFiles.write(dir, "tickets.txt.gz", TestFiles.cut(gzip, gzip.length / 2));

        ReadResult result = rewrite(in, SMALL, redactor(-1), out("tickets.txt.gz"));

        assertThat(result.status()).isNotEqualTo(ScanStatus.COMPLETE);
        assertThat(result.reason()).isEqualTo(StatusReason.TRUNCATED);
        assertThat(CANARIES).noneMatch(result.detail()::contains);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notRewritable")
    void whatCannotBeRewrittenFaithfullyIsNotCompleteWithADetailWithoutData(String name, String text,
            StatusReason reason, String detail) throws IOException {
        byte[] bytes = text.getBytes(UTF_8);
        if (name.startsWith("bad bytes")) {
            bytes[2] = (byte) 0xC3; // a lead byte with no continuation: decoded as U+FFFD, not as written
        }
        Path in = TestFiles.write(dir, "bad.txt", bytes);

        ReadResult result = rewrite(in, SMALL, fake(name.contains("line break") ? "T\nU" : "T"), out("bad.txt"));

        assertThat(result.status()).isNotEqualTo(ScanStatus.COMPLETE);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.detail()).isEqualTo(detail).doesNotContain(PLANTED);
    }

    @Test
    void utf16IsNotRewritten() throws IOException {
        byte[] utf16 = ("\uFEFFSECRET " + PLANTED + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
        Path in = TestFiles.write(dir, "wide.txt", utf16);

        ReadResult result = rewrite(in, SMALL, fake("T"), out("wide.txt"));

        assertThat(result.reason()).isEqualTo(StatusReason.UNSUPPORTED_FORMAT);
        assertThat(result.detail()).doesNotContain(PLANTED);
    }

    @Test
    void anEmptyObjectIsEmptyAsForTheReader() throws IOException {
        Path in = TestFiles.write(dir, "empty.txt.gz", TestFiles.gzip(new byte[0]));

        assertThat(rewrite(in, SMALL, fake("T"), out("empty.txt.gz"))).isEqualTo(Inputs.EMPTY_CONTENT);
    }
}
