package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.scan.IgnoreReason;
import dev.piigate.jobs.scan.ObjectListing;
import dev.piigate.jobs.scan.PathMasker;

/**
 * The plan step with --out inside the INPUT folder: the run's own outputs are left out; an INPUT
 * at or below --out leaves nothing to scan, and the run fails closed saying what was left out and
 * why (counts only, no path). The report's {@code ignoredReasons} is bounded and masked.
 */
class PlanOwnFilesTest {
    private static final PathMasker PATHS = new PathMasker(TextScanner.create(ConfigLoader.defaults().detectors()),
            new Fingerprinter(new byte[32]));

    @TempDir
    Path dir;

    @Test
    void anInputAtOrBelowOutFailsClosedNamingWhatWasLeftOut() throws Exception {
        Files.createDirectories(dir.resolve("out/findings"));
        Files.writeString(dir.resolve("out/findings/part-0.json"), "{}\n", UTF_8);
        Files.writeString(dir.resolve("out/report.json"), "{}\n", UTF_8);
        Args args = Args.parse(new String[] {"--out", dir.resolve("out").toString(), dir.resolve("out").toString()});
        assertThatThrownBy(() -> ScanJob.plan(args, PATHS, new Configuration())).isInstanceOf(JobException.class)
                .hasMessageContaining("(left out of the scan: 2 files (RUN_OUTPUT 2))")
                .hasMessageContaining("nothing can be approved");

        Files.writeString(dir.resolve("a.jsonl"), "{}\n", UTF_8);
        ScanJob.Plan plan = ScanJob.plan(Args.parse(new String[] {"--out", dir.resolve("out").toString(),
            dir.toString()}), PATHS, new Configuration());
        assertThat(plan.objects()).hasSize(1);
        assertThat(plan.ignored()).extracting(ObjectListing.Ignored::reason).containsOnly(IgnoreReason.RUN_OUTPUT)
                .hasSize(2);
    }

    @Test
    void ignoredReasonsCountsAllAndNamesTheFirstHundredMasked() {
        List<ObjectListing.Ignored> ignored = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ignored.add(new ObjectListing.Ignored(String.format("file:/d/out/part-%03d.json", i), IgnoreReason.RUN_OUTPUT));
        }
        ignored.add(0, new ObjectListing.Ignored("file:/d/_started_jane.doe@posteo.de", IgnoreReason.MARKER)); // in path order, as listed
        var json = ScanJob.ignoredReasonsJson(ignored, PATHS);
        assertThat(json.get("counts")).hasToString("{MARKER=1, RUN_OUTPUT=150}");
        assertThat((List<?>) json.get("files")).hasSize(ScanJob.IGNORED_LISTED);
        assertThat(json.get("files").toString()).doesNotContain("jane.doe@posteo.de").contains("@****eo.de");
        assertThat(ScanJob.leftOut(ignored)).isEqualTo("left out of the scan: 151 files (MARKER 1, RUN_OUTPUT 150)");
    }
}
