package dev.piigate.jobs.manifest;

/** The manifest formats the gate reads. {@link Manifests#parse} tells them apart by their first character. */
public enum ManifestKind {
    /**
     * SageMaker {@code S3DataType: ManifestFile}: a JSON array whose first element is
     * {@code {"prefix": "s3://bucket/path/"}} and whose other elements are keys appended to the
     * prefix as written.
     */
    SAGEMAKER_MANIFEST_FILE,
    /**
     * SageMaker {@code S3DataType: AugmentedManifestFile}: JSON Lines, one object per line, each
     * naming its object in {@code source-ref}.
     */
    SAGEMAKER_AUGMENTED_MANIFEST,
    /** One URI or path per line; blank lines and lines starting with {@code #} are skipped. */
    PLAIN_LIST
}
