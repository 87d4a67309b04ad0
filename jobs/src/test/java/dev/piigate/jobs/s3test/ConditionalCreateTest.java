package dev.piigate.jobs.s3test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.s3.ConditionalCreate;
import dev.piigate.jobs.s3.CreateOnlyUnsupported;
import dev.piigate.jobs.s3.OutputEncryption;
import dev.piigate.jobs.s3.PublishConflict;
import dev.piigate.jobs.s3test.RecordingInterceptor.Sent;

/**
 * Create-only publishing without Spark: writers racing on one key, on the S3 server and on the local
 * file system; exactly one wins and the others get {@link PublishConflict}.
 */
@ResourceLock(SparkTestSession.LOCK)
class ConditionalCreateTest {
    private static final int WRITERS = 8;
    private static final String KMS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/5b1e9d3c-0000-4000-8000-000000000001";

    @RegisterExtension
    static final S3Server S3 = new S3Server("publish", "publish-kms");

    @TempDir
    java.nio.file.Path tmp;

    @BeforeEach
    void clear() {
        RecordingInterceptor.clear();
    }

    private static Configuration s3a() {
        Configuration conf = new Configuration();
        S3.s3aSettings().forEach(conf::set);
        conf.set("fs.s3a.audit.execution.interceptors", RecordingInterceptor.class.getName());
        return conf;
    }

    @Test
    void ofWritersRacingOnOneS3KeyExactlyOneWins() throws Exception {
        Configuration conf = s3a();
        for (int round = 0; round < 5; round++) {
            Path path = new Path("s3a://publish/race-" + round + "/verdict.json");
            int winner = race(path, conf);
            assertThat(new String(S3.client().getObjectAsBytes(g -> g.bucket("publish").key(
                    path.toUri().getPath().substring(1))).asByteArray(), UTF_8)).isEqualTo(body(winner));
        }
        assertThat(RecordingInterceptor.sent()).filteredOn(s -> s.method().equals("PUT"))
                .hasSize(5 * WRITERS)
                .allSatisfy(s -> assertThat(s.header("if-none-match")).isEqualTo("*"));
    }

