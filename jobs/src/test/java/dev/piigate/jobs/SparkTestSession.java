package dev.piigate.jobs;

import org.apache.spark.sql.SparkSession;

/** One local Spark session per test class: UI off, loopback, 2 shuffle partitions. */
public final class SparkTestSession {
    /**
     * The lock every test class takes that runs Spark or touches what the whole JVM shares with a
     * scan: the one Spark session a JVM may have, System.out and the log (captured by the hostile
     * tests), the ScanFaults hooks. Classes without it (parser processes, readers, pure functions)
     * run beside those that hold it (junit-platform.properties).
     */
    public static final String LOCK = "spark-session-and-scan-globals";

    private SparkTestSession() {}

    public static SparkSession start() {
        return builder().getOrCreate();
    }

    /** The builder of {@link #start}, for a class that adds settings of its own. */
    public static SparkSession.Builder builder() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("pii-gate-test")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.speculation", "false");
    }

    public static void stop(SparkSession spark) {
        if (spark != null) {
            spark.stop();
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }
}
