package dev.piigate.jobs.s3test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * A real S3 server with object tagging and versioning on loopback for one test class: moto's
 * server mode ({@code python3 -m moto.server}, moto 5.2.1 checked), started as a child process on
 * a free port, with the class's buckets created (versioned or not); stopped, and Hadoop's file
 * system cache emptied, after the class. s3proxy ({@link S3Server}) has no object tagging, hence
 * this second server. moto is not a Maven artifact: when it is missing the class fails (it does
 * not skip) with the command that installs it.
 *
 * <p>Checked here with moto 5.2.1: GetObjectTagging/PutObjectTagging/DeleteObjectTagging with and
 * without {@code versionId}, a new PUT creating an untagged version, {@code NoSuchKey} and
 * {@code NoSuchVersion} answers, {@code If-None-Match: *} answered with 412. moto checks no
 * signatures and answers PutObjectTagging without {@code x-amz-version-id} (S3 sends it).
 *
 * <p>Register with {@code @RegisterExtension static final MotoServer S3 = new MotoServer().versioned("a").unversioned("b")}.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {
    public static final String ACCESS_KEY = "pii-gate-test-access";
    public static final String SECRET_KEY = "pii-gate-test-secret-not-a-real-one";
    static final String INSTALL = "python3 -m pip install 'moto[server]==5.2.1'";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> versioned = new ArrayList<>();
    private final List<String> unversioned = new ArrayList<>();
    private Process process;
    private int port;
    private S3Client client;
    private Path log;

    public MotoServer versioned(String... buckets) {
        versioned.addAll(List.of(buckets));
        return this;
    }

    public MotoServer unversioned(String... buckets) {
        unversioned.addAll(List.of(buckets));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        FileSystem.closeAll(); // no S3A instance of an earlier class may keep an old endpoint
        port = freePort();
        log = Files.createTempFile("pii-gate-moto", ".log");
        try {
            process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start python3 for the moto S3 server (" + e.getMessage()
                    + "): install Python 3 and moto: " + INSTALL, e);
        }
        client = S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                client.listBuckets();
                break;
            } catch (RuntimeException e) {
                if (!process.isAlive()) {
                    String output = Files.readString(log, StandardCharsets.UTF_8);
                    throw new IllegalStateException("the moto S3 server exited with " + process.exitValue()
                            + (output.contains("No module named") ? ": moto is not installed; install it with "
                                    + INSTALL : "; see " + log) + "\n" + tail(output));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the moto S3 server did not answer within " + START_TIMEOUT
                            + "; see " + log, e);
                }
                Thread.sleep(100);
            }
        }
        for (String b : versioned) {
            client.createBucket(r -> r.bucket(b));
            client.putBucketVersioning(r -> r.bucket(b).versioningConfiguration(
                    v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        for (String b : unversioned) {
            client.createBucket(r -> r.bucket(b));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        S3Server.stop(client, process);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** An SDK client for the test's own uploads and checks (not the code under test). */
    public S3Client client() {
        return client;
    }

    /** The S3A settings that point Hadoop at this server (as {@link S3Server#s3aSettings}), without {@code spark.hadoop.}. */
    public Map<String, String> s3aSettings() {
        return S3Server.s3aSettings(endpoint(), ACCESS_KEY, SECRET_KEY);
    }

    /** An IAM user's access key. */
    public record Keys(String accessKey, String secretKey) {}

    /**
     * Creates an IAM user in moto with {@code policy} (a JSON policy document) as its only inline
     * policy and returns its new access key. Before {@link #enforceIam}: the IAM calls go unsigned
     * (moto routes them by the credential scope in the Authorization header and checks nothing yet).
     */
    public Keys iamUser(String name, String policy) throws IOException, InterruptedException {
        iam("Action=CreateUser&UserName=" + form(name));
        iam("Action=PutUserPolicy&UserName=" + form(name) + "&PolicyName=test&PolicyDocument=" + form(policy));
        String answer = iam("Action=CreateAccessKey&UserName=" + form(name));
        return new Keys(element(answer, "AccessKeyId"), element(answer, "SecretAccessKey"));
    }

    /**
     * From now on moto checks every request's signature against its IAM users' keys and their
     * policies (its {@code /moto-api/reset-auth}, as moto's own server-mode tests switch it on): an
     * unknown access key is {@code InvalidAccessKeyId}, a denied action {@code AccessDenied}. This
     * class's own client ({@link #client}) holds no IAM user's key: put objects before.
     */
    public void enforceIam() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/reset-auth"))
                .POST(HttpRequest.BodyPublishers.ofString("0")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("moto did not switch IAM checks on: HTTP " + r.statusCode());
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String iam(String form) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY
                        + "/20250101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2010-05-08")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("moto IAM call failed: HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String form(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String element(String xml, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in moto's answer: " + xml);
        }
        return m.group(1);
    }

    private static String tail(String output) {
        return output.length() <= 2000 ? output : output.substring(output.length() - 2000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
