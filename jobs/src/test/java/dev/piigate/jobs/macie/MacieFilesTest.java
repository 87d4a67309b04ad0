package dev.piigate.jobs.macie;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.piigate.jobs.macie.MacieObject.Detection;
import dev.piigate.jobs.macie.MacieObject.Location;

/** Parsing of the shared Macie samples and of hand-made edge cases, through the file reader. */
class MacieFilesTest {
    @TempDir
    Path tmp;

    static Path resource(String name) {
        try {
            return Path.of(MacieFilesTest.class.getResource("/macie/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<MacieObject> read(Path file) {
        List<MacieObject> out = new ArrayList<>();
        MacieFiles.open(file.toUri().toString(), new Configuration()).forEachRemaining(out::add);
        return out;
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, UTF_8);
        return p;
    }

    private Path gzip(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(p))) {
            os.write(bytes);
        }
        return p;
    }

    private static Detection detection(MacieObject m, String type) {
        return m.detections().stream()
                .filter(d -> type.equals(d.macieType()) || type.equals(d.customName())).findFirst().orElseThrow();
    }

    @Test
    void discoveryResultsFromTheSharedSamples() {
        List<MacieObject> all = read(resource("sensitive-data-discovery-results.jsonl"));
        assertThat(all).extracting(MacieObject::key).containsExactly("raw/customers/2025/06/customers-0001.csv",
                "raw/chat-logs/2025/06/part-00042.jsonl", "raw/support-tickets/2025/06/ticket-7731.txt",
                "restricted/hr/payroll-2025-05.csv", "raw/wiki-dumps/2025/06/shard-0007.txt", "raw/archives/batch-07.zip");
        assertThat(all).allSatisfy(m -> {
            assertThat(m.source()).isEqualTo(MacieObject.RESULT);
            assertThat(m.bucket()).isEqualTo("example-training-data");
        });

        MacieObject csv = all.get(0);
        assertThat(csv.size()).isEqualTo(18342); // "18342": numbers as strings
        assertThat(csv.etag()).isEqualTo("6f5902ac237024bdd0c176cb93063dc4");
        assertThat(csv.status()).isEqualTo("COMPLETE");
        assertThat(csv.reason()).isNull();
        assertThat(csv.jobId()).isEqualTo("0f5e6a1b2c3d4e5f60718293a4b5c6d7");
        Detection cards = detection(csv, "CREDIT_CARD_NUMBER");
        assertThat(cards.count()).isEqualTo(3);
        assertThat(cards.truncated()).isFalse();
        // CSV row 2 (the first row after the header) is our record 0.
        assertThat(cards.locations()).containsExactly(new Location(0, 0, "card_number", "row 2, column 6"),
                new Location(3, 3, "card_number", "row 5, column 6"), new Location(7, 7, "card_number", "row 9, column 6"));
        Detection email = detection(csv, "email-address");
        assertThat(email.macieType()).isNull();
        assertThat(email.customId()).isEqualTo("4f3c2b1a-9e8d-4c7b-a6f5-0e1d2c3b4a59");
        assertThat(email.locations()).extracting(Location::recordFrom).containsExactly(0L, 2L);

        MacieObject jsonl = all.get(1);
        assertThat(jsonl.detections()).extracting(Detection::macieType).containsExactly("CREDIT_CARD_NUMBER",
                "CREDIT_CARD_NUMBER_(NO_KEYWORD)", "GERMANY_BANK_ACCOUNT_NUMBER");
        assertThat(detection(jsonl, "GERMANY_BANK_ACCOUNT_NUMBER").locations())
                .containsExactly(new Location(88, 88, "$['billing details'].iban", "record 88"));

        MacieObject text = all.get(2);
        // lineRanges are 1-based and inclusive: lines 31-32 are our records 30 and 31.
        assertThat(detection(text, "PHONE_NUMBER").locations()).containsExactly(
                new Location(3, 3, null, "line 4, column 9"), new Location(30, 31, null, "lines 31-32, column 55"));

        MacieObject skipped = all.get(3);
        assertThat(skipped.status()).isEqualTo("SKIPPED");
        assertThat(skipped.reason()).isEqualTo("PERMISSION_DENIED");
        assertThat(skipped.detections()).isEmpty();
        assertThat(all.get(4).detections()).isEmpty();
        assertThat(all.get(5).embeddedPath()).isEqualTo("batch-07/notes/contacts.txt");
    }

