package dev.piigate.jobs.s3test;

import static dev.piigate.jobs.s3test.S3Spark.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.s3test.RecordingInterceptor.Sent;
import dev.piigate.jobs.s3test.S3Spark.Run;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The approval tags against a real S3 server with tagging and versioning (moto, see
 * {@link MotoServer}), through the scan job end to end with a real local Spark session: which
 * object versions a PASS tags, what an overwrite and a BLOCK leave, an object changed between its
 * scan and its tagging, a bucket without versioning, local datasets, and the requests it costs.
 */
@ResourceLock(SparkTestSession.LOCK)
class ApprovalTagsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A real-looking but fictional card number, Luhn-valid, not a published test number. */
    private static final String CARD = "4539 1488 0343 6467";
    private static final String APPROVED = "pii-gate-approved";
    private static final String RUN = "pii-gate-run";

    @RegisterExtension
    static final MotoServer S3 = new MotoServer().versioned("ver").unversioned("plain", "reports");
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        Map<String, String> s3a = new LinkedHashMap<>(S3.s3aSettings());
        s3a.put("fs.s3a.audit.execution.interceptors",
                RecordingInterceptor.class.getName() + "," + BeforeTaggingInterceptor.class.getName());
        spark = S3Spark.start("pii-gate-approval-tags-test", s3a);
    }

    @AfterAll
    static void stop() {
        S3Spark.stop(spark);
    }

    @BeforeEach
    void clear() {
        RecordingInterceptor.clear();
        BeforeTaggingInterceptor.clear();
    }

    /** S3A as the job uses it (list, HEAD, GET, PUT, conditional PUT, delete) works against moto. */
    @Test
    void s3aScansAndPublishesAgainstMoto() throws Exception {
        put("ver", "smoke/data/a.jsonl", "{\"text\":\"where is my parcel?\"}\n");
        put("ver", "smoke/data/b.txt", "nothing here\n");
        put("ver", "smoke/train.manifest", "data/a.jsonl\ndata/b.txt\n");

        Run listed = run("--out", "s3a://reports/smoke/out1", "s3a://ver/smoke/data/");
        Run manifest = run("--out", "s3a://reports/smoke/out2", "--manifest", "s3a://ver/smoke/train.manifest");

        for (Run r : List.of(listed, manifest)) {
            assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);
        }
        JsonNode report = report("smoke/out2");
        assertThat(report.get("totals").get("records").asLong()).isEqualTo(4);
        assertThat(get("ver", "smoke/train.approved.manifest")).isEqualTo("data/a.jsonl\ndata/b.txt\n");
    }

    @Test
    void aPassTagsExactlyTheScannedVersionsKeepsOtherTagsAndAnOverwriteIsNotApproved() throws Exception {
        String a = put("ver", "pass/data/a.jsonl", "{\"text\":\"where is my parcel?\"}\n", "team=nlp");
        String b = put("ver", "pass/data/b.txt", "nothing here\n", null);
        put("ver", "pass/train.manifest", "data/a.jsonl\ndata/b.txt\n");

        Run r = run("--out", "s3a://reports/pass/out", "--manifest", "s3a://ver/pass/train.manifest");

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);
        String runId = report("pass/out").get("runId").asText();
        assertThat(tags("ver", "pass/data/a.jsonl", a)).isEqualTo(Map.of("team", "nlp", APPROVED, "true", RUN, runId));
        assertThat(tags("ver", "pass/data/b.txt", b)).isEqualTo(Map.of(APPROVED, "true", RUN, runId));
        // the manifest is approved through its approved copy, not by a tag
        assertThat(tags("ver", "pass/train.manifest", null)).isEmpty();
        JsonNode tagging = report("pass/out").get("approvalTags");
        assertThat(tagging.get("enabled").asBoolean()).isTrue();
        assertThat(tagging.get("action").asText()).isEqualTo("approve");
        assertThat(tagging.get("objectsTagged").asLong()).isEqualTo(2);
        assertThat(tagging.get("objectsFailed").asLong()).isZero();
        assertThat(get("ver", "pass/train.approved.manifest")).isEqualTo("data/a.jsonl\ndata/b.txt\n");

        // an overwrite after the PASS is a new version, without the approval; the scanned one keeps it
        String a2 = put("ver", "pass/data/a.jsonl", "{\"text\":\"new words\"}\n", null);
        assertThat(a2).isNotEqualTo(a);
        assertThat(tags("ver", "pass/data/a.jsonl", null)).isEmpty();
        assertThat(tags("ver", "pass/data/a.jsonl", a)).containsEntry(APPROVED, "true");

        // per object: one tag read and one tag write, by version id, nothing else
        assertThat(taggingRequests("/ver/pass/data/a.jsonl")).containsExactly("GET versionId=" + a, "PUT versionId=" + a);
        assertThat(taggingRequests("/ver/pass/data/b.txt")).containsExactly("GET versionId=" + b, "PUT versionId=" + b);
        assertThat(tagging.get("requests").asLong()).isEqualTo(4);
    }

    @Test
    void aBlockRemovesTheTagsAnEarlierPassWroteAndKeepsOtherTags() throws Exception {
        String a = put("ver", "block/data/a.jsonl", "{\"text\":\"where is my parcel?\"}\n", "team=nlp");
        String b = put("ver", "block/data/b.txt", "nothing here\n", null);
        put("ver", "block/train.manifest", "data/a.jsonl\ndata/b.txt\n");
        Run pass = run("--out", "s3a://reports/block/out1", "--manifest", "s3a://ver/block/train.manifest");
        assertThat(pass.status()).as(pass.out() + pass.err()).isEqualTo(Main.PASS);
        assertThat(tags("ver", "block/data/a.jsonl", a)).containsEntry(APPROVED, "true");

        String c = put("ver", "block/data/c.txt", "refund to card " + CARD + " please\n", null);
        put("ver", "block/train.manifest", "data/a.jsonl\ndata/b.txt\ndata/c.txt\n");
        RecordingInterceptor.clear();
        Run block = run("--out", "s3a://reports/block/out2", "--manifest", "s3a://ver/block/train.manifest");

        assertThat(block.status()).as(block.out() + block.err()).isEqualTo(Main.BLOCK);
        assertThat(tags("ver", "block/data/a.jsonl", a)).isEqualTo(Map.of("team", "nlp"));
        assertThat(tags("ver", "block/data/b.txt", b)).isEmpty();
        assertThat(tags("ver", "block/data/c.txt", c)).isEmpty();
        JsonNode tagging = report("block/out2").get("approvalTags");
        assertThat(tagging.get("action").asText()).isEqualTo("withdraw");
        assertThat(tagging.get("objectsUntagged").asLong()).isEqualTo(2);
        assertThat(tagging.get("objectsWithoutTags").asLong()).isEqualTo(1);
        // per object: a tag read; a tag write (kept tags) or delete (none kept) where ours were on it
        assertThat(taggingRequests("/ver/block/data/a.jsonl")).containsExactly("GET versionId=" + a,
                "PUT versionId=" + a);
        assertThat(taggingRequests("/ver/block/data/b.txt")).containsExactly("GET versionId=" + b,
                "DELETE versionId=" + b);
        assertThat(taggingRequests("/ver/block/data/c.txt")).containsExactly("GET versionId=" + c);
        assertThat(tagging.get("requests").asLong()).isEqualTo(5);
    }

    @Test
    void anUnversionedBucketIsTaggedThenCheckedByEtag() throws Exception {
        put("plain", "etag/data/a.jsonl", "{\"text\":\"where is my parcel?\"}\n", "team=nlp");
        put("plain", "etag/data/b.txt", "nothing here\n", null);
        put("plain", "etag/train.manifest", "data/a.jsonl\ndata/b.txt\n");

        Run r = run("--out", "s3a://reports/etag/out", "--manifest", "s3a://plain/etag/train.manifest");

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);
        String runId = report("etag/out").get("runId").asText();
        assertThat(tags("plain", "etag/data/a.jsonl", null)).isEqualTo(Map.of("team", "nlp", APPROVED, "true",
                RUN, runId));
        assertThat(tags("plain", "etag/data/b.txt", null)).isEqualTo(Map.of(APPROVED, "true", RUN, runId));
        assertThat(taggingRequests("/plain/etag/data/a.jsonl")).containsExactly("GET", "PUT");
        // tag read, tag write, and the HEAD that checks the ETag: 3 per object
        assertThat(report("etag/out").get("approvalTags").get("requests").asLong()).isEqualTo(6);
    }

    @Test
    void anObjectChangedBetweenScanAndTaggingIsNotApprovedAndTheRunFailsClosed() throws Exception {
        put("plain", "chg/data/a.jsonl", "{\"text\":\"where is my parcel?\"}\n", null);
        put("plain", "chg/data/b.txt", "nothing here\n", "team=nlp");
        put("plain", "chg/train.manifest", "data/a.jsonl\ndata/b.txt\n");
        // after the scan read it, before its tags are written: other bytes under the key
        BeforeTaggingInterceptor.once("plain", "chg/data/a.jsonl",
                () -> put("plain", "chg/data/a.jsonl", "{\"text\":\"card " + CARD + "\"}\n", null));

        Run r = run("--out", "s3a://reports/chg/out", "--manifest", "s3a://plain/chg/train.manifest");

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.ERROR);
        assertThat(r.err()).contains("approval tags: 1 object(s) could not be tagged (changed after its scan (ETag"
                + " differs): not approved, the tags written were removed again)");
        assertThat(r.out() + r.err()).doesNotContain(CARD).doesNotContain("4539");
        assertThat(tags("plain", "chg/data/a.jsonl", null)).isEmpty();
        // fail closed: the other object, tagged fine, loses its approval too; its own tag stays
        assertThat(tags("plain", "chg/data/b.txt", null)).isEqualTo(Map.of("team", "nlp"));
        assertThat(exists("plain", "chg/train.approved.manifest")).isFalse();
        assertThat(exists("reports", "chg/out/verdict.json")).isFalse();
        JsonNode report = report("chg/out");
        assertThat(report.get("verdict").get("decision").asText()).isEqualTo("ERROR");
        assertThat(report.get("approvalTags").get("objectsFailed").asLong()).isEqualTo(1);
        assertThat(report.get("approvalTags").get("withdrawnAfterFailure").get("objectsUntagged").asLong())
                .isEqualTo(1);
    }

    /** With versioning the scanned version is approved and the new one is not: the run passes. */
    @Test
    void inAVersionedBucketAnObjectChangedBeforeTaggingKeepsItsNewVersionUntagged() throws Exception {
        String a = put("ver", "vchg/data/a.jsonl", "{\"text\":\"where is my parcel?\"}\n", null);
        put("ver", "vchg/train.manifest", "data/a.jsonl\n");
        String[] newer = new String[1];
        BeforeTaggingInterceptor.once("ver", "vchg/data/a.jsonl",
                () -> newer[0] = put("ver", "vchg/data/a.jsonl", "{\"text\":\"card " + CARD + "\"}\n", null));

        Run r = run("--out", "s3a://reports/vchg/out", "--manifest", "s3a://ver/vchg/train.manifest");

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);
        assertThat(newer[0]).isNotNull().isNotEqualTo(a);
        assertThat(tags("ver", "vchg/data/a.jsonl", a)).containsEntry(APPROVED, "true");
        assertThat(tags("ver", "vchg/data/a.jsonl", newer[0])).isEmpty();
        assertThat(tags("ver", "vchg/data/a.jsonl", null)).isEmpty();
    }

    /** A run that fails after its scan (here: an unreadable Macie results file) takes the tags of an earlier PASS off. */
    @Test
    void anErrorRemovesTheTagsAnEarlierPassWrote(@TempDir Path tmp) throws Exception {
        String a = put("ver", "err/data/a.jsonl", "{\"text\":\"where is my parcel?\"}\n", "team=nlp");
        put("ver", "err/train.manifest", "data/a.jsonl\n");
        Run pass = run("--out", "s3a://reports/err/out1", "--manifest", "s3a://ver/err/train.manifest");
        assertThat(pass.status()).as(pass.out() + pass.err()).isEqualTo(Main.PASS);
        assertThat(tags("ver", "err/data/a.jsonl", a)).containsEntry(APPROVED, "true");
        Path macie = Files.writeString(tmp.resolve("macie.jsonl"), "{not json\n", UTF_8);

        Run failed = run("--out", "s3a://reports/err/out2", "--manifest", "s3a://ver/err/train.manifest",
                "--macie-results", macie.toString());

        assertThat(failed.status()).as(failed.out() + failed.err()).isEqualTo(Main.ERROR);
        assertThat(tags("ver", "err/data/a.jsonl", a)).isEqualTo(Map.of("team", "nlp"));
        assertThat(exists("ver", "err/train.approved.manifest")).isFalse();
    }

    /** S3 allows 10 tags per object and the approval needs 2: an object with 9 others fails the run, closed. */
    @Test
    void anObjectWithTooManyTagsToApproveFailsTheRun() throws Exception {
        String many = "t1=a&t2=b&t3=c&t4=d&t5=e&t6=f&t7=g&t8=h&t9=i";
        String a = put("ver", "many/data/a.txt", "nothing here\n", many);
        put("ver", "many/train.manifest", "data/a.txt\n");

        Run r = run("--out", "s3a://reports/many/out", "--manifest", "s3a://ver/many/train.manifest");

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.ERROR);
        assertThat(r.err()).contains("1 object(s) could not be tagged (the object has 9 other tags; S3 allows 10 and"
                + " the approval needs 2)");
        assertThat(tags("ver", "many/data/a.txt", a)).hasSize(9).doesNotContainKeys(APPROVED, RUN);
        assertThat(exists("ver", "many/train.approved.manifest")).isFalse();
    }

    @Test
    void localDatasetsAreNotTagged(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("a.txt"), "nothing here\n", UTF_8);
        Files.writeString(tmp.resolve("train.manifest"), "data/a.txt\n", UTF_8);
        Path strict = Files.writeString(tmp.resolve("strict.yaml"), "approval:\n  tagObjects: true\n", UTF_8);

        Run auto = run("--out", tmp.resolve("out").toString(), "--manifest", tmp.resolve("train.manifest").toString());
        Run required = run("--out", tmp.resolve("out2").toString(), "--config", strict.toString(), "--manifest",
                tmp.resolve("train.manifest").toString());

        assertThat(auto.status()).as(auto.out() + auto.err()).isEqualTo(Main.PASS);
        JsonNode tagging = JSON.readTree(tmp.resolve("out/report.json").toFile()).get("approvalTags");
        assertThat(tagging.get("enabled").asBoolean()).isFalse();
        assertThat(tagging.get("reason").asText()).isEqualTo("no object of the dataset is on S3 (approval.tagObjects: auto)");
        assertThat(RecordingInterceptor.sent()).filteredOn(s -> s.query().containsKey("tagging")).isEmpty();
        assertThat(required.status()).isEqualTo(Main.USAGE);
        assertThat(required.err()).contains("approval.tagObjects: true, but no object of the dataset is on S3");
    }

    /** Tagging requests to one object, as {@code METHOD [versionId=...]}, in order. */
    private static List<String> taggingRequests(String path) {
        return RecordingInterceptor.sent().stream()
                .filter(s -> s.path().equals(path) && s.query().containsKey("tagging"))
                .map(ApprovalTagsTest::describe)
                .toList();
    }

    private static String describe(Sent s) {
        List<String> version = s.query().get("versionId");
        return s.method() + (version == null ? "" : " versionId=" + version.get(0));
    }

    /** The tags of a version (or the current object), as a map. */
    private static Map<String, String> tags(String bucket, String key, String versionId) {
        Map<String, String> m = new TreeMap<>();
        for (Tag t : S3.client().getObjectTagging(g -> g.bucket(bucket).key(key).versionId(versionId)).tagSet()) {
            m.put(t.key(), t.value());
        }
        return m;
    }

    private static JsonNode report(String out) throws Exception {
        return JSON.readTree(get("reports", out + "/report.json"));
    }

    private static void put(String bucket, String key, String text) {
        put(bucket, key, text, null);
    }

    /** Returns the version id (null without versioning). */
    private static String put(String bucket, String key, String text, String tagging) {
        PutObjectResponse r = S3.client().putObject(p -> p.bucket(bucket).key(key).tagging(tagging),
                RequestBody.fromString(text, UTF_8));
        return r.versionId();
    }

    private static String get(String bucket, String key) {
        return S3.client().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asString(UTF_8);
    }

    private static boolean exists(String bucket, String key) {
        try {
            S3.client().headObject(h -> h.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
