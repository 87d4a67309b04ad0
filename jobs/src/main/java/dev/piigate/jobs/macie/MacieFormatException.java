package dev.piigate.jobs.macie;

/**
 * A Macie results file that cannot be read as Macie output. The message names the file, the line
 * and what was wrong with it, never the content: a result can hold object keys, column names and
 * JSON paths, and a broken line may be anything.
 */
public final class MacieFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MacieFormatException(String file, long line, String problem) {
        super("Macie results file " + file + (line > 0 ? " line " + line : "") + ": " + problem, null, false, false);
    }
}
