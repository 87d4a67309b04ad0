package dev.piigate.jobs.s3test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import dev.piigate.jobs.config.ApprovalTagging;
import dev.piigate.jobs.config.ConfigException;
import dev.piigate.jobs.s3.ApprovalTags;
import dev.piigate.jobs.s3.ApprovalTags.Tagging;

/**
 * Whether a run tags, decided on the driver before any object is read ({@link ApprovalTags#decide}):
 * by {@code approval.tagObjects} and where the planned objects are. No S3 server: S3A's file system
 * is created without a request, and the non-S3A case stands in for EMRFS with a local file system
 * serving {@code s3://}.
 */
class ApprovalTaggingDecisionTest {
    /**
     * Uncached file systems: Hadoop's cache is shared by the test classes running beside this one,
     * which must neither get these (a dead endpoint) nor lose theirs to a {@code closeAll}.
     */
    private static Configuration s3a() {
        Configuration conf = new Configuration(false);
        conf.setBoolean("fs.s3a.impl.disable.cache", true);
        conf.setBoolean("fs.s3.impl.disable.cache", true);
        conf.setBoolean("fs.file.impl.disable.cache", true);
        conf.set("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        conf.set("fs.s3a.endpoint", "http://127.0.0.1:9");
        conf.set("fs.s3a.endpoint.region", "us-east-1");
        conf.set("fs.s3a.path.style.access", "true");
        conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        conf.set("fs.s3a.access.key", "unused");
        conf.set("fs.s3a.secret.key", "unused");
        return conf;
    }

    @Test
    void autoTagsADatasetOnS3aAndSkipsALocalOne() throws Exception {
        assertThat(ApprovalTags.decide(ApprovalTagging.AUTO, List.of("s3a://data/a.txt", "file:/tmp/b.txt"), s3a()))
                .isEqualTo(new Tagging(true, null));
        assertThat(ApprovalTags.decide(ApprovalTagging.AUTO, List.of("file:/tmp/b.txt"), s3a()))
                .isEqualTo(new Tagging(false, "no object of the dataset is on S3 (approval.tagObjects: auto)"));
    }

    @Test
    void falseNeverTags() throws Exception {
        assertThat(ApprovalTags.decide(ApprovalTagging.FALSE, List.of("s3a://data/a.txt"), s3a()))
                .isEqualTo(Tagging.OFF);
    }

    @Test
    void trueWithoutS3ObjectsIsAConfigurationError() {
        assertThatThrownBy(() -> ApprovalTags.decide(ApprovalTagging.TRUE, List.of("file:/tmp/b.txt"), s3a()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("approval.tagObjects: true, but no object of the dataset is on S3");
    }

    /** EMRFS serves s3:// on EMR before 7.10; it has no tagging client to borrow, so the run is refused. */
    @Test
    void anS3BucketNotServedByS3aIsRefusedNamingTheWaysOut() {
        Configuration conf = s3a();
        conf.set("fs.s3.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        for (ApprovalTagging setting : List.of(ApprovalTagging.AUTO, ApprovalTagging.TRUE)) {
            assertThatThrownBy(() -> ApprovalTags.decide(setting, List.of("s3://data/a.txt"), conf))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("the approval tags need the S3A connector, and s3:// is served by"
                            + " org.apache.hadoop.fs.RawLocalFileSystem")
                    .hasMessageContaining("fs.s3.impl=org.apache.hadoop.fs.s3a.S3AFileSystem")
                    .hasMessageContaining("approval.tagObjects: false");
        }
    }
}
