package dev.piigate.jobs.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.piigate.jobs.gate.BlockReason;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.read.Format;
import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;
import dev.piigate.jobs.samples.SampleGenerator;
import dev.piigate.jobs.scan.ObjectResult;

class ManifestsTest {
    private static final String LOCAL = "/data/run-7/train.manifest";
    private static final String S3 = "s3://example-training-data/run-7/train.manifest";
    /** Planted in entries of the error cases: no message may echo it. */
    private static final String SECRET = "4556737586899855";

    // ---------------------------------------------------------------- the three kinds, from samples/

    @Test
    void sageMakerManifestFileFromSamples() throws Exception {
        Path file = SampleGenerator.samplesDir().resolve("manifests/sagemaker-manifestfile.json");
        byte[] bytes = Files.readAllBytes(file);
        Manifest m = Manifests.parse("s3://example-training-data/manifests/clean.json", bytes);

        assertThat(m.kind()).isEqualTo(ManifestKind.SAGEMAKER_MANIFEST_FILE);
        assertThat(m.objects()).containsExactly(
                "s3://example-training-data/clean/chat-logs.jsonl",
                "s3://example-training-data/clean/customers.csv",
                "s3://example-training-data/clean/orders.parquet",
                "s3://example-training-data/clean/tickets.txt",
                "s3://example-training-data/clean/ticket-archive.txt.gz",
                "s3://example-training-data/clean/statement.pdf",
                "s3://example-training-data/clean/contract.docx");
        assertThat(m.sha256()).isEqualTo(Manifests.sha256Hex(bytes)).hasSize(64);
    }

    @Test
    void augmentedManifestFromSamples() throws Exception {
        byte[] bytes = Files.readAllBytes(SampleGenerator.samplesDir().resolve("manifests/augmented.manifest"));
        Manifest m = Manifests.parse("s3://example-training-data/manifests/augmented.manifest", bytes);

        assertThat(m.kind()).isEqualTo(ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST);
        assertThat(m.objects()).containsExactly(
                "s3://example-training-data/clean/tickets.txt",
                "s3://example-training-data/clean/statement.pdf",
                "s3://example-training-data/clean/contract.docx");
    }

    @Test
    void plainListFromSamplesResolvesAgainstTheManifestFolder() throws Exception {
        byte[] bytes = Files.readAllBytes(SampleGenerator.samplesDir().resolve("manifests/plain-list.manifest"));
        Manifest m = Manifests.parse("s3://example-training-data/manifests/plain-list.manifest", bytes);

        assertThat(m.kind()).isEqualTo(ManifestKind.PLAIN_LIST);
        assertThat(m.objects()).containsExactly(
                "s3://example-training-data/blocked/chat-logs.jsonl",
                "s3://example-training-data/blocked/customers.csv",
                "s3://example-training-data/manifests/clean/tickets.txt",
                "s3://example-training-data/manifests/orders/2024-05/orders.parquet",
                "s3://example-training-data/shared/reference/statement.pdf");
    }

    @Test
    void datasetManifestsInSamplesNameFilesThatExist() throws Exception {
        for (String dataset : List.of("blocked", "clean")) {
            Path manifest = SampleGenerator.samplesDir().resolve(dataset).resolve("train.manifest").toAbsolutePath();
            Manifest m = Manifests.parse(manifest.toString(), Files.readAllBytes(manifest));
            assertThat(m.kind()).isEqualTo(ManifestKind.PLAIN_LIST);
            assertThat(m.objects()).hasSizeGreaterThanOrEqualTo(6);
            for (String object : m.objects()) {
                assertThat(Path.of(object)).as(object).isRegularFile();
            }
        }
    }

