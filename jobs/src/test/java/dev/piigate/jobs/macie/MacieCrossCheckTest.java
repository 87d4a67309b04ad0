package dev.piigate.jobs.macie;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import dev.piigate.jobs.samples.SampleGenerator;

/**
 * The cross-check end to end in Spark local mode on {@code samples/macie-crosscheck/}: a copy of a
 * bucket and hand-made Macie results for it (see the README there for what each object holds).
 */
@ResourceLock(SparkTestSession.LOCK)
class MacieCrossCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;
    private static Path sample;
    @TempDir
    static Path tmp;

    record Run(int status, String out, String err) {}

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start();
        sample = SampleGenerator.samplesDir().resolve("macie-crosscheck");
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    private static Run run(Path out, Path config, String... more) {
        List<String> argv = new ArrayList<>(List.of("--out", out.toString(), "--config", config.toString(),
                "--macie-path-map", "s3://example-training-data/=" + sample.resolve("bucket-copy") + "/"));
        argv.addAll(List.of(more));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = Main.run(argv.toArray(String[]::new), new PrintStream(o, true, UTF_8), new PrintStream(e, true, UTF_8));
        return new Run(status, o.toString(UTF_8), e.toString(UTF_8));
    }

    private static Run runSample(Path out, Path config) {
        return run(out, config, "--macie-results", sample.resolve("macie-results").toString(),
                sample.resolve("bucket-copy").toString());
    }

    private static Path config(String name, String yaml) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, yaml, UTF_8);
        return p;
    }

    /** file name -> category, and each disagreement as "CATEGORY TYPE record reason". */
    private static Map<String, List<String>> classified(JsonNode crosscheck) {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode o : crosscheck.get("objects")) {
            String path = o.get("path").asText();
            List<String> entries = new ArrayList<>();
            entries.add(o.get("category").asText());
            for (JsonNode d : o.get("disagreements")) {
                entries.add(d.get("category").asText() + " " + d.get("type").asText() + " " + d.get("record").asLong()
                        + (d.get("reason").isNull() ? "" : " " + d.get("reason").asText()));
            }
            o.path("types").fields().forEachRemaining(t -> entries.add(t.getKey() + " agree "
                    + t.getValue().get("agree").asLong()));
            out.put(path.substring(path.indexOf("bucket-copy/") + "bucket-copy/".length()), entries);
        }
        return out;
    }

    @Test
    void everyCategoryAndTheGateCountsMacieOnly() throws IOException {
        Path out = tmp.resolve("count");
        Run r = runSample(out, sample.resolve("pii-gate.yaml"));
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.BLOCK);
        JsonNode cc = JSON.readTree(out.resolve("macie-crosscheck.json").toFile());
        assertThat(cc.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(classified(cc)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "raw/chat.jsonl", List.of("COMPARED",
                        "MACIE_ONLY IBAN 2", // a German BBAN: Macie's id covers it, our IBAN detector does not
                        "CREDIT_CARD_NUMBER agree 2", "IBAN agree 1"), // one without a jsonPath
                "raw/customers.csv", List.of("COMPARED",
                        "OURS_ONLY CREDIT_CARD_NUMBER 3 TEST_VALUE",
                        "OURS_ONLY EMAIL_ADDRESS 2 TYPE_NOT_CONFIGURED",
                        "MACIE_ONLY PHONE_NUMBER 1", // a UK number; our phone regions are US only
                        "OURS_ONLY USA_SOCIAL_SECURITY_NUMBER 1 NO_KEYWORD",
                        "CREDIT_CARD_NUMBER agree 1", "EMAIL_ADDRESS agree 0", "PHONE_NUMBER agree 1",
                        "USA_SOCIAL_SECURITY_NUMBER agree 1"),
                "raw/ticket.txt", List.of("COMPARED", "PHONE_NUMBER agree 1", "USA_SOCIAL_SECURITY_NUMBER agree 1"),
                "raw/old-export.csv", List.of("STALE"),
                "restricted/payroll.csv", List.of("MACIE_SKIPPED"),
                "raw/new-notes.txt", List.of("NOT_IN_MACIE")));
        JsonNode totals = cc.get("totals");
        assertThat(totals.get("occurrences").toString()).isEqualTo("{\"AGREE\":8,\"MACIE_ONLY\":2,\"OURS_ONLY\":3}");
        assertThat(totals.get("macieObjectsNotScanned").asLong()).isEqualTo(1);
        assertThat(totals.get("macieSkippedReasons").toString()).isEqualTo("{\"PERMISSION_DENIED\":1}");

        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(report.get("macie").get("countedTowardThresholds").toString())
                .isEqualTo("{\"IBAN\":1,\"PHONE_NUMBER\":1}");
        // 11 records of ours are within the limit of 11; the 2 Macie-only records make 13.
        JsonNode reason = report.get("verdict").get("reasons").get(0);
        assertThat(reason.get("observed").asDouble()).isEqualTo(13);
        assertThat(report.get("totals").get("recordsUnmasked").asLong()).isEqualTo(11);
        assertThat(r.out()).contains("Macie cross-check (3 results files): objects COMPARED 3, MACIE_SKIPPED 1, STALE 1,"
                + " NOT_IN_MACIE 1").contains("2 record(s) counted toward the thresholds");

        // Locations only: none of the sample's values in what the cross-check writes.
        String written = Files.readString(out.resolve("macie-crosscheck.json"), UTF_8) + r.out();
        for (String value : List.of("405-61-0957", "242-36-5875", "5164 3426", "4111 1111", "fastmail", "DE47",
                "0532013077", "4556737586899855", "7946 0152", "318-42-7706", "847-2291")) {
            assertThat(written).doesNotContain(value);
        }
    }

    @Test
    void reportOnlyPassesWhereCountBlocks() throws IOException {
        Run r = runSample(tmp.resolve("report"), config("report.yaml",
                "policy:\n  maxUnmaskedRecords: 11\nmacie:\n  onMacieOnly: report\n"));
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);
        assertThat(r.out()).contains("2 occurrence(s) reported only (macie.onMacieOnly: report)");
    }

    @Test
    void blockAndRequireCoverageAddTheirOwnReasons() throws IOException {
        Path out = tmp.resolve("block");
        Run r = runSample(out, config("block.yaml", "policy:\n  maxUnmaskedRecords: 11\nmacie:\n  onMacieOnly: block\n"
                + "  requireCoverage: true\n"));
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.BLOCK);
        List<String> reasons = new ArrayList<>();
        for (JsonNode n : JSON.readTree(out.resolve("report.json").toFile()).get("verdict").get("reasons")) {
            reasons.add(n.get("code").asText() + " " + n.get("scope").asText() + " " + n.get("observed").asLong());
        }
        assertThat(reasons).containsExactly("MACIE_ONLY IBAN 1", "MACIE_ONLY PHONE_NUMBER 1", "MACIE_COVERAGE overall 3");
    }

    @Test
    void aMalformedMacieFileIsAnErrorNamingFileAndLine() throws IOException {
        Path results = Files.createDirectories(tmp.resolve("broken-results"));
        String good = Files.readAllLines(MacieFilesTest.resource("sensitive-data-discovery-results.jsonl"), UTF_8).get(4);
        Files.writeString(results.resolve("r.jsonl"), good + "\n{\"id\": \"SECRET-405-61-0957\" \n", UTF_8);
        Path out = tmp.resolve("broken");
        Run r = run(out, sample.resolve("pii-gate.yaml"), "--macie-results", results.toString(),
                sample.resolve("bucket-copy/raw/ticket.txt").toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.ERROR);
        assertThat(r.err()).contains("r.jsonl line 2").contains("not valid JSON").contains("nothing approved")
                .doesNotContain("405-61-0957");
        assertThat(out.resolve("verdict.json")).doesNotExist();
    }
}
