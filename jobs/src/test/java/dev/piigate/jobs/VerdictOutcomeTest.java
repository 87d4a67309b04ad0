package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.piigate.jobs.config.ConfigWarning;
import dev.piigate.jobs.gate.BlockReason;
import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.gate.Verdict;
import dev.piigate.jobs.report.Report;
import dev.piigate.jobs.report.Summary;
import dev.piigate.jobs.s3.PublishConflict;

/** What a run says when the gate's decision could not be published: ERROR, never the gate's PASS. */
class VerdictOutcomeTest {
    private static final Verdict PASS = new Verdict(Decision.PASS, List.of());
    private static final BlockReason TOO_MANY = new BlockReason("UNMASKED_RECORDS", "overall", "3 records", 3, 0,
            "policy.maxUnmaskedRecords");

    @Test
    void aPassThatCouldNotBePublishedIsAnErrorNamingTheFailureByClassOnly() {
        Verdict v = ScanJob.publishFailed(PASS,
                new AccessDeniedException("/secret/place/train.approved.manifest: jane@posteo.de"));
        assertThat(v.decision()).isEqualTo(Decision.ERROR);
        assertThat(v.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(Report.PUBLISH_FAILED);
            assertThat(r.message()).contains("AccessDeniedException").doesNotContain("posteo", "/secret/");
        });
        assertThat(Report.verdictJson(v)).containsEntry("decision", "ERROR");
    }

    @Test
    void aBlockWhoseWithdrawalFailedKeepsItsReasonsAndAddsTheFailure() {
        Verdict v = ScanJob.publishFailed(new Verdict(Decision.BLOCK, List.of(TOO_MANY)),
                new PublishConflict("s3a://b/x already exists: another run published it first"));
        assertThat(v.decision()).isEqualTo(Decision.ERROR);
        assertThat(v.reasons()).extracting(BlockReason::code).containsExactly("UNMASKED_RECORDS", Report.PUBLISH_FAILED);
        assertThat(v.reasons().get(1).message()).contains("another run published first").doesNotContain("s3a://");
    }

    @Test
    void theSummaryOfAnErrorSaysErrorAndNeverPass() {
        String printed = summary(ScanJob.publishFailed(PASS, new IOException("x")), List.of());
        assertThat(printed).contains("pii-gate: ERROR  data", "  ERROR publishing the outcome failed (IOException)")
                .doesNotContain("PASS").doesNotContain("threshold");
    }

    @Test
    void theSummaryPrintsOneWarningLinePerNarrowingSetting() {
        String printed = summary(PASS, List.of(new ConfigWarning("policy.tolerate", "objects with status SKIPPED do"
                + " not block"), new ConfigWarning("detectors.enabled", "leaves out ssn_v2")));
        assertThat(printed).contains("pii-gate: PASS  data", "  WARNING policy.tolerate: objects with status SKIPPED",
                "  WARNING detectors.enabled: leaves out ssn_v2");
        assertThat(Report.warningsJson(List.of(new ConfigWarning("k", "m"))))
                .containsExactly(Map.of("key", "k", "message", "m"));
    }

    private static String summary(Verdict v, List<ConfigWarning> warnings) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Summary.print(new PrintStream(buf, true, UTF_8), "data", v, warnings, DatasetCounts.ZERO, List.of(), List.of(),
                "out");
        return buf.toString(UTF_8);
    }
}
