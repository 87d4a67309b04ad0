package dev.piigate.jobs.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.piigate.jobs.config.ApprovalTagging;
import dev.piigate.jobs.config.ConfigException;

/**
 * The approval, as IAM can enforce it: S3 object tags on the exact object versions a run scanned.
 * On PASS every object scanned COMPLETE gets {@code pii-gate-approved=true} and
 * {@code pii-gate-run=<runId>} (by version id where the bucket is versioned; without versioning,
 * with an ETag check after the write), and every other object of the dataset loses them; on BLOCK,
 * on error and when an approval is withdrawn, every object of the dataset loses them. Other tags
 * are kept. The training role may read data objects only with {@code pii-gate-approved=true}
 * (see docs/aws.md, "Approval tags: what IAM enforces").
 *
 * <p>Runs on the executors, a Spark job over the scan's per-object rows; the driver gets one row of
 * counts back, never per-object data.
 */
public final class ApprovalTags {
    public static final String APPROVED_KEY = "pii-gate-approved";
    public static final String APPROVED_VALUE = "true";
    public static final String RUN_KEY = "pii-gate-run";

    /** What a run does with the tags. */
    public enum Action {
        /** PASS: COMPLETE objects tagged, the others untagged. */
        APPROVE,
        /** BLOCK, error, withdrawal: every object untagged. */
        WITHDRAW
    }

    /** The columns {@link #apply} reads: the object's path as the job reads it, version id, ETag, scan status (may be null). */
    public static final String[] COLUMNS = {"file", "versionId", "etag", "status"};

    static final StructType COUNTS = new StructType()
            .add("tagged", DataTypes.LongType, false)
            .add("untagged", DataTypes.LongType, false)
            .add("withoutTags", DataTypes.LongType, false)
            .add("notOnS3", DataTypes.LongType, false)
            .add("gone", DataTypes.LongType, false)
            .add("failed", DataTypes.LongType, false)
            .add("requests", DataTypes.LongType, false)
            .add("failure", DataTypes.StringType, true);

    private ApprovalTags() {}

    /**
     * Whether a run tags, decided on the driver from the planned objects before any is read.
     *
     * @param reason why tagging does not run, or null when it does
     */
    public record Tagging(boolean enabled, String reason) {
        public static final Tagging OFF = new Tagging(false, "approval.tagObjects: false");

