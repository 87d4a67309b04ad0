package dev.piigate.jobs.state;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import dev.piigate.jobs.s3.ConditionalCreate;
import dev.piigate.jobs.s3.PublishConflict;
import dev.piigate.jobs.s3.StorageFailure;
import dev.piigate.jobs.s3.StorageFailure.Action;

/**
 * Keeps two runs from using one {@code --state} at once: the second gets {@link InUse} (the run exits
 * 1), and a run killed without clean-up is taken over once its heartbeat has stopped long enough.
 *
 * <p>Generation locks under {@code STATE/locks/}: {@code <n>} (ten digits) is created create-only
 * ({@link ConditionalCreate}: {@code If-None-Match: *} on S3A, an atomic hard link locally), so of two
 * runs taking generation n exactly one succeeds. Its holder rewrites {@code <n>.alive} every
 * {@code -Dpiigate.state.heartbeatMillis} (default 20 s) from a daemon thread and writes
 * {@code <n>.released} on {@link #close}. A run may take generation n+1 when n is released, or when
 * neither {@code <n>} nor {@code <n>.alive} was modified for {@code -Dpiigate.state.staleMillis}
 * (default 90 s).
 *
 * <p>Clock skew: ages are the store's time against the store's time. "Now" is the modification time
 * of a probe object written just before the judgement ({@code locks/clock-<random>}, deleted after),
 * so neither this driver's clock nor the holder's enters: only the store's own clock (S3's, to the
 * second; locally the kernel's or the NFS server's). The driver's clock is used only for intervals
 * (the heartbeat's period, {@link #ensureHeld}), with {@link System#nanoTime}.
 *
 * <p>Messages and logs name lock files relative to STATE ({@code locks/0000000003}): the state URI
 * may hold PII in its path. A storage failure comes out as {@link StorageFailure} with the state URI
 * in {@link StorageFailure#uri()}, which the caller masks, as for every other URI.
 */
