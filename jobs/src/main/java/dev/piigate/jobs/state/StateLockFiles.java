package dev.piigate.jobs.state;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One listing of {@code STATE/locks/}: per generation n, the statuses of {@code <n>},
 * {@code <n>.alive} and {@code <n>.released}. Anything else there (clock probes, a local file
 * system's {@code .crc} and temporary files) is ignored.
 */
record StateLockFiles(Map<Long, Generation> generations) {
    private static final Pattern NAME = Pattern.compile("(\\d{10})(\\.alive|\\.released)?");

    /** The files of one generation; {@code lock} may be missing when only its companions are left. */
    record Generation(FileStatus lock, FileStatus alive, FileStatus released) {
        Generation with(String suffix, FileStatus status) {
            return switch (suffix) {
                case "" -> new Generation(status, alive, released);
                case ".alive" -> new Generation(lock, status, released);
                default -> new Generation(lock, alive, status);
            };
        }

        List<FileStatus> files() {
            return java.util.stream.Stream.of(lock, alive, released).filter(java.util.Objects::nonNull).toList();
        }
    }

    static String lockName(long n) {
        return String.format(java.util.Locale.ROOT, "%010d", n);
    }

    static String aliveName(long n) {
        return lockName(n) + ".alive";
    }

    static String releasedName(long n) {
        return lockName(n) + ".released";
    }

    /** Lists {@code locks}; a folder that does not exist yet has no generations. */
    static StateLockFiles list(FileSystem fs, Path locks) throws IOException {
        FileStatus[] statuses;
        try {
            statuses = fs.listStatus(locks);
        } catch (FileNotFoundException e) {
            statuses = new FileStatus[0];
        }
        Map<Long, Generation> generations = new TreeMap<>();
        for (FileStatus s : statuses) {
            Matcher m = NAME.matcher(s.getPath().getName());
            if (s.isFile() && m.matches()) {
                long n = Long.parseLong(m.group(1));
                String suffix = m.group(2) == null ? "" : m.group(2);
                generations.put(n, generations.getOrDefault(n, new Generation(null, null, null)).with(suffix, s));
            }
        }
        return new StateLockFiles(java.util.Collections.unmodifiableMap(generations));
    }

    /** The highest generation that has its lock file. */
    OptionalLong highest() {
        return generations.entrySet().stream().filter(e -> e.getValue().lock() != null)
                .mapToLong(Map.Entry::getKey).max();
    }

    boolean released(long n) {
        return generations.get(n).released() != null;
    }

    /** When the lock was created, by the store's clock. */
    long started(long n) {
        return generations.get(n).lock().getModificationTime();
    }

    /** When its holder was last seen, by the store's clock: the later of the lock's and its heartbeat's times. */
    long lastSeen(long n) {
        Generation g = generations.get(n);
        return g.alive() == null ? started(n) : Math.max(started(n), g.alive().getModificationTime());
    }

    /** The files of the generations below {@code n}. */
    List<FileStatus> before(long n) {
        return generations.entrySet().stream().filter(e -> e.getKey() < n)
                .flatMap(e -> e.getValue().files().stream()).toList();
    }
}
