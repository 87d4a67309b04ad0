package dev.piigate.jobs.s3test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

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

/**
 * The scan job on a prefix of thousands of objects in S3: a paged listing, and a report large enough
 * to go up as a multipart upload. On s3proxy's filesystem backend, so the objects are dropped into
 * place rather than PUT one by one; the other S3 tests are in {@link S3ScanTest}.
 */
@ResourceLock(SparkTestSession.LOCK)
class S3ListingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final S3Server S3 = new S3Server(S3Server.Backend.FILESYSTEM, "data", "reports");
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        Map<String, String> s3a = S3Spark.recordingSettings(S3);
        s3a.put("fs.s3a.paging.maximum", "500"); // several pages for a few thousand objects
        s3a.put("fs.s3a.multipart.size", "5M"); // S3's minimum part size, so a 5+ MiB report goes up in parts
        s3a.put("fs.s3a.multipart.threshold", "5M");
        spark = S3Spark.start("pii-gate-s3-listing-test", s3a);
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
    void thousandsOfSmallObjectsAreListedInPagesAndTheLargeReportGoesUpInParts() throws Exception {
        int count = 2800;
        // Long keys (S3 allows 1,024 bytes) and five masked types per object make each report entry
        // about 2 KB, so 2,800 tiny objects yield a report above the 5 MiB part size (S3's minimum,
        // which S3A enforces) without scanning megabytes of data.
        String folder = "many/" + String.join("/", "a".repeat(240), "b".repeat(240), "c".repeat(240), "d".repeat(240))
                + "/";
        byte[] body = ("From <EMAIL_ADDRESS>; refund to <IBAN_CODE>; call |||PHONE_NUMBER|||; SSN XXX-XX-6789;"
                + " card ****-****-****-5310\n").getBytes(UTF_8);
        for (int i = 0; i < count; i++) {
            S3.drop("data", folder + String.format("object-%05d.txt", i), body);
        }

        Run r = run("--out", "s3a://reports/many/out", "s3a://data/many/");
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);

        JsonNode report = JSON.readTree(get("reports", "many/out/report.json"));
        assertThat(report.get("totals").get("files").asLong()).isEqualTo(count);
        assertThat(report.get("files")).hasSize(count);
        assertThat(report.get("statuses").get("COMPLETE").asLong()).isEqualTo(count);

        List<Sent> lists = RecordingInterceptor.sent().stream()
                .filter(s -> s.method().equals("GET") && s.query().containsKey("list-type")
                        && s.query().getOrDefault("prefix", List.of("")).get(0).startsWith("many/"))
                .toList();
        assertThat(lists).as("paged listing, 500 keys a page").hasSizeGreaterThanOrEqualTo(count / 500);

        long size = S3.client().headObject(h -> h.bucket("reports").key("many/out/report.json")).contentLength();
        assertThat(size).as("report size").isGreaterThan(5L * 1024 * 1024);
        String etag = S3.client().headObject(h -> h.bucket("reports").key("many/out/report.json")).eTag();
        assertThat(etag).as("a multipart upload's ETag ends in -<parts>").matches("\"?[0-9a-f]{32}-[0-9]+\"?");
        assertThat(RecordingInterceptor.sent()).anySatisfy(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.path()).endsWith("/many/out/report.json");
            assertThat(s.query()).containsKey("uploads");
        });
    }

    private static byte[] get(String bucket, String key) {
        return S3.client().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }

    /** The job against s3proxy, which has no object tagging: approval tags off (see {@link S3Server#withoutApprovalTags}). */
    private static Run run(String... argv) throws IOException {
        return S3Spark.run(S3.withoutApprovalTags(argv));
    }
}