public final class StateLock implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StateLock.class);
    static final String LOCKS = "locks";
    /** Longest lock content read back (it holds a run id and a time). */
    private static final int MAX_CONTENT = 4096;

    /**
     * Another live run holds the state, or this run's lock was taken over ({@link #ensureHeld}). The
     * message names the other run, the lock relative to STATE and when it was last seen; never the
     * state URI.
     */
    public static final class InUse extends IOException {
        private static final long serialVersionUID = 1L;

        InUse(String message) {
            super(message);
        }
    }

    /** The heartbeat's period and the silence after which a lock is taken over, in milliseconds. */
    record Timing(long heartbeatMillis, long staleMillis) {
        static final String HEARTBEAT = "piigate.state.heartbeatMillis";
        static final String STALE = "piigate.state.staleMillis";

        Timing {
            // A live holder must beat at least twice within the stale time, or a slow PUT gets it taken over.
            if (heartbeatMillis <= 0 || staleMillis < 2 * heartbeatMillis) {
                throw new IllegalArgumentException("-D" + STALE + " (" + staleMillis + ") must be at least twice -D"
                        + HEARTBEAT + " (" + heartbeatMillis + "), which must be positive");
            }
        }

        /** From {@code -Dpiigate.state.heartbeatMillis} and {@code -Dpiigate.state.staleMillis}. */
        static Timing from(Properties properties) {
            return new Timing(millis(properties, HEARTBEAT, 20_000), millis(properties, STALE, 90_000));
        }

        private static long millis(Properties properties, String name, long otherwise) {
            String value = properties.getProperty(name);
            if (value == null || value.isBlank()) {
                return otherwise;
            }
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + name + " must be a number of milliseconds");
            }
        }
    }

    private final FileSystem fs;
    private final Path locks;
    private final String runId;
    private final long generation;
    private final Timing timing;
    private final ScheduledExecutorService heartbeat;
    /** When the lock was last known held: acquired or a heartbeat written ({@link System#nanoTime}). */
    private volatile long lastBeatNanos;
    /** The run that took the lock over, once a heartbeat has seen a newer generation. */
    private volatile String takenOverBy;
    private boolean closed;

    private StateLock(FileSystem fs, Path locks, String runId, long generation, Timing timing) {
        this.fs = fs;
        this.locks = locks;
        this.runId = runId;
        this.generation = generation;
        this.timing = timing;
        this.lastBeatNanos = System.nanoTime();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pii-gate-state-heartbeat");
            t.setDaemon(true); // a killed driver must not be kept alive, nor its lock: that is what staleness is for
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, timing.heartbeatMillis(), timing.heartbeatMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the state for this run, or throws {@link InUse} when another live run holds it. Timing
     * from {@code -Dpiigate.state.heartbeatMillis} and {@code -Dpiigate.state.staleMillis}.
     *
     * @param stateUri the {@code --state} URI as given (never put into a message: the caller masks)
     * @param runId    this run's id, written into the lock so that a second run can say who holds it
     */
    public static StateLock acquire(String stateUri, Configuration hconf, String runId) throws IOException {
        return acquire(stateUri, hconf, runId, Timing.from(System.getProperties()));
    }

    static StateLock acquire(String stateUri, Configuration hconf, String runId, Timing timing) throws IOException {
        Objects.requireNonNull(stateUri, "stateUri");
        Objects.requireNonNull(hconf, "hconf");
        Objects.requireNonNull(runId, "runId");
        Path locks = new Path(new Path(stateUri), LOCKS);
        FileSystem fs = StorageFailure.during(Action.LIST, "opening the state", stateUri, () -> locks.getFileSystem(hconf));
        StateLockFiles files = StorageFailure.during(Action.LIST, "listing the state's locks in", stateUri,
                () -> StateLockFiles.list(fs, locks));
        long next = 1;
        if (files.highest().isPresent()) {
            long n = files.highest().getAsLong();
            next = n + 1;
            if (!files.released(n)) {
                long lastSeen = files.lastSeen(n);
                long now = StorageFailure.during(Action.WRITE, "writing a clock probe to the state's locks in", stateUri,
                        () -> storeNow(fs, locks));
                long silentMillis = now - lastSeen;
                String holder = holder(fs, locks, n);
                if (silentMillis <= timing.staleMillis()) {
                    throw new InUse("another run (runId " + holder + ") is using this state since "
                            + Instant.ofEpochMilli(files.started(n)) + " (" + relative(n) + "); last seen "
                            + seconds(Math.max(0, silentMillis)) + " ago; it is taken over when it has had no heartbeat for "
                            + seconds(timing.staleMillis()));
                }
                LOG.warn("taking the state over from run {} ({}): last seen {} ago, more than {} (killed without"
                        + " releasing?)", holder, relative(n), seconds(silentMillis),
                        seconds(timing.staleMillis()));
            }
        }
        create(fs, hconf, locks, stateUri, runId, next);
        StateLock lock = new StateLock(fs, locks, runId, next, timing);
        lock.prune();
        return lock;
    }

    private static void create(FileSystem fs, Configuration hconf, Path locks, String stateUri, String runId, long n)
            throws IOException {
        Path path = new Path(locks, StateLockFiles.lockName(n));
        // The start time is for people reading the file; ages are judged by the store's times only.
        byte[] content = ("runId=" + runId + "\nstarted=" + Instant.now() + "\n").getBytes(UTF_8);
        try {
            StorageFailure.run(Action.WRITE, "creating " + relative(n) + " in the state",
                    stateUri, () -> ConditionalCreate.create(path, content, hconf));
        } catch (PublishConflict e) {
            // Its message names the full path: ours names the lock only.
            throw new InUse("another run (runId " + holder(fs, locks, n) + ") took this state at the same moment ("
                    + relative(n) + ")");
        }
    }

    /**
     * Fails when this run may no longer hold the state: a heartbeat found that another run took the
     * lock over, or no heartbeat was written for the stale time less one heartbeat period (another run
     * may take it over about now: the store's whole-second times and the PUT's own duration make its
     * judgement up to a second or so earlier than ours). Called before a step whose result another run
     * must not overlap. A guard, not a fence: a run paused between this check and its write is not
     * stopped by it.
     */
    public void ensureHeld() throws InUse {
        String other = takenOverBy;
        if (other != null) {
            throw new InUse("this run's lock on the state (" + relative(generation)
                    + ") was taken over by run " + other + " after its heartbeat lapsed");
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastBeatNanos);
        if (silentMillis > timing.staleMillis() - timing.heartbeatMillis()) {
            throw new InUse("this run's lock on the state (" + relative(generation) + ") had no heartbeat for "
                    + seconds(silentMillis) + "; another run may take it over after " + seconds(timing.staleMillis()));
        }
    }

    /** The generation this run holds, {@code 1} for the first run on a state. */
    long generation() {
        return generation;
    }

    /** Stops the heartbeat as a killed driver would: nothing released, nothing written. */
    void stopHeartbeat() {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases the state: stops the heartbeat and writes {@code <n>.released}. Never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopHeartbeat();
        if (takenOverBy != null) {
            LOG.warn("not releasing {}: run {} took it over", relative(generation), takenOverBy);
            return;
        }
        try {
            write(new Path(locks, StateLockFiles.releasedName(generation)),
                    "runId=" + runId + "\nreleased=" + Instant.now() + "\n");
        } catch (Exception e) {
            // The next run then waits for the stale time instead: the lock still expires.
            LOG.warn("could not release the state lock {} ({}): the next run on this state takes it over"
                    + " after {} without heartbeat", relative(generation), e.getClass().getName(),
                    seconds(timing.staleMillis()));
        }
    }

    private void beat() {
        try {
            write(new Path(locks, StateLockFiles.aliveName(generation)),
                    "runId=" + runId + "\nalive=" + Instant.now() + "\n");
            lastBeatNanos = System.nanoTime();
            Path newer = new Path(locks, StateLockFiles.lockName(generation + 1));
            if (fs.exists(newer)) {
                takenOverBy = holder(fs, locks, generation + 1);
                LOG.error("the state lock {} was taken over by run {} (locked {}): this run's heartbeat had lapsed",
                        relative(generation), takenOverBy, relative(generation + 1));
                heartbeat.shutdown();
            }
        } catch (Exception e) {
            // Class name only: storage messages quote the path. Another beat follows; ensureHeld() notices a long gap.
            LOG.warn("state lock heartbeat for {} failed ({})", relative(generation), e.getClass().getName());
        }
    }

    private void write(Path path, String content) throws IOException {
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(content.getBytes(UTF_8));
        }
    }

    /** Deletes the files of generations before the one this run took over or followed (best effort). */
    private void prune() {
        try {
            StateLockFiles files = StateLockFiles.list(fs, locks);
            for (FileStatus old : files.before(generation - 1)) {
                fs.delete(old.getPath(), false);
            }
        } catch (Exception e) {
            LOG.warn("could not delete old state lock files ({}); they do no harm", e.getClass().getName());
        }
    }

    /** The store's current time: the modification time of a probe object written now. */
    private static long storeNow(FileSystem fs, Path locks) throws IOException {
        Path probe = new Path(locks, "clock-" + UUID.randomUUID());
        try (FSDataOutputStream out = fs.create(probe, false)) {
            out.write(1);
        }
        try {
            return fs.getFileStatus(probe).getModificationTime();
        } finally {
            try {
                fs.delete(probe, false);
            } catch (IOException e) {
                LOG.warn("could not delete a state lock clock probe ({}); it does no harm", e.getClass().getName());
            }
        }
    }

    /** The run id written in lock {@code n}, or {@code unknown} when it cannot be read. */
    private static String holder(FileSystem fs, Path locks, long n) {
        try (InputStream in = fs.open(new Path(locks, StateLockFiles.lockName(n)))) {
            String content = new String(in.readNBytes(MAX_CONTENT), UTF_8);
            var runIds = content.lines().filter(line -> line.startsWith("runId=")).findFirst();
            if (runIds.isPresent()) {
                return printable(runIds.get().substring("runId=".length()).strip());
            }
        } catch (FileNotFoundException e) {
            return "unknown (its lock is gone)";
        } catch (IOException | RuntimeException e) {
            // Only for the message: who holds the lock does not change what happens.
            LOG.warn("could not read the state lock {} ({})", relative(n), e.getClass().getName());
        }
        return "unknown";
    }

    /** Lock n as messages name it: relative to STATE, never the state URI. */
    static String relative(long n) {
        return LOCKS + "/" + StateLockFiles.lockName(n);
    }

    /** A run id read from the store as it goes into a message: bounded, and only characters run ids are made of. */
    static String printable(String runId) {
        String bounded = runId.length() > 100 ? runId.substring(0, 100) + "..." : runId;
        return bounded.isEmpty() ? "unknown" : bounded.replaceAll("[^A-Za-z0-9._:+@-]", "?");
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
