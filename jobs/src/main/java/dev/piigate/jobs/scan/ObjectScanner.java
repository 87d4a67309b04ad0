package dev.piigate.jobs.scan;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.Preview;
import dev.piigate.detectors.ScanIncompleteException;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.read.Format;
import dev.piigate.jobs.read.ReadResult;
import dev.piigate.jobs.read.Readers;
import dev.piigate.jobs.read.RecordSink;
import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;
import dev.piigate.jobs.read.TextChunks;

/**
 * Scans one object on an executor: reads it record by record, runs the detectors on every value,
 * and returns its finding rows (at most {@code report.maxFindingsPerFile}) and one object row with
 * exact counts and the object's status. Every failure becomes a status; nothing here lets an object
 * count as clean without having been read to the end.
 */
final class ObjectScanner {
    private final Config config;
    private final TextScanner scanner;
    private final Fingerprinter fingerprinter;
    private final Configuration hadoopConf;
    private final CleanValues cleanValues = new CleanValues();

    ObjectScanner(Config config, TextScanner scanner, Fingerprinter fingerprinter, Configuration hadoopConf) {
        this.config = config;
        this.scanner = scanner;
        this.fingerprinter = fingerprinter;
        this.hadoopConf = hadoopConf;
    }

    /** @param forcedFormat the {@code --format} value, or null to detect by extension */
    List<Row> scan(String file, long size, String etag, Format forcedFormat) {
        Format format = forcedFormat;
        if (format == null) {
            Optional<Format> detected = Readers.detect(file);
            if (detected.isEmpty()) {
                Sink sink = new Sink(file);
                return sink.finish("unknown", size, etag,
                        ReadResult.skipped(StatusReason.UNSUPPORTED_FORMAT, "no reader for this file extension"));
            }
            format = detected.get();
        }
        Sink sink = new Sink(file);
        ScanFaults.beforeObject(file);
        // Looked up here, on the executor: for a manifest entry the first look (not one request at a
        // time on the driver); for a listed object the check that it is still what was listed.
        FileStatus before;
        try {
            Path path = new Path(file);
            before = path.getFileSystem(hadoopConf).getFileStatus(path);
        } catch (IOException e) {
            return sink.finish(format.cliName(), Math.max(size, 0), etag, ReadResult.skipped(classify(e),
                    e.getClass().getSimpleName() + (size >= 0 ? " (listed, then gone before reading)" : "")));
        }
        if (!before.isFile()) {
            return sink.finish(format.cliName(), 0, null,
                    ReadResult.skipped(StatusReason.UNSUPPORTED_FORMAT, "a folder, not an object"));
        }
        String etagNow = before instanceof EtagSource e ? e.getEtag() : null;
        if (size >= 0 && (before.getLen() != size || (etag != null && !etag.equals(etagNow)))) {
            return sink.finish(format.cliName(), size, etag, ReadResult.skipped(StatusReason.OBJECT_CHANGED,
                    "changed between listing and reading: " + (before.getLen() != size
                            ? "size " + size + " when listed, " + before.getLen() + " when read"
                            : "etag differs")));
        }
        size = before.getLen();
        etag = etagNow;
        if (size == 0) {
            return sink.finish(format.cliName(), size, etag, ReadResult.skipped(StatusReason.EMPTY, "zero bytes"));
        }
        ReadResult result;
        try {
            Path path = new Path(file);
            FileSystem fs = path.getFileSystem(hadoopConf);
            // The size was just looked up: the reader need not ask storage again.
            result = Readers.read(format, fs, path, hadoopConf, config.limits(), sink, size);
            if (sink.inRecord) {
                // A reader that stopped mid-record did not finish the object.
                result = ReadResult.partial(StatusReason.READ_ERROR, "reader stopped inside a record");
            }
            String changed = changedWhileReading(fs, path, before);
            if (changed != null) {
                result = failed(sink, StatusReason.OBJECT_CHANGED, "changed while being read: " + changed);
            }
        } catch (ScanIncompleteException e) {
            // Our own message: names the detector and a length, never text.
            result = failed(sink, StatusReason.DETECTOR_LIMIT, e.getMessage());
        } catch (DetectorFailure e) {
            result = failed(sink, StatusReason.DETECTOR_ERROR, e.getMessage());
        } catch (FileNotFoundException e) {
            result = failed(sink, StatusReason.NOT_FOUND, e.getClass().getSimpleName());
        } catch (AccessDeniedException e) {
            result = failed(sink, StatusReason.PERMISSION_DENIED, e.getClass().getSimpleName());
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } catch (IOException e) {
            result = failed(sink, classify(e), e.getClass().getSimpleName());
        } catch (StackOverflowError | LinkageError | AssertionError | RuntimeException e) {
            // Third-party exception messages can quote the data (Jackson, CSV, Parquet): class name only.
            // Out of memory is left to Spark: the task fails with a message that holds no data.
            result = failed(sink, StatusReason.PARSER_CRASH, e.getClass().getSimpleName());
        }
        return sink.finish(format.cliName(), size, etag, result);
    }

