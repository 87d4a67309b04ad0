package dev.piigate.jobs.s3test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.s3test.S3Spark.Run;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Refusals from a real S3 server that enforces IAM: moto in server mode with its IAM checks on
 * ({@link MotoServer#enforceIam}), each bucket read with the key of an IAM user whose policy allows
 * part of what a run does, or with a key moto does not know.
 *
 * <p>Only requests without a {@code /} in their query pass moto 5.2.1's signature check (it
 * recomputes the signature of {@code ?prefix=a/} or {@code ?delimiter=/} differently from the AWS
 * SDKs, boto3's included: SignatureDoesNotMatch), and every S3A listing has one. So the inputs here
 * are single objects, which S3A looks up with a HEAD, and --out is local. S3 answers a HEAD without
 * a body, so a denial and an unknown key are the same bare 403, and the error says both;
 * {@link S3StorageErrorsTest} has the answers that name their code.
 */
@ResourceLock(SparkTestSession.LOCK)
class S3AccessDeniedTest {
    private static final String CARD_IN_NAME = "4716281765308153";
    private static final String OBJECT = "customers-" + CARD_IN_NAME + "/tickets.txt";
    private static final String GET = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}]}";
    private static final String LIST_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:ListBucket\"],\"Resource\":\"*\"}]}";

    @RegisterExtension
    static final MotoServer S3 = new MotoServer().unversioned("readable", "unreadable", "unknownkey");
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static Path noTags;

    @BeforeAll
    static void start() throws Exception {
        for (String bucket : new String[] {"readable", "unreadable", "unknownkey"}) {
            S3.client().putObject(p -> p.bucket(bucket).key(OBJECT),
                    RequestBody.fromBytes("where is my parcel?\n".getBytes(UTF_8)));
        }
        Map<String, String> s3a = new LinkedHashMap<>(S3.s3aSettings());
        keys(s3a, "readable", S3.iamUser("reader", GET));
        keys(s3a, "unreadable", S3.iamUser("lister", LIST_ONLY));
        keys(s3a, "unknownkey", new MotoServer.Keys("AKIAIOSFODNN7UNKNOWN", "not-a-key-moto-knows"));
        S3.enforceIam();
        spark = S3Spark.start("pii-gate-s3-access-denied-test", s3a);
        noTags = Files.writeString(tmp.resolve("no-tags.yaml"), "approval:\n  tagObjects: false\n", UTF_8);
    }

    private static void keys(Map<String, String> s3a, String bucket, MotoServer.Keys keys) {
        s3a.put("fs.s3a.bucket." + bucket + ".access.key", keys.accessKey());
        s3a.put("fs.s3a.bucket." + bucket + ".secret.key", keys.secretKey());
    }

    @AfterAll
    static void stop() {
        S3Spark.stop(spark);
    }

    private static Run scan(String bucket) {
        return S3Spark.run("--config", noTags.toString(), "--out", tmp.resolve("out-" + bucket).toString(),
                "s3a://" + bucket + "/" + OBJECT);
    }

    /** The control: with s3:GetObject the same run reads the object (moto accepts S3A's HEAD and GET). */
    @Test
    void anIdentityAllowedToReadScans() {
        Run r = scan("readable");
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.PASS);
    }

    @Test
    void anIdentityWithoutGetObject() {
        assertBareRefusal(scan("unreadable"), "unreadable");
    }

    @Test
    void anAccessKeyTheServerDoesNotKnow() {
        assertBareRefusal(scan("unknownkey"), "unknownkey");
    }

    private static void assertBareRefusal(Run r, String bucket) {
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(Main.ERROR);
        String first = r.err().lines().filter(l -> l.startsWith("pii-gate: error: ")).findFirst().orElseThrow();
        assertThat(first).as(r.err()).startsWith("pii-gate: error: listing s3a://" + bucket + "/customers-")
                .endsWith("/tickets.txt: access denied or credentials refused (HTTP 403 without an error code);"
                        + " nothing approved (--verbose shows the exception chain)");
        assertThat(r.err()).contains("  S3 gives no reason in the answer to a HEAD request: either it refused the"
                + " credentials").contains("  Check the credentials S3A found");
        assertThat(r.err() + r.out()).doesNotContain(CARD_IN_NAME);
        assertThat(r.err()).doesNotContain("Service: S3").doesNotContain("Request ID");
    }
}
