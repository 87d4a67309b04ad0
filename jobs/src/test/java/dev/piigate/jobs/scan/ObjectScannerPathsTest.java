package dev.piigate.jobs.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.read.ParserProcesses;

/**
 * The path below the dataset root is a record of its object (-1, field {@code $path}): counted
 * before the content is read, a record only when it holds a finding, and a path the detectors
 * cannot finish fails the object closed with nothing of the path in clear.
 */
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
        return new ObjectScanner(config, new TextScanner(DetectorRegistry.load().create(config.detectors()),
                config.detectors().allowList()), new Fingerprinter(new byte[32]), new Configuration(), PARSERS);
    }

    private static Object get(Row row, String column) {
        return row.get(ScanRows.SCHEMA.fieldIndex(column));
    }

    private List<Row> scan(ObjectScanner scanner, String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        String uri = file.toUri().toString();
        return scanner.scan(uri, uri.length() - relative.length(), -1, null, null);
    }

    @Test
    void aPathWithPiiIsRecordMinusOneAndCountsAsARecord() throws IOException {
        List<Row> rows = scan(scanner(ConfigLoader.defaults()), "ssn/287654321/notes.txt", "hello\nworld\n");
        Row object = rows.get(rows.size() - 1);

        assertThat(rows).hasSize(2);
        assertThat(get(rows.get(0), "record")).isEqualTo(-1L);
        assertThat(get(rows.get(0), "field")).isEqualTo("$path");
        assertThat(get(rows.get(0), "start")).isEqualTo(4);
        assertThat(get(rows.get(0), "preview")).isEqualTo("*****4321");
        assertThat(get(object, "records")).isEqualTo(3L);
        assertThat(get(object, "recordsUnmasked")).isEqualTo(1L);
        assertThat((String) get(object, "safeFile")).contains("/ssn/*****4321/notes.txt" + PathMasker.FINGERPRINT_MARK)
                .doesNotContain("287654321");
        assertThat((String) get(object, "file")).endsWith("/ssn/287654321/notes.txt");
        assertThat(get(rows.get(0), "safeFile")).isEqualTo(get(object, "safeFile"));
    }

    @Test
    void aCleanPathChangesNoCount() throws IOException {
        List<Row> rows = scan(scanner(ConfigLoader.defaults()), "2024/01/part-00000.txt", "hello\nworld\n");
        Row object = rows.get(rows.size() - 1);

        assertThat(rows).hasSize(1);
        assertThat(get(object, "records")).isEqualTo(2L);
        assertThat(get(object, "safeFile")).isEqualTo(get(object, "file"));
    }

    @Test
    void aPathTheDetectorsCannotFinishFailsTheObjectClosed() throws IOException {
        Config config = ConfigLoader.parse("detectors:\n  customIdentifiers:\n"
                + "    - name: runaway\n      regex: \"(a+a+)+b\"\n", "test");
        String name = "a".repeat(200) + "-jane.doe@posteo.de.txt";

        List<Row> rows = scan(scanner(config), name, "hello\n");
        Row object = rows.get(rows.size() - 1);

        assertThat(get(object, "status") + "/" + get(object, "reason")).isEqualTo("SKIPPED/DETECTOR_LIMIT");
        assertThat((String) get(object, "detail")).startsWith("path: ");
        assertThat((String) get(object, "safeFile")).doesNotContain("jane", "aaaa")
                .contains(PathMasker.FINGERPRINT_MARK);
    }
}
