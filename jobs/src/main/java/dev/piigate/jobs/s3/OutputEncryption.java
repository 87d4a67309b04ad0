package dev.piigate.jobs.s3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --output-kms-key}: SSE-KMS under one key for every object pii-gate writes to S3 (report,
 * verdict, findings, approved manifest and its record). Set per bucket
 * ({@code fs.s3a.bucket.<name>.encryption.*}) for the buckets that receive outputs only, so reading
 * the dataset from other buckets is unaffected and a cluster-wide default stays as it is elsewhere.
 */
public final class OutputEncryption {
    static final String ALGORITHM = "SSE-KMS";

    private OutputEncryption() {}

    /**
     * The Hadoop settings for {@code kmsKey} on the buckets of {@code outputUris} ({@code s3://},
     * {@code s3a://}; other schemes have no bucket and are skipped). Empty when {@code kmsKey} is null.
     */
    public static Map<String, String> hadoopSettings(String kmsKey, List<String> outputUris) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (kmsKey == null) {
            return Map.of();
        }
        for (String uri : outputUris) {
            String bucket = bucketOf(uri);
            if (bucket != null) {
                settings.put("fs.s3a.bucket." + bucket + ".encryption.algorithm", ALGORITHM);
                settings.put("fs.s3a.bucket." + bucket + ".encryption.key", kmsKey);
            }
        }
        return Map.copyOf(settings);
    }

    /** The bucket of an {@code s3://} or {@code s3a://} URI, or null for anything else. */
    public static String bucketOf(String uri) {
        if (uri == null || !(uri.startsWith("s3://") || uri.startsWith("s3a://"))) {
            return null;
        }
        String rest = uri.substring(uri.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        return bucket.isEmpty() ? null : bucket;
    }
}
