package dev.piigate.jobs.s3test;

import static dev.piigate.jobs.s3test.S3Spark.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

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
 * Issue 15, listing hygiene in S3: a dataset prefix scanned as {@code s3a://} whose {@code --out}
 * lies inside it, given as {@code s3://} (read through S3A outside EMR). The second run finds the
 * first run's outputs there and leaves them out, exactly those, scans the augmented manifest beside
 * the data as JSON Lines, and passes. (Under EMRFS the two schemes stay apart until compared:
 * ObjectListingOwnFilesTest checks that comparison.)
 */
@ResourceLock(SparkTestSession.LOCK)
class S3FolderOwnFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final S3Server S3 = new S3Server("data");
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = S3Spark.start("pii-gate-s3-own-files-test", S3Spark.recordingSettings(S3));
    }

    @AfterAll
    static void stop() {
        S3Spark.stop(spark);
    }

    @Test
    void aPrefixWithItsManifestAndThisRunsOutputPasses() throws Exception {
        put("ds/a.jsonl", "{\"text\":\"hello\"}\n");
        put("ds/train.manifest", "{\"source-ref\":\"s3://data/ds/a.jsonl\",\"label\":\"greeting\"}\n");

        Run first = run(S3.withoutApprovalTags("--findings-format", "jsonl", "--out", "s3://data/ds/gate-out", "s3a://data/ds/"));
        assertThat(first.status()).as(first.out() + first.err()).isEqualTo(Main.PASS);
        List<String> earlier = new ArrayList<>();
        S3.client().listObjectsV2Paginator(l -> l.bucket("data").prefix("ds/gate-out/")).contents()
                .forEach(o -> earlier.add(o.key()));
        // withdrawn at the start
        earlier.removeAll(List.of("ds/gate-out/report.json", "ds/gate-out/verdict.json", "ds/gate-out/summary.md",
                "ds/gate-out/report.html"));
        assertThat(earlier).as("findings of the first run").isNotEmpty();

        Run second = run(S3.withoutApprovalTags("--findings-format", "jsonl", "--out", "s3://data/ds/gate-out", "s3a://data/ds/"));
        assertThat(second.status()).as(second.out() + second.err()).isEqualTo(Main.PASS);
        JsonNode report = JSON.readTree(S3.client().getObjectAsBytes(g -> g.bucket("data")
                .key("ds/gate-out/report.json")).asByteArray());
        List<String> scanned = new ArrayList<>();
        report.get("files").forEach(f -> scanned.add(f.get("path").asText() + " " + f.get("format").asText() + " "
                + f.get("status").asText()));
        assertThat(scanned).containsExactly("s3a://data/ds/a.jsonl jsonl COMPLETE",
                "s3a://data/ds/train.manifest jsonl COMPLETE");
        List<String> ignored = new ArrayList<>();
        report.get("ignoredReasons").get("files").forEach(f -> ignored.add(f.get("path").asText() + " "
                + f.get("reason").asText()));
        assertThat(ignored).containsExactlyElementsOf(earlier.stream().sorted()
                .map(k -> "s3a://data/" + k + " RUN_OUTPUT").toList());
    }

    private static void put(String key, String text) {
        S3.client().putObject(p -> p.bucket("data").key(key), RequestBody.fromBytes(text.getBytes(UTF_8)));
    }
}
