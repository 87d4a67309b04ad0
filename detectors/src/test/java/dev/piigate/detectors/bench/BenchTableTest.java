package dev.piigate.detectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The table the bench script prints, from a JMH CSV as JMH 1.37 writes it. */
class BenchTableTest {
    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
            + "\"Score Error (99.9%)\",\"Unit\",\"Param: detectors\",\"Param: text\"";
    private static final String PREFIX = "\"dev.piigate.detectors.bench.ScanBenchmark.";

    @Test
    void computesThroughputRatioAndTargets() {
        List<String> csv = List.of(HEADER,
                PREFIX + "baseline\",\"avgt\",1,5,800.0,8.0,\"ms/op\",,prose",
                PREFIX + "baseline\",\"avgt\",1,5,2000.0,NaN,\"ms/op\",,logs",
                PREFIX + "piiGate\",\"avgt\",1,5,2.0,0.1,\"ms/op\",all,prose",
                PREFIX + "piiGate\",\"avgt\",1,5,50.0,1.0,\"ms/op\",all,logs");
        Map<String, Map<String, BenchTable.Score>> results = BenchTable.parse(csv);
        assertThat(results.get("prose")).containsOnlyKeys("baseline", "piiGate[all]");
        assertThat(results.get("prose").get("piiGate[all]").megabytesPerSecond(2_000_000)).isEqualTo(1000.0);

        StringBuilder out = new StringBuilder();
        boolean met = BenchTable.render(results,
                Map.of(BenchText.PROSE, 2_000_000L, BenchText.LOGS, 2_000_000L, BenchText.PII, 2_000_000L), out);

        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).contains("prose", "all", "1000.0 \u00B15%", "2.5 \u00B11%", "400.0x", "yes");
        assertThat(lines[2]).contains("logs", "40.0 \u00B12%", "1.0 ", "40.0x", ">= 50 MB/s", "NO");
        assertThat(lines[3]).contains("PII", "failed/not run", "NO (no result)");
        assertThat(met).isFalse();
    }

    @Test
    void otherConfigurationsAreShownButNotJudged() {
        List<String> csv = List.of(HEADER, PREFIX + "piiGate\",\"avgt\",1,5,2.0,0.1,\"ms/op\",trivial,pii");
        StringBuilder out = new StringBuilder();
        BenchTable.render(BenchTable.parse(csv),
                Map.of(BenchText.PROSE, 1L, BenchText.LOGS, 1L, BenchText.PII, 2_000_000L), out);
        assertThat(out.toString()).contains("trivial").contains("targets are for 'all'").doesNotContain("yes");
    }
}
