package dev.piigate.jobs.read;

import static dev.piigate.jobs.read.TestFiles.PLANTED;
import static dev.piigate.jobs.read.TestFiles.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.piigate.jobs.read.RecordingSink.Value;

class ParquetRecordReaderTest {
    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    private static final MessageType PEOPLE;

    static {
        MessageType parsed = MessageTypeParser.parseMessageType("message people {\n"
                + "  required binary name (STRING);\n"
                + "  optional int64 ssn;\n"
                + "  optional group address { optional binary street (STRING); optional binary city (STRING); }\n"
                + "  optional group phones (LIST) { repeated group list { optional binary element (STRING); } }\n"
                + "  optional group contacts (LIST) { repeated group list {\n"
                + "    optional group element { optional binary email (STRING); } } }\n"
                + "  optional group attrs (MAP) { repeated group key_value {\n"
                + "    required binary key (STRING); optional binary value (STRING); } }\n"
                + "  optional int32 born (DATE);\n"
                + "  optional double score;\n"
                + "  optional boolean active;\n"
                + "}");
        List<Type> fields = new ArrayList<>(parsed.getFields());
        fields.add(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("billing details"));
        PEOPLE = new MessageType("people", fields);
    }

    private static final MessageType OTHER = MessageTypeParser.parseMessageType("message other {\n"
            + "  optional binary email (STRING);\n"
            + "  optional int64 amount (DECIMAL(12,2));\n"
            + "  optional int32 pin;\n"
            + "  optional group tags (LIST) { repeated binary tag (STRING); }\n"
            + "}");

    private ReadResult read(Path path, ReadLimits limits, RecordSink sink) throws IOException {
        return Readers.forFormat(Format.PARQUET).read(fs, path, TestFiles.conf(), limits, sink);
    }

