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

import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.Preview;
import dev.piigate.detectors.ScanIncompleteException;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.gate.TypeCounts;
import dev.piigate.jobs.read.ByteRange;
import dev.piigate.jobs.read.Format;
import dev.piigate.jobs.read.ParserProcesses;
import dev.piigate.jobs.read.RangeRead;
import dev.piigate.jobs.read.ReadResult;
import dev.piigate.jobs.read.Readers;
import dev.piigate.jobs.read.RecordSink;
import dev.piigate.jobs.read.StatusReason;
import dev.piigate.jobs.read.TextChunks;
import dev.piigate.jobs.s3.ObjectVersions;

/**
 * Scans one object on an executor: reads it record by record, runs the detectors on every value,
 * and returns its findings (at most {@code report.maxFindingsPerFile}) and one {@link ObjectResult}
 * with exact counts and the object's status. Test values are counted apart from leaks: the policy
 * that may count them is the gate's to apply. Unmasked findings a baseline lists ({@link AcceptedSet})
 * are counted as accepted: still unmasked values, but their records do not count as unmasked. Every
 * failure becomes a status; nothing here lets an object count as clean without having been read to
 * the end.
 */
final class ObjectScanner {
    private final Config config;
    private final TextScanner scanner;
    private final Fingerprinter fingerprinter;
    private final Configuration hadoopConf;
    /** Where documents are parsed; the caller owns and closes it. */
    private final ParserProcesses parsers;
    private final PathMasker paths;
    private final CleanValues cleanValues = new CleanValues();
    private final CleanValues cleanKeys = new CleanValues();
    /** What {@code --baseline} accepts; {@link AcceptedSet#NONE} without one. */
    private final AcceptedSet accepted;
    private final Progress progress;

    /** Told of each record as it ends, for the progress line ({@link ProgressCounters.Task}). */
    interface Progress {
        Progress NONE = (unmasked, testValue) -> { };

        /**
         * @param unmasked  the record holds an unmasked finding that is neither a test value nor accepted
         * @param testValue it holds an unmasked test value
         */
        void endRecord(boolean unmasked, boolean testValue);
    }

    ObjectScanner(Config config, TextScanner scanner, Fingerprinter fingerprinter, Configuration hadoopConf,
            ParserProcesses parsers) {
        this(config, scanner, fingerprinter, hadoopConf, parsers, AcceptedSet.NONE);
    }

    ObjectScanner(Config config, TextScanner scanner, Fingerprinter fingerprinter, Configuration hadoopConf,
            ParserProcesses parsers, AcceptedSet accepted) {
        this(config, scanner, fingerprinter, hadoopConf, parsers, accepted, Progress.NONE);
    }

    ObjectScanner(Config config, TextScanner scanner, Fingerprinter fingerprinter, Configuration hadoopConf,
            ParserProcesses parsers, AcceptedSet accepted, Progress progress) {
        this.accepted = accepted;
        this.progress = progress;
        this.config = config;
        this.scanner = scanner;
        this.fingerprinter = fingerprinter;
        this.hadoopConf = hadoopConf;
        this.parsers = parsers;
        this.paths = new PathMasker(scanner, fingerprinter);
    }

    /** An object scanned with its folder as the dataset root: its name is what is scanned of its path. */
    ScannedObject scan(String file, long size, String etag, Format forcedFormat) {
        return scan(file, file.lastIndexOf('/') + 1, size, etag, forcedFormat);
    }

    /**
     * @param relativeFrom where the path relative to the dataset root starts in {@code file}: from
     *                     there the path is scanned as a record of the object (see {@link PathMasker})
     * @param forcedFormat the {@code --format} value, or null to detect by extension
     */
    ScannedObject scan(String file, int relativeFrom, long size, String etag, Format forcedFormat) {
        return scan(file, relativeFrom, size, etag, forcedFormat, null);
    }

