package dev.piigate.jobs.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every container image under emr/ that is not the example account's own is SageMaker's Spark 3.5
 * processing image, pulled from the account the SageMaker Python SDK names for its region
 * (deploy/spark.json, a copy of the SDK's image_uri_config/spark.json; provenance in
 * deploy/README.md), with a tag that runs Java 17. The accounts differ per region and between
 * framework images (eu-west-1: Spark 571004829621, scikit-learn/XGBoost 141502667606).
 */
class SparkImageRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The example account of the definitions: its images (the trainer) are the user's own. */
    private static final String EXAMPLE_ACCOUNT = "111122223333";
    private static final Pattern ECR_IMAGE = Pattern.compile(
            "([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([A-Za-z0-9._/-]+):([A-Za-z0-9._-]+)");
    private static final Pattern ARN_REGION = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):");
    /** Spark 3.5 on Java 17: py312 v1.1 and later (v1.0 and the py39 tags run Java 8; REFERENCE.md). */
    private static final Pattern JAVA17_TAG = Pattern.compile("3\\.5-cpu-py312-v([0-9]+)\\.([0-9]+)");

    record Image(String file, String account, String region, String repository, String tag) {}

    static JsonNode sdkTable() throws IOException {
        try (InputStream in = SparkImageRegistryTest.class.getResourceAsStream("/deploy/spark.json")) {
            assertThat(in).as("deploy/spark.json on the test class path").isNotNull();
            return JSON.readTree(in);
        }
    }

    static List<Image> images() throws IOException {
        List<Image> images = new ArrayList<>();
        for (Path p : Deployment.files("")) {
            Matcher m = ECR_IMAGE.matcher(Files.readString(p, UTF_8));
            while (m.find()) {
                if (!m.group(1).equals(EXAMPLE_ACCOUNT)) {
                    images.add(new Image(Deployment.emr().relativize(p).toString(), m.group(1), m.group(2), m.group(3),
                            m.group(4)));
                }
            }
        }
        return images;
    }

    @Test
    void everySparkImageComesFromTheSdksAccountForItsRegionWithAJava17Tag() throws IOException {
        JsonNode spark35 = sdkTable().at("/processing/versions/3.5");
        assertThat(spark35.path("repository").asText()).isEqualTo("sagemaker-spark-processing");
        assertThat(spark35.path("py_versions").toString()).contains("py312");
        List<Image> images = images();
        assertThat(images).extracting(Image::file).contains("sagemaker/create-processing-job.json",
                "sagemaker/spark_jar_processor.py", "sagemaker/pipeline.json");
        for (Image image : images) {
            JsonNode account = spark35.path("registries").get(image.region());
            assertThat(account).as(image + ": a region the SDK has no Spark 3.5 image in").isNotNull();
            assertThat(image.account()).as(image + ": the Spark image account for " + image.region())
                    .isEqualTo(account.asText());
            assertThat(image.repository()).as(image.toString()).isEqualTo(spark35.path("repository").asText());
            Matcher tag = JAVA17_TAG.matcher(image.tag());
            assertThat(tag.matches()).as(image + ": 3.5-cpu-py312-v1.1 or newer").isTrue();
            int major = Integer.parseInt(tag.group(1));
            int minor = Integer.parseInt(tag.group(2));
            assertThat(major > 1 || (major == 1 && minor >= 1)).as(image + ": v1.1 or newer").isTrue();
        }
    }

    @Test
    void everyArnInADefinitionNamesTheRegionItsSparkImageComesFrom() throws IOException {
        for (Image image : images()) {
            Matcher m = ARN_REGION.matcher(Files.readString(Deployment.emr().resolve(image.file()), UTF_8));
            while (m.find()) {
                if (!m.group(1).isEmpty()) { // IAM and S3 ARNs have no region
                    assertThat(m.group(1)).as(image.file() + ": " + m.group()).isEqualTo(image.region());
                }
            }
        }
    }

    @Test
    void theTableKnowsEuWest1sSparkAccountAndItIsNotTheScikitLearnOne() throws IOException {
        // The value the issue found wrong, pinned: a stale or truncated copy of the table fails here.
        String account = sdkTable().at("/processing/versions/3.5/registries/eu-west-1").asText();
        assertThat(account).isEqualTo("571004829621").isNotEqualTo("141502667606");
    }
}
