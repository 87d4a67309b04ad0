package dev.piigate.jobs.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.gate.Verdict;

/** The printed summary's per-type table. */
class SummaryTest {

    @Test
    void typeColumnIsAsWideAsTheLongestTypeSoCountsStayInTheirColumns() {
        DatasetCounts counts = new DatasetCounts(1, 10, 5, 2, 0, 0, 0,
                Map.of("IBAN", new TypeCounts(1, 0, 0, 1), "FRANCE_NATIONAL_IDENTIFICATION_NUMBER",
                        new TypeCounts(12, 3, 0, 2)),
                Map.of(ObjectStatus.COMPLETE, 1L));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Summary.print(new PrintStream(buf, true, UTF_8), "data", new Verdict(Decision.PASS, List.of()), List.of(),
                counts, List.of(), List.of(), "/tmp/out");
        List<String> table = buf.toString(UTF_8).lines()
                .filter(l -> l.startsWith("  type ") || l.startsWith("  IBAN ") || l.startsWith("  FRANCE_"))
                .toList();
        assertThat(table).hasSize(3);
        // Every row ends its "unmasked" column at the same place as the header.
        int end = table.get(0).indexOf("unmasked") + "unmasked".length();
        for (String row : table.subList(1, 3)) {
            assertThat(row.charAt(end - 1)).as(row).isIn('1', '2');
            assertThat(row.charAt(end)).as(row).isEqualTo(' ');
        }
    }
}
