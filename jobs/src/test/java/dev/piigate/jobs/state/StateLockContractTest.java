package dev.piigate.jobs.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import dev.piigate.jobs.s3.ConditionalCreate;
import dev.piigate.jobs.state.StateLock.InUse;
import dev.piigate.jobs.state.StateLock.Timing;

/**
 * What {@link StateLock} promises on every store; a subclass per store (local file system, the S3
 * server) says where states live and how to make a release fail.
 */
abstract class StateLockContractTest {
    private static final int RACERS = 8;

    /** A fresh state URI, as a user would give it to {@code --state}. */
    abstract String state(String name);

    abstract Configuration conf();

    /** Short times, fitting the store's clock resolution. */
    abstract Timing timing();

    /** From now on writing {@code <n>.released} under {@code state} fails. */
    abstract void failReleases(String state) throws IOException;

    @Test
    void acquireReleaseAndAcquireAgainTakeTheNextGeneration() throws Exception {
        String state = state("again");
        for (long generation = 1; generation <= 3; generation++) {
            try (StateLock lock = StateLock.acquire(state, conf(), "run-" + generation, timing())) {
                assertThat(lock.generation()).isEqualTo(generation);
                assertThat(names(state)).contains(StateLockFiles.lockName(generation));
                lock.ensureHeld();
            }
            assertThat(names(state)).contains(StateLockFiles.releasedName(generation));
        }
        assertThat(names(state)).as("generations before the last two are deleted, and no probe is left")
                .filteredOn(name -> !name.endsWith(".alive")).containsExactlyInAnyOrder("0000000002", "0000000002.released", "0000000003", "0000000003.released");
        assertThat(read(state, "0000000003")).startsWith("runId=run-3\nstarted=");
    }

    @Test
    void aSecondRunWhileTheFirstHoldsTheStateIsRefusedNamingTheFirst() throws Exception {
        String state = state("held");
        try (StateLock first = StateLock.acquire(state, conf(), "run-first", timing())) {
            assertThatThrownBy(() -> StateLock.acquire(state, conf(), "run-second", patient()))
                    .isInstanceOf(InUse.class)
                    .hasMessageStartingWith("another run (runId run-first) is using this state since ")
                    .hasMessageContaining("(locks/0000000001); last seen ")
                    .hasMessageContaining("it is taken over when it has had no heartbeat for ")
                    .message().doesNotContain(state).doesNotContain(new Path(state).toUri().getPath());
            first.ensureHeld();
        }
        try (StateLock second = StateLock.acquire(state, conf(), "run-second", timing())) {
            assertThat(second.generation()).isEqualTo(2);
        }
    }

    /**
     * A live run keeps its state through several stale times by its heartbeat; a run killed without
     * clean-up (heartbeat stopped, nothing released) is refused at once, then taken over.
     */
    @Test
    void aLiveRunKeepsTheStateAndAKilledRunsStateIsTakenOverOnceStale() throws Exception {
        String live = state("live");
        String killed = state("killed");
        try (StateLock alive = StateLock.acquire(live, conf(), "run-alive", timing());
                StateLock dead = StateLock.acquire(killed, conf(), "run-killed", timing())) {
            dead.stopHeartbeat();
            assertThatThrownBy(() -> StateLock.acquire(killed, conf(), "run-next", patient()))
                    .as("not stale yet").isInstanceOf(InUse.class).hasMessageContaining("run-killed");
            Thread.sleep(staleWait());
            assertThatThrownBy(() -> StateLock.acquire(live, conf(), "run-next", timing()))
                    .as("kept by its heartbeat").isInstanceOf(InUse.class).hasMessageContaining("run-alive");
            alive.ensureHeld();
            assertThat(names(live)).contains("0000000001.alive");
            try (StateLock next = StateLock.acquire(killed, conf(), "run-next", timing())) {
                assertThat(next.generation()).isEqualTo(2);
            }
            assertThatThrownBy(dead::ensureHeld).isInstanceOf(InUse.class).hasMessageContaining("had no heartbeat for");
        }
    }

