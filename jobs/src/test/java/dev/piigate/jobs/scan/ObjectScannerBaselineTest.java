package dev.piigate.jobs.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.gate.DatasetCounts;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.read.ParserProcesses;

/**
 * The executor decides what a baseline accepts while it classifies records: an unmasked finding
 * whose fingerprint and type the baseline lists is counted as accepted (still unmasked, its record
 * not), a record with any other unmasked finding still counts, a test value is never accepted, and
 * the findings cap of findings/ changes nothing of it.
 */
@ResourceLock(SparkTestSession.LOCK)
class ObjectScannerBaselineTest {
    private static final ParserProcesses PARSERS = new ParserProcesses();
    private static final byte[] KEY = new byte[32];
    /** Real-looking, fictional, Luhn-valid; not published test numbers. */
    private static final String ACCEPTED_CARD = "4539 1488 0343 6467";
    private static final String OTHER_CARD = "5164 3426 8782 6989";
    private static final String TEST_CARD = "4111 1111 1111 1111";
    private static final String MASKED_CARD = "**** **** **** 4242";

    /** The accepted card as a baseline lists it; the other card listed under another type only. */
    private static final AcceptedSet BASELINE = AcceptedSet.of(List.of(
            new AcceptedSet.Entry("CREDIT_CARD_NUMBER", fingerprint(ACCEPTED_CARD)),
            new AcceptedSet.Entry("IBAN", fingerprint(OTHER_CARD))));

    private static final String LINES = String.join("\n",
            "{\"card\":\"" + ACCEPTED_CARD + "\"}", // 0: accepted only
            // 1: accepted (written with dashes: the same fingerprint) and masked
            "{\"card\":\"" + ACCEPTED_CARD.replace(' ', '-') + "\",\"old_card\":\"" + MASKED_CARD + "\"}",
            "{\"card\":\"" + ACCEPTED_CARD + "\",\"test_card\":\"" + TEST_CARD + "\"}", // 2: accepted and a test value
            "{\"card\":\"" + ACCEPTED_CARD + "\",\"other_card\":\"" + OTHER_CARD + "\"}", // 3: accepted and a leak
            "{\"card\":\"" + OTHER_CARD + "\"}", // 4: listed under another type: a leak
            "{\"card\":\"" + MASKED_CARD + "\"}", // 5: masked only
            "{\"note\":\"nothing here\"}") + "\n"; // 6: clean

    @TempDir
    Path dir;

    @AfterAll
    static void closeParsers() {
        PARSERS.close();
    }

    @Test
    void acceptedFindingsAreCountedApartAndTheirRecordsDoNotCount() throws IOException {
        ScannedObject scanned = scan(ConfigLoader.defaults(), BASELINE);
        ObjectResult raw = scanned.result();
        assertThat(raw.records()).isEqualTo(7);
        assertThat(raw.recordsUnmasked()).as("records 3 and 4").isEqualTo(2);
        assertThat(raw.recordsAcceptedOnly()).as("records 0 and 1").isEqualTo(2);
        assertThat(raw.recordsTestOnly()).as("record 2").isEqualTo(1);
        assertThat(raw.recordsAcceptedTestOnly()).as("record 2").isEqualTo(1);
        assertThat(raw.recordsMaskedTestOnly()).isZero();
        assertThat(raw.recordsMaskedOnly()).as("record 5").isEqualTo(1);
        // unmasked 6 (4 of them accepted), masked 2, test 1; records unmasked 3 and 4; record 2 test only
        assertThat(raw.types().get("CREDIT_CARD_NUMBER")).isEqualTo(new TypeCounts(6, 2, 1, 2, 1, 4));

        DatasetCounts lenient = raw.counts().counted(false);
        assertThat(lenient.recordsUnmasked()).isEqualTo(2);
        assertThat(lenient.recordsAcceptedOnly()).as("records 0, 1 and 2").isEqualTo(3);
        assertThat(lenient.recordsClean()).as("record 6").isEqualTo(1);
        DatasetCounts strict = raw.counts().counted(true);
        assertThat(strict.recordsUnmasked()).as("records 2, 3 and 4: a test value is never accepted").isEqualTo(3);
        assertThat(strict.recordsAcceptedOnly()).as("records 0 and 1").isEqualTo(2);
        assertThat(strict.recordsClean()).isEqualTo(1);

        assertThat(scanned.findings()).filteredOn(FindingRow::accepted).hasSize(4).allSatisfy(f -> {
            assertThat(f.fingerprint()).isEqualTo(fingerprint(ACCEPTED_CARD));
            assertThat(f.masked()).isFalse();
            assertThat(f.testValue()).isFalse();
        });
        assertThat(scanned.findings()).filteredOn(f -> !f.accepted()).extracting(FindingRow::record)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void withoutABaselineTheCountsAreAsTheyWere() throws IOException {
        ObjectResult none = scan(ConfigLoader.defaults(), AcceptedSet.NONE).result();
        assertThat(none.recordsUnmasked()).as("records 0 to 4").isEqualTo(5);
        assertThat(none.recordsAcceptedOnly()).isZero();
        assertThat(none.recordsAcceptedTestOnly()).isZero();
        assertThat(none.types().get("CREDIT_CARD_NUMBER")).isEqualTo(new TypeCounts(6, 2, 1, 5, 0));
        assertThat(scan(ConfigLoader.defaults(), AcceptedSet.NONE).findings()).noneMatch(FindingRow::accepted);
    }

    /** Findings beyond report.maxFindingsPerFile are not written, and are judged against the baseline all the same. */
    @Test
    void theFindingsCapChangesNoCount() throws IOException {
        Config capped = ConfigLoader.parse("report:\n  maxFindingsPerFile: 1\n", "capped.yaml");
        ScannedObject scanned = scan(capped, BASELINE);
        assertThat(scanned.findings()).hasSize(1);
        assertThat(scanned.result().findingsNotWritten()).isEqualTo(8);
        ObjectResult all = scan(ConfigLoader.defaults(), BASELINE).result();
        assertThat(scanned.result().counts()).isEqualTo(all.counts());
    }

    private ScannedObject scan(Config config, AcceptedSet accepted) throws IOException {
        Path file = dir.resolve("cards.jsonl");
        Files.writeString(file, LINES, StandardCharsets.UTF_8);
        ObjectScanner scanner = new ObjectScanner(config, new TextScanner(
                DetectorRegistry.load().create(config.detectors()), config.detectors().allowList()),
                new Fingerprinter(KEY), new Configuration(), PARSERS, accepted);
        return scanner.scan(file.toUri().toString(), -1, null, null);
    }

    /** As the scan fingerprints a card: over its canonical form, so spaces and dashes make no difference. */
    private static String fingerprint(String card) {
        return new Fingerprinter(KEY).fingerprint(Fingerprinter.canonical(card, false));
    }
}
