package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.piigate.jobs.scan.AcceptedSet;

/**
 * The baseline file as {@code --baseline} reads it: a file pii-gate wrote is taken whole, anything
 * else is bad usage (exit 64) with a message that names the file and what is wrong, and never quotes
 * what the file holds.
 */
class BaselineFileTest {
    private static final byte[] KEY = "pii-gate-test-key-not-secret-0001".getBytes(UTF_8);
    private static final String FP1 = "0123456789abcdef0123456789abcdef";
    private static final String FP2 = "fedcba9876543210fedcba9876543210";
    /** A card number where a type or a fingerprint belongs: a message must not repeat it. */
    private static final String CARD = "4539148803436467";

    @TempDir
    Path dir;

    /** A file as --write-baseline writes it, with {@code entries} as the accepted list's lines. */
    static String file(String keyCheck, String... entries) {
        return "{\n  \"schemaVersion\": 1,\n  \"kind\": \"pii-gate baseline\",\n"
                + "  \"tool\": {\"name\": \"pii-gate\", \"version\": \"0.1.0\"},\n"
                + "  \"createdAt\": \"2025-01-31T12:00:00Z\",\n  \"keyCheck\": \"" + keyCheck + "\",\n"
                + "  \"complete\": true,\n  \"findingsNotListed\": 0,\n  \"accepted\": [\n    "
                + String.join(",\n    ", entries) + "\n  ]\n}\n";
    }

    static String entry(String type, String fingerprint) {
        return "{\"type\": \"" + type + "\", \"fingerprint\": \"" + fingerprint + "\"}";
    }

    private static String ours(String... entries) {
        return file(BaselineFile.keyCheck(KEY), entries);
    }

    private static BaselineFile.Read parse(String text) throws IOException {
        return BaselineFile.parse(new ByteArrayInputStream(text.getBytes(UTF_8)), "s3a://bucket/base.json", KEY);
    }

    @Test
    void aFileWrittenUnderTheKeyIsTakenWhole() throws IOException {
        BaselineFile.Read read = parse(ours(entry("CREDIT_CARD_NUMBER", FP1), entry("EMAIL_ADDRESS", FP2),
                entry("CREDIT_CARD_NUMBER", FP1)));
        assertThat(read.keyCheck()).isEqualTo(BaselineFile.keyCheck(KEY)).hasSize(16);
        assertThat(read.createdAt()).isEqualTo("2025-01-31T12:00:00Z");
        assertThat(read.complete()).isTrue();
        assertThat(read.accepted().size()).as("the duplicate is one entry").isEqualTo(2);
        assertThat(read.accepted().contains("CREDIT_CARD_NUMBER", FP1)).isTrue();
        assertThat(read.accepted().contains("EMAIL_ADDRESS", FP2)).isTrue();
        assertThat(read.accepted().contains("EMAIL_ADDRESS", FP1)).as("the type is part of the entry").isFalse();
        assertThat(parse(file(BaselineFile.keyCheck(KEY)).replace("[\n    \n  ]", "[]")).accepted().isEmpty())
                .isTrue();
    }

    @Test
    void theKeyCheckTellsKeysApartAndIsNotTheKey() {
        byte[] other = "another-key-of-at-least-16-bytes".getBytes(UTF_8);
        assertThat(BaselineFile.keyCheck(KEY)).matches("[0-9a-f]{16}").isEqualTo(BaselineFile.keyCheck(KEY.clone()))
                .isNotEqualTo(BaselineFile.keyCheck(other));
        assertThat(new String(KEY, UTF_8)).doesNotContain(BaselineFile.keyCheck(KEY));
    }

