package dev.piigate.jobs.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;

/**
 * The one rule for PII in names: what it counts in an object path or a key, it masks wherever the
 * name is written, and names without PII come out as they went in.
 */
class PathMaskerTest {
    private static final Config CONFIG = ConfigLoader.defaults();
    private static final TextScanner SCANNER = new TextScanner(
            DetectorRegistry.load().create(CONFIG.detectors()), CONFIG.detectors().allowList());
    private final PathMasker masker = new PathMasker(SCANNER, new Fingerprinter(new byte[32]));

    private static List<String> types(List<Finding> findings) {
        return findings.stream().map(f -> f.type().name()).toList();
    }

    @Test
    void wordsGluedWithUnderscoresAndAnExtensionAreFoundAndMasked() {
        String path = "file:/data/exports/export_jane.doe@gmail.com_SSN_287-65-4321.jsonl";
        int from = "file:/data/exports/".length();

        assertThat(types(masker.objectPathFindings(path, from)))
                .containsExactly("EMAIL_ADDRESS", "USA_SOCIAL_SECURITY_NUMBER");
        String masked = masker.maskObjectPath(path, from);
        assertThat(masked).startsWith("file:/data/exports/export_").contains(".jsonl" + PathMasker.FINGERPRINT_MARK)
                .doesNotContain("jane", "doe@", "gmail", "287-65", "287");
        assertThat(masked).contains("***-**-4321");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // path | what it holds
        "s3a://bucket/customers/4550112159504165/profile.json|CREDIT_CARD_NUMBER",
        "s3a://bucket/ssn/287654321.json|USA_SOCIAL_SECURITY_NUMBER",             // keyword in the folder
        "s3a://bucket/ssn=287654321/part-0.parquet|USA_SOCIAL_SECURITY_NUMBER",   // Hive partition
        "s3a://bucket/cust-4550112159504165.csv|CREDIT_CARD_NUMBER",             // glued with '-'
        "s3a://bucket/x_DE89370400440532013000_y.txt|IBAN",
        "s3a://bucket/jane.doe@gmail.com.jsonl.gz|EMAIL_ADDRESS",                 // extension glued to the TLD
        "s3a://bucket/a/x-jane.doe@gmail.com-y/b.txt|EMAIL_ADDRESS",
        "s3a://bucket/copy-of-jane.doe@posteo.de.bin|EMAIL_ADDRESS",              // one extension after the TLD
    })
    void piiInAFolderOrFileNameIsCountedAndMasked(String path, String type) {
        int from = PathMasker.keyStart(path);
        List<Finding> found = masker.objectPathFindings(path, from);

        assertThat(types(found)).containsExactly(type);
        String relative = path.substring(from);
        String value = relative.substring(found.get(0).start(), found.get(0).end());
        String masked = masker.maskObjectPath(path, from);
        assertThat(masked).startsWith("s3a://bucket/").doesNotContain(value)
                .contains(PathMasker.FINGERPRINT_MARK + new Fingerprinter(new byte[32]).fingerprint(path));
        assertThat(masker.maskObjectPath(path, from)).as("stable").isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "file:/work/samples/blocked/chat/part-00000-3f0c1a2b-4d5e-6f70-8192-a3b4c5d6e7f8-c000.snappy.parquet",
        "s3a://example-training-data/2024/01/02/data-2024-01-02.jsonl",
        "s3a://bucket/run=20240102T101500Z/shard-000123-of-004096.jsonl.gz",
        "file:/tmp/junit1234567890123456789/data/good.txt",
        "samples/clean/train.manifest",
    })
    void namesWithoutPiiAreLeftAlone(String path) {
        assertThat(masker.objectPathFindings(path, PathMasker.keyStart(path))).isEmpty();
        assertThat(masker.maskObjectPath(path, PathMasker.keyStart(path))).isEqualTo(path);
        assertThat(masker.maskArgument(path)).isEqualTo(path);
        assertThat(masker.maskText("INPUT does not exist: " + path)).isEqualTo("INPUT does not exist: " + path);
    }

    /** The root is the operator's (a local one is often a temporary folder with random digits). */
    @Test
    void theRootIsNeitherCountedNorMasked() {
        String path = "file:/tmp/junit-4556737586899855/data/profile.json";
        int from = "file:/tmp/junit-4556737586899855/data/".length();

        assertThat(masker.objectPathFindings(path, from)).isEmpty();
        assertThat(masker.maskObjectPath(path, from)).isEqualTo(path);
        assertThat(masker.maskArgument("file:/tmp/junit-4556737586899855/data/")).isEqualTo(
                "file:/tmp/junit-4556737586899855/data/");
        assertThat(masker.maskArgument("/tmp/junit-4556737586899855")).as("the last segment is scanned")
                .startsWith("/tmp/junit-************9855" + PathMasker.FINGERPRINT_MARK);
    }

    @Test
    void pathsInMessagesAreMaskedWithoutAFingerprintWhenThereIsNoKey() {
        PathMasker noKey = new PathMasker(SCANNER, null);
        String message = "INPUT does not exist: /data/jane.doe@gmail.com/x.jsonl (and s3://b/4550112159504165)";

        String masked = noKey.maskText(message);

        assertThat(masked).startsWith("INPUT does not exist: /data/").doesNotContain("jane", "4550112159504165",
                PathMasker.FINGERPRINT_MARK);
    }

    /**
     * A key found by the detectors under its parent's path (how the readers deliver it) is masked
     * in every path that goes through it, however far the keyword is from it.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // parent path | key | path written as | what stays of the path
        "$.ssn|287654321|$.ssn['287654321']|$.ssn['",
        "$.ssn.a_very_long_key_name_here_and_more|287654321|$.ssn.a_very_long_key_name_here_and_more['287654321'].x|'].x",
        "$.customer.phone|2025550143|$.customer.phone['2025550143']|$.customer.phone['",
        "$|jane.doe@gmail.com|$['jane.doe@gmail.com'].verified|'].verified",
        "$.users[3]|287-65-4321|$.users[3]['287-65-4321'][0]|$.users[3]['",
        "attrs|4550112159504165|attrs['4550112159504165']|attrs['",                       // Parquet map
        "cards|4550112159504165|cards.4550112159504165|cards.",
        "$|customer_4550112159504165|$.customer_4550112159504165.x|$.customer_",         // glued with '_'
        "$|backup-jane.doe@gmail.com|$['backup-jane.doe@gmail.com']|$['",
    })
    void aKeyCountedUnderItsParentIsMaskedInThePath(String parent, String key, String path, String kept) {
        assertThat(masker.nameFindings(key, parent)).as("counted where the reader delivers it").isNotEmpty();

        String masked = masker.maskFieldPath(path);

        assertThat(masked).doesNotContain(key).contains(kept);
        assertThat(masked.length()).isEqualTo(path.length());
    }

    @Test
    void keysAreScannedAsNames() {
        assertThat(SCANNER.scan("customer_4550112159504165", "$")).as("as a value: glued, not a card").isEmpty();
        assertThat(types(masker.nameFindings("customer_4550112159504165", "$"))).containsExactly("CREDIT_CARD_NUMBER");
        assertThat(types(masker.nameFindings("287654321", "$.ssn"))).containsExactly("USA_SOCIAL_SECURITY_NUMBER");
        assertThat(masker.nameFindings("created_at", "$")).isEmpty();
        assertThat(masker.nameFindings("message-id", "$.headers")).isEmpty();
    }

    @Test
    void escapedQuotesInKeysKeepTheirPlace() {
        String path = "$['o\\'neil.jane@gmail.com'].x";

        String masked = masker.maskFieldPath(path);

        assertThat(masked).startsWith("$['").endsWith("'].x").doesNotContain("neil", "gmail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.messages[2].content", "$['billing details'].iban", "content", "metadata:dc:creator",
        "$header", "$", "address.street", "phones[1]", "$.ssn", "$.card_number"})
    void fieldsWithoutPiiAreLeftAlone(String field) {
        assertThat(masker.maskFieldPath(field)).isEqualTo(field);
    }

    @Test
    void csvColumnNamesAreMaskedAsTheHeaderCellWasScanned() {
        assertThat(SCANNER.scan("ssn 287654321", "$header")).isNotEmpty();

        assertThat(masker.maskName("ssn 287654321", "$header")).isEqualTo("ssn *****4321");
        assertThat(masker.maskName("jane.doe@gmail.com", "$header")).doesNotContain("jane", "gmail");
        assertThat(masker.maskName("email", "$header")).isEqualTo("email");
    }

    @Test
    void extensions() {
        assertThat(PathMasker.extensionStart("a/jane@x.com.jsonl.gz", 2)).isEqualTo("a/jane@x.com".length());
        assertThat(PathMasker.extensionStart("a/jane@x.com.jsonl.gz", 1)).isEqualTo("a/jane@x.com.jsonl".length());
        assertThat(PathMasker.extensionStart("a/x.gz", 2)).isEqualTo(-1);
        assertThat(PathMasker.extensionStart("a.b/name", 1)).isEqualTo(-1);
        assertThat(PathMasker.extensionStart(".hidden", 1)).isEqualTo(-1);
        assertThat(PathMasker.keyStart("s3a://bucket/k/x")).isEqualTo("s3a://bucket/".length());
        assertThat(PathMasker.keyStart("file:/tmp/x")).isEqualTo("file:".length());
        assertThat(PathMasker.keyStart("/tmp/a:b")).isZero();
        assertThat(PathMasker.keyStart("samples/x")).isZero();
    }
}
