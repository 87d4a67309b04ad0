package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadersTest {
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

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyFormatHasAReader(Format format) {
        assertThat(Readers.forFormat(format)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({"a.tsv, true", "a.TSV.gz, true", "a.csv, false", "a.csv.gz, false"})
    void tabSeparatedByName(String name, boolean tab) {
        assertThat(Readers.isTabSeparated(name)).isEqualTo(tab);
    }
}
