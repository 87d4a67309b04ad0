package dev.piigate.jobs.read;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one {@link ParserProcesses} of this JVM, shared by the tasks that scan in it: each task
 * takes a {@link Lease} when it starts and releases it when it ends (a Spark task completion
 * listener). When the last lease is released and no task takes one within {@value #LINGER_MS} ms,
 * the instance is closed, its processes ended; the next task after that gets a new instance.
 *
 * <p>Why a static holder: Spark gives task code no object that outlives a task on an executor (the
 * partition function is deserialised anew for every task; an executor plugin would need
 * {@code spark.plugins} in every launch and could still reach tasks only through a static). An
 * instance per task would be the simpler owner, but a scan deals 4 tasks to every task slot, and
 * each would start its own parser JVM (seconds each); shared, the tasks a slot runs one after the
 * other reuse one process. Why the linger: between two tasks of one stage both slots of an executor
 * can be idle for a moment (scheduling, a locality wait of up to 3 s), and closing there would
 * start every process again in the middle of the scan.
 */
public final class ExecutorParserProcesses {
    static final long LINGER_MS = 10_000;
    private static final ExecutorParserProcesses THIS_JVM = new ExecutorParserProcesses(LINGER_MS);

    private final long lingerMs;
    private final Object lock = new Object();
    /** Guarded by lock; null when closed or not yet needed. */
    private ParserProcesses shared;
    /** Guarded by lock. */
    private int leases;
    /** Guarded by lock: how many times the leases fell to none; a pending close acts only if still the last. */
    private long idleSpells;

    ExecutorParserProcesses(long lingerMs) {
        this.lingerMs = lingerMs;
    }

    /** A lease on this JVM's instance, created if there is none. */
    public static Lease lease() {
        return THIS_JVM.take();
    }

    Lease take() {
        synchronized (lock) {
            if (shared == null) {
                shared = new ParserProcesses();
            }
            leases++;
            return new Lease(this, shared);
        }
    }

    private void release() {
        long spell;
        synchronized (lock) {
            if (--leases > 0) {
                return;
            }
            spell = ++idleSpells;
        }
        if (lingerMs == 0) {
            closeIfStillIdle(spell);
            return;
        }
        // Closing waits for the processes to exit: on a thread of its own, not the task's.
        Executor closer = r -> {
            Thread t = new Thread(r, "pii-gate-parser-closer");
            t.setDaemon(true);
            t.start();
        };
        CompletableFuture.runAsync(() -> closeIfStillIdle(spell),
                CompletableFuture.delayedExecutor(lingerMs, TimeUnit.MILLISECONDS, closer));
    }

    private void closeIfStillIdle(long spell) {
        ParserProcesses idle;
        synchronized (lock) {
            if (leases > 0 || spell != idleSpells || shared == null) {
                return; // a task took a lease meanwhile
            }
            idle = shared;
            shared = null;
        }
        idle.close();
    }

    /** One task's hold on the shared instance; {@link #close} releases it once, later calls do nothing. */
    public static final class Lease implements AutoCloseable {
        private final ExecutorParserProcesses holder;
        private final ParserProcesses processes;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(ExecutorParserProcesses holder, ParserProcesses processes) {
            this.holder = holder;
            this.processes = processes;
        }

        public ParserProcesses processes() {
            return processes;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                holder.release();
            }
        }
    }
}
