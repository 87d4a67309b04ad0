package dev.piigate.jobs.read;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * CSV (RFC 4180) and TSV ({@code .tsv}, tab-separated, same quoting): the first row names the
 * fields, each later row is a record (0-based, header excluded; blank lines are skipped, as Spark
 * does). The header's cells are scanned too, as values of field {@link RecordSink#CSV_HEADER_FIELD}
 * in record 0 (a record of their own in a file with no data rows): a value pasted into a header row is as
 * much a leak as one in a cell. Hand-written because Spark's CSV reader drops cells beyond the header: here a ragged row
 * has every cell scanned (extra cells as {@code _c<index>}) and the object ends PARTIAL/CORRUPT.
 * A cell longer than {@link ReadLimits#maxValueChars()} keeps its first characters (scanned) and
 * the object ends PARTIAL/TOO_LARGE. A cell that is wholly a number with a point or an exponent
 * ({@code 287654321.0}, as pandas writes an integer column with a gap) is delivered as the integer
 * it holds ({@link NumberText}); a spreadsheet's {@code 4.55011E+15} lost its digits before it was
 * written and is delivered as the integer it now holds.
 */
final class CsvReader implements RecordReader {
    @Override
    public ReadResult read(FileSystem fs, Path path, Configuration conf, ReadLimits limits, RecordSink sink)
            throws IOException {
        return read(() -> Inputs.openText(fs, path, conf), null, delimiter(path.getName()), limits, sink,
                new SplitLines(), false);
    }

    static char delimiter(String fileName) {
        return Readers.isTabSeparated(fileName) ? '\t' : ',';
    }

    /**
     * Reads the rows {@code text} opens: the whole object, or one split of it. A split after the
     * first takes its column names from the object's own header row, which {@code header} opens
     * the object's text to read (the header's cells are scanned, and its problems reported, by the
     * first split only). A split with {@code moreAfter} that ends inside an open quote (its last
     * row would go on past its last line) or, the first split, that holds no data row (record 0,
     * which carries the header's cells, is in a later split) tells {@code split}: the object is
     * then read whole.
     *
     * @param header null when {@code text} starts with the header row (the whole object, the first split)
     */
    ReadResult read(LineSource.TextOpener text, LineSource.TextOpener header, char delimiter, ReadLimits limits,
            RecordSink sink, SplitLines split, boolean moreAfter) throws IOException {
        TrackingSink records = new TrackingSink(sink);
        Problems problems = new Problems();
        boolean first = header == null;
        Header columns = new Header(limits.maxValueChars());
        try {
            if (!first) {
                try (Reader reader = header.open()) {
                    new Rows(reader, delimiter, limits.maxValueChars()).next(columns);
                }
            }
            try (Reader reader = text.open()) {
                Rows rows = new Rows(reader, delimiter, limits.maxValueChars());
                if (first) {
                    if (rows.next(columns) < 0) {
                        split.lastRecordCut = moreAfter; // blank lines only: the header, if any, is further on
                        return Inputs.EMPTY_CONTENT;
                    }
                    split.lastRecordCut = moreAfter && rows.unterminatedQuote;
                    reportRowProblems(rows, "header", problems);
                    if (columns.cut) {
                        problems.add(StatusReason.TOO_LARGE, "header: longer than " + limits.maxValueChars()
                                + " characters, the rest not scanned");
                    }
                }
                DataRow row = new DataRow(records, columns, first);
                for (long index = 0; ; index++) {
                    row.index = index;
                    row.numberTooLarge = -1;
                    int cells = rows.next(row);
                    if (cells < 0) {
                        if (index == 0 && first) {
                            if (moreAfter) {
                                split.lastRecordCut = true; // record 0, with the header's cells, comes later
                            } else { // no data rows: the header alone is record 0
                                records.startRecord(0);
                                columns.scan(records);
                                records.endRecord();
                            }
                        }
                        break;
                    }
                    records.endRecord();
                    split.lastRecordCut = moreAfter && rows.unterminatedQuote;
                    if (row.numberTooLarge >= 0) {
                        problems.add(StatusReason.TOO_LARGE, "row " + index + " column " + row.numberTooLarge
                                + ": " + NumberText.TOO_LONG);
                    }
                    if (cells != columns.columns) {
                        problems.add(StatusReason.CORRUPT,
                                "row " + index + ": " + cells + " cells, header has " + columns.columns);
                    }
                    reportRowProblems(rows, "row " + index, problems);
                }
                if (columns.numberTooLarge) {
                    problems.add(StatusReason.TOO_LARGE, "header: " + NumberText.TOO_LONG);
                }
            }
        } catch (Inputs.UnsupportedCodec e) {
            return Inputs.unsupportedCodecResult(e);
        } catch (Inputs.DecodeFailure e) {
            records.closeOpenRecord();
            return Inputs.decodeResult(e, records.recordsStarted());
        }
        return problems.result();
    }

    /** Receives one row cell by cell, as the cells complete: a row is never held whole. */
    interface RowHandler {
        void rowStarted();

        void cell(int column, String text);
    }

    /**
     * Field names from the header, and its cells to scan. Both are kept up to a total of
     * {@code maxChars} characters (a header is one row, and one row may be the whole file);
     * columns past that are {@code _c<index>}, and their cells are not scanned ({@link #cut}).
     */
    static final class Header implements RowHandler {
        private final int maxChars;
        private long chars;
        final List<String> names = new ArrayList<>();
        final List<String> cells = new ArrayList<>();
        boolean cut;
        /** A header cell was a number too long to write out (scanned as written). */
        boolean numberTooLarge;
        int columns;

        Header(int maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public void rowStarted() {
        }

        @Override
        public void cell(int column, String text) {
            columns = column + 1;
            String name = text.strip();
            chars += text.length();
            if (chars <= maxChars && names.size() == column) {
                names.add(name.isEmpty() ? "_c" + column : name);
                if (!text.isEmpty()) {
                    cells.add(text);
                }
            } else {
                cut |= !text.isEmpty();
            }
        }

        void scan(RecordSink sink) {
            for (String cell : cells) {
                numberTooLarge |= !NumberText.deliverKey(sink, RecordSink.CSV_HEADER_FIELD, cell);
            }
        }

        String name(int column) {
            return column < names.size() ? names.get(column) : "_c" + column;
        }
    }

    private static final class DataRow implements RowHandler {
        private final RecordSink sink;
        private final Header header;
        /** Record 0 carries the header's cells: false in a split after the first, whose row 0 is not the object's. */
        private final boolean headerInRecord0;
        long index;
        /** Column of the first cell in this row that was a number too long to write out, or -1. */
        int numberTooLarge = -1;

        DataRow(RecordSink sink, Header header, boolean headerInRecord0) {
            this.sink = sink;
            this.header = header;
            this.headerInRecord0 = headerInRecord0;
        }

        @Override
        public void rowStarted() {
            sink.startRecord(index);
            if (index == 0 && headerInRecord0) {
                header.scan(sink);
            }
        }

        @Override
        public void cell(int column, String text) {
            if (!text.isEmpty() && !NumberText.deliver(sink, header.name(column), text)
                    && numberTooLarge < 0) {
                numberTooLarge = column;
            }
        }
    }

    static void reportRowProblems(Rows rows, String where, Problems problems) {
        if (rows.cellTooLong >= 0) {
            problems.add(StatusReason.TOO_LARGE,
                    where + " column " + rows.cellTooLong + ": cell longer than " + rows.maxCellChars + " characters, cut");
        }
        if (rows.malformedQuote >= 0) {
            problems.add(StatusReason.CORRUPT, where + " column " + rows.malformedQuote + ": text after closing quote");
        }
        if (rows.unterminatedQuote) {
            problems.add(StatusReason.CORRUPT, where + ": quoted field not closed before end of input");
        }
    }

    /** A streaming RFC 4180 row splitter over a reader; holds one cell at a time, capped. */
    static final class Rows {
        private final Reader in;
        private final char delimiter;
        private final int maxCellChars;
        private final char[] buffer = new char[8192];
        private int position;
        private int limit;
        /** Characters of the input before {@code buffer[0]}. */
        private long bufferStart;
        private boolean endOfInput;
        private final StringBuilder cell = new StringBuilder();
        /** Problems of the last row: column index or -1. */
        int cellTooLong = -1;
        int malformedQuote = -1;
        boolean unterminatedQuote;
        /**
         * Where the cell last handed over lies in the input, in characters (its opening quote
         * included, its delimiter or line end not), and whether it was quoted: what
         * {@link CsvRewriter} replaces it in place by.
         */
        long cellStart;
        long cellEnd;
        boolean cellQuoted;

        Rows(Reader in, char delimiter, int maxCellChars) {
            this.in = in;
            this.delimiter = delimiter;
            this.maxCellChars = maxCellChars;
        }

        private int read() throws IOException {
            if (position == limit) {
                if (endOfInput) {
                    return -1;
                }
                bufferStart += limit;
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    endOfInput = true;
                    return -1;
                }
            }
            return buffer[position++];
        }

        private void unread() {
            position--;
        }

        /** Characters read so far: where the next row starts after {@link #next} returned. */
        long offset() {
            return bufferStart + position;
        }

        private void append(char c, int column) {
            if (cell.length() < maxCellChars) {
                cell.append(c);
            } else if (cellTooLong < 0) {
                cellTooLong = column;
            }
        }

        /** Reads the next non-blank row into {@code handler}; returns its number of cells, or -1 at end of input. */
        int next(RowHandler handler) throws IOException {
            cellTooLong = -1;
            malformedQuote = -1;
            unterminatedQuote = false;
            int c;
            // Skip blank lines between rows.
            do {
                c = read();
            } while (c == '\n' || c == '\r');
            if (c < 0) {
                return -1;
            }
            unread();
            handler.rowStarted();
            for (int column = 0; ; column++) {
                cell.setLength(0);
                cellStart = bufferStart + position;
                c = read();
                cellQuoted = c == '"';
                if (cellQuoted) {
                    c = readQuoted(column);
                } else {
                    while (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                        append((char) c, column);
                        c = read();
                    }
                }
                cellEnd = bufferStart + position - (c >= 0 ? 1 : 0);
                handler.cell(column, cell.toString());
                if (c == delimiter) {
                    continue;
                }
                if (c == '\r') {
                    int next = read();
                    if (next >= 0 && next != '\n') {
                        unread();
                    }
                }
                return column + 1;
            }
        }

        /** After an opening quote: the quoted part, then any stray text up to the cell's end. Returns the ending char. */
        private int readQuoted(int column) throws IOException {
            while (true) {
                int c = read();
                if (c < 0) {
                    unterminatedQuote = true;
                    return -1;
                }
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        append('"', column);
                        continue;
                    }
                    // Closing quote: anything before the delimiter is malformed but still scanned.
                    c = next;
                    while (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                        if (malformedQuote < 0) {
                            malformedQuote = column;
                        }
                        append((char) c, column);
                        c = read();
                    }
                    return c;
                }
                append((char) c, column);
            }
        }
    }
}
