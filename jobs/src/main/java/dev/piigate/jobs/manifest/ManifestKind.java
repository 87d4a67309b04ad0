package dev.piigate.jobs.manifest;

import dev.piigate.jobs.read.Format;

/** The manifest formats the gate reads. {@link Manifests#parse} tells them apart by their first character. */
public enum ManifestKind {
    /**
     * SageMaker {@code S3DataType: ManifestFile}: a JSON array whose first element is
     * {@code {"prefix": "s3://bucket/path/"}} and whose other elements are keys appended to the
     * prefix as written.
     */
    SAGEMAKER_MANIFEST_FILE(Format.TEXT),
    /**
     * SageMaker {@code S3DataType: AugmentedManifestFile}: JSON Lines, one object per line, naming
     * its objects in {@code source-ref} and any other top-level attribute ending in {@code -ref};
     * the other attributes are inline data.
     */
    SAGEMAKER_AUGMENTED_MANIFEST(Format.JSONL),
    /** One URI or path per line; blank lines and lines starting with {@code #} are skipped. */
    PLAIN_LIST(Format.TEXT);

    private final Format recordFormat;

    ManifestKind(Format recordFormat) {
        this.recordFormat = recordFormat;
    }

    /**
     * How the manifest itself is scanned as one more object of the run, whatever its file name:
     * an augmented manifest as JSON Lines (line N is record N-1, attributes are field paths such
     * as {@code $.annotations.text}), the others line by line as text (a ManifestFile may be
     * pretty-printed over many lines, so it is not parsed as one JSON value per line).
     */
    public Format recordFormat() {
        return recordFormat;
    }
}
