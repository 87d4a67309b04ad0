package dev.piigate.jobs.read;

import static dev.piigate.jobs.read.TestFiles.PLANTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents are parsed in a separate process: a parser that hangs, exhausts its heap or calls
 * System.exit costs that one document, and the next one parses in a fresh process. The misbehaving
 * parsers are test-only Tika parsers ({@code dev.piigate.jobs.hostile.HostileParsers}).
 */
class ParserIsolationTest {
    /** The parser processes of this class's documents, ended after its last test. */
    private static final ParserProcesses PARSERS = new ParserProcesses();

    @AfterAll
    static void endParserProcesses() {
        PARSERS.close();
    }

    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    private static final ReadLimits LIMITS = new ReadLimits(4096, 1_000_000, 4_000, 8);

    private ReadResult read(String name, String text) throws IOException {
        return read(name, text, LIMITS);
    }

    private ReadResult read(String name, String text, ReadLimits limits) throws IOException {
        return read(PARSERS, name, text, limits);
    }

    private ReadResult read(ParserProcesses parsers, String name, String text, ReadLimits limits) throws IOException {
        Path path = TestFiles.write(dir, name, text);
        return Readers.forDocuments(parsers).read(fs, path, TestFiles.conf(), limits, new RecordingSink());
    }

    private void nextDocumentStillParses() throws IOException {
        nextDocumentStillParses(PARSERS);
    }

    private void nextDocumentStillParses(ParserProcesses parsers) throws IOException {
        Path path = TestFiles.write(dir, "after.html", "<html><body><p>still here</p></body></html>");
        RecordingSink sink = new RecordingSink();
        ReadResult result = Readers.forDocuments(parsers).read(fs, path, TestFiles.conf(),
                new ReadLimits(4096, 1_000_000, 60_000, 8), sink);
        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allText()).contains("still here");
    }

    @Test
    void aHangingParserIsKilledAtTheTimeout() throws IOException {
        long start = System.nanoTime();
        // A short deadline: the process is started and ready before its clock runs.
        ReadLimits limits = new ReadLimits(4096, 1_000_000, 1_000, 8);
        ReadResult result = read("piigate-test-hang.doc", "text " + PLANTED, limits);
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.status()).isEqualTo(ScanStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo(StatusReason.PARSER_TIMEOUT);
        assertThat(ms).isLessThan(limits.documentTimeoutMs() + 30_000);
        nextDocumentStillParses();
    }

    @Test
    void aParserThatExhaustsItsHeapCostsOnlyItsDocument() throws IOException {
        // A small heap fills in a second instead of the default's ten; the rule is the same.
        try (ParserProcesses small = new ParserProcesses(128)) {
            // Time enough to fill the heap on a busy machine: the process ends itself before that.
            ReadResult result = read(small, "piigate-test-oom.doc", "text " + PLANTED,
                    new ReadLimits(4096, 1_000_000, 120_000, 8));

            assertThat(result.status()).isEqualTo(ScanStatus.SKIPPED);
            assertThat(result.reason()).isEqualTo(StatusReason.PARSER_CRASH);
            assertThat(result.detail()).contains("exit status 3: out of memory");
            nextDocumentStillParses(small);
        }
    }

    @Test
    void aParserThatCallsSystemExitCostsOnlyItsDocument() throws IOException {
        ReadResult result = read("piigate-test-exit.doc", "text " + PLANTED);

        assertThat(result.status()).isEqualTo(ScanStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo(StatusReason.PARSER_CRASH);
        assertThat(result.detail()).contains("exit status 42");
        nextDocumentStillParses();
    }

    @Test
    void aParserExceptionThatQuotesTheDocumentIsReportedByClassOnly() throws IOException {
        ReadResult result = read("piigate-test-quote.doc", "text " + PLANTED);

        assertThat(result.status()).isEqualTo(ScanStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo(StatusReason.CORRUPT);
        assertThat(result.detail()).isEqualTo("parse failed: TikaException").doesNotContain(PLANTED);
    }
}
