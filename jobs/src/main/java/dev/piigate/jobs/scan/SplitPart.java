package dev.piigate.jobs.scan;

/**
 * What one split of an object tells the merge besides its counts ({@link SplitMerge}): which split
 * it is, what it read ({@code scope}: a {@link dev.piigate.jobs.read.RangeRead.Scope} name), where
 * its lines start and end in the object, how many record numbers its lines took (the record base of the
 * splits after it), how many findings it found (written or not: what findings/ keeps of it), and
 * the modification time it looked up before reading (the merge checks all splits saw one object).
 *
 * @param firstByte -1 unless scope is LINES or LINES_UNSURE; for ROW_GROUPS (Parquet) its first row's
 *                  number in the object
 * @param endByte   -1 unless scope is LINES or LINES_UNSURE; for ROW_GROUPS the number just past its
 *                  last row
 * @param lines     record numbers its lines took: its records, but for a text split, one per line (a
 *                  private key block is one record of several lines)
 * @param modified  -1 when the look-up before reading failed
 */
record SplitPart(int index, int count, String scope, long firstByte, long endByte, long lines, long findings,
        long modified) {
}