    @Test
    void aFileWrittenUnderAnotherKeyIsRejected() {
        byte[] other = "another-key-of-at-least-16-bytes".getBytes(UTF_8);
        String text = file(BaselineFile.keyCheck(other), entry("CREDIT_CARD_NUMBER", FP1));
        assertThatThrownBy(() -> parse(text)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--baseline s3a://bucket/base.json: written under another fingerprint key");
    }

    static List<List<String>> malformed() {
        String good = ours(entry("CREDIT_CARD_NUMBER", FP1), entry("EMAIL_ADDRESS", FP2));
        return List.of(
                List.of("", "a JSON object expected"),
                List.of("[]", "a JSON object expected"),
                List.of("{\"schemaVersion\": 1, \"kind\": ", "malformed JSON"),
                List.of(good.substring(0, good.length() / 2), "malformed JSON"),
                List.of(good.replace("{\"type\"", "{{\"type\""), "malformed JSON"),
                List.of(good + "{}", "more after its JSON object"),
                List.of(good.replace("\"schemaVersion\": 1", "\"schemaVersion\": 2"),
                        "schema version 2 is not one this pii-gate reads (1)"),
                List.of(good.replace("\"schemaVersion\": 1", "\"schemaVersion\": \"1\""), "not a whole number"),
                List.of(good.replace("\"schemaVersion\": 1,", ""), "no schemaVersion"),
                List.of(good.replace("pii-gate baseline", "a list"), "kind is not \"pii-gate baseline\""),
                List.of(good.replace("\"complete\"", "\"" + CARD + "\""), "line 7: a field a baseline does not have"),
                List.of(good.replace("\"keyCheck\": \"" + BaselineFile.keyCheck(KEY) + "\",", ""), "no keyCheck"),
                List.of(good.replace(BaselineFile.keyCheck(KEY), "KEY"), "no keyCheck of 16 hex"),
                List.of(good.replace("\"complete\": true", "\"complete\": \"yes\""), "complete is not true or false"),
                List.of(good.replace("2025-01-31T12:00:00Z", "yesterday"), "createdAt is not an ISO instant"),
                List.of(good.replace("\"accepted\": [", "\"accepted\": {\"x\": [").replace("]\n}", "]}\n}"),
                        "accepted is not a list"),
                List.of(ours(entry("CREDIT_CARD_NUMBER", FP1), "[\"" + CARD + "\"]"),
                        "entry 2 (line 11) is not an object"),
                List.of(ours(entry("CREDIT_CARD_NUMBER", FP1.toUpperCase(java.util.Locale.ROOT))),
                        "entry 1 (line 10): not an entity type and a fingerprint"),
                List.of(ours(entry("CREDIT_CARD_NUMBER", FP1.substring(1))), "entry 1 (line 10): not an entity type"),
                List.of(ours(entry("credit card " + CARD, FP1)), "entry 1 (line 10): not an entity type"),
                List.of(ours("{\"type\": \"IBAN\"}"), "entry 1 (line 10) lacks its type or its fingerprint"),
                List.of(ours("{\"type\": \"IBAN\", \"fingerprint\": \"" + FP1 + "\", \"value\": \"" + CARD + "\"}"),
                        "entry 1 (line 10) holds other than a type and a fingerprint"),
                List.of(ours("{\"type\": \"IBAN\", \"fingerprint\": 7}"), "holds other than a type and a fingerprint"),
                List.of(good.replace("\"accepted\": [\n    " + entry("CREDIT_CARD_NUMBER", FP1) + ",\n    "
                        + entry("EMAIL_ADDRESS", FP2) + "\n  ]", "\"entries\": 2"),
                        "a field a baseline does not have"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedFileIsBadUsageNamingTheFileAndNeverQuotingIt(List<String> vector) {
        assertThatThrownBy(() -> parse(vector.get(0))).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--baseline s3a://bucket/base.json: ").hasMessageContaining(vector.get(1))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CARD).doesNotContain("4539"));
    }

    @Test
    void aMissingFileOrAFolderIsBadUsage() throws IOException {
        Configuration hconf = new Configuration();
        assertThatThrownBy(() -> BaselineFile.read(dir.resolve("none.json").toString(), hconf, KEY))
                .isInstanceOf(UsageException.class).hasMessageEndingWith("none.json: no such file");
        assertThatThrownBy(() -> BaselineFile.read(dir.toString(), hconf, KEY)).isInstanceOf(UsageException.class)
                .hasMessageEndingWith(": a folder, not a baseline file");
        Path good = Files.writeString(dir.resolve("base.json"), ours(entry("IBAN", FP2)), UTF_8);
        assertThat(BaselineFile.read(good.toString(), hconf, KEY).accepted().contains("IBAN", FP2)).isTrue();
    }

    @Test
    void theAcceptedSetFindsAnEntryByBothHalvesOfItsFingerprintAndItsType() {
        String highDiffers = "1123456789abcdef0123456789abcdef";
        String lowDiffers = "0123456789abcdef0123456789abcdee";
        AcceptedSet set = AcceptedSet.of(List.of(new AcceptedSet.Entry("IBAN", FP1),
                new AcceptedSet.Entry("EMAIL_ADDRESS", FP2), new AcceptedSet.Entry("IBAN", FP2)));
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.contains("IBAN", FP1)).isTrue();
        assertThat(set.contains("IBAN", FP2)).isTrue();
        assertThat(set.contains("EMAIL_ADDRESS", FP2)).isTrue();
        assertThat(set.contains("EMAIL_ADDRESS", FP1)).isFalse();
        assertThat(set.contains("IBAN", highDiffers)).isFalse();
        assertThat(set.contains("IBAN", lowDiffers)).isFalse();
        assertThat(set.contains("PHONE_NUMBER", FP1)).isFalse();
        assertThat(set.contains("IBAN", FP1.toUpperCase(java.util.Locale.ROOT))).as("not a fingerprint").isFalse();
        assertThat(set.contains("IBAN", null)).isFalse();
        assertThat(AcceptedSet.NONE.contains("IBAN", FP1)).isFalse();
    }
}
