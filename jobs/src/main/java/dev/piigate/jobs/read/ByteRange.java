package dev.piigate.jobs.read;

/**
 * One split of an object: bytes {@code [start, end)} as planned, the {@code index}-th of
 * {@code count}. The records a split owns are the lines that start after the first line break at
 * or after {@code start} (split 0: at byte 0) and run through the first line break at or past
 * {@code end} ({@link LineRangeStream}), so neighbouring splits meet exactly at a line start.
 */
public record ByteRange(int index, int count, long start, long end) {
    public ByteRange {
        if (count < 2 || index < 0 || index >= count || start < 0 || end <= start || (index == 0) != (start == 0)) {
            throw new IllegalArgumentException("not a split: " + index + " of " + count + ", " + start + "-" + end);
        }
    }

    public boolean first() {
        return index == 0;
    }

    public boolean last() {
        return index == count - 1;
    }
}
