package dev.piigate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkConf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Main's session settings without starting Spark: the local-run settings (no adaptive execution,
 * as many shuffle partitions as task threads) apply only to a local master and a session the run
 * builds itself; a cluster, a caller's session and the user's own --conf keep theirs.
 */
class SessionConfTest {
    private static final String CORES = Integer.toString(Runtime.getRuntime().availableProcessors());

    @ParameterizedTest(name = "master {0}, --conf {1}, own session {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # master (spark-submit) | --conf                              | creating | adaptive | shuffle partitions
            -                       | -                                   | true     | false    | CORES
            local[*]                | -                                   | true     | false    | CORES
            local                   | -                                   | true     | false    | 1
            local[3]                | -                                   | true     | false    | 3
            local[2,4]              | -                                   | true     | false    | 2
            -                       | spark.master=local[1]               | true     | false    | 1
            -                       | spark.sql.shuffle.partitions=7      | true     | false    | 7
            -                       | spark.sql.adaptive.enabled=true     | true     | true     | CORES
            yarn                    | -                                   | true     | -        | -
            local-cluster[2,1,1024] | -                                   | true     | -        | -
            k8s://https://host:443  | -                                   | true     | -        | -
            -                       | -                                   | false    | -        | -
            """)
    void localRunsSkipAdaptiveExecutionAndMatchShufflePartitionsToThreads(String master, String conf,
            boolean creating, String adaptive, String partitions) {
        SparkConf submitted = new SparkConf(false);
        if (master != null) {
            submitted.setMaster(master);
        }
        List<String> argv = new ArrayList<>(List.of("--out", "/tmp/unused-out"));
        if (conf != null) {
            argv.addAll(List.of("--conf", conf));
        }
        argv.add("/tmp/unused-in");

        SparkConf session = Main.sessionConf(Args.parse(argv.toArray(String[]::new)), submitted, creating);

        assertThat(setting(session, "spark.sql.adaptive.enabled")).isEqualTo(adaptive);
        assertThat(setting(session, "spark.sql.shuffle.partitions"))
                .isEqualTo("CORES".equals(partitions) ? CORES : partitions);
        assertThat(session.get("spark.speculation")).isEqualTo("false");
        assertThat(submitted.contains("spark.sql.adaptive.enabled")).as("spark-submit's settings not changed").isFalse();
    }

    /** Spark's console progress bar: off in a local run the job builds, unless --conf asks for it; else Spark's. */
    @ParameterizedTest(name = "master {0}, --conf {1}, own session {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # master (spark-submit) | --conf                                | creating | progress bar
            -                       | -                                     | true     | false
            local[2]                | -                                     | true     | false
            -                       | spark.ui.showConsoleProgress=true     | true     | true
            yarn                    | -                                     | true     | -
            -                       | -                                     | false    | -
            """)
    void localRunsHaveNoConsoleProgressBarUnlessAsked(String master, String conf, boolean creating, String bar) {
        SparkConf submitted = new SparkConf(false);
        if (master != null) {
            submitted.setMaster(master);
        }
        List<String> argv = new ArrayList<>(List.of("--out", "/tmp/unused-out", "/tmp/unused-in"));
        if (conf != null) {
            argv.addAll(List.of("--conf", conf));
        }
        SparkConf session = Main.sessionConf(Args.parse(argv.toArray(String[]::new)), submitted, creating);
        assertThat(setting(session, "spark.ui.showConsoleProgress")).isEqualTo(bar);
    }

    private static String setting(SparkConf conf, String key) {
        return conf.contains(key) ? conf.get(key) : null;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            local          | 1
            local[1]       | 1
            local[16]      | 16
            local[4,2]     | 4
            local[0]       | 0
            local[x]       | 0
            localhost      | 0
            yarn           | 0
            spark://h:7077 | 0
            """)
    void localThreadsReadsTheMaster(String master, int threads) {
        assertThat(Main.localThreads(master)).isEqualTo(threads);
    }
}
