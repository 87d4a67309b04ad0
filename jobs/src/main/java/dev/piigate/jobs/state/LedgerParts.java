package dev.piigate.jobs.state;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's ledger lines, written as they come in parts of their own: every {@code flushEntries}
 * lines, 8 Mi characters or {@code flushMillis}, and at the end. A part is complete or absent: on the local file
 * system it is written under a hidden name ({@code .part-...}, which Spark's reader skips) and
 * renamed; on S3 the object appears only when its upload completes on close. Never overwritten:
 * a name holds the run, partition, attempt and a sequence number. A part that cannot be written is
 * counted ({@link StateRun#writeFailures}) and its lines dropped: the scan goes on, and those tasks
 * are scanned again next time.
 */
public final class LedgerParts {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerParts.class);

    private final StateRun run;
    private final Configuration conf;
    private final int partition;
    private final long attempt;
    /** A part is written once its lines hold this many characters, whatever the other bounds say. */
    static final long FLUSH_CHARS = 8L << 20;

    private final List<String> lines = new ArrayList<>();
    private long chars;
    private long lastFlush = System.currentTimeMillis();
    private int seq;

    public LedgerParts(StateRun run, Configuration conf, int partition, long attempt) {
        this.run = run;
        this.conf = conf;
        this.partition = partition;
        this.attempt = attempt;
    }

    /** Adds a framed line ({@link EntryLine#frame}); flushes when enough lines, text or time have gathered. */
    public void add(String line) {
        lines.add(line);
        chars += line.length();
        if (lines.size() >= run.flushEntries() || chars >= FLUSH_CHARS
                || System.currentTimeMillis() - lastFlush >= run.flushMillis()) {
            flush();
        }
    }

    /** Writes the gathered lines as one new part. */
    public void flush() {
        lastFlush = System.currentTimeMillis();
        chars = 0;
        if (lines.isEmpty() || run.entriesUri() == null) {
            lines.clear();
            return;
        }
        String name = "part-" + run.runId() + "-" + partition + "-" + attempt + "-" + seq++ + ".jsonl";
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        int n = lines.size();
        lines.clear();
        try {
            write(new Path(run.entriesUri(), name), text.toString().getBytes(StandardCharsets.UTF_8));
            run.entriesWritten().add(n);
        } catch (IOException | RuntimeException e) {
            // Class name only: a storage message can name the object.
            LOG.warn("ledger part {} not written ({}): its {} entries are lost, those tasks are scanned again"
                    + " next time", name, e.getClass().getName(), n);
            run.writeFailures().add(1);
        }
    }

    private void write(Path part, byte[] bytes) throws IOException {
        FileSystem fs = part.getFileSystem(conf);
        if (!"file".equals(fs.getUri().getScheme())) {
            try (OutputStream os = fs.create(part, false)) { // appears whole on close, or not at all
                os.write(bytes);
            }
            return;
        }
        if (fs instanceof ChecksumFileSystem checksummed) {
            // No .crc sidecar: each line carries its own digest, and a sidecar left stale by a damaged
            // part would fail the reading of the whole ledger instead of the damaged lines.
            fs = checksummed.getRawFileSystem();
        }
        Path hidden = new Path(part.getParent(), "." + part.getName() + ".tmp");
        try {
            try (OutputStream os = fs.create(hidden, false)) {
                os.write(bytes);
            }
            if (!fs.rename(hidden, part)) {
                throw new IOException("rename refused");
            }
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(hidden, false);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