    @Test
    void gzippedResultsWithSeveralRecordsAndNoNewlineAtTheEnd() throws IOException {
        List<String> lines = Files.readAllLines(resource("sensitive-data-discovery-results.jsonl"), UTF_8);
        Path gz = gzip("53039a83.jsonl.gz", (lines.get(0) + "\n" + lines.get(1)).getBytes(UTF_8));
        assertThat(read(gz)).extracting(MacieObject::key).containsExactly("raw/customers/2025/06/customers-0001.csv",
                "raw/chat-logs/2025/06/part-00042.jsonl");
    }

    @Test
    void getFindingsResponseAndEventBridgeEvent() {
        List<MacieObject> findings = read(resource("get-findings-response.json"));
        assertThat(findings).hasSize(3).allSatisfy(m -> assertThat(m.source()).isEqualTo(MacieObject.FINDING));
        assertThat(findings.get(0).size()).isEqualTo(18342); // a JSON number here
        assertThat(findings.get(0).reason()).isNull(); // "reason": null
        assertThat(detection(findings.get(0), "PHONE_NUMBER").locations()).extracting(Location::recordFrom)
                .containsExactly(0L, 2L, 5L);
        List<MacieObject> event = read(resource("eventbridge-macie-finding-event.json"));
        assertThat(event).hasSize(1);
        assertThat(event.get(0).key()).isEqualTo(findings.get(1).key());
        assertThat(event.get(0).detections()).isEqualTo(findings.get(1).detections());
    }

