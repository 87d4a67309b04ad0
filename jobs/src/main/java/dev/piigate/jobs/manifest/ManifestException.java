package dev.piigate.jobs.manifest;

import static java.util.Objects.requireNonNull;

/**
 * A manifest the gate cannot trust. The message names the manifest, the position (line or array
 * element) and what was expected; it never quotes an entry, since an entry may hold anything.
 * Checked, because a bad manifest is an expected input the job must turn into a verdict.
 */
public final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String manifestUri;

    ManifestException(String manifestUri, String problem) {
        super("manifest " + requireNonNull(manifestUri, "manifestUri") + ": " + requireNonNull(problem, "problem"));
        this.manifestUri = manifestUri;
    }

    public String manifestUri() {
        return manifestUri;
    }
}
