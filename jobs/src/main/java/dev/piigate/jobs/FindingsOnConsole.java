package dev.piigate.jobs;

import java.io.PrintStream;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.piigate.jobs.scan.ScanRows;

/**
 * {@code --show-findings N}: the first N unmasked findings after the summary, one a line as gitleaks
 * prints a leak, {@code object:record:field:start-end TYPE preview}. The object is the masked path
 * and the preview the masked preview, as findings/ writes them: nothing here is not already in
 * findings/. Bounded: Spark takes N rows (a top-N per partition), the driver never sees the rest.
 */
final class FindingsOnConsole {
    private FindingsOnConsole() {}

    /**
     * The unmasked findings as the gate counts them (test values only when they count, none a baseline
     * accepted), in object path, record, start order (then field, end, type: a stable order), at most
     * {@code n}.
     *
     * @param findings {@link dev.piigate.jobs.scan.ScanRows#findings} rows
     */
    static List<Row> first(Dataset<Row> findings, int n, boolean testValuesCount) {
        if (n == 0) {
            return List.of();
        }
        // Accepted findings (--baseline) do not count, so they are not shown; test values are never accepted.
        String unmasked = (testValuesCount ? "masked = false" : "masked = false AND testValue = false")
                + " AND accepted = false";
        return ScanRows.collect(findings.filter(unmasked).orderBy("file", "record", "start", "field", "end", "type")
                .selectExpr("safeFile", "record", "field", "start", "end", "type", "preview").limit(n));
    }

    static void print(PrintStream out, List<Row> rows, int asked) {
        if (asked == 0) {
            return;
        }
        out.println(rows.isEmpty() ? "  no unmasked findings to show"
                : "  unmasked findings, first " + rows.size() + " by object, record and start:");
        rows.forEach(r -> out.println(line(r)));
        out.println();
    }

    /** {@code object:record:field:start-end TYPE preview}; a line break or control character in a name prints as '?'. */
    static String line(Row r) {
        return oneLine(r.getString(0)) + ":" + r.get(1) + ":" + oneLine(r.getString(2)) + ":" + r.get(3) + "-"
                + r.get(4) + " " + oneLine(r.getString(5)) + " " + oneLine(r.getString(6));
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
