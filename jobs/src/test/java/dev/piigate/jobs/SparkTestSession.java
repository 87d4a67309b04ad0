package dev.piigate.jobs;

import org.apache.spark.sql.SparkSession;

/** One local Spark session per test class: UI off, loopback, 2 shuffle partitions. */
public final class SparkTestSession {
    private SparkTestSession() {}

    public static SparkSession start() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("pii-gate-test")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.speculation", "false")
                .getOrCreate();
    }

    public static void stop(SparkSession spark) {
        if (spark != null) {
            spark.stop();
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }
}
