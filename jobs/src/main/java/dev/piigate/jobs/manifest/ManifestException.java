package dev.piigate.jobs.manifest;

/** STUB. */
public final class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ManifestException(String m) {
        super(m);
    }
}
