package dev.piigate.jobs.scan;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.read.ByteRange;
import dev.piigate.jobs.report.Report;
import dev.piigate.jobs.s3.ObjectVersions;
import dev.piigate.jobs.state.EntryLine;
import dev.piigate.jobs.state.LedgerParts;
import dev.piigate.jobs.state.StateRun;
import dev.piigate.jobs.state.StateSettings;

/**
 * One Spark task's side of {@code --state}: whether a task's earlier entry can stand for it now
 * ({@link #reuse}), and the entry of a task it scanned ({@link #record}), written through
 * {@link LedgerParts}. An entry is reused only when it is COMPLETE and the object is provably the
 * one it was made from: on S3 its size and ETag (and version id where the entry has one) from a
 * look-up now; on the local file system its size, modification time and a SHA-256 of its bytes
 * computed now. Whatever cannot be checked is scanned again.
 */
final class TaskLedger {
    /**
     * Tasks of one local object (its splits) share its digest within an executor and a run: a few, by
     * run, path, size and modification time.
     */
    private static final Map<String, String> LOCAL_DIGESTS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 64;
        }
    };

    private final StateRun run;
    private final Configuration conf;
    private final Mac mac;
    private final LedgerParts parts;
    private final ObjectMapper json = new ObjectMapper();
    private final int partition;
    private long reusedObjects;
    private long reusedBytes;

    TaskLedger(StateRun run, byte[] key, Configuration conf, int partition, long attempt) {
        this.run = run;
        this.conf = conf;
        this.mac = StateSettings.mac(key);
        this.parts = new LedgerParts(run, conf, partition, attempt);
        this.partition = partition;
    }

    /** The task's earlier rows when its entry ({@code entryJson}, UTF-8, verified on reading) can stand now; else null. */
    ScannedObject reuse(byte[] entryJson, Row task) {
        try {
            JsonNode e = json.readTree(entryJson);
            String path = task.getString(0);
            if (!"COMPLETE".equals(e.path("status").asText()) || e.path("split").asInt(-1) != task.getInt(4)
                    || e.path("splits").asInt(-1) != task.getInt(5) || !taskKey(task).equals(e.path("task").asText())) {
                return null;
            }
            if (!unchanged(LedgerCodec.Identity.of(e.path("identity")), path, task)) {
                return null;
            }
            // Rows built only for an entry that stands: an object that changed costs its look-up, not its findings.
            ScannedObject scanned = LedgerCodec.scanned(e, path);
            return scanned.result().status().complete() ? scanned : null;
        } catch (IOException | RuntimeException e) {
            return null; // cannot be checked: scanned again
        }
    }

    /** Whether the object at {@code path} is provably the one {@code then} describes, looked up now. */
    private boolean unchanged(LedgerCodec.Identity then, String path, Row task) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus now = fs.getFileStatus(p);
        if (!now.isFile() || now.getLen() != then.size() || (!task.isNullAt(1) && task.getLong(1) != now.getLen())) {
            return false;
        }
        if (isLocal(fs)) {
            return then.sha256() != null && now.getModificationTime() == then.modified()
                    && then.sha256().equals(localDigest(fs, p, now));
        }
        String etag = now instanceof EtagSource s ? s.getEtag() : null;
        if (then.etag() == null || !then.etag().equals(etag) || (!task.isNullAt(2) && !task.getString(2).equals(etag))) {
            return false;
        }
        // The version the approval tags must be the one scanned: a version id appearing or changing is new.
        return java.util.Objects.equals(then.versionId(), ObjectVersions.versionId(now));
    }

    /** The look before a scan: for a local object, what its digest after the scan must still match; else null. */
    FileStatus before(Row task) {
        try {
            Path p = new Path(task.getString(0));
            FileSystem fs = p.getFileSystem(conf);
            return isLocal(fs) ? fs.getFileStatus(p) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes the entry of a task scanned now. */
    void record(Row task, ScannedObject scanned, FileStatus before) {
        ObjectResult r = scanned.result();
        LedgerCodec.Identity identity = new LedgerCodec.Identity(r.size(), r.etag(), r.versionId(),
                scanned.split() == null ? -1 : scanned.split().modified(), null);
        if (before != null) {
            identity = new LedgerCodec.Identity(before.getLen(), null, null, before.getModificationTime(),
                    r.status().complete() ? digestIfUnchanged(task.getString(0), before) : null);
        }
        String entry = LedgerCodec.entry(json, run.settings(), run.runId(), taskKey(task),
                StateSettings.objectKey(mac, task.getString(0)), task.getInt(4), task.getInt(5), task.getLong(6),
                task.getLong(7), identity, scanned, System.currentTimeMillis());
        parts.add(EntryLine.frame(entry));
    }

    /** When the task ends, however it ends: its lines not yet written, as a part, and what it reused. */
    void finish() {
        parts.flush();
        run.reusedWhole().add(new StateRun.WholeReused(partition, reusedObjects, reusedBytes));
    }

    /**
     * Counts a reused task: a whole object at once; a split by its object's key, so the driver counts
     * an object reused only when all its splits were.
     */
    void countReused(Row task, ByteRange range, long size) {
        if (range == null) {
            reusedObjects++;
            reusedBytes += size;
        } else {
            run.reusedSplits().add(new StateRun.SplitReused(StateSettings.objectKey(mac, task.getString(0)),
                    range.index(), range.count(), size));
        }
    }

    String taskKey(Row task) {
        return StateSettings.taskKey(mac, task.getString(0), task.getInt(3), task.getInt(4), task.getInt(5),
                task.getLong(6), task.getLong(7));
    }

    /**
     * The digest of a local object whose look after hashing equals {@code before} (the look before
     * its scan): the bytes hashed are the bytes scanned. Null when it changed or could not be read.
     */
    private String digestIfUnchanged(String path, FileStatus before) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            String digest = localDigest(fs, p, before);
            FileStatus after = fs.getFileStatus(p);
            return after.getLen() == before.getLen() && after.getModificationTime() == before.getModificationTime()
                    ? digest : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private String localDigest(FileSystem fs, Path p, FileStatus status) throws IOException {
        String id = run.runId() + "\0" + p + "\0" + status.getLen() + "\0" + status.getModificationTime();
        synchronized (LOCAL_DIGESTS) {
            String known = LOCAL_DIGESTS.get(id);
            if (known != null) {
                return known;
            }
        }
        MessageDigest sha = Report.sha256();
        try (InputStream in = fs.open(p)) {
            Report.update(sha, in);
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        synchronized (LOCAL_DIGESTS) {
            LOCAL_DIGESTS.put(id, digest);
        }
        return digest;
    }

    private static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getUri().getScheme());
    }
}
