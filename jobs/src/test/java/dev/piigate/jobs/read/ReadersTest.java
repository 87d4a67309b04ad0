package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.piigate.jobs.read.RecordingSink.Value;

class ReadersTest {
    /** Parses the one document of {@link #eachFormatIsReadByItsOwnReader}; ended after the last test. */
    private static final ParserProcesses PARSERS = new ParserProcesses();

    @AfterAll
    static void endParserProcesses() {
        PARSERS.close();
    }

    @TempDir
    java.nio.file.Path dir;

    @ParameterizedTest
    @CsvSource({
        "chat.jsonl, JSONL", "chat.json, JSONL", "CHAT.NDJSON, JSONL", "s3a://b/p/chat.jsonl.gz, JSONL",
        "table.csv, CSV", "table.tsv.bz2, CSV", "part-0001.parquet, PARQUET",
        "a.txt, TEXT", "README.md, TEXT", "app.log.gz, TEXT", "a.text, TEXT", "a.log.zst, TEXT",
        "r.pdf, DOCUMENT", "r.docx, DOCUMENT", "r.doc, DOCUMENT", "r.xlsx, DOCUMENT", "r.xls, DOCUMENT",
        "r.pptx, DOCUMENT", "r.html, DOCUMENT", "r.htm, DOCUMENT", "r.rtf, DOCUMENT", "r.odt, DOCUMENT",
        "r.pdf.deflate, DOCUMENT"
    })
    void detectsByExtensionIgnoringCompression(String name, Format expected) {
        assertThat(Readers.detect(name)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image.png", "archive.zip", "noextension", ".gz", "data.gz", "data.csv.7z", ".hidden"})
    void unknownExtensionsAreEmpty(String name) {
        assertThat(Readers.detect(name)).isEqualTo(Optional.empty());
    }

    /**
     * Two people, "Jane Roe" and "John Doe", written in each format and read through
     * {@link Readers#read}: what arrives is what that format's reader delivers (one record per line,
     * row or document; a JSON path, a column under its header, a line, a document's text), so a
     * format handed to another format's reader fails here. Shown as {@code record field=value},
     * values stripped of the blank lines a document's markup leaves.
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void eachFormatIsReadByItsOwnReader(Format format) throws IOException {
        Path path = switch (format) {
            case JSONL -> TestFiles.write(dir, "two.jsonl", "{\"name\":\"Jane Roe\"}\n{\"name\":\"John Doe\"}\n");
            case CSV -> TestFiles.write(dir, "two.csv", "name\nJane Roe\nJohn Doe\n");
            case PARQUET -> parquet("two.parquet", "Jane Roe", "John Doe");
            case TEXT -> TestFiles.write(dir, "two.txt", "Jane Roe\nJohn Doe\n");
            case DOCUMENT -> TestFiles.write(dir, "two.html", "<html><body><p>Jane Roe</p><p>John Doe</p></body></html>");
        };
        List<String> expected = switch (format) {
            case JSONL -> List.of("0 $=name", "0 $.name=Jane Roe", "1 $=name", "1 $.name=John Doe");
            case CSV -> List.of("0 $header=name", "0 name=Jane Roe", "1 name=John Doe");
            case PARQUET -> List.of("0 name=Jane Roe", "1 name=John Doe");
            case TEXT -> List.of("0 content=Jane Roe", "1 content=John Doe");
            case DOCUMENT -> List.of("0 content=Jane Roe\nJohn Doe");
        };
        RecordingSink sink = new RecordingSink();

        ReadResult result = Readers.read(format, PARSERS, TestFiles.localFs(), path, TestFiles.conf(), TestFiles.SMALL,
                sink, -1);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        List<String> delivered = new ArrayList<>();
        for (RecordingSink.Record r : sink.records()) {
            for (Value v : r.values()) {
                delivered.add(r.index() + " " + v.field() + "=" + v.value().strip());
            }
        }
        assertThat(delivered).containsExactlyElementsOf(expected);
    }

    @Test
    void aDocumentReaderNeedsParserProcesses() {
        assertThatThrownBy(() -> Readers.forFormat(Format.DOCUMENT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forDocuments");
    }

    @ParameterizedTest
    @CsvSource({"a.tsv, true", "a.TSV.gz, true", "a.csv, false", "a.csv.gz, false"})
    void tabSeparatedByName(String name, boolean tab) {
        assertThat(Readers.isTabSeparated(name)).isEqualTo(tab);
    }

    private Path parquet(String name, String... names) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message people { required binary name (STRING); }");
        Path path = new Path(dir.resolve(name).toUri());
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(path).withType(schema)
                .withConf(TestFiles.conf()).build()) {
            for (String n : names) {
                writer.write(new SimpleGroupFactory(schema).newGroup().append("name", n));
            }
        }
        return path;
    }
}
