package dev.piigate.jobs.s3test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.s3test.RecordingInterceptor.Sent;
import dev.piigate.jobs.s3test.S3Spark.Run;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The scan job end to end with {@code s3a://} and {@code s3://} inputs and outputs against a real S3
 * server on loopback (s3proxy, see {@link S3Server}): gzip objects named by a SageMaker ManifestFile
 * whose prefix is an {@code s3://} URI, the approval published and withdrawn in S3, two runs racing to approve one
 * manifest, and the SSE-KMS headers of {@code --output-kms-key} on every write.
 */
@ResourceLock(SparkTestSession.LOCK)
class S3ScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A real-looking but fictional card number, Luhn-valid, not a published test number. */
    private static final String CARD = "4539 1488 0343 6467";
    private static final String KMS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/0f3c1e2a-7b7d-4c1e-9a55-5d1f0a9b2c3d";

    @RegisterExtension
    static final S3Server S3 = new S3Server("data", "reports", "kms-reports", "copies");
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = S3Spark.start("pii-gate-s3-test", S3Spark.recordingSettings(S3));
    }

    @AfterAll
    static void stop() {
        S3Spark.stop(spark);
    }

    @BeforeEach
    void clearRecording() {
        RecordingInterceptor.clear();
    }

    @Test
    void gzipObjectsOfASageMakerManifestWithAnS3PrefixArePassedApprovedInS3ThenWithdrawn() throws Exception {
        put("data", "gz/chat.jsonl.gz", gzip("{\"text\":\"where is my parcel?\"}\n{\"text\":\"it left the depot\"}\n"));
        put("data", "gz/notes.txt.gz", gzip("call back tomorrow\nno answer\nclosed\n"));
        byte[] manifest = "[{\"prefix\":\"s3://data/gz/\"},\"chat.jsonl.gz\",\"notes.txt.gz\"]".getBytes(UTF_8);
        put("data", "manifests/train.manifest", manifest);

        // s3:// as SageMaker and EMR users write it; outside EMR it is read through S3A
        Run pass = run("--out", "s3://reports/gz/out1", "--manifest", "s3://data/manifests/train.manifest");
        assertThat(pass.status()).as(pass.out() + pass.err()).isEqualTo(Main.PASS);
        JsonNode report = JSON.readTree(get("reports", "gz/out1/report.json"));
        assertThat(report.get("manifest").get("kind").asText()).isEqualTo("SAGEMAKER_MANIFEST_FILE");
        // 5 lines decoded from gzip, and the manifest itself, scanned as one line of text
        assertThat(report.get("totals").get("records").asLong()).as("gzip decoded").isEqualTo(6);
        assertThat(report.get("files")).allSatisfy(f -> {
            assertThat(f.get("path").asText()).startsWith("s3a://data/");
            assertThat(f.get("status").asText()).isEqualTo("COMPLETE");
        });
        assertThat(report.get("files")).extracting(f -> f.get("path").asText()).containsExactly(
                "s3a://data/gz/chat.jsonl.gz", "s3a://data/gz/notes.txt.gz", "s3a://data/manifests/train.manifest");
        assertThat(get("data", "manifests/train.approved.manifest")).isEqualTo(manifest);
        JsonNode record = JSON.readTree(get("data", "manifests/train.approved.manifest.verdict.json"));
        assertThat(record.get("decision").asText()).isEqualTo("PASS");
        assertThat(record.get("runId").asText())
                .isEqualTo(JSON.readTree(get("reports", "gz/out1/verdict.json")).get("runId").asText());

        put("data", "gz/notes.txt.gz", gzip("call back tomorrow\nrefund to card " + CARD + " please\nclosed\n"));
        Run block = run("--out", "s3://reports/gz/out2", "--manifest", "s3://data/manifests/train.manifest");
        assertThat(block.status()).as(block.out() + block.err()).isEqualTo(Main.BLOCK);
        assertThat(exists("data", "manifests/train.approved.manifest")).isFalse();
        assertThat(exists("data", "manifests/train.approved.manifest.verdict.json")).isFalse();
        assertThat(JSON.readTree(get("reports", "gz/out2/verdict.json")).get("decision").asText()).isEqualTo("BLOCK");
    }

    /**
     * Keys are data: a card number in a key blocks a listed prefix and a manifest that names the
     * object by {@code s3://} (read as {@code s3a://}, so the key starts one character later), and
     * neither run writes it in clear.
     */
    @Test
    void aCardNumberInAKeyBlocksAndIsWrittenMasked() throws Exception {
        String card = "4556737586899855";
        put("data", "names/customers/" + card + "/profile.json", "{\"plan\":\"basic\"}\n".getBytes(UTF_8));
        put("data", "names/clean.json", "{\"plan\":\"basic\"}\n".getBytes(UTF_8));
        put("data", "names/train.manifest", ("s3://data/names/customers/" + card + "/profile.json\n"
                + "s3://data/names/clean.json\n").getBytes(UTF_8));

        Run listed = run("--out", "s3a://reports/names/out1", "--show-findings", "5", "s3a://data/names/customers");
        Run manifest = run("--out", "s3://reports/names/out2", "--manifest", "s3://data/names/train.manifest");

        for (Run r : List.of(listed, manifest)) {
            assertThat(r.status()).as(r.err()).isEqualTo(Main.BLOCK);
            assertThat(r.out() + r.err()).doesNotContain(card).contains("customers/************9855/profile.json");
        }
        for (String out : List.of("names/out1", "names/out2")) {
            String report = new String(get("reports", out + "/report.json"), UTF_8);
            // The manifest run counts the card twice: in the object's key and in the manifest's own
            // line that names it (the manifest is scanned as one more object, and blocks by itself).
            assertThat(JSON.readTree(report).get("types").get("CREDIT_CARD_NUMBER").get("recordsUnmasked").asLong())
                    .isEqualTo(out.endsWith("out1") ? 1 : 2);
            assertThat(report + new String(get("reports", out + "/verdict.json"), UTF_8)).doesNotContain(card)
                    .contains("s3a://data/names/customers/************9855/profile.json #path-fingerprint:");
        }
        assertThat(new String(get("reports", "names/out2/report.json"), UTF_8)).contains("\"MANIFEST_PII\"");
        // The outputs people read are written on S3 too, the path masked as everywhere else.
        for (String out : List.of("names/out1", "names/out2")) {
            String html = new String(get("reports", out + "/report.html"), UTF_8);
            String md = new String(get("reports", out + "/summary.md"), UTF_8);
            assertThat(html + md).doesNotContain(card);
            assertThat(html).contains("BLOCK", "************9855");
            assertThat(md).startsWith("# pii-gate: BLOCK");
        }
        // The progress line's final figures: numbers only, on stderr, on s3a:// as on local files.
        assertThat(listed.err()).containsPattern("pii-gate: scanned: 1/1 objects, 17/17 B, 2 records, 1 with unmasked PII");
        // --show-findings: the key's card, by its masked path, as object:record:field:start-end TYPE.
        assertThat(listed.out()).containsPattern("customers/\\*{12}9855/profile\\.json[^\\n]*:[0-9]+-[0-9]+ CREDIT_CARD_NUMBER");
        assertThat(exists("data", "names/train.approved.manifest")).isFalse();
    }

    @Test
    void ofTwoRunsRacingToApproveOneManifestExactlyOnePublishes() throws Exception {
        put("data", "race/a.txt", "nothing to see here\n".getBytes(UTF_8));
        put("data", "race/b.txt", "still nothing\n".getBytes(UTF_8));
        byte[] manifest = "s3://data/race/a.txt\ns3://data/race/b.txt\n".getBytes(UTF_8);
        put("data", "race/train.manifest", manifest);

        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Run>> runs = new ArrayList<>();
        try {
            for (String out : List.of("s3a://reports/race/out-a", "s3a://reports/race/out-b")) {
                runs.add(pool.submit(() -> {
                    barrier.await();
                    return run("--out", out, "--manifest", "s3a://data/race/train.manifest");
                }));
            }
            Run a = runs.get(0).get();
            Run b = runs.get(1).get();
            assertThat(List.of(a.status(), b.status())).as(a.err() + b.err())
                    .containsExactlyInAnyOrder(Main.PASS, Main.ERROR);
            Run loser = a.status() == Main.ERROR ? a : b;
            String winnerOut = a.status() == Main.PASS ? "race/out-a" : "race/out-b";
            String loserOut = a.status() == Main.ERROR ? "race/out-a" : "race/out-b";
            assertThat(loser.err()).contains("already exists: another run published it first")
                    .contains("published no verdict and no approval");
            assertThat(exists("reports", loserOut + "/verdict.json")).isFalse();
            assertThat(get("data", "race/train.approved.manifest")).isEqualTo(manifest);
            String winnerRun = JSON.readTree(get("reports", winnerOut + "/verdict.json")).get("runId").asText();
            assertThat(JSON.readTree(get("data", "race/train.approved.manifest.verdict.json")).get("runId").asText())
                    .isEqualTo(winnerRun);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void outputKmsKeyEncryptsEveryWriteUnderOutAndTheApproval() throws Exception {
        put("data", "kms/a.txt", "nothing to see here\n".getBytes(UTF_8));
        put("data", "kms/train.manifest", "a.txt\n".getBytes(UTF_8));
        // Per-bucket settings apply to S3A instances created after them: start from an empty cache.
        FileSystem.closeAll();
        RecordingInterceptor.clear();
        Run r = run("--out", "s3a://kms-reports/out", "--manifest", "s3a://data/kms/train.manifest",
                "--output-kms-key", KMS_KEY);
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);

        List<Sent> writes = RecordingInterceptor.sent().stream()
                .filter(s -> s.path().startsWith("/kms-reports/") || s.path().startsWith("/data/kms/train.approved"))
                .filter(S3ScanTest::createsAnObject)
                .toList();
        List<String> written = writes.stream().map(Sent::path).toList();
        assertThat(written).contains("/kms-reports/out/report.json", "/kms-reports/out/verdict.json",
                "/data/kms/train.approved.manifest", "/data/kms/train.approved.manifest.verdict.json");
        assertThat(written).anyMatch(p -> p.startsWith("/kms-reports/out/findings/part-"));
        assertThat(writes).allSatisfy(s -> {
            assertThat(s.header("x-amz-server-side-encryption")).as(s.method() + " " + s.path()).isEqualTo("aws:kms");
            assertThat(s.header("x-amz-server-side-encryption-aws-kms-key-id")).as(s.path()).isEqualTo(KMS_KEY);
        });
        // the conditional create carried both its condition and the encryption
        assertThat(writes).filteredOn(s -> s.path().equals("/kms-reports/out/verdict.json"))
                .allSatisfy(s -> assertThat(s.header("if-none-match")).isEqualTo("*"));
        // reading the dataset is not affected
        assertThat(RecordingInterceptor.sent()).filteredOn(s -> s.path().equals("/data/kms/a.txt"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.header("x-amz-server-side-encryption")).isNull());
        FileSystem.closeAll(); // the per-bucket settings stay with this test
    }

    /** PutObject, CopyObject and CreateMultipartUpload; not UploadPart, which carries no SSE headers. */
    /**
     * {@code --redact-to} on S3: the gzip object is rewritten as gzip without the card number, the
     * clean one copied byte for byte, every write of the copy under {@code --output-kms-key}, and
     * the copy's ManifestFile (its prefix the copy's) approved beside the original manifest.
     */
    @Test
    void aRedactedCopyRoundTripsOnS3AndItsManifestIsApprovedBesideTheOriginal() throws Exception {
        put("data", "red/chat.jsonl.gz", gzip("{\"text\":\"refund to card " + CARD + " please\"}\n{\"text\":\"ok\"}\n"));
        byte[] notes = "call back tomorrow\nno answer\n".getBytes(UTF_8);
        put("data", "red/notes.txt", notes);
        put("data", "red/train.manifest",
                "[{\"prefix\":\"s3://data/red/\"},\"chat.jsonl.gz\",\"notes.txt\"]".getBytes(UTF_8));
        FileSystem.closeAll(); // per-bucket encryption settings apply to S3A instances created after them
        RecordingInterceptor.clear();
        Run r = run("--out", "s3://reports/red/out", "--manifest", "s3://data/red/train.manifest", "--redact-to",
                "s3://copies/red/", "--output-kms-key", KMS_KEY);
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.BLOCK);

        String chat = new String(new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(get("copies", "red/chat.jsonl.gz"))).readAllBytes(), UTF_8);
        assertThat(chat).doesNotContain(CARD).contains("<CREDIT_CARD_NUMBER>").endsWith("{\"text\":\"ok\"}\n");
        assertThat(get("copies", "red/notes.txt")).isEqualTo(notes);
        JsonNode copyVerdict = JSON.readTree(get("reports", "red/out/redacted/verdict.json"));
        assertThat(copyVerdict.get("decision").asText()).isEqualTo("PASS");
        JsonNode approved = JSON.readTree(get("data", "red/train.redacted.approved.manifest"));
        assertThat(approved.get(0).get("prefix").asText()).isEqualTo("s3://copies/red/");
        assertThat(approved.get(1).asText()).isEqualTo("chat.jsonl.gz");
        assertThat(exists("data", "red/train.approved.manifest")).as("the original blocks").isFalse();
        assertThat(RecordingInterceptor.sent()).filteredOn(s -> s.path().startsWith("/copies/"))
                .filteredOn(S3ScanTest::createsAnObject).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(s -> assertThat(s.header("x-amz-server-side-encryption")).as(s.path()).isEqualTo("aws:kms"));
    }

    private static boolean createsAnObject(Sent s) {
        return (s.method().equals("PUT") && !s.query().containsKey("partNumber"))
                || (s.method().equals("POST") && s.query().containsKey("uploads"));
    }

    private static void put(String bucket, String key, byte[] bytes) {
        S3.client().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    private static byte[] get(String bucket, String key) {
        return S3.client().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }

    private static boolean exists(String bucket, String key) {
        S3Client c = S3.client();
        try {
            c.headObject(h -> h.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(text.getBytes(UTF_8));
        }
        return buf.toByteArray();
    }

    /** The job against s3proxy, which has no object tagging: approval tags off (see {@link S3Server#withoutApprovalTags}). */
    private static Run run(String... argv) throws IOException {
        return S3Spark.run(S3.withoutApprovalTags(argv));
    }
}
