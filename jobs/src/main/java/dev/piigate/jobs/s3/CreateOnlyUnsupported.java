package dev.piigate.jobs.s3;

import java.io.IOException;

/**
 * The file system that would hold a verdict or an approval cannot create a file only if it is
 * absent, so "exactly one of two racing runs publishes" would not hold. Raised before any data is
 * read; the run exits 64.
 */
public final class CreateOnlyUnsupported extends IOException {
    private static final long serialVersionUID = 1L;

    CreateOnlyUnsupported(String message) {
        super(message);
    }
}
