package dev.piigate.jobs.s3test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3-compatible server on loopback for one test class: s3proxy 4.1.0 (a {@link Backend}, AWS V4
 * signatures checked) started as a child JVM on a free port,
 * with the class's buckets created; stopped, and Hadoop's file system cache emptied, after the class.
 * The jar is copied by the build (jobs/pom.xml, {@code piigate.s3proxy.jar}).
 *
 * <p>Register with {@code @RegisterExtension static final S3Server S3 = new S3Server("bucket", ...)}.
 */
public final class S3Server implements BeforeAllCallback, AfterAllCallback {
    public static final String ACCESS_KEY = "pii-gate-test-access";
    public static final String SECRET_KEY = "pii-gate-test-secret-not-a-real-one";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** s3proxy storage backends, and what each does here (checked with 4.1.0). */
    public enum Backend {
        /** In memory: multipart, conditional writes, SSE-KMS headers; the default. */
        TRANSIENT("transient-nio2"),
        /**
         * Files in a temporary folder, so {@link #drop} can put thousands of objects in place without
         * PUTs; answers SSE-KMS PUTs with 501 Not Implemented, so not for the encryption tests.
         */
        FILESYSTEM("filesystem-nio2");

        final String provider;

        Backend(String provider) {
            this.provider = provider;
        }
    }

    private final Backend backend;
    private final List<String> buckets;
    private Process process;
    private int port;
    private S3Client client;
    private Path workDir;

    public S3Server(String... buckets) {
        this(Backend.TRANSIENT, buckets);
    }

    public S3Server(Backend backend, String... buckets) {
        this.backend = backend;
        this.buckets = List.of(buckets);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        FileSystem.closeAll(); // no S3A instance of an earlier class may keep an old endpoint
        String jar = System.getProperty("piigate.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("s3proxy jar not found (" + jar + "): run the tests through Maven,"
                    + " which copies it to jobs/target/s3proxy/");
        }
        workDir = Files.createTempDirectory("pii-gate-s3proxy");
        port = freePort();
        Path properties = workDir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                // newer SDKs send headers s3proxy does not know; it would refuse them otherwise
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=" + backend.provider,
                "jclouds.filesystem.basedir=" + workDir.resolve("buckets"),
                "jclouds.identity=unused",
                "jclouds.credential=unused",
                ""), StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.createDirectories(workDir.resolve("buckets"));
        process = new ProcessBuilder(java, "-Xmx512m", "-jar", jar, "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("s3proxy.log").toFile())
                .start();
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
                    throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; see "
                            + workDir.resolve("s3proxy.log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not answer within " + START_TIMEOUT, e);
                }
                Thread.sleep(100);
            }
        }
        for (String b : buckets) {
            client.createBucket(r -> r.bucket(b));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop(client, process);
    }

    /**
     * Ends a test's S3 server: Hadoop's cached file systems first (a cached S3A instance keeps the
     * old endpoint), then the test's own client, then the server process.
     */
    static void stop(S3Client client, Process process) throws IOException, InterruptedException {
        FileSystem.closeAll();
        if (client != null) {
            client.close();
        }
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Writes an object straight into the backend's folder: thousands of objects in well under a
     * second instead of thousands of PUTs. The server serves it like any other object, but without
     * an ETag (hence {@code fs.s3a.change.detection.version.required=false}).
     */
    public void drop(String bucket, String key, byte[] bytes) throws IOException {
        if (backend != Backend.FILESYSTEM) {
            throw new IllegalStateException("drop() needs the FILESYSTEM backend");
        }
        Path file = workDir.resolve("buckets").resolve(bucket).resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /**
     * {@code argv} with a {@code --config} that turns the approval tags off
     * ({@code approval.tagObjects: false}): s3proxy answers the tagging requests with 501 Not
     * Implemented, so with tags on every S3 run here would fail closed. The tags are tested against
     * moto ({@link MotoServer}, {@code ApprovalTagsTest}).
     */
    public String[] withoutApprovalTags(String... argv) throws IOException {
        Path config = workDir.resolve("no-approval-tags.yaml");
        // Written aside and moved into place: runs racing each other (S3ScanTest) must never read
        // it truncated, which would be the defaults, approval tags on, and s3proxy's 501s.
        Path written = Files.createTempFile(workDir, "no-approval-tags", ".yaml");
        Files.writeString(written, "approval:\n  tagObjects: false\n", StandardCharsets.UTF_8);
        Files.move(written, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        String[] all = new String[argv.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(argv, 0, all, 2, argv.length);
        return all;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** An SDK client for the test's own uploads and checks (not the code under test). */
    public S3Client client() {
        return client;
    }

    /** The S3A settings that point Hadoop at this server, without the {@code spark.hadoop.} prefix. */
    public Map<String, String> s3aSettings() {
        Map<String, String> m = s3aSettings(endpoint(), ACCESS_KEY, SECRET_KEY);
        m.put("fs.s3a.change.detection.version.required", "false"); // objects dropped by drop() have no ETag
        return m;
    }

    /** S3A settings for an S3 server on loopback: path-style, plain HTTP, static keys, quick to give up. */
    static Map<String, String> s3aSettings(String endpoint, String accessKey, String secretKey) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fs.s3a.endpoint", endpoint);
        m.put("fs.s3a.endpoint.region", "us-east-1");
        m.put("fs.s3a.path.style.access", "true");
        m.put("fs.s3a.connection.ssl.enabled", "false");
        m.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        m.put("fs.s3a.access.key", accessKey);
        m.put("fs.s3a.secret.key", secretKey);
        // a dead endpoint must fail a test in seconds, not after minutes of retries
        m.put("fs.s3a.attempts.maximum", "2");
        m.put("fs.s3a.retry.limit", "2");
        m.put("fs.s3a.connection.establish.timeout", "15s");
        return m;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
