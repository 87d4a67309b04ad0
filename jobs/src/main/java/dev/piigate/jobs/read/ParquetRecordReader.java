package dev.piigate.jobs.read;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet, row by row through parquet-hadoop's example {@link Group} API, each file with its own
 * footer schema (a dataset whose files differ has every column of every file scanned; Spark's
 * {@code mergeSchema=false} would read one file's). Record = row index. Every leaf of every type is
 * delivered, with a path {@code col}, {@code struct.field}, {@code arr[3]}, {@code map.key}; map
 * keys are data and are delivered too, under the map's path (a key that is a group under
 * {@code map[j].key}). Numbers as the detectors read them ({@link NumberText}): integers as digits
 * (unsigned as unsigned), a DECIMAL from its unscaled value, exactly, as its integer (and its plain
 * text when the fraction is not zero), a FLOAT or DOUBLE that holds an integer as that integer's
 * digits (beyond 2^53 the digits the double kept). Dates, times, timestamps and INT96 as ISO-8601
 * text, UUID and INTERVAL as text, booleans as {@code true}/{@code false}; bytes without a type,
 * STRING, ENUM and JSON as UTF-8 text (bad bytes replaced). Bytes of any other type (BSON, a type
 * newer than this reader) are scanned as text and the object ends PARTIAL/UNSUPPORTED_FORMAT, the
 * column named by its schema path and type: no column is skipped silently.
 *
 * <p>A value longer than {@link ReadLimits#maxValueChars()} keeps its first characters and the
 * object ends PARTIAL/TOO_LARGE. A file that is not Parquet or has a damaged footer is
 * SKIPPED/CORRUPT; a page that fails to decode after rows were delivered ends it PARTIAL/CORRUPT.
 *
 * <p>An object larger than {@code limits.splitBytes} is read in splits ({@link #readRange}): each
 * split reads the row groups whose midpoint lies in its byte range ({@link RowGroupSplit}).
 *
 * <p>{@link ParquetRewriter} walks rows with this reader's {@link Walk}, so the redacted copy judges
 * every leaf under the same path and text as the scan.
 */
final class ParquetRecordReader implements RecordReader {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Override
    public ReadResult read(FileSystem fs, Path path, Configuration conf, ReadLimits limits, RecordSink sink)
            throws IOException {
        Configuration readConf = readConf(conf);
        InputFile file = HadoopInputFile.fromStatus(fs.getFileStatus(path), readConf);
        return rows(new GroupReaderBuilder(file).withConf(readConf), null, limits, sink);
    }

    /**
     * Reads the row groups one split owns ({@link RowGroupSplit}), each row numbered as the
     * whole-object read numbers it, with that read's walk, checks and limits. A split that owns no
     * row group reads nothing after the footer and is COMPLETE. Null when the object is to be read
     * whole by its first split (the footer cannot be read, or holds one row group).
     */
    static RangeRead readRange(FileSystem fs, Path path, Configuration conf, ReadLimits limits, RecordSink sink,
            ByteRange range) throws IOException {
        Configuration readConf = readConf(conf);
        InputFile file = HadoopInputFile.fromStatus(fs.getFileStatus(path), readConf);
        RowGroupSplit.Plan plan = RowGroupSplit.plan(file, range);
        if (plan == null) {
            return null;
        }
        if (plan.mismatch() != null) {
            return new RangeRead(ReadResult.skipped(StatusReason.READ_ERROR, plan.mismatch()), RangeRead.Scope.NONE,
                    -1, -1);
        }
        ReadResult result = plan.rowGroups() == 0 ? ReadResult.COMPLETE
                : rows(new GroupReaderBuilder(file).withConf(readConf).withFileRange(range.start(), range.end()), plan,
                        limits, sink);
        return new RangeRead(result, RangeRead.Scope.ROW_GROUPS, plan.firstRow(), plan.endRow());
    }

    static Configuration readConf(Configuration conf) {
        Configuration readConf = new Configuration(conf);
        // A projection left in the configuration would hide columns: always read the footer schema.
        readConf.unset(ReadSupport.PARQUET_READ_SCHEMA);
        // So would a row filter (a predicate or a record filter class): the reader applies either
        // from the configuration, and every row must be read.
        readConf.unset(org.apache.parquet.hadoop.ParquetInputFormat.FILTER_PREDICATE);
        readConf.unset(org.apache.parquet.hadoop.ParquetInputFormat.UNBOUND_RECORD_FILTER);
        return readConf;
    }

    /**
     * Every row {@code builder} reads, numbered from {@code plan}'s first row (from 0 when whole);
     * a split also checks that the rows are the ones its plan says, by number and by Parquet's
     * own row index, else it is not COMPLETE.
     *
     * @param plan null for the whole object
     */
    private static ReadResult rows(ParquetReader.Builder<Group> builder, RowGroupSplit.Plan plan, ReadLimits limits,
            RecordSink sink) throws IOException {
        TrackingSink records = new TrackingSink(sink);
        Walk walk = new Walk(new Delivery(records), limits.maxValueChars());
        long first = plan == null ? 0 : plan.firstRow();
        long row = first;
        String mismatch = null;
        try (ParquetReader<Group> reader = builder.build()) {
            for (Group group = reader.read(); group != null; group = reader.read()) {
                if (plan != null && (row >= plan.endRow() || reader.getCurrentRowIndex() != row)) {
                    mismatch = "row " + row + " read as row " + reader.getCurrentRowIndex() + " of the object, the"
                            + " split's row groups hold rows " + first + " to " + (plan.endRow() - 1);
                    break;
                }
                records.startRecord(row);
                walk.row(group, row);
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
            String detail = (plan == null && row == 0 ? "unreadable Parquet file: " : "row " + row + ": ")
                    + Inputs.describe(e);
            return row == first ? ReadResult.skipped(StatusReason.CORRUPT, detail)
                    : ReadResult.partial(StatusReason.CORRUPT, detail);
        }
        if (plan != null && mismatch == null && row != plan.endRow()) {
            mismatch = "read rows " + first + " to " + (row - 1) + ", the split's row groups hold rows " + first + " to "
                    + (plan.endRow() - 1);
        }
        if (mismatch != null) {
            // Not the rows the footer gave this split: its numbers or its share of the object are in doubt.
            return row == first ? ReadResult.skipped(StatusReason.READ_ERROR, mismatch)
                    : ReadResult.partial(StatusReason.READ_ERROR, mismatch);
        }
        return walk.problems.result();
    }

    /**
     * Storage failures propagate (the caller maps them); a short file or a footer that does not
     * decode is bad data. Parquet reports the latter as IOExceptions from its own code.
     */
    static boolean isParquetDataFailure(IOException e) {
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

    static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }

    /**
     * What the walk does with each leaf's text: the reader delivers it to its sink
     * ({@link Delivery}), the rewriter redacts it and notes where its replacement goes.
     */
    interface Leaves {
        /**
         * The leaf {@code parent[field][repetition]} of {@code type}, read as {@code text}, under {@code path}.
         *
         * @return false when {@code text} is a number whose integer is too long to write out
         *         ({@link NumberText#TOO_LONG}): the object is not COMPLETE
         */
        boolean value(String path, String text, PrimitiveType type, Group parent, int field, int repetition);

        /** A primitive map key, the leaf {@code entry[0][0]}, under the map's path; as {@link #value}. */
        boolean key(String path, String key, PrimitiveType type, Group entry);
    }

    /** The reader's leaves: each text to the sink, a number as {@link NumberText} delivers it. */
    private record Delivery(RecordSink sink) implements Leaves {
        @Override
        public boolean value(String path, String text, PrimitiveType type, Group parent, int field, int repetition) {
            return NumberText.deliver(sink, path, text);
        }

        @Override
        public boolean key(String path, String key, PrimitiveType type, Group entry) {
            return NumberText.deliverKey(sink, path, key);
        }
    }

    /** Walks one row and hands its leaves on; holds no more than the row Parquet already built. */
    static final class Walk {
        private static final long NANOS_PER_DAY = 86_400_000_000_000L;
        /** Julian day number of 1970-01-01, the epoch of INT96 timestamps' day part. */
        private static final long JULIAN_EPOCH_DAY = 2_440_588L;
        /** About 1,200 digits: far beyond any writer's DECIMAL (Spark's stops at 38 digits, 16 bytes). */
        private static final int MAX_DECIMAL_BYTES = 500;

        private final Leaves leaves;
        private final int maxChars;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        final Problems problems = new Problems();
        /** Path of the first value cut in the current row (a schema path, not data), or null. */
        String tooLong;
        /** The row being walked, for problem details. */
        long row;
        /** Schema path of each leaf: details name columns by these, never by a path holding a map key. */
        private Map<Type, String> columns;
        /** Columns already reported as not decoded: one problem per column, not one per row. */
        private final Set<String> reported = new HashSet<>();

        Walk(Leaves leaves, int maxChars) {
            this.leaves = leaves;
            this.maxChars = maxChars;
        }

        void row(Group group, long index) {
            row = index;
            if (columns == null) {
                columns = new IdentityHashMap<>();
                schemaPaths(group.getType(), "", columns);
            }
            fields(group, group.getType(), new StringBuilder());
        }

        private static void schemaPaths(GroupType type, String prefix, Map<Type, String> out) {
            for (Type field : type.getFields()) {
                String path = prefix.isEmpty() ? field.getName() : prefix + "." + field.getName();
                if (field.isPrimitive()) {
                    out.put(field, path);
                } else {
                    schemaPaths(field.asGroupType(), path, out);
                }
            }
        }

        String column(Type type) {
            String path = columns.get(type);
            return path == null ? type.getName() : path;
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
                PrimitiveType primitive = type.asPrimitiveType();
                deliver(path.toString(), primitive(primitive, parent, fieldIndex, repetition), primitive, parent,
                        fieldIndex, repetition);
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
                    && isMapShape(groupType)) {
                map(groupType, group, path);
            } else {
                // Any other group, a list or map of an odd shape included: every field by its name.
                fields(group, groupType, path);
            }
        }

        /** {@code repeated group key_value { key; [value;] }}, neither of them repeated. */
        private static boolean isMapShape(GroupType mapType) {
            if (mapType.getFieldCount() != 1 || mapType.getType(0).isPrimitive()) {
                return false;
            }
            GroupType keyValue = mapType.getType(0).asGroupType();
            if (keyValue.getFieldCount() < 1 || keyValue.getFieldCount() > 2) {
                return false;
            }
            for (Type t : keyValue.getFields()) {
                if (t.isRepetition(Type.Repetition.REPEATED)) {
                    return false;
                }
            }
            return true;
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
                    Type element = repeated.asGroupType().getType(0);
                    int elements = wrapper.getFieldRepetitionCount(0);
                    for (int r = 0; r < elements; r++) {
                        int inner = path.length();
                        if (element.isRepetition(Type.Repetition.REPEATED)) {
                            path.append('[').append(r).append(']');
                        }
                        node(element, wrapper, 0, r, path);
                        path.setLength(inner);
                    }
                } else {
                    node(repeated, list, 0, j, path);
                }
                path.setLength(before);
            }
        }

        /**
         * MAP: a primitive key is delivered under the map's path and names its value's path
         * ({@code map.key}); a key that is a group has its leaves delivered under
         * {@code map[j].<key name>} and its value under {@code map[j]}.
         */
        private void map(GroupType mapType, Group map, StringBuilder path) {
            GroupType keyValue = mapType.getType(0).asGroupType();
            Type keyType = keyValue.getType(0);
            int count = map.getFieldRepetitionCount(0);
            for (int j = 0; j < count; j++) {
                Group entry = map.getGroup(0, j);
                String key = null;
                if (entry.getFieldRepetitionCount(0) > 0) {
                    if (keyType.isPrimitive()) {
                        key = primitive(keyType.asPrimitiveType(), entry, 0, 0);
                        deliverKey(path.toString(), key, keyType.asPrimitiveType(), entry);
                    } else {
                        int before = path.length();
                        path.append('[').append(j).append(']');
                        appendName(path, keyType.getName());
                        node(keyType, entry, 0, 0, path);
                        path.setLength(before);
                    }
                }
                if (keyValue.getFieldCount() < 2 || entry.getFieldRepetitionCount(1) == 0) {
                    continue;
                }
                int before = path.length();
                if (key != null) {
                    appendName(path, NumberText.pathKey(key));
                } else {
                    path.append('[').append(j).append(']');
                }
                node(keyValue.getType(1), entry, 1, 0, path);
                path.setLength(before);
            }
        }

        private void deliverKey(String path, String key, PrimitiveType type, Group entry) {
            if (!leaves.key(path, key, type, entry)) {
                problems.add(StatusReason.TOO_LARGE, "row " + row + ": a map key that is " + NumberText.TOO_LONG);
            }
        }

        private void deliver(String path, String text, PrimitiveType type, Group parent, int field, int repetition) {
            if (!leaves.value(path, text, type, parent, field, repetition)) {
                // Only a string can be such a number: numeric columns never need an exponent here.
                problems.add(StatusReason.TOO_LARGE, "row " + row + ": " + NumberText.TOO_LONG);
            }
        }

        /**
         * The text of a leaf, whatever its type: a reader that skips a column lets whatever it
         * holds through unscanned. Bytes of a type we do not decode are scanned as UTF-8 text and
         * the object is not COMPLETE (UNSUPPORTED_FORMAT, naming the column and its type).
         */
        private String primitive(PrimitiveType type, Group group, int field, int repetition) {
            LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
            return switch (type.getPrimitiveTypeName()) {
                case BOOLEAN -> Boolean.toString(group.getBoolean(field, repetition));
                case INT32 -> int32(type, annotation, group.getInteger(field, repetition));
                case INT64 -> int64(type, annotation, group.getLong(field, repetition));
                case FLOAT -> NumberText.plain(group.getFloat(field, repetition));
                case DOUBLE -> NumberText.plain(group.getDouble(field, repetition));
                case INT96 -> int96(group.getInt96(field, repetition).getBytes());
                case BINARY, FIXED_LEN_BYTE_ARRAY -> bytes(type, annotation, group.getBinary(field, repetition));
            };
        }

        private String int32(PrimitiveType type, LogicalTypeAnnotation annotation, int v) {
            if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
                return decimal(type, BigInteger.valueOf(v), decimal.getScale());
            }
            if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                return LocalDate.ofEpochDay(v).toString();
            }
            if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation time) {
                return time(v, time.getUnit());
            }
            if (annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation ints && !ints.isSigned()) {
                return Integer.toUnsignedString(v);
            }
            return Integer.toString(v);
        }

        private String int64(PrimitiveType type, LogicalTypeAnnotation annotation, long v) {
            if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
                return decimal(type, BigInteger.valueOf(v), decimal.getScale());
            }
            if (annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
                return timestamp(v, timestamp.getUnit(), timestamp.isAdjustedToUTC());
            }
            if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation time) {
                return time(v, time.getUnit());
            }
            if (annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation ints && !ints.isSigned()) {
                return Long.toUnsignedString(v);
            }
            return Long.toString(v);
        }

        private static long nanosPer(LogicalTypeAnnotation.TimeUnit unit) {
            return switch (unit) {
                case MILLIS -> 1_000_000L;
                case MICROS -> 1_000L;
                case NANOS -> 1L;
            };
        }

        /** Time of day; a value outside the day is delivered as the number it is. */
        private static String time(long v, LogicalTypeAnnotation.TimeUnit unit) {
            long per = nanosPer(unit);
            if (v < 0 || v >= NANOS_PER_DAY / per) {
                return Long.toString(v);
            }
            return LocalTime.ofNanoOfDay(v * per).toString();
        }

        /** ISO-8601, with {@code Z} when the value is an instant; out of range, the number it is. */
        private static String timestamp(long v, LogicalTypeAnnotation.TimeUnit unit, boolean utc) {
            long perSecond = 1_000_000_000L / nanosPer(unit);
            long seconds = Math.floorDiv(v, perSecond);
            int nanos = (int) (Math.floorMod(v, perSecond) * nanosPer(unit));
            try {
                return utc ? Instant.ofEpochSecond(seconds, nanos).toString()
                        : LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC).toString();
            } catch (DateTimeException e) {
                return Long.toString(v);
            }
        }

        /** Legacy timestamp: nanoseconds of the day (8 bytes) and Julian day (4 bytes), little-endian. */
        private static String int96(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            long nanosOfDay = b.getLong(0);
            int julianDay = b.getInt(8);
            try {
                return LocalDate.ofEpochDay(julianDay - JULIAN_EPOCH_DAY).atStartOfDay().plusNanos(nanosOfDay)
                        .toString();
            } catch (DateTimeException | ArithmeticException e) {
                return "julian day " + julianDay + " nanos " + nanosOfDay;
            }
        }

        private String bytes(PrimitiveType type, LogicalTypeAnnotation annotation, Binary value) {
            if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
                if (value.length() > MAX_DECIMAL_BYTES) {
                    // BigInteger's decimal text costs quadratic time: a hostile value must not stall the task.
                    String column = column(type);
                    if (reported.add(column)) {
                        problems.add(StatusReason.TOO_LARGE, "row " + row + " column " + column + " ("
                                + describe(type) + "): unscaled value of " + value.length() + " bytes, not decoded");
                    }
                    return "";
                }
                byte[] unscaled = value.getBytes();
                return unscaled.length == 0 ? notDecoded(type, value)
                        : decimal(type, new BigInteger(unscaled), decimal.getScale());
            }
            if (annotation == null
                    || annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                // Bytes without a type are text if anything: a number stored as text, a code, a name.
                return text(value.toByteBuffer(), type);
            }
            if (annotation instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation && value.length() == 16) {
                ByteBuffer b = value.toByteBuffer();
                return new UUID(b.getLong(b.position()), b.getLong(b.position() + 8)).toString();
            }
            if (annotation instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation && value.length() == 12) {
                ByteBuffer b = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                int at = b.position();
                return "P" + Integer.toUnsignedString(b.getInt(at)) + "M" + Integer.toUnsignedString(b.getInt(at + 4))
                        + "D " + Integer.toUnsignedString(b.getInt(at + 8)) + "ms";
            }
            return notDecoded(type, value);
        }

        /** BSON and any type this reader does not know: its bytes as text, and not COMPLETE. */
        private String notDecoded(PrimitiveType type, Binary value) {
            String column = column(type);
            if (reported.add(column)) {
                problems.add(StatusReason.UNSUPPORTED_FORMAT, "row " + row + " column " + column + " ("
                        + describe(type) + "): not decoded, its bytes scanned as text");
            }
            return text(value.toByteBuffer(), type);
        }

        static String describe(PrimitiveType type) {
            LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
            return type.getPrimitiveTypeName() + (annotation == null ? "" : " " + annotation);
        }

        /**
         * The plain decimal text of {@code unscaled × 10^-scale}; a scale Parquet does not allow
         * (negative, or longer than any number we write out) leaves the unscaled digits and the
         * object not COMPLETE.
         */
        private String decimal(PrimitiveType type, BigInteger unscaled, int scale) {
            if (scale < 0 || scale > NumberText.MAX_INTEGER_DIGITS) {
                String column = column(type);
                if (reported.add(column)) {
                    problems.add(StatusReason.UNSUPPORTED_FORMAT, "row " + row + " column " + column + " ("
                            + describe(type) + "): scale out of range, unscaled digits scanned");
                }
                return unscaled.toString();
            }
            return new BigDecimal(unscaled, scale).toPlainString();
        }

        /** UTF-8 with replacement, at most {@code maxChars} characters decoded (UTF-8 never has more chars than bytes). */
        private String text(ByteBuffer bytes, PrimitiveType type) {
            CharBuffer out = CharBuffer.allocate(Math.min(maxChars, bytes.remaining()));
            decoder.reset();
            CoderResult result = decoder.decode(bytes, out, true);
            if (result.isOverflow()) {
                if (tooLong == null) {
                    tooLong = "column " + column(type);
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
