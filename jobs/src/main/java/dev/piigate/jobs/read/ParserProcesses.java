package dev.piigate.jobs.read;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.tika.parser.AutoDetectParser;

/**
 * Parser JVMs ({@link DocumentParseServer}) for the documents its owner reads: one per thread
 * parsing at the same time, reused across documents, because starting one and loading Tika's
 * parsers costs seconds. Each has its own heap ({@value #DEFAULT_HEAP_MB} MiB unless the system
 * property {@value #HEAP_PROPERTY} says otherwise), ends itself on {@code OutOfMemoryError}, and is
 * killed by a watchdog when a document outlives its time budget. A process that timed out, crashed
 * or exited is never reused: a replacement is started in the background for the next document.
 *
 * <p>Lifecycle: a new instance has no process; the first {@link #parse} starts one. {@link #close}
 * ends every process (a replacement still starting too) and returns once they have exited; a
 * parse after it is an {@link IllegalStateException}. In a Spark executor the instance is the one
 * {@link ExecutorParserProcesses} shares between the tasks running there, closed when the last of
 * them ends. Should this JVM die without closing it, each process still ends itself
 * ({@link DocumentParseServer}: its stdin closes, its parent is gone).
 */
public final class ParserProcesses implements AutoCloseable {
    static final String HEAP_PROPERTY = "piigate.documentParser.heapMb";
    static final int DEFAULT_HEAP_MB = 512;
    /** Names, on each process's command line, the instance that started it (ps shows whose it is). */
    static final String POOL_PROPERTY = "piigate.parserPool";
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** Starting a JVM and loading Tika's parsers on a busy machine. */
    private static final long START_TIMEOUT_MS = 120_000;
    private static final int MAX_IDLE = 8;
    private static final int MAX_TEXT_BYTES = 64 * 1024 * 1024;

    private final String pool = ProcessHandle.current().pid() + "-" + POOLS.incrementAndGet();
    private final Object lock = new Object();
    /** Processes ready for a document; guarded by {@link #lock}. */
    private final Deque<ParserProcess> idle = new ArrayDeque<>();
    /** Every process started and not yet destroyed (idle, parsing or starting); guarded by {@link #lock}. */
    private final Set<ParserProcess> started = new HashSet<>();
    /** Replacements being started in the background; guarded by {@link #lock}. */
    private int warming;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Kills a process at its document's deadline or its start-up timeout. Threads start on first use. */
    private final ScheduledThreadPoolExecutor watchdog;
    private final ExecutorService warmer = Executors.newSingleThreadExecutor(daemon("pii-gate-parser-warmer"));

    /** Each process's heap ({@code -Xmx}), in MB. */
    private final int heapMb;

    public ParserProcesses() {
        this(heapMb());
    }

