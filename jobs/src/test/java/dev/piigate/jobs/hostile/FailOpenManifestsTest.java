package dev.piigate.jobs.hostile;

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
import java.util.stream.Stream;

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
 * Manifests and verdicts end to end ({@code Main.run}, one local Spark session): PII that sits in
 * a manifest rather than in the objects it names (an augmented manifest's inline labels and
 * metadata, an object named by {@code mask-ref} or another {@code -ref}, a plain list's comment)
 * blocks; a run whose publishing fails after the gate passed leaves no PASS in report.json,
 * verdict.json or stdout, and no approval; a run under another {@code approvedSuffix} withdraws
 * the approvals of earlier suffixes; narrowing settings are warned about. Every run's outputs,
 * stdout and stderr are searched for the planted values.
 */
@ResourceLock(SparkTestSession.LOCK)
class FailOpenManifestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static SparkSession spark;

    record Run(int status, String out, String err, Path outDir) {
        JsonNode report() throws IOException {
            return JSON.readTree(outDir.resolve("report.json").toFile());
        }

        JsonNode object(String fileName) throws IOException {
            for (JsonNode f : report().get("files")) {
                if (WrittenPaths.names(f.get("path").asText(), fileName)) {
                    return f;
                }
            }
            throw new AssertionError(fileName + " not in the report");
        }

        List<String> reasonCodes() throws IOException {
            List<String> codes = new ArrayList<>();
            report().get("verdict").get("reasons").forEach(r -> codes.add(r.get("code").asText()));
            return codes;
        }
    }

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    @Test
    void piiInAnAugmentedManifestsInlineAttributesBlocksThoughItsObjectsAreClean() throws IOException {
        Canaries c = new Canaries("inline-labels");
        Canaries key = new Canaries("inline-key");
        Path data = Files.createDirectories(tmp.resolve("inline"));
        Path one = write(data.resolve("one.txt"), "where is my parcel?\n");
        Path two = write(data.resolve("two.txt"), "it left the depot\n");
        String cardDigits = c.card.replace(" ", "");
        Path manifest = write(data.resolve("train.manifest"),
                "{\"source-ref\":\"" + one.toUri() + "\",\"annotations\":{\"text\":\"call " + c.phone + " or mail "
                        + c.email + "\"},\"label\":1}\n"
                        + "{\"source-ref\":\"" + two.toUri() + "\",\"label-metadata\":{\"account\":" + cardDigits
                        + ",\"class-name\":\"refund\"}}\n"
                        + "{\"source-ref\":\"" + data.resolve("three.txt").toUri() + "\",\"reviewers\":{\"" + key.email
                        + "\":true}}\n");
        write(data.resolve("three.txt"), "closed\n");

        Run r = run("inline", null, manifest);

        assertThat(r.status()).as(r.err()).isEqualTo(Main.BLOCK);
        JsonNode m = r.object("train.manifest");
        assertThat(m.get("format").asText()).isEqualTo("jsonl");
        assertThat(m.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(m.get("records").asLong()).isEqualTo(3);
        assertThat(m.get("recordsUnmasked").asLong()).isEqualTo(3);
        assertThat(m.get("types").fieldNames()).toIterable()
                .contains("PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD_NUMBER");
        for (String clean : List.of("one.txt", "two.txt", "three.txt")) {
            assertThat(r.object(clean).get("recordsUnmasked").asLong()).as(clean).isZero();
        }
        assertThat(r.reasonCodes()).contains("MANIFEST_PII", "UNMASKED_RECORDS");
        assertThat(r.report().get("totals").get("files").asLong()).isEqualTo(4);
        // Findings name the manifest line (record N-1) and the attribute path, never the value.
        List<String> places = new ArrayList<>();
        for (JsonNode f : findings(r)) {
            if (WrittenPaths.names(f.get("file").asText(), "train.manifest")) {
                places.add(f.get("record").asLong() + " " + f.get("field").asText() + " " + f.get("type").asText());
            }
        }
        assertThat(places).contains("0 $.annotations.text PHONE_NUMBER", "0 $.annotations.text EMAIL_ADDRESS",
                "1 $['label-metadata'].account CREDIT_CARD_NUMBER");
        assertThat(places).anyMatch(p -> p.startsWith("2 $.reviewers") && p.endsWith("EMAIL_ADDRESS"));
        assertThat(r.out()).contains("BLOCK the manifest itself holds unmasked PII in 3 of its records");
        assertThat(data.resolve("train.approved.manifest")).doesNotExist();
        assertNoLeak(r, c);
        assertNoLeak(r, key);
    }

    @Test
    void anObjectNamedByMaskRefOrAnotherRefIsScannedAndBlocks() throws IOException {
        Canaries c = new Canaries("mask-ref");
        Path data = Files.createDirectories(tmp.resolve("mask"));
        Path image = write(data.resolve("image.txt"), "a picture of a parcel\n");
        Path mask = write(data.resolve("mask.txt"), "mask notes: " + c.line() + "\n");
        Path label = write(data.resolve("label.txt"), "label: parcel\n");
        Path manifest = write(data.resolve("train.manifest"),
                "{\"source-ref\":\"" + image.toUri() + "\",\"mask-ref\":\"" + mask.toUri() + "\"}\n"
                        + "{\"source\":\"an inline sentence\",\"label-ref\":\"" + label.toUri() + "\"}\n");

        Run r = run("mask", null, manifest);

        assertThat(r.status()).as(r.err()).isEqualTo(Main.BLOCK);
        assertThat(r.object("mask.txt").get("recordsUnmasked").asLong()).isEqualTo(1);
        assertThat(r.object("label.txt").get("status").asText()).isEqualTo("COMPLETE");
        assertThat(r.object("image.txt").get("status").asText()).isEqualTo("COMPLETE");
        assertThat(r.object("train.manifest").get("recordsUnmasked").asLong()).isZero();
        assertThat(r.reasonCodes()).containsExactly("UNMASKED_RECORDS");
        assertThat(data.resolve("train.approved.manifest")).doesNotExist();
        assertNoLeak(r, c);
    }

    @Test
    void piiInAPlainListsCommentBlocksAsTheManifestItself() throws IOException {
        Canaries c = new Canaries("plain-comment");
        Path data = Files.createDirectories(tmp.resolve("comment"));
        write(data.resolve("a.txt"), "nothing here\n");
        Path manifest = write(data.resolve("train.manifest"), "# owner " + c.email + ", " + c.phone + "\na.txt\n");

        Run r = run("comment", null, manifest);

        assertThat(r.status()).as(r.err()).isEqualTo(Main.BLOCK);
        assertThat(r.object("train.manifest").get("format").asText()).isEqualTo("text");
        assertThat(r.reasonCodes()).contains("MANIFEST_PII");
        assertThat(data.resolve("train.approved.manifest")).doesNotExist();
        assertNoLeak(r, c);
    }

    @Test
    void aPassWhoseApprovalCannotBePublishedLeavesNoPassAnywhere() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("unpublishable"));
        write(data.resolve("a.txt"), "nothing here\n");
        Path manifest = write(data.resolve("train.manifest"), "a.txt\n");
        // Something that is not an approval stands where the approved manifest would go.
        write(data.resolve("train.approved.manifest").resolve("README"), "not an approval\n");

        Run r = run("unpublishable", null, manifest);

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.ERROR);
        assertNoPass(r);
        assertThat(data.resolve("train.approved.manifest.verdict.json")).doesNotExist();
        assertThat(data.resolve("train.approved.manifest").resolve("README")).exists();
    }

    @Test
    void aPassWhoseVerdictCannotBeWrittenTakesItsApprovalBack() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("no-verdict"));
        write(data.resolve("a.txt"), "nothing here\n");
        Path manifest = write(data.resolve("train.manifest"), "a.txt\n");
        Path outDir = tmp.resolve("out-no-verdict");
        write(outDir.resolve("verdict.json").resolve("in-the-way"), "x\n");

        Run r = run("no-verdict", null, manifest);

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.ERROR);
        assertNoPass(r);
        assertThat(data.resolve("train.approved.manifest")).doesNotExist();
        assertThat(data.resolve("train.approved.manifest.verdict.json")).doesNotExist();
    }

    @Test
    void aRunUnderAnotherSuffixWithdrawsTheApprovalsOfEarlierSuffixes() throws IOException {
        Canaries c = new Canaries("suffix");
        Path data = Files.createDirectories(tmp.resolve("suffix"));
        write(data.resolve("a.txt"), "nothing here\n");
        Path manifest = write(data.resolve("train.manifest"), "a.txt\n");
        Path legacy = write(tmp.resolve("legacy-suffix.yaml"), "manifest:\n  approvedSuffix: legacy\n");

        assertThat(run("suffix-1", null, manifest).status()).isEqualTo(Main.PASS);
        assertThat(run("suffix-2", legacy, manifest).status()).isEqualTo(Main.PASS);
        // A PASS under a new suffix supersedes the earlier approval: one approval stands.
        assertThat(data.resolve("train.approved.manifest")).doesNotExist();
        assertThat(data.resolve("train.legacy.manifest")).exists();
        assertThat(run("suffix-3", null, manifest).status()).isEqualTo(Main.PASS);
        assertThat(data.resolve("train.legacy.manifest")).doesNotExist();
        assertThat(data.resolve("train.approved.manifest")).exists();

        write(data.resolve("a.txt"), "refund to " + c.card + " please\n");
        Path ok = write(tmp.resolve("ok-suffix.yaml"), "manifest:\n  approvedSuffix: ok\n");
        Run blocked = run("suffix-4", ok, manifest);

        assertThat(blocked.status()).as(blocked.err()).isEqualTo(Main.BLOCK);
        try (Stream<Path> left = Files.list(data)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.txt", "train.manifest");
        }
        assertNoLeak(blocked, c);
    }

    @Test
    void settingsThatNarrowDetectionAreWarnedAboutInEveryOutput() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("warned"));
        write(data.resolve("a.txt"), "nothing here\n");
        Path manifest = write(data.resolve("train.manifest"), "a.txt\n");
        Path config = write(tmp.resolve("narrow.yaml"), """
                detectors:
                  allowList:
                    regexes: ["[0-9 ]{15,19}"]
                policy:
                  tolerate: [SKIPPED/NOT_FOUND]
                """);

        Run r = run("warned", config, manifest);

        assertThat(r.status()).as(r.err()).isEqualTo(Main.PASS);
        List<String> keys = List.of("detectors.allowList.regexes[0]", "policy.tolerate");
        for (JsonNode json : List.of(r.report(), JSON.readTree(r.outDir().resolve("verdict.json").toFile()),
                JSON.readTree(data.resolve("train.approved.manifest.verdict.json").toFile()))) {
            List<String> warned = new ArrayList<>();
            json.get("warnings").forEach(w -> warned.add(w.get("key").asText()));
            assertThat(warned).isEqualTo(keys);
            assertThat(json.get("warnings").toString()).doesNotContain("[0-9 ]{15,19}");
        }
        assertThat(r.out()).contains("WARNING detectors.allowList.regexes[0]: allows valid CREDIT_CARD_NUMBER",
                "WARNING policy.tolerate");
    }

    // ------------------------------------------------------------------ helpers

    private static void assertNoPass(Run r) throws IOException {
        JsonNode verdict = r.report().get("verdict");
        assertThat(verdict.get("decision").asText()).isEqualTo("ERROR");
        List<String> codes = r.reasonCodes();
        assertThat(codes).contains("PUBLISH_FAILED");
        assertThat(r.outDir().resolve("verdict.json")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(p).isDirectory());
        assertThat(Leaks.readTree(r.outDir())).doesNotContain("\"PASS\"");
        assertThat(r.out()).doesNotContain("PASS").contains("pii-gate: ERROR", "ERROR publishing the outcome failed");
        // report.html, written after the failure, says the ERROR and the failure as its reason.
        assertThat(r.outDir().resolve("report.html")).content(UTF_8).contains("<header class=\"verdict error\">")
                .contains("<span class=\"tag error\">ERROR</span></td><td>publishing the outcome failed");
    }

    private static Run run(String name, Path config, Path manifest) {
        List<String> argv = new ArrayList<>(List.of("--out", tmp.resolve("out-" + name).toString(),
                "--findings-format", "jsonl", "--manifest", manifest.toString()));
        if (config != null) {
            argv.addAll(List.of("--config", config.toString()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv.toArray(String[]::new), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        return new Run(status, out.toString(UTF_8), err.toString(UTF_8), tmp.resolve("out-" + name));
    }

    private static List<JsonNode> findings(Run r) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(r.outDir().resolve("findings"))) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(p, UTF_8)) {
                    if (!line.isBlank()) {
                        rows.add(JSON.readTree(line));
                    }
                }
            }
        }
        return rows;
    }

    /** No planted value, as written or as a bare run of its characters, in --out, stdout or stderr. */
    private static void assertNoLeak(Run r, Canaries c) throws IOException {
        String all = Leaks.readTree(r.outDir()) + "\n" + r.out() + "\n" + r.err();
        assertThat(all).contains("pii-gate"); // the outputs are really there
        assertThat(Leaks.find(Map.of("--out, stdout and stderr", all), c.values(), "[\\s\\-().+/]")).isEmpty();
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, UTF_8);
    }
}
