package dev.piigate.jobs.s3test;

import static dev.piigate.jobs.s3test.S3Spark.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.piigate.jobs.s3test.S3Spark.Run;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The approval tags against a real S3 server with tagging and versioning (moto, see
 * {@link MotoServer}), through the scan job end to end with a real local Spark session.
 */
@ResourceLock(SparkTestSession.LOCK)
class ApprovalTagsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MotoServer S3 = new MotoServer().versioned("ver").unversioned("plain", "reports");
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = S3Spark.start("pii-gate-approval-tags-test", S3.s3aSettings());
    }

    @AfterAll
    static void stop() {
        S3Spark.stop(spark);
    }

    /** S3A as the job uses it (list, HEAD, GET, PUT, conditional PUT, delete) works against moto. */
    @Test
    void s3aScansAndPublishesAgainstMoto() throws Exception {
        put("ver", "smoke/data/a.jsonl", "{\"text\":\"where is my parcel?\"}\n");
        put("ver", "smoke/data/b.txt", "nothing here\n");
        put("ver", "smoke/train.manifest", "data/a.jsonl\ndata/b.txt\n");

        Run listed = run("--out", "s3a://reports/smoke/out1", "s3a://ver/smoke/data/");
        Run manifest = run("--out", "s3a://reports/smoke/out2", "--manifest", "s3a://ver/smoke/train.manifest");

        for (Run r : java.util.List.of(listed, manifest)) {
            assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);
        }
        JsonNode report = JSON.readTree(get("reports", "smoke/out2/report.json"));
        assertThat(report.get("totals").get("records").asLong()).isEqualTo(4);
        assertThat(get("ver", "smoke/train.approved.manifest")).isEqualTo("data/a.jsonl\ndata/b.txt\n");
    }

    private static void put(String bucket, String key, String text) {
        S3.client().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(text, UTF_8));
    }

    private static String get(String bucket, String key) {
        return S3.client().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asString(UTF_8);
    }
}
