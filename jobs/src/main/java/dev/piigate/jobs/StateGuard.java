package dev.piigate.jobs;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;

/**
 * Holds {@code --state} for one run, so two runs never write one ledger at once. A placeholder that
 * holds nothing until {@code dev.piigate.jobs.state.StateLock} is wired in here (its acquire throws
 * {@code StateLock.InUse} when another live run holds the ledger).
 */
interface StateGuard extends AutoCloseable {
    StateGuard NONE = () -> {};

    static StateGuard acquire(String stateUri, Configuration hconf, String runId) throws IOException {
        return NONE;
    }

    @Override
    void close() throws IOException;
}
