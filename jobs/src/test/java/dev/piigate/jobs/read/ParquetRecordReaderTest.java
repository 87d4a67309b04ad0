package dev.piigate.jobs.read;

import static dev.piigate.jobs.read.TestFiles.PLANTED;
import static dev.piigate.jobs.read.TestFiles.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
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
