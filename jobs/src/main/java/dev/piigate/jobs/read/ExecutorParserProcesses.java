package dev.piigate.jobs.read;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one {@link ParserProcesses} of this JVM, shared by the tasks that scan in it: each task
 * takes a {@link Lease} when it starts and releases it when it ends (a Spark task completion
 * listener), and the instance is closed, its processes ended, when the last lease is released.
 * The next task after that gets a new instance.
 *
 * <p>Why a static holder: Spark gives task code no object that outlives a task on an executor (the
 * partition function is deserialised anew for every task; an executor plugin would need
 * {@code spark.plugins} in every launch and could still reach tasks only through a static). A task
 * of its own would be the simpler owner, but a scan deals 4 tasks to every task slot, and each
 * would then start its own parser JVM (seconds each); shared, the tasks a slot runs one after the
 * other reuse one process, and the processes still end with the scan that used them.
 */
public final class ExecutorParserProcesses {
    private static final Object LOCK = new Object();
    /** Guarded by LOCK; null when no task holds a lease. */
    private static ParserProcesses shared;
    /** Guarded by LOCK. */
    private static int leases;

    private ExecutorParserProcesses() {
    }

    /** A lease on this JVM's instance, created if no task holds one. */
    public static Lease lease() {
        synchronized (LOCK) {
            if (shared == null) {
                shared = new ParserProcesses();
            }
            leases++;
            return new Lease(shared);
        }
    }

    private static void release(ParserProcesses processes) {
        synchronized (LOCK) {
            if (--leases > 0) {
                return;
            }
            shared = null;
        }
        // Outside the lock: closing waits for the processes to exit, and a new task need not wait.
        processes.close();
    }

    /** One task's hold on the shared instance; {@link #close} releases it once, later calls do nothing. */
    public static final class Lease implements AutoCloseable {
        private final ParserProcesses processes;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(ParserProcesses processes) {
            this.processes = processes;
        }

        public ParserProcesses processes() {
            return processes;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(processes);
            }
        }
    }
}
