package dev.piigate.jobs.scan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.jobs.read.Format;

/**
 * A {@code .manifest} file is read in the record format of its kind, as --manifest reads the
 * manifest itself; one that is no valid manifest is read as text.
 */
class ManifestRecordsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        plain list                        | a.jsonl\\nb.txt\\n                                           | TEXT
        SageMaker ManifestFile            | [{"prefix":"s3://b/d/"},"a.jsonl"]                            | TEXT
        augmented manifest                | {"source-ref":"s3://b/d/a.jpg","label":"cat"}\\n              | JSONL
        augmented after a BOM and blanks  | \\uFEFF \\n\\t{"source-ref":"s3://b/d/a.jpg"}\\n                | JSONL
        braces, not JSON                  | {not json, ssn 287-65-4321}\\n                                | TEXT
        JSON without a -ref               | {"text":"ssn 287-65-4321"}\\n                                 | TEXT
        augmented, then a broken line     | {"source-ref":"s3://b/d/a.jpg"}\\nssn 287-65-4321\\n          | TEXT
        a ManifestFile that does not parse| [ssn 287-65-4321                                              | TEXT
        prose                             | ssn 287-65-4321\\n                                            | TEXT
        """)
    void theKindDecidesTheFormat(String name, String content, Format expected) throws IOException {
        Path file = dir.resolve("train.manifest");
        Files.writeString(file, content.replace("\\n", "\n").replace("\\t", "\t").replace("\\uFEFF", "\uFEFF"), UTF_8);
        assertThat(format(file)).isEqualTo(expected);
    }

    @Test
    void aBigObjectStartingWithABraceIsReadAsJsonLinesUnchecked() throws IOException {
        Path file = dir.resolve("big.manifest");
        byte[] line = "{\"text\":\"no ref here\"}\n".getBytes(UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written <= ManifestRecords.MAX_CHECKED_BYTES; written += line.length) {
                out.write(line);
            }
        }
        assertThat(format(file)).isEqualTo(Format.JSONL); // a line that is no JSON would then block as CORRUPT
    }

    @ParameterizedTest
    @CsvSource({"s3a://b/d/train.manifest, true", "s3a://b/d/train.approved.manifest, true",
        "file:/d/TRAIN.MANIFEST, true", "file:/d/.manifest, true", "file:/d/train.manifest.gz, false",
        "file:/d/train.manifests, false", "file:/d.manifest/a.jsonl, false", "file:/d/manifest, false"})
    void aManifestIsToldByItsName(String file, boolean manifest) {
        assertThat(ManifestRecords.isManifestName(file)).isEqualTo(manifest);
    }

    private static Format format(Path file) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
        FileSystem fs = path.getFileSystem(new Configuration());
        return ManifestRecords.formatOf(fs, path, path.toString(), fs.getFileStatus(path).getLen());
    }
}
