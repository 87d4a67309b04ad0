package dev.piigate.jobs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;

import org.apache.hadoop.fs.s3a.S3AUtils;
import org.apache.hadoop.fs.s3a.auth.NoAuthWithAWSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The classifier over the exceptions S3A (Hadoop 3.4.1) makes of S3's answers: SDK exceptions
 * built with the SDK's builders as its client builds them from an answer (status, error code,
 * headers), translated by S3A's own {@link S3AUtils#translateException}. Every message, S3's and
 * S3A's, quotes a key holding a card number: none of it reaches the words.
 */
class StorageCauseTest {
    private static final String KEY = "customers-4716281765308153/tickets.txt";
    private static final String CARD = "4716281765308153";

    static S3Exception answer(int status, String code, String... headers) {
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status);
        for (int i = 0; i < headers.length; i += 2) {
            response.putHeader(headers[i], headers[i + 1]);
        }
        return (S3Exception) S3Exception.builder().statusCode(status)
                .message("the key " + KEY + " says " + CARD)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("about " + KEY)
                        .serviceName("S3").sdkHttpResponse(response.build()).build())
                .build();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(answer(301, "PermanentRedirect", "x-amz-bucket-region", "eu-west-1"),
                        StorageCause.WRONG_REGION, "the bucket is in another region, eu-west-1 (HTTP 301 PermanentRedirect)"),
                Arguments.of(answer(301, null), StorageCause.WRONG_REGION,
                        "the bucket is in another region (HTTP 301)"),
                Arguments.of(answer(400, "AuthorizationHeaderMalformed"), StorageCause.WRONG_REGION,
                        "the bucket is in another region (HTTP 400 AuthorizationHeaderMalformed)"),
                Arguments.of(answer(403, "AccessDenied"), StorageCause.ACCESS_DENIED,
                        "access denied (HTTP 403 AccessDenied)"),
                Arguments.of(answer(403, null), StorageCause.ACCESS_DENIED,
                        "access denied or credentials refused (HTTP 403 without an error code)"),
                Arguments.of(answer(403, "InvalidAccessKeyId"), StorageCause.CREDENTIALS_REFUSED,
                        "S3 does not know the access key (HTTP 403 InvalidAccessKeyId)"),
                Arguments.of(answer(403, "SignatureDoesNotMatch"), StorageCause.CREDENTIALS_REFUSED,
                        "S3 refused the request's signature: the secret key is not the access key's"
                                + " (HTTP 403 SignatureDoesNotMatch)"),
                Arguments.of(answer(400, "ExpiredToken"), StorageCause.CREDENTIALS_REFUSED,
                        "the session credentials have expired (HTTP 400 ExpiredToken)"),
                Arguments.of(answer(404, "NoSuchBucket"), StorageCause.NO_SUCH_BUCKET,
                        "no such bucket (HTTP 404 NoSuchBucket)"),
                Arguments.of(answer(500, "InternalError"), StorageCause.OTHER,
                        "failed (AWSStatus500Exception, HTTP 500 InternalError)"),
                // Codes and regions are printed only when they look like S3's own.
                Arguments.of(answer(403, "Access " + CARD), StorageCause.ACCESS_DENIED,
                        "access denied or credentials refused (HTTP 403 without an error code)"),
                Arguments.of(answer(301, "PermanentRedirect", "x-amz-bucket-region", "eu " + CARD),
                        StorageCause.WRONG_REGION, "the bucket is in another region (HTTP 301 PermanentRedirect)"),
                Arguments.of(new NoAuthWithAWSException("no credentials for " + KEY), StorageCause.NO_CREDENTIALS,
                        "no AWS credentials were found (NoAuthWithAWSException)"),
                Arguments.of(SdkClientException.builder().message("GET " + KEY)
                        .cause(new UnknownHostException("bucket." + CARD + ".example")).build(),
                        StorageCause.UNKNOWN_HOST, "the endpoint's host name is not known (UnknownHostException)"),
                Arguments.of(SdkClientException.builder().message("GET " + KEY)
                        .cause(new ConnectException("refused " + KEY)).build(),
                        StorageCause.CONNECTION_REFUSED,
                        "nothing accepted a connection at the endpoint (ConnectException)"));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void s3aTranslatedAnswers(SdkException answer, StorageCause cause, String words) {
        IOException translated = S3AUtils.translateException("getFileStatus", "s3a://b/" + KEY, answer);
        StorageFailure failure = new StorageFailure(StorageFailure.Action.LIST, "listing", "s3a://b/" + KEY,
                translated);
        assertThat(StorageCause.diagnose(failure.getCause()).cause()).isEqualTo(cause);
        List<String> lines = StorageCause.explain(failure, "s3a://b/customers-****/tickets.txt");
        assertThat(lines.get(0)).isEqualTo("listing s3a://b/customers-****/tickets.txt: " + words);
        assertThat(String.join("\n", lines)).doesNotContain(CARD).doesNotContain("says").doesNotContain("about");
        if (cause != StorageCause.OTHER) {
            assertThat(lines).as("what to do").hasSizeGreaterThan(1);
        }
    }

    @Test
    void aRegionNamedInTheRedirectIsTheOneToSet() {
        IOException translated = S3AUtils.translateException("getFileStatus", "s3a://b/" + KEY,
                answer(301, "PermanentRedirect", "x-amz-bucket-region", "ap-southeast-2"));
        assertThat(translated.getClass().getSimpleName()).isEqualTo("AWSRedirectException");
        List<String> lines = StorageCause.explain(new StorageFailure(StorageFailure.Action.READ, "reading the manifest",
                "s3a://b/train.manifest", translated), "s3a://b/train.manifest");
        assertThat(lines).contains("  set the bucket's region: --conf spark.hadoop.fs.s3a.endpoint.region=ap-southeast-2"
                + " (for this bucket alone");
    }

    @Test
    void aDenialNamesTheStepsPermissions() {
        IOException denied = S3AUtils.translateException("PUT", "s3a://b/out/report.json", answer(403, "AccessDenied"));
        List<String> lines = StorageCause.explain(new StorageFailure(StorageFailure.Action.WRITE,
                "writing report.json to", "s3a://b/out", denied), "s3a://b/out");
        assertThat(lines).containsExactly("writing report.json to s3a://b/out: access denied (HTTP 403 AccessDenied)",
                "  the identity pii-gate runs as needs s3:PutObject on the object, and s3:ListBucket on the bucket"
                        + " (S3A looks before it writes);",
                "  its IAM policy, the bucket policy, an organisation's SCP or a KMS key policy refuses it.");
    }

    @Test
    void aLocalFileSystemsDenialSaysToCheckPermissions() {
        List<String> lines = StorageCause.explain(new StorageFailure(StorageFailure.Action.WRITE,
                "writing report.json to", "/data/out", new java.nio.file.AccessDeniedException("/data/out/" + KEY)),
                "/data/out");
        assertThat(lines).containsExactly("writing report.json to /data/out: access denied (AccessDeniedException)",
                "  the file system refused it: check the path's owner and permissions.");
    }

    @Test
    void nothingRecognisedIsNoStorageError() {
        assertThat(StorageCause.explain(new IllegalStateException(KEY))).isEmpty();
        assertThat(StorageCause.explain(new RuntimeException("job aborted", S3AUtils.translateException("PUT",
                KEY, answer(404, "NoSuchBucket"))))).first().isEqualTo("a storage request failed: no such bucket"
                        + " (HTTP 404 NoSuchBucket)");
    }

    /** What passes a step untouched: a missing path (the caller's to judge) and pii-gate's own exceptions. */
    @Test
    void aStepPassesMissingPathsAndOurOwnExceptions() {
        FileNotFoundException missing = new FileNotFoundException("INPUT does not exist");
        PublishConflict conflict = new PublishConflict("published first");
        assertThatThrownBy(() -> StorageFailure.run(StorageFailure.Action.LIST,
                "listing", "s3a://b/a", () -> {
                    throw missing;
                })).isSameAs(missing);
        assertThatThrownBy(() -> StorageFailure.run(StorageFailure.Action.WRITE,
                "publishing verdict.json to", "s3a://b/out", () -> {
                    throw conflict;
                })).isSameAs(conflict);
        IllegalStateException bug = new IllegalStateException("not storage");
        assertThatThrownBy(() -> StorageFailure.run(StorageFailure.Action.WRITE,
                "writing findings/ to", "s3a://b/out", () -> {
                    throw bug;
                })).isSameAs(bug);
        assertThatThrownBy(() -> StorageFailure.run(StorageFailure.Action.READ,
                "reading the manifest", "s3a://b/m", () -> {
                    throw new java.nio.file.AccessDeniedException("b/m");
                })).isInstanceOf(StorageFailure.class).hasMessage("reading the manifest s3a://b/m");
    }
}
