package dev.piigate.jobs;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import dev.piigate.jobs.s3.ConditionalCreate;
import dev.piigate.jobs.state.StateLock;

/**
 * Holds {@code --state} for one run ({@link StateLock}): a second run on the same state while this
 * one lives gets {@link StateLock.InUse} and exits 1; a run that died is taken over once its
 * heartbeat is stale, so a resume is never blocked for long. A state that cannot be locked at all
 * (not a folder, no permission) is not held: the run then writes no ledger entries (see
 * {@link #held}) and scans every object, as for a ledger it cannot read.
 */
interface StateGuard extends AutoCloseable {
    StateGuard NONE = () -> {};

    static StateGuard acquire(String stateUri, Configuration hconf, String runId) throws IOException {
        // Before anything is read: a store that cannot create a lock create-only cannot serialize two runs.
        ConditionalCreate.requireCreateOnly(new Path(stateUri), hconf, "--state");
        StateLock lock;
        try {
            lock = StateLock.acquire(stateUri, hconf, runId);
        } catch (StateLock.InUse e) {
            throw e;
        } catch (IOException e) {
            return new NotHeld(e.getClass().getSimpleName());
        }
        return lock::close;
    }

    /** Whether this run holds the state and may add to its ledger. */
    default boolean held() {
        return true;
    }

    /** Why the state is not held (an exception's class name: its message may hold the path), or null. */
    default String whyNotHeld() {
        return null;
    }

    @Override
    void close() throws IOException;

    /** A state whose lock could not be created. */
    record NotHeld(String why) implements StateGuard {
        @Override
        public boolean held() {
            return false;
        }

        @Override
        public String whyNotHeld() {
            return why;
        }

        @Override
        public void close() {}
    }
}
