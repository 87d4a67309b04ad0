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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.tika.parser.AutoDetectParser;

/**
 * The executor's side of document parsing: a pool of parser JVMs ({@link DocumentParseServer}), one
 * per concurrently parsing task, reused across documents. Each has its own heap
 * ({@value #DEFAULT_HEAP_MB} MiB unless the system property {@value #HEAP_PROPERTY} says otherwise),
 * ends itself on {@code OutOfMemoryError}, and is killed by a watchdog when a document outlives its
 * time budget. A process that timed out, crashed or exited is never reused: the next document gets a
 * fresh one. Processes end when the executor's JVM does (their stdin closes; a shutdown hook kills
 * the rest).
 */
final class ParserProcesses {
    static final String HEAP_PROPERTY = "piigate.documentParser.heapMb";
    static final int DEFAULT_HEAP_MB = 512;
    /** Starting a JVM and loading Tika's parsers on a busy machine. */
    private static final long START_TIMEOUT_MS = 120_000;
    private static final int MAX_IDLE = 8;
    private static final int MAX_TEXT_BYTES = 64 * 1024 * 1024;

    private static final Deque<ParserProcess> IDLE = new ArrayDeque<>();
    /** Replacements being started in the background; guarded by IDLE. */
    private static int warming;
    private static final Set<Process> ALL = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pii-gate-parser-watchdog");
        t.setDaemon(true);
        return t;
    });

    private static final java.util.concurrent.ExecutorService WARMER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pii-gate-parser-warmer");
        t.setDaemon(true);
        return t;
    });

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALL.forEach(Process::destroyForcibly),
                "pii-gate-parser-reaper"));
    }

    private ParserProcesses() {
    }

    /**
     * Parses {@code file} in a parser process and delivers its text to {@code sink} (record 0 is
     * open). Never throws for anything the document does; only an interrupt of this thread.
     */
    static ReadResult parse(java.nio.file.Path file, String resourceName, int chunkChars, ReadLimits limits,
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

    private static ParserProcess acquire() throws IOException, InterruptedIOException {
        synchronized (IDLE) {
            while (true) {
                ParserProcess idle;
                while ((idle = IDLE.pollFirst()) != null) {
                    if (idle.process.isAlive()) {
                        return idle;
                    }
                    idle.destroy();
                }
                if (warming == 0) {
                    break;
                }
                // A replacement is starting: wait for it rather than start a second JVM.
                try {
                    IDLE.wait(START_TIMEOUT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a parser process");
                }
            }
        }
        return ParserProcess.start();
    }

    private static void release(ParserProcess process, boolean reusable) {
        if (reusable && process.process.isAlive()) {
            synchronized (IDLE) {
                if (IDLE.size() < MAX_IDLE) {
                    IDLE.addFirst(process);
                    IDLE.notifyAll();
                    return;
                }
            }
        }
        process.destroy();
    }

    private static void warmReplacement() {
        synchronized (IDLE) {
            warming++;
        }
        WARMER.execute(() -> {
            try {
                release(ParserProcess.start(), true);
            } catch (IOException e) {
                // The next acquire starts one itself and reports it if that fails too.
            } finally {
                synchronized (IDLE) {
                    warming--;
                    IDLE.notifyAll();
                }
            }
        });
    }

    private record Outcome(ReadResult result, boolean reusable) {
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
    private static final class ParserProcess {
        private final Process process;
        private final DataOutputStream toChild;
        private final DataInputStream fromChild;

        private ParserProcess(Process process) {
            this.process = process;
            this.toChild = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
            this.fromChild = new DataInputStream(new BufferedInputStream(process.getInputStream(), 64 * 1024));
        }

        static ParserProcess start() throws IOException {
            List<String> command = new ArrayList<>();
            command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
            command.add("-Xmx" + heapMb() + "m");
            command.add("-XX:+ExitOnOutOfMemoryError");
            command.add("-XX:+UseSerialGC");
            command.add("-Xss8m");
            command.add("-Djava.awt.headless=true");
            // Parsers log through log4j/slf4j; nothing they say may reach a log (it can quote the document).
            command.add("-Dlog4j2.level=OFF");
            command.add("-Dlog4j2.rootLevel=OFF");
            command.add("-cp");
            command.add(classPath());
            command.add(DocumentParseServer.class.getName());
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            ParserProcess p = new ParserProcess(builder.start());
            ALL.add(p.process);
            AtomicBoolean late = new AtomicBoolean();
            ScheduledFuture<?> kill = WATCHDOG.schedule(() -> {
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

        Outcome parse(java.nio.file.Path file, String resourceName, int chunkChars, ReadLimits limits,
                RecordSink sink) throws InterruptedIOException {
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> kill = WATCHDOG.schedule(() -> {
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
                    // Past the deadline nothing more is delivered, even what was already in the pipe.
                    if (timedOut.get()) {
                        throw new IOException("deadline");
                    }
                    switch (frame) {
                        case 'C' -> {
                            int piece = fromChild.readInt();
                            String field = fromChild.readUTF();
                            sink.chunk(field, readText(), piece);
                            delivered++;
                        }
                        case 'V' -> {
                            String field = fromChild.readUTF();
                            sink.value(field, readText());
                            delivered++;
                        }
                        case 'R' -> {
                            ReadResult result = new ReadResult(ScanStatus.valueOf(fromChild.readUTF()),
                                    StatusReason.valueOf(fromChild.readUTF()), fromChild.readUTF());
                            if (timedOut.get()) {
                                throw new IOException("deadline");
                            }
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

        private static ReadResult ended(long delivered, StatusReason reason, String detail) {
            return delivered > 0 ? ReadResult.partial(reason, detail) : ReadResult.skipped(reason, detail);
        }

        private void awaitExit(int seconds) {
            try {
                process.waitFor(seconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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

        void destroy() {
            process.destroyForcibly();
            ALL.remove(process);
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
