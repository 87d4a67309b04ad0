package dev.piigate.jobs.macie;

import java.util.List;

/**
 * What one Macie record says about one S3 object: a sensitive data discovery result (every
 * occurrence Macie lists, up to 1,000 per type) or a finding ({@code GetFindings}, EventBridge: at
 * most 15 locations in all, so only its counts are used).
 *
 * @param source       {@link #RESULT} or {@link #FINDING}
 * @param resultId     Macie's {@code id} of the record, or file:line when it has none
 * @param jobId        {@code classificationDetails.jobId}, or null
 * @param etag         {@code s3Object.eTag} without quotes, or null
 * @param size         {@code s3Object.size}, or -1
 * @param status       {@code COMPLETE}, {@code PARTIAL}, {@code SKIPPED}...
 * @param reason       the status reason, or null
 * @param embeddedPath {@code s3Object.embeddedFileDetails.filePath} for a file inside an archive
 */
record MacieObject(String source, String resultId, String jobId, String createdAt, String bucket, String key,
        String etag, long size, String status, String reason, String embeddedPath, List<Detection> detections) {

    static final String RESULT = "RESULT";
    static final String FINDING = "FINDING";

    MacieObject {
        detections = List.copyOf(detections);
    }

    String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * One detection: a managed identifier ({@code type}) or a custom one ({@code customId} and
     * {@code customName}), with Macie's count and the occurrences it listed.
     *
     * @param truncated Macie counted more occurrences than it listed (1,000 cap, findings' 15,
     *                  {@code additionalOccurrences}), or listed some in a form we cannot place
     */
    record Detection(String macieType, String customId, String customName, long count, boolean truncated,
            List<Location> locations) {
        Detection {
            locations = List.copyOf(locations);
        }
    }

    /**
     * Where Macie saw an occurrence, in our numbering ({@code record} as {@code RecordSink} counts).
     *
     * @param recordFrom first record (0-based)
     * @param recordTo   last record (a line range may span lines)
     * @param field      Macie's column name or JSON path, or null (text, pages, or absent)
     * @param where      Macie's own coordinates for people: "row 5, column 6", "lines 31-32"
     */
    record Location(long recordFrom, long recordTo, String field, String where) {}
}
