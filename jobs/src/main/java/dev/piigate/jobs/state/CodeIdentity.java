package dev.piigate.jobs.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.piigate.jobs.report.Report;

/**
 * Which build of pii-gate is running, as a SHA-256 of its code: the bytes of each jar its classes
 * come from (the shaded jar holds the readers' libraries too), or of every file under a classes
 * folder (tests, an IDE). A ledger entry is reused only by the same code: a reader fixed without a
 * version change (a SNAPSHOT build, a patched jar) must not reuse results the old code made. The
 * location is not part of it: the same jar copied to another node is the same code.
 */
public final class CodeIdentity {
    /** Per location, once per JVM: the classes a JVM has loaded do not change under it. */
    private static final Map<Path, CompletableFuture<String>> KNOWN = new ConcurrentHashMap<>();

    private CodeIdentity() {}

    /**
     * Starts hashing the code of {@code anchors} in the background (a jar of 50 MB takes 0.1-0.2 s in
     * a fresh JVM), so {@link #of} finds it done; what cannot be hashed is told by {@link #of}.
     */
    public static void prepare(List<Class<?>> anchors) {
        try {
            locations(anchors).forEach(CodeIdentity::hashing);
        } catch (IOException e) {
            // told by of(), which the run calls before it relies on the identity
        }
    }

    /**
     * The identity of the code that loaded {@code anchors} (each location counted once, in order).
     *
     * @throws IOException when a location cannot be found or read: the code is then not known, and
     *                     nothing may be reused
     */
    public static String of(List<Class<?>> anchors) throws IOException {
        MessageDigest all = Report.sha256();
        for (Path p : locations(anchors)) {
            String known;
            try {
                known = hashing(p).join();
            } catch (CompletionException | CancellationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                cause = cause instanceof UncheckedIOException u ? u.getCause() : cause;
                // The class name only: the message of a file error is its path.
                throw new IOException("a code location could not be read (" + cause.getClass().getSimpleName() + ")");
            }
            all.update((known + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(all.digest());
    }

    private static Set<Path> locations(List<Class<?>> anchors) throws IOException {
        Set<Path> locations = new LinkedHashSet<>();
        for (Class<?> c : anchors) {
            CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IOException("no code source for " + c.getSimpleName());
            }
            try {
                locations.add(Paths.get(source.getLocation().toURI()));
            } catch (URISyntaxException | RuntimeException e) {
                throw new IOException("the code source of " + c.getSimpleName() + " is not a local file");
            }
        }
        return locations;
    }

    /** The hashing of one location, started once; a failed one is forgotten, so a later run tries again. */
    private static CompletableFuture<String> hashing(Path location) {
        CompletableFuture<String> f = KNOWN.computeIfAbsent(location, p -> CompletableFuture.supplyAsync(() -> {
            try {
                return ofLocation(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        f.whenComplete((digest, failure) -> {
            if (failure != null) {
                KNOWN.remove(location, f);
            }
        });
        return f;
    }

    /**
     * One location: a jar (any regular file) by its bytes, a folder by every regular file under it,
     * in path order, each as its relative path, its size and its bytes.
     */
    static String ofLocation(Path location) throws IOException {
        MessageDigest sha = Report.sha256();
        if (Files.isRegularFile(location)) {
            update(sha, location);
            return "file " + HexFormat.of().formatHex(sha.digest());
        }
        if (!Files.isDirectory(location)) {
            throw new IOException("code location is neither a file nor a folder");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(location)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            // '/' on every platform, so the order and the text do not depend on where it runs.
            names.add(location.relativize(f).toString().replace('\\', '/'));
        }
        names.sort(null);
        for (String name : names) {
            Path f = location.resolve(name);
            byte[] head = (name + "\0" + Files.size(f) + "\0").getBytes(StandardCharsets.UTF_8);
            sha.update(head);
            update(sha, f);
        }
        return "folder " + HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Report.update(sha, in);
        }
    }
}