    /** A run that was taken over while alive (its heartbeat lapsed: a long pause) learns it at its next beat. */
    @Test
    void aRunWhoseLockWasTakenOverLearnsItAtItsNextHeartbeat() throws Exception {
        String state = state("overtaken");
        try (StateLock lock = StateLock.acquire(state, conf(), "run-paused", timing())) {
            // what a run that judged this one stale writes
            ConditionalCreate.create(new Path(new Path(state, StateLock.LOCKS), StateLockFiles.lockName(2)),
                    "runId=run-other\nstarted=now\n".getBytes(UTF_8), conf());
            long deadline = System.nanoTime() + 10 * timing().heartbeatMillis() * 1_000_000;
            while (!taken(lock) && System.nanoTime() < deadline) {
                Thread.sleep(timing().heartbeatMillis() / 4);
            }
            assertThatThrownBy(lock::ensureHeld).isInstanceOf(InUse.class)
                    .hasMessage("this run's lock on the state (locks/0000000001) was taken over by run run-other after its"
                            + " heartbeat lapsed");
        }
        assertThat(names(state)).as("the overtaken run does not release").doesNotContain("0000000001.released");
    }

    @Test
    void ofRunsRacingForAFreeStateExactlyOneWins() throws Exception {
        for (int round = 0; round < rounds(); round++) {
            race(state("free-" + round), 1, patient());
        }
    }

    @Test
    void ofRunsRacingForAStaleStateExactlyOneWins() throws Exception {
        List<String> states = new ArrayList<>();
        for (int round = 0; round < rounds(); round++) {
            String state = state("stale-" + round);
            StateLock.acquire(state, conf(), "run-killed", timing()).stopHeartbeat();
            states.add(state);
        }
        Thread.sleep(staleWait());
        for (String state : states) {
            race(state, 2, timing());
        }
    }

    /**
     * A release that fails is logged, not thrown. The lock is then left as a killed run leaves it
     * (no marker, no heartbeat), and expires as that one does (tested above).
     */
    @Test
    void aReleaseThatFailsDoesNotThrowAndLeavesTheLockToExpire() throws Exception {
        String state = state("release-fails");
        StateLock lock = StateLock.acquire(state, conf(), "run-unreleased", timing());
        failReleases(state);
        lock.close();
        lock.close(); // twice is harmless
        assertThat(isFile(state, "0000000001.released")).isFalse();
        assertThatThrownBy(() -> StateLock.acquire(state, conf(), "run-next", patient())).isInstanceOf(InUse.class)
                .hasMessageContaining("run-unreleased");
    }

    /**
     * The timing of a run that checks a lock is still fresh: staleness is judged with the acquiring
     * run's stale time, and a loaded machine must not make a lock of a second ago look stale.
     */
    Timing patient() {
        return new Timing(timing().heartbeatMillis(), 60_000);
    }

    /** How many times a race is run. */
    int rounds() {
        return 4;
    }

    /** Long enough for a lock without heartbeat to be stale, with the store's clock resolution on top. */
    long staleWait() {
        return timing().staleMillis() + 500;
    }

    private static boolean taken(StateLock lock) {
        try {
            lock.ensureHeld();
            return false;
        } catch (InUse e) {
            return true;
        }
    }

    /** RACERS threads acquire {@code state} at once: exactly one gets {@code generation}, the others InUse. */
    private void race(String state, long generation, Timing timing) throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        List<StateLock> won = new ArrayList<>();
        try {
            List<Future<StateLock>> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                String runId = "run-racer-" + i;
                racers.add(pool.submit(() -> {
                    start.await();
                    return StateLock.acquire(state, conf(), runId, timing);
                }));
            }
            for (Future<StateLock> racer : racers) {
                try {
                    won.add(racer.get());
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(InUse.class)
                            .hasMessageContaining("another run (runId run-racer-");
                }
            }
            assertThat(won).as("winners on " + state).singleElement()
                    .satisfies(lock -> assertThat(lock.generation()).isEqualTo(generation));
        } finally {
            won.forEach(StateLock::close);
            pool.shutdownNow();
        }
    }

    /** The file names in the state's locks folder, as the store lists them (the local file system's checksums left out). */
    List<String> names(String state) throws IOException {
        Path locks = new Path(state, StateLock.LOCKS);
        FileSystem fs = locks.getFileSystem(conf());
        return Arrays.stream(fs.listStatus(locks)).map(FileStatus::getPath).map(Path::getName)
                .filter(name -> !name.endsWith(".crc")).toList();
    }

    boolean isFile(String state, String name) throws IOException {
        Path path = new Path(new Path(state, StateLock.LOCKS), name);
        try {
            return path.getFileSystem(conf()).getFileStatus(path).isFile();
        } catch (java.io.FileNotFoundException e) {
            return false;
        }
    }

    String read(String state, String name) throws IOException {
        Path path = new Path(new Path(state, StateLock.LOCKS), name);
        try (var in = path.getFileSystem(conf()).open(path)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
