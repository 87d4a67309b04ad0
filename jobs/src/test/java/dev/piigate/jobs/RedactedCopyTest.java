package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code --redact-to} end to end on local files: the copy of the blocked sample (and a file of
 * canary values) keeps every object's structure, holds none of the replaced values, and passes its
 * own scan; a copy missing an object that could not be redacted blocks; a manifest run approves
 * the copy's manifest beside the original only when the copy passes; a copy target that is not
 * new or lies inside the dataset is refused before anything is read.
 */
@ResourceLock(SparkTestSession.LOCK)
class RedactedCopyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Values that must not survive in any copy: fictional, valid for their detectors. */
    private static final List<String> CANARIES = List.of("4539 1488 0343 6467", "4539148803436467", "287-65-4321",
            "canary.person@mailbox.org", "DE89 3704 0044 0532 0130 00");
    private static SparkSession spark;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    private static Path dataset(String name, boolean withDocuments) throws IOException {
        Path data = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.list(Path.of("..", "samples", "blocked"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (withDocuments || !(n.endsWith(".pdf") || n.endsWith(".docx") || n.endsWith(".manifest"))) {
                    Files.copy(f, data.resolve(n));
                }
            }
        }
        Files.writeString(data.resolve("canary.jsonl"), String.join("\n",
                "{\"id\":1,\"card\":\"" + CANARIES.get(0) + "\",\"note\":\"plain text\"}",
                "{\"id\":2,\"nested\":{\"ssn\":\"" + CANARIES.get(2) + "\",\"n\":" + CANARIES.get(1) + "}}",
                "",
                "{\"id\":3,\"mail\":\"write to " + CANARIES.get(3) + " today\",\"iban\":\"" + CANARIES.get(4) + "\"}")
                + "\r\n", UTF_8);
        Files.writeString(data.resolve("canary.csv"), "id,card,note\r\n1," + CANARIES.get(0)
                + ",\"quoted, with " + CANARIES.get(3) + "\"\r\n2,none,ok\r\n", UTF_8);
        return data;
    }

    private static Path config(String yaml) throws IOException {
        Path file = Files.createTempFile(tmp, "config", ".yaml");
        Files.writeString(file, yaml, UTF_8);
        return file;
    }

    @Test
    void copyOfTheBlockedSampleKeepsItsStructureHoldsNoReplacedValueAndPasses() throws IOException {
        Path data = dataset("blocked", true);
        Path out = tmp.resolve("out");
        Path copy = tmp.resolve("copy");
        int exit = run("--out", out.toString(), "--redact-to", copy.toString(), "--config",
                config("redaction:\n  allowDropped: true\n").toString(), data.toString());
        assertThat(exit).as("the original blocks").isEqualTo(Main.BLOCK);

        JsonNode redaction = JSON.readTree(out.resolve("report.json").toFile()).get("redaction");
        assertThat(redaction.get("valuesReplaced").asLong()).isPositive();
        assertThat(redaction.get("objects").get("redacted").asLong()).isGreaterThanOrEqualTo(6);
        // The PDF and DOCX hold findings and cannot be rewritten: listed with their reason, left out.
        assertThat(redaction.get("notRedactedByReason").get("FORMAT").asLong()).isEqualTo(2);
        assertThat(Files.exists(copy.resolve("contract.docx"))).isFalse();

        JsonNode copyVerdict = JSON.readTree(out.resolve("redacted").resolve("verdict.json").toFile());
        assertThat(copyVerdict.get("decision").asText()).as("the copy's own scan").isEqualTo("PASS");
        // Each scan's summary.md beside its own report; the original's names the copy's outcome among its notes.
        assertThat(out.resolve("redacted").resolve("summary.md")).content(UTF_8).startsWith("# pii-gate: PASS\n");
        assertThat(out.resolve("summary.md")).content(UTF_8).startsWith("# pii-gate: BLOCK\n")
                .contains("- redacted copy: ");
        assertThat(out.resolve("redacted").resolve("report.html")).content(UTF_8)
                .contains("<header class=\"verdict pass\">");
        assertThat(out.resolve("report.html")).content(UTF_8).contains("<header class=\"verdict block\">")
                .contains("<li>redacted copy: ");
        assertThat(out.resolve("redacted.approved.manifest")).exists();
        // Nothing the run wrote beside the copy (reports, per-object rows, findings, manifests) holds a value.
        try (Stream<Path> written = Files.walk(out)) {
            for (Path f : (Iterable<Path>) written.filter(Files::isRegularFile)::iterator) {
                String text = f.toString().endsWith(".parquet") ? parquetStrings(f) : text(f);
                for (String canary : CANARIES) {
                    assertThat(text.contains(canary)).as("a canary value in output %s", out.relativize(f)).isFalse();
                }
            }
        }
        assertThat(lastOutput).doesNotContain(CANARIES.get(0), CANARIES.get(2), CANARIES.get(3));

        for (Path original : files(data)) {
            String name = original.getFileName().toString();
            Path copied = copy.resolve(name);
            if (name.endsWith(".pdf") || name.endsWith(".docx")) {
                continue;
            }
            assertThat(copied).as("copy of object %s", name).exists();
            String text = name.endsWith(".parquet") ? parquetStrings(copied) : text(copied);
            for (String canary : CANARIES) {
                assertThat(text.contains(canary)).as("a canary value survives in %s", name).isFalse();
            }
            if (name.endsWith(".jsonl")) {
                sameJsonStructure(text(original), text);
            } else if (name.endsWith(".csv")) {
                assertThat(text.split("\r?\n", -1)).as("rows of %s", name)
                        .hasSameSizeAs(text(original).split("\r?\n", -1));
            } else if (name.endsWith(".parquet")) {
                try (ParquetFileReader a = reader(original); ParquetFileReader b = reader(copied)) {
                    assertThat(b.getFooter().getFileMetaData().getSchema())
                            .isEqualTo(a.getFooter().getFileMetaData().getSchema());
                    assertThat(b.getRecordCount()).isEqualTo(a.getRecordCount());
                }
            } else {
                assertThat(text.split("\n", -1)).as("lines of %s", name).hasSameSizeAs(text(original).split("\n", -1));
            }
        }
    }

    @Test
    void aCopyMissingAnObjectBlocksAndAManifestRunApprovesOnlyAPassingCopy() throws IOException {
        Path data = dataset("listed", true);
        Path manifest = data.resolve("train.manifest");
        Files.writeString(manifest, "canary.jsonl\ncanary.csv\ncontract.docx\n", UTF_8);
        Path out = tmp.resolve("out-listed");
        int exit = run("--manifest", manifest.toString(), "--out", out.toString(), "--redact-to",
                tmp.resolve("copy-listed").toString());
        assertThat(exit).isEqualTo(Main.BLOCK);
        JsonNode copyVerdict = JSON.readTree(out.resolve("redacted").resolve("verdict.json").toFile());
        assertThat(copyVerdict.get("decision").asText()).as("the DOCX has no copy").isEqualTo("BLOCK");
        assertThat(data.resolve("train.redacted.manifest")).exists();
        assertThat(data.resolve("train.redacted.approved.manifest")).doesNotExist();

        Files.writeString(manifest, "canary.jsonl\ncanary.csv\n", UTF_8);
        Path out2 = tmp.resolve("out-listed-2");
        Path copy2 = tmp.resolve("copy-listed-2");
        exit = run("--manifest", manifest.toString(), "--out", out2.toString(), "--redact-to", copy2.toString());
        assertThat(exit).isEqualTo(Main.BLOCK);
        Path approved = data.resolve("train.redacted.approved.manifest");
        assertThat(approved).exists();
        assertThat(Files.readAllLines(approved, UTF_8)).containsExactly(
                copy2.resolve("canary.jsonl").toString(), copy2.resolve("canary.csv").toString());
        assertThat(data.resolve("train.manifest")).as("the original keeps its own verdict: none approved")
                .exists();
        assertThat(data.resolve("train.approved.manifest")).doesNotExist();
    }

    @Test
    void aCopyTargetThatIsNotNewOrLiesInsideTheDatasetIsRefusedBeforeAnythingIsRead() throws IOException {
        Path data = dataset("refused", false);
        Path used = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(used.resolve("old.jsonl"), "{}\n", UTF_8);
        assertThat(run("--out", tmp.resolve("out-r1").toString(), "--redact-to", used.toString(), data.toString()))
                .isEqualTo(Main.USAGE);
        assertThat(run("--out", tmp.resolve("out-r2").toString(), "--redact-to", data.resolve("copy").toString(),
                data.toString())).isEqualTo(Main.USAGE);
        assertThat(tmp.resolve("out-r1").resolve("report.json")).doesNotExist();
    }

    private static void sameJsonStructure(String original, String copy) throws IOException {
        String[] a = original.split("\r?\n", -1);
        String[] b = copy.split("\r?\n", -1);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(b[i]) || a[i].isBlank()) {
                continue;
            }
            assertThat(keys(JSON.readTree(b[i]), "$")).as("keys of line %d", i).isEqualTo(keys(JSON.readTree(a[i]), "$"));
        }
    }

    private static Set<String> keys(JsonNode node, String path) {
        Set<String> keys = new TreeSet<>();
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String k = it.next();
                keys.add(path + "." + k);
                keys.addAll(keys(node.get(k), path + "." + k));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                keys.addAll(keys(node.get(i), path + "[" + i + "]"));
            }
        }
        return keys;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }

    private static String text(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            InputStream bytes = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            return new String(bytes.readAllBytes(), UTF_8);
        }
    }

    private static ParquetFileReader reader(Path file) throws IOException {
        return ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()),
                new Configuration()));
    }

    /** Every value of every row, as text: the canary check reads them all. */
    private static String parquetStrings(Path file) throws IOException {
        StringBuilder all = new StringBuilder();
        spark.read().parquet(file.toString()).toJSON().collectAsList().forEach(l -> all.append(l).append('\n'));
        return all.toString();
    }

    private static String lastOutput = "";

    private static int run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(argv, new PrintStream(out, true, UTF_8), new PrintStream(out, true, UTF_8));
        lastOutput = out.toString(UTF_8);
        return status;
    }
}
