package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.scan.PathMasker;
import dev.piigate.jobs.testing.WrittenPaths;

/**
 * Names are data (issue 11): PII in an object's path or in a key counts like PII in its records,
 * blocks the dataset, and is never written in clear. Object names with an e-mail, an SSN, a card
 * number, in a folder scan and in a manifest scan; JSON keys, CSV header cells and Parquet map keys
 * that hold PII; an INPUT that does not exist and whose name holds PII. Then every output file,
 * stdout, stderr, the captured log and the Spark event log are searched for every planted value.
 */
@ResourceLock(SparkTestSession.LOCK)
class FailOpenPathsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // Planted values: synthetic, nobody's data.
    private static final String EMAIL = "jane.doe@posteo.de";
    private static final String SSN = "287-65-4321";
    private static final String BARE_SSN = "287654321";
    private static final String CARD = "4550112159504165";
    private static final String KEY_EMAIL = "dana.key@posteo.de";
    private static final String HEADER_EMAIL = "harry.header@posteo.de";
    private static final String VALUE_EMAIL = "val.inside@posteo.de";
    private static final String MARKER_EMAIL = "mark.crc@posteo.de";
    private static final String MISSING_EMAIL = "miss.ing@posteo.de";
    private static final String FOLDER_CARD = "4556737586899855";
    private static final List<String> PLANTED = List.of(EMAIL, SSN, BARE_SSN, CARD, KEY_EMAIL, HEADER_EMAIL,
            VALUE_EMAIL, MARKER_EMAIL, MISSING_EMAIL, FOLDER_CARD);

    private static final String EXPORT = "export_" + EMAIL + "_SSN_" + SSN + ".jsonl";

    @TempDir
    static Path tmp;
    private static final StringWriter log = new StringWriter();
    private static final Map<String, String> places = new LinkedHashMap<>();
    private static Path events;
    private static Run folder;
    private static Run manifest;
    private static Run missing;

    record Run(int status, String out, String err, Path outDir, JsonNode report) {
        /** The one object whose (masked) path passes {@code test}. */
        JsonNode object(Predicate<String> test) {
            List<JsonNode> found = new ArrayList<>();
            report.get("files").forEach(f -> {
                if (test.test(f.get("path").asText())) {
                    found.add(f);
                }
            });
            assertThat(found).as("objects matching in " + report.get("files")).hasSize(1);
            return found.get(0);
        }

        List<JsonNode> findings() throws IOException {
            List<JsonNode> rows = new ArrayList<>();
            try (Stream<Path> files = Files.list(outDir.resolve("findings"))) {
                for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                    for (String line : Files.readAllLines(p, UTF_8)) {
                        rows.add(JSON.readTree(line));
                    }
                }
            }
            return rows;
        }
    }

    @BeforeAll
    static void runAll() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve(EXPORT), "{\"text\":\"hello\"}\n{\"text\":\"mail " + VALUE_EMAIL + "\"}\n",
                UTF_8);
        Files.writeString(Files.createDirectories(data.resolve("customers/" + CARD)).resolve("profile.json"),
                "{\"plan\":\"basic\"}\n", UTF_8);
        Files.writeString(Files.createDirectories(data.resolve("ssn")).resolve(BARE_SSN + ".txt"), "nothing here\n",
                UTF_8);
        Files.write(data.resolve("copy-of-" + EMAIL + ".bin"), new byte[] {1, 2, 3});
        Files.writeString(data.resolve("clean.jsonl"), "{\"text\":\"hello\"}\n", UTF_8);
        Files.writeString(data.resolve("_started_" + MARKER_EMAIL), "", UTF_8); // a committer's marker: ignored
        // Keys: an SSN key, an e-mail key, a bare SSN that counts only because of its parent 'ssn', and
        // one whose parent key is too far from it for a keyword search over the path text.
        Files.writeString(data.resolve("keys.jsonl"), String.join("\n",
                "{\"" + SSN + "\": {\"note\": \"mail " + VALUE_EMAIL + "\"}}",
                "{\"" + KEY_EMAIL + "\": true}",
                "{\"ssn\": {\"" + BARE_SSN + "\": {\"contact\": \"" + VALUE_EMAIL + "\"}}}",
                "{\"ssn\": {\"a_very_long_key_name_here_and_more\": {\"" + BARE_SSN + "\": {\"contact\": \""
                        + VALUE_EMAIL + "\"}}}}",
                "{\"customer_" + CARD + "\": {\"contact\": \"" + VALUE_EMAIL + "\"}}") + "\n", UTF_8);
        Files.writeString(data.resolve("header.csv"), "id,\"" + HEADER_EMAIL + "\",ssn " + BARE_SSN + "\n"
                + "1," + VALUE_EMAIL + ",mail " + VALUE_EMAIL + "\n", UTF_8);
        writeParquetWithMapKey(data.resolve("attrs.parquet"));

        Path listed = Files.createDirectories(tmp.resolve("listed"));
        Files.writeString(Files.createDirectories(listed.resolve("cards_" + FOLDER_CARD)).resolve("part-0.jsonl"),
                "{\"text\":\"hello\"}\n", UTF_8);
        Files.writeString(listed.resolve(EXPORT), "{\"text\":\"hello\"}\n", UTF_8);
        Files.writeString(listed.resolve("clean.jsonl"), "{\"text\":\"hello\"}\n", UTF_8);
        Files.writeString(listed.resolve("train.manifest"), "cards_" + FOLDER_CARD + "/part-0.jsonl\n" + EXPORT
                + "\nclean.jsonl\n", UTF_8);

        events = Files.createDirectories(tmp.resolve("events"));
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, UTF_8));
        System.setErr(new PrintStream(stderr, true, UTF_8));
        SparkSession spark = null;
        LogCapture capture = null;
        try {
            spark = SparkSession.builder().master("local[2]").appName("pii-gate-paths-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.eventLog.enabled", "true")
                    .config("spark.eventLog.dir", events.toUri().toString())
                    .getOrCreate();
            capture = LogCapture.start("pii-gate-paths", log);
            folder = run("folder", "--findings-format", "jsonl", data.toString());
            manifest = run("manifest", "--findings-format", "jsonl", "--manifest",
                    listed.resolve("train.manifest").toString());
            missing = run("missing", data.resolve("missing_" + MISSING_EMAIL + ".jsonl").toString());
        } finally {
            if (capture != null) {
                capture.close();
            }
            if (spark != null) {
                spark.stop(); // flushes the event log
            }
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        places.put("System.out", stdout.toString(UTF_8));
        places.put("System.err", stderr.toString(UTF_8));
        places.put("log4j events", log.toString());
        places.put("Spark event log", Leaks.readTree(events));

    }

    private static void writeParquetWithMapKey(Path file) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m {\n"
                + "  optional group attrs (MAP) { repeated group key_value {\n"
                + "    required binary key (STRING); optional binary value (STRING); } }\n"
                + "}");
        Group row = new SimpleGroupFactory(schema).newGroup();
        row.addGroup("attrs").addGroup("key_value").append("key", CARD).append("value", "mail " + VALUE_EMAIL);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
                new org.apache.hadoop.fs.Path(file.toUri())).withType(schema).build()) {
            writer.write(row);
        }
    }

    private static Run run(String name, String... args) throws IOException {
        Path outDir = tmp.resolve("out-" + name);
        List<String> argv = new ArrayList<>(List.of("--out", outDir.toString()));
        argv.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv.toArray(String[]::new), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        Path report = outDir.resolve("report.json");
        Run run = new Run(status, out.toString(UTF_8), err.toString(UTF_8), outDir,
                Files.exists(report) ? JSON.readTree(report.toFile()) : null);
        places.put("run " + name + " stdout", run.out());
        places.put("run " + name + " stderr", run.err());
        places.put("run " + name + " --out", Files.exists(outDir) ? Leaks.readTree(outDir) : "");
        return run;
    }


    private static long unmasked(JsonNode object, String type) {
        JsonNode t = object.get("types").get(type);
        return t == null ? 0 : t.get("unmasked").asLong();
    }

    @Test
    void aFileNameWithAnEmailAndAnSsnBlocksAndCountsBesideItsRecords() throws IOException {
        assertThat(folder.status()).as(folder.err()).isEqualTo(Main.BLOCK);
        JsonNode export = folder.object(p -> p.contains("/data/") && p.contains("_SSN_"));

        assertThat(export.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(unmasked(export, "EMAIL_ADDRESS")).isEqualTo(2); // the name's and line 1's
        assertThat(unmasked(export, "USA_SOCIAL_SECURITY_NUMBER")).isEqualTo(1);
        // Two lines and the name: the name is a record (-1) of its own, line numbers stay as they are.
        assertThat(export.get("records").asLong()).isEqualTo(3);
        assertThat(export.get("recordsUnmasked").asLong()).isEqualTo(2);
        assertThat(export.get("path").asText()).contains("_SSN_***-**-4321.jsonl" + PathMasker.FINGERPRINT_MARK);

        List<JsonNode> rows = folder.findings().stream()
                .filter(r -> r.get("file").asText().equals(export.get("path").asText())).toList();
        assertThat(rows).extracting(r -> r.get("record").asLong() + " " + r.get("field").asText() + " "
                + r.get("type").asText()).containsExactlyInAnyOrder(
                        "-1 $path EMAIL_ADDRESS", "-1 $path USA_SOCIAL_SECURITY_NUMBER", "1 $.text EMAIL_ADDRESS");
        assertThat(folder.report().get("worstFiles").toString()).contains(export.get("path").asText());
    }

    @Test
    void piiInAFolderNameOrUnderAKeywordFolderBlocksEvenWhenTheObjectCannotBeRead() {
        JsonNode profile = folder.object(p -> p.endsWith("/profile.json") || p.contains("/profile.json "));
        assertThat(profile.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(unmasked(profile, "CREDIT_CARD_NUMBER")).isEqualTo(1);
        assertThat(profile.get("recordsUnmasked").asLong()).isEqualTo(1);

        JsonNode ssn = folder.object(p -> p.contains("/data/ssn/"));
        assertThat(unmasked(ssn, "USA_SOCIAL_SECURITY_NUMBER")).isEqualTo(1);

        JsonNode bin = folder.object(p -> p.contains(".bin"));
        assertThat(bin.get("status").asText() + "/" + bin.get("reason").asText())
                .isEqualTo("SKIPPED/UNSUPPORTED_FORMAT");
        assertThat(unmasked(bin, "EMAIL_ADDRESS")).isEqualTo(1);

        JsonNode clean = folder.object(p -> p.endsWith("/data/clean.jsonl"));
        assertThat(clean.get("recordsUnmasked").asLong()).isZero();
        assertThat(clean.get("records").asLong()).isEqualTo(1);
        assertThat(folder.report().get("ignoredFiles")).hasSize(1);
        assertThat(folder.report().get("ignoredFiles").get(0).asText()).contains("/data/_", "@****eo.de");
    }

    @Test
    void keysThatHoldPiiAreCountedAndMaskedInEveryFieldWritten() throws IOException {
        JsonNode keys = folder.object(p -> p.endsWith("/data/keys.jsonl"));
        assertThat(keys.get("records").asLong()).isEqualTo(5);
        assertThat(keys.get("recordsUnmasked").asLong()).isEqualTo(5);
        assertThat(unmasked(keys, "USA_SOCIAL_SECURITY_NUMBER")).isEqualTo(3); // the three SSN keys
        assertThat(unmasked(keys, "CREDIT_CARD_NUMBER")).isEqualTo(1); // glued to a word with '_'
        assertThat(unmasked(keys, "EMAIL_ADDRESS")).isEqualTo(5); // one key, four values

        List<String> fields = folder.findings().stream()
                .filter(r -> WrittenPaths.names(r.get("file").asText(), "data/keys.jsonl"))
                .map(r -> r.get("record").asLong() + " " + r.get("field").asText()).toList();
        assertThat(fields).contains("0 $['***-**-4321'].note", "2 $.ssn['*****4321'].contact",
                "3 $.ssn.a_very_long_key_name_here_and_more['*****4321'].contact",
                "4 $.customer_************4165.contact");

        JsonNode csv = folder.object(p -> p.endsWith("/data/header.csv"));
        assertThat(unmasked(csv, "USA_SOCIAL_SECURITY_NUMBER")).isEqualTo(1);
        assertThat(unmasked(csv, "EMAIL_ADDRESS")).isEqualTo(3);
        assertThat(folder.findings().stream().filter(r -> WrittenPaths.names(r.get("file").asText(), "data/header.csv"))
                .map(r -> r.get("field").asText())).contains("ssn *****4321").noneMatch(f -> f.contains("harry"));

        JsonNode parquet = folder.object(p -> p.endsWith("/data/attrs.parquet"));
        assertThat(unmasked(parquet, "CREDIT_CARD_NUMBER")).isEqualTo(1);
        assertThat(folder.findings().stream().filter(r -> WrittenPaths.names(r.get("file").asText(), "data/attrs.parquet"))
                .map(r -> r.get("field").asText())).contains("attrs['************4165']");
    }

    @Test
    void aManifestWhoseEntriesHoldPiiBlocksAndIsNotApproved() throws IOException {
        assertThat(manifest.status()).as(manifest.err()).isEqualTo(Main.BLOCK);
        assertThat(unmasked(manifest.object(p -> p.contains("/listed/cards_")), "CREDIT_CARD_NUMBER")).isEqualTo(1);
        JsonNode export = manifest.object(p -> p.contains("/listed/") && p.contains("_SSN_"));
        assertThat(unmasked(export, "EMAIL_ADDRESS")).isEqualTo(1);
        assertThat(unmasked(export, "USA_SOCIAL_SECURITY_NUMBER")).isEqualTo(1);
        assertThat(manifest.object(p -> p.endsWith("/listed/clean.jsonl")).get("recordsUnmasked").asLong()).isZero();
        assertThat(tmp.resolve("listed/train.approved.manifest")).doesNotExist();
    }

    @Test
    void aMissingInputIsNamedMasked() {
        assertThat(missing.status()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("INPUT does not exist: ", "/data/", "@****eo.de.jsonl");
    }

    @Test
    void noPlantedValueIsWrittenAnywhere() {
        // The places are really there (booleans: a failure must not print whole logs).
        assertThat(places.get("run folder --out").contains("$path")).as("findings of paths written").isTrue();
        assertThat(places.get("Spark event log").contains("\"spark.jobGroup.id\":\"pii-gate ")).as("event log")
                .isTrue();
        assertThat(places.get("log4j events").contains("pii-gate run")).as("captured log").isTrue();

        assertThat(Leaks.find(places, PLANTED, "[\\s\\-().+/_]")).isEmpty();
    }
}