    /** A pool whose processes get {@code heapMb} of heap instead of {@link #HEAP_PROPERTY}'s. */
    ParserProcesses(int heapMb) {
        this.heapMb = heapMb;
        watchdog = new ScheduledThreadPoolExecutor(1, daemon("pii-gate-parser-watchdog"));
        // Most deadlines are cancelled long before they are due: do not keep them queued.
        watchdog.setRemoveOnCancelPolicy(true);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Parses {@code file} in a parser process and delivers its text to {@code sink} (record 0 is
     * open). Never throws for anything the document does; only an interrupt of this thread, or
     * {@link IllegalStateException} once this instance is closed.
     */
    ReadResult parse(java.nio.file.Path file, String resourceName, int chunkChars, ReadLimits limits,
            RecordSink sink) throws InterruptedIOException {
        ParserProcess process;
        try {
            process = acquire();
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            return ReadResult.skipped(StatusReason.PARSER_CRASH,
                    "parser process did not start: " + Inputs.describe(e));
        }
        boolean reusable = false;
        try {
            Outcome outcome = process.parse(file, resourceName, chunkChars, limits, sink);
            reusable = outcome.reusable;
            return outcome.result;
        } finally {
            release(process, reusable);
            if (!reusable) {
                // The next document should not wait for a whole JVM start: warm a replacement now.
                warmReplacement();
            }
        }
    }

    /**
     * Ends every parser process, the ones being started included, and waits until they have
     * exited. Meant for when no parse runs any more: one still running loses its process (it ends
     * as PARSER_CRASH unless its result had already arrived). Calling it again does nothing.
     */
    @Override
    public void close() {
        List<ParserProcess> running;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = List.copyOf(started);
            idle.clear();
            lock.notifyAll();
        }
        warmer.shutdownNow();
        running.forEach(ParserProcess::destroy);
        boolean interrupted = false;
        try {
            // A replacement the warmer had started but not yet registered ends itself when it
            // finds this instance closed; wait for that too (bounded: it is one fork and a kill).
            warmer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        for (ParserProcess p : running) {
            p.awaitDeath();
        }
        interrupted |= Thread.interrupted();
        watchdog.shutdownNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How this instance's processes are marked: {@code -Dpiigate.parserPool=<this>} on their command line. */
    String pool() {
        return pool;
    }

    /** The process ids of the processes started and not yet ended: what the tests watch in the OS. */
    Set<Long> pids() {
        synchronized (lock) {
            Set<Long> pids = new HashSet<>();
            for (ParserProcess p : started) {
                pids.add(p.process.pid());
            }
            return pids;
        }
    }

    private ParserProcess acquire() throws IOException {
        synchronized (lock) {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("parser processes already closed");
                }
                ParserProcess ready;
                while ((ready = idle.pollFirst()) != null) {
                    if (ready.process.isAlive()) {
                        return ready;
                    }
                    ready.destroy();
                }
                if (warming == 0) {
                    break;
                }
                // A replacement is starting: wait for it rather than start a second JVM.
                try {
                    lock.wait(START_TIMEOUT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a parser process");
                }
            }
        }
        return start();
    }

    private void release(ParserProcess process, boolean reusable) {
        if (reusable && process.process.isAlive()) {
            synchronized (lock) {
                if (!closed && idle.size() < MAX_IDLE) {
                    idle.addFirst(process);
                    lock.notifyAll();
                    return;
                }
            }
        }
        process.destroy();
    }

    private void warmReplacement() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            warming++;
        }
        try {
            warmer.execute(() -> {
                try {
                    release(start(), true);
                } catch (IOException | IllegalStateException e) {
                    // The next acquire starts one itself and reports it if that fails too; or closed.
                } finally {
                    warmed();
                }
            });
        } catch (RejectedExecutionException e) {
            warmed(); // closed meanwhile
        }
    }

    private void warmed() {
        synchronized (lock) {
            warming--;
            lock.notifyAll();
        }
    }

    /** Starts a process and waits for it to say it is ready. */
    private ParserProcess start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-Xmx" + heapMb + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+UseSerialGC");
        command.add("-Xss8m");
        command.add("-Djava.awt.headless=true");
        command.add("-D" + POOL_PROPERTY + "=" + pool);
        // Parsers log through log4j/slf4j; nothing they say may reach a log (it can quote the document).
        command.add("-Dlog4j2.level=OFF");
        command.add("-Dlog4j2.rootLevel=OFF");
        command.add("-cp");
        command.add(classPath());
        command.add(DocumentParseServer.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        ParserProcess p = new ParserProcess(builder.start());
        boolean registered;
        synchronized (lock) {
            registered = !closed && started.add(p);
        }
        if (!registered) {
            // Closed while this one was being started: it is no one's to end but ours.
            p.destroy();
            p.awaitDeath();
            throw new IllegalStateException("parser processes already closed");
        }
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> kill = watchdog.schedule(() -> {
            late.set(true);
            p.process.destroyForcibly();
        }, START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
            int ready = p.fromChild.readInt();
            if (ready != DocumentParseServer.READY) {
                throw new IOException("parser process spoke an unknown protocol");
            }
        } catch (IOException e) {
            p.destroy();
            throw late.get() ? new IOException("parser process not ready within " + START_TIMEOUT_MS + " ms")
                    : new IOException("parser process ended at start-up (exit status " + p.exitStatus() + ")");
        } finally {
            kill.cancel(false);
        }
        return p;
    }

    private record Outcome(ReadResult result, boolean reusable) {
    }

    private static ReadResult ended(long delivered, StatusReason reason, String detail) {
        return delivered > 0 ? ReadResult.partial(reason, detail) : ReadResult.skipped(reason, detail);
    }

    /**
     * What the parser process runs with: the executor's class path (the application jar, Spark's
     * class loader URLs for {@code --jars}, and {@code java.class.path}).
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(DocumentParseServer.class, AutoDetectParser.class)) {
            try {
                if (c.getProtectionDomain().getCodeSource() != null) {
                    entries.add(new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
                }
            } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
                // Not a file location: java.class.path below still applies.
            }
        }
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL u : urls.getURLs()) {
                    if ("file".equals(u.getProtocol())) {
                        try {
                            entries.add(new File(u.toURI()).getPath());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            // skip an entry that is not a plain file path
                        }
                    }
                }
            }
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator, -1)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static int heapMb() {
        return Integer.getInteger(HEAP_PROPERTY, DEFAULT_HEAP_MB);
    }

    /** One parser JVM and its pipes. Used by one thread at a time. */
    private final class ParserProcess {
        private final Process process;
        private final DataOutputStream toChild;
        private final DataInputStream fromChild;

        private ParserProcess(Process process) {
            this.process = process;
            this.toChild = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
            this.fromChild = new DataInputStream(new BufferedInputStream(process.getInputStream(), 64 * 1024));
        }

        Outcome parse(java.nio.file.Path file, String resourceName, int chunkChars, ReadLimits limits,
                RecordSink sink) throws InterruptedIOException {
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> kill = watchdog.schedule(() -> {
                timedOut.set(true);
                process.destroyForcibly();
            }, limits.documentTimeoutMs(), TimeUnit.MILLISECONDS);
            long delivered = 0;
            try {
                toChild.writeByte(DocumentParseServer.PARSE);
                toChild.writeUTF(file.toAbsolutePath().toString());
                toChild.writeUTF(resourceName);
                toChild.writeInt(chunkChars);
                toChild.writeLong(limits.maxDocumentChars());
                toChild.flush();
                while (true) {
                    byte frame = fromChild.readByte();
                    // Past the deadline nothing more is delivered, even what was already in the pipe:
                    // checked when a frame starts and again right before it is delivered.
                    checkDeadline(timedOut);
                    switch (frame) {
                        case 'C' -> {
                            int piece = fromChild.readInt();
                            String field = fromChild.readUTF();
                            String text = readText();
                            checkDeadline(timedOut);
                            sink.chunk(field, text, piece);
                            delivered++;
                        }
                        case 'V' -> {
                            String field = fromChild.readUTF();
                            String text = readText();
                            checkDeadline(timedOut);
                            sink.value(field, text);
                            delivered++;
                        }
                        case 'R' -> {
                            ReadResult result = new ReadResult(ScanStatus.valueOf(fromChild.readUTF()),
                                    StatusReason.valueOf(fromChild.readUTF()), fromChild.readUTF());
                            checkDeadline(timedOut);
                            return new Outcome(result, true);
                        }
                        default -> throw new IOException("parser process spoke an unknown protocol");
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while parsing a document");
                }
                if (!timedOut.get()) {
                    // A broken pipe usually means the child is exiting on its own (out of memory,
                    // System.exit): let it finish, so the report carries its real exit status.
                    awaitExit(2);
                }
                process.destroyForcibly();
                // SIGKILL closes the pipe before the process is reaped: wait (bounded) until it is
                // gone, so a returned outcome never leaves a killed parser still counted as running.
                awaitExit(10);
                if (timedOut.get()) {
                    return new Outcome(ended(delivered, StatusReason.PARSER_TIMEOUT,
                            "no result within " + limits.documentTimeoutMs() + " ms; parser process killed"), false);
                }
                return new Outcome(ended(delivered, StatusReason.PARSER_CRASH,
                        "parser process ended (exit status " + exitStatus() + describeExit() + ")"), false);
            } finally {
                kill.cancel(false);
            }
        }

        private static void checkDeadline(AtomicBoolean timedOut) throws IOException {
            if (timedOut.get()) {
                throw new IOException("deadline");
            }
        }

        private String describeExit() {
            // -XX:+ExitOnOutOfMemoryError exits with 3.
            return exitStatus() == 3 ? ": out of memory" : "";
        }

        private String readText() throws IOException {
            int length = fromChild.readInt();
            if (length < 0 || length > MAX_TEXT_BYTES) {
                throw new IOException("parser process spoke an unknown protocol");
            }
            byte[] bytes = new byte[length];
            fromChild.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private void awaitExit(int seconds) {
            try {
                process.waitFor(seconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Waits (bounded) until the killed process has exited and been reaped, through interrupts:
         * close interrupts the warmer, whose process must still be gone before close returns.
         * The interrupt is kept for the caller.
         */
        void awaitDeath() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean interrupted = Thread.interrupted();
            try {
                while (true) {
                    try {
                        process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        return;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        int exitStatus() {
            try {
                if (process.waitFor(10, TimeUnit.SECONDS)) {
                    return process.exitValue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        /** Kills the process (if it still runs) and forgets it. */
        void destroy() {
            process.destroyForcibly();
            synchronized (lock) {
                started.remove(this);
            }
            try {
                toChild.close();
            } catch (IOException e) {
                // already gone
            }
            try {
                fromChild.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
