package dev.piigate.jobs.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.deploy.PolicyEvaluator.Decision;
import dev.piigate.jobs.deploy.PolicyEvaluator.Policy;
import dev.piigate.jobs.deploy.PolicyEvaluator.Principal;
import dev.piigate.jobs.deploy.PolicyEvaluator.Request;
import dev.piigate.jobs.s3test.S3Server;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The scanner's policy against what the code really sends: PASS, BLOCK and a listed scan run against the local S3
 * server under the example bucket and prefixes, every S3 call recorded ({@link SdkCallRecorder}), mapped to the IAM
 * action, resource and condition keys S3 authorizes it by, and judged with the scanner role's policy and the bucket
 * policy. A call the code makes that the policies refuse fails here, naming it. The mapping follows the S3 API
 * reference's "Permissions" sections (documentation only); the server is plain HTTP, so the calls are judged as they
 * would be over HTTPS.
 */
@ResourceLock(SparkTestSession.LOCK)
class ScannerActionsTest {
    private static final String BUCKET = "example-training-data";
    private static final String DATASET = "datasets/support-tickets/";
    private static final String REPORTS = "pii-gate/reports/support-tickets/";
    private static final String OUTPUT_KEY = "arn:aws:kms:eu-west-1:111122223333:key/22222222-2222-2222-2222-222222222222";
    private static final Principal SCANNER = Principal.role("arn:aws:iam::111122223333:role/pii-gate-scanner");
    /** A real-looking but fictional card number, Luhn-valid, not a published test number. */
    private static final String CARD = "4539 1488 0343 6467";

    @RegisterExtension
    static final S3Server S3 = new S3Server(BUCKET);
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("pii-gate-scanner-actions")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.speculation", "false");
        Map<String, String> s3a = new LinkedHashMap<>(S3.s3aSettings());
        s3a.put("fs.s3a.audit.execution.interceptors", SdkCallRecorder.class.getName());
        s3a.forEach((k, v) -> b.config("spark.hadoop." + k, v));
        spark = b.getOrCreate();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    @Test
    void everyS3CallOfAPassABlockAndAListedScanIsOneThePoliciesAllowTheScanner() throws IOException {
        put(DATASET + "part-0/chat.jsonl", "{\"text\":\"where is my parcel?\"}\n");
        put(DATASET + "part-0/notes.txt", "call back tomorrow\nclosed\n");
        put(DATASET + "train.manifest", "[{\"prefix\":\"s3://" + BUCKET + "/" + DATASET + "part-0/\"},\"chat.jsonl\",\"notes.txt\"]");
        SdkCallRecorder.clear();

        assertThat(run("--manifest", "s3a://" + BUCKET + "/" + DATASET + "train.manifest", "--out",
                "s3a://" + BUCKET + "/" + REPORTS + "run-0001/", "--output-kms-key", OUTPUT_KEY)).isEqualTo(Main.PASS);
        put(DATASET + "part-0/notes.txt", "refund to card " + CARD + " please\n");
        assertThat(run("--manifest", "s3a://" + BUCKET + "/" + DATASET + "train.manifest", "--out",
                "s3a://" + BUCKET + "/" + REPORTS + "run-0002/", "--output-kms-key", OUTPUT_KEY)).isEqualTo(Main.BLOCK);
        assertThat(run("--out", "s3a://" + BUCKET + "/" + REPORTS + "run-0003/", "--output-kms-key", OUTPUT_KEY,
                "s3a://" + BUCKET + "/" + DATASET + "part-0/")).isEqualTo(Main.BLOCK);

        Policy identity = Policy.read(IamPoliciesTest.iam().resolve("scanner-role-policy.json"));
        Policy bucket = Policy.read(IamPoliciesTest.iam().resolve("dataset-bucket-policy.json"));
        List<String> refused = new ArrayList<>();
        Set<String> actions = new TreeSet<>();
        List<SdkCallRecorder.Call> calls = SdkCallRecorder.calls();
        for (SdkCallRecorder.Call call : calls) {
            for (Request r : requests(call)) {
                actions.add(r.action());
                Decision d = PolicyEvaluator.evaluate(r, List.of(identity), List.of(bucket));
                if (d != Decision.ALLOW) {
                    refused.add(call.request().getClass().getSimpleName() + " -> " + r.action() + " " + r.resource() + " "
                            + r.context() + ": " + d);
                }
            }
        }
        assertThat(calls).as("the recorder saw the scans").hasSizeGreaterThan(10);
        // the runs published and withdrew an approval: the mapping saw reads, listings, creates and deletes
        assertThat(actions).contains("s3:GetObject", "s3:ListBucket", "s3:PutObject", "s3:DeleteObject");
        assertThat(refused).as("S3 calls the scanner makes that the policies refuse").isEmpty();
    }

