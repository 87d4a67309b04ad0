package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.testing.WrittenPaths;

/**
 * One real scan of a hostile test's folder through {@code Main.run}: exit status, stdout, stderr,
 * the output folder and the parsed report, for the tests that count per object and search every
 * output for their planted values.
 */
record HostileRun(int status, String out, String err, Path outDir, JsonNode report) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Scans {@code input} into {@code outDir} with JSON Lines findings; fails if no report was written. */
    static HostileRun scan(Path input, Path outDir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--out", outDir.toString(), "--findings-format", "jsonl",
            input.toString()}, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        Path report = outDir.resolve("report.json");
        if (!Files.exists(report)) {
            throw new AssertionError("scan of " + input.getFileName() + " wrote no report; exit " + status + ": "
                    + err.toString(UTF_8));
        }
        return new HostileRun(status, out.toString(UTF_8), err.toString(UTF_8), outDir, JSON.readTree(report.toFile()));
    }

    /** The report's entry for the object named {@code fileName}. */
    JsonNode object(String fileName) {
        for (JsonNode f : report.get("files")) {
            if (WrittenPaths.names(f.get("path").asText(), fileName)) {
                return f;
            }
        }
        throw new AssertionError(fileName + " not in the report");
    }

    /** Unmasked findings of {@code type} in an object's report entry (0 if none). */
    static long unmasked(JsonNode object, String type) {
        JsonNode t = object.get("types").get(type);
        return t == null ? 0 : t.get("unmasked").asLong();
    }

    /** Writes the lines, each ended by a newline, as UTF-8. */
    static void write(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", UTF_8);
    }
}
