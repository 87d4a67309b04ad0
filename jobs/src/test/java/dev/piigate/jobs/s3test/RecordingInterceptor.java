package dev.piigate.jobs.s3test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Records every HTTP request the S3 clients send, as signed and about to go on the wire: method,
 * path, query and headers. It only observes; S3A loads it through
 * {@code fs.s3a.audit.execution.interceptors}, so it sees S3A's requests and pii-gate's own
 * conditional PUTs (which use S3A's client).
 */
public final class RecordingInterceptor implements ExecutionInterceptor {
    private static final ConcurrentLinkedQueue<Sent> SENT = new ConcurrentLinkedQueue<>();

    /** One request: header names lower-cased. */
    public record Sent(String method, String path, Map<String, List<String>> query, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    public RecordingInterceptor() {
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        SdkHttpRequest r = context.httpRequest();
        Map<String, String> headers = new TreeMap<>();
        r.forEachHeader((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        SENT.add(new Sent(r.method().name(), r.encodedPath(), Map.copyOf(r.rawQueryParameters()), Map.copyOf(headers)));
    }

    public static List<Sent> sent() {
        return List.copyOf(SENT);
    }

    public static void clear() {
        SENT.clear();
    }
}
