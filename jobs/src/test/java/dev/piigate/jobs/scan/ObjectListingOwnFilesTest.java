package dev.piigate.jobs.scan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.ConfigLoader;

/**
 * A folder listing leaves out markers, this run's --out (when it lies inside the folder) and
 * pii-gate's approval records, each with its reason, and nothing else: manifests, a record-named
 * file that is not one, another run's outputs and hidden files are listed to scan.
 */
class ObjectListingOwnFilesTest {
    private static final PathMasker PATHS = new PathMasker(TextScanner.create(ConfigLoader.defaults().detectors()),
            new Fingerprinter(new byte[32]));
    private static final String RECORD = "{\"schemaVersion\":1,\"runId\":\"0b5f2c1e-8f3a-4c2d-9e1f-2a3b4c5d6e7f\","
            + "\"decision\":\"PASS\",\"reasons\":[],\"warnings\":[],\"dataset\":\"d/train.manifest\","
            + "\"manifest\":{\"uri\":\"d/train.manifest\",\"kind\":\"PLAIN_LIST\",\"entries\":1,\"sha256\":\""
            + "0".repeat(64) + "\"},\"report\":{\"uri\":\"o/report.json\",\"sha256\":\"" + "1".repeat(64) + "\"},"
            + "\"decidedAt\":\"2026-12-03T23:59:01Z\"}";

    @TempDir
    Path dir;

    @Test
    void eachLeftOutFileHasItsReasonAndEveryOtherFileIsListed() throws IOException {
        Path d = Files.createDirectories(dir.resolve("d"));
        write(d, "a.jsonl", "{}\n");
        write(d, "train.manifest", "a.jsonl\n");
        write(d, "train.approved.manifest", "a.jsonl\n");
        write(d, "train.approved.manifest.verdict.json", RECORD);
        write(d, "fake.approved.manifest.verdict.json", RECORD.replace("d/train.manifest\",\"manifest",
                "ssn 287-65-4321\",\"manifest"));
        write(d, "_SUCCESS", "");
        write(d, "_started_1", "");
        write(d, ".hidden", "x\n");
        write(d, "out/report.json", "{}");
        write(d, "out/findings/part-0.json", "{}");
        write(d, "out/findings/_SUCCESS", "");
        write(d, "out-earlier/report.json", "{}"); // another run's --out: scanned
        write(d, "out-earlier/verdict.json", "{}");

        ObjectListing.Listing listing = ObjectListing.list(List.of(d.toString()), new Configuration(),
                new ObjectListing.OwnFiles(d.resolve("out").toString(), PATHS::holdsUnmasked));

        assertThat(listing.objects()).extracting(o -> below(d, o.path())).containsExactlyInAnyOrder("a.jsonl",
                "train.manifest", "train.approved.manifest", "fake.approved.manifest.verdict.json", ".hidden",
                "out-earlier/report.json", "out-earlier/verdict.json");
        assertThat(listing.ignored()).extracting(i -> below(d, i.path()) + " " + i.reason()).containsExactly(
                "_SUCCESS MARKER", "_started_1 MARKER", "out/findings/_SUCCESS RUN_OUTPUT",
                "out/findings/part-0.json RUN_OUTPUT", "out/report.json RUN_OUTPUT",
                "train.approved.manifest.verdict.json VERDICT_RECORD");

        // Without knowing the run's own files, only markers are left out.
        ObjectListing.Listing plain = ObjectListing.list(List.of(d.toString()), new Configuration());
        assertThat(plain.ignored()).extracting(ObjectListing.Ignored::reason).containsOnly(IgnoreReason.MARKER)
                .hasSize(3);
        assertThat(plain.objects()).hasSize(10);
    }

    @Test
    void aFileGivenAsInputIsScannedWhateverItIs() throws IOException {
        Path d = Files.createDirectories(dir.resolve("d"));
        write(d, "train.approved.manifest.verdict.json", RECORD);
        write(d, "out/report.json", "{}");
        ObjectListing.Listing listing = ObjectListing.list(
                List.of(d.resolve("train.approved.manifest.verdict.json").toString(), d.resolve("out/report.json")
                        .toString()), new Configuration(), new ObjectListing.OwnFiles(d.resolve("out").toString(),
                                PATHS::holdsUnmasked));
        assertThat(listing.objects()).hasSize(2);
        assertThat(listing.ignored()).isEmpty();
    }

    @Test
    void anInputInsideOutLeavesNothingToScan() throws IOException {
        Path d = Files.createDirectories(dir.resolve("d"));
        write(d, "out/sub/a.jsonl", "{}\n");
        ObjectListing.Listing listing = ObjectListing.list(List.of(d.resolve("out/sub").toString()),
                new Configuration(), new ObjectListing.OwnFiles(d.resolve("out").toString(), PATHS::holdsUnmasked));
        assertThat(listing.objects()).isEmpty(); // ScanJob.plan then fails: nothing can be approved
        assertThat(listing.ignored()).extracting(ObjectListing.Ignored::reason).containsExactly(IgnoreReason.RUN_OUTPUT);
    }

    @ParameterizedTest(name = "{0} below {1}: {2}")
    @CsvSource({
        "file:/data/ds/out/report.json,     file:/data/ds/out,      true",
        "file:/data/ds/out/report.json,     file:/data/ds/out/,     true",
        "file:/data/ds/out,                 file:/data/ds/out,      true",
        "file:/data/ds/output/report.json,  file:/data/ds/out,      false",
        "file:/data/ds/out.json,            file:/data/ds/out,      false",
        "file:/data/ds/x/../out/a.json,     file:/data/ds/out,      true",
        "file:/data/ds/a.json,              file:/data/ds/x/../out, false",
        "file:///data/ds/out/a.json,        file:/data/ds/out,      true",
        "s3a://bucket/ds/out/part-0.json,   s3://bucket/ds/out,     true",
        "s3://bucket/ds/out/part-0.json,    s3a://bucket/ds/out/,   true",
        "S3A://bucket/ds/out/part-0.json,   s3n://bucket/ds/out,    true",
        "s3a://other/ds/out/part-0.json,    s3a://bucket/ds/out,    false",
        "s3a://bucket/ds/out/part-0.json,   file:/ds/out,           false",
        "hdfs://nn:8020/ds/out/a,           hdfs://nn:8020/ds/out,  true",
        "hdfs://nn2:8020/ds/out/a,          hdfs://nn:8020/ds/out,  false",
        "s3a://bucket/ds/a.json,            s3a://bucket/,          true",
    })
    void belowOutComparesQualifiedPaths(String file, String out, boolean below) {
        assertThat(ObjectListing.Place.of(URI.create(file)).isBelow(ObjectListing.Place.of(URI.create(out))))
                .isEqualTo(below);
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, UTF_8);
    }

    private static String below(Path root, String uri) {
        String prefix = root.toUri().getPath();
        String path = URI.create(uri).getPath();
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }
}
