package dev.piigate.jobs.deploy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records every S3 call S3A and pii-gate's own conditional PUTs make, as the SDK request (which names the operation,
 * bucket, keys, also the keys of a bulk delete) plus the headers that went on the wire (pii-gate sets
 * {@code If-None-Match} as a raw header, not in the model). Public with a public constructor: S3A instantiates it
 * from {@code fs.s3a.audit.execution.interceptors}.
 */
public final class SdkCallRecorder implements ExecutionInterceptor {
    private static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();

    /** One call: the SDK's request and its headers, names lower-cased. */
    record Call(SdkRequest request, Map<String, String> headers) {}

    public SdkCallRecorder() {
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        Map<String, String> headers = new TreeMap<>();
        context.httpRequest().forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        CALLS.add(new Call(context.request(), Map.copyOf(headers)));
    }

    static List<Call> calls() {
        return List.copyOf(CALLS);
    }

    static void clear() {
        CALLS.clear();
    }
}
