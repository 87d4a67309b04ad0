package dev.piigate.jobs.read;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The redacted copy of a CSV or TSV object. Rows are split by {@link CsvReader.Rows} itself, fed
 * the object's raw lines one at a time, so every cell reaches the {@link ValueRedactor} as the
 * scan's reader delivers it: under its header name (or {@code _c<index>}), a number with a point
 * or an exponent as the integer it holds ({@link NumberText}), the header's cells in record 0
 * under {@link RecordSink#CSV_HEADER_FIELD} as keys. The parser tells where each cell lies, so a
 * replacement goes exactly there.
 *
 * <p>A row without a replacement, blank lines and the line ends are copied byte for byte. A
 * replaced cell keeps its quoting: a quoted one stays quoted with its quotes doubled, an unquoted
 * one is quoted only when its replacement holds the delimiter, a quote or a line break. A cell
 * whose number was replaced is replaced whole. A row may span lines (quoted line breaks); it is
 * held whole until its record ends, up to {@link TextRewriter#maxLineBytes} of
 * {@link ReadLimits#maxValueChars()} (TOO_LARGE past that). The header row is the file's
 * structure: it is always written, with its own replacements, even when record 0 is dropped.
 *
 * <p>Everything the reader calls PARTIAL ends the copy too, with the reader's reason and the same
 * kind of detail: a ragged row, an unterminated quote, text after a closing quote, a cell over
 * {@link ReadLimits#maxValueChars()}, a number too long to write out.
 */
final class CsvRewriter implements RecordRewriter {
    @Override
    public ReadResult rewrite(FileSystem fs, Path in, Configuration conf, ReadLimits limits, ValueRedactor redactor,
            FileSystem outFs, Path out) throws IOException {
        char delimiter = CsvReader.delimiter(in.getName());
        int maxRowBytes = TextRewriter.maxLineBytes(limits.maxValueChars());
        return RewriteIo.rewrite(fs, in, conf, outFs, out, (source, copy, lines) -> new Copy(
                new TextRewriter.RawLines(source, maxRowBytes), source.charset, delimiter, limits, maxRowBytes,
                redactor, copy).run());
    }

    /** A cell's replacement: the characters {@code [start, end)} of the input become {@code text}. */
    private record Edit(long start, long end, String text) {
    }

    /** A header cell the reader scans, and where it lies. */
    private record HeaderCell(long start, long end, boolean quoted, String text) {
    }

    /** One object's copy, row by row. */
    private static final class Copy {
        private final LineFeed feed;
        private final CsvReader.Rows rows;
        private final CsvReader.Header header;
        private final Charset charset;
        private final char delimiter;
        private final int maxValueChars;
        private final ValueRedactor redactor;
        private final OutputStream out;
        private final List<HeaderCell> headerCells = new ArrayList<>();
        private final List<Edit> headerEdits = new ArrayList<>();
        private final List<Edit> edits = new ArrayList<>();
        private long index;
        private long rowStart;
        /** Column of the first cell of the row (or the header, -1) that was a number too long to write out. */
        private int numberTooLarge = Integer.MIN_VALUE;
        private long records;

        Copy(TextRewriter.RawLines lines, Charset charset, char delimiter, ReadLimits limits, int maxRowBytes,
                ValueRedactor redactor, OutputStream out) {
            this.feed = new LineFeed(lines, maxRowBytes);
            this.rows = new CsvReader.Rows(feed, delimiter, limits.maxValueChars());
            this.header = new CsvReader.Header(limits.maxValueChars());
            this.charset = charset;
            this.delimiter = delimiter;
            this.maxValueChars = limits.maxValueChars();
            this.redactor = redactor;
            this.out = out;
        }

        ReadResult run() throws IOException {
            try {
                return rewriteRows();
            } catch (Inputs.DecodeFailure e) {
                return Inputs.decodeResult(e, records);
            }
        }

        private ReadResult rewriteRows() throws IOException {
            Problems problems = new Problems();
            if (rows.next(new HeaderRow()) < 0) {
                return Inputs.EMPTY_CONTENT;
            }
            CsvReader.reportRowProblems(rows, "header", problems);
            if (header.cut) {
                problems.add(StatusReason.TOO_LARGE, "header: longer than " + maxValueChars
                        + " characters, the rest not scanned");
            }
            if (problems.result().status() != ScanStatus.COMPLETE) {
                return problems.result();
            }
            write(feed.take(rowStart), List.of()); // blank lines before the header
            List<LineFeed.Fed> headerLines = feed.take(rows.offset());
            DataRow row = new DataRow();
            for (index = 0; ; index++) {
                edits.clear();
                int cells = rows.next(row);
                if (cells < 0) {
                    break;
                }
                if (numberTooLarge != Integer.MIN_VALUE) {
                    problems.add(StatusReason.TOO_LARGE, (numberTooLarge < 0 ? "header"
                            : "row " + index + " column " + numberTooLarge) + ": " + NumberText.TOO_LONG);
                }
                if (cells != header.columns) {
                    problems.add(StatusReason.CORRUPT,
                            "row " + index + ": " + cells + " cells, header has " + header.columns);
                }
                CsvReader.reportRowProblems(rows, "row " + index, problems);
                if (problems.result().status() != ScanStatus.COMPLETE) {
                    return problems.result();
                }
                if (index == 0) {
                    write(headerLines, headerEdits);
                }
                write(feed.take(rowStart), List.of()); // blank lines before the row
                List<LineFeed.Fed> rowLines = feed.take(rows.offset());
                if (redactor.endRecord()) {
                    write(rowLines, edits);
                }
            }
            if (index == 0) {
                // No data rows: the header alone is record 0, and it is written whatever the redactor says.
                records++;
                redactor.startRecord(0);
                redactHeader();
                redactor.endRecord();
                if (numberTooLarge != Integer.MIN_VALUE) {
                    return ReadResult.partial(StatusReason.TOO_LARGE, "header: " + NumberText.TOO_LONG);
                }
                write(headerLines, headerEdits);
            }
            write(feed.take(Long.MAX_VALUE), List.of()); // blank lines after the last row
            return ReadResult.COMPLETE;
        }

        /** The header's cells through the redactor as the reader delivers them (record 0 is open). */
        private void redactHeader() {
            for (HeaderCell cell : headerCells) {
                String replaced = replaced(cell.text(), RecordSink.CSV_HEADER_FIELD, true);
                if (replaced == null) {
                    numberTooLarge = -1;
                } else if (!replaced.equals(cell.text())) {
                    headerEdits.add(new Edit(cell.start(), cell.end(), cellText(replaced, cell.quoted())));
                }
            }
        }

        /**
         * {@code text} as the redactor returns it, asked as {@link NumberText#deliver} delivers a
         * cell (or {@link NumberText#deliverKey} a header cell): a number with a point or an
         * exponent by its integer, replaced whole when that changes, and by its text as written
         * when the reader delivers that too. Null for a number whose integer is too long to write
         * out (the reader's TOO_LARGE).
         */
        private String replaced(String text, String field, boolean key) {
            NumberText.Decimal decimal = NumberText.parse(text);
            if (decimal == null) {
                return replace(field, text, key);
            }
            if (decimal.integer() == null) {
                replace(field, text, key);
                return null;
            }
            String integer = decimal.integer();
            boolean textToo = !decimal.integral() && (!key || !integer.equals("0"));
            if (key || decimal.integral() || !integer.equals("0")) {
                String replaced = replace(field, integer, key);
                if (!replaced.equals(integer)) {
                    return replaced; // the cell is that number: replaced whole, fraction and all
                }
            }
            return textToo ? replace(field, text, key) : text;
        }

        private String replace(String field, String text, boolean key) {
            return key ? redactor.replaceKey(field, text) : redactor.replace(field, text);
        }

        /** A replacement as a cell: a quoted cell stays quoted, an unquoted one is quoted when it must be. */
        private String cellText(String replacement, boolean quoted) {
            if (!quoted && !needsQuotes(replacement)) {
                return replacement;
            }
            return '"' + replacement.replace("\"", "\"\"") + '"';
        }

        private boolean needsQuotes(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                    return true;
                }
            }
            return false;
        }

        /** Writes lines as read, or, with edits in them, their text with the edits in their charset. */
        private void write(List<LineFeed.Fed> lines, List<Edit> rowEdits) throws IOException {
            if (rowEdits.isEmpty()) {
                for (LineFeed.Fed line : lines) {
                    out.write(line.line().bytes);
                }
                return;
            }
            StringBuilder original = new StringBuilder();
            int byteCount = 0;
            for (LineFeed.Fed line : lines) {
                original.append(line.line().text).append(line.line().end());
                byteCount += line.line().bytes.length;
            }
            byte[] bytes = new byte[byteCount];
            int at = 0;
            for (LineFeed.Fed line : lines) {
                System.arraycopy(line.line().bytes, 0, bytes, at, line.line().bytes.length);
                at += line.line().bytes.length;
            }
            long base = lines.get(0).charStart();
            StringBuilder replaced = new StringBuilder(original.length());
            int from = 0;
            for (Edit edit : rowEdits) {
                replaced.append(original, from, (int) (edit.start() - base)).append(edit.text());
                from = (int) (edit.end() - base);
            }
            replaced.append(original, from, original.length());
            out.write(RewriteIo.encode(replaced.toString(), original.toString(), bytes, byteCount, charset,
                    lines.get(0).line().index));
        }

        /** Reads the header row: the reader's {@link CsvReader.Header}, and where the cells it scans lie. */
        private final class HeaderRow implements CsvReader.RowHandler {
            @Override
            public void rowStarted() {
                rowStart = rows.offset();
                header.rowStarted();
            }

            @Override
            public void cell(int column, String text) {
                int scanned = header.cells.size();
                header.cell(column, text);
                if (header.cells.size() > scanned) {
                    headerCells.add(new HeaderCell(rows.cellStart, rows.cellEnd, rows.cellQuoted, text));
                }
            }
        }

        /** A data row's cells through the redactor, as the reader's DataRow delivers them. */
        private final class DataRow implements CsvReader.RowHandler {
            @Override
            public void rowStarted() {
                rowStart = rows.offset();
                records++;
                redactor.startRecord(index);
                if (index == 0) {
                    redactHeader();
                }
            }

            @Override
            public void cell(int column, String text) {
                if (text.isEmpty() || rows.cellTooLong >= 0) {
                    return; // nothing to scan, or a row that ends the copy TOO_LARGE
                }
                String replaced = replaced(text, header.name(column), false);
                if (replaced == null) {
                    if (numberTooLarge == Integer.MIN_VALUE) {
                        numberTooLarge = column;
                    }
                } else if (!replaced.equals(text)) {
                    edits.add(new Edit(rows.cellStart, rows.cellEnd, cellText(replaced, rows.cellQuoted)));
                }
            }
        }
    }

    /**
     * The raw lines as one text for {@link CsvReader.Rows}, served a line at a time (its text,
     * then its line end), so the lines the parser has read are the ones held: a row's lines, any
     * blank lines before it, and at most one line read ahead (after a lone {@code \r}). Holds at
     * most {@code maxBytes} (a line counted 64 bytes more, so blank lines count too).
     */
    private static final class LineFeed extends Reader {
        /** A line held, and where its text starts in the input, in characters. */
        record Fed(TextRewriter.RawLine line, long charStart) {
            int chars() {
                return line.text.length() + line.bytes.length - line.length;
            }
        }

        private static final int LINE_OVERHEAD = 64;
        private final TextRewriter.RawLines lines;
        private final long maxBytes;
        private final ArrayDeque<Fed> held = new ArrayDeque<>();
        private long heldBytes;
        private long chars;
        private Fed current;
        private int served;

        LineFeed(TextRewriter.RawLines lines, long maxBytes) {
            this.lines = lines;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read(char[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (current == null || served == current.chars()) {
                if (!lines.next()) {
                    return -1;
                }
                current = new Fed(lines.current(), chars);
                chars += current.chars();
                served = 0;
                held.add(current);
                heldBytes += current.line().bytes.length + LINE_OVERHEAD;
                if (heldBytes > maxBytes) {
                    throw new RewriteIo.NotRewritable(StatusReason.TOO_LARGE, "line " + held.peekFirst().line().index
                            + ": a row (with the blank lines before it) longer than " + maxBytes + " bytes");
                }
            }
            TextRewriter.RawLine line = current.line();
            int textLength = line.text.length();
            int n = 0;
            if (served < textLength) {
                n = Math.min(length, textLength - served);
                line.text.getChars(served, served + n, into, offset);
                served += n;
            }
            while (n < length && served < current.chars()) {
                into[offset + n++] = (char) (line.bytes[line.length + served++ - textLength] & 0xFF);
            }
            return n;
        }

        /** Takes the lines held that start before character {@code before}, in order. */
        List<Fed> take(long before) {
            List<Fed> taken = new ArrayList<>();
            while (!held.isEmpty() && held.peekFirst().charStart() < before) {
                Fed line = held.removeFirst();
                heldBytes -= line.line().bytes.length + LINE_OVERHEAD;
                taken.add(line);
            }
            return taken;
        }

        @Override
        public void close() {
        }
    }
}