    private Path write(String name, MessageType schema, List<Group> rows) throws IOException {
        Path path = new Path(dir.resolve(name).toUri());
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(path).withType(schema)
                .withConf(TestFiles.conf()).build()) {
            for (Group row : rows) {
                writer.write(row);
            }
        }
        return path;
    }

    private Path writePeople(String name) throws IOException {
        SimpleGroupFactory factory = new SimpleGroupFactory(PEOPLE);
        Group jane = factory.newGroup().append("name", "Jane Roe").append("ssn", 123456789L);
        jane.addGroup("address").append("street", "1 Main St").append("city", "Springfield");
        Group phones = jane.addGroup("phones");
        phones.addGroup("list").append("element", "+1 202 555 0143");
        phones.addGroup("list").append("element", "020 7946 0958");
        jane.addGroup("contacts").addGroup("list").addGroup("element").append("email", "jane@example.com");
        Group attrs = jane.addGroup("attrs");
        attrs.addGroup("key_value").append("key", "nickname").append("value", "JR");
        attrs.addGroup("key_value").append("key", "odd key").append("value", PLANTED);
        jane.append("born", 7000).append("score", 4.5).append("active", true);
        jane.append("billing details", "DE89 3704 0044 0532 0130 00");
        Group bob = factory.newGroup().append("name", "Bob");
        return write(name, PEOPLE, List.of(jane, bob));
    }

    /** The local file system's .crc sidecar would catch the damage first (S3 has none): remove it. */
    private static void dropChecksum(java.nio.file.Path file) throws IOException {
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    }

    @Test
    void nestedGroupsListsAndMapsAreDeliveredWithPaths() throws IOException {
        Path path = writePeople("people.parquet");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.indexes()).containsExactly(0L, 1L);
        assertThat(sink.record(0).values()).containsExactly(
                new Value("name", "Jane Roe"),
                new Value("ssn", "123456789"),
                new Value("address.street", "1 Main St"),
                new Value("address.city", "Springfield"),
                new Value("phones[0]", "+1 202 555 0143"),
                new Value("phones[1]", "020 7946 0958"),
                new Value("contacts[0].email", "jane@example.com"),
                new Value("attrs", "nickname"),
                new Value("attrs.nickname", "JR"),
                new Value("attrs", "odd key"),
                new Value("attrs['odd key']", PLANTED),
                // Dates, doubles and booleans are delivered too: a reader skips no column.
                new Value("born", "1989-03-02"),
                new Value("score", "4"),
                new Value("score", "4.5"),
                new Value("active", "true"),
                new Value("['billing details']", "DE89 3704 0044 0532 0130 00"));
        assertThat(sink.record(1).values()).containsExactly(new Value("name", "Bob"));
    }

    @Test
    void eachFileIsReadWithItsOwnSchema() throws IOException {
        Path people = writePeople("part-0.parquet");
        SimpleGroupFactory factory = new SimpleGroupFactory(OTHER);
        Group row = factory.newGroup().append("email", "bob@example.org").append("amount", 123456L).append("pin", 4321);
        Group tags = row.addGroup("tags");
        tags.append("tag", "vip").append("tag", "call 555-0100");
        Path other = write("part-1.parquet", OTHER, List.of(row));

        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        assertThat(read(people, SMALL, first)).isEqualTo(ReadResult.COMPLETE);
        assertThat(read(other, SMALL, second)).isEqualTo(ReadResult.COMPLETE);

        assertThat(first.record(0).fields()).contains("name", "ssn", "['billing details']");
        assertThat(second.record(0).values()).containsExactly(
                new Value("email", "bob@example.org"),
                new Value("amount", "1234"),
                new Value("amount", "1234.56"),
                new Value("pin", "4321"),
                new Value("tags[0]", "vip"),
                new Value("tags[1]", "call 555-0100"));
    }

    @Test
    void aReadSchemaLeftInTheConfigurationDoesNotHideColumns() throws IOException {
        Path path = writePeople("projected.parquet");
        org.apache.hadoop.conf.Configuration conf = TestFiles.conf();
        conf.set("parquet.read.schema", "message people { required binary name (STRING); }");
        RecordingSink sink = new RecordingSink();

        assertThat(Readers.forFormat(Format.PARQUET).read(fs, path, conf, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).fields()).contains("ssn", "address.city");
    }

    /** One column of every primitive type and every logical type parquet-java 1.13 writes. */
    private static final MessageType EVERY_TYPE = MessageTypeParser.parseMessageType("message every {\n"
            + "  required boolean flag;\n"
            + "  required int32 i32;\n"
            + "  required int32 i8 (INTEGER(8,true));\n"
            + "  required int32 u32 (INTEGER(32,false));\n"
            + "  required int64 i64;\n"
            + "  required int64 u64 (INTEGER(64,false));\n"
            + "  required int32 dec32 (DECIMAL(9,0));\n"
            + "  required int64 dec64 (DECIMAL(18,2));\n"
            + "  required fixed_len_byte_array(9) decfixed (DECIMAL(20,2));\n"
            + "  required binary decbin (DECIMAL(38,3));\n"
            + "  required int32 day (DATE);\n"
            + "  required int32 t_ms (TIME(MILLIS,true));\n"
            + "  required int64 t_us (TIME(MICROS,false));\n"
            + "  required int64 t_ns (TIME(NANOS,true));\n"
            + "  required int64 ts_ms (TIMESTAMP(MILLIS,true));\n"
            + "  required int64 ts_us (TIMESTAMP(MICROS,false));\n"
            + "  required int64 ts_ns (TIMESTAMP(NANOS,true));\n"
            + "  required int96 legacy_ts;\n"
            + "  required float f;\n"
            + "  required float f_frac;\n"
            + "  required double d;\n"
            + "  required double d_big;\n"
            + "  required double d_frac;\n"
            + "  required double d_nan;\n"
            + "  required binary s (STRING);\n"
            + "  required binary raw;\n"
            + "  required binary e (ENUM);\n"
            + "  required binary j (JSON);\n"
            + "  required fixed_len_byte_array(16) u (UUID);\n"
            + "  required fixed_len_byte_array(12) iv (INTERVAL);\n"
            + "  required fixed_len_byte_array(16) fixed_text;\n"
            + "}");

    @Test
    void everyPrimitiveAndLogicalTypeIsDeliveredAsTextTheDetectorsRead() throws IOException {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        ByteBuffer uuidBytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        ByteBuffer interval = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(2).putInt(3);
        Group row = new SimpleGroupFactory(EVERY_TYPE).newGroup()
                .append("flag", true)
                .append("i32", -287654321)
                .append("i8", -5)
                .append("u32", -1)
                .append("i64", 4550112159504165L)
                .append("u64", -1L)
                .append("dec32", 287654321)
                .append("dec64", 455011215950416500L)
                .append("decfixed", Binary.fromConstantByteArray(fixed(BigInteger.valueOf(455011215950416512L), 9)))
                .append("decbin", Binary.fromConstantByteArray(BigInteger.valueOf(-287654321000L).toByteArray()))
                .append("day", 19000)
                .append("t_ms", 45296789)
                .append("t_us", 45296789012L)
                .append("t_ns", 45296789012345L)
                .append("ts_ms", 1700000000123L)
                .append("ts_us", 1700000000123456L)
                .append("ts_ns", 1700000000123456789L)
                .append("legacy_ts", new NanoTime(2460000, 3_600_000_000_001L))
                .append("f", 12345678f)
                .append("f_frac", 0.1f)
                .append("d", 4550112159504165.0)
                .append("d_big", 1.0E19)
                .append("d_frac", 287654321.5)
                .append("d_nan", Double.NaN)
                .append("s", "287654321.0")
                .append("raw", Binary.fromString("call 202 555 0143"))
                .append("e", "GOLD")
                .append("j", "{\"ssn\": 287654321}")
                .append("u", Binary.fromConstantByteArray(uuidBytes.array()))
                .append("iv", Binary.fromConstantByteArray(interval.array()))
                .append("fixed_text", Binary.fromString("4550112159504165"));
        Path path = write("every.parquet", EVERY_TYPE, List.of(row));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.record(0).values()).containsExactly(
                new Value("flag", "true"),
                new Value("i32", "-287654321"),
                new Value("i8", "-5"),
                new Value("u32", "4294967295"),
                new Value("i64", "4550112159504165"),
                new Value("u64", "18446744073709551615"),
                new Value("dec32", "287654321"),
                // 4550112159504165.00: the fraction is zero, the integer is all there is.
                new Value("dec64", "4550112159504165"),
                new Value("decfixed", "4550112159504165"),
                new Value("decfixed", "4550112159504165.12"),
                new Value("decbin", "-287654321"),
                new Value("day", LocalDate.ofEpochDay(19000).toString()),
                new Value("t_ms", "12:34:56.789"),
                new Value("t_us", "12:34:56.789012"),
                new Value("t_ns", "12:34:56.789012345"),
                new Value("ts_ms", "2023-11-14T22:13:20.123Z"),
                new Value("ts_us", "2023-11-14T22:13:20.123456"),
                new Value("ts_ns", "2023-11-14T22:13:20.123456789Z"),
                new Value("legacy_ts", LocalDate.ofEpochDay(2460000 - 2440588).atTime(1, 0, 0, 1).toString()),
                new Value("f", "12345678"),
                new Value("f_frac", "0.1"),
                new Value("d", "4550112159504165"),
                // Above 2^53: the digits the double holds.
                new Value("d_big", "10000000000000000000"),
                new Value("d_frac", "287654321"),
                new Value("d_frac", "287654321.5"),
                new Value("d_nan", "NaN"),
                new Value("s", "287654321"),
                new Value("raw", "call 202 555 0143"),
                new Value("e", "GOLD"),
                new Value("j", "{\"ssn\": 287654321}"),
                new Value("u", "123e4567-e89b-12d3-a456-426614174000"),
                new Value("iv", "P1M2D 3ms"),
                new Value("fixed_text", "4550112159504165"));
    }

    /** Big-endian two's complement in exactly {@code length} bytes, as a fixed-length DECIMAL is stored. */
    private static byte[] fixed(BigInteger value, int length) {
        byte[] minimal = value.toByteArray();
        byte[] out = new byte[length];
        java.util.Arrays.fill(out, (byte) (value.signum() < 0 ? 0xFF : 0));
        System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
        return out;
    }

    @Test
    void aDoubleAboveTwoToTheFiftyThirdDeliversTheDigitsItHolds() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message t { required double card_number; }");
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        // 2^53 + 1 cannot be a double: what was written became 2^53. A 16-digit card below 2^53 is exact.
        Path path = write("doubles.parquet", schema, List.of(
                factory.newGroup().append("card_number", 9007199254740993d),
                factory.newGroup().append("card_number", 4111111111111111d),
                factory.newGroup().append("card_number", -0.0)));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allValues()).containsExactly(
                new Value("card_number", "9007199254740992"),
                new Value("card_number", "4111111111111111"),
                new Value("card_number", "0"));
    }

    /** Every nesting shape: lists of structs and of lists, maps keyed by structs, maps of maps and of lists, legacy lists, repeated fields. */
    private static final MessageType NESTED = MessageTypeParser.parseMessageType("message nested {\n"
            + "  optional group people (LIST) { repeated group list { optional group element {\n"
            + "    optional binary name (STRING); optional double ssn; } } }\n"
            + "  optional group grid (LIST) { repeated group list { optional group element (LIST) {\n"
            + "    repeated group list { optional int64 element; } } } }\n"
            + "  optional group by_person (MAP) { repeated group key_value {\n"
            + "    required group key { required binary first (STRING); required int64 ssn; }\n"
            + "    optional binary value (STRING); } }\n"
            + "  optional group outer (MAP) { repeated group key_value { required binary key (STRING);\n"
            + "    optional group value (MAP) { repeated group key_value { required binary key (STRING);\n"
            + "      optional double value; } } } }\n"
            + "  optional group lists (MAP) { repeated group key_value { required int32 key (DATE);\n"
            + "    optional group value (LIST) { repeated group list { optional int64 element (DECIMAL(18,2)); } } } }\n"
            + "  optional group legacy (LIST) { repeated int64 array; }\n"
            + "  repeated binary tags (STRING);\n"
            + "  repeated group contacts { optional binary email (STRING); optional float score; }\n"
            + "}");

    @Test
    void everyNestingShapeHasEveryLeafDelivered() throws IOException {
        Group row = new SimpleGroupFactory(NESTED).newGroup();
        Group people = row.addGroup("people");
        people.addGroup("list").addGroup("element").append("name", "Jane").append("ssn", 287654321.0);
        people.addGroup("list").addGroup("element").append("name", "Bob");
        Group grid = row.addGroup("grid");
        Group inner = grid.addGroup("list").addGroup("element");
        inner.addGroup("list").append("element", 4550112159504165L);
        inner.addGroup("list").append("element", 7L);
        Group byPerson = row.addGroup("by_person").addGroup("key_value");
        byPerson.addGroup("key").append("first", "Jane").append("ssn", 287654321L);
        byPerson.append("value", "note");
        Group outer = row.addGroup("outer").addGroup("key_value").append("key", "cards");
        outer.addGroup("value").addGroup("key_value").append("key", "visa").append("value", 4550112159504165.0);
        Group lists = row.addGroup("lists").addGroup("key_value").append("key", 19000);
        lists.addGroup("value").addGroup("list").append("element", 455011215950416500L);
        row.addGroup("legacy").append("array", 1L).append("array", 2L);
        row.append("tags", "a").append("tags", "4.550112159504165E15");
        row.addGroup("contacts").append("email", "jane@example.com").append("score", 2.5f);
        row.addGroup("contacts").append("email", "bob@example.org");
        Path path = write("nested.parquet", NESTED, List.of(row));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, SMALL, sink)).isEqualTo(ReadResult.COMPLETE);
        String day = LocalDate.ofEpochDay(19000).toString();
        assertThat(sink.record(0).values()).containsExactly(
                new Value("people[0].name", "Jane"),
                new Value("people[0].ssn", "287654321"),
                new Value("people[1].name", "Bob"),
                new Value("grid[0][0]", "4550112159504165"),
                new Value("grid[0][1]", "7"),
                new Value("by_person[0].key.first", "Jane"),
                new Value("by_person[0].key.ssn", "287654321"),
                new Value("by_person[0]", "note"),
                new Value("outer", "cards"),
                new Value("outer.cards", "visa"),
                new Value("outer.cards.visa", "4550112159504165"),
                new Value("lists", day),
                new Value("lists['" + day + "'][0]", "4550112159504165"),
                new Value("legacy[0]", "1"),
                new Value("legacy[1]", "2"),
                new Value("tags[0]", "a"),
                new Value("tags[1]", "4550112159504165"),
                new Value("contacts[0].email", "jane@example.com"),
                new Value("contacts[0].score", "2"),
                new Value("contacts[0].score", "2.5"),
                new Value("contacts[1].email", "bob@example.org"));
    }

    @Test
    void aColumnOfATypeNotDecodedIsScannedAsTextAndTheObjectIsNotComplete() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message t {\n"
                + "  optional group attrs (MAP) { repeated group key_value { required binary key (STRING);\n"
                + "    optional binary value (BSON); } }\n"
                + "  optional binary doc (BSON);\n"
                + "}");
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        Group first = factory.newGroup();
        first.addGroup("attrs").addGroup("key_value").append("key", PLANTED).append("value", "card 4550112159504165");
        first.append("doc", "ssn 287-65-4321");
        Group second = factory.newGroup().append("doc", "again");
        Path path = write("bson.parquet", schema, List.of(first, second));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        // Named by the schema path (never the data path, which holds a map key) and type; once per column.
        assertThat(result).isEqualTo(ReadResult.partial(StatusReason.UNSUPPORTED_FORMAT,
                "row 0 column attrs.key_value.value (BINARY BSON): not decoded, its bytes scanned as text (+1 more)"));
        assertThat(sink.record(0).values()).containsExactly(
                new Value("attrs", PLANTED),
                new Value("attrs['" + PLANTED + "']", "card 4550112159504165"),
                new Value("doc", "ssn 287-65-4321"));
        assertThat(sink.record(1).values()).containsExactly(new Value("doc", "again"));
    }

    @Test
    void aDecimalTooLongToDecodeIsNotDeliveredAndTooLarge() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message t { optional binary huge (DECIMAL(2000,2)); optional binary ok (DECIMAL(38,2)); }");
        byte[] huge = new byte[501];
        huge[1] = 1;
        Group row = new SimpleGroupFactory(schema).newGroup().append("huge", Binary.fromConstantByteArray(huge))
                .append("ok", Binary.fromConstantByteArray(BigInteger.valueOf(455011215950416500L).toByteArray()));
        Path path = write("huge-decimal.parquet", schema, List.of(row));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.partial(StatusReason.TOO_LARGE,
                "row 0 column huge (BINARY DECIMAL(2000,2)): unscaled value of 501 bytes, not decoded"));
        assertThat(sink.record(0).values()).containsExactly(new Value("huge", ""), new Value("ok", "4550112159504165"));
    }

    @Test
    void aValueLongerThanTheLimitIsCutAndTooLarge() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message t { optional binary text (STRING); }");
        Group row = new SimpleGroupFactory(schema).newGroup().append("text", "k".repeat(3000));
        Path path = write("long.parquet", schema, List.of(row));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result).isEqualTo(ReadResult.partial(StatusReason.TOO_LARGE,
                "row 0 column text: value longer than 1024 characters, cut"));
        assertThat(sink.record(0).values()).containsExactly(new Value("text", "k".repeat(1024)));
    }

    @Test
    void aDamagedFooterIsSkippedAsCorrupt() throws IOException {
        Path path = writePeople("damaged.parquet");
        java.nio.file.Path file = java.nio.file.Paths.get(path.toUri());
        byte[] bytes = Files.readAllBytes(file);
        // The footer sits before its 4-byte length and the trailing magic: garble it.
        for (int i = bytes.length - 60; i < bytes.length - 8; i++) {
            bytes[i] = (byte) 0xEE;
        }
        Files.write(file, bytes);
        dropChecksum(file);
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, SMALL, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo(StatusReason.CORRUPT);
        assertThat(result.detail()).doesNotContain(PLANTED);
        assertThat(sink.records()).isEmpty();
    }

    @Test
    void aTruncatedFileIsSkippedAsCorrupt() throws IOException {
        Path path = writePeople("cut.parquet");
        java.nio.file.Path file = java.nio.file.Paths.get(path.toUri());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, TestFiles.cut(bytes, bytes.length / 2));
        dropChecksum(file);

        ReadResult result = read(path, SMALL, new RecordingSink());

        assertThat(result.status()).isEqualTo(ScanStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo(StatusReason.CORRUPT);
        assertThat(result.detail()).doesNotContain(PLANTED).doesNotContain(dir.toString());
    }

    @Test
    void textThatIsNotParquetIsSkippedAsCorrupt() throws IOException {
        Path path = TestFiles.write(dir, "fake.parquet", "name,ssn\n" + PLANTED + ",123-45-6789\n");

        ReadResult result = read(path, SMALL, new RecordingSink());

        assertThat(result.status()).isEqualTo(ScanStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo(StatusReason.CORRUPT);
        assertThat(result.detail()).doesNotContain(PLANTED);
    }

    @Test
    void zeroBytesIsSkippedAsEmpty() throws IOException {
        Path path = TestFiles.write(dir, "empty.parquet", new byte[0]);

        assertThat(read(path, SMALL, new RecordingSink()).reason()).isEqualTo(StatusReason.EMPTY);
    }
}
