package dev.piigate.jobs.s3;

import java.io.IOException;

/**
 * A create-only write found its object already there: another run published first. The run that
 * gets this publishes nothing and exits 1; it must not withdraw what the other run published.
 */
public final class PublishConflict extends IOException {
    private static final long serialVersionUID = 1L;

    public PublishConflict(String message) {
        super(message);
    }
}
