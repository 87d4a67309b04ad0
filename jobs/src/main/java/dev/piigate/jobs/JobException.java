package dev.piigate.jobs;

/** The job cannot reach a verdict: exit status 1, nothing approved. Messages carry no data. */
final class JobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JobException(String message) {
        super(message);
    }
}
