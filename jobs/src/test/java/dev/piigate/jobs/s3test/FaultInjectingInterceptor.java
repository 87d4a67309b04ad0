package dev.piigate.jobs.s3test;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Injects S3 faults into the GETs of chosen objects, or into every request of a method to a bucket
 * ({@link #failRequests}), the way Hadoop's own S3A tests do: an SDK
 * {@link ExecutionInterceptor} that S3A loads through {@code fs.s3a.audit.execution.interceptors}.
 * The real server answers every request; for a planned attempt the interceptor then rewrites the
 * answer's status and body into an S3 error ({@code 503 SlowDown}, {@code 403 AccessDenied}), so the
 * SDK and S3A see exactly what a real throttle or denial looks like and apply their own retry policy.
 * It can also run an action just before a given GET goes out (to overwrite the object mid-read).
 *
 * <p>The plan is static and thread-safe: in Spark local mode the executors share the test's JVM.
 * Attempts are counted per HTTP request (SDK retries and S3A retries alike), from 1.
 */
public final class FaultInjectingInterceptor implements ExecutionInterceptor {
    /** An S3 error answer, with headers of its own (a redirect names the bucket's region). */
    public record Fault(int status, String code, Map<String, String> headers) {
        public static final Fault SLOW_DOWN = new Fault(503, "SlowDown");
        public static final Fault ACCESS_DENIED = new Fault(403, "AccessDenied");

        public Fault(int status, String code) {
            this(status, code, Map.of());
        }

        /** S3's answer to a request sent to the wrong region's endpoint. */
        public static Fault redirectTo(String region) {
            return new Fault(301, "PermanentRedirect", Map.of("x-amz-bucket-region", region));
        }

        byte[] body() {
            return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                    + "</Code><Message>injected by the test</Message><RequestId>fault</RequestId></Error>")
                    .getBytes(UTF_8);
        }
    }

    private static final class Plan {
        private final Fault fault;
        private final int faultyAttempts;
        private final IntConsumer beforeGet;
        private final AtomicInteger gets = new AtomicInteger();
        private final AtomicInteger injected = new AtomicInteger();

        Plan(Fault fault, int faultyAttempts, IntConsumer beforeGet) {
            this.fault = fault;
            this.faultyAttempts = faultyAttempts;
            this.beforeGet = beforeGet;
        }
    }

    /** Keyed by the request path, {@code /bucket/key} (path-style access). */
    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();
    /** Keyed by {@code METHOD /bucket}: every such request to the bucket whose path holds {@link BucketPlan#pathHolds}. */
    private static final Map<String, BucketPlan> BUCKET_PLANS = new ConcurrentHashMap<>();

    private record BucketPlan(String pathHolds, Plan plan) {}
    private static final ExecutionAttribute<Plan> PLAN = new ExecutionAttribute<>("piigate.fault.plan");
    private static final ExecutionAttribute<Boolean> FAULTY = new ExecutionAttribute<>("piigate.fault.now");

    public FaultInjectingInterceptor() {
    }

    /** The first {@code attempts} GETs of the object are answered with {@code fault}; use a large number for "always". */
    public static void failGets(String bucket, String key, Fault fault, int attempts) {
        PLANS.put(path(bucket, key), new Plan(fault, attempts, null));
    }

    /** Runs {@code action} with the attempt number just before each GET of the object is sent. */
    public static void beforeEachGet(String bucket, String key, IntConsumer action) {
        PLANS.put(path(bucket, key), new Plan(null, 0, action));
    }

    /** GETs of the object sent so far (every attempt, answered or faulted). */
    public static int gets(String bucket, String key) {
        Plan p = PLANS.get(path(bucket, key));
        return p == null ? 0 : p.gets.get();
    }

    /** GETs of the object whose answer was replaced by the fault. */
    public static int injected(String bucket, String key) {
        Plan p = PLANS.get(path(bucket, key));
        return p == null ? 0 : p.injected.get();
    }

    /**
     * Every {@code method} request to {@code bucket} whose path holds {@code pathHolds} (any query:
     * a LIST is a GET of the bucket) is answered with {@code fault}.
     */
    public static void failRequests(String method, String bucket, String pathHolds, Fault fault) {
        BUCKET_PLANS.put(method + " /" + bucket, new BucketPlan(pathHolds, new Plan(fault, Integer.MAX_VALUE, null)));
    }

    public static void clear() {
        PLANS.clear();
        BUCKET_PLANS.clear();
    }

    private static String path(String bucket, String key) {
        return "/" + bucket + "/" + key;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SdkHttpRequest r = context.httpRequest();
        Plan plan = r.method() == SdkHttpMethod.GET && r.rawQueryParameters().isEmpty()
                ? PLANS.get(r.encodedPath()) : null;
        if (plan == null) {
            String path = r.encodedPath();
            int slash = path.indexOf('/', 1);
            BucketPlan b = BUCKET_PLANS.get(r.method().name() + " " + (slash < 0 ? path : path.substring(0, slash)));
            plan = b != null && path.contains(b.pathHolds()) ? b.plan() : null;
        }
        attributes.putAttribute(FAULTY, Boolean.FALSE);
        if (plan == null) {
            return;
        }
        int attempt = plan.gets.incrementAndGet();
        if (plan.beforeGet != null) {
            plan.beforeGet.accept(attempt);
        }
        if (plan.fault != null && attempt <= plan.faultyAttempts) {
            attributes.putAttribute(PLAN, plan);
            attributes.putAttribute(FAULTY, Boolean.TRUE);
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!Boolean.TRUE.equals(attributes.getAttribute(FAULTY))) {
            return context.httpResponse();
        }
        Plan plan = attributes.getAttribute(PLAN);
        plan.injected.incrementAndGet();
        SdkHttpResponse.Builder answer = context.httpResponse().toBuilder()
                .statusCode(plan.fault.status())
                .statusText(plan.fault.code())
                .removeHeader("Content-Range")
                .removeHeader("ETag")
                .putHeader("Content-Type", "application/xml")
                .putHeader("Content-Length", Integer.toString(plan.fault.body().length));
        plan.fault.headers().forEach(answer::putHeader);
        return answer.build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        if (!Boolean.TRUE.equals(attributes.getAttribute(FAULTY))) {
            return context.responseBody();
        }
        context.responseBody().ifPresent(FaultInjectingInterceptor::closeQuietly); // the real body, unread
        return Optional.of(new ByteArrayInputStream(attributes.getAttribute(PLAN).fault.body()));
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException e) {
            // the connection is released either way
        }
    }
}