    @Test
    void edgeCases() throws IOException {
        String head = "{\"id\":\"r1\",\"resourcesAffected\":{\"s3Object\":{\"bucketArn\":\"arn:aws:s3:::b\",\"key\":\"k.jsonl\","
                + "\"size\":12},\"s3Bucket\":null},\"classificationDetails\":{\"result\":{\"status\":{\"code\":\"COMPLETE\","
                + "\"reason\":null},\"sensitiveData\":[{\"detections\":[";
        String tail = "]}]}}}";
        // jsonPath missing, recordIndex as a number, count as a number
        Path p = write("edge.jsonl", head + "{\"type\":\"CREDIT_CARD_NUMBER\",\"count\":1,\"occurrences\":{\"records\":"
                + "[{\"recordIndex\":4}]}}" + tail + "\n"
                // truncated: Macie counted 1,200 and listed 2
                + head + "{\"type\":\"USA_SOCIAL_SECURITY_NUMBER\",\"count\":\"1200\",\"occurrences\":{\"records\":"
                + "[{\"recordIndex\":\"0\",\"jsonPath\":\"$.a\"},{\"recordIndex\":\"1\",\"jsonPath\":null}],\"cells\":null}}"
                + tail + "\n\n");
        List<MacieObject> all = read(p);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).bucket()).isEqualTo("b"); // from bucketArn when s3Bucket is null
        assertThat(all.get(0).size()).isEqualTo(12);
        Detection d = all.get(0).detections().get(0);
        assertThat(d.locations()).containsExactly(new Location(4, 4, null, "record 4"));
        assertThat(d.truncated()).isFalse();
        Detection ssn = all.get(1).detections().get(0);
        assertThat(ssn.count()).isEqualTo(1200);
        assertThat(ssn.truncated()).isTrue();
        assertThat(ssn.locations()).hasSize(2);

        // a CSV header cell (row 1) is our record 0, field $header: the CSV reader scans header cells
        Path header = write("header.jsonl", head + "{\"type\":\"EMAIL_ADDRESS\",\"count\":1,\"occurrences\":{\"cells\":"
                + "[{\"row\":1,\"column\":3,\"columnName\":\"jane@example.org\"}]}}" + tail + "\n");
        assertThat(read(header).get(0).detections().get(0).locations())
                .containsExactly(new Location(0, 0, "$header", "row 1 (header), column 3"));

        // empty results: an empty file, and a findings export with no findings
        assertThat(read(write("empty.jsonl", ""))).isEmpty();
        assertThat(read(write("none.json", "{\"findings\":[],\"nextToken\":null}"))).isEmpty();
    }

    @Test
    void aFindingWithFifteenLocationsCountsMoreThanItLists() throws IOException {
        StringBuilder cells = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            cells.append(i == 0 ? "" : ",").append("{\"cellReference\":null,\"column\":3,\"columnName\":\"ssn\",\"row\":")
                    .append(i + 2).append('}');
        }
        String finding = "{\"archived\":false,\"id\":\"f\",\"updatedAt\":\"2025-06-03T01:17:42.518Z\","
                + "\"resourcesAffected\":{\"s3Bucket\":{\"name\":\"b\"},\"s3Object\":{\"key\":\"k.csv\",\"size\":99,"
                + "\"versionId\":\"\"}},\"classificationDetails\":{\"result\":{\"additionalOccurrences\":true,"
                + "\"status\":{\"code\":\"COMPLETE\",\"reason\":null},\"sensitiveData\":[{\"detections\":[{\"type\":"
                + "\"USA_SOCIAL_SECURITY_NUMBER\",\"count\":40,\"occurrences\":{\"cells\":[" + cells + "]}}]}]}}}";
        List<MacieObject> all = read(write("f.json", "{\"findings\":[" + finding + "]}"));
        Detection d = all.get(0).detections().get(0);
        assertThat(all.get(0).source()).isEqualTo(MacieObject.FINDING);
        assertThat(d.count()).isEqualTo(40);
        assertThat(d.locations()).hasSize(15);
        assertThat(d.truncated()).isTrue();
    }

    @Test
    void aMalformedLineIsAnErrorNamingFileAndLineWithoutItsContent() throws IOException {
        List<String> lines = Files.readAllLines(resource("sensitive-data-discovery-results.jsonl"), UTF_8);
        String canary = "4111111111111111-CANARY";
        Path p = write("broken.jsonl", lines.get(0) + "\n{\"id\":\"" + canary + "\", oops\n");
        assertThatThrownBy(() -> read(p)).isInstanceOf(MacieFormatException.class)
                .hasMessageContaining("broken.jsonl line 2").hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("CANARY");

        Path badNumber = write("bad-number.jsonl", lines.get(0).replace("\"size\":\"18342\"", "\"size\":\"" + canary + "\""));
        assertThatThrownBy(() -> read(badNumber)).isInstanceOf(MacieFormatException.class)
                .hasMessageContaining("line 1").hasMessageContaining("resourcesAffected.s3Object.size")
                .hasMessageNotContaining("CANARY");

        Path noKey = write("no-key.jsonl", lines.get(0).replace("\"key\":", "\"notKey\":"));
        assertThatThrownBy(() -> read(noKey)).hasMessageContaining("resourcesAffected.s3Object.key: missing");

        Path noStatus = write("no-status.json", "{\"resourcesAffected\":{\"s3Bucket\":{\"name\":\"b\"},\"s3Object\":"
                + "{\"key\":\"k\"}}}");
        assertThatThrownBy(() -> read(noStatus)).hasMessageContaining("status.code: missing");

        Path truncatedGzip = tmp.resolve("cut.jsonl.gz");
        byte[] whole = Files.readAllBytes(gzip("whole.jsonl.gz", String.join("\n", lines).getBytes(UTF_8)));
        Files.write(truncatedGzip, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> read(truncatedGzip)).isInstanceOf(MacieFormatException.class)
                .hasMessageContaining("cut.jsonl.gz");
    }

    @Test
    void listingRejectsFilesThatAreNotMacieResults() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("results/AWSLogs"));
        Files.writeString(dir.resolve("a.jsonl.gz"), "");
        Files.writeString(dir.resolve("_SUCCESS"), "");
        assertThat(MacieFiles.list(List.of(tmp.resolve("results").toString()), new Configuration()))
                .singleElement().asString().endsWith("a.jsonl.gz");
        Files.writeString(dir.resolve("notes.csv"), "");
        assertThatThrownBy(() -> MacieFiles.list(List.of(tmp.resolve("results").toString()), new Configuration()))
                .isInstanceOf(MacieFormatException.class).hasMessageContaining("notes.csv");
    }
}