    // ---------------------------------------------------------------- valid inputs, as a table

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("ManifestFile, prefix without trailing slash is appended literally",
                        S3, "[{\"prefix\": \"s3://b/data/train-\"}, \"001.jsonl\", \"002.jsonl\"]",
                        ManifestKind.SAGEMAKER_MANIFEST_FILE, List.of("s3://b/data/train-001.jsonl", "s3://b/data/train-002.jsonl")),
                Arguments.of("ManifestFile, keys with spaces and nested folders",
                        S3, "  \n[ {\"prefix\":\"s3://b/p/\"},\n \"a b/c.csv\",\n \"x/y/z.txt\" ]\n",
                        ManifestKind.SAGEMAKER_MANIFEST_FILE, List.of("s3://b/p/a b/c.csv", "s3://b/p/x/y/z.txt")),
                Arguments.of("augmented, other attributes ignored, blank lines skipped",
                        S3, "{\"source-ref\":\"s3://b/img/1.jpg\",\"class\":3,\"class-metadata\":{\"x\":[1,2]}}\n\n"
                                + "{\"class\":1,\"source-ref\":\"s3://b/img/2.jpg\"}\n",
                        ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST, List.of("s3://b/img/1.jpg", "s3://b/img/2.jpg")),
                Arguments.of("augmented, every top-level -ref attribute names an object, in line order",
                        S3, "{\"source-ref\":\"s3://b/img/1.jpg\",\"mask-ref\":\"s3://b/mask/1.png\",\"label\":2}\n"
                                + "{\"label-ref\":\"s3://b/lab/2.json\",\"source-ref\":\"s3://b/img/2.jpg\"}\n",
                        ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST, List.of("s3://b/img/1.jpg", "s3://b/mask/1.png",
                                "s3://b/lab/2.json", "s3://b/img/2.jpg")),
                Arguments.of("augmented, a line with inline source and only another -ref: its object is scanned",
                        S3, "{\"source\":\"some inline text\",\"annotation-ref\":\"s3://b/ann/1.json\"}\n",
                        ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST, List.of("s3://b/ann/1.json")),
                Arguments.of("augmented, a mask shared by lines (and equal to a source) is one object, no duplicate",
                        S3, "{\"source-ref\":\"s3://b/1.jpg\",\"mask-ref\":\"s3://b/m.png\"}\n"
                                + "{\"source-ref\":\"s3://b/2.jpg\",\"mask-ref\":\"s3a://b/m.png\"}\n"
                                + "{\"source-ref\":\"s3://b/3.jpg\",\"mask-ref\":\"s3://b/1.jpg\"}\n",
                        ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST, List.of("s3://b/1.jpg", "s3://b/m.png",
                                "s3://b/2.jpg", "s3://b/3.jpg")),
                Arguments.of("augmented, nested -ref keys are inline metadata, not objects SageMaker reads",
                        S3, "{\"source-ref\":\"s3://b/1.jpg\",\"meta\":{\"orig-ref\":\"s3://b/x.jpg\",\"n-ref\":3}}\n",
                        ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST, List.of("s3://b/1.jpg")),
                Arguments.of("plain list: comments, blanks, CRLF, relative and absolute entries, s3 kept as s3",
                        S3, "# header\r\n\r\nchat.jsonl\r\n  sub/tickets.txt  \r\n/other/x.csv\r\ns3://c/k.txt\r\n",
                        ManifestKind.PLAIN_LIST, List.of("s3://example-training-data/run-7/chat.jsonl",
                                "s3://example-training-data/run-7/sub/tickets.txt",
                                "s3://example-training-data/other/x.csv", "s3://c/k.txt")),
                Arguments.of("plain list next to a local manifest",
                        LOCAL, "a.jsonl\n/abs/b.csv\nfile:/c/d.txt\n",
                        ManifestKind.PLAIN_LIST, List.of("/data/run-7/a.jsonl", "/abs/b.csv", "file:/c/d.txt")),
                Arguments.of("plain list next to a file: manifest",
                        "file:/data/train.manifest", "a.jsonl\n/abs/b.csv\n",
                        ManifestKind.PLAIN_LIST, List.of("file:/data/a.jsonl", "file:/abs/b.csv")),
                Arguments.of("plain list next to a file:/// manifest",
                        "file:///data/train.manifest", "a.jsonl\n/abs/b.csv\nfile:///c/d.txt\n",
                        ManifestKind.PLAIN_LIST, List.of("file:///data/a.jsonl", "file:///abs/b.csv", "file:///c/d.txt")),
                Arguments.of("UTF-8 byte order mark before a ManifestFile",
                        S3, "\uFEFF[{\"prefix\":\"s3://b/\"},\"k\"]",
                        ManifestKind.SAGEMAKER_MANIFEST_FILE, List.of("s3://b/k")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesValidManifests(String name, String uri, String content, ManifestKind kind, List<String> objects)
            throws Exception {
        Manifest m = Manifests.parse(uri, content.getBytes(UTF_8));
        assertThat(m.uri()).isEqualTo(uri);
        assertThat(m.kind()).isEqualTo(kind);
        assertThat(m.objects()).containsExactlyElementsOf(objects);
    }

    // ---------------------------------------------------------------- errors, as a table

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("empty", S3, "", "is empty"),
                Arguments.of("whitespace only", S3, " \n\t\n", "is empty"),
                Arguments.of("comments only", S3, "# nothing\n\n# here\n", "names no objects"),
                Arguments.of("ManifestFile with only the prefix", S3, "[{\"prefix\":\"s3://b/\"}]", "names no objects"),
                Arguments.of("ManifestFile, empty array", S3, "[]", "array element [0]"),
                Arguments.of("ManifestFile, first element a string", S3, "[\"s3://b/" + SECRET + "\"]",
                        "array element [0] (line 1, column 2): expected an object with a string field \"prefix\", found a string"),
                Arguments.of("ManifestFile, prefix missing", S3, "[{}, \"k\"]", "array element [0] (line 1, column 3): missing the string field \"prefix\""),
                Arguments.of("ManifestFile, prefix not a string", S3, "[{\"prefix\": 7}, \"k\"]", "field \"prefix\" must be a string, found a number"),
                Arguments.of("ManifestFile, another field beside the prefix", S3, "[{\"prefix\":\"s3://b/\",\"" + SECRET + "\":1}, \"k\"]",
                        "expected only the field \"prefix\", found another field"),
                Arguments.of("ManifestFile, relative prefix", S3, "[{\"prefix\":\"data/" + SECRET + "/\"}, \"k\"]",
                        "array element [0]: the prefix is not an absolute URI"),
                Arguments.of("ManifestFile, prefix without bucket", S3, "[{\"prefix\":\"s3:///x/\"}, \"k\"]", "the prefix has no bucket"),
                Arguments.of("ManifestFile, prefix is a bare bucket", S3, "[{\"prefix\":\"s3://bucket\"}, \"k\"]", "has no '/' after the bucket"),
                Arguments.of("ManifestFile, non-string key", S3, "[{\"prefix\":\"s3://b/\"},\n\"a\",\n{\"k\":\"" + SECRET + "\"}]",
                        "array element [2] (line 3, column 1): expected a string key relative to the prefix, found an object"),
                Arguments.of("ManifestFile, number key", S3, "[{\"prefix\":\"s3://b/\"}, " + SECRET + "]", "array element [1] (line 1, column 24): expected a string key relative to the prefix, found a number"),
                Arguments.of("ManifestFile, null element", S3, "[{\"prefix\":\"s3://b/\"}, \"a\", null]",
                        "array element [2] (line 1, column 29): expected a string key relative to the prefix, found null"),
                Arguments.of("ManifestFile, nested array element", S3, "[{\"prefix\":\"s3://b/\"}, [\"" + SECRET + "\"]]",
                        "array element [1] (line 1, column 24): expected a string key relative to the prefix, found an array"),
                Arguments.of("ManifestFile, a second prefix later", S3,
                        "[{\"prefix\":\"s3://b/\"}, \"a\", {\"prefix\":\"s3://" + SECRET + "/\"}, \"b\"]",
                        "array element [2] (line 1, column 29): expected a string key relative to the prefix, found an object"),
                Arguments.of("ManifestFile, boolean element", S3, "[{\"prefix\":\"s3://b/\"}, true]",
                        "expected a string key relative to the prefix, found a boolean"),
                Arguments.of("ManifestFile, duplicate keys", S3, "[{\"prefix\":\"s3://b/\"}, \"" + SECRET + "\", \"x\", \"" + SECRET + "\"]",
                        "array element [3] (line 1, column 49) names the same object as array element [1] (line 1, column 24)"),
                Arguments.of("ManifestFile, unterminated", S3, "[{\"prefix\":\"s3://b/\"}, \"a\"", "malformed JSON at line 1, column"),
                Arguments.of("ManifestFile, bad token", S3, "[{\"prefix\":\"s3://b/\"},\n nope" + SECRET + "]", "malformed JSON at line 2, column"),
                Arguments.of("ManifestFile, content after the array", S3, "[{\"prefix\":\"s3://b/\"}, \"a\"] [\"" + SECRET + "\"]",
                        "has content after the closing ']' at line 1, column 29"),
                Arguments.of("ManifestFile, key with a '..' segment", S3, "[{\"prefix\":\"s3://b/p/\"}, \"../" + SECRET + "\"]",
                        "array element [1] (line 1, column 26): the entry has a '.' or '..' path segment"),
                Arguments.of("ManifestFile, key naming a folder", S3, "[{\"prefix\":\"s3://b/p/\"}, \"" + SECRET + "/\"]", "the entry names a folder, not an object"),
                Arguments.of("ManifestFile, empty key", S3, "[{\"prefix\":\"s3://b/p/\"}, \"\"]", "the entry names a folder, not an object"),
                Arguments.of("augmented, no source-ref", S3, "{\"source-ref\":\"s3://b/1\"}\n{\"source\":\"" + SECRET + "\"}\n",
                        "line 2: missing the string field \"source-ref\" or another attribute ending in \"-ref\""),
                Arguments.of("augmented, another -ref not a string (its name is not echoed)", S3,
                        "{\"source-ref\":\"s3://b/1\",\"" + SECRET + "-ref\":" + SECRET + "}",
                        "line 1: an attribute ending in \"-ref\" must be a string, found a number"),
                Arguments.of("augmented, another -ref relative", S3,
                        "{\"source-ref\":\"s3://b/1\",\"mask-ref\":\"masks/" + SECRET + ".png\"}",
                        "line 1: an attribute ending in \"-ref\" is not an absolute URI"),
                Arguments.of("augmented, another -ref naming a folder", S3,
                        "{\"source-ref\":\"s3://b/1\",\"mask-ref\":\"s3://b/" + SECRET + "/\"}",
                        "line 1 (an attribute ending in \"-ref\"): the entry names a folder, not an object"),
                Arguments.of("augmented, source-ref twice across lines even when a mask shares it", S3,
                        "{\"source-ref\":\"s3://b/" + SECRET + "\",\"mask-ref\":\"s3://b/m\"}\n{\"source-ref\":\"s3://b/"
                                + SECRET + "\"}", "line 2 names the same object as line 1"),
                Arguments.of("augmented, source-ref not a string", S3, "{\"source-ref\":[\"s3://b/" + SECRET + "\"]}", "line 1: \"source-ref\" must be a string, found an array"),
                Arguments.of("augmented, relative source-ref", S3, "{\"source-ref\":\"img/" + SECRET + ".jpg\"}", "line 1: \"source-ref\" is not an absolute URI"),
                Arguments.of("augmented, line that is not an object", S3, "{\"source-ref\":\"s3://b/1\"}\n[\"" + SECRET + "\"]",
                        "line 2: expected a JSON object, found an array"),
                Arguments.of("augmented, malformed line", S3, "{\"source-ref\":\"s3://b/1\"}\n{\"source-ref\": nope" + SECRET + "}",
                        "line 2: malformed JSON at column"),
                Arguments.of("augmented, two objects on one line", S3, "{\"source-ref\":\"s3://b/1\"} {\"source-ref\":\"s3://b/" + SECRET + "\"}",
                        "line 1: expected one JSON object per line, found more"),
                Arguments.of("augmented, source-ref twice in one object", S3, "{\"source-ref\":\"s3://b/1\",\"source-ref\":\"s3://b/" + SECRET + "\"}",
                        "line 1: malformed JSON"),
                Arguments.of("augmented, duplicate objects", S3, "{\"source-ref\":\"s3://b/" + SECRET + "\"}\n\n{\"source-ref\":\"s3://b/" + SECRET + "\"}",
                        "line 3 names the same object as line 1"),
                Arguments.of("plain list, duplicates after resolution", S3, "# x\na.txt\ns3://example-training-data/run-7/a.txt\n",
                        "line 3 names the same object as line 2"),
                Arguments.of("plain list, s3 and s3a name the same object", S3, "s3://b/" + SECRET + "\ns3a://b/" + SECRET + "\n",
                        "line 2 names the same object as line 1"),
                Arguments.of("plain list, a path and its file: forms name the same object", LOCAL,
                        "/d/" + SECRET + "\nfile:///d/" + SECRET + "\n", "line 2 names the same object as line 1"),
                Arguments.of("plain list, file: and file:/// name the same object", LOCAL,
                        "file:/d/" + SECRET + "\nfile:///d/" + SECRET + "\n", "line 2 names the same object as line 1"),
                Arguments.of("plain list, bucket only", S3, "s3://bucket-" + SECRET + "\n", "line 1: the entry names a bucket or host, not an object"),
                Arguments.of("plain list, no bucket", S3, "s3:///" + SECRET + "\n", "line 1: the entry is not an object URI: expected scheme://bucket/key, found no bucket or host"),
                Arguments.of("plain list, opaque URI", S3, "mailto:" + SECRET + "@example.com\n", "line 1: the entry is not an object URI"),
                Arguments.of("plain list, folder", S3, "data/" + SECRET + "/\n", "line 1: the entry names a folder, not an object"),
                Arguments.of("plain list, dot-dot segment", S3, "ok.txt\n../" + SECRET + ".txt\n", "line 2: the entry has a '.' or '..' path segment"),
                Arguments.of("plain list, empty segment", S3, "data//" + SECRET + ".txt\n", "line 1: the entry has an empty path segment"),
                Arguments.of("plain list, control character", S3, "a\u0007" + SECRET + ".txt\n", "line 1: the entry contains a control character at column"),
                Arguments.of("plain list, too long", S3, "a/" + "x".repeat(5000) + "\n", "line 1: the entry is longer than 4096 characters"),
                Arguments.of("not UTF-8", S3, null, "is not valid UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWithPositionAndWithoutContent(String name, String uri, String content, String expected) {
        byte[] bytes = content == null ? new byte[] {'a', (byte) 0xC3, 0x28, '\n'} : content.getBytes(UTF_8);
        assertThatThrownBy(() -> Manifests.parse(uri, bytes))
                .isInstanceOfSatisfying(ManifestException.class, e -> {
                    assertThat(e.manifestUri()).isEqualTo(uri);
                    assertThat(e.getMessage()).startsWith("manifest " + uri + ": ").contains(expected)
                            .doesNotContain(SECRET).doesNotContain("xxxxxxxxxx");
                    assertThat(e.getCause()).isNull();
                });
    }

    // ---------------------------------------------------------------- digest

    @Test
    void digestIsOfTheExactBytes() throws Exception {
        String a = "a.txt\nb.txt\n";
        String b = "a.txt\r\nb.txt\r\n"; // same entries, other bytes
        Manifest ma = Manifests.parse(S3, a.getBytes(UTF_8));
        Manifest mb = Manifests.parse(S3, b.getBytes(UTF_8));
        assertThat(ma.objects()).isEqualTo(mb.objects());
        assertThat(ma.sha256()).isNotEqualTo(mb.sha256());
        // printf 'a.txt\nb.txt\n' | sha256sum
        assertThat(ma.sha256()).isEqualTo("ff6c40f3a036e8b89f0d3731a719f669f9972eab564868c657bf638d7c927b3b");
    }

    @Test
    void digestMatchesTheSampleFileBytes() throws IOException, ManifestException {
        Path file = SampleGenerator.samplesDir().resolve("manifests/augmented.manifest");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Manifests.parse(file.toString(), bytes).sha256())
                .isEqualTo(Manifests.sha256Hex(bytes));
    }