    /** The IAM requests one SDK call is authorized as: the action, the resource and the keys the call carries. */
    private static List<Request> requests(SdkCallRecorder.Call call) {
        SdkRequest r = call.request();
        Map<String, String> h = call.headers();
        List<Request> out = new ArrayList<>();
        if (r instanceof GetObjectRequest g) {
            out.add(request(g.versionId() == null ? "s3:GetObject" : "s3:GetObjectVersion", g.bucket(), g.key(), h, null));
        } else if (r instanceof HeadObjectRequest g) {
            out.add(request(g.versionId() == null ? "s3:GetObject" : "s3:GetObjectVersion", g.bucket(), g.key(), h, null));
        } else if (r instanceof ListObjectsV2Request l) {
            Map<String, List<String>> context = base();
            context.put("s3:prefix", List.of(l.prefix() == null ? "" : l.prefix()));
            out.add(new Request(SCANNER, "s3:ListBucket", "arn:aws:s3:::" + l.bucket(), context));
        } else if (r instanceof PutObjectRequest p) {
            out.add(request("s3:PutObject", p.bucket(), p.key(), h, "true"));
        } else if (r instanceof CopyObjectRequest c) {
            out.add(request("s3:PutObject", c.destinationBucket(), c.destinationKey(), h, "true"));
            // the source as the wire carries it: x-amz-copy-source is /bucket/key, URL-encoded, maybe ?versionId=
            String source = java.net.URLDecoder.decode(h.get("x-amz-copy-source").replaceFirst("^/", "").replace("+", "%2B"), UTF_8);
            boolean version = source.contains("?versionId=");
            String[] bucketKey = source.replaceFirst("\\?versionId=.*$", "").split("/", 2);
            out.add(request(version ? "s3:GetObjectVersion" : "s3:GetObject", bucketKey[0], bucketKey[1], Map.of(), null));
        } else if (r instanceof CreateMultipartUploadRequest c) {
            out.add(request("s3:PutObject", c.bucket(), c.key(), h, "false"));
        } else if (r instanceof UploadPartRequest u) {
            out.add(request("s3:PutObject", u.bucket(), u.key(), h, "false"));
        } else if (r instanceof CompleteMultipartUploadRequest c) {
            out.add(request("s3:PutObject", c.bucket(), c.key(), h, "true"));
        } else if (r instanceof AbortMultipartUploadRequest a) {
            out.add(request("s3:AbortMultipartUpload", a.bucket(), a.key(), h, null));
        } else if (r instanceof DeleteObjectRequest d) {
            out.add(request(d.versionId() == null ? "s3:DeleteObject" : "s3:DeleteObjectVersion", d.bucket(), d.key(), h, null));
        } else if (r instanceof DeleteObjectsRequest d) {
            d.delete().objects().forEach(o -> out.add(request(o.versionId() == null ? "s3:DeleteObject" : "s3:DeleteObjectVersion",
                    d.bucket(), o.key(), Map.of(), null)));
        } else if (r instanceof GetObjectTaggingRequest t) {
            out.add(request(t.versionId() == null ? "s3:GetObjectTagging" : "s3:GetObjectVersionTagging", t.bucket(), t.key(), h, null));
        } else if (r instanceof PutObjectTaggingRequest t) {
            out.add(request(t.versionId() == null ? "s3:PutObjectTagging" : "s3:PutObjectVersionTagging", t.bucket(), t.key(), h, null));
        } else if (r instanceof DeleteObjectTaggingRequest t) {
            out.add(request(t.versionId() == null ? "s3:DeleteObjectTagging" : "s3:DeleteObjectVersionTagging", t.bucket(), t.key(), h,
                    null));
        } else {
            throw new AssertionError("no IAM mapping for " + r.getClass().getSimpleName() + ": add it from the S3 API reference");
        }
        return out;
    }

    private static Request request(String action, String bucket, String key, Map<String, String> headers, String creation) {
        Map<String, List<String>> context = base();
        if (creation != null) {
            context.put("s3:ObjectCreationOperation", List.of(creation));
        }
        for (String header : List.of("x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id", "if-none-match")) {
            if (headers.containsKey(header)) {
                context.put("s3:" + header, List.of(headers.get(header)));
            }
        }
        if (headers.containsKey("x-amz-tagging")) {
            List<String> keys = new ArrayList<>();
            for (String pair : headers.get("x-amz-tagging").split("&", -1)) {
                keys.add(java.net.URLDecoder.decode(pair.split("=", 2)[0], UTF_8));
            }
            context.put("s3:RequestObjectTagKeys", keys);
        }
        return new Request(SCANNER, action, "arn:aws:s3:::" + bucket + "/" + key, context);
    }

    /** On AWS the scanner's calls are HTTPS; the local server's are not. */
    private static Map<String, List<String>> base() {
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put("aws:SecureTransport", List.of("true"));
        context.put("aws:PrincipalArn", List.of(SCANNER.id()));
        context.put("aws:PrincipalAccount", List.of("111122223333"));
        return context;
    }

    /** s3proxy has no object tagging: the tag calls are ApprovalTagsTest's (against moto) and IamRequestsTest's rows. */
    private static int run(String... argv) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(S3.withoutApprovalTags(argv), new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        if (status != Main.PASS && status != Main.BLOCK) {
            throw new AssertionError("exit " + status + ": " + err.toString(UTF_8));
        }
        return status;
    }

    private static void put(String key, String text) {
        S3.client().putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromBytes(text.getBytes(UTF_8)));
    }
}
