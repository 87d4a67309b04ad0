package dev.piigate.detectors;

/**
 * The header cell above a value that fills a cell of a pipe-delimited table written as text (psql output, Markdown,
 * {@code id|name|ssn} exports) or of CSV rows pasted into a text ({@code id,name,contact} then
 * {@code 1,"Jane",4155552671}): {@code ssn} at the top of the column names every value in it, as
 * a column name does in a CSV file. In CSV rows, commas inside double quotes do not count, and only
 * a short header cell counts (a line of prose above a row is no header). Bounded: the value's line and the lines above it are read only
 * within {@link #MAX_LINE} chars each and {@link #MAX_ROWS} rows, so a long table's lower rows and
 * a single huge line cost a fixed amount and find nothing.
 */
final class PipeTables {
    /** Most blanks between a cell's left border and its value (psql pads cells to the column width). */
    static final int MAX_PAD = 64;
    static final int MAX_LINE = 4096;
    /** Rows above the value searched for the header. */
    static final int MAX_ROWS = 200;

    private PipeTables() {}

    /**
     * The header cell of the column holding [start, end) as [from, to) packed into a long
     * (from << 32 | to), or -1 if the value is not in a pipe table with a header row above it.
     */
    static long headerCell(CharSequence text, int start) {
        // The value fills its cell: only blanks between it and the cell's left border. O(1) on
        // text that is not a table, which is nearly all text.
        int pipe = start - 1;
        while (pipe >= 0 && start - pipe <= MAX_PAD && (text.charAt(pipe) == ' ' || text.charAt(pipe) == '\t')) {
            pipe--;
        }
        if (pipe < 0 || (text.charAt(pipe) != '|' && text.charAt(pipe) != ',')) {
            return -1;
        }
        char delimiter = text.charAt(pipe);
        long cell = headerCell(text, start, pipe, delimiter);
        return delimiter == ',' && cell >= 0 && (int) cell - (int) (cell >>> 32) > MAX_CSV_HEADER ? -1 : cell;
    }

    /** Longest CSV header cell that counts: a column name, not a sentence. */
    static final int MAX_CSV_HEADER = 40;

    private static long headerCell(CharSequence text, int start, int pipe, char delimiter) {
        int lineStart = lineStart(text, pipe);
        if (lineStart < 0) {
            return -1;
        }
        int column = 0;
        boolean quoted = false;
        for (int k = lineStart; k < start; k++) {
            char c = text.charAt(k);
            quoted ^= delimiter == ',' && c == '"';
            if (c == delimiter && !quoted) {
                column++;
            }
        }
        if (quoted) {
            return -1; // the value is inside a quoted CSV cell, not a cell of its own
        }
        // Walk up the block of table lines; the header is its topmost line that is not a rule.
        int header = -1;
        int lineEnd = lineStart - 1; // the '\n' ending the line above
        boolean top = lineEnd < 0;
        for (int rows = 0; !top && rows < MAX_ROWS; rows++) {
            int ls = lineStart(text, lineEnd);
            if (ls < 0) {
                return -1; // a line too long to be a table row: no header known
            }
            int kind = kind(text, ls, lineEnd, delimiter);
            if (kind == 0) {
                top = true;
                break;
            }
            if (kind == 2) {
                header = ls;
            }
            lineEnd = ls - 1;
            top = lineEnd < 0;
        }
        if (!top || header < 0) {
            return -1; // the table's top is further up than we look: a data row is no header
        }
        int count = 0;
        int from = header;
        int n = text.length();
        boolean inQuotes = false;
        for (int k = header; k < n && text.charAt(k) != '\n'; k++) {
            inQuotes ^= delimiter == ',' && text.charAt(k) == '"';
            if (text.charAt(k) == delimiter && !inQuotes) {
                if (count == column) {
                    return (long) from << 32 | k;
                }
                count++;
                from = k + 1;
            }
        }
        return count == column ? (long) from << 32 | lineEndAt(text, from) : -1;
    }

    /** Where the line holding position {@code at} starts, or -1 if that is more than MAX_LINE back. */
    private static int lineStart(CharSequence text, int at) {
        for (int k = at; k >= 0 && at - k <= MAX_LINE; k--) {
            if (k == 0) {
                return 0;
            }
            if (text.charAt(k - 1) == '\n') {
                return k;
            }
        }
        return -1;
    }

    private static int lineEndAt(CharSequence text, int from) {
        int k = from;
        while (k < text.length() && text.charAt(k) != '\n' && text.charAt(k) != '\r') {
            k++;
        }
        return k;
    }

    /** 0: not a table line; 1: a rule ({@code |---|:--|}, {@code ----+----}); 2: a row with the delimiter. */
    private static int kind(CharSequence text, int from, int to, char delimiter) {
        boolean pipe = false;
        boolean rule = delimiter == '|';
        boolean dash = false;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            pipe |= c == delimiter;
            dash |= c == '-' || c == '=';
            rule &= c == '-' || c == '=' || c == '+' || c == ':' || c == '|' || c == ' ' || c == '\r' || c == '\t';
        }
        if (rule && dash) {
            return 1;
        }
        return pipe ? 2 : 0;
    }
}