    // ---------------------------------------------------------------- approved name

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
            "train.manifest,                          approved, train.approved.manifest",
            "s3://b/data/train.manifest,              approved, s3://b/data/train.approved.manifest",
            "s3://b/data/train,                       approved, s3://b/data/train.approved",
            "s3://b/v1.2/train,                       approved, s3://b/v1.2/train.approved",
            "s3://b/v1.2/train.jsonl.gz,              approved, s3://b/v1.2/train.jsonl.approved.gz",
            "/data/.manifest,                         approved, /data/.manifest.approved",
            "/data/train.,                            approved, /data/train.approved.",
            "s3://b/train.approved.manifest,          approved, s3://b/train.approved.approved.manifest",
            "s3://b/train.manifest,                   ok-2024_05, s3://b/train.ok-2024_05.manifest",
    })
    void approvedName(String uri, String suffix, String expected) {
        assertThat(Manifests.approvedName(uri, suffix)).isEqualTo(expected);
    }

    @Test
    void approvedNameDefaultSuffix() {
        assertThat(Manifests.approvedName("s3://b/train.manifest")).isEqualTo("s3://b/train.approved.manifest");
    }

    @ParameterizedTest
    @CsvSource({"s3://b/data/, approved", "s3://b/train.manifest, ''", "s3://b/train.manifest, a.b",
            "s3://b/train.manifest, a/b"})
    void approvedNameRejectsFoldersAndBadSuffixes(String uri, String suffix) {
        assertThatThrownBy(() -> Manifests.approvedName(uri, suffix)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
            "train.manifest,  train.approved.manifest,          approved",
            "train.manifest,  train.ok.manifest,                ok",
            "train.manifest,  train.ok-2024_05.manifest,        ok-2024_05",
            "train,           train.approved,                   approved",
            "data.jsonl.gz,   data.jsonl.approved.gz,           approved",
            ".manifest,       .manifest.approved,               approved",
            "train.manifest,  train.manifest,                   ''",
            "train.manifest,  train..manifest,                  ''",
            "train.manifest,  train.v2.approved.manifest,       ''",
            "train.manifest,  other.approved.manifest,          ''",
            "train.manifest,  train.approved.manifest.bak,      ''",
            "train,           train.csv.gz,                     ''",
            "train.manifest,  trainXapproved.manifest,          ''",
    })
    void approvalSuffixInvertsApprovedName(String manifest, String candidate, String expected) {
        assertThat(Manifests.approvalSuffix(manifest, candidate).orElse("")).isEqualTo(expected);
        if (!expected.isEmpty()) {
            assertThat(Manifests.approvedName(manifest, expected)).isEqualTo(candidate);
        }
    }

    @Test
    void theManifestItselfIsScannedInTheFormatOfItsKind() {
        assertThat(ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST.recordFormat()).isEqualTo(Format.JSONL);
        assertThat(ManifestKind.SAGEMAKER_MANIFEST_FILE.recordFormat()).isEqualTo(Format.TEXT);
        assertThat(ManifestKind.PLAIN_LIST.recordFormat()).isEqualTo(Format.TEXT);
    }

    static Stream<Arguments> manifestScans() {
        return Stream.of(
                Arguments.of("complete and clean", "COMPLETE", null, 0L, List.of()),
                Arguments.of("unmasked PII in one record", "COMPLETE", null, 1L, List.of(ManifestContent.MANIFEST_PII)),
                Arguments.of("partial, tolerated or not", "PARTIAL", "TOO_LARGE", 0L,
                        List.of(ManifestContent.MANIFEST_NOT_SCANNED)),
                Arguments.of("skipped with PII counted before", "SKIPPED", "OBJECT_CHANGED", 2L,
                        List.of(ManifestContent.MANIFEST_NOT_SCANNED, ManifestContent.MANIFEST_PII)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestScans")
    void theManifestsOwnScanBlocksOnAnyUnmaskedRecordOrAnyIncompleteStatus(String name, String status, String reason,
            long unmasked, List<String> codes) {
        ObjectResult scanned = new ObjectResult("s3a://b/train.manifest", "s3a://b/train.manifest", "jsonl", 100, null,
                ObjectStatus.of(ScanStatus.valueOf(status), reason == null ? null : StatusReason.valueOf(reason)), null,
                3, unmasked, 0, 0, 0, unmasked, 0, Map.of());
        List<BlockReason> reasons = ManifestContent.reasons(scanned);
        assertThat(reasons).extracting(BlockReason::code).containsExactlyElementsOf(codes);
        assertThat(reasons).allSatisfy(r -> assertThat(r.scope()).isEqualTo("manifest"));
        if (unmasked > 0) {
            assertThat(reasons).filteredOn(r -> r.code().equals(ManifestContent.MANIFEST_PII)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.message()).contains("the manifest itself holds unmasked PII");
                        assertThat(r.observed()).isEqualTo(unmasked);
                        assertThat(r.threshold()).isZero();
                    });
        }
        assertThat(ManifestContent.reasons(null)).extracting(BlockReason::code)
                .containsExactly(ManifestContent.MANIFEST_NOT_SCANNED);
    }

    @Test
    void manifestRecordIsValidatedAndShort() {
        assertThatThrownBy(() -> new Manifest(S3, ManifestKind.PLAIN_LIST, List.of(), "0".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Manifest(S3, ManifestKind.PLAIN_LIST, List.of("s3://b/k"), "ABC"))
                .isInstanceOf(IllegalArgumentException.class);
        Manifest m = new Manifest(S3, ManifestKind.PLAIN_LIST, List.of("s3://b/k"), "0".repeat(64));
        assertThat(m.toString()).contains("1 objects").doesNotContain("s3://b/k");
    }
}
