package dev.piigate.jobs.scan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.ConfigLoader;

/**
 * What counts as pii-gate's own approval record (left out of a folder scan) and what does not (scanned):
 * exactly the keys, their order and value shapes the job writes, free text without a value in clear.
 * The record written by a real PASS run is checked end to end in FolderOwnFilesTest.
 */
class VerdictRecordTest {
    private static final PathMasker PATHS = new PathMasker(TextScanner.create(ConfigLoader.defaults().detectors()),
            new Fingerprinter(new byte[32]));
    private static final Predicate<String> HOLDS = PATHS::holdsUnmasked;
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /** A record as ScanJob writes one on PASS, pretty-printed, with {@code %WARNINGS%} etc. to vary. */
    private static String record(String warnings, String dataset) {
        return "{\n  \"schemaVersion\" : 1,\n  \"runId\" : \"0b5f2c1e-8f3a-4c2d-9e1f-2a3b4c5d6e7f\",\n"
                + "  \"decision\" : \"PASS\",\n  \"reasons\" : [ ],\n  \"warnings\" : " + warnings + ",\n"
                + "  \"dataset\" : " + dataset + ",\n"
                + "  \"manifest\" : {\n    \"uri\" : \"s3://data/run-7/train.manifest\",\n"
                + "    \"kind\" : \"PLAIN_LIST\",\n    \"entries\" : 3,\n    \"sha256\" : \"" + SHA + "\"\n  },\n"
                + "  \"report\" : {\n    \"uri\" : \"s3a://reports/run-7/report.json\",\n    \"sha256\" : \"" + SHA
                + "\"\n  },\n  \"decidedAt\" : \"2026-12-03T23:59:01Z\"\n}";
    }

    private static final String GENUINE = record("[ ]", "\"s3://data/run-7/train.manifest\"");

    private static boolean isRecord(String text) {
        return VerdictRecord.isRecord(text.getBytes(UTF_8), HOLDS);
    }

    @Test
    void theRecordsThePipelineWritesAreOurs() {
        assertThat(isRecord(GENUINE)).isTrue();
        assertThat(isRecord(record("[ {\n \"key\" : \"policy.tolerate\",\n \"message\" : \"PARTIAL objects do not block\""
                + "\n} ]", "\"s3://data/run-7/train.manifest\""))).as("with a warning").isTrue();
        // A path written masked: a masked value is what the job writes, not a value in clear.
        assertThat(isRecord(record("[ ]", "\"s3://data/export_***-**-4321.manifest #path-fingerprint:0a1b2c\"")))
                .as("masked dataset").isTrue();
        assertThat(isRecord(GENUINE.replace("\n", "").replace(" ", ""))).as("compact").isTrue();
    }

