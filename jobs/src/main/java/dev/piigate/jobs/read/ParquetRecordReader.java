package dev.piigate.jobs.read;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet, row by row through parquet-hadoop's example {@link Group} API, each file with its own
 * footer schema (a dataset whose files differ has every column of every file scanned; Spark's
 * {@code mergeSchema=false} would read one file's). Record = row index. Delivered: every string
 * (BINARY), integer (INT32/INT64, as a card or SSN can be stored as a number) and decimal leaf,
 * with a path {@code col}, {@code struct.field}, {@code arr[3]}, {@code map.key}; map keys are
 * data and are delivered too, under the map's path. Not delivered: booleans, floating point,
 * INT96, dates and timestamps, BSON, UUID and other fixed-length binary.
 *
 * <p>A value longer than {@link ReadLimits#maxValueChars()} keeps its first characters and the
 * object ends PARTIAL/TOO_LARGE. A file that is not Parquet or has a damaged footer is
 * SKIPPED/CORRUPT; a page that fails to decode after rows were delivered ends it PARTIAL/CORRUPT.
 */
final class ParquetRecordReader implements RecordReader {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Override
    public ReadResult read(FileSystem fs, Path path, Configuration conf, ReadLimits limits, RecordSink sink)
            throws IOException {
        Configuration readConf = new Configuration(conf);
        // A projection left in the configuration would hide columns: always read the footer schema.
        readConf.unset(ReadSupport.PARQUET_READ_SCHEMA);
        InputFile file = HadoopInputFile.fromStatus(fs.getFileStatus(path), readConf);
        TrackingSink records = new TrackingSink(sink);
        Walk walk = new Walk(records, limits.maxValueChars());
        long row = 0;
        try (ParquetReader<Group> reader = new GroupReaderBuilder(file).withConf(readConf).build()) {
            for (Group group = reader.read(); group != null; group = reader.read()) {
                records.startRecord(row);
                walk.fields(group, group.getType(), new StringBuilder());
                records.endRecord();
                if (walk.tooLong != null) {
                    walk.problems.add(StatusReason.TOO_LARGE,
                            "row " + row + " " + walk.tooLong + ": value longer than " + limits.maxValueChars()
                                    + " characters, cut");
                    walk.tooLong = null;
                }
                row++;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IOException io && !isParquetDataFailure(io)) {
                throw io;
            }
            records.closeOpenRecord();
            String detail = (row == 0 ? "unreadable Parquet file: " : "row " + row + ": ") + Inputs.describe(e);
            return row == 0 ? ReadResult.skipped(StatusReason.CORRUPT, detail)
                    : ReadResult.partial(StatusReason.CORRUPT, detail);
        }
        return walk.problems.result();
    }

    /**
     * Storage failures propagate (the caller maps them); a short file or a footer that does not
     * decode is bad data. Parquet reports the latter as IOExceptions from its own code.
     */
    private static boolean isParquetDataFailure(IOException e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String name = c.getClass().getName();
            if (c instanceof EOFException || name.startsWith("org.apache.parquet.")
                    || name.startsWith("shaded.parquet.")) {
                return true;
            }
            for (StackTraceElement frame : c.getStackTrace()) {
                // Thrown by Parquet's footer decoding, not by the file system under it.
                if (frame.getClassName().startsWith("org.apache.parquet.format.")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }

    /** Walks one row and delivers its leaves; holds no more than the row Parquet already built. */
    private static final class Walk {
        private final RecordSink sink;
        private final int maxChars;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        final Problems problems = new Problems();
        /** Path of the first value cut in the current row (a schema path, not data), or null. */
        String tooLong;

        Walk(RecordSink sink, int maxChars) {
            this.sink = sink;
            this.maxChars = maxChars;
        }

        void fields(Group group, GroupType type, StringBuilder path) {
            for (int i = 0; i < type.getFieldCount(); i++) {
                Type field = type.getType(i);
                int count = group.getFieldRepetitionCount(i);
                for (int r = 0; r < count; r++) {
                    int before = path.length();
                    appendName(path, field.getName());
                    if (field.isRepetition(Type.Repetition.REPEATED)) {
                        path.append('[').append(r).append(']');
                    }
                    node(field, group, i, r, path);
                    path.setLength(before);
                }
            }
        }

        /** The value at {@code parent[fieldIndex][repetition]}, whose path is {@code path}. */
        private void node(Type type, Group parent, int fieldIndex, int repetition, StringBuilder path) {
            if (type.isPrimitive()) {
                String text = primitive(type.asPrimitiveType(), parent, fieldIndex, repetition);
                if (text != null) {
                    sink.value(path.toString(), text);
                }
                return;
            }
            GroupType groupType = type.asGroupType();
            Group group = parent.getGroup(fieldIndex, repetition);
            LogicalTypeAnnotation annotation = groupType.getLogicalTypeAnnotation();
            if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                    && groupType.getFieldCount() == 1 && groupType.getType(0).isRepetition(Type.Repetition.REPEATED)) {
                list(groupType, group, path);
            } else if ((annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                    || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
                    && groupType.getFieldCount() == 1 && !groupType.getType(0).isPrimitive()
                    && groupType.getType(0).asGroupType().getFieldCount() >= 1) {
                map(groupType, group, path);
            } else {
                fields(group, groupType, path);
            }
        }

        /** LIST: three-level ({@code repeated group list { element }}) or legacy two-level. */
        private void list(GroupType listType, Group list, StringBuilder path) {
            Type repeated = listType.getType(0);
            boolean threeLevel = !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1;
            int count = list.getFieldRepetitionCount(0);
            for (int j = 0; j < count; j++) {
                int before = path.length();
                path.append('[').append(j).append(']');
                if (threeLevel) {
                    Group wrapper = list.getGroup(0, j);
                    if (wrapper.getFieldRepetitionCount(0) > 0) {
                        node(repeated.asGroupType().getType(0), wrapper, 0, 0, path);
                    }
                } else {
                    node(repeated, list, 0, j, path);
                }
                path.setLength(before);
            }
        }

        /** MAP: each key delivered under the map's path, each value under {@code map.key}. */
        private void map(GroupType mapType, Group map, StringBuilder path) {
            GroupType keyValue = mapType.getType(0).asGroupType();
            int count = map.getFieldRepetitionCount(0);
            for (int j = 0; j < count; j++) {
                Group entry = map.getGroup(0, j);
                String key = null;
                Type keyType = keyValue.getType(0);
                if (keyType.isPrimitive() && entry.getFieldRepetitionCount(0) > 0) {
                    key = primitive(keyType.asPrimitiveType(), entry, 0, 0);
                }
                if (key != null) {
                    sink.key(path.toString(), key);
                }
                if (keyValue.getFieldCount() < 2 || entry.getFieldRepetitionCount(1) == 0) {
                    continue;
                }
                int before = path.length();
                if (key != null) {
                    appendName(path, key);
                } else {
                    path.append('[').append(j).append(']');
                }
                node(keyValue.getType(1), entry, 1, 0, path);
                path.setLength(before);
            }
        }

        /** Text of a leaf worth scanning, or null. */
        private String primitive(PrimitiveType type, Group group, int field, int repetition) {
            LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
            switch (type.getPrimitiveTypeName()) {
                case BINARY -> {
                    if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
                        return decimal(group.getBinary(field, repetition).getBytes(), decimal.getScale());
                    }
                    if (annotation == null
                            || annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                            || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                            || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                        return text(group.getBinary(field, repetition).toByteBuffer(), type.getName());
                    }
                    return null;
                }
                case FIXED_LEN_BYTE_ARRAY -> {
                    if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
                        return decimal(group.getBinary(field, repetition).getBytes(), decimal.getScale());
                    }
                    return null;
                }
                case INT32, INT64 -> {
                    boolean number = annotation == null
                            || annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation;
                    boolean isLong = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64;
                    if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
                        long unscaled = isLong ? group.getLong(field, repetition) : group.getInteger(field, repetition);
                        return BigDecimal.valueOf(unscaled, decimal.getScale()).toPlainString();
                    }
                    if (!number) {
                        return null;
                    }
                    boolean unsigned = annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation ints
                            && !ints.isSigned();
                    if (isLong) {
                        long v = group.getLong(field, repetition);
                        return unsigned ? Long.toUnsignedString(v) : Long.toString(v);
                    }
                    int v = group.getInteger(field, repetition);
                    return unsigned ? Integer.toUnsignedString(v) : Integer.toString(v);
                }
                default -> {
                    return null;
                }
            }
        }

        private static String decimal(byte[] unscaled, int scale) {
            return new BigDecimal(new BigInteger(unscaled), scale).toPlainString();
        }

        /** UTF-8 with replacement, at most {@code maxChars} characters decoded (UTF-8 never has more chars than bytes). */
        private String text(ByteBuffer bytes, String fieldName) {
            CharBuffer out = CharBuffer.allocate(Math.min(maxChars, bytes.remaining()));
            decoder.reset();
            CoderResult result = decoder.decode(bytes, out, true);
            if (result.isOverflow()) {
                if (tooLong == null) {
                    tooLong = "column " + fieldName;
                }
            } else {
                decoder.flush(out);
            }
            out.flip();
            return out.toString();
        }

        private static void appendName(StringBuilder path, String name) {
            if (IDENTIFIER.matcher(name).matches()) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(name);
            } else {
                JsonLinesReader.appendKey(path, name);
            }
        }
    }
}
