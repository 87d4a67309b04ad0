package dev.piigate.jobs.read;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetRuntimeException;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * The redacted copy of a Parquet object. Rows are read with the scan's own walk
 * ({@link ParquetRecordReader.Walk}), so every leaf and map key is judged under the scan's path and
 * text (numbers as {@link NumberText} delivers them, dates as ISO text), and written back with the
 * same schema, the footer's key-value metadata (Spark's row metadata included), the compression
 * codec of the first column chunk and row groups of about the input's largest compressed row group
 * (the writer cuts by buffered size, so the count of row groups may differ).
 *
 * <p>A row without a replacement is written with the values it was read with. A replacement goes
 * in place into a BINARY leaf that is text (no type, STRING, ENUM, JSON); its other bytes are kept
 * by refusing, CORRUPT, a replaced value whose bytes are not valid UTF-8 (the scan read them with
 * replacement characters). A finding in a leaf of any other type (numbers, decimals, dates,
 * timestamps, UUID, INT96, fixed-length bytes) cannot hold its replacement: the row is left out of
 * the copy ({@link ValueRedactor#dropRecord}). A text leaf that is wholly a decimal number whose
 * integer holds a finding (the scan reads a text such as {@code 4.5E15} by its digits) becomes that
 * integer's replacement. Whatever the scan could not read whole (a value over
 * {@link ReadLimits#maxValueChars()}, a column of a type it does not decode, a page that does not
 * decode) ends the copy not COMPLETE, the detail naming the row and column, never a value.
 */
final class ParquetRewriter implements RecordRewriter {
    /** Smaller pages cost more in page headers and statistics than they save. */
    private static final int MIN_PAGE_BYTES = 4 * 1024;

    @Override
    public ReadResult rewrite(FileSystem fs, Path in, Configuration conf, ReadLimits limits, ValueRedactor redactor,
            FileSystem outFs, Path out) throws IOException {
        Configuration readConf = ParquetRecordReader.readConf(conf);
        InputFile file = HadoopInputFile.fromStatus(fs.getFileStatus(in), readConf);
        ParquetMetadata footer;
        try (ParquetFileReader reader = ParquetFileReader.open(file)) {
            footer = reader.getFooter();
        } catch (IOException | RuntimeException e) {
            return unreadable(e, 0);
        }
        CompressionCodecName codec = codec(footer.getBlocks());
        long rowGroupBytes = rowGroupBytes(footer.getBlocks());
        ParquetWriter<Rewritten> writer;
        try {
            writer = new Writer(new FsOutputFile(outFs, out), footer.getFileMetaData().getSchema(),
                    footer.getFileMetaData().getKeyValueMetaData())
                    .withConf(conf)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(codec)
                    .withRowGroupSize(rowGroupBytes)
                    .withPageSize(pageBytes(rowGroupBytes, footer.getFileMetaData().getSchema()))
                    .build();
        } catch (ParquetRuntimeException e) {
            // The codec's class is not here (LZO, BROTLI): the copy cannot be written as the object is.
            return ReadResult.skipped(StatusReason.UNSUPPORTED_FORMAT,
                    "compressed with " + codec + ", which the copy cannot be written in: " + Inputs.describe(e));
        }
        try (writer) {
            ParquetReader<Group> reader;
            try {
                reader = new ParquetRecordReader.GroupReaderBuilder(file).withConf(readConf).build();
            } catch (IOException | RuntimeException e) {
                return unreadable(e, 0);
            }
            try (reader) {
                return copyRows(reader, writer, limits, redactor, rows(footer.getBlocks()));
            }
        }
    }

    /** @param footerRows the rows the footer says the object holds: the copy reads every one of them or is not COMPLETE */
    private static ReadResult copyRows(ParquetReader<Group> reader, ParquetWriter<Rewritten> writer,
            ReadLimits limits, ValueRedactor redactor, long footerRows) throws IOException {
        Redaction redaction = new Redaction(redactor);
        ParquetRecordReader.Walk walk = new ParquetRecordReader.Walk(redaction, limits.maxValueChars());
        redaction.walk = walk;
        for (long row = 0;; row++) {
            Group group;
            try {
                group = reader.read();
            } catch (IOException | RuntimeException e) {
                return unreadable(e, row);
            }
            if (group == null) {
                // A record filter left in the configuration would drop rows unseen: the copy would lose them.
                return row == footerRows ? ReadResult.COMPLETE
                        : ReadResult.partial(StatusReason.READ_ERROR,
                                "read " + row + " rows, the footer holds " + footerRows);
            }
            redactor.startRecord(row);
            redaction.startRow(row);
            try {
                walk.row(group, row);
            } catch (ValueRedactor.Unredactable e) {
                throw e;
            } catch (RuntimeException e) {
                // As the reader: a row the example Group API cannot hand out is bad data.
                redactor.endRecord();
                return ReadResult.partial(StatusReason.CORRUPT, "row " + row + ": " + Inputs.describe(e));
            }
            boolean keep = redactor.endRecord();
            if (walk.tooLong != null) {
                return ReadResult.partial(StatusReason.TOO_LARGE, "row " + row + " " + walk.tooLong
                        + ": value longer than " + limits.maxValueChars() + " characters, not rewritten");
            }
            ReadResult problems = walk.problems.result();
            if (problems.status() != ScanStatus.COMPLETE) {
                return problems;
            }
            if (redaction.failure != null) {
                return ReadResult.partial(StatusReason.CORRUPT, redaction.failure);
            }
            if (keep) {
                writer.write(new Rewritten(group, redaction.replacements));
            }
        }
    }

    /** Storage failures propagate; data that Parquet cannot decode ends the copy, as the reader says it. */
    private static ReadResult unreadable(Exception e, long row) throws IOException {
        if (e instanceof IOException io && !ParquetRecordReader.isParquetDataFailure(io)) {
            throw io;
        }
        return row == 0 ? ReadResult.skipped(StatusReason.CORRUPT, "unreadable Parquet file: " + Inputs.describe(e))
                : ReadResult.partial(StatusReason.CORRUPT, "row " + row + ": " + Inputs.describe(e));
    }

    private static long rows(List<BlockMetaData> blocks) {
        long rows = 0;
        for (BlockMetaData block : blocks) {
            rows += block.getRowCount();
        }
        return rows;
    }

    /** The first column chunk's codec; an object without row groups has none to keep. */
    private static CompressionCodecName codec(List<BlockMetaData> blocks) {
        if (blocks.isEmpty() || blocks.get(0).getColumns().isEmpty()) {
            return CompressionCodecName.UNCOMPRESSED;
        }
        return blocks.get(0).getColumns().get(0).getCodec();
    }

    /**
     * The input's largest row group, compressed: the writer closes a row group once its buffered
     * bytes pass this, and those are its finished pages, compressed, plus each column's open page.
     */
    private static long rowGroupBytes(List<BlockMetaData> blocks) {
        long largest = 0;
        for (BlockMetaData block : blocks) {
            largest = Math.max(largest, block.getCompressedSize());
        }
        return largest > 0 ? largest : ParquetWriter.DEFAULT_BLOCK_SIZE;
    }

    /**
     * Pages small beside a column's share of the row group, so open pages (uncompressed) weigh
     * little in the writer's count and a row group holds about what the input's did; 1 MiB, the
     * default, for row groups of usual sizes.
     */
    private static int pageBytes(long rowGroupBytes, MessageType schema) {
        long perColumn = rowGroupBytes / Math.max(1, schema.getColumns().size()) / 8;
        return (int) Math.max(MIN_PAGE_BYTES, Math.min(ParquetWriter.DEFAULT_PAGE_SIZE, perColumn));
    }

    /**
     * Where a replacement goes: leaf {@code parent[field][repetition]}, the group by identity (two
     * list elements with equal values are still two places).
     */
    record Slot(Group parent, int field, int repetition) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Slot other && parent == other.parent && field == other.field
                    && repetition == other.repetition;
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(parent) * 31 + field) * 31 + repetition;
        }
    }

    /** A row as read, and the leaves it is written with instead (none for most rows; the map is the walk's, reused). */
    record Rewritten(Group row, Map<Slot, Binary> replacements) {
    }

    /**
     * The walk's leaves for the copy: each text goes to the redactor as the scan's reader delivers
     * it; a changed text is noted for its leaf, or drops the row when the leaf's type cannot hold it.
     */
    private static final class Redaction implements ParquetRecordReader.Leaves {
        private final ValueRedactor redactor;
        ParquetRecordReader.Walk walk;
        final Map<Slot, Binary> replacements = new HashMap<>();
        /** Why the current row cannot be rewritten faithfully (a row and a column, no data), or null. */
        String failure;
        private long row;

        Redaction(ValueRedactor redactor) {
            this.redactor = redactor;
        }

        void startRow(long index) {
            row = index;
            replacements.clear();
            failure = null;
        }

        @Override
        public boolean value(String path, String text, PrimitiveType type, Group parent, int field, int repetition) {
            NumberText.Decimal decimal = NumberText.parse(text);
            if (decimal != null && decimal.integer() == null) {
                return false; // The walk ends the object: the scan could not read this number whole either.
            }
            String replaced = redactedValue(path, text, decimal);
            if (!replaced.equals(text)) {
                hold(replaced, type, parent, field, repetition);
            }
            return true;
        }

        /** {@code text} as redacted, judged in the forms {@link NumberText#deliver} delivers. */
        private String redactedValue(String path, String text, NumberText.Decimal decimal) {
            if (decimal == null) {
                return redactor.replace(path, text);
            }
            String integer = decimal.integer();
            if (decimal.integral() || !integer.equals("0")) {
                String replaced = redactor.replace(path, integer);
                if (!replaced.equals(integer)) {
                    // The number's digits hold the finding: the whole value is that number.
                    return replaced;
                }
                if (decimal.integral()) {
                    return text;
                }
            }
            return redactor.replace(path, text);
        }

        @Override
        public boolean key(String path, String key, PrimitiveType type, Group entry) {
            NumberText.Decimal decimal = NumberText.parse(key);
            String replaced;
            if (decimal == null || decimal.integer() == null) {
                replaced = redactor.replaceKey(path, key);
            } else {
                // As NumberText.deliverKey: the integer, then the key when it has a fraction.
                String integer = decimal.integer();
                replaced = redactor.replaceKey(path, integer);
                if (replaced.equals(integer)) {
                    replaced = !decimal.integral() && !integer.equals("0") ? redactor.replaceKey(path, key) : key;
                }
            }
            if (!replaced.equals(key)) {
                hold(replaced, type, entry, 0, 0);
            }
            return decimal == null || decimal.integer() != null;
        }

        private void hold(String replaced, PrimitiveType type, Group parent, int field, int repetition) {
            if (!holdsText(type)) {
                redactor.dropRecord("a finding in a " + ParquetRecordReader.Walk.describe(type)
                        + " value, which cannot hold its replacement");
                return;
            }
            if (!isUtf8(parent.getBinary(field, repetition))) {
                if (failure == null) {
                    failure = "row " + row + " column " + walk.column(type)
                            + ": bytes that are not UTF-8 in a value that needs a replacement";
                }
                return;
            }
            replacements.put(new Slot(parent, field, repetition), Binary.fromString(replaced));
        }

        /** BINARY that the scan reads as text by its type: the only leaves a replacement text fits. */
        private static boolean holdsText(PrimitiveType type) {
            if (type.getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
                return false;
            }
            LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
            return annotation == null
                    || annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
        }

        /** Strict UTF-8: then the text the scan read encodes back to these very bytes. */
        private static boolean isUtf8(Binary value) {
            try {
                StandardCharsets.UTF_8.newDecoder().decode(value.toByteBuffer());
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }
    }

    private static final class Writer extends ParquetWriter.Builder<Rewritten, Writer> {
        private final MessageType schema;
        private final Map<String, String> metadata;

        Writer(OutputFile file, MessageType schema, Map<String, String> metadata) {
            super(file);
            this.schema = schema;
            this.metadata = metadata;
        }

        @Override
        protected Writer self() {
            return this;
        }

        @Override
        protected WriteSupport<Rewritten> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema, metadata);
        }
    }

    /**
     * Writes a row as parquet's example GroupWriter does, each leaf's value as read unless the row
     * holds a replacement for it. No model name: the footer's key-value metadata is the input's.
     */
    private static final class RowWriteSupport extends WriteSupport<Rewritten> {
        private final MessageType schema;
        private final Map<String, String> metadata;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema, Map<String, String> metadata) {
            this.schema = schema;
            this.metadata = metadata;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, metadata);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Rewritten record) {
            consumer.startMessage();
            fields(record.row(), schema, record.replacements());
            consumer.endMessage();
        }

        private void fields(Group group, GroupType type, Map<Slot, Binary> replacements) {
            for (int i = 0; i < type.getFieldCount(); i++) {
                int count = group.getFieldRepetitionCount(i);
                if (count == 0) {
                    continue;
                }
                Type field = type.getType(i);
                consumer.startField(field.getName(), i);
                for (int r = 0; r < count; r++) {
                    if (field.isPrimitive()) {
                        Binary replacement = replacements.isEmpty() ? null : replacements.get(new Slot(group, i, r));
                        if (replacement != null) {
                            consumer.addBinary(replacement);
                        } else {
                            group.writeValue(i, r, consumer);
                        }
                    } else {
                        consumer.startGroup();
                        fields(group.getGroup(i, r), field.asGroupType(), replacements);
                        consumer.endGroup();
                    }
                }
                consumer.endField(field.getName(), i);
            }
        }
    }

    /** The copy on the caller's file system (the one {@code out} was resolved on). */
    private record FsOutputFile(FileSystem fs, Path path) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, false));
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, true));
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return path.toString();
        }
    }
}
