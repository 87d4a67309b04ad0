package dev.piigate.jobs.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.detectors.redaction.Redactor;

/** What the copy's values go through: replaced and counted per record, dropped over the limit, skipped where the scan found nothing. */
class RecordRedactorTest {
    private static final TextScanner SCANNER = TextScanner.create(DetectorSettings.defaults());
    private static final PathMasker NAMES = new PathMasker(SCANNER,
            new Fingerprinter("record-redactor-test-key".getBytes(StandardCharsets.UTF_8)));
    private static final Redactor TYPE = new Redactor(Redactor.Style.TYPE, Map.of(), null);
    private static final String CARD = "4539 1488 0343 6467";

    @Test
    void valuesAreReplacedAndCountedInTheRecordsTheCopyKeeps() {
        RecordRedactor r = new RecordRedactor(SCANNER, NAMES, TYPE, 1);
        r.startRecord(0);
        assertThat(r.replace("note", "card " + CARD + " paid")).isEqualTo("card <CREDIT_CARD_NUMBER> paid");
        String clean = "nothing here";
        assertThat(r.replace("note", clean)).isSameAs(clean);
        assertThat(r.endRecord()).isTrue();
        r.startRecord(1);
        r.replace("a", CARD);
        r.replace("b", "mail jane.roe@mailbox.org");
        assertThat(r.endRecord()).as("two replacements, more than dropRecordsOver 1").isFalse();
        r.startRecord(2);
        r.replace("n", "42");
        r.dropRecord("a number column holds a finding");
        assertThat(r.endRecord()).isFalse();
        assertThat(r.replaced()).containsExactly(Map.entry(EntityType.CREDIT_CARD_NUMBER, 1L));
        assertThat(r.recordsKept()).isEqualTo(1);
        assertThat(r.recordsOverLimit()).isEqualTo(1);
        assertThat(r.recordsUnrewritable()).isEqualTo(1);
    }

    @Test
    void testValuesStayUnlessTheGateCountsThem() {
        String test = "card 4111 1111 1111 1111";
        RecordRedactor keeps = new RecordRedactor(SCANNER, NAMES, TYPE, -1);
        keeps.startRecord(0);
        assertThat(keeps.replace("note", test)).isSameAs(test);
        RecordRedactor replaces = new RecordRedactor(SCANNER, NAMES, TYPE.replacingTestValues(), -1);
        replaces.startRecord(0);
        assertThat(replaces.replace("note", test)).isEqualTo("card <CREDIT_CARD_NUMBER>");
    }

    @Test
    void aRecordTheScanFoundNothingInIsKeptUnscanned() {
        RecordRedactor r = new RecordRedactor(SCANNER, NAMES, TYPE, -1, new CleanValues(), new CleanValues(),
                record -> record == 1);
        String value = "card " + CARD;
        r.startRecord(0);
        assertThat(r.replace("note", value)).as("not judged again").isSameAs(value);
        r.endRecord();
        r.startRecord(1);
        assertThat(r.replace("note", value)).isEqualTo("card <CREDIT_CARD_NUMBER>");
        assertThat(r.replaceKey("$", CARD)).isEqualTo("<CREDIT_CARD_NUMBER>");
        r.endRecord();
    }
}
