package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.hadoop.conf.Configuration;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
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

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;

/**
 * Issue 11, numbers: SSNs and card numbers written as numbers in the forms real tools write them
 * (pandas' {@code 287654321.0} for an integer column with a gap, exponent forms, Parquet DOUBLE and
 * DECIMAL columns) must be found and block the dataset, and none of their digits may reach any
 * output, stdout/stderr or log. One real scan per file ({@link Main#run}), one Spark session; a
 * clean file of the same shapes (amounts, scores, dates, timestamps) must still pass.
 */
@ResourceLock(SparkTestSession.LOCK)
class FailOpenNumbersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SSN = "USA_SOCIAL_SECURITY_NUMBER";
    private static final String CARD = "CREDIT_CARD_NUMBER";

    @TempDir
    static Path tmp;
    private static final Random RANDOM = new Random(20261203L);
    /** Every planted SSN and card, as digits. */
    private static final List<String> planted = new ArrayList<>();
    private static final Map<String, Run> runs = new LinkedHashMap<>();
    private static final StringWriter log = new StringWriter();
    private static final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private static final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    record Run(int status, String out, String err, Path outDir, JsonNode report) {
        JsonNode file() {
            assertThat(report.get("files").size()).isEqualTo(1);
            return report.get("files").get(0);
        }

        long unmasked(String type) {
            JsonNode t = file().get("types").get(type);
            return t == null ? 0 : t.get("unmasked").asLong();
        }
    }

    @BeforeAll
    static void scanEveryFile() throws IOException {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("pandas.jsonl", pandasJsonLines());
        inputs.put("pandas.csv", pandasCsv());
        inputs.put("doubles.parquet", doublesParquet());
        inputs.put("decimals.parquet", decimalsParquet());
        cleanJsonLines();
        cleanParquet();
        inputs.put("clean", dir("clean")); // both files in one run: it must PASS

        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(stdout, true, UTF_8));
        System.setErr(new PrintStream(stderr, true, UTF_8));
        SparkSession spark = null;
        LogCapture capture = null;
        try {
            spark = SparkTestSession.start();
            capture = LogCapture.start("pii-gate-numbers", log);
            for (Map.Entry<String, Path> input : inputs.entrySet()) {
                runs.put(input.getKey(), scan(input.getKey(), input.getValue()));
            }
        } finally {
            if (capture != null) {
                capture.close();
            }
            SparkTestSession.stop(spark);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @AfterAll
    static void printOutcomes() {
        runs.forEach((name, run) -> System.out.printf("fail-open numbers: %-18s exit %d %s%n", name,
                run.status(), run.report().get("types")));
    }

    // ------------------------------------------------------------------ inputs

    /** Nine digits in the SSA's ranges (area 100-599, group and serial not zero), unique in this test. */
    private static String ssn() {
        String s = String.format("%03d%02d%04d", 100 + RANDOM.nextInt(500), 10 + RANDOM.nextInt(89),
                1000 + RANDOM.nextInt(8999));
        planted.add(s);
        return s;
    }

    /** Sixteen digits, Visa, Luhn; below 2^53, so a double holds it exactly. */
    private static String card() {
        String c = Canaries.card(RANDOM).replace(" ", "");
        planted.add(c);
        return c;
    }

    /** {@code 4.556737586899855E15}, as Double.toString and Excel write it. */
    private static String exponent(String digits, String e) {
        return digits.charAt(0) + "." + digits.substring(1) + e + (digits.length() - 1);
    }

    private static Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve("data").resolve(name));
    }

    /** 5 SSNs and 4 cards: pandas' floats, exponents, NaN as Python writes it, a float as a key, a float in a string. */
    private static Path pandasJsonLines() throws IOException {
        String keyCard = card();
        String lines = "{\"id\": 0, \"ssn\": " + ssn() + ".0, \"card_number\": " + card() + ".0, \"score\": 0.5}\n"
                + "{\"id\": 1, \"ssn\": null, \"card_number\": " + exponent(card(), "E") + "}\n"
                + "{\"id\": 2, \"ssn\": " + exponent(ssn(), "e+") + ", \"card_number\": " + card() + "e0}\n"
                + "{\"id\": 3, \"ssn\": " + ssn() + ".0, \"loss\": NaN}\n"
                + "{\"id\": 4, \"by_card\": {\"" + keyCard + ".0\": {\"ssn\": " + ssn() + ".00}}}\n"
                + "{\"id\": 5, \"ssn\": \"" + ssn() + ".0\"}\n";
        Path file = dir("pandas-jsonl").resolve("pandas.jsonl");
        Files.writeString(file, lines, UTF_8);
        return file;
    }

    /** 3 SSNs and 2 cards, as pandas.to_csv and a spreadsheet write a float column. */
    private static Path pandasCsv() throws IOException {
        String csv = "ssn,card_number,amount\n"
                + ssn() + ".0," + card() + ".0,12.50\n"
                + exponent(ssn(), "E+") + "," + exponent(card(), "E+") + ",3\n"
                + " " + ssn() + ".0 ,,\n";
        Path file = dir("pandas-csv").resolve("pandas.csv");
        Files.writeString(file, csv, UTF_8);
        return file;
    }

    private static Path writeParquet(Path file, MessageType schema, List<Group> rows) throws IOException {
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withType(schema).withConf(new Configuration()).build()) {
            for (Group row : rows) {
                writer.write(row);
            }
        }
        return file;
    }

    /** 3 SSNs and 3 cards in DOUBLE columns, as pandas writes an integer column with a gap. */
    private static Path doublesParquet() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message t { optional double ssn; optional double card_number; optional float score; }");
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        List<Group> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(f.newGroup().append("ssn", Double.parseDouble(ssn())).append("card_number",
                    Double.parseDouble(card())).append("score", 0.25f * i));
        }
        rows.add(f.newGroup().append("score", 1.5f)); // the gap that made pandas write floats
        return writeParquet(dir("doubles-parquet").resolve("doubles.parquet"), schema, rows);
    }

    /** 2 SSNs and 6 cards in DECIMAL columns with a scale, on INT64, FIXED_LEN_BYTE_ARRAY and BINARY. */
    private static Path decimalsParquet() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message t {\n"
                + "  optional int64 ssn (DECIMAL(11,2));\n"
                + "  optional int64 card_number (DECIMAL(18,2));\n"
                + "  optional fixed_len_byte_array(9) card_fixed (DECIMAL(20,2));\n"
                + "  optional binary card_binary (DECIMAL(30,4));\n"
                + "}");
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        List<Group> rows = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            BigInteger fixedCard = new BigInteger(card()).multiply(BigInteger.valueOf(100));
            byte[] fixed = new byte[9];
            byte[] minimal = fixedCard.toByteArray();
            System.arraycopy(minimal, 0, fixed, 9 - minimal.length, minimal.length);
            rows.add(f.newGroup()
                    .append("ssn", Long.parseLong(ssn()) * 100)
                    .append("card_number", Long.parseLong(card()) * 100)
                    .append("card_fixed", Binary.fromConstantByteArray(fixed))
                    .append("card_binary", Binary.fromConstantByteArray(
                            new BigInteger(card()).multiply(BigInteger.valueOf(10_000)).toByteArray())));
        }
        return writeParquet(dir("decimals-parquet").resolve("decimals.parquet"), schema, rows);
    }

    /** The same shapes without PII, scanned together with clean.parquet: amounts, scores, epoch seconds, tiny and huge floats. */
    private static Path cleanJsonLines() throws IOException {
        String lines = "{\"amount\": 1234.5, \"qty\": 3.0, \"ratio\": 1.0E-5, \"ts\": 1700000000.0, \"big\": 1.0E19,"
                + " \"loss\": NaN, \"price\": \"12.50\", \"ok\": true, \"none\": null}\n"
                + "{\"amount\": -0.25, \"qty\": 12.0, \"ratio\": 0.333333333333, \"ts\": 1.7000000001E9}\n";
        Path file = dir("clean").resolve("clean.jsonl");
        Files.writeString(file, lines, UTF_8);
        return file;
    }

    private static Path cleanParquet() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message t {\n"
                + "  required double amount; required float score; required int64 total (DECIMAL(18,2));\n"
                + "  required int32 day (DATE); required int64 at (TIMESTAMP(MICROS,true)); required int96 legacy;\n"
                + "  required boolean active;\n"
                + "}");
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        List<Group> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(f.newGroup().append("amount", 19.99 * i).append("score", i / 3f).append("total", 123_456L * i)
                    .append("day", 19_000 + i).append("at", 1_700_000_000_000_000L + 86_400_000_000L * i)
                    .append("legacy", new NanoTime(2_460_000 + i, 3_600_000_000_000L * (i % 24)))
                    .append("active", i % 2 == 0));
        }
        return writeParquet(dir("clean").resolve("clean.parquet"), schema, rows);
    }

    // ------------------------------------------------------------------ running

    private static Run scan(String name, Path input) throws IOException {
        Path outDir = tmp.resolve("out-" + name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--out", outDir.toString(), "--findings-format", "jsonl", input.toString()},
                new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        Path report = outDir.resolve("report.json");
        if (!Files.exists(report)) {
            throw new AssertionError(name + ": no report; exit " + status + ": " + err.toString(UTF_8));
        }
        return new Run(status, out.toString(UTF_8), err.toString(UTF_8), outDir, JSON.readTree(report.toFile()));
    }


    /** Complete, the planted values counted unmasked, and the dataset blocked on them. */
    private static void assertBlockedOn(String name, long ssns, long cards) {
        Run run = runs.get(name);
        assertThat(run.file().get("status").asText()).as(name + ": " + run.file()).isEqualTo("COMPLETE");
        assertThat(run.unmasked(SSN)).as(name + " SSNs").isEqualTo(ssns);
        assertThat(run.unmasked(CARD)).as(name + " cards").isEqualTo(cards);
        assertThat(run.status()).as(run.err()).isEqualTo(Main.BLOCK);
        assertThat(run.report().get("verdict").get("decision").asText()).isEqualTo("BLOCK");
    }

    // ------------------------------------------------------------------ outcomes

    @Test
    void pandasFloatsExponentsAndFloatKeysInJsonLinesBlock() {
        assertBlockedOn("pandas.jsonl", 5, 4);
    }

    @Test
    void pandasAndSpreadsheetFloatsInCsvBlock() {
        assertBlockedOn("pandas.csv", 3, 2);
    }

    @Test
    void parquetDoubleColumnsBlock() {
        assertBlockedOn("doubles.parquet", 3, 3);
    }

    @Test
    void parquetDecimalColumnsWithAScaleBlock() {
        assertBlockedOn("decimals.parquet", 2, 6);
    }

    @Test
    void theSameShapesWithoutPiiPass() {
        Run run = runs.get("clean");
        assertThat(run.report().get("files")).hasSize(2).allSatisfy(file -> {
            assertThat(file.get("status").asText()).as(file.toString()).isEqualTo("COMPLETE");
            assertThat(file.get("records").asLong()).as(file.toString()).isPositive();
            assertThat(file.get("recordsUnmasked").asLong()).as(file.toString()).isZero();
        });
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(Main.PASS);
    }

    @Test
    void noPlantedDigitsLeaveTheScanner() throws IOException {
        Map<String, String> places = new LinkedHashMap<>();
        for (Map.Entry<String, Run> r : runs.entrySet()) {
            places.put(r.getKey() + " stdout", r.getValue().out());
            places.put(r.getKey() + " stderr", r.getValue().err());
            places.put(r.getKey() + " --out", Leaks.readTree(r.getValue().outDir()));
        }
        places.put("log4j events", log.toString());
        places.put("System.out", stdout.toString(UTF_8));
        places.put("System.err", stderr.toString(UTF_8));
        assertThat(places.get("pandas.jsonl --out")).contains(SSN, CARD);
        assertThat(planted).hasSize(28).doesNotHaveDuplicates();

        // As written (4556737586899855.0 in a path), or as a run of digits apart from
        // separators but not inside a longer token (a fingerprint's hex).
        assertThat(Leaks.find(places, planted, "[\\s\\-().+/]")).isEmpty();
    }
}
