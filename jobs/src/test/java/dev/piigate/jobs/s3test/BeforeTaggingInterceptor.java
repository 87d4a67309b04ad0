package dev.piigate.jobs.s3test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Runs a test's action once, just before the first tagging request ({@code ?tagging}) for an object
 * goes out: to change the object between its scan and its tagging. Loaded by S3A through
 * {@code fs.s3a.audit.execution.interceptors}; the action uses the test's own client.
 */
public final class BeforeTaggingInterceptor implements ExecutionInterceptor {
    /** Keyed by the request path, {@code /bucket/key} (path-style access). */
    private static final Map<String, Runnable> ACTIONS = new ConcurrentHashMap<>();

    public BeforeTaggingInterceptor() {
    }

    static void once(String bucket, String key, Runnable action) {
        ACTIONS.put("/" + bucket + "/" + key, action);
    }

    static void clear() {
        ACTIONS.clear();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        SdkHttpRequest r = context.httpRequest();
        if (r.rawQueryParameters().containsKey("tagging")) {
            Runnable action = ACTIONS.remove(r.encodedPath());
            if (action != null) {
                action.run();
            }
        }
    }
}