    /** What differs after reading from the look before it (length, modification time), or null. */
    private static String changedWhileReading(FileSystem fs, Path path, FileStatus before) {
        FileStatus after;
        try {
            after = fs.getFileStatus(path);
        } catch (IOException e) {
            return "gone after reading (" + e.getClass().getSimpleName() + ")";
        }
        if (after.getLen() != before.getLen()) {
            return "size " + before.getLen() + " before, " + after.getLen() + " after";
        }
        if (after.getModificationTime() != before.getModificationTime()) {
            return "modification time changed";
        }
        String etagBefore = before instanceof EtagSource e ? e.getEtag() : null;
        String etagAfter = after instanceof EtagSource e ? e.getEtag() : null;
        if (etagBefore != null && !etagBefore.equals(etagAfter)) {
            return "etag changed";
        }
        return null;
    }

    private static ReadResult failed(Sink sink, StatusReason reason, String detail) {
        return sink.records > 0 ? ReadResult.partial(reason, detail) : ReadResult.skipped(reason, detail);
    }

    /** Storage errors by class name, so the S3A and EMRFS classes need not be on the class path. */
    static StatusReason classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.endsWith("RemoteFileChangedException")) {
                return StatusReason.OBJECT_CHANGED;
            }
            if (name.endsWith("AccessDeniedException") || name.endsWith("AccessControlException")) {
                return StatusReason.PERMISSION_DENIED;
            }
            if (t instanceof FileNotFoundException) {
                return StatusReason.NOT_FOUND;
            }
            if (t instanceof java.util.zip.ZipException || t instanceof java.io.EOFException
                    || name.endsWith("CharacterCodingException")) {
                return StatusReason.CORRUPT;
            }
        }
        return StatusReason.READ_ERROR;
    }

    /** A detector threw: a bug of ours; the message names the exception class only. */
    private static final class DetectorFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DetectorFailure(Throwable cause) {
            super("detector failed: " + cause.getClass().getName(), null, false, false);
        }
    }

    /** A finding to count, with the text (value or piece) it was found in and where that text starts in the value. */
    private record Counted(String field, Finding finding, String text, long offset) {
    }

    /** Receives records from a reader, scans their values, and keeps the object's counts. */
    private final class Sink implements RecordSink {
        private final String file;
        private final List<Row> rows = new ArrayList<>();
        private final Map<String, long[]> typeCounts = new HashMap<>();
        private final Map<String, Boolean> recordTypes = new HashMap<>();
        private final boolean testsCount = config.policy().testValuesCountAsUnmasked();
        private long records;
        private long recordsUnmasked;
        private long recordsMaskedOnly;
        private long findingsWritten;
        private long findingsNotWritten;
        private long currentRecord;
        private boolean inRecord;
        private boolean recordUnmasked;
        private boolean recordMasked;
        private int lastPiece;
        private int lastPieceLength;
        private long pieceOffset;
        private final Map<String, String> safeFields = new HashMap<>();
        /** Findings of the last piece that belong to the next piece, if one comes ({@link TextChunks.Place#NEXT_IF_ANY}). */
        private final List<Counted> pending = new ArrayList<>();

        Sink(String file) {
            this.file = file;
        }

        @Override
        public void startRecord(long index) {
            currentRecord = index;
            inRecord = true;
            recordUnmasked = false;
            recordMasked = false;
            recordTypes.clear();
        }

        @Override
        public void value(String field, String value) {
            countPending();
            if (cleanValues.contains(field, value)) {
                return;
            }
            if (scanValue(field, value, -1, 0) == 0) {
                cleanValues.add(field, value);
            }
        }

        @Override
        public void chunk(String field, String text, int piece) {
            if (piece == 0) {
                countPending();
                pieceOffset = 0;
            } else {
                if (piece != lastPiece + 1) {
                    throw new IllegalStateException("chunk " + piece + " after chunk " + lastPiece);
                }
                // The next piece arrived: it owns what the last one left pending.
                pending.clear();
                pieceOffset += lastPieceLength - TextChunks.OVERLAP_CHARS;
            }
            lastPiece = piece;
            lastPieceLength = text.length();
            scanValue(field, text, piece, pieceOffset);
        }

        /**
         * @param piece  -1 for a whole value; for a chunk, its number: each finding is counted by
         *               the one piece that owns it ({@link TextChunks#place})
         * @param offset where the text starts in the whole value
         * @return how many findings the detectors reported (0: the text is clean)
         */
        private int scanValue(String rawField, String value, int piece, long offset) {
            if (value.isEmpty()) {
                return 0;
            }
            List<Finding> findings;
            try {
                findings = scanner.scan(value, rawField);
            } catch (ScanIncompleteException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                throw new DetectorFailure(e);
            }
            if (findings.isEmpty()) {
                return 0;
            }
            String field = safeField(rawField);
            for (Finding f : findings) {
                TextChunks.Place place = piece < 0 ? TextChunks.Place.THIS
                        : TextChunks.place(piece, value.length(), f.start(), f.end());
                if (place == TextChunks.Place.PREVIOUS) {
                    continue;
                }
                Counted c = new Counted(field, f, value, offset);
                if (place == TextChunks.Place.NEXT_IF_ANY) {
                    pending.add(c);
                } else {
                    count(c);
                }
            }
            return findings.size();
        }

        /** Counts what the last piece of a text left for a next piece that did not come. */
        private void countPending() {
            for (Counted c : pending) {
                count(c);
            }
            pending.clear();
        }

        private void count(Counted c) {
            Finding f = c.finding();
            String type = f.type().name();
            long[] counts = typeCounts.computeIfAbsent(type, k -> new long[4]);
            boolean unmasked = f.isUnmasked() || (testsCount && f.testValue() && !f.masked());
            if (f.masked()) {
                counts[ScanRows.MASKED]++;
                recordMasked = true;
            } else if (unmasked) {
                counts[ScanRows.UNMASKED]++;
                recordUnmasked = true;
                recordTypes.put(type, Boolean.TRUE);
            } else {
                counts[ScanRows.TEST]++;
            }
            if (findingsWritten < config.maxFindingsPerFile()) {
                rows.add(ScanRows.finding(file, currentRecord, c.field(), (int) (c.offset() + f.start()),
                        (int) (c.offset() + f.end()), type, f.detectorId(), f.masked(), f.testValue(), f.confidence(),
                        Preview.render(c.text(), f), fingerprinter.fingerprint(c.text(), f)));
                findingsWritten++;
            } else {
                findingsNotWritten++;
            }
        }

        /**
         * The field path with any sensitive value in it masked: JSON keys and Parquet map keys
         * are data too ({@code $['jane@mailbox.org']}), and findings/ must not carry them.
         */
        private String safeField(String field) {
            if (field == null) {
                return null;
            }
            String safe = safeFields.get(field);
            if (safe == null) {
                List<Finding> inField = scanner.scan(field, null);
                if (inField.isEmpty()) {
                    safe = field;
                } else {
                    StringBuilder sb = new StringBuilder(field);
                    for (int i = inField.size() - 1; i >= 0; i--) {
                        Finding f = inField.get(i);
                        sb.replace(f.start(), f.end(), Preview.render(field, f));
                    }
                    safe = sb.toString();
                }
                if (safeFields.size() > 10_000) {
                    safeFields.clear(); // bounded: wide, ragged schemas must not grow it without end
                }
                safeFields.put(field, safe);
            }
            return safe;
        }

        @Override
        public void endRecord() {
            countPending();
            inRecord = false;
            records++;
            if (recordUnmasked) {
                recordsUnmasked++;
                for (String type : recordTypes.keySet()) {
                    typeCounts.get(type)[ScanRows.RECORDS_UNMASKED]++;
                }
            } else if (recordMasked) {
                recordsMaskedOnly++;
            }
        }

        List<Row> finish(String format, long size, String etag, ReadResult result) {
            countPending(); // a reader that stopped inside a record: what it found still counts
            rows.add(ScanRows.object(file, format, size, etag, result.status().name(),
                    result.status() == ScanStatus.COMPLETE ? null : result.reason().name(), result.detail(), records,
                    recordsUnmasked, recordsMaskedOnly, findingsWritten, findingsNotWritten, typeCounts));
            return rows;
        }
    }
}
