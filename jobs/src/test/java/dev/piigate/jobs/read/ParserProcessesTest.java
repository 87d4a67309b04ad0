package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of a {@link ParserProcesses} on real parser JVMs, watched as operating-system processes:
 * none until the first document, one reused for the next, a crashed or hung one replaced, none
 * left once it is closed, and no use after that. The misbehaving parsers are the test-only ones of
 * {@code dev.piigate.jobs.hostile.HostileParsers}.
 */
class ParserProcessesTest {
    private static final ReadLimits LIMITS = new ReadLimits(4096, 1_000_000, 60_000, 8);

    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    private ReadResult read(ParserProcesses parsers, String name, String text, ReadLimits limits, RecordSink sink)
            throws IOException {
        Path path = TestFiles.write(dir, name, text);
        return Readers.forDocuments(parsers).read(fs, path, TestFiles.conf(), limits, sink);
    }

    private void readsAPage(ParserProcesses parsers) throws IOException {
        RecordingSink sink = new RecordingSink();
        assertThat(read(parsers, "page.html", "<html><body><p>still here</p></body></html>", LIMITS, sink))
                .isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allText()).contains("still here");
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The processes of {@code parsers} that are still running, found in the operating system by the
     * mark on their command line (not through the instance), the one still starting included. Other
     * tests may run parsers of their own meanwhile: theirs carry another mark.
     */
    private static Set<Long> parserProcessesOf(ParserProcesses parsers) {
        String mark = "-D" + ParserProcesses.POOL_PROPERTY + "=" + parsers.pool();
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().map(c -> (c + " ").contains(" " + mark + " ")).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    @Test
    void noProcessBeforeTheFirstDocumentThenOneReusedForTheNext() throws IOException {
        try (ParserProcesses parsers = new ParserProcesses()) {
            assertThat(parsers.pids()).isEmpty();

            readsAPage(parsers);
            Set<Long> first = parsers.pids();
            assertThat(first).hasSize(1).allMatch(ParserProcessesTest::alive);

            readsAPage(parsers);
            assertThat(parsers.pids()).isEqualTo(first);
        }
    }

    @Test
    void aProcessThatExitedIsReplacedForTheNextDocument() throws IOException {
        try (ParserProcesses parsers = new ParserProcesses()) {
            readsAPage(parsers);
            long crashed = parsers.pids().iterator().next();

            ReadResult result = read(parsers, "piigate-test-exit.doc", "text", LIMITS, new RecordingSink());

            assertThat(result.reason()).isEqualTo(StatusReason.PARSER_CRASH);
            assertThat(alive(crashed)).isFalse();
            readsAPage(parsers);
            assertThat(parsers.pids()).hasSize(1).doesNotContain(crashed).allMatch(ParserProcessesTest::alive);
        }
    }

    @Test
    void aHungProcessIsKilledAtTheDeadlineAndReplaced() throws IOException {
        try (ParserProcesses parsers = new ParserProcesses()) {
            readsAPage(parsers);
            long hung = parsers.pids().iterator().next();

            ReadResult result = read(parsers, "piigate-test-hang.doc", "text", new ReadLimits(4096, 1_000_000, 1_000, 8),
                    new RecordingSink());

            assertThat(result.reason()).isEqualTo(StatusReason.PARSER_TIMEOUT);
            assertThat(alive(hung)).isFalse();
            readsAPage(parsers);
            assertThat(parsers.pids()).hasSize(1).doesNotContain(hung).allMatch(ParserProcessesTest::alive);
        }
    }

    /**
     * Two processes (two documents at once: the first one's sink holds its process until the second
     * has been read), then a crash, whose replacement is still starting when close is called: once
     * close returns, none of them runs and no other process of this instance appeared.
     */
    @Test
    void closeEndsEveryProcessTheOneStillStartingToo() throws Exception {
        ParserProcesses parsers = new ParserProcesses();
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch letFirstGo = new CountDownLatch(1);
        RecordingSink firstText = new RecordingSink((field, value) -> {
            firstHeld.countDown();
            try {
                letFirstGo.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Path first = TestFiles.write(dir, "first.html", "<html><body><p>first</p></body></html>");
        CompletableFuture<ReadResult> firstRead = CompletableFuture.supplyAsync(() -> {
            try {
                return Readers.forDocuments(parsers).read(fs, first, TestFiles.conf(), LIMITS, firstText);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(firstHeld.await(180, TimeUnit.SECONDS)).as("the first document reached its sink").isTrue();
        readsAPage(parsers);
        letFirstGo.countDown();
        assertThat(firstRead.get(60, TimeUnit.SECONDS)).isEqualTo(ReadResult.COMPLETE);
        assertThat(firstText.allText()).contains("first");
        Set<Long> started = new HashSet<>(parsers.pids());
        assertThat(started).hasSize(2).allMatch(ParserProcessesTest::alive);
        assertThat(parserProcessesOf(parsers)).as("the mark finds them").isEqualTo(started);

        assertThat(read(parsers, "piigate-test-exit.doc", "text", LIMITS, new RecordingSink()).reason())
                .isEqualTo(StatusReason.PARSER_CRASH);
        started.addAll(parsers.pids()); // the replacement, if the warmer got that far
        parsers.close();

        assertThat(started).noneMatch(ParserProcessesTest::alive);
        assertThat(parsers.pids()).isEmpty();
        assertThat(parserProcessesOf(parsers)).isEmpty();
    }

    @Test
    void aDocumentAfterCloseIsAnErrorAndClosingTwiceIsNot() {
        ParserProcesses parsers = new ParserProcesses();
        parsers.close();
        parsers.close();

        assertThatThrownBy(() -> readsAPage(parsers)).isInstanceOf(IllegalStateException.class)
                .hasMessage("parser processes already closed");
        assertThat(parsers.pids()).isEmpty();
    }

    /** The executor's instance: shared while any task holds it, ended with the last, new after that. */
    @Test
    void theExecutorsInstanceEndsWithTheLastLease() throws IOException {
        ExecutorParserProcesses executor = new ExecutorParserProcesses(0);
        ExecutorParserProcesses.Lease first = executor.take();
        ExecutorParserProcesses.Lease second = executor.take();
        ParserProcesses shared = first.processes();
        long pid;
        try {
            assertThat(second.processes()).isSameAs(shared);
            readsAPage(shared);
            pid = shared.pids().iterator().next();

            first.close();
            first.close(); // released once: the second task still holds the instance

            assertThat(alive(pid)).isTrue();
            readsAPage(shared);
            assertThat(shared.pids()).containsExactly(pid);
        } finally {
            first.close();
            second.close();
        }
        assertThat(alive(pid)).isFalse();
        assertThatThrownBy(() -> readsAPage(shared)).isInstanceOf(IllegalStateException.class);
        try (ExecutorParserProcesses.Lease next = executor.take()) {
            assertThat(next.processes()).isNotSameAs(shared);
        }
    }

    /**
     * A task that comes within the linger (the next task of a stage) gets the same instance and its
     * process; once no task came for the whole linger, the processes end.
     */
    @Test
    void aTaskWithinTheLingerKeepsTheProcessesAndTheyEndAfterIt() throws Exception {
        ExecutorParserProcesses executor = new ExecutorParserProcesses(1_500);
        ParserProcesses shared;
        try (ExecutorParserProcesses.Lease task = executor.take()) {
            shared = task.processes();
            readsAPage(shared);
        }
        long pid = shared.pids().iterator().next();
        try (ExecutorParserProcesses.Lease nextTask = executor.take()) {
            assertThat(nextTask.processes()).isSameAs(shared);
            readsAPage(shared);
            assertThat(shared.pids()).containsExactly(pid);
        }

        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.onExit().get(60, TimeUnit.SECONDS);
        assertThat(process.isAlive()).isFalse();
        try (ExecutorParserProcesses.Lease later = executor.take()) {
            assertThat(later.processes()).isNotSameAs(shared);
        }
    }
}