    static Stream<Arguments> notOurs() {
        return Stream.of(
                Arguments.of("an extra key holding an SSN", GENUINE.replace("\"decidedAt\"",
                        "\"note\" : \"ssn 287-65-4321\",\n  \"decidedAt\"")),
                Arguments.of("an SSN in the dataset", record("[ ]", "\"ssn 287-65-4321\"")),
                Arguments.of("an e-mail in a warning", record("[ {\"key\" : \"a\", \"message\" : \"jane.doe@posteo.de\"} ]",
                        "\"s3://data/x\"")),
                Arguments.of("a card in the report URI", GENUINE.replace("s3a://reports/run-7/report.json",
                        "s3a://reports/4550 1121 5950 4165/report.json")),
                Arguments.of("an extra key in a warning", record("[ {\"key\" : \"a\", \"message\" : \"b\", \"c\" : \"d\"} ]",
                        "\"s3://data/x\"")),
                Arguments.of("a key missing", GENUINE.replace("  \"reasons\" : [ ],\n", "")),
                Arguments.of("keys in another order", GENUINE.replace("  \"reasons\" : [ ],\n", "")
                        .replace("\"decidedAt\"", "\"reasons\" : [ ],\n  \"decidedAt\"")),
                Arguments.of("a duplicate key", GENUINE.replace("  \"reasons\" : [ ],\n",
                        "  \"reasons\" : [ ],\n  \"reasons\" : [ ],\n")),
                Arguments.of("content after the object", GENUINE + "\n{\"ssn\": \"287-65-4321\"}"),
                Arguments.of("two objects", GENUINE + GENUINE),
                Arguments.of("a BLOCK", GENUINE.replace("\"PASS\"", "\"BLOCK\"")),
                Arguments.of("a reason", GENUINE.replace("\"reasons\" : [ ]", "\"reasons\" : [ \"x\" ]")),
                Arguments.of("schema version 2", GENUINE.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2")),
                Arguments.of("schema version as text", GENUINE.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : \"1\"")),
                Arguments.of("a run id that is no UUID", GENUINE.replace("0b5f2c1e-8f3a", "287-65-4321-8f3a")),
                Arguments.of("a digest that is no SHA-256", GENUINE.replaceFirst(SHA, SHA.substring(1) + "Z")),
                Arguments.of("an upper-case digest", GENUINE.replaceFirst(SHA, SHA.toUpperCase(java.util.Locale.ROOT))),
                Arguments.of("an unknown manifest kind", GENUINE.replace("PLAIN_LIST", "CSV")),
                Arguments.of("no entries", GENUINE.replace("\"entries\" : 3", "\"entries\" : 0")),
                Arguments.of("entries as text", GENUINE.replace("\"entries\" : 3", "\"entries\" : \"3\"")),
                Arguments.of("a time that is no instant", GENUINE.replace("2026-12-03T23:59:01Z", "yesterday")),
                Arguments.of("a dataset that is no string", record("[ ]", "[ \"a\" ]")),
                Arguments.of("no manifest", GENUINE.replaceAll("(?s)\"manifest\" : \\{.*?\\},", "\"manifest\" : null,")),
                Arguments.of("an array", "[" + GENUINE + "]"),
                Arguments.of("not JSON", "ssn 287-65-4321"),
                Arguments.of("empty", ""),
                Arguments.of("over the size bound", GENUINE + " ".repeat(VerdictRecord.MAX_BYTES)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void notOurs(String name, String text) {
        assertThat(isRecord(text)).isFalse();
    }

    /** A run with --baseline adds {@code baseline} last: its own keys and shapes, its URI free of values. */
    @Test
    void aRecordWithTheBaselineItStandsOnIsOursInItsOwnShape() {
        String baseline = ",\n  \"baseline\" : {\n    \"uri\" : \"s3://baselines/train.json\",\n"
                + "    \"keyCheck\" : \"a5ca3b8e2dc74bbe\",\n    \"createdAt\" : \"2026-12-03T23:00:00Z\",\n"
                + "    \"complete\" : true,\n    \"entries\" : 167,\n    \"acceptedFindings\" : 167,\n"
                + "    \"recordsAcceptedOnly\" : 107\n  }\n}";
        String withBaseline = GENUINE.substring(0, GENUINE.lastIndexOf("\n}")) + baseline;
        assertThat(isRecord(withBaseline)).isTrue();
        assertThat(isRecord(withBaseline.replace("\"2026-12-03T23:00:00Z\"", "null"))).as("no createdAt").isTrue();
        assertThat(isRecord(withBaseline.replace("s3://baselines/train.json", "s3://baselines/287-65-4321.json")))
                .as("an SSN in its URI").isFalse();
        assertThat(isRecord(withBaseline.replace("a5ca3b8e2dc74bbe", "a5ca3b8e2dc74bbeff"))).as("a key check")
                .isFalse();
        assertThat(isRecord(withBaseline.replace("\"entries\" : 167", "\"entries\" : -1"))).as("a count").isFalse();
        assertThat(isRecord(withBaseline.replace("    \"complete\" : true,\n", ""))).as("a key missing").isFalse();
        assertThat(isRecord(withBaseline.replace("\"complete\" : true", "\"complete\" : \"yes\""))).isFalse();
        assertThat(isRecord(withBaseline.replace("\"recordsAcceptedOnly\" : 107",
                "\"recordsAcceptedOnly\" : 107, \"note\" : \"x\""))).as("an extra key").isFalse();
    }

    @Test
    void aDetectorThatCannotFinishMeansNotOurs() {
        assertThat(VerdictRecord.isRecord(GENUINE.getBytes(UTF_8), t -> {
            throw new IllegalStateException("detector limit");
        })).isFalse();
    }

    @Test
    void onlyANameBeforeTheSuffixMakesACandidate() {
        assertThat(VerdictRecord.candidateName("train.approved.manifest.verdict.json")).isTrue();
        assertThat(VerdictRecord.candidateName("x.verdict.json")).isTrue();
        assertThat(VerdictRecord.candidateName("verdict.json")).isFalse();
        assertThat(VerdictRecord.candidateName(".verdict.json")).isFalse();
        assertThat(VerdictRecord.candidateName("train.approved.manifest.verdict.json.gz")).isFalse();
    }
}
