package dev.piigate.jobs.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.Evidence;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.read.ParserProcesses;

/**
 * The executor counts public test values apart from leaks, whatever the policy says; the policy's
 * view ({@link ObjectResult#counted}) gives what the scan counted before when it applied
 * {@code policy.testValuesCountAsUnmasked} itself: one scan serves both policies.
 */
@ResourceLock(SparkTestSession.LOCK)
class ObjectScannerTestValuesTest {
    /** No document is scanned here: the pool never starts a process, and is closed all the same. */
    private static final ParserProcesses PARSERS = new ParserProcesses();
    private static final String TEST_CARD = "4111 1111 1111 1111";
    private static final String MASKED_CARD = "**** **** **** 4242";
    private static final String REAL_CARD = "5164 3426 8782 6989";

    @TempDir
    Path dir;

    @Test
    void testValuesAreCountedApartAndThePolicyViewGivesEitherReading() throws IOException {
        String lines = String.join("\n",
                "{\"card\":\"" + TEST_CARD + "\"}", // 0: a test value only
                "{\"card\":\"" + TEST_CARD + "\",\"old_card\":\"" + MASKED_CARD + "\"}", // 1: test and masked
                "{\"card\":\"" + REAL_CARD + "\",\"other_card\":\"" + TEST_CARD + "\"}", // 2: a leak and a test value
                "{\"card\":\"" + MASKED_CARD + "\"}", // 3: masked only
                "{\"note\":\"nothing here\"}") + "\n"; // 4: clean
        Config config = ConfigLoader.defaults();
        ScannedObject scanned = scan(config, lines);
        ObjectResult raw = scanned.result();

        assertThat(raw.status()).isEqualTo(ObjectStatus.COMPLETE);
        assertThat(raw.records()).isEqualTo(5);
        assertThat(raw.recordsUnmasked()).as("record 2").isEqualTo(1);
        assertThat(raw.recordsTestOnly()).as("records 0 and 1").isEqualTo(2);
        assertThat(raw.recordsMaskedTestOnly()).as("record 1").isEqualTo(1);
        assertThat(raw.recordsMaskedOnly()).as("record 3").isEqualTo(1);
        assertThat(raw.types().get("CREDIT_CARD_NUMBER")).isEqualTo(new TypeCounts(1, 2, 3, 1, 2));

        ObjectResult lenient = raw.counted(false);
        assertThat(lenient.recordsUnmasked()).isEqualTo(1);
        assertThat(lenient.recordsMaskedOnly()).as("records 1 and 3").isEqualTo(2);
        assertThat(lenient.types().get("CREDIT_CARD_NUMBER")).isEqualTo(new TypeCounts(1, 2, 3, 1, 2));

        ObjectResult strict = raw.counted(true);
        assertThat(strict.recordsUnmasked()).as("records 0, 1 and 2").isEqualTo(3);
        assertThat(strict.recordsMaskedOnly()).as("record 3").isEqualTo(1);
        assertThat(strict.types().get("CREDIT_CARD_NUMBER")).isEqualTo(new TypeCounts(4, 2, 0, 3, 0));

        // The policy in the configuration no longer changes what the executor counts.
        Config testsCount = ConfigLoader.parse("policy:\n  testValuesCountAsUnmasked: true\n", "test");
        assertThat(scan(testsCount, lines).result()).isEqualTo(raw);
    }

    @Test
    void findingsCarryTheirDetectorsEvidence() throws IOException {
        ScannedObject scanned = scan(ConfigLoader.defaults(),
                "{\"card\":\"" + REAL_CARD + "\",\"note\":\"paid with " + REAL_CARD.replace(" ", "") + " ok\"}\n");
        assertThat(scanned.findings()).extracting(FindingRow::field, FindingRow::evidence).containsExactly(
                org.assertj.core.groups.Tuple.tuple("$.card", java.util.Set.of(Evidence.KEYWORD, Evidence.CHECKSUM)),
                org.assertj.core.groups.Tuple.tuple("$.note", java.util.Set.of(Evidence.CHECKSUM)));
    }

    @AfterAll
    static void closeParsers() {
        PARSERS.close();
    }

    private ScannedObject scan(Config config, String content) throws IOException {
        Path file = dir.resolve("cards.jsonl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        ObjectScanner scanner = new ObjectScanner(config, new TextScanner(
                DetectorRegistry.load().create(config.detectors()), config.detectors().allowList()),
                new Fingerprinter(new byte[32]), new Configuration(), PARSERS);
        return scanner.scan(file.toUri().toString(), -1, null, null);
    }
}
