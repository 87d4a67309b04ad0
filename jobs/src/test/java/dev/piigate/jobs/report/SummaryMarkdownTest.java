package dev.piigate.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.piigate.jobs.config.ConfigWarning;
import dev.piigate.jobs.gate.BlockReason;
import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.gate.Verdict;
import dev.piigate.jobs.scan.ObjectResult;

/** summary.md's layout, and text from paths and messages that must not turn into markup. */
class SummaryMarkdownTest {

    private static final DatasetCounts COUNTS = new DatasetCounts(2, 2048, 10, 3, 0, 1, 0,
            Map.of("IBAN", new TypeCounts(2, 1, 0, 2), "CREDIT_CARD_NUMBER", new TypeCounts(4, 0, 1, 3)),
            Map.of(ObjectStatus.COMPLETE, 2L));

    private static ObjectResult object(String safeFile, long records, long unmasked) {
        return new ObjectResult("file:/d/x", safeFile, "text", 1024, null, ObjectStatus.COMPLETE, null, records,
                unmasked, 0, 0, 0, unmasked, 0, Map.of());
    }

    @Test
    void blockedRunListsReasonsTablesWorstObjectsAndNotes() {
        Verdict verdict = new Verdict(Decision.BLOCK, List.of(new BlockReason("UNMASKED_RECORDS", "overall",
                "records with unmasked PII: 3 of 10 scanned, more than the limit of 0 (policy.maxUnmaskedRecords)", 3,
                0, "policy.maxUnmaskedRecords")));
        String md = SummaryMarkdown.render("s3a://b/data/", verdict,
                List.of(new ConfigWarning("detectors.enabled", "IBAN is not looked for")), COUNTS,
                List.of(object("s3a://b/data/a.txt", 6, 3)),
                List.of("  left out of the scan: 1 file (MARKER 1); listed in report.json ignoredReasons", "",
                        "  Macie cross-check (1 results files): objects 2", "    occurrences: 1 AGREE"),
                "/tmp/out");
        assertThat(md).startsWith("# pii-gate: BLOCK\n\nDataset: `s3a://b/data/`\n")
                .contains("\n## Reasons\n\n- **BLOCK** records with unmasked PII: 3 of 10 scanned, more than the"
                        + " limit of 0 (policy.maxUnmaskedRecords)  \n  observed 3, threshold 0; set by"
                        + " `policy.maxUnmaskedRecords`\n")
                .contains("- `detectors.enabled`: IBAN is not looked for\n")
                .contains("Objects 2 (2.0 KiB), records 10: **3 with unmasked PII**, 1 masked only, 6 clean.")
                .contains("| COMPLETE | 2 |\n")
                // Types sorted by name, as the printed summary sorts them.
                .contains("|---|---:|---:|---:|---:|\n| CREDIT_CARD_NUMBER | 4 | 0 | 1 | 3 |\n| IBAN | 2 | 1 | 0 | 2 |\n")
                .contains("| 3 | 6 | COMPLETE | `s3a://b/data/a.txt` |\n")
                .contains("- left out of the scan: 1 file (MARKER 1); listed in report.json ignoredReasons\n"
                        + "- Macie cross-check (1 results files): objects 2\n  - occurrences: 1 AGREE\n")
                .endsWith("\nFull report: `/tmp/out/report.json`\n");
    }

    @Test
    void aPassHasNoReasonsAndNoWorstObjects() {
        String md = SummaryMarkdown.render("d", new Verdict(Decision.PASS, List.of()), List.of(), COUNTS, List.of(),
                List.of(), "o");
        assertThat(md).startsWith("# pii-gate: PASS\n").doesNotContain("## Reasons").doesNotContain("## Worst")
                .doesNotContain("## Notes").doesNotContain("## Warnings");
    }

    @Test
    void aPipeOrBacktickInAPathStaysInsideItsCell() {
        String md = SummaryMarkdown.render("d", new Verdict(Decision.PASS, List.of()), List.of(), COUNTS,
                List.of(object("s3a://b/x|y`z.txt", 1, 1)), List.of(), "o");
        assertThat(md).contains("| 1 | 1 | COMPLETE | ``s3a://b/x\\|y`z.txt`` |\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "plain words, a full stop.; plain words, a full stop.",
            "*bold* _it_; \\*bold\\* \\_it\\_",
            "[link](http://x); \\[link\\](http://x)",
            "<img src=x>; \\<img src=x\\>",
            "a | b; a \\| b",
            "- not a list; \\- not a list",
            "# not a heading; \\# not a heading",
            "12. not ordered; 12\\. not ordered",
            "\"&amp; no entity\"; \"\\&amp; no entity\"",
            "`code`; \\`code\\`",
    })
    void textRendersAsWritten(String raw, String escaped) {
        assertThat(SummaryMarkdown.text(raw)).isEqualTo(escaped);
    }

    @Test
    void lineBreaksAreFolded() {
        assertThat(SummaryMarkdown.text("a\nb\r\nc")).isEqualTo("a b  c");
        assertThat(SummaryMarkdown.code("a\nb")).isEqualTo("`a b`");
        assertThat(SummaryMarkdown.code("`x`")).isEqualTo("`` `x` ``");
    }
}