        /** For report.json when tagging does not run. */
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("enabled", enabled);
            if (reason != null) {
                m.put("reason", reason);
            }
            return m;
        }
    }

    /**
     * {@code auto}: on when some object is on S3. {@code true}: on, and a run whose objects are not
     * on S3 is an error. Either way every S3 bucket must be served by S3A: the tags go through its
     * client, and EMRFS ({@code s3://} on EMR before 7.10) exposes none; that is an error naming the
     * ways out (a configuration error: exit 64, before any object is read). Looks at one file system
     * per scheme and bucket.
     *
     * @param objects the planned objects' paths as the job reads them
     */
    public static Tagging decide(ApprovalTagging setting, Iterable<String> objects, Configuration conf)
            throws IOException {
        if (setting == ApprovalTagging.FALSE) {
            return Tagging.OFF;
        }
        TreeSet<String> buckets = new TreeSet<>();
        for (String o : objects) {
            String scheme = scheme(o);
            if (isS3Scheme(scheme)) {
                String rest = o.substring(scheme.length() + 3);
                int slash = rest.indexOf('/');
                buckets.add(scheme + "://" + (slash < 0 ? rest : rest.substring(0, slash)));
            }
        }
        if (buckets.isEmpty()) {
            if (setting == ApprovalTagging.TRUE) {
                throw new ConfigException("approval.tagObjects: true, but no object of the dataset is on S3: there is"
                        + " nothing to tag; use auto or false for a dataset outside S3");
            }
            return new Tagging(false, "no object of the dataset is on S3 (approval.tagObjects: auto)");
        }
        for (String bucket : buckets) {
            FileSystem fs = new Path(bucket + "/").getFileSystem(conf);
            if (!S3aConnector.serves(fs)) {
                throw new ConfigException("approval.tagObjects: " + setting.yamlName() + ": the approval tags need"
                        + " the S3A connector, and " + scheme(bucket) + ":// is served by " + fs.getClass().getName()
                        + " here; use s3a:// URIs, or set fs." + scheme(bucket)
                        + ".impl=org.apache.hadoop.fs.s3a.S3AFileSystem (EMR 7.10 and later serve s3:// with S3A), or"
                        + " set approval.tagObjects: false (then IAM has no approval to enforce)");
            }
        }
        return new Tagging(true, null);
    }

    /** What tagging came to, summed over the executors. {@code failure} is one reason (ours, no data), or null. */
    public record Outcome(Action action, long tagged, long untagged, long withoutTags, long notOnS3, long gone,
            long failed, long requests, String failure) {

        public boolean ok() {
            return failed == 0;
        }

        /** For report.json: counts and, on failure, why; never a path or a tag value. */
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("enabled", true);
            m.put("action", action.name().toLowerCase(Locale.ROOT));
            m.put("objectsTagged", tagged);
            m.put("objectsUntagged", untagged);
            m.put("objectsWithoutTags", withoutTags);
            m.put("objectsNotOnS3", notOnS3);
            m.put("objectsGone", gone);
            m.put("objectsFailed", failed);
            m.put("requests", requests);
            if (failure != null) {
                m.put("failure", failure);
            }
            return m;
        }
    }

    /**
     * Runs {@code action} over {@code rows} (the {@link #COLUMNS}) on the executors and sums the
     * outcome. Per-object failures are counted, not thrown: the caller decides (see ScanJob).
     */
    public static Outcome apply(Action action, String runId, Dataset<Row> rows) {
        Dataset<Row> counts = rows.selectExpr(COLUMNS)
                .mapPartitions(new PartitionTagger(action, runId), Encoders.row(COUNTS));
        Row sum = counts.agg(functions.sum("tagged"), functions.sum("untagged"), functions.sum("withoutTags"),
                functions.sum("notOnS3"), functions.sum("gone"), functions.sum("failed"), functions.sum("requests"),
                functions.min("failure")).first();
        return new Outcome(action, longAt(sum, 0), longAt(sum, 1), longAt(sum, 2), longAt(sum, 3), longAt(sum, 4),
                longAt(sum, 5), longAt(sum, 6), sum.isNullAt(7) ? null : sum.getString(7));
    }

    private static long longAt(Row r, int i) {
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }

    static boolean isS3Scheme(String scheme) {
        return scheme.equals("s3a") || scheme.equals("s3") || scheme.equals("s3n");
    }

    private static String scheme(String uri) {
        int colon = uri.indexOf("://");
        return colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** One partition's objects tagged or untagged one at a time; yields one row of counts. */
    static final class PartitionTagger implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Action action;
        private final String runId;

        PartitionTagger(Action action, String runId) {
            this.action = action;
            this.runId = runId;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) throws IOException {
            Configuration conf = SparkEnv.get() == null ? new Configuration()
                    : SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf());
            long[] n = new long[7];
            List<String> failures = new ArrayList<>();
            while (input.hasNext()) {
                Row r = input.next();
                String file = r.getString(0);
                if (!isS3Scheme(scheme(file))) {
                    n[3]++;
                    continue;
                }
                Path path = new Path(file);
                FileSystem fs = path.getFileSystem(conf);
                ObjectTagger.Outcome o;
                if (!S3aConnector.serves(fs)) {
                    o = new ObjectTagger.Outcome(ObjectTagger.Result.FAILED, 0, "not served by S3A");
                } else if (action == Action.APPROVE && "COMPLETE".equals(r.getString(3))) {
                    o = ObjectTagger.tag(fs, file, r.getString(1), r.getString(2), runId);
                } else {
                    // Not scanned to the end (a tolerated status) or not approved: no tags of ours on it.
                    o = ObjectTagger.untag(fs, file, r.getString(1));
                }
                n[6] += o.requests();
                switch (o.result()) {
                    case TAGGED -> n[0]++;
                    case UNTAGGED -> n[1]++;
                    case NO_TAGS -> n[2]++;
                    case GONE -> n[4]++;
                    case FAILED -> {
                        n[5]++;
                        if (failures.isEmpty() || o.failure().compareTo(failures.get(0)) < 0) {
                            failures.clear();
                            failures.add(o.failure());
                        }
                    }
                }
            }
            return List.of(RowFactory.create(n[0], n[1], n[2], n[3], n[4], n[5], n[6],
                    failures.isEmpty() ? null : failures.get(0))).iterator();
        }
    }
}
