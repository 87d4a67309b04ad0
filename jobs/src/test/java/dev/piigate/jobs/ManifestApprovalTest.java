package dev.piigate.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.gate.Decision;
import dev.piigate.jobs.manifest.Manifest;
import dev.piigate.jobs.manifest.Manifests;
import dev.piigate.jobs.s3test.S3Server;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Withdrawal finds every approval of a manifest through the approval records beside it, whatever
 * suffix made them, and leaves everything else alone; on local files and on S3 through S3A.
 */
class ManifestApprovalTest {
    @RegisterExtension
    static final S3Server S3 = new S3Server("approvals");

    @TempDir
    java.nio.file.Path tmp;

    /** Name -> content of the folder before withdrawal; the comment says who owns each. */
    private static final List<String[]> FOLDER = List.of(
            new String[] {"train.manifest", "a.txt\n"},                                  // the manifest
            new String[] {"train.approved.manifest", "a.txt\n"},                         // ours, default suffix
            new String[] {"train.approved.manifest.verdict.json", record("train.manifest")},
            new String[] {"train.old-1.manifest", "a.txt\n"},                            // ours, an older suffix
            new String[] {"train.old-1.manifest.verdict.json", record("train.manifest")},
            new String[] {"train.cut.manifest", "a.txt\n"},                              // ours, record half-written
            new String[] {"train.cut.manifest.verdict.json", "{\"schemaVersion\":1,\"runId\":\"x"},
            new String[] {"train.v2.manifest", "b.txt\n"},                               // another manifest
            new String[] {"train.v2.approved.manifest", "b.txt\n"},                      // its approval
            new String[] {"train.v2.approved.manifest.verdict.json", record("train.v2.manifest")},
            new String[] {"train.mine.manifest", "c.txt\n"},                             // a user's file whose
            new String[] {"train.mine.manifest.verdict.json", record("elsewhere.manifest")}, // record names another
            new String[] {"train.csv", "x\n"},                                            // data
            new String[] {"a.txt", "hello\n"});

    private static final Set<String> AFTER = Set.of("train.manifest", "train.v2.manifest", "train.v2.approved.manifest",
            "train.v2.approved.manifest.verdict.json", "train.mine.manifest", "train.mine.manifest.verdict.json",
            "train.csv", "a.txt");

    private static String record(String manifestName) {
        return "{\"schemaVersion\":1,\"runId\":\"r\",\"decision\":\"PASS\",\"reasons\":[],\"dataset\":\"d\","
                + "\"manifest\":{\"uri\":\"s3://somewhere/else/" + manifestName + "\",\"kind\":\"PLAIN_LIST\"}}";
    }

    private static Config suffix(String suffix) {
        return ConfigLoader.parse("manifest:\n  approvedSuffix: " + suffix + "\n", "test.yaml");
    }

    @Test
    void withdrawalRemovesTheApprovalsOfEverySuffixOnLocalFiles() throws IOException {
        java.nio.file.Path folder = Files.createDirectories(tmp.resolve("data"));
        for (String[] f : FOLDER) {
            Files.writeString(folder.resolve(f[0]), f[1], UTF_8);
        }
        Files.createDirectories(folder.resolve("train.dir.manifest")); // a folder where an approval could be
        Files.writeString(folder.resolve("train.dir.manifest.verdict.json"), record("train.manifest"), UTF_8);

        ManifestApproval.withdraw(folder.resolve("train.manifest").toString(), suffix("ok"), new Configuration());

        Set<String> left = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.list(folder)) {
            files.forEach(p -> left.add(p.getFileName().toString()));
        }
        Set<String> expected = new TreeSet<>(AFTER);
        expected.add("train.dir.manifest"); // not a file: not removed, and publishing onto it fails
        assertThat(left).isEqualTo(expected);
    }

    @Test
    void withdrawalRemovesTheApprovalsOfEverySuffixOnS3() throws IOException {
        for (String[] f : FOLDER) {
            S3.client().putObject(p -> p.bucket("approvals").key("m/" + f[0]), RequestBody.fromString(f[1], UTF_8));
        }
        S3.client().putObject(p -> p.bucket("approvals").key("m/sub/train.approved.manifest"),
                RequestBody.fromString("deeper: not beside the manifest", UTF_8));

        ManifestApproval.withdraw("s3://approvals/m/train.manifest", suffix("ok"), s3a());

        Set<String> left = new TreeSet<>();
        S3.client().listObjectsV2Paginator(l -> l.bucket("approvals").prefix("m/")).contents()
                .forEach(o -> left.add(o.key().substring(2)));
        Set<String> expected = new TreeSet<>(AFTER);
        expected.add("sub/train.approved.manifest");
        assertThat(left).isEqualTo(expected);
    }

    @Test
    void aManifestWithoutAFolderOrApprovalsIsNothingToWithdraw() throws IOException {
        ManifestApproval.withdraw(tmp.resolve("no/such/folder/train.manifest").toString(), suffix("ok"),
                new Configuration());
        assertThat(tmp.resolve("no")).doesNotExist();
    }

    @Test
    void aPassThatCannotPublishTheManifestLeavesNoRecord() throws Exception {
        java.nio.file.Path folder = Files.createDirectories(tmp.resolve("blocked-path"));
        java.nio.file.Path manifestFile = folder.resolve("train.manifest");
        byte[] bytes = "a.txt\n".getBytes(UTF_8);
        Files.write(manifestFile, bytes);
        Files.createDirectories(folder.resolve("train.approved.manifest").resolve("in-the-way"));
        Manifest manifest = Manifests.parse(manifestFile.toString(), bytes);

        assertThatThrownBy(() -> ManifestApproval.apply(manifest, bytes, Decision.PASS, "{}".getBytes(UTF_8),
                ConfigLoader.defaults(), new Configuration())).isInstanceOf(IOException.class);
        assertThat(folder.resolve("train.approved.manifest.verdict.json")).doesNotExist();
    }

    private static Configuration s3a() {
        Configuration conf = new Configuration();
        S3.s3aSettings().forEach(conf::set);
        return conf;
    }
}
