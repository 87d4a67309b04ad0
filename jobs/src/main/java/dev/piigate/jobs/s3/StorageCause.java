package dev.piigate.jobs.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Why a storage request failed, in words a user can act on, read from an exception chain's types,
 * HTTP status and S3 error code: never from a message (Hadoop's and the SDK's quote object keys).
 * S3A (Hadoop 3.4) turns the SDK's exceptions into these: no credentials from its provider chain is
 * an {@code AccessDeniedException} caused by a {@code NoAuthWithAWSException}; 403 an
 * {@code AccessDeniedException} caused by the SDK's {@code S3Exception} (whose error code tells a
 * denial from refused credentials); 301 an {@code AWSRedirectException}; 404 with
 * {@code NoSuchBucket} an {@code UnknownStoreException}; an unknown host or a refused connection
 * the {@code java.net} exception itself.
 */
public enum StorageCause {
    NO_CREDENTIALS,
    CREDENTIALS_REFUSED,
    ACCESS_DENIED,
    WRONG_REGION,
    NO_SUCH_BUCKET,
    UNKNOWN_HOST,
    CONNECTION_REFUSED,
    TIMEOUT,
    OTHER;

    /** Causes deeper than this are not looked at. */
    static final int DEPTH = 16;

    private static final Set<String> CREDENTIAL_CODES = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "InvalidToken", "ExpiredToken", "TokenRefreshRequired", "InvalidClientTokenId");
    private static final Set<String> REGION_CODES = Set.of("PermanentRedirect", "TemporaryRedirect",
            "AuthorizationHeaderMalformed", "IllegalLocationConstraintException");
    /** What an S3 error code or a region looks like: anything else is not printed. */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9.]{0,63}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]{1,16}){1,4}");

    /**
     * What the chain tells.
     *
     * @param status    the HTTP status of the store's answer, or 0
     * @param errorCode the S3 error code, or null
     * @param region    the bucket's region as S3 named it in a redirect, or null
     * @param exception the simple class name of the exception the cause was read from
     */
    public record Diagnosis(StorageCause cause, int status, String errorCode, String region, String exception) {
        /** {@code HTTP 403 AccessDenied}, {@code HTTP 403}, or empty. */
        String answer() {
            if (status == 0) {
                return errorCode == null ? "" : errorCode;
            }
            return "HTTP " + status + (errorCode == null ? "" : " " + errorCode);
        }
    }

    /** The cause of {@code e}, looking down its chain. */
    public static Diagnosis diagnose(Throwable e) {
        int status = 0;
        String code = null;
        String region = null;
        String noCredentials = null;
        String redirect = null;
        String noBucket = null;
        String denied = null;
        String unknownHost = null;
        String refused = null;
        String timeout = null;
        int depth = 0;
        for (Throwable t = e; t != null && depth < DEPTH; t = t.getCause() == t ? null : t.getCause(), depth++) {
            String name = t.getClass().getSimpleName();
            if (extendsClass(t, "org.apache.hadoop.fs.s3a.CredentialInitializationException")) {
                noCredentials = first(noCredentials, name);
            }
            if (status == 0 && t.getClass().getName().startsWith("software.amazon.awssdk.")) {
                Sdk.Answer answer = Sdk.answer(t);
                if (answer != null) {
                    status = answer.status();
                    code = safe(answer.errorCode(), ERROR_CODE);
                    region = safe(answer.region(), REGION);
                }
            }
            if (extendsClass(t, "org.apache.hadoop.fs.s3a.AWSRedirectException")) {
                redirect = first(redirect, name);
            }
            if (extendsClass(t, "org.apache.hadoop.fs.s3a.UnknownStoreException")) {
                noBucket = first(noBucket, name);
            }
            if (t instanceof java.nio.file.AccessDeniedException || name.endsWith("AccessControlException")) {
                denied = first(denied, name);
            }
            if (t instanceof java.net.UnknownHostException) {
                unknownHost = first(unknownHost, name);
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException) {
                refused = first(refused, name);
            }
            if (t instanceof java.net.SocketTimeoutException || name.endsWith("ApiCallTimeoutException")
                    || name.endsWith("ApiCallAttemptTimeoutException")) {
                timeout = first(timeout, name);
            }
        }
        String top = e.getClass().getSimpleName();
        if (noCredentials != null) {
            return new Diagnosis(NO_CREDENTIALS, status, code, region, noCredentials);
        }
        if (code != null && CREDENTIAL_CODES.contains(code)) {
            return new Diagnosis(CREDENTIALS_REFUSED, status, code, region, top);
        }
        if (redirect != null || status == 301 || status == 307 || (code != null && REGION_CODES.contains(code))) {
            return new Diagnosis(WRONG_REGION, status, code, region, redirect == null ? top : redirect);
        }
        if (noBucket != null || "NoSuchBucket".equals(code)) {
            return new Diagnosis(NO_SUCH_BUCKET, status, code, region, noBucket == null ? top : noBucket);
        }
        if (denied != null || status == 401 || status == 403) {
            return new Diagnosis(ACCESS_DENIED, status, code, region, denied == null ? top : denied);
        }
        if (unknownHost != null) {
            return new Diagnosis(UNKNOWN_HOST, status, code, region, unknownHost);
        }
        if (refused != null) {
            return new Diagnosis(CONNECTION_REFUSED, status, code, region, refused);
        }
        if (timeout != null) {
            return new Diagnosis(TIMEOUT, status, code, region, timeout);
        }
        return new Diagnosis(OTHER, status, code, region, top);
    }

    /**
     * The error for a failed step: first {@code DOING URI: what went wrong}, then what to do, each
     * line of the rest indented. The URI is masked by {@code maskedUri}'s caller.
     *
     * @param maskedUri the step's URI as printed (masked)
     */
    public static List<String> explain(StorageFailure failure, String maskedUri) {
        Diagnosis d = diagnose(failure.getCause() == null ? failure : failure.getCause());
        List<String> lines = new ArrayList<>();
        lines.add(failure.doing() + " " + maskedUri + ": " + words(d));
        lines.addAll(advice(d, failure.action(), onS3(failure.uri())));
        return lines;
    }

    /** The error for a failure no step named: what went wrong and what to do, or empty when nothing is recognised. */
    public static List<String> explain(Throwable e) {
        Diagnosis d = diagnose(e);
        if (d.cause() == OTHER) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("a storage request failed: " + words(d));
        lines.addAll(advice(d, null, true));
        return lines;
    }

    /** What went wrong, in a few words, with the answer or exception it was read from. */
    static String words(Diagnosis d) {
        String answer = d.answer();
        return switch (d.cause()) {
            case NO_CREDENTIALS -> "no AWS credentials were found (" + d.exception() + ")";
            case CREDENTIALS_REFUSED -> switch (d.errorCode()) {
                case "InvalidAccessKeyId" -> "S3 does not know the access key (" + answer + ")";
                case "SignatureDoesNotMatch" ->
                        "S3 refused the request's signature: the secret key is not the access key's (" + answer + ")";
                case "ExpiredToken", "TokenRefreshRequired" -> "the session credentials have expired (" + answer + ")";
                default -> "S3 refused the credentials (" + answer + ")";
            };
            case ACCESS_DENIED -> d.status() == 403 && d.errorCode() == null
                    ? "access denied or credentials refused (HTTP 403 without an error code)"
                    : "access denied (" + (answer.isEmpty() ? d.exception() : answer) + ")";
            case WRONG_REGION -> "the bucket is in another region" + (d.region() == null ? "" : ", " + d.region())
                    + " (" + (answer.isEmpty() ? d.exception() : answer) + ")";
            case NO_SUCH_BUCKET -> "no such bucket (" + (answer.isEmpty() ? d.exception() : answer) + ")";
            case UNKNOWN_HOST -> "the endpoint's host name is not known (" + d.exception() + ")";
            case CONNECTION_REFUSED -> "nothing accepted a connection at the endpoint (" + d.exception() + ")";
            case TIMEOUT -> "the endpoint did not answer in time (" + d.exception() + ")";
            case OTHER -> "failed (" + d.exception() + (answer.isEmpty() ? "" : ", " + answer) + ")";
        };
    }

    /** What to do, as indented lines. */
    static List<String> advice(Diagnosis d, StorageFailure.Action action, boolean s3) {
        return switch (d.cause()) {
            case NO_CREDENTIALS -> List.of(
                    "  S3A asks the providers in fs.s3a.aws.credentials.provider; by default, in this order: the Hadoop",
                    "  settings fs.s3a.access.key and fs.s3a.secret.key (and fs.s3a.session.token), the environment",
                    "  variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then the EC2 instance's or the",
                    "  container's role (EMR, SageMaker, ECS). Give keys as --conf spark.hadoop.fs.s3a.access.key=...",
                    "  (per bucket: spark.hadoop.fs.s3a.bucket.BUCKET.access.key) or in the environment; ~/.aws is",
                    "  read only when that list names software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider.");
            case CREDENTIALS_REFUSED -> List.of(
                    "  check the credentials S3A found: fs.s3a.access.key / fs.s3a.secret.key (spark.hadoop.fs.s3a.*),",
                    "  the environment's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, or the role,",
                    "  and that fs.s3a.endpoint is the store they belong to.");
            case ACCESS_DENIED -> deniedAdvice(d, action, s3);
            case WRONG_REGION -> List.of(
                    "  set the bucket's region: --conf spark.hadoop.fs.s3a.endpoint.region="
                            + (d.region() == null ? "REGION" : d.region()) + " (for this bucket alone",
                    "  spark.hadoop.fs.s3a.bucket.BUCKET.endpoint.region); an fs.s3a.endpoint of another region must",
                    "  change or go too.");
            case NO_SUCH_BUCKET -> List.of(
                    "  check the bucket's name in the URI, and that fs.s3a.endpoint (and fs.s3a.endpoint.region)",
                    "  point at the store that has it.");
            case UNKNOWN_HOST -> List.of(
                    "  check fs.s3a.endpoint (and fs.s3a.bucket.BUCKET.endpoint) and the DNS resolver; a bucket",
                    "  name with dots needs fs.s3a.path.style.access=true.");
            case CONNECTION_REFUSED -> List.of(
                    "  check fs.s3a.endpoint's host and port, fs.s3a.connection.ssl.enabled, a proxy",
                    "  (fs.s3a.proxy.host, fs.s3a.proxy.port), and that the store is running.");
            case TIMEOUT -> List.of(
                    "  check the network path to the endpoint (VPC endpoint, security groups, proxy); S3A's waits are",
                    "  fs.s3a.connection.establish.timeout, fs.s3a.connection.timeout and fs.s3a.retry.limit.");
            case OTHER -> List.of();
        };
    }

    private static List<String> deniedAdvice(Diagnosis d, StorageFailure.Action action, boolean s3) {
        if (!s3) {
            return List.of("  the file system refused it: check the path's owner and permissions.");
        }
        String permissions = action == null ? "the permission this request takes" : action.permissions();
        if (d.status() == 403 && d.errorCode() == null) {
            // The answer to a HEAD request has no body, so no error code: refused credentials look the same.
            return List.of(
                    "  S3 gives no reason in the answer to a HEAD request: either it refused the credentials (an",
                    "  access key it does not know, a secret key that is not the access key's, an expired session)",
                    "  or the identity pii-gate runs as lacks a permission, which takes",
                    "  " + permissions + ".",
                    "  Check the credentials S3A found (fs.s3a.access.key / fs.s3a.secret.key, AWS_ACCESS_KEY_ID /",
                    "  AWS_SECRET_ACCESS_KEY, the role), then its IAM policy, the bucket policy, an SCP.");
        }
        return List.of("  the identity pii-gate runs as needs " + permissions + ";",
                "  its IAM policy, the bucket policy, an organisation's SCP or a KMS key policy refuses it.");
    }

    private static boolean onS3(String uri) {
        return uri.startsWith("s3a://") || uri.startsWith("s3://") || uri.startsWith("s3n://");
    }

    private static boolean extendsClass(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static String first(String seen, String name) {
        return seen == null ? name : seen;
    }

    private static String safe(String text, Pattern shape) {
        return text != null && shape.matcher(text).matches() ? text : null;
    }

    /**
     * The AWS SDK's side, in a class of its own: it is loaded only for an exception of the SDK,
     * so a class path without the SDK (no S3A) never needs it.
     */
    static final class Sdk {
        record Answer(int status, String errorCode, String region) {}

        private Sdk() {}

        static Answer answer(Throwable t) {
            try {
                if (t instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s) {
                    software.amazon.awssdk.awscore.exception.AwsErrorDetails details = s.awsErrorDetails();
                    String code = details == null ? null : details.errorCode();
                    String region = details == null || details.sdkHttpResponse() == null ? null
                            : details.sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
                    return new Answer(s.statusCode(), code, region);
                }
                return null;
            } catch (LinkageError e) {
                return null; // the SDK this exception came from is not the one this class sees
            }
        }
    }
}