    /**
     * One split of an object, or the whole object when {@code range} is null. Every split scans the
     * path (so a path the detectors fail on fails every split alike) but only the first counts it;
     * every split looks the object up before and after reading, and reports that look and where its
     * lines start and end ({@link SplitPart}) for {@link SplitMerge} to check and merge.
     */
    ScannedObject scan(String file, int relativeFrom, long size, String etag, Format forcedFormat,
            ByteRange range) {
        // The path first, whatever becomes of the content: a name that holds PII counts even when
        // the object cannot be read.
        PathMasker.ScannedPath name;
        ReadResult pathFailure = null;
        try {
            name = paths.scanObjectPath(file, relativeFrom);
        } catch (ScanIncompleteException e) {
            name = new PathMasker.ScannedPath(List.of(), paths.maskUnscanned(file, relativeFrom));
            pathFailure = ReadResult.skipped(StatusReason.DETECTOR_LIMIT, "path: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            name = new PathMasker.ScannedPath(List.of(), paths.maskUnscanned(file, relativeFrom));
            pathFailure = ReadResult.skipped(StatusReason.DETECTOR_ERROR,
                    "path: " + new DetectorFailure(e).getMessage());
        }
        Sink sink = new Sink(file, name.masked());
        sink.range = range;
        if (pathFailure != null) {
            return sink.finish(forcedFormat == null ? "unknown" : forcedFormat.cliName(), Math.max(size, 0), etag,
                    pathFailure);
        }
        if (range == null || range.first()) {
            sink.countPath(name.findings(), relativeFrom);
        }
        // A manifest is read as its kind says, decided from its content below (ManifestRecords).
        boolean manifest = forcedFormat == null && ManifestRecords.isManifestName(file);
        Format format = forcedFormat;
        if (manifest) {
            format = Format.TEXT; // what it is read as unless it turns out a valid augmented manifest
        } else if (format == null) {
            Optional<Format> detected = Readers.detect(file);
            if (detected.isEmpty()) {
                return sink.finish("unknown", size, etag,
                        ReadResult.skipped(StatusReason.UNSUPPORTED_FORMAT, "no reader for this file extension"));
            }
            format = detected.get();
        }
        sink.csv = format == Format.CSV;
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
        sink.versionId = ObjectVersions.versionId(before);
        sink.modified = before.getModificationTime();
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
            if (manifest) {
                // After the look-up above: a change between this read and the scan is caught below.
                format = ManifestRecords.formatOf(fs, path, file, size);
            }
            // The size was just looked up: the reader need not ask storage again.
            if (range == null) {
                result = Readers.read(format, parsers, fs, path, hadoopConf, config.limits(), sink, size);
            } else {
                sink.read = Readers.readRange(format, parsers, fs, path, hadoopConf, config.limits(), sink, size,
                        range);
                result = sink.read.result();
            }
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
            // No cause: a storage exception's message names the object, and Spark logs the chain.
            throw new IllegalStateException("scan interrupted: " + e.getClass().getName());
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
        String versionBefore = ObjectVersions.versionId(before);
        if (versionBefore != null && !versionBefore.equals(ObjectVersions.versionId(after))) {
            return "version changed"; // the approval tags the version looked up before reading
        }
        return null;
    }

    private static ReadResult failed(Sink sink, StatusReason reason, String detail) {
        // The path's record does not make an object PARTIAL: nothing of the data was scanned.
        return sink.records > sink.pathRecords ? ReadResult.partial(reason, detail)
                : ReadResult.skipped(reason, detail);
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
        private final String safeFile;
        private final List<FindingRow> findings = new ArrayList<>();
        private final Map<String, TypeTally> types = new HashMap<>();
        /** The types the current record holds findings of. */
        private final List<TypeTally> recordTypes = new ArrayList<>();
        private long records;
        private long recordsUnmasked;
        private long recordsTestOnly;
        private long recordsMaskedOnly;
        private long recordsMaskedTestOnly;
        private long findingsWritten;
        private long findingsNotWritten;
        private long currentRecord;
        private boolean inRecord;
        /** The S3 version looked up before reading, or null. */
        private String versionId;
        /** The modification time looked up before reading, or -1. */
        private long modified = -1;
        /** The split scanned, or null for a whole object. */
        private ByteRange range;
        /** How the split's read ended, or null when it did not get to reading. */
        private RangeRead read;
        private long recordsAcceptedOnly;
        private long recordsAcceptedTestOnly;
        /**
         * What the current record holds: an unmasked finding (not accepted), an unmasked test value, a
         * masked one, an accepted one.
         */
        private boolean recordUnmasked;
        private boolean recordTest;
        private boolean recordMasked;
        private boolean recordAccepted;
        private int lastPiece;
        private int lastPieceLength;
        private long pieceOffset;
        private final Map<String, String> safeFields = new HashMap<>();
        /** 1 when the path held a finding and was counted as a record. */
        private long pathRecords;
        /** Field names are CSV header cells, scanned under {@code $header}. */
        private boolean csv;
        /** Findings of the last piece that belong to the next piece, if one comes ({@link TextChunks.Place#NEXT_IF_ANY}). */
        private final List<Counted> pending = new ArrayList<>();

        Sink(String file, String safeFile) {
            this.file = file;
            this.safeFile = safeFile;
        }

        /**
         * The path relative to the dataset root as record -1, field {@code $path}: its findings
         * count like any of the object's, and it counts as a record when it holds one (record
         * numbers of the data stay as they are; a clean path adds nothing).
         */
        void countPath(List<Finding> findings, int from) {
            if (findings.isEmpty()) {
                return;
            }
            startRecord(PathMasker.PATH_RECORD);
            count(PathMasker.PATH_FIELD, file.substring(from), findings, -1, 0);
            endRecord();
            pathRecords = 1;
        }

        @Override
        public void startRecord(long index) {
            currentRecord = index;
            inRecord = true;
            recordUnmasked = false;
            recordTest = false;
            recordMasked = false;
            recordAccepted = false;
            recordTypes.forEach(TypeTally::endRecordUncounted);
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

        /** A key is scanned as a name ({@link PathMasker#nameFindings}): the rule that masks it in paths. */
        @Override
        public void key(String field, String key) {
            if (key.isEmpty() || cleanKeys.contains(field, key)) {
                return;
            }
            List<Finding> findings;
            try {
                findings = paths.nameFindings(key, field);
            } catch (ScanIncompleteException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                throw new DetectorFailure(e);
            }
            if (findings.isEmpty()) {
                cleanKeys.add(field, key);
            } else {
                count(safeField(field), key, findings, -1, 0);
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
            count(safeField(rawField), value, findings, piece, offset);
            return findings.size();
        }

        private void count(String field, String value, List<Finding> findings, int piece, long offset) {
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
        }

        /** Counts what the last piece of a text left for a next piece that did not come. */
        private void countPending() {
            if (pending.isEmpty()) {
                return; // runs before every value: no iterator for nothing
            }
            for (Counted c : pending) {
                count(c);
            }
            pending.clear();
        }

        private void count(Counted c) {
            Finding f = c.finding();
            String type = f.type().name();
            TypeTally tally = types.computeIfAbsent(type, k -> new TypeTally());
            if (!tally.inRecord) {
                tally.inRecord = true;
                recordTypes.add(tally);
            }
            // Only with a baseline is every unmasked finding fingerprinted, written or not.
            String fingerprint = null;
            boolean isAccepted = false;
            if (f.masked()) {
                tally.masked++;
                recordMasked = true;
            } else if (f.testValue()) {
                tally.testValues++; // never accepted: a baseline lists no test values
                tally.inRecordTest = true;
                recordTest = true;
            } else {
                tally.unmasked++;
                if (!accepted.isEmpty()) {
                    fingerprint = fingerprinter.fingerprint(c.text(), f);
                    isAccepted = accepted.contains(type, fingerprint);
                }
                if (isAccepted) {
                    tally.accepted++;
                    recordAccepted = true;
                } else {
                    tally.inRecordUnmasked = true;
                    recordUnmasked = true;
                }
            }
            if (findingsWritten < config.maxFindingsPerFile()) {
                findings.add(new FindingRow(file, safeFile, currentRecord, c.field(), (int) (c.offset() + f.start()),
                        (int) (c.offset() + f.end()), type, f.detectorId(), f.masked(), f.testValue(), f.confidence(),
                        f.evidence(), Preview.render(c.text(), f),
                        fingerprint != null ? fingerprint : fingerprinter.fingerprint(c.text(), f), isAccepted));
                findingsWritten++;
            } else {
                findingsNotWritten++;
            }
        }

        /**
         * The field path with any key in it that holds PII masked, by the rule that counted the key
         * ({@link PathMasker#maskFieldPath}): JSON keys, Parquet map keys and CSV header cells are
         * data too, and findings/ must not carry them.
         */
        private String safeField(String field) {
            if (field == null) {
                return null;
            }
            String safe = safeFields.get(field);
            if (safe == null) {
                safe = csv ? paths.maskName(field, RecordSink.CSV_HEADER_FIELD) : paths.maskFieldPath(field);
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
            } else if (recordTest) {
                recordsTestOnly++;
                if (recordAccepted) {
                    recordsAcceptedTestOnly++;
                } else if (recordMasked) {
                    recordsMaskedTestOnly++;
                }
            } else if (recordAccepted) {
                recordsAcceptedOnly++;
            } else if (recordMasked) {
                recordsMaskedOnly++;
            }
            recordTypes.forEach(TypeTally::endRecord);
            recordTypes.clear();
            progress.endRecord(recordUnmasked, recordTest);
        }

        ScannedObject finish(String format, long size, String etag, ReadResult result) {
            countPending(); // a reader that stopped inside a record: what it found still counts
            Map<String, TypeCounts> counts = new HashMap<>();
            types.forEach((type, t) -> counts.put(type, t.counts()));
            ObjectResult object = new ObjectResult(file, safeFile, format, size, etag, versionId,
                    ObjectStatus.of(result.status(), result.reason()), result.detail(), records, recordsUnmasked,
                    recordsTestOnly, recordsMaskedOnly, recordsMaskedTestOnly, findingsWritten, findingsNotWritten,
                    counts, recordsAcceptedOnly, recordsAcceptedTestOnly);
            if (range == null) {
                return new ScannedObject(object, findings);
            }
            RangeRead.Scope scope = read == null ? RangeRead.Scope.NONE : read.scope();
            long numbers = read == null || read.recordNumbers() < 0 ? records - pathRecords : read.recordNumbers();
            SplitPart part = new SplitPart(range.index(), range.count(), scope.name(),
                    read == null ? -1 : read.firstByte(), read == null ? -1 : read.endByte(), numbers,
                    findingsWritten + findingsNotWritten, modified);
            return new ScannedObject(object, findings, part);
        }
    }

    /** One type's counts while an object is read, and what the current record holds of it. */
    private static final class TypeTally {
        long unmasked;
        long masked;
        long testValues;
        long accepted;
        long recordsUnmasked;
        long recordsTestOnly;
        boolean inRecord;
        boolean inRecordUnmasked;
        boolean inRecordTest;

        void endRecord() {
            if (inRecordUnmasked) {
                recordsUnmasked++;
            } else if (inRecordTest) {
                recordsTestOnly++;
            }
            endRecordUncounted();
        }

        /** A record that did not end (a reader that started the next one): its findings count, not as a record. */
        void endRecordUncounted() {
            inRecord = false;
            inRecordUnmasked = false;
            inRecordTest = false;
        }

        TypeCounts counts() {
            return new TypeCounts(unmasked, masked, testValues, recordsUnmasked, recordsTestOnly, accepted);
        }
    }
}