    /**
     * From EMR 7.10 S3A serves {@code s3://}: the conditional PUT is chosen by the file system's
     * class, not by the scheme (a scheme check sent these through a check-then-write create).
     */
    @Test
    void s3UrisServedByS3aAreCreatedWithTheConditionalPut() throws Exception {
        Configuration conf = s3a();
        conf.set("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        Path path = new Path("s3://publish/served-by-s3a/verdict.json");
        ConditionalCreate.requireCreateOnly(path, conf, "--out");
        ConditionalCreate.create(path, body(0).getBytes(UTF_8), conf);
        assertThatThrownBy(() -> ConditionalCreate.create(path, body(1).getBytes(UTF_8), conf))
                .isInstanceOf(PublishConflict.class);
        assertThat(RecordingInterceptor.sent()).filteredOn(s -> s.method().equals("PUT")).hasSize(2)
                .allSatisfy(s -> assertThat(s.header("if-none-match")).isEqualTo("*"));
        assertThat(new String(S3.client().getObjectAsBytes(g -> g.bucket("publish").key("served-by-s3a/verdict.json"))
                .asByteArray(), UTF_8)).isEqualTo(body(0));
    }

    /** A file system that checks, then writes (as EMRFS does for s3:// before EMR 7.10). */
    public static final class CheckThenWriteFileSystem extends org.apache.hadoop.fs.RawLocalFileSystem {
        @Override
        public java.net.URI getUri() {
            return java.net.URI.create("checkthenwrite:///");
        }

        @Override
        public String getScheme() {
            return "checkthenwrite";
        }
    }

    /**
     * Such a file system is refused before anything is read: the scan exits 64 naming the flag and
     * what to use instead, even before it finds that its INPUT does not exist.
     */
    @Test
    void aFileSystemWithoutCreateOnlyIsRefusedBeforeTheScan() {
        Configuration conf = new Configuration();
        conf.set("fs.checkthenwrite.impl", CheckThenWriteFileSystem.class.getName());
        assertThatThrownBy(() -> ConditionalCreate.requireCreateOnly(new Path("checkthenwrite:///out"), conf, "--out"))
                .isInstanceOf(CreateOnlyUnsupported.class)
                .hasMessageStartingWith("--out ").hasMessageContaining(" is on CheckThenWriteFileSystem")
                .hasMessageContaining("use s3a:// URIs");
        assertThatThrownBy(() -> ConditionalCreate.create(new Path("checkthenwrite:///out/verdict.json"),
                body(0).getBytes(UTF_8), conf)).isInstanceOf(CreateOnlyUnsupported.class);

        var err = new java.io.ByteArrayOutputStream();
        var out = new java.io.ByteArrayOutputStream();
        org.apache.spark.sql.SparkSession spark = SparkTestSession.start();
        try {
            spark.sparkContext().hadoopConfiguration().set("fs.checkthenwrite.impl", CheckThenWriteFileSystem.class.getName());
            int status = dev.piigate.jobs.Main.run(new String[] {"--out", "checkthenwrite:///out",
                tmp.resolve("no-such-input").toString()}, new java.io.PrintStream(out, true, UTF_8),
                    new java.io.PrintStream(err, true, UTF_8));
            assertThat(status).as(err.toString(UTF_8)).isEqualTo(dev.piigate.jobs.Main.USAGE);
            assertThat(err.toString(UTF_8)).contains("cannot create a file only if it is absent")
                    .doesNotContain("INPUT does not exist");
        } finally {
            SparkTestSession.stop(spark);
        }
    }

    @Test
    void ofWritersRacingOnOneLocalFileExactlyOneWins() throws Exception {
        Configuration conf = new Configuration();
        for (int round = 0; round < 5; round++) {
            java.nio.file.Path file = tmp.resolve("out-" + round).resolve("verdict.json");
            int winner = race(new Path(file.toUri()), conf);
            assertThat(Files.readString(file)).isEqualTo(body(winner));
            try (var left = Files.list(file.getParent())) {
                assertThat(left.map(p -> p.getFileName().toString())).as("no temporary files left")
                        .containsExactly("verdict.json");
            }
        }
        Path plain = new Path(tmp.resolve("plain-path.json").toString()); // no scheme: the local file system
        ConditionalCreate.create(plain, body(0).getBytes(UTF_8), conf);
        assertThatThrownBy(() -> ConditionalCreate.create(plain, body(1).getBytes(UTF_8), conf))
                .isInstanceOf(PublishConflict.class).hasMessageContaining("already exists");
    }

    @Test
    void theConditionalPutIsEncryptedWithTheOutputKey() throws Exception {
        Configuration conf = s3a();
        OutputEncryption.hadoopSettings(KMS_KEY, List.of("s3a://publish-kms/out")).forEach(conf::set);
        ConditionalCreate.create(new Path("s3a://publish-kms/out/verdict.json"), body(0).getBytes(UTF_8), conf);
        List<Sent> puts = RecordingInterceptor.sent().stream().filter(s -> s.method().equals("PUT")).toList();
        assertThat(puts).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("/publish-kms/out/verdict.json");
            assertThat(s.header("if-none-match")).isEqualTo("*");
            assertThat(s.header("x-amz-server-side-encryption")).isEqualTo("aws:kms");
            assertThat(s.header("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo(KMS_KEY);
        });
        // the server stored it as asked: its answer to HEAD names the algorithm and key
        var head = S3.client().headObject(h -> h.bucket("publish-kms").key("out/verdict.json"));
        assertThat(head.serverSideEncryptionAsString()).isEqualTo("aws:kms");
        assertThat(head.ssekmsKeyId()).isEqualTo(KMS_KEY);
    }

    @Test
    void outputEncryptionSettingsNameOnlyTheOutputBuckets() {
        assertThat(OutputEncryption.hadoopSettings(KMS_KEY, List.of("s3://reports/run-7/", "s3a://data/train.manifest",
                "/opt/ml/processing/output")))
                .containsOnly(
                        org.assertj.core.api.Assertions.entry("fs.s3a.bucket.reports.encryption.algorithm", "SSE-KMS"),
                        org.assertj.core.api.Assertions.entry("fs.s3a.bucket.reports.encryption.key", KMS_KEY),
                        org.assertj.core.api.Assertions.entry("fs.s3a.bucket.data.encryption.algorithm", "SSE-KMS"),
                        org.assertj.core.api.Assertions.entry("fs.s3a.bucket.data.encryption.key", KMS_KEY));
        assertThat(OutputEncryption.hadoopSettings(null, List.of("s3://reports/x"))).isEmpty();
    }

    @Test
    void outputKmsKeyNeedsAnS3OutAndIsInTheHelp() {
        var err = new java.io.ByteArrayOutputStream();
        var out = new java.io.ByteArrayOutputStream();
        int status = dev.piigate.jobs.Main.run(new String[] {"--output-kms-key", KMS_KEY, "--out", tmp.toString(),
            tmp.toString()}, new java.io.PrintStream(out, true, UTF_8), new java.io.PrintStream(err, true, UTF_8));
        assertThat(status).isEqualTo(dev.piigate.jobs.Main.USAGE);
        assertThat(err.toString(UTF_8)).contains("--output-kms-key applies to S3 outputs");
        dev.piigate.jobs.Main.run(new String[] {"--help"}, new java.io.PrintStream(out, true, UTF_8),
                new java.io.PrintStream(err, true, UTF_8));
        assertThat(out.toString(UTF_8)).contains("--output-kms-key KEY");
    }

    /** WRITERS threads create {@code path} at once; returns the one that succeeded. */
    private static int race(Path path, Configuration conf) throws Exception {
        CyclicBarrier start = new CyclicBarrier(WRITERS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                byte[] bytes = body(i).getBytes(UTF_8);
                writers.add(pool.submit(() -> {
                    start.await();
                    ConditionalCreate.create(path, bytes, conf);
                    return null;
                }));
            }
            List<Integer> won = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                try {
                    writers.get(i).get();
                    won.add(i);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(PublishConflict.class);
                }
            }
            assertThat(won).as("winners on " + path).hasSize(1);
            return won.get(0);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String body(int writer) {
        return "{\"writer\":" + writer + "}";
    }
}
