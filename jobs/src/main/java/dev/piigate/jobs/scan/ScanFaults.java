package dev.piigate.jobs.scan;

import org.apache.spark.TaskContext;

/**
 * Fault injection for tests, and nothing else: a hook the executor runs just before it reads each
 * object, after the driver listed it. Tests use it to fail a task on its first attempt (counts must
 * survive the retry) and to delete or rewrite an object between listing and reading. In local mode
 * the executors share the driver's JVM, so a static hook reaches them. Never installed by the job.
 */
public final class ScanFaults {
    /** Runs before {@code path} is read, in task attempt {@code attempt} (0 for the first). */
    @FunctionalInterface
    public interface Hook {
        void beforeObject(String path, int attempt) throws Exception;
    }

    private static volatile Hook hook;

    private ScanFaults() {
    }

    public static void install(Hook h) {
        hook = h;
    }

    public static void clear() {
        hook = null;
    }

    /** Exceptions from the hook fail the task, as a lost executor would. */
    static void beforeObject(String path) {
        Hook h = hook;
        if (h == null) {
            return;
        }
        TaskContext task = TaskContext.get();
        try {
            h.beforeObject(path, task == null ? 0 : task.attemptNumber());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("injected fault", e);
        }
    }
}
