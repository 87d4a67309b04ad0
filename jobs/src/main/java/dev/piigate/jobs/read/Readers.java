package dev.piigate.jobs.read;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The reader for each {@link Format}, and the format of a file name by its extension. */
public final class Readers {
    /** Compression suffixes ignored when detecting the format; decompression itself is by codec. */
    private static final Set<String> COMPRESSION_SUFFIXES = Set.of("gz", "gzip", "bz2", "zst", "deflate");

    private static final Map<String, Format> BY_EXTENSION = Map.ofEntries(
            Map.entry("jsonl", Format.JSONL), Map.entry("json", Format.JSONL), Map.entry("ndjson", Format.JSONL),
            Map.entry("csv", Format.CSV), Map.entry("tsv", Format.CSV),
            Map.entry("parquet", Format.PARQUET),
            Map.entry("txt", Format.TEXT), Map.entry("md", Format.TEXT), Map.entry("log", Format.TEXT),
            Map.entry("text", Format.TEXT),
            Map.entry("pdf", Format.DOCUMENT), Map.entry("docx", Format.DOCUMENT), Map.entry("doc", Format.DOCUMENT),
            Map.entry("xlsx", Format.DOCUMENT), Map.entry("xls", Format.DOCUMENT), Map.entry("pptx", Format.DOCUMENT),
            Map.entry("html", Format.DOCUMENT), Map.entry("htm", Format.DOCUMENT), Map.entry("rtf", Format.DOCUMENT),
            Map.entry("odt", Format.DOCUMENT));

    private Readers() {
    }

    /**
     * A stateless reader for a format read in this JVM: every format but {@link Format#DOCUMENT},
     * whose documents are parsed in parser processes ({@link #forDocuments}). {@link Format#CSV}
     * splits on commas unless the file name ends in {@code .tsv}. A zero-byte object is
     * SKIPPED/EMPTY for every format; this reader looks the size up, where {@link #read} takes it
     * from a caller that already knows it.
     *
     * @throws IllegalArgumentException for {@link Format#DOCUMENT}
     */
    public static RecordReader forFormat(Format format) {
        RecordReader reader = reader(format, null);
        return (fs, path, conf, limits, sink) -> read(reader, fs, path, conf, limits, sink, -1);
    }

    /** The reader of documents, parsed in {@code parsers}' processes (the caller closes them). */
    public static RecordReader forDocuments(ParserProcesses parsers) {
        RecordReader reader = reader(Format.DOCUMENT, requireNonNull(parsers, "parsers"));
        return (fs, path, conf, limits, sink) -> read(reader, fs, path, conf, limits, sink, -1);
    }

    /**
     * Reads one object of a known size without asking storage for it again (one request fewer per
     * object on S3).
     *
     * @param parsers   where a {@link Format#DOCUMENT} is parsed; other formats do not use it
     * @param knownSize the object's size in bytes, or -1 to look it up
     */
    public static ReadResult read(Format format, ParserProcesses parsers, FileSystem fs, Path path,
            Configuration conf, ReadLimits limits, RecordSink sink, long knownSize) throws IOException {
        return read(reader(format, requireNonNull(parsers, "parsers")), fs, path, conf, limits, sink, knownSize);
    }

    private static ReadResult read(RecordReader reader, FileSystem fs, Path path, Configuration conf,
            ReadLimits limits, RecordSink sink, long knownSize) throws IOException {
        requireNonNull(fs, "fs");
        requireNonNull(path, "path");
        requireNonNull(conf, "conf");
        requireNonNull(limits, "limits");
        requireNonNull(sink, "sink");
        long size = knownSize >= 0 ? knownSize : fs.getFileStatus(path).getLen();
        if (size == 0) {
            return Inputs.EMPTY;
        }
        return reader.read(fs, path, conf, limits, sink);
    }

