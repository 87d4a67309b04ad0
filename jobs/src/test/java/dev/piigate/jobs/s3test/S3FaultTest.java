package dev.piigate.jobs.s3test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.s3test.FaultInjectingInterceptor.Fault;
import dev.piigate.jobs.s3test.RecordingInterceptor.Sent;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * S3 faults against the real S3 server on loopback (s3proxy, {@link S3Server}), injected into the
 * answers by {@link FaultInjectingInterceptor} through {@code fs.s3a.audit.execution.interceptors}:
 * transient throttling is retried and the scan completes; throttling past S3A's retry budget, a
 * denied read and an object overwritten mid-read each leave that object not COMPLETE, with a
 * reason, and block the dataset, while the other objects are scanned as usual.
 */
@ResourceLock(SparkTestSession.LOCK)
class S3FaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "faults";
    /** A bucket with S3A's change detection switched off, to show pii-gate's own check after reading. */
    private static final String UNCHECKED = "faults-unchecked";

    @RegisterExtension
    static final S3Server S3 = new S3Server(BUCKET, UNCHECKED);
    private static SparkSession spark;

    record Run(int status, String out, String err, JsonNode report) {
        JsonNode file(String key) {
            for (JsonNode f : report.get("files")) {
                if (f.get("path").asText().endsWith("/" + key)) {
                    return f;
                }
            }
            throw new AssertionError(key + " not in the report: " + report.get("files"));
        }
    }

    @BeforeAll
    static void start() {
        Map<String, String> s3a = new LinkedHashMap<>(S3.s3aSettings());
        s3a.put("fs.s3a.audit.execution.interceptors",
                FaultInjectingInterceptor.class.getName() + "," + RecordingInterceptor.class.getName());
        // A small retry budget with short pauses, so giving up takes well under a second: no SDK
        // retries (they would multiply S3A's and add the SDK's own throttling backoff), S3A retries
        // throttling twice, so an always-throttled GET is sent 3 times.
        s3a.put("fs.s3a.attempts.maximum", "0");
        s3a.put("fs.s3a.retry.limit", "2");
        s3a.put("fs.s3a.retry.interval", "50ms");
        s3a.put("fs.s3a.retry.throttle.limit", "2");
        s3a.put("fs.s3a.retry.throttle.interval", "50ms");
        // Change detection as deployed: the ETag of the first GET, enforced by the server (If-Match).
        s3a.put("fs.s3a.change.detection.source", "etag");
        s3a.put("fs.s3a.change.detection.mode", "server");
        // Ranged GETs of a few KiB, so a 24 KiB object is read with several GETs and can change between them.
        s3a.put("fs.s3a.experimental.input.fadvise", "random");
        s3a.put("fs.s3a.readahead.range", "4096");
        s3a.put("fs.s3a.bucket." + UNCHECKED + ".change.detection.mode", "none");
        spark = S3Spark.start("pii-gate-s3-fault-test", s3a);
    }

    @AfterAll
    static void stop() {
        S3Spark.stop(spark);
    }

    @BeforeEach
    @AfterEach
    void clearPlans() {
        FaultInjectingInterceptor.clear();
        RecordingInterceptor.clear();
    }

    @Test
    void transientThrottlingIsRetriedAndTheScanCompletes() throws Exception {
        put("retry/a.txt", "where is my parcel?\nit left the depot\n");
        put("retry/b.txt", "call back tomorrow\n");
        FaultInjectingInterceptor.failGets(BUCKET, "retry/a.txt", Fault.SLOW_DOWN, 2);

        Run r = scan("retry", "retry/a.txt", "retry/b.txt");

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);
        assertThat(FaultInjectingInterceptor.injected(BUCKET, "retry/a.txt")).isEqualTo(2);
        assertThat(getsSent("retry/a.txt")).as("two throttled GETs, then one answered").isGreaterThanOrEqualTo(3);
        JsonNode a = r.file("retry/a.txt");
        assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("COMPLETE");
        assertThat(a.get("records").asLong()).isEqualTo(2);
        assertThat(r.file("retry/b.txt").get("status").asText()).isEqualTo("COMPLETE");
    }

    @Test
    void throttlingPastTheRetryBudgetBlocks() throws Exception {
        put("throttled/a.txt", "where is my parcel?\n");
        put("throttled/b.txt", "call back tomorrow\n");
        FaultInjectingInterceptor.failGets(BUCKET, "throttled/a.txt", Fault.SLOW_DOWN, Integer.MAX_VALUE);

        Run r = scan("throttled", "throttled/a.txt", "throttled/b.txt");

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.BLOCK);
        JsonNode a = r.file("throttled/a.txt");
        assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("SKIPPED");
        assertThat(a.get("reason").asText()).as(a.toString()).isEqualTo("READ_ERROR");
        assertThat(a.get("detail").asText()).as(a.toString()).isEqualTo("AWSServiceThrottledException");
        assertThat(a.get("records").asLong()).isZero();
        int sent = getsSent("throttled/a.txt");
        assertThat(sent).as("1 + fs.s3a.retry.throttle.limit").isEqualTo(3);
        assertThat(FaultInjectingInterceptor.injected(BUCKET, "throttled/a.txt")).isEqualTo(sent);
        assertThat(r.file("throttled/b.txt").get("status").asText()).isEqualTo("COMPLETE");
        assertBlockedFor(r, "SKIPPED/READ_ERROR");
    }

    @Test
    void aDeniedReadIsPermissionDeniedAndBlocks() throws Exception {
        put("denied/a.txt", "where is my parcel?\n");
        put("denied/b.txt", "call back tomorrow\n");
        FaultInjectingInterceptor.failGets(BUCKET, "denied/a.txt", Fault.ACCESS_DENIED, Integer.MAX_VALUE);

        Run r = scan("denied", "denied/a.txt", "denied/b.txt");

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.BLOCK);
        JsonNode a = r.file("denied/a.txt");
        assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("SKIPPED");
        assertThat(a.get("reason").asText()).as(a.toString()).isEqualTo("PERMISSION_DENIED");
        assertThat(a.get("detail").asText()).as(a.toString()).isEqualTo("AccessDeniedException");
        assertThat(getsSent("denied/a.txt")).as("a denial is not retried by S3A").isLessThanOrEqualTo(2);
        assertThat(r.file("denied/b.txt").get("status").asText()).isEqualTo("COMPLETE");
        assertBlockedFor(r, "SKIPPED/PERMISSION_DENIED");
    }

    @Test
    void anObjectOverwrittenBetweenTwoRangedGetsIsObjectChangedAndBlocks() throws Exception {
        String before = lines('a');
        String after = lines('b'); // the same length: only the ETag tells them apart
        put("changed/a.txt", before);
        put("changed/b.txt", "call back tomorrow\n");
        FaultInjectingInterceptor.beforeEachGet(BUCKET, "changed/a.txt", attempt -> {
            if (attempt == 2) {
                put("changed/a.txt", after);
            }
        });

        Run r = scan("changed", "changed/a.txt", "changed/b.txt");

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.BLOCK);
        List<Sent> gets = RecordingInterceptor.sent().stream()
                .filter(s -> s.method().equals("GET") && s.path().equals("/" + BUCKET + "/changed/a.txt"))
                .toList();
        assertThat(gets).as("the second ranged GET fails, no third").hasSize(2);
        assertThat(gets).allSatisfy(g -> assertThat(g.header("range")).as("ranged").startsWith("bytes="));
        // mode=server: the second GET asks for the ETag the first one saw
        assertThat(gets.get(1).header("if-match")).isEqualTo(etag(before));
        JsonNode a = r.file("changed/a.txt");
        assertThat(a.get("status").asText()).as(a.toString()).isIn("PARTIAL", "SKIPPED");
        assertThat(a.get("reason").asText()).as(a.toString()).isEqualTo("OBJECT_CHANGED");
        // caught by S3A's change detection on the second GET, not only by our look afterwards
        assertThat(a.get("detail").asText()).as(a.toString()).isEqualTo("RemoteFileChangedException");
        assertThat(a.get("records").asLong()).as("fewer lines than the object has").isLessThan(before.lines().count());
        assertThat(r.file("changed/b.txt").get("status").asText()).isEqualTo("COMPLETE");
        assertBlockedFor(r, a.get("status").asText() + "/OBJECT_CHANGED");
    }

    @Test
    void withoutS3aChangeDetectionTheLookAfterReadingStillSeesTheChange() throws Exception {
        put(UNCHECKED, "changed/a.txt", lines('a'));
        put(UNCHECKED, "changed/b.txt", "call back tomorrow\n");
        FaultInjectingInterceptor.beforeEachGet(UNCHECKED, "changed/a.txt", attempt -> {
            if (attempt == 2) {
                put(UNCHECKED, "changed/a.txt", lines('b'));
            }
        });

        Run r = scanIn(UNCHECKED, "changed", "changed/a.txt", "changed/b.txt");

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.BLOCK);
        assertThat(FaultInjectingInterceptor.gets(UNCHECKED, "changed/a.txt")).as("read to the end").isGreaterThan(2);
        JsonNode a = r.file("changed/a.txt");
        assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("PARTIAL");
        assertThat(a.get("reason").asText()).as(a.toString()).isEqualTo("OBJECT_CHANGED");
        assertThat(a.get("detail").asText()).as(a.toString()).startsWith("changed while being read: ");
        assertBlockedFor(r, "PARTIAL/OBJECT_CHANGED");
    }

    /** 24 KiB of harmless lines, 6 or more 4 KiB ranges. */
    private static String lines(char c) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 24 * 1024) {
            sb.append("line ").append(String.valueOf(c).repeat(58)).append('\n');
        }
        return sb.toString();
    }

    private static void assertBlockedFor(Run r, String scope) {
        assertThat(r.report().get("verdict").get("decision").asText()).isEqualTo("BLOCK");
        assertThat(r.report().get("verdict").get("reasons")).anySatisfy(reason -> {
            assertThat(reason.get("code").asText()).isEqualTo("OBJECT_STATUS");
            assertThat(reason.get("scope").asText()).isEqualTo(scope);
        });
    }

    /** GETs of the object as they went on the wire (recorded independently of the fault plan). */
    private static int getsSent(String key) {
        return (int) RecordingInterceptor.sent().stream()
                .filter(s -> s.method().equals("GET") && s.path().equals("/" + BUCKET + "/" + key))
                .count();
    }

    private static Run scan(String name, String... keys) throws Exception {
        return scanIn(BUCKET, name, keys);
    }

    private static Run scanIn(String bucket, String name, String... keys) throws Exception {
        StringBuilder manifest = new StringBuilder();
        for (String k : keys) {
            manifest.append("s3a://").append(bucket).append('/').append(k).append('\n');
        }
        put(bucket, name + "/train.manifest", manifest.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(S3.withoutApprovalTags("--out", "s3a://" + BUCKET + "/out/" + bucket + "/" + name,
                "--manifest", "s3a://" + bucket + "/" + name + "/train.manifest"),
                new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        byte[] report = S3.client().getObjectAsBytes(g -> g.bucket(BUCKET).key("out/" + bucket + "/" + name + "/report.json"))
                .asByteArray();
        return new Run(status, out.toString(UTF_8), err.toString(UTF_8), JSON.readTree(report));
    }

    /** The ETag s3proxy gives a single-part object: its quoted MD5. */
    private static String etag(String text) throws Exception {
        byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(UTF_8));
        return "\"" + java.util.HexFormat.of().formatHex(md5) + "\"";
    }

    private static void put(String key, String text) {
        put(BUCKET, key, text);
    }

    private static void put(String bucket, String key, String text) {
        S3.client().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(text.getBytes(UTF_8)));
    }
}
