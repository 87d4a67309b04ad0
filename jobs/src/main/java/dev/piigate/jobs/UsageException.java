package dev.piigate.jobs;

/** Bad command line: exit status 64, the message names the flag and what is accepted. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