    /**
     * Reads one split of an uncompressed JSON Lines, text or CSV object: the lines {@code range}
     * owns ({@link LineRangeStream}), numbered from 0 within the split (the caller adds the record
     * numbers of the splits before it once they are known). When the object's first bytes forbid
     * splitting it ({@link Inputs#openTextRange}), the first split reads the whole object and the
     * others nothing. A split that owns no line is COMPLETE with no records. A CSV split after the
     * first takes its column names from the object's header row. A text or CSV split whose last
     * record goes on past its last line (a private key block, a quoted line break: the next split
     * started inside that record), or any split whose text check may have judged otherwise than a
     * whole read, says so ({@link RangeRead.Scope#LINES_UNSURE}): the object is read again whole.
     *
     * @param size the object's size as looked up before reading (not 0)
     * @throws IllegalArgumentException for a format not read in splits (Parquet: by row group,
     *                                  {@link ParquetRecordReader#readRange})
     */
    public static RangeRead readRange(Format format, ParserProcesses parsers, FileSystem fs, Path path,
            Configuration conf, ReadLimits limits, RecordSink sink, long size, ByteRange range) throws IOException {
        requireNonNull(range, "range");
        if (format == Format.PARQUET) {
            // By row group, not by line; null when the footer forbids splitting: read whole once.
            RangeRead rowGroups = ParquetRecordReader.readRange(fs, path, conf, limits, sink, range);
            if (rowGroups != null) {
                return rowGroups;
            }
            return range.first()
                    ? new RangeRead(read(format, parsers, fs, path, conf, limits, sink, size),
                            RangeRead.Scope.WHOLE_OBJECT, -1, -1)
                    : new RangeRead(ReadResult.COMPLETE, RangeRead.Scope.NONE, -1, -1);
        }
        if (format != Format.JSONL && format != Format.TEXT && format != Format.CSV) {
            throw new IllegalArgumentException("only JSON Lines, text, CSV and Parquet are read in splits, not " + format);
        }
        Inputs.RangeText text = Inputs.openTextRange(fs, path, conf, size, range);
        if (text == null) {
            return range.first()
                    ? new RangeRead(read(format, parsers, fs, path, conf, limits, sink, size),
                            RangeRead.Scope.WHOLE_OBJECT, -1, -1)
                    : new RangeRead(ReadResult.COMPLETE, RangeRead.Scope.NONE, -1, -1);
        }
        SplitLines split = new SplitLines();
        ReadResult result = switch (format) {
            case JSONL -> new JsonLinesReader().read(text::reader, limits, sink);
            case TEXT -> new TextReader().read(text::reader, limits, sink, split);
            case CSV -> new CsvReader().read(text::reader, range.first() ? null : () -> Inputs.openText(fs, path, conf),
                    CsvReader.delimiter(path.getName()), limits, sink, split, !range.last());
            default -> throw new IllegalStateException("not read in splits: " + format);
        };
        if (result.equals(Inputs.EMPTY_CONTENT)) {
            result = ReadResult.COMPLETE; // no line starts in this range: the neighbours own its bytes
        }
        // The last split ends where the object does: a record open there is open in the whole read too.
        boolean unsure = (split.lastRecordCut && !range.last()) || text.checkedUnlikeWhole(range.first(), range.last());
        RangeRead.Scope scope = unsure ? RangeRead.Scope.LINES_UNSURE : RangeRead.Scope.LINES;
        return new RangeRead(result, scope, text.firstByte(), text.endByte(),
                format == Format.TEXT ? split.recordNumbers : -1);
    }

    /**
     * Whether {@link #readRange} reads objects of this format and name in splits: uncompressed
     * JSON Lines, text and CSV, and Parquet (by row group) without a compression suffix.
     */
    public static boolean splittable(Format format, String fileName) {
        requireNonNull(fileName, "fileName");
        return (format == Format.JSONL || format == Format.TEXT || format == Format.CSV || format == Format.PARQUET)
                && !COMPRESSION_SUFFIXES.contains(extension(baseName(fileName)));
    }

    /** @param parsers null where no document may be read */
    private static RecordReader reader(Format format, ParserProcesses parsers) {
        requireNonNull(format, "format");
        return switch (format) {
            case JSONL -> new JsonLinesReader();
            case CSV -> new CsvReader();
            case PARQUET -> new ParquetRecordReader();
            case TEXT -> new TextReader();
            case DOCUMENT -> {
                if (parsers == null) {
                    throw new IllegalArgumentException("documents are parsed in parser processes: use forDocuments");
                }
                yield new DocumentReader(parsers);
            }
        };
    }

    /**
     * The format of {@code fileName} by extension, a compression suffix ignored
     * ({@code data.jsonl.gz} is JSONL). Empty when unknown: the caller reports UNSUPPORTED_FORMAT.
     */
    public static Optional<Format> detect(String fileName) {
        requireNonNull(fileName, "fileName");
        String name = baseName(fileName);
        String extension = extension(name);
        if (COMPRESSION_SUFFIXES.contains(extension)) {
            name = name.substring(0, name.length() - extension.length() - 1);
            extension = extension(name);
        }
        return Optional.ofNullable(BY_EXTENSION.get(extension));
    }

    /** Tab-separated when the name (compression suffix ignored) ends in {@code .tsv}. */
    static boolean isTabSeparated(String fileName) {
        String name = baseName(fileName);
        String extension = extension(name);
        if (COMPRESSION_SUFFIXES.contains(extension)) {
            extension = extension(name.substring(0, name.length() - extension.length() - 1));
        }
        return extension.equals("tsv");
    }

    private static String baseName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.substring(lower.lastIndexOf('/') + 1);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1);
    }
}
