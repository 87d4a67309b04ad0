package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
import dev.piigate.jobs.testing.WrittenPaths;

/**
 * Documents whose PII sits where a rendering does not show it (HTML markup, Word revisions and
 * side parts, spreadsheet numbers), end to end in one scan under the default policy: the scan
 * BLOCKs, each document is COMPLETE with every planted value counted under its type (or, for the
 * card Excel rounded, not COMPLETE), and no planted value appears in any output file, stdout or
 * stderr. Before the fix each of these passed as COMPLETE and clean
 * (or, for the workbook, with its numbers unread).
 */
@ResourceLock(SparkTestSession.LOCK)
class FailOpenDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static final Map<String, HostileDocuments.Plants> plants = new LinkedHashMap<>();
    private static Run run;
    /** The card Excel stored with 15 significant digits (its last digit lost). */
    private static final String EXCEL_ROUNDED_CARD = "4550112159504160";

    record Run(int status, String out, String err, Path outDir, JsonNode report) {
        JsonNode object(String fileName) {
            for (JsonNode f : report.get("files")) {
                if (WrittenPaths.names(f.get("path").asText(), fileName)) {
                    return f;
                }
            }
            throw new AssertionError(fileName + " not in the report");
        }

        long unmasked(String fileName, String type) {
            JsonNode t = object(fileName).get("types").get(type);
            return t == null ? 0 : t.get("unmasked").asLong();
        }

        /** Type and field of every finding in {@code fileName}: locations only, for failure messages. */
        List<String> findings(String fileName) throws IOException {
            List<String> rows = new ArrayList<>();
            try (Stream<Path> files = Files.walk(outDir.resolve("findings"))) {
                for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    for (String line : Files.readAllLines(p, UTF_8)) {
                        JsonNode row = JSON.readTree(line);
                        if (WrittenPaths.names(row.get("file").asText(), fileName)) {
                            rows.add(row.get("type").asText() + " in " + row.get("field").asText() + "@"
                                    + row.get("start").asText());
                        }
                    }
                }
            }
            return rows;
        }
    }

    /** All documents in one scan (one Spark job, one parser pool); each judged by its own row. */
    @BeforeAll
    static void scanAll() throws IOException {
        spark = SparkTestSession.start();
        Path input = Files.createDirectories(tmp.resolve("in"));
        write(input, "account.html", p -> HostileDocuments.html(p).getBytes(UTF_8));
        write(input, "agreement.docx", HostileDocuments::docx);
        write(input, "payments.xlsx", HostileDocuments::xlsx);
        write(input, "minutes.odt", HostileDocuments::odt);
        try (XSSFWorkbook wb = new XSSFWorkbook(); var out = Files.newOutputStream(input.resolve("cards.xlsx"))) {
            XSSFSheet sheet = wb.createSheet("cards");
            sheet.createRow(0).createCell(0).setCellValue("card number");
            sheet.createRow(1).createCell(0).setCellValue(Double.parseDouble(EXCEL_ROUNDED_CARD));
            wb.write(out);
        }
        run = scan(input);
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    private interface Builder {
        byte[] build(HostileDocuments.Plants p) throws IOException;
    }

    private static void write(Path dir, String name, Builder builder) throws IOException {
        HostileDocuments.Plants p = new HostileDocuments.Plants("fail-open/" + name);
        Files.write(dir.resolve(name), builder.build(p));
        plants.put(name, p);
    }

    private static Run scan(Path input) throws IOException {
        Path outDir = tmp.resolve("out");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--out", outDir.toString(), "--findings-format", "jsonl",
                input.toString()}, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        Path report = outDir.resolve("report.json");
        if (!Files.exists(report)) {
            throw new AssertionError("the scan wrote no report; exit " + status + ": " + err.toString(UTF_8));
        }
        return new Run(status, out.toString(UTF_8), err.toString(UTF_8), outDir, JSON.readTree(report.toFile()));
    }

    /** COMPLETE, the run BLOCKs, and every planted value is counted under its type, once. */
    private static void assertBlockedWithEveryValueCounted(String name) throws IOException {
        HostileDocuments.Plants planted = plants.get(name);
        assertThat(run.status()).as(run.err()).isEqualTo(Main.BLOCK);
        assertThat(run.report().get("verdict").get("decision").asText()).isEqualTo("BLOCK");
        JsonNode object = run.object(name);
        assertThat(object.get("status").asText()).as(object.toString()).isEqualTo("COMPLETE");
        // A document is one record: unmasked PII in it alone exceeds the default policy's limit of 0.
        assertThat(object.get("recordsUnmasked").asLong()).isEqualTo(1);
        Map<String, Long> expected = new LinkedHashMap<>();
        Map<String, Long> found = new LinkedHashMap<>();
        for (String type : List.of(HostileDocuments.CARD, HostileDocuments.SSN, HostileDocuments.IBAN,
                HostileDocuments.PHONE, HostileDocuments.EMAIL)) {
            expected.put(type, planted.count(type));
            found.put(type, run.unmasked(name, type));
        }
        assertThat(found).as(name + ": unmasked findings per type; planted in " + planted.all().stream()
                .map(p -> p.type() + " in " + p.place()).toList() + "; found " + run.findings(name))
                .isEqualTo(expected);
    }

    @Test
    void htmlWithPiiInCommentsAttributesHeadScriptsAndEntitiesBlocks() throws IOException {
        assertBlockedWithEveryValueCounted("account.html");
    }

    @Test
    void docxWithPiiInRevisionsSidePartsFieldsAltTextAndPropertiesBlocks() throws IOException {
        assertBlockedWithEveryValueCounted("agreement.docx");
    }

    @Test
    void xlsxWithCardsTypedAsNumbersHiddenSheetsCommentsHeadersAndFootersBlocks() throws IOException {
        assertBlockedWithEveryValueCounted("payments.xlsx");
    }

    /**
     * The digits Excel kept fail the Luhn check, so no card is found: the workbook is not COMPLETE
     * (PARTIAL/DETECTOR_LIMIT), and that alone blocks it under the default policy.
     */
    @Test
    void aCardThatExcelRoundedTo15DigitsBlocksAsNotComplete() {
        assertThat(run.status()).as(run.err()).isEqualTo(Main.BLOCK);
        JsonNode object = run.object("cards.xlsx");
        assertThat(object.get("status").asText()).isEqualTo("PARTIAL");
        assertThat(object.get("reason").asText()).isEqualTo("DETECTOR_LIMIT");
        assertThat(object.get("recordsUnmasked").asLong()).isZero();
        List<String> scopes = new ArrayList<>();
        for (JsonNode r : run.report().get("verdict").get("reasons")) {
            scopes.add(r.get("scope").asText());
        }
        assertThat(scopes).contains("PARTIAL/DETECTOR_LIMIT");
    }

    /** Before: Tika read it as an empty document, COMPLETE and clean. */
    @Test
    void aDocumentTypeWithoutAParserBlocksAsSkippedUnsupported() {
        JsonNode object = run.object("minutes.odt");
        assertThat(object.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(object.get("reason").asText()).isEqualTo("UNSUPPORTED_FORMAT");
        List<String> scopes = new ArrayList<>();
        for (JsonNode r : run.report().get("verdict").get("reasons")) {
            scopes.add(r.get("scope").asText());
        }
        assertThat(scopes).contains("SKIPPED/UNSUPPORTED_FORMAT");
    }

    @Test
    void noPlantedValueLeavesTheScanner() throws IOException {
        List<String> values = new ArrayList<>();
        plants.values().forEach(p -> p.all().forEach(v -> values.add(v.value())));
        values.add(EXCEL_ROUNDED_CARD);
        assertThat(values).hasSizeGreaterThan(40);
        Map<String, String> places = Map.of("stdout", run.out(), "stderr", run.err(), "--out",
                Leaks.readTree(run.outDir()));
        assertThat(places.get("--out")).contains("\"schemaVersion\"", "CREDIT_CARD_NUMBER");
        assertThat(Leaks.find(places, values, "[\\s\\-().+/,]")).isEmpty();
    }
}
