package dev.piigate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Bad usage is rejected before Spark starts, with exit 64 and a message naming the flag. */
@ResourceLock(SparkTestSession.LOCK)
class CliTest {

    record Run(int status, String out, String err) {}

    static Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "in.txt|--out is required",
        "--out o|nothing to scan",
        "--out o --manifest m.manifest in.txt|either --manifest or INPUT",
        "--out o --bogus in.txt|unknown option '--bogus'",
        "--out o --format xml in.txt|--format: 'xml' is not one of jsonl, csv, parquet, text, document",
        "--out o --findings-format csv in.txt|--findings-format: 'csv' is not one of parquet, jsonl",
        "--out o --conf fs.s3a.endpoint=x in.txt|spark.hadoop.fs.s3a.endpoint",
        "--out o --conf novalue in.txt|--conf: expected KEY=VALUE",
        "--out|--out: missing value",
        "--out o --show-findings -1 in.txt|--show-findings: expected a non-negative whole number, got '-1'",
        "--out o --show-findings ten in.txt|--show-findings: expected a non-negative whole number, got 'ten'",
        "--out o --show-findings 2.5 in.txt|--show-findings: expected a non-negative whole number",
        "--out o --show-findings 9999999999 in.txt|--show-findings: expected a non-negative whole number",
        "--out o in.txt --show-findings|--show-findings: missing value",
        "--out o --quiet --verbose in.txt|give either --quiet or --verbose, not both",
        "--out o --quiet=yes in.txt|--quiet takes no value",
        "--help=yes|--help takes no value",
        "--out o --config /nonexistent/pii-gate.yaml in.txt|--config: cannot read /nonexistent/pii-gate.yaml",
    })
    void badUsageExits64NamingTheFlag(String argv, String expected) {
        Run r = run(argv.split(" "));
        assertThat(r.status()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains(expected);
    }

    @Test
    void helpListsEveryContractFlag() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        for (String flag : new String[] {"--manifest", "--out", "--config", "--findings-format", "--format", "--conf",
            "--show-findings", "--quiet", "--verbose", "--help", "--version", "0 PASS, 2 BLOCK, 1 error", "64"}) {
            assertThat(r.out()).contains(flag);
        }
    }

    @Test
    void noArgumentsPrintsTheUsageAndExits64() {
        Run r = run();
        assertThat(r.status()).isEqualTo(Main.USAGE);
        assertThat(r.err()).startsWith("Usage: scripts/scan").contains("--out URI", "Exit status");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        Run r = run("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("pii-gate ").doesNotContain("unknown").doesNotContain("${");
    }

    @Test
    void equalsFormOfFlagsIsAccepted() {
        Args a = Args.parse(new String[] {"--out=o", "--conf=spark.hadoop.a=b=c", "--format=jsonl", "in"});
        assertThat(a.out()).isEqualTo("o");
        assertThat(a.conf()).containsEntry("spark.hadoop.a", "b=c");
        assertThat(a.inputs()).containsExactly("in");
    }

    @ParameterizedTest
    @CsvSource({"'',NORMAL", "--quiet,QUIET", "--verbose,VERBOSE"})
    void verbosityFlags(String flag, Verbosity expected) {
        String[] argv = flag.isEmpty() ? new String[] {"--out", "o", "in"} : new String[] {"--out", "o", flag, "in"};
        assertThat(Args.parse(argv).verbosity()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'',0", "--show-findings=0,0", "--show-findings=25,25", "--show-findings=007,7"})
    void showFindingsTakesACount(String flag, int expected) {
        String[] argv = flag.isEmpty() ? new String[] {"--out", "o", "in"} : new String[] {"--out", "o", flag, "in"};
        assertThat(Args.parse(argv).showFindings()).isEqualTo(expected);
    }
}
