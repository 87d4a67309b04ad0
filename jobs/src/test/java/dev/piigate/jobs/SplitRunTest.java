package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.piigate.jobs.scan.InputObject;
import dev.piigate.jobs.scan.SplitMerge;

/**
 * The job end to end on objects of a few MiB scanned whole and in 1 MiB splits
 * ({@code limits.splitBytes}): the same exit status, the same report.json (counts, verdict, the
 * objects' rows, worst files, sample) and the same findings/, row for row, records included. JSON
 * Lines; text with private key blocks; CSV with quoted line breaks, one whose splits all end
 * between rows (merged) and one with a quoted line break across a split's end (scanned again whole).
 */
@ResourceLock(SparkTestSession.LOCK)
class SplitRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    /** About 3.3 MiB: PII every few lines, CRLF and LF, blank lines, no final line break. */
    private static Path bigJsonLines() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 3_400_000; i++) {
            String line = switch (i % 7) {
                case 0 -> "{\"id\":" + i + ",\"email\":\"user" + i + "@mailbox.org\",\"note\":\"Zoë 日本\"}";
                case 1 -> "{\"id\":" + i + ",\"card\":\"4556 7375 8689 9855\"}";
                case 2 -> "";
                case 3 -> "{\"id\":" + i + ",\"text\":\"" + "lorem ipsum ".repeat(20) + "\"}";
                case 4 -> "{\"id\":" + i + ",\"masked\":\"***-**-4321\",\"ssn\":\"287-65-4321\"}";
                default -> "{\"id\":" + i + ",\"ok\":true}";
            };
            text.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        text.append("{\"last\":\"dana.whitfield@mailbox.org\"}");
        Path file = dir.resolve("big.jsonl");
        Files.writeString(file, text, UTF_8);
        return file;
    }

    private static final int MIB = 1 << 20;

    /** About 2.3 MiB of text: PII every few lines, CRLF and LF, blank lines, private key blocks away from the split ends. */
    private static Path bigText(Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 2_400_000; i++) {
            String line = switch (i % 6) {
                case 0 -> "note " + i + " mail user" + i + "@mailbox.org Zoë 日本";
                case 1 -> "card 4556 7375 8689 9855 paid";
                case 2 -> "";
                case 3 -> "lorem ipsum ".repeat(20);
                case 4 -> text.length() % MIB < MIB - 5000 && i % 600 == 4 ? "deploy key:\n" + KEY_BLOCK : "ok " + i;
                default -> "ssn 287-65-4321 masked ***-**-4321";
            };
            text.append(line).append(i % 4 == 0 ? "\r\n" : "\n");
        }
        text.append("last dana.whitfield@mailbox.org");
        Path file = dir.resolve("big.txt");
        Files.writeString(file, text, UTF_8);
        return file;
    }

    private static final String KEY_BLOCK = "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
            + "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm\n-----END RSA PRIVATE KEY-----";

    /**
     * About 2.3 MiB of CSV with quoted line breaks in every fifth row. With {@code across}, a row
     * whose quoted cell holds line breaks runs from before byte 1 MiB to after it (the first split
     * ends inside it: the object is scanned again whole); without, no such row comes within 5000
     * bytes of a split's end (the splits end between rows and merge).
     */
    static Path bigCsv(Path dir, String name, boolean across) throws IOException {
        StringBuilder csv = new StringBuilder("id,name,note,phone\r\n");
        for (int i = 0; csv.length() < 2_400_000; i++) {
            boolean nearEnd = csv.length() % MIB >= MIB - 5000;
            if (across && csv.length() >= MIB - 120 && csv.length() < MIB) {
                csv.append(i).append(",Across,\"").append("spans the split's end\n".repeat(12))
                        .append("mail across@mailbox.org\",+44 20 7946 0958\n");
                continue;
            }
            String row = switch (i % 5) {
                case 0 -> i + ",Jane,\"likes \"\"tea\"\", and commas\",+44 20 7946 0958";
                case 1 -> i + ",Bob,\"" + (nearEnd ? "one line" : "line one\nmail bob" + i + "@corp-mail.com\r\nline three")
                        + "\",";
                case 2 -> i + ",Eve,plain " + "lorem ipsum ".repeat(8) + ",555";
                case 3 -> i + ",Zoë 日本,\"ssn 287-65-4321\",";
                default -> i + ",Åsa,\"DE89 3704 0044 0532 0130 00\",";
            };
            csv.append(row).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv, UTF_8);
        return file;
    }

    @Test
    void splitTextAndCsvObjectsGiveTheReportAndFindingsOfTheUnsplitScan() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("lines"));
        List<InputObject> objects = new ArrayList<>();
        for (Path file : List.of(bigText(dir), bigCsv(dir, "rows.csv", false), bigCsv(dir, "across.csv", true))) {
            objects.add(new InputObject(file.toUri().toString(), Files.size(file), null));
        }
        for (int i = 0; i < objects.size(); i++) {
            assertThat(SplitMerge.anySplit(List.of(objects.get(i)), MIB, null)).as("object %d planned in splits", i)
                    .isTrue();
        }

        Unsplit whole = scanWholeAndSplit("lines", dir);

        assertThat(whole.report().get("files")).hasSize(3).allSatisfy(f -> {
            assertThat(f.get("status").asText()).isEqualTo("COMPLETE");
            assertThat(f.get("records").asLong()).isGreaterThan(10_000);
        });
        assertThat(whole.findings()).hasSize(3 * 1500);
        assertThat(whole.findings()).anyMatch(f -> f.contains("\"detector\":\"private_key_v1\""));
    }

    private static Path config(String name, String extra) throws IOException {
        // A fixed fingerprint key (PATH's value is the same for both runs) so findings compare whole.
        return Files.writeString(tmp.resolve(name), "fingerprint:\n  keyEnvironmentVariable: PATH\n"
                + "report:\n  maxFindingsPerFile: 1500\n" + extra, UTF_8);
    }

    /** The unsplit scan's report.json (as {@link #comparable}) and findings/ lines. */
    private record Unsplit(JsonNode report, List<String> findings) {}

    /**
     * Scans {@code input} unsplit and in 1 MiB splits: both BLOCK, with the same report.json and the
     * same findings/. Returns the unsplit scan's, for each test's own checks.
     */
    private static Unsplit scanWholeAndSplit(String name, Path input) throws IOException {
        Path whole = config(name + "-whole.yaml", "");
        Path split = config(name + "-split.yaml", "limits:\n  splitBytes: 1048576\n");
        int wholeStatus = run("--out", tmp.resolve(name + "-whole").toString(), "--config", whole.toString(),
                "--findings-format", "jsonl", input.toString());
        int splitStatus = run("--out", tmp.resolve(name + "-split").toString(), "--config", split.toString(),
                "--findings-format", "jsonl", input.toString());

        assertThat(splitStatus).isEqualTo(wholeStatus).isEqualTo(Main.BLOCK);
        JsonNode wholeReport = comparable(tmp.resolve(name + "-whole/report.json"));
        assertThat(comparable(tmp.resolve(name + "-split/report.json"))).isEqualTo(wholeReport);
        List<String> wholeFindings = findings(tmp.resolve(name + "-whole/findings"));
        assertThat(findings(tmp.resolve(name + "-split/findings"))).isEqualTo(wholeFindings);
        return new Unsplit(wholeReport, wholeFindings);
    }

    @Test
    void aSplitObjectGivesTheReportAndFindingsOfTheUnsplitScan() throws IOException {
        Path file = bigJsonLines();
        assertThat(SplitMerge.anySplit(List.of(new InputObject(file.toUri().toString(), Files.size(file), null)),
                1048576, null)).as("planned in splits").isTrue();

        Unsplit whole = scanWholeAndSplit("out", file.getParent());

        assertThat(whole.report().get("files")).hasSize(1);
        assertThat(whole.report().get("files").get(0).get("findingsNotWritten").asLong()).isPositive();
        assertThat(whole.findings()).hasSize(1500);
    }

    private static int run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return Main.run(argv, new PrintStream(out, true, UTF_8), new PrintStream(out, true, UTF_8));
    }

    /** report.json without what differs from run to run (id, times) and the configuration file's name. */
    private static JsonNode comparable(Path report) throws IOException {
        ObjectNode r = (ObjectNode) JSON.readTree(report.toFile());
        r.remove(List.of("runId", "startedAt", "finishedAt"));
        ((ObjectNode) r.get("configuration")).remove("source");
        return r;
    }

    /** findings/ as its JSON lines, sorted (part files and their order are Spark's). */
    private static List<String> findings(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                lines.addAll(Files.readAllLines(p, UTF_8));
            }
        }
        lines.sort(null);
        return lines;
    }

    /**
     * About 3 MiB of Parquet rows with PII in plain, list and map columns, in row groups of about
     * {@code rowGroupBytes}. The local file system's .crc sidecar is removed (the listing would
     * scan it as an object of its own).
     */
    private static Path bigParquet(Path dir, String name, long rowGroupBytes) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message people {\n"
                + "  required int64 id;\n"
                + "  optional binary email (STRING);\n"
                + "  optional binary note (STRING);\n"
                + "  optional group phones (LIST) { repeated group list { optional binary element (STRING); } }\n"
                + "  optional group attrs (MAP) { repeated group key_value {\n"
                + "    required binary key (STRING); optional binary value (STRING); } }\n"
                + "}");
        Path file = dir.resolve(name);
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withType(schema).withRowGroupSize(rowGroupBytes).build()) {
            for (int i = 0; i < 16_000; i++) {
                Group row = factory.newGroup().append("id", (long) i)
                        .append("note", "row " + i + " " + "lorem ipsum ".repeat(12 + i % 7));
                switch (i % 5) {
                    case 0 -> row.append("email", "user" + i + "@mailbox.org");
                    case 1 -> row.addGroup("phones").addGroup("list").append("element", "+44 20 7946 0958");
                    case 2 -> row.addGroup("attrs").addGroup("key_value").append("key", "card")
                            .append("value", "4556 7375 8689 9855");
                    case 3 -> row.append("email", "***@mailbox.org");
                    default -> row.addGroup("attrs").addGroup("key_value").append("key", "ssn")
                            .append("value", "287-65-4321");
                }
                writer.write(row);
            }
        }
        Files.deleteIfExists(dir.resolve("." + name + ".crc"));
        return file;
    }

    private static int rowGroups(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return reader.getRowGroups().size();
        }
    }

    /**
     * Parquet in 1 MiB splits: one object of many row groups read by row group (its rows numbered
     * as the object's), one of a single row group read whole by its first split.
     */
    @Test
    void splitParquetObjectsGiveTheReportAndFindingsOfTheUnsplitScan() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("parquet"));
        List<InputObject> objects = new ArrayList<>();
        Path groups = bigParquet(dir, "groups.parquet", 256 * 1024);
        Path one = bigParquet(dir, "one.parquet", 64L * 1024 * 1024);
        assertThat(rowGroups(groups)).isGreaterThan(8);
        assertThat(rowGroups(one)).isEqualTo(1);
        for (Path file : List.of(groups, one)) {
            assertThat(Files.size(file)).isGreaterThan(2L * 1048576);
            objects.add(new InputObject(file.toUri().toString(), Files.size(file), null));
        }
        assertThat(SplitMerge.anySplit(objects, 1048576, null)).as("planned in splits").isTrue();
        Unsplit whole = scanWholeAndSplit("parquet", dir);

        assertThat(whole.report().get("files")).hasSize(2).allSatisfy(f -> {
            assertThat(f.get("status").asText()).isEqualTo("COMPLETE");
            assertThat(f.get("records").asLong()).isEqualTo(16_000);
        });
        assertThat(whole.findings()).hasSize(2 * 1500);
    }
}
