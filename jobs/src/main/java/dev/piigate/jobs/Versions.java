package dev.piigate.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.spark.sql.SparkSession;

/** Versions for --version and report.json, read from Maven's pom.properties in each jar. */
final class Versions {
    private Versions() {}

    static String piiGate() {
        String v = read("/pii-gate-version.properties", "version");
        return v == null ? "unknown" : v;
    }

    static Map<String, String> libraries(SparkSession spark) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark", spark == null ? "unknown" : spark.version());
        m.put("hadoop", org.apache.hadoop.util.VersionInfo.getVersion());
        m.put("libphonenumber", maven("com.googlecode.libphonenumber", "libphonenumber"));
        m.put("commons-validator", maven("commons-validator", "commons-validator"));
        m.put("tika", maven("org.apache.tika", "tika-core"));
        return m;
    }

    /**
     * What a ledger entry depends on besides the code {@code ScanJob.code()} names: the versions compiled
     * into the libraries that read the data as loaded now (Spark, Hadoop, Parquet and Jackson come
     * from the cluster) and Java's (its Unicode tables classify characters). Not the Maven
     * pom.properties {@link #libraries} reads: with two versions of a library on a class path, that
     * can name the one not loaded.
     */
    static Map<String, String> readers(SparkSession spark) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark", spark.version());
        m.put("hadoop", org.apache.hadoop.util.VersionInfo.getVersion());
        m.put("parquet", org.apache.parquet.Version.FULL_VERSION);
        m.put("jackson-core", com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString());
        m.put("jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        m.put("poi", org.apache.poi.Version.getVersion());
        // The feature release: Unicode tables change only with one; a monthly patch would rescan everything.
        m.put("java", String.valueOf(Runtime.version().feature()));
        return m;
    }

    private static String maven(String group, String artifact) {
        String v = read("/META-INF/maven/" + group + "/" + artifact + "/pom.properties", "version");
        return v == null ? "unknown" : v;
    }

    private static String read(String resource, String key) {
        try (InputStream in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key);
        } catch (IOException e) {
            return null;
        }
    }
}
