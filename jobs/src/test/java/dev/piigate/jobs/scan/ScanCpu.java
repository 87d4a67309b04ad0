package dev.piigate.jobs.scan;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.read.ParserProcesses;

/**
 * Benchmark helper, test code only: one file through {@link ObjectScanner} on one thread, without
 * Spark, measured in thread CPU time, with the default detectors and with none. CPU time hardly
 * moves when other processes share the cores, so this is the figure to compare code changes with
 * on a busy machine; {@code scripts/bench} prints it after the Spark passes.
 *
 * <p>Usage: {@code ScanCpu FILE [ROUNDS]}: one warm-up round per mode, then ROUNDS (default 2)
 * measured, the fastest kept.
 */
public final class ScanCpu {
    private ScanCpu() {
    }

    public static void main(String[] argv) {
        String file = java.nio.file.Path.of(argv[0]).toAbsolutePath().toUri().toString();
        int rounds = argv.length > 1 ? Integer.parseInt(argv[1]) : 2;
        Config config = ConfigLoader.defaults();
        TextScanner all = new TextScanner(DetectorRegistry.load().create(config.detectors()),
                config.detectors().allowList());
        TextScanner none = new TextScanner(List.of(), config.detectors().allowList());
        long bytes = new java.io.File(argv[0]).length();
        double[] readOnly;
        double[] full;
        try (ParserProcesses parsers = new ParserProcesses()) {
            readOnly = best(config, none, file, rounds, parsers);
            full = best(config, all, file, rounds, parsers);
        }
        System.out.printf(Locale.ROOT, "cpu read-only: %.2f s, %.1f MB per CPU-second, %.1f bytes allocated per byte read%n",
                readOnly[0], bytes / 1e6 / readOnly[0], readOnly[1] / bytes);
        System.out.printf(Locale.ROOT, "cpu full scan: %.2f s, %.1f MB per CPU-second, %.1f bytes allocated per byte read%n",
                full[0], bytes / 1e6 / full[0], full[1] / bytes);
        System.out.printf(Locale.ROOT, "cpu ratio full / read-only: %.2f%n", readOnly[0] / full[0]);
    }

    /** @return the fastest round's CPU seconds and the bytes it allocated (allocation ignores load) */
    private static double[] best(Config config, TextScanner scanner, String file, int rounds,
            ParserProcesses parsers) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ObjectScanner objects = new ObjectScanner(config, scanner, new Fingerprinter(new byte[32]),
                new Configuration(), parsers);
        double best = Double.MAX_VALUE;
        long allocated = 0;
        for (int round = 0; round <= rounds; round++) {
            long startBytes = threads.getCurrentThreadAllocatedBytes();
            long start = threads.getCurrentThreadCpuTime();
            ObjectResult last = objects.scan(file, -1, null, null).result();
            double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
            allocated = threads.getCurrentThreadAllocatedBytes() - startBytes;
            if (!last.status().complete()) {
                throw new IllegalStateException("scan of " + file + " ended " + last.status().key());
            }
            if (round > 0) {
                best = Math.min(best, seconds);
            }
        }
        return new double[] {best, allocated};
    }
}
