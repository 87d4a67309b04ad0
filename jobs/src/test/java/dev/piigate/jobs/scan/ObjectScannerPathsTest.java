package dev.piigate.jobs.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.read.ParserProcesses;

/**
 * The path below the dataset root is a record of its object (-1, field {@code $path}): counted
 * before the content is read, a record only when it holds a finding, and a path the detectors
 * cannot finish fails the object closed with nothing of the path in clear.
 */
@ResourceLock(SparkTestSession.LOCK)
class ObjectScannerPathsTest {
    /** No document is read here; the scanner needs one all the same. */
    private static final ParserProcesses PARSERS = new ParserProcesses();

    @AfterAll
    static void endParserProcesses() {
        PARSERS.close();
    }

    @TempDir
    Path dir;

    private static ObjectScanner scanner(Config config) {
        return TestScanners.scanner(config, PARSERS);
    }

    private ScannedObject scan(ObjectScanner scanner, String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        String uri = file.toUri().toString();
        return scanner.scan(uri, uri.length() - relative.length(), -1, null, null);
    }

    @Test
    void aPathWithPiiIsRecordMinusOneAndCountsAsARecord() throws IOException {
        ScannedObject rows = scan(scanner(ConfigLoader.defaults()), "ssn/287654321/notes.txt", "hello\nworld\n");
        ObjectResult object = rows.result();

        assertThat(rows.findings()).hasSize(1);
        assertThat(rows.findings().get(0).record()).isEqualTo(-1L);
        assertThat(rows.findings().get(0).field()).isEqualTo("$path");
        assertThat(rows.findings().get(0).start()).isEqualTo(4);
        assertThat(rows.findings().get(0).preview()).isEqualTo("*****4321");
        assertThat(object.records()).isEqualTo(3L);
        assertThat(object.recordsUnmasked()).isEqualTo(1L);
        assertThat(object.safeFile()).contains("/ssn/*****4321/notes.txt" + PathMasker.FINGERPRINT_MARK)
                .doesNotContain("287654321");
        assertThat(object.file()).endsWith("/ssn/287654321/notes.txt");
        assertThat(rows.findings().get(0).safeFile()).isEqualTo(object.safeFile());
        // The real path stays inside the job: not in what a log line or a message would print.
        assertThat(object.toString()).contains("*****4321").doesNotContain("287654321");
        assertThat(rows.findings().get(0).toString()).contains("*****4321").doesNotContain("287654321");
        assertThat(rows.toString()).doesNotContain("287654321");
    }

    @Test
    void aCleanPathChangesNoCount() throws IOException {
        ScannedObject rows = scan(scanner(ConfigLoader.defaults()), "2024/01/part-00000.txt", "hello\nworld\n");
        ObjectResult object = rows.result();

        assertThat(rows.findings()).isEmpty();
        assertThat(object.records()).isEqualTo(2L);
        assertThat(object.safeFile()).isEqualTo(object.file());
    }

    @Test
    void aPathTheDetectorsCannotFinishFailsTheObjectClosed() throws IOException {
        Config config = ConfigLoader.parse("detectors:\n  customIdentifiers:\n"
                + "    - name: runaway\n      regex: \"(a+a+)+b\"\n", "test");
        String name = "a".repeat(200) + "-jane.doe@posteo.de.txt";

        ScannedObject rows = scan(scanner(config), name, "hello\n");
        ObjectResult object = rows.result();

        assertThat(object.status().key()).isEqualTo("SKIPPED/DETECTOR_LIMIT");
        assertThat(object.detail()).startsWith("path: ");
        assertThat(object.safeFile()).doesNotContain("jane", "aaaa")
                .contains(PathMasker.FINGERPRINT_MARK);
    }
}
