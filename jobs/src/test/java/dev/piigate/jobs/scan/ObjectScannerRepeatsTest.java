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
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.read.ParserProcesses;

/**
 * Short values repeat from record to record and only their clean results are remembered
 * ({@link CleanValues}): a repeated value with PII is counted in every record, and the field is
 * part of what is remembered (an SSN is reported under an {@code ssn} key, not under a neutral one).
 */
@ResourceLock(SparkTestSession.LOCK)
class ObjectScannerRepeatsTest {
    private static final String SSN = "287654321";

    /** No document is read here; the scanner needs one all the same. */
    private static final ParserProcesses PARSERS = new ParserProcesses();

    @AfterAll
    static void endParserProcesses() {
        PARSERS.close();
    }

    @TempDir
    Path dir;

    private final Config config = ConfigLoader.defaults();
    private final ObjectScanner scanner = new ObjectScanner(config,
            new TextScanner(DetectorRegistry.load().create(config.detectors()), config.detectors().allowList()),
            new Fingerprinter(new byte[32]), new Configuration(), PARSERS);

    @Test
    void repeatedValuesWithPiiAreCountedInEveryRecord() throws IOException {
        String line = "{\"role\":\"customer\",\"email\":\"dana.whitfield@mailbox.org\",\"dana.ellery@gmail.com\":1}\n";
        ObjectResult object = scan("repeats.jsonl", line.repeat(5));

        assertThat(object.records()).isEqualTo(5);
        assertThat(object.recordsUnmasked()).isEqualTo(5);
        TypeCounts email = object.types().get("EMAIL_ADDRESS");
        assertThat(email.unmasked()).isEqualTo(10); // the value and the key, in each of 5 records
    }

    @Test
    void aValueCleanUnderOneFieldIsStillScannedUnderAnother() throws IOException {
        // Nine bare digits are an SSN only with a keyword nearby or in the path (the Macie rule).
        String text = ("{\"note\":\"" + SSN + "\"}\n").repeat(3) + "{\"ssn\":\"" + SSN + "\"}\n"
                + ("{\"note\":\"" + SSN + "\"}\n").repeat(2) + "{\"ssn\":\"" + SSN + "\"}\n";
        ObjectResult object = scan("fields.jsonl", text);

        assertThat(object.records()).isEqualTo(7);
        assertThat(object.recordsUnmasked()).isEqualTo(2);
    }

    @Test
    void theSetIsBoundedAndLongValuesAreNotRemembered() {
        CleanValues clean = new CleanValues();
        clean.add("$", "x".repeat(CleanValues.MAX_CHARS + 1));
        assertThat(clean.contains("$", "x".repeat(CleanValues.MAX_CHARS + 1))).isFalse();

        clean.add("$.a", "first");
        for (int i = 0; i < 20_000; i++) {
            clean.add("$.b", "value " + i);
        }
        assertThat(clean.contains("$.a", "first")).isFalse(); // cleared when full
        assertThat(clean.contains("$.b", "value 19999")).isTrue();
        assertThat(clean.contains(null, "value 19999")).isFalse();
    }

    private ObjectResult scan(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        ObjectResult object = scanner.scan(file.toUri().toString(), -1, null, null).result();
        assertThat(object.status()).isEqualTo(ObjectStatus.COMPLETE);
        return object;
    }
}
