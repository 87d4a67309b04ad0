package dev.piigate.jobs.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.samples.SampleGenerator.Planted;
import dev.piigate.jobs.samples.SampleGenerator.State;
import dev.piigate.jobs.testing.MainRun;

/**
 * {@code --write-baseline} and {@code --baseline} end to end on the bundled samples, in Spark local
 * mode, under the fixed test key the build sets ({@code PII_GATE_FINGERPRINT_KEY}): a baseline written
 * from the blocked samples accepts every unmasked finding of a second run, which then passes; an
 * entry taken out leaves its records counting; a baseline that cannot be used (another key,
 * malformed, no fixed key) is bad usage before anything is read; a baseline written from a run whose
 * findings/ was capped says so and fails closed; the redacted copy still replaces accepted values;
 * the Macie cross-check is the same with a baseline or without; and no baseline holds a value.
 */
@ResourceLock(SparkTestSession.LOCK)
class BaselineRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;
    @TempDir
    static Path tmp;
    private static Path data;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkTestSession.start();
        data = tmp.resolve("samples");
        ScanSamplesTest.copyTree(SampleGenerator.samplesDir().resolve("blocked"), data.resolve("blocked"));
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    static MainRun run(String... argv) {
        return MainRun.of(argv);
    }

    private static String manifest() {
        return data.resolve("blocked/train.manifest").toString();
    }

    private static MainRun written;

    /** The blocked samples scanned once with --write-baseline (findings as JSON Lines, to be read here). */
    private static synchronized MainRun writtenRun() {
        if (written == null) {
            written = run("--out", tmp.resolve("out-write").toString(), "--findings-format", "jsonl",
                    "--write-baseline", tmp.resolve("base.json").toString(), "--manifest", manifest());
        }
        return written;
    }

    private static MainRun accepted;

    /** The blocked samples again, with the baseline the first run wrote. */
    private static synchronized MainRun acceptedRun() {
        if (accepted == null) {
            assertThat(writtenRun().status()).isEqualTo(Main.BLOCK);
            accepted = run("--out", tmp.resolve("out-accept").toString(), "--findings-format", "jsonl",
                    "--show-findings", "3", "--baseline", tmp.resolve("base.json").toString(), "--manifest",
                    manifest());
        }
        return accepted;
    }

    @Test
    void aBaselineListsTheDistinctUnmaskedFindingsOfTheRunSortedUnderTheKeysCheck() throws IOException {
        MainRun r = writtenRun();
        assertThat(r.status()).as(r.err()).isEqualTo(Main.BLOCK);
        JsonNode baseline = JSON.readTree(tmp.resolve("base.json").toFile());
        assertThat(baseline.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(baseline.get("kind").asText()).isEqualTo("pii-gate baseline");
        assertThat(baseline.get("keyCheck").asText()).matches("[0-9a-f]{16}")
                .isEqualTo(keyCheck(System.getenv("PII_GATE_FINGERPRINT_KEY")));
        assertThat(baseline.get("complete").asBoolean()).isTrue();
        assertThat(baseline.get("findingsNotListed").asLong()).isZero();

        List<String> entries = new ArrayList<>();
        baseline.get("accepted")
                .forEach(e -> entries.add(e.get("type").asText() + " " + e.get("fingerprint").asText()));
        Set<String> expected = new TreeSet<>();
        for (JsonNode f : findings(tmp.resolve("out-write"))) {
            if (!f.get("masked").asBoolean() && !f.get("testValue").asBoolean()) {
                expected.add(f.get("type").asText() + " " + f.get("fingerprint").asText());
            }
        }
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(entries).as("distinct and sorted by type, then fingerprint").containsExactlyElementsOf(expected);
        // One entry a line, so two baselines diff line by line.
        assertThat(Files.readAllLines(tmp.resolve("base.json"), UTF_8)).filteredOn(l -> l.contains("\"fingerprint\""))
                .hasSize(expected.size());

        JsonNode report = JSON.readTree(tmp.resolve("out-write/report.json").toFile());
        assertThat(report.get("baselineWritten").get("entries").asLong()).isEqualTo(expected.size());
        assertThat(report.get("baselineWritten").get("complete").asBoolean()).isTrue();
        assertThat(report.has("baseline")).as("no baseline read").isFalse();
        assertThat(r.out()).contains("  baseline written: " + expected.size() + " entries to ");
    }

    @Test
    void withTheBaselineEveryUnmaskedFindingIsAcceptedAndTheSamplesPass() throws IOException {
        MainRun before = writtenRun();
        MainRun r = acceptedRun();
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);
        JsonNode was = JSON.readTree(tmp.resolve("out-write/report.json").toFile());
        JsonNode now = JSON.readTree(tmp.resolve("out-accept/report.json").toFile());
        long unmaskedFindings = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = was.get("types").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> t = it.next();
            JsonNode type = now.get("types").get(t.getKey());
            assertThat(type.get("unmasked").asLong()).as("an accepted value is still a value")
                    .isEqualTo(t.getValue().get("unmasked").asLong());
            assertThat(type.get("accepted").asLong()).as(t.getKey()).isEqualTo(t.getValue().get("unmasked").asLong());
            assertThat(type.get("recordsUnmasked").asLong()).as(t.getKey()).isZero();
            unmaskedFindings += t.getValue().get("unmasked").asLong();
        }
        JsonNode totals = now.get("totals");
        long recordsWere = was.get("totals").get("recordsUnmasked").asLong();
        assertThat(recordsWere).isEqualTo(107);
        assertThat(totals.get("recordsUnmasked").asLong()).isZero();
        assertThat(totals.get("recordsAcceptedOnly").asLong()).isEqualTo(recordsWere);
        assertThat(totals.get("recordsClean").asLong()).isEqualTo(was.get("totals").get("recordsClean").asLong());
        assertThat(now.get("verdict").get("decision").asText()).isEqualTo("PASS");
        assertThat(now.get("sampleFindings")).as("accepted findings do not count: none to show").isEmpty();
        assertThat(now.get("worstFiles")).isEmpty();
        for (JsonNode f : now.get("files")) {
            assertThat(f.get("recordsUnmasked").asLong()).isZero();
            assertThat(f.has("recordsAcceptedOnly")).isTrue();
        }

        JsonNode baseline = now.get("baseline");
        assertThat(baseline.get("uri").asText()).endsWith("/base.json");
        assertThat(baseline.get("keyCheck").asText()).isEqualTo(
                JSON.readTree(tmp.resolve("base.json").toFile()).get("keyCheck").asText());
        assertThat(baseline.get("entries").asLong()).isEqualTo(
                JSON.readTree(tmp.resolve("base.json").toFile()).get("accepted").size());
        assertThat(baseline.get("acceptedFindings").asLong()).isEqualTo(unmaskedFindings);
        assertThat(baseline.get("recordsAcceptedOnly").asLong()).isEqualTo(recordsWere);
        JsonNode verdict = JSON.readTree(tmp.resolve("out-accept/verdict.json").toFile());
        assertThat(verdict.get("decision").asText()).isEqualTo("PASS");
        assertThat(verdict.get("baseline")).as("the approval says what it stands on").isEqualTo(baseline);
        // In the shape VerdictRecord knows as ours, so a folder scan leaves the approval record out.
        List<String> keys = new ArrayList<>();
        baseline.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("uri", "keyCheck", "createdAt", "complete", "entries", "acceptedFindings",
                "recordsAcceptedOnly");
        assertThat(r.out()).contains("  approved manifest: ");

        // findings/ as before, with the accepted column: exactly the unmasked findings that are not test values.
        List<JsonNode> findings = findings(tmp.resolve("out-accept"));
        assertThat(findings).hasSameSizeAs(findings(tmp.resolve("out-write")));
        assertThat(findings).allSatisfy(f -> assertThat(f.get("accepted").asBoolean())
                .isEqualTo(!f.get("masked").asBoolean() && !f.get("testValue").asBoolean()));
        assertThat(findings(tmp.resolve("out-write"))).allSatisfy(f -> assertThat(f.has("accepted")).isFalse());

        String line = unmaskedFindings + " findings accepted by the baseline ";
        assertThat(r.out()).contains("  " + line).contains("(" + recordsWere
                + " records hold no other unmasked PII and do not count)").contains("no unmasked findings to show");
        assertThat(tmp.resolve("out-accept/summary.md")).content(UTF_8).startsWith("# pii-gate: PASS\n")
                .contains("- " + line);
        assertThat(before.out()).doesNotContain("accepted by the baseline");
    }

    /** The baseline less one entry: the records holding that value count again, and only they. */
    @Test
    void aBaselineWithAnEntryTakenOutLeavesItsRecordsCounting() throws IOException {
        assertThat(writtenRun().status()).isEqualTo(Main.BLOCK);
        ObjectNode baseline = (ObjectNode) JSON.readTree(tmp.resolve("base.json").toFile());
        ArrayNode entries = (ArrayNode) baseline.get("accepted");
        JsonNode removed = null;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).get("type").asText().equals("CREDIT_CARD_NUMBER")) {
                removed = entries.remove(i);
                break;
            }
        }
        assertThat(removed).isNotNull();
        Path less = tmp.resolve("base-less-one.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(less.toFile(), baseline);
        Set<String> recordsHoldingIt = new TreeSet<>();
        for (JsonNode f : findings(tmp.resolve("out-write"))) {
            if (f.get("fingerprint").asText().equals(removed.get("fingerprint").asText())
                    && f.get("type").asText().equals("CREDIT_CARD_NUMBER") && !f.get("masked").asBoolean()) {
                recordsHoldingIt.add(f.get("file").asText() + ":" + f.get("record").asLong());
            }
        }
        assertThat(recordsHoldingIt).isNotEmpty();

        MainRun r = run("--out", tmp.resolve("out-less").toString(), "--baseline", less.toString(), "--manifest",
                manifest());
        assertThat(r.status()).as(r.err()).isEqualTo(Main.BLOCK);
        JsonNode report = JSON.readTree(tmp.resolve("out-less/report.json").toFile());
        assertThat(report.get("totals").get("recordsUnmasked").asLong()).isEqualTo(recordsHoldingIt.size());
        assertThat(report.get("types").get("CREDIT_CARD_NUMBER").get("recordsUnmasked").asLong())
                .isEqualTo(recordsHoldingIt.size());
        assertThat(report.get("verdict").get("reasons").get(0).get("message").asText())
                .startsWith("records with unmasked PII: " + recordsHoldingIt.size() + " of 340 scanned");
        assertThat(data.resolve("blocked/train.approved.manifest")).doesNotExist();
    }

    @Test
    void aBaselineWrittenUnderAnotherKeyIsBadUsageBeforeAnythingIsRead() throws IOException {
        assertThat(writtenRun().status()).isEqualTo(Main.BLOCK);
        Path otherKey = config("other-key.yaml", "fingerprint:\n  keyEnvironmentVariable: PATH\n");
        Path out = tmp.resolve("out-other-key");
        MainRun r = run("--out", out.toString(), "--config", otherKey.toString(), "--baseline",
                tmp.resolve("base.json").toString(), "--manifest", manifest());
        assertThat(r.status()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--baseline ").contains("base.json: written under another fingerprint key")
                .contains("--write-baseline");
        assertThat(out).as("nothing read, nothing written").doesNotExist();
    }

    @Test
    void aMalformedBaselineIsBadUsage() throws IOException {
        assertThat(writtenRun().status()).isEqualTo(Main.BLOCK);
        String text = Files.readString(tmp.resolve("base.json"), UTF_8);
        Path cut = Files.writeString(tmp.resolve("base-cut.json"), text.substring(0, text.length() - 40), UTF_8);
        Path out = tmp.resolve("out-cut");
        MainRun r = run("--out", out.toString(), "--baseline", cut.toString(), "--manifest", manifest());
        assertThat(r.status()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("base-cut.json: not a baseline file: malformed JSON");
        assertThat(out).doesNotExist();

        MainRun missing = run("--out", out.toString(), "--baseline", tmp.resolve("no-such.json").toString(), "--manifest",
                manifest());
        assertThat(missing.status()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("no-such.json: no such file");
    }

    @Test
    void eitherBaselineFlagWithoutAFixedKeyIsBadUsageBeforeAnythingIsRead() throws IOException {
        Path noKey = config("no-key.yaml", "fingerprint:\n  keyEnvironmentVariable: PII_GATE_TEST_KEY_NOT_SET\n");
        assertThat(System.getenv("PII_GATE_TEST_KEY_NOT_SET")).isNull();
        Path out = tmp.resolve("out-no-key");
        MainRun write = run("--out", out.toString(), "--config", noKey.toString(), "--write-baseline",
                tmp.resolve("never.json").toString(), "--manifest", manifest());
        assertThat(write.status()).isEqualTo(Main.USAGE);
        assertThat(write.err()).contains("--write-baseline needs the fixed fingerprint key")
                .contains("PII_GATE_TEST_KEY_NOT_SET");
        MainRun read = run("--out", out.toString(), "--config", noKey.toString(), "--baseline",
                tmp.resolve("never.json").toString(), "--manifest", manifest());
        assertThat(read.status()).isEqualTo(Main.USAGE);
        assertThat(read.err()).contains("--baseline needs the fixed fingerprint key");
        assertThat(out).doesNotExist();
        assertThat(tmp.resolve("never.json")).doesNotExist();
    }

    /**
     * findings/ capped at 3 per object: the baseline lists what findings/ holds, says it is
     * incomplete, and the findings it does not list keep counting (fail closed).
     */
    @Test
    void aBaselineFromCappedFindingsSaysSoAndTheRestStillCounts() throws IOException {
        Path capped = config("capped.yaml", "report:\n  maxFindingsPerFile: 3\n");
        Path file = tmp.resolve("base-capped.json");
        MainRun w = run("--out", tmp.resolve("out-capped").toString(), "--config", capped.toString(), "--write-baseline",
                file.toString(), "--manifest", manifest());
        assertThat(w.status()).isEqualTo(Main.BLOCK);
        JsonNode baseline = JSON.readTree(file.toFile());
        assertThat(baseline.get("complete").asBoolean()).isFalse();
        assertThat(baseline.get("findingsNotListed").asLong()).isPositive();
        assertThat(w.out()).contains("    incomplete: " + baseline.get("findingsNotListed").asLong()
                + " findings beyond report.maxFindingsPerFile are not in findings/");

        MainRun r = run("--out", tmp.resolve("out-capped-2").toString(), "--baseline", file.toString(), "--manifest",
                manifest());
        assertThat(r.status()).as("what the baseline does not list still counts").isEqualTo(Main.BLOCK);
        JsonNode report = JSON.readTree(tmp.resolve("out-capped-2/report.json").toFile());
        assertThat(report.get("baseline").get("complete").asBoolean()).isFalse();
        assertThat(report.get("totals").get("recordsUnmasked").asLong()).isPositive().isLessThan(107);
        assertThat(report.get("totals").get("recordsAcceptedOnly").asLong()).isPositive();
    }

    /** Fingerprints and types only: no planted value, in any written form, in a baseline or its runs' output. */
    @Test
    void noBaselineHoldsAPlantedValue() throws IOException {
        assertThat(acceptedRun().status()).isEqualTo(Main.PASS);
        StringBuilder written = new StringBuilder(Files.readString(tmp.resolve("base.json"), UTF_8))
                .append(writtenRun().out()).append(writtenRun().err()).append(acceptedRun().out())
                .append(acceptedRun().err());
        for (String out : List.of("out-write", "out-accept")) {
            try (Stream<Path> files = Files.walk(tmp.resolve(out))) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    written.append(new String(Files.readAllBytes(p), UTF_8)).append('\n');
                }
            }
        }
        String all = written.toString();
        assertThat(all).contains("CREDIT_CARD_NUMBER");
        String compactAll = all.replaceAll("[^0-9A-Za-z@.]", "");
        List<String> leaks = new ArrayList<>();
        for (Planted p : SampleGenerator.generate().ledger().planted()) {
            if (p.state() != State.UNMASKED) {
                continue;
            }
            if (all.contains(p.value()) || compactAll.contains(p.value().replaceAll("[^0-9A-Za-z@.]", ""))) {
                leaks.add(p.entity() + " in " + p.file() + " record " + p.record());
            }
        }
        assertThat(leaks).isEmpty();
    }

    /** An accepted value is still a value: the copy replaces it like any other. */
    @Test
    void theRedactedCopyStillReplacesAcceptedValues() throws IOException {
        String card = "4539 1488 0343 6467"; // fictional, Luhn-valid, not published test numbers
        String other = "5164 3426 8782 6989";
        Path dataset = Files.createDirectories(tmp.resolve("copy-data"));
        Files.writeString(dataset.resolve("orders.jsonl"), "{\"card\":\"" + card + "\",\"note\":\"ok\"}\n"
                + "{\"old_card\":\"" + other + "\"}\n", UTF_8);
        Path base = tmp.resolve("base-copy.json");
        assertThat(run("--out", tmp.resolve("out-copy-1").toString(), "--write-baseline", base.toString(),
                dataset.toString()).status()).isEqualTo(Main.BLOCK);

        Path copy = tmp.resolve("copy");
        Path out = tmp.resolve("out-copy-2");
        MainRun r = run("--out", out.toString(), "--baseline", base.toString(), "--redact-to", copy.toString(),
                dataset.toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(report.get("baseline").get("acceptedFindings").asLong()).isEqualTo(2);
        assertThat(report.get("redaction").get("valuesReplaced").asLong()).isEqualTo(2);
        assertThat(report.get("redaction").get("objects").get("redacted").asLong()).isEqualTo(1);
        String copied = Files.readString(copy.resolve("orders.jsonl"), UTF_8);
        assertThat(copied).doesNotContain(card).doesNotContain(other)
                .contains("\"note\":\"ok\"");
        JsonNode copyReport = JSON.readTree(out.resolve("redacted/report.json").toFile());
        assertThat(copyReport.get("verdict").get("decision").asText()).isEqualTo("PASS");
        assertThat(copyReport.has("baseline")).as("the copy is gated without the baseline").isFalse();
    }

    /**
     * The Macie cross-check sees accepted values as values: with a baseline that accepts every one of
     * our unmasked findings, macie-crosscheck.json says what it says without one, and Macie-only
     * occurrences still count.
     */
    @Test
    void theMacieCrossCheckIsTheSameWithABaseline() throws IOException {
        Path sample = SampleGenerator.samplesDir().resolve("macie-crosscheck");
        Path base = tmp.resolve("base-macie.json");
        List<String> common = List.of("--config", sample.resolve("pii-gate.yaml").toString(), "--macie-path-map",
                "s3://example-training-data/=" + sample.resolve("bucket-copy") + "/", "--macie-results",
                sample.resolve("macie-results").toString(), sample.resolve("bucket-copy").toString());
        List<String> first = new ArrayList<>(List.of("--out", tmp.resolve("out-macie-1").toString(),
                "--write-baseline", base.toString()));
        first.addAll(common);
        MainRun without = run(first.toArray(String[]::new));
        assertThat(without.status()).as(without.out() + without.err()).isEqualTo(Main.BLOCK);
        List<String> second = new ArrayList<>(List.of("--out", tmp.resolve("out-macie-2").toString(), "--baseline",
                base.toString()));
        second.addAll(common);
        MainRun with = run(second.toArray(String[]::new));

        JsonNode a = JSON.readTree(tmp.resolve("out-macie-1/macie-crosscheck.json").toFile());
        JsonNode b = JSON.readTree(tmp.resolve("out-macie-2/macie-crosscheck.json").toFile());
        assertThat(b.get("objects")).isEqualTo(a.get("objects"));
        assertThat(b.get("totals")).isEqualTo(a.get("totals"));
        assertThat(b.get("totals").get("occurrences").toString())
                .isEqualTo("{\"AGREE\":8,\"MACIE_ONLY\":2,\"OURS_ONLY\":3}");
        JsonNode report = JSON.readTree(tmp.resolve("out-macie-2/report.json").toFile());
        assertThat(report.get("macie").get("countedTowardThresholds").toString())
                .isEqualTo("{\"IBAN\":1,\"PHONE_NUMBER\":1}");
        assertThat(report.get("totals").get("recordsUnmasked").asLong()).isZero();
        assertThat(report.get("verdict").get("reasons")).isEmpty();
        assertThat(with.status()).as("2 Macie-only records, within the limit of 11").isEqualTo(Main.PASS);
    }

    private static List<JsonNode> findings(Path out) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(out.resolve("findings"))) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                for (String line : Files.readAllLines(p, UTF_8)) {
                    if (!line.isBlank()) {
                        rows.add(JSON.readTree(line));
                    }
                }
            }
        }
        return rows;
    }

    private static Path config(String name, String yaml) throws IOException {
        return Files.writeString(tmp.resolve(name), yaml, UTF_8);
    }

    /** HMAC-SHA256(key, "pii-gate baseline key check"), first 16 hex: computed here as a reader would. */
    private static String keyCheck(String key) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            byte[] bytes = Objects.requireNonNull(key, "set by the build").getBytes(UTF_8);
            mac.init(new javax.crypto.spec.SecretKeySpec(bytes, "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal("pii-gate baseline key check".getBytes(UTF_8)))
                    .substring(0, 16);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
