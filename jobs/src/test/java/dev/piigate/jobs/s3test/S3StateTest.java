package dev.piigate.jobs.s3test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.s3test.S3Spark.Run;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code --state} on a real S3 server with versioning and tagging ({@link MotoServer}), the ledger
 * in a bucket of its own: an object is reused while its size and ETag (and, in a versioned bucket,
 * its version id) are what the ledger saw. The same bytes put again are a new version: scanned again
 * where the bucket is versioned, reused where it is not; other bytes of the same size are scanned.
 */
@ResourceLock(SparkTestSession.LOCK)
class S3StateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A real-looking but fictional card number, Luhn-valid, not a published test number. */
    private static final String CARD = "4539 1488 0343 6467";

    @RegisterExtension
    static final MotoServer S3 = new MotoServer().versioned("ver").unversioned("plain", "reports", "state");
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = S3Spark.start("pii-gate-s3-state-test", S3.s3aSettings());
    }

    @AfterAll
    static void stop() {
        S3Spark.stop(spark);
    }

    private static String object(int i, String word) {
        return "{\"text\":\"ticket " + i + " " + word + " mail user" + i + "@mailbox.org\"}\n"
                + (i == 1 ? "{\"text\":\"card " + CARD + "\"}\n" : "{\"text\":\"ok\"}\n");
    }

    @ParameterizedTest
    @CsvSource({"ver, 2", "plain, 1"})
    void anObjectIsReusedWhileItsEtagAndVersionStand(String bucket, long scannedAgain) throws Exception {
        for (int i = 0; i < 4; i++) {
            put(bucket, "d/" + i + ".jsonl", object(i, "alpha"));
        }
        String state = "s3a://state/" + bucket + "/";
        Run first = S3Spark.run("--out", "s3a://reports/" + bucket + "/1", "--state", state, "s3a://" + bucket + "/d/");
        assertThat(first.status()).as(first.err()).isEqualTo(Main.BLOCK);
        assertThat(report(bucket, "1").get("state").get("objectsScanned").asLong()).isEqualTo(4);

        put(bucket, "d/2.jsonl", object(2, "bravo")); // other bytes, same size: another ETag
        put(bucket, "d/3.jsonl", object(3, "alpha")); // the same bytes again: a new version where versioned
        Run again = S3Spark.run("--out", "s3a://reports/" + bucket + "/2", "--state", state, "s3a://" + bucket + "/d/");
        Run fresh = S3Spark.run("--out", "s3a://reports/" + bucket + "/3", "s3a://" + bucket + "/d/");

        assertThat(again.status()).as(again.err()).isEqualTo(fresh.status()).isEqualTo(Main.BLOCK);
        JsonNode s = report(bucket, "2").get("state");
        assertThat(s.get("objectsScanned").asLong()).isEqualTo(scannedAgain);
        assertThat(s.get("objectsReused").asLong()).isEqualTo(4 - scannedAgain);
        for (String section : List.of("totals", "types", "files")) {
            assertThat(report(bucket, "2").get(section)).as(section).isEqualTo(report(bucket, "3").get(section));
        }
        List<String> parts = S3.client().listObjectsV2(l -> l.bucket("state").prefix(bucket + "/entries/")).contents()
                .stream().map(o -> o.key()).filter(k -> !k.endsWith("/")).toList(); // mkdirs leaves a marker
        assertThat(parts).isNotEmpty().allSatisfy(k -> assertThat(k).contains("/entries/part-"));
        for (String key : parts) {
            assertThat(new String(get("state", key), UTF_8)).doesNotContain(CARD.replace(" ", "")).doesNotContain(CARD);
        }
    }

    private static JsonNode report(String bucket, String run) throws Exception {
        return JSON.readTree(get("reports", bucket + "/" + run + "/report.json"));
    }

    private static void put(String bucket, String key, String text) {
        S3.client().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(text.getBytes(UTF_8)));
    }

    private static byte[] get(String bucket, String key) {
        return S3.client().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }
}
