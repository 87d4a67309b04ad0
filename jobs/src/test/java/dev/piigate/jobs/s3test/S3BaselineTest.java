package dev.piigate.jobs.s3test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

/**
 * {@code --write-baseline} and {@code --baseline} with the baseline in a bucket of its own on a real S3
 * server on loopback ({@link S3Server}): written through S3A (under {@code --output-kms-key} like
 * every other output), read back as {@code s3://}, and a missing one is bad usage.
 */
@ResourceLock(SparkTestSession.LOCK)
class S3BaselineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Real-looking but fictional card numbers, Luhn-valid, not published test numbers. */
    private static final String CARD = "4539 1488 0343 6467";
    private static final String OTHER_CARD = "5164 3426 8782 6989";
    private static final String KMS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/0f3c1e2a-7b7d-4c1e-9a55-5d1f0a9b2c3d";

    @RegisterExtension
    static final S3Server S3 = new S3Server("data", "reports", "baselines");
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = S3Spark.start("pii-gate-s3-baseline-test", S3Spark.recordingSettings(S3));
    }

    @AfterAll
    static void stop() {
        S3Spark.stop(spark);
    }

    @Test
    void aBaselineIsWrittenToS3EncryptedAndReadBackFromThere() throws Exception {
        put("data", "chat/a.jsonl", ("{\"text\":\"refund to card " + CARD + " please\"}\n{\"text\":\"ok\"}\n")
                .getBytes(UTF_8));
        FileSystem.closeAll(); // per-bucket encryption settings apply to S3A instances created after them
        RecordingInterceptor.clear();
        Run write = run("--out", "s3a://reports/chat/out1", "--output-kms-key", KMS_KEY, "--write-baseline",
                "s3a://baselines/chat/baseline.json", "s3a://data/chat/");
        assertThat(write.status()).as(write.out() + write.err()).isEqualTo(Main.BLOCK);
        List<Sent> puts = RecordingInterceptor.sent().stream()
                .filter(s -> s.path().equals("/baselines/chat/baseline.json") && s.method().equals("PUT")).toList();
        assertThat(puts).isNotEmpty().allSatisfy(s -> {
            assertThat(s.header("x-amz-server-side-encryption")).isEqualTo("aws:kms");
            assertThat(s.header("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo(KMS_KEY);
        });
        FileSystem.closeAll(); // the per-bucket settings stay with this run

        String text = new String(get("baselines", "chat/baseline.json"), UTF_8);
        assertThat(text).doesNotContain(CARD).doesNotContain(CARD.replace(" ", ""));
        JsonNode baseline = JSON.readTree(text);
        assertThat(baseline.get("accepted")).singleElement()
                .satisfies(e -> assertThat(e.get("type").asText()).isEqualTo("CREDIT_CARD_NUMBER"));

        Run accept = run("--out", "s3://reports/chat/out2", "--baseline", "s3://baselines/chat/baseline.json",
                "s3a://data/chat/");
        assertThat(accept.status()).as(accept.out() + accept.err()).isEqualTo(Main.PASS);
        JsonNode report = JSON.readTree(get("reports", "chat/out2/report.json"));
        assertThat(report.get("baseline").get("uri").asText()).isEqualTo("s3://baselines/chat/baseline.json");
        assertThat(report.get("baseline").get("acceptedFindings").asLong()).isEqualTo(1);
        assertThat(report.get("types").get("CREDIT_CARD_NUMBER").get("accepted").asLong()).isEqualTo(1);

        // A new card beside the accepted one: its record counts, the accepted one's does not.
        put("data", "chat/b.jsonl", ("{\"text\":\"and card " + OTHER_CARD + "\"}\n").getBytes(UTF_8));
        Run block = run("--out", "s3://reports/chat/out3", "--baseline", "s3a://baselines/chat/baseline.json",
                "s3a://data/chat/");
        assertThat(block.status()).as(block.out() + block.err()).isEqualTo(Main.BLOCK);
        JsonNode blocked = JSON.readTree(get("reports", "chat/out3/report.json"));
        assertThat(blocked.get("totals").get("recordsUnmasked").asLong()).isEqualTo(1);
        assertThat(blocked.get("totals").get("recordsAcceptedOnly").asLong()).isEqualTo(1);
    }

    @Test
    void aBaselineMissingFromS3IsBadUsage() throws IOException {
        put("data", "missing/a.txt", "nothing here\n".getBytes(UTF_8));
        Run r = run("--out", "s3a://reports/missing/out", "--baseline", "s3a://baselines/missing/none.json",
                "s3a://data/missing/");
        assertThat(r.status()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--baseline s3a://baselines/missing/none.json: no such file");
    }

    private static void put(String bucket, String key, byte[] bytes) {
        S3.client().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    private static byte[] get(String bucket, String key) {
        return S3.client().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }

    private static Run run(String... argv) throws IOException {
        return S3Spark.run(S3.withoutApprovalTags(argv));
    }
}
