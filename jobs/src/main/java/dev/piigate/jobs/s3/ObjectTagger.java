package dev.piigate.jobs.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileSystem;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The approval tags of one S3 object, through S3A's own SDK client (its endpoint, credentials,
 * region, retries and interceptors, as {@link S3aPut}). Loaded only for objects on S3A. S3 replaces
 * an object's whole tag set on {@code PutObjectTagging}, so every write reads the set first and
 * keeps the tags that are not ours. Never throws for an S3 answer: the outcome says what happened,
 * in our words (status and error code, never a path or a tag value).
 */
final class ObjectTagger {
    /** S3's limit of tags per object. */
    static final int MAX_TAGS = 10;

    /** What one object's tagging came to; {@code requests} counts the S3 requests it sent. */
    enum Result {
        TAGGED, UNTAGGED, NO_TAGS, GONE, FAILED
    }

    /** One object's outcome. {@code failure} is null unless FAILED. */
    record Outcome(Result result, int requests, String failure) {}

    private final S3Client client;
    private final String bucket;
    private final String key;
    private int requests;

    private ObjectTagger(S3AFileSystem fs, Path path) {
        this.client = fs.getS3AInternals().getAmazonS3Client("pii-gate approval tags");
        this.bucket = fs.getBucket();
        this.key = fs.pathToKey(fs.makeQualified(path));
    }

    /**
     * Tags the object version that was scanned. With a version id, that version (immutable: a later
     * PUT makes a new, untagged one). Without (no versioning), the object as it is now, then a HEAD:
     * an ETag other than the one scanned means other bytes now stand under the key, so our tags come
     * off again and the object fails: bytes that were not scanned are never approved.
     */
    static Outcome tag(FileSystem fs, String file, String versionId, String etag, String runId) throws IOException {
        return new ObjectTagger((S3AFileSystem) fs, new Path(file)).tag(versionId, etag, runId);
    }

    /** Removes our two tags from the version (or, without one, the current object); keeps the others. */
    static Outcome untag(FileSystem fs, String file, String versionId) throws IOException {
        return new ObjectTagger((S3AFileSystem) fs, new Path(file)).untag(versionId);
    }

    private Outcome tag(String versionId, String etag, String runId) {
        if (versionId == null && etag == null) {
            return failed("neither a version id nor an ETag from the scan: the tags cannot be tied to the bytes"
                    + " scanned");
        }
        try {
            List<Tag> kept = others(read(versionId));
            if (kept.size() > MAX_TAGS - 2) {
                return failed("the object has " + kept.size() + " other tags; S3 allows " + MAX_TAGS
                        + " and the approval needs 2");
            }
            List<Tag> tags = new ArrayList<>(kept);
            tags.add(Tag.builder().key(ApprovalTags.APPROVED_KEY).value(ApprovalTags.APPROVED_VALUE).build());
            tags.add(Tag.builder().key(ApprovalTags.RUN_KEY).value(runId).build());
            write(versionId, tags);
            if (versionId != null) {
                return new Outcome(Result.TAGGED, requests, null);
            }
            requests++;
            HeadObjectResponse now = client.headObject(h -> h.bucket(bucket).key(key));
            if (!unquoted(etag).equals(unquoted(now.eTag()))) {
                Outcome undone = untag(null);
                return failed("changed after its scan (ETag differs): not approved"
                        + (undone.result() == Result.FAILED ? "; removing the tags again failed: " + undone.failure()
                                : ", the tags written were removed again"));
            }
            return new Outcome(Result.TAGGED, requests, null);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return failed("gone before tagging (HTTP 404): not approved");
            }
            return failed(describe(e));
        } catch (SdkException e) {
            return failed(e.getClass().getSimpleName());
        }
    }

    private Outcome untag(String versionId) {
        try {
            List<Tag> tags = read(versionId);
            List<Tag> kept = others(tags);
            if (kept.size() == tags.size()) {
                return new Outcome(Result.NO_TAGS, requests, null);
            }
            if (kept.isEmpty()) {
                requests++;
                client.deleteObjectTagging(d -> d.bucket(bucket).key(key).versionId(versionId));
            } else {
                write(versionId, kept);
            }
            return new Outcome(Result.UNTAGGED, requests, null);
        } catch (S3Exception e) {
            // Gone (or that version gone): nothing left that the tags could approve.
            return e.statusCode() == 404 ? new Outcome(Result.GONE, requests, null) : failed(describe(e));
        } catch (SdkException e) {
            return failed(e.getClass().getSimpleName());
        }
    }

    private List<Tag> read(String versionId) {
        requests++;
        return client.getObjectTagging(g -> g.bucket(bucket).key(key).versionId(versionId)).tagSet();
    }

    private void write(String versionId, List<Tag> tags) {
        requests++;
        client.putObjectTagging(p -> p.bucket(bucket).key(key).versionId(versionId)
                .tagging(t -> t.tagSet(tags)));
    }

    private static List<Tag> others(List<Tag> tags) {
        List<Tag> kept = new ArrayList<>();
        for (Tag t : tags) {
            if (!t.key().equals(ApprovalTags.APPROVED_KEY) && !t.key().equals(ApprovalTags.RUN_KEY)) {
                kept.add(t);
            }
        }
        return kept;
    }

    private Outcome failed(String why) {
        return new Outcome(Result.FAILED, requests, why);
    }

    /** Status and S3 error code: S3's messages are not ours to vouch for. */
    private static String describe(S3Exception e) {
        return "HTTP " + e.statusCode() + (e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode());
    }

    private static String unquoted(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}
