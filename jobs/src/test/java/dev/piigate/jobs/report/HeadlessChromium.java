package dev.piigate.jobs.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol on a {@link WebSocket}: no driver,
 * no library. The browser gets a profile of its own and every network feature that would reach
 * out (QUIC, component updates, sync, background networking) off; closing it kills its process
 * tree. Events of every page are kept in arrival order for the test to read.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Process process;
    /** The last lines of the browser's stderr, for a failure's message (the browser's own words, no page content). */
    private final Deque<String> stderrTail;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** Every event, with its {@code sessionId} when it belongs to a page. */
    final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, CompletableFuture<String> listening, Deque<String> stderrTail)
            throws IOException {
        this.process = process;
        this.stderrTail = stderrTail;
        String url;
        try {
            url = listening.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(URI.create(url), new Listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("chromium did not open its DevTools socket; its stderr ended with:\n" + stderrTail(),
                    e);
        }
    }

    /** Starts the browser with its profile, configuration and cache in {@code home}. */
    static HeadlessChromium start(Path home) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + home.resolve("profile"), "--remote-debugging-port=0",
                "about:blank");
        // Crash reports and caches in the temporary folder too, not in the user's home.
        pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        pb.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            // Read to the end: a full pipe would stall the browser.
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 40) {
                            tail.removeFirst();
                        }
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IOException("chromium ended its stderr before listening"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return new HeadlessChromium(process, listening, tail);
        } catch (IOException | RuntimeException e) {
            kill(process);
            throw e;
        }
    }

    /** A command to the browser ({@code session} null) or to a page; returns its result. */
    JsonNode send(String session, String method, Map<String, Object> params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            JsonNode answer = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IOException(method + " failed: " + answer.get("error"));
            }
            return answer.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    /** Waits for the first event {@code method} of {@code session}, however early it came. */
    JsonNode await(String session, String method) throws IOException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            for (JsonNode e : events) {
                if (e.path("method").asText().equals(method) && e.path("sessionId").asText().equals(session)) {
                    return e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + method, ie);
            }
        }
        throw new IOException("no " + method + " within " + WAIT);
    }

    /** The events of {@code session} named {@code method}, in arrival order. */
    List<JsonNode> events(String session, String method) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.path("method").asText().equals(method) && e.path("sessionId").asText().equals(session)) {
                out.add(e.get("params"));
            }
        }
        return out;
    }

    String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    /** The browser and every process it started, ended: asked first, then killed. */
    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            kill(process);
        }
    }

    private static void kill(Process process) {
        // Its children first collected: /usr/bin/chromium is a shell script, the browser its child,
        // and a child whose parent is gone is no longer among its descendants.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                p.destroyForcibly();
            }
        }
    }

    /** Messages, whole (a screenshot comes in many parts), to the waiting command or the event list. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    events.add(JSON.createObjectNode().put("method", "unreadable message"));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
