package dev.piigate.jobs.read;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Which row groups of a Parquet object one split reads, from the object's footer. A row group
 * belongs to the split whose byte range holds its midpoint: the rule of Parquet's own
 * {@code ParquetInputFormat}, applied here by Parquet's footer filter
 * ({@link ParquetMetadataConverter#range}) so that it is the very rule the reader's
 * {@code withFileRange} applies. Every split parses the same footer, so every split computes every
 * owner alike. The whole-object read numbers rows in footer order; a split's rows are numbered the
 * same way from the footer's row counts ({@link BlockMetaData#getRowIndexOffset}).
 *
 * <p>The object is not split (its first split reads it whole, as an unsplit scan does, with that
 * read's own checks and statuses) when the footer cannot be read (not Parquet, truncated, longer
 * than {@link #MAX_FOOTER_BYTES}, encrypted) or holds fewer than two row groups, or when some row
 * group's midpoint lies outside the object (no split would own it). Each split decides this from
 * the footer alone, so all of them decide alike.
 */
final class RowGroupSplit {
    /** A footer is read into memory by every split: beyond this the object is read whole (as today). */
    static final int MAX_FOOTER_BYTES = 16 * 1024 * 1024;
    /** Magic at both ends, and the footer length before the last one. */
    private static final int TAIL_BYTES = 8;

    /**
     * The rows a split owns: the object's rows {@code firstRow} to {@code firstRow + rows}, read in
     * that order; {@code mismatch} says why they are not one run of row groups (the split must
     * then not count as read), or is null.
     */
    record Plan(long firstRow, long rows, int rowGroups, String mismatch) {
        long endRow() {
            return firstRow + rows;
        }
    }

    private RowGroupSplit() {}

    /**
     * The split's row groups, or null when the object is to be read whole by its first split.
     *
     * @throws IOException from storage while reading the footer (the caller maps it to a status)
     */
    static Plan plan(InputFile file, ByteRange range) throws IOException {
        long size = file.getLength();
        byte[] footer = footer(file, size);
        if (footer == null) {
            return null;
        }
        ParquetMetadata all = parse(footer, ParquetMetadataConverter.NO_FILTER);
        if (all == null || all.getFileMetaData().getEncryptionType() != FileMetaData.EncryptionType.UNENCRYPTED
                || all.getBlocks().size() < 2) {
            return null;
        }
        long total = 0;
        for (BlockMetaData block : all.getBlocks()) {
            if (block.getRowCount() < 0) {
                return null;
            }
            // A plaintext footer over encrypted columns reads as UNENCRYPTED without keys.
            for (ColumnChunkMetaData column : block.getColumns()) {
                if (column.isEncrypted()) {
                    return null;
                }
            }
            total += block.getRowCount();
        }
        ParquetMetadata inside = parse(footer, ParquetMetadataConverter.range(0, size));
        if (inside == null || inside.getBlocks().size() != all.getBlocks().size()) {
            return null; // a midpoint outside the object: no split would read that row group
        }
        ParquetMetadata before = range.first() ? null : parse(footer, ParquetMetadataConverter.range(0, range.start()));
        ParquetMetadata own = parse(footer, ParquetMetadataConverter.range(range.start(), range.end()));
        if ((before == null && !range.first()) || own == null) {
            // Decoded unfiltered but not with a range: a doubt, so this split does not count as read.
            return new Plan(0, 0, 0, "the footer does not decode with a byte range filter");
        }
        return plan(range.first() ? List.of() : before.getBlocks(), own.getBlocks(), range.last() ? total : -1);
    }

    /** @param total the footer's row count, checked by the last split; -1 for the others */
    static Plan plan(List<BlockMetaData> before, List<BlockMetaData> mine, long total) {
        long firstRow = rows(before);
        long rows = rows(mine);
        String mismatch = mismatch(before, mine);
        if (mismatch == null && total >= 0 && firstRow + rows != total) {
            mismatch = "the last split's row groups end at row " + (firstRow + rows) + ", the footer holds " + total;
        }
        return new Plan(firstRow, rows, mine.size(), mismatch);
    }

    /**
     * Why the row groups before this split and its own are not the footer's first row groups in
     * order (row groups not in file order, say), or null: only then are its rows numbered as the
     * whole-object read numbers them, and only then do the splits tile the rows.
     */
    private static String mismatch(List<BlockMetaData> before, List<BlockMetaData> mine) {
        long row = 0;
        for (List<BlockMetaData> blocks : List.of(before, mine)) {
            for (BlockMetaData block : blocks) {
                // The offset counts the rows of every row group before it in the footer.
                if (block.getRowIndexOffset() != row) {
                    return "a row group starting at row " + block.getRowIndexOffset() + " follows row groups that end"
                            + " at row " + row + ": row groups out of file order";
                }
                row += block.getRowCount();
            }
        }
        return null;
    }

    private static long rows(List<BlockMetaData> blocks) {
        long rows = 0;
        for (BlockMetaData block : blocks) {
            rows += block.getRowCount();
        }
        return rows;
    }

    /** The footer's bytes (after a plain {@code PAR1} magic, its length in bounds), or null. */
    private static byte[] footer(InputFile file, long size) throws IOException {
        if (size < ParquetFileWriter.MAGIC.length + TAIL_BYTES) {
            return null;
        }
        try (SeekableInputStream in = file.newStream()) {
            byte[] tail = new byte[TAIL_BYTES];
            in.seek(size - TAIL_BYTES);
            in.readFully(tail);
            // An encrypted footer ends in PARE: not ours to read; the whole read says what it is.
            if (!Arrays.equals(tail, 4, TAIL_BYTES, ParquetFileWriter.MAGIC, 0, ParquetFileWriter.MAGIC.length)) {
                return null;
            }
            long length = Integer.toUnsignedLong(ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (length == 0 || length > MAX_FOOTER_BYTES
                    || length > size - TAIL_BYTES - ParquetFileWriter.MAGIC.length) {
                return null;
            }
            byte[] footer = new byte[(int) length];
            in.seek(size - TAIL_BYTES - length);
            in.readFully(footer);
            return footer;
        } catch (EOFException e) {
            return null; // shorter than its size said: the whole read reports it
        }
    }

    /** The footer decoded with {@code filter}, or null when it does not decode. */
    private static ParquetMetadata parse(byte[] footer, ParquetMetadataConverter.MetadataFilter filter) {
        try {
            return new ParquetMetadataConverter().readParquetMetadata(new ByteArrayInputStream(footer), filter);
        } catch (IOException | RuntimeException e) {
            // Bytes in memory: any failure is the footer's (Thrift, a bad schema, an encrypted column).
            return null;
        }
    }
}
