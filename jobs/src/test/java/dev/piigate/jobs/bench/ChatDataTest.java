package dev.piigate.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.detectors.Finding;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.ConfigLoader;

/** The bench's dense dataset is what scripts/bench says it is: every record holds unmasked PII, about 500 bytes a record. */
class ChatDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDenseRecordHoldsUnmaskedPiiAndTheBytesRepeat(@TempDir Path dir) throws Exception {
        ChatData.Totals totals = ChatData.write(dir.resolve("a"), 300_000, 7, 2, true);
        ChatData.write(dir.resolve("b"), 300_000, 7, 2, true);
        assertThat(Files.readAllBytes(dir.resolve("a/chat-000.jsonl")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b/chat-000.jsonl")));
        assertThat(totals.bytes / (double) totals.records).isBetween(400.0, 600.0);
        assertThat(totals.recordsUnmasked).isEqualTo(totals.records);

        TextScanner scanner = TextScanner.create(ConfigLoader.defaults().detectors());
        long records = 0;
        for (Path file : List.of(dir.resolve("a/chat-000.jsonl"), dir.resolve("a/chat-001.jsonl"))) {
            for (String line : Files.readAllLines(file)) {
                records++;
                List<Finding> unmasked = new ArrayList<>();
                for (String[] value : strings(JSON.readTree(line), "$", new ArrayList<>())) {
                    scanner.scan(value[1], value[0]).stream().filter(f -> !f.masked() && !f.testValue())
                            .forEach(unmasked::add);
                }
                // The customer's e-mail address and at least one value in the first message.
                assertThat(unmasked).hasSizeGreaterThanOrEqualTo(2);
                assertThat(unmasked).extracting(f -> f.type().name()).contains("EMAIL_ADDRESS");
            }
        }
        assertThat(records).isEqualTo(totals.records);
    }

    @Test
    void theChatDatasetIsMostlyClean(@TempDir Path dir) throws Exception {
        ChatData.Totals totals = ChatData.write(dir, 300_000, 7, 2, false);
        assertThat(totals.recordsUnmasked).isLessThan(totals.records / 10);
    }

    private static List<String[]> strings(JsonNode node, String path, List<String[]> out) {
        if (node.isTextual()) {
            out.add(new String[] {path, node.asText()});
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> strings(e.getValue(), path + "." + e.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strings(node.get(i), path + "[" + i + "]", out);
            }
        }
        return out;
    }
}
