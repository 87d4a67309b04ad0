package dev.piigate.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The I/O floor of {@code scripts/bench}, test code only: the dataset's bytes read and decoded
 * from UTF-8, nothing else (no JSON, no records, no detectors, no Spark), on as many threads as
 * the machine has cores, each file cut into ranges of {@link #RANGE_BYTES} so one big file keeps
 * every thread busy too. No scan can run faster than this on the same machine; the bench prints
 * it next to the job's passes.
 *
 * <p>Usage: {@code IoFloor DIR_OR_FILE...}; prints {@code io-floor: bytes=N chars=N lines=N seconds=S}.
 */
public final class IoFloor {
    static final long RANGE_BYTES = 32L << 20;

    private IoFloor() {
    }

    public static void main(String[] argv) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String a : argv) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        long started = System.nanoTime();
        long[] totals = read(files, threads);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "io-floor: bytes=%d chars=%d lines=%d threads=%d seconds=%.2f%n", totals[0],
                totals[1], totals[2], threads, seconds);
    }

    /** @return bytes, chars decoded, line feeds, over all files */
    static long[] read(List<Path> files, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (Path f : files) {
                long size = Files.size(f);
                for (long start = 0; start < size; start += RANGE_BYTES) {
                    long from = start;
                    long to = Math.min(size, start + RANGE_BYTES);
                    parts.add(pool.submit(() -> range(f, from, to)));
                }
            }
            long[] sum = new long[3];
            for (Future<long[]> p : parts) {
                long[] r = p.get();
                for (int i = 0; i < 3; i++) {
                    sum[i] += r[i];
                }
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Bytes [from, to) decoded as UTF-8 into one reused buffer. A range border may cut a
     * multi-byte character: the few bytes at the border are decoded leniently, which changes
     * nothing about the cost measured.
     */
    private static long[] range(Path file, long from, long to) {
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        long charCount = 0;
        long lines = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = from;
            while (position < to) {
                bytes.limit((int) Math.min(bytes.capacity(), bytes.position() + (to - position)));
                int n = ch.read(bytes, position);
                if (n < 0) {
                    break;
                }
                position += n;
                bytes.flip();
                CoderResult r;
                do {
                    chars.clear();
                    r = decoder.decode(bytes, chars, position >= to);
                    chars.flip();
                    charCount += chars.remaining();
                    for (int i = 0; i < chars.limit(); i++) {
                        if (chars.get(i) == '\n') {
                            lines++;
                        }
                    }
                } while (r.isOverflow());
                bytes.compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new long[] {to - from, charCount, lines};
    }
}
