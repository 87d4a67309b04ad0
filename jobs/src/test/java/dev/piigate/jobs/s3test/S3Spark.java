package dev.piigate.jobs.s3test;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;

import dev.piigate.jobs.Main;

/**
 * The Spark session of an S3 test class (one per class) and the way its tests run the job: Spark
 * local on loopback, the S3A settings of the test's server plus the class's own, passed as
 * spark-submit --conf would pass them, so executors build their Hadoop settings from them.
 */
final class S3Spark {
    private S3Spark() {}

    record Run(int status, String out, String err) {}

    /** The server's S3A settings with {@link RecordingInterceptor} on, for the class to add to. */
    static Map<String, String> recordingSettings(S3Server s3) {
        Map<String, String> s3a = new LinkedHashMap<>(s3.s3aSettings());
        s3a.put("fs.s3a.audit.execution.interceptors", RecordingInterceptor.class.getName());
        return s3a;
    }

    static SparkSession start(String appName, Map<String, String> s3a) {
        SparkSession.Builder b = SparkSession.builder()
                .master("local[2]")
                .appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.speculation", "false");
        s3a.forEach((k, v) -> b.config("spark.hadoop." + k, v));
        return b.getOrCreate();
    }

    static void stop(SparkSession spark) {
        if (spark != null) {
            spark.stop();
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    /** The job's entry point with its output captured. */
    static Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        return new Run(status, out.toString(UTF_8), err.toString(UTF_8));
    }
}
