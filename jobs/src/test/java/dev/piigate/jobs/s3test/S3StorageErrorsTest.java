package dev.piigate.jobs.s3test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.s3test.FaultInjectingInterceptor.Fault;
import dev.piigate.jobs.s3test.S3Spark.Run;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Storage failures against the real S3 server on loopback (s3proxy, V4 signatures checked): the
 * error names the step and its URI (masked), says the cause in words and what to do, exits 1, and
 * prints nothing of the data. Each case has a bucket of its own whose per-bucket S3A settings make
 * it fail: a secret key the server refuses, no credentials at all, an endpoint whose host does not
 * resolve, a port nothing listens on; and buckets that do not exist.
 */
@ResourceLock(SparkTestSession.LOCK)
class S3StorageErrorsTest {
    /** A card number (Luhn-valid, not a published test number) in a folder's name: a path that holds PII. */
    private static final String CARD_IN_NAME = "4716281765308153";
    private static final String FOLDER = "customers-" + CARD_IN_NAME;

    @RegisterExtension
    static final S3Server S3 = new S3Server("data", "reports", "refused", "nocreds", "nohost", "noport", "denied",
            "elsewhere", "nowrite");
    private static SparkSession spark;

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> s3a = new LinkedHashMap<>(S3.s3aSettings());
        s3a.put("fs.s3a.bucket.refused.secret.key", "not-the-secret-key-of-this-access-key");
        // Per bucket: the Hadoop keys are the only provider, and they are blank.
        s3a.put("fs.s3a.bucket.nocreds.access.key", " ");
        s3a.put("fs.s3a.bucket.nocreds.secret.key", " ");
        s3a.put("fs.s3a.bucket.nohost.endpoint", "http://storage.pii-gate.invalid:9000");
        s3a.put("fs.s3a.bucket.noport.endpoint", "http://127.0.0.1:" + closedPort());
        s3a.put("fs.s3a.retry.interval", "50ms");
        s3a.put("fs.s3a.audit.execution.interceptors", FaultInjectingInterceptor.class.getName());
        spark = S3Spark.start("pii-gate-s3-storage-errors-test", s3a);
        for (String bucket : new String[] {"data", "refused", "nocreds", "nohost", "noport", "denied", "elsewhere", "nowrite"}) {
            S3.client().putObject(p -> p.bucket(bucket).key(FOLDER + "/tickets.txt"),
                    RequestBody.fromBytes("where is my parcel?\n".getBytes(UTF_8)));
        }
    }

    @AfterAll
    static void stop() {
        S3Spark.stop(spark);
    }

    @AfterEach
    void clearFaults() {
        FaultInjectingInterceptor.clear();
    }

    private static Run scan(String input, String out) throws IOException {
        return S3Spark.run(S3.withoutApprovalTags("--out", out, input));
    }

    @Test
    void noSuchBucketToList() throws IOException {
        Run r = scan("s3a://no-such-bucket/" + FOLDER + "/", "s3a://reports/no-such-bucket");
        assertError(r, "listing s3a://no-such-bucket/", ": no such bucket (HTTP 404 NoSuchBucket); nothing approved",
                "  check the bucket's name in the URI, and that fs.s3a.endpoint");
    }

    @Test
    void noSuchBucketForTheOutput() throws IOException {
        Run r = scan("s3a://data/" + FOLDER + "/", "s3a://no-such-reports/" + FOLDER);
        assertError(r, "removing an earlier run's verdict from s3a://no-such-reports/",
                ": no such bucket (HTTP 404 NoSuchBucket); nothing approved", "  check the bucket's name");
    }

    /**
     * S3A looks a folder up with a HEAD request before it lists it, and the answer to a HEAD has no
     * body: a refused signature is a bare 403, and the error says both things it can mean.
     */
    @Test
    void aSecretKeyTheServerRefusesAnsweringAHeadRequest() throws IOException {
        Run r = scan("s3a://refused/" + FOLDER + "/", "s3a://reports/refused");
        assertError(r, "listing s3a://refused/", ": access denied or credentials refused (HTTP 403 without an error"
                + " code); nothing approved", "  S3 gives no reason in the answer to a HEAD request: either it refused"
                + " the credentials", "  or the identity pii-gate runs as lacks a permission, which takes\n  s3:ListBucket on the bucket");
    }

    /** Listing the manifest's folder for earlier approvals is a LIST first: S3's answer names the code. */
    @Test
    void aSecretKeyTheServerRefusesAnsweringAList() throws IOException {
        Run r = S3Spark.run(S3.withoutApprovalTags("--out", "s3a://reports/refused-manifest",
                "--manifest", "s3a://refused/" + FOLDER + "/train.manifest"));
        assertError(r, "withdrawing an earlier approval of s3a://refused/", ": S3 refused the request's signature:"
                + " the secret key is not the access key's (HTTP 403 SignatureDoesNotMatch); nothing approved",
                "  check the credentials S3A found: fs.s3a.access.key / fs.s3a.secret.key");
    }

    @Test
    void noCredentials() throws IOException {
        Run r = scan("s3a://nocreds/" + FOLDER + "/", "s3a://reports/nocreds");
        assertError(r, "listing s3a://nocreds/", ": no AWS credentials were found (", "  S3A asks the providers in"
                + " fs.s3a.aws.credentials.provider", "variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                "ProfileCredentialsProvider");
    }

    @Test
    void anEndpointWhoseHostIsNotKnown() throws IOException {
        Run r = scan("s3a://nohost/" + FOLDER + "/", "s3a://reports/nohost");
        assertError(r, "listing s3a://nohost/", ": the endpoint's host name is not known (UnknownHostException)",
                "  check fs.s3a.endpoint");
    }

    @Test
    void anEndpointNothingListensOn() throws IOException {
        Run r = scan("s3a://noport/" + FOLDER + "/", "s3a://reports/noport");
        assertError(r, "listing s3a://noport/", ": nothing accepted a connection at the endpoint (",
                "  check fs.s3a.endpoint's host and port");
    }

    /**
     * The server's answers to the bucket's LISTs replaced by S3's 403 AccessDenied
     * ({@link FaultInjectingInterceptor}): the SDK and S3A read a real answer; the HEAD before passes.
     */
    @Test
    void aDeniedList() throws IOException {
        FaultInjectingInterceptor.failRequests("GET", "denied", "", Fault.ACCESS_DENIED);
        Run r = scan("s3a://denied/" + FOLDER + "/", "s3a://reports/denied");
        assertError(r, "listing s3a://denied/", ": access denied (HTTP 403 AccessDenied); nothing approved",
                "  the identity pii-gate runs as needs s3:ListBucket on the bucket",
                "  its IAM policy, the bucket policy, an organisation's SCP or a KMS key policy refuses it.");
    }

    /** S3's answer to a request sent to another region's endpoint: 301 PermanentRedirect naming the region. */
    @Test
    void aBucketInAnotherRegion() throws IOException {
        FaultInjectingInterceptor.failRequests("GET", "elsewhere", "", Fault.redirectTo("eu-west-1"));
        Run r = scan("s3a://elsewhere/" + FOLDER + "/", "s3a://reports/elsewhere");
        assertError(r, "listing s3a://elsewhere/", ": the bucket is in another region, eu-west-1 (HTTP 301"
                + " PermanentRedirect); nothing approved", "  set the bucket's region: --conf"
                + " spark.hadoop.fs.s3a.endpoint.region=eu-west-1 (for this bucket alone",
                "spark.hadoop.fs.s3a.bucket.BUCKET.endpoint.region");
    }

    /**
     * The PUTs of findings/ part files denied: the write fails in a Spark task on the executor, and
     * the error read from the chain Spark hands back still names the step and S3's answer.
     */
    @Test
    void aDeniedWriteOfFindings() throws IOException {
        FaultInjectingInterceptor.failRequests("PUT", "nowrite", "/part-", Fault.ACCESS_DENIED);
        Run r = scan("s3a://data/" + FOLDER + "/", "s3a://nowrite/" + FOLDER);
        assertError(r, "writing findings/ to s3a://nowrite/", ": access denied (HTTP 403 AccessDenied); nothing"
                + " approved", "  the identity pii-gate runs as needs s3:PutObject on the object");
    }

    @Test
    void verboseAddsTheChainOfClassNames() throws IOException {
        Run r = S3Spark.run(S3.withoutApprovalTags("--verbose", "--out", "s3a://reports/verbose",
                "s3a://no-such-bucket/" + FOLDER + "/"));
        assertThat(r.status()).as(r.err()).isEqualTo(Main.ERROR);
        assertThat(r.err()).contains("\n  at first: dev.piigate.jobs.s3.StorageFailure: listing s3a://no-such-bucket/")
                .contains("\n  caused by: org.apache.hadoop.fs.s3a.UnknownStoreException\n")
                .doesNotContain("(--verbose shows").doesNotContain(CARD_IN_NAME);
    }

    /**
     * Exit 1, the error's first line, what to do below it, the chain left to --verbose, and neither
     * the folder's card number nor anything of a third-party message.
     */
    private static void assertError(Run r, String start, String end, String... advice) {
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.ERROR);
        String first = r.err().lines().filter(l -> l.startsWith("pii-gate: error: ")).findFirst().orElseThrow();
        assertThat(first).as(r.err()).startsWith("pii-gate: error: " + start).contains(end)
                .endsWith("(--verbose shows the exception chain)");
        for (String a : advice) {
            assertThat(r.err()).contains(a);
        }
        assertThat(r.err() + r.out()).doesNotContain(CARD_IN_NAME).doesNotContain("customers-4716");
        // Our words only: no message of Hadoop or the SDK (which name the request, the key, the status text).
        assertThat(r.err()).doesNotContain("getFileStatus").doesNotContain("Service: S3")
                .doesNotContain("Request ID");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
