package dev.piigate.jobs.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every EMR release label the deployment names is at least the stated minimum, emr-7.10.0:
 * S3aPut (create-only publishing) calls Hadoop 3.4's S3AFileSystem.getS3AInternals (EMR ships
 * Hadoop 3.4.0 from emr-7.4.0, 3.4.1 from emr-7.8.0; emr-7.0.0 ships 3.3.6), and only from
 * emr-7.10.0 does the S3A connector serve the {@code s3://} URIs the definitions use (EMRFS before,
 * where publishing is not create-only). EMR release guide, "Hadoop version history" and "Migration
 * guide: EMRFS to S3A" (verified against the documentation only).
 */
class MinimumEmrReleaseTest {
    static final int[] MINIMUM = {7, 10, 0};
    private static final Pattern LABEL = Pattern.compile("emr-([0-9]+)\\.([0-9]+)\\.([0-9]+)");
    /** In prose (markdown) only a label given to a command or a field is a release the reader runs. */
    private static final Pattern LABEL_IN_USE = Pattern.compile(
            "(?:--release-label[ =]|\"?releaseLabel\"?\\s*[:=]\\s*\"?|ReleaseLabel\"?\\s*[:=]\\s*\"?)(emr-[0-9.]+)");

    record Label(String file, String label) {}

    static List<Label> labels() throws IOException {
        List<Label> labels = new ArrayList<>();
        List<Path> files = new ArrayList<>(Deployment.files(""));
        files.add(Deployment.repository().resolve("README.md"));
        files.addAll(docs());
        for (Path p : files) {
            String text = Files.readString(p, UTF_8);
            String name = Deployment.repository().relativize(p).toString();
            Matcher m = (p.toString().endsWith(".md") ? LABEL_IN_USE : LABEL).matcher(text);
            while (m.find()) {
                labels.add(new Label(name, m.group(p.toString().endsWith(".md") ? 1 : 0)));
            }
        }
        return labels;
    }

    /** The pages under docs/, where the user guide moved from README.md. */
    static List<Path> docs() throws IOException {
        try (Stream<Path> list = Files.list(Deployment.repository().resolve("docs"))) {
            return list.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    static boolean atLeastMinimum(String label) {
        Matcher m = LABEL.matcher(label);
        if (!m.matches()) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            int part = Integer.parseInt(m.group(i + 1));
            if (part != MINIMUM[i]) {
                return part > MINIMUM[i];
            }
        }
        return true;
    }

    @Test
    void everyReleaseLabelIsAtLeastTheMinimum() throws IOException {
        List<Label> labels = labels();
        assertThat(labels).extracting(Label::file).contains("emr/serverless/create-application.json",
                "emr/README.md");
        for (Label l : labels) {
            assertThat(atLeastMinimum(l.label())).as(l + " is older than emr-7.10.0").isTrue();
        }
    }

    @Test
    void theComparisonIsByNumberNotByText() {
        assertThat(atLeastMinimum("emr-7.10.0")).isTrue();
        assertThat(atLeastMinimum("emr-7.12.0")).isTrue();
        assertThat(atLeastMinimum("emr-8.0.0")).isTrue();
        assertThat(atLeastMinimum("emr-7.9.0")).isFalse();
        assertThat(atLeastMinimum("emr-7.4.0")).isFalse();
        assertThat(atLeastMinimum("emr-6.15.0")).isFalse();
        assertThat(atLeastMinimum("emr-7.1")).isFalse();
    }

    @Test
    void theDeploymentDocsStateTheMinimumAndItsReason() throws IOException {
        assertThat(docs()).as("docs/ pages").isNotEmpty();
        for (Path readme : List.of(Deployment.emr().resolve("README.md"), Deployment.repository().resolve("docs/aws.md"))) {
            String text = Files.readString(readme, UTF_8);
            assertThat(text).as(readme.toString()).contains("emr-7.10.0", "getS3AInternals", "S3A");
        }
    }
}
