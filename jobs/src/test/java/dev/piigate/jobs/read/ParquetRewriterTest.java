package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetInputFormat;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.detectors.redaction.Redactor;
import dev.piigate.jobs.samples.SampleGenerator;
import dev.piigate.jobs.scan.PathMasker;
import dev.piigate.jobs.scan.RecordRedactor;

/**
 * The Parquet copy on real files written by parquet-hadoop's example writer (and the committed
 * sample), judged by the real scanner and read back through the scan's own reader.
 */
class ParquetRewriterTest {
    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    private static final TextScanner SCANNER = TextScanner.create(DetectorSettings.defaults());
    private static final PathMasker NAMES = new PathMasker(SCANNER, new Fingerprinter(new byte[32]));

    private static final MessageType CUSTOMERS = MessageTypeParser.parseMessageType("message customers {\n"
            + "  required binary name (STRING);\n"
            + "  optional binary email (STRING);\n"
            + "  optional int64 ssn;\n"
            + "  optional binary nino (STRING);\n"
            + "  optional binary ref (STRING);\n"
            + "  optional group address { optional binary street (STRING); optional binary city (STRING); }\n"
            + "  optional group phones (LIST) { repeated group list { optional binary element (STRING); } }\n"
            + "  optional group attrs (MAP) { repeated group key_value {\n"
            + "    required binary key (STRING); optional binary value (STRING); } }\n"
            + "  optional int32 dob (DATE);\n"
            + "  optional binary birth_date (STRING);\n"
            + "  optional binary created (STRING);\n"
            + "  optional int64 balance (DECIMAL(12,2));\n"
            + "  optional double score;\n"
            + "  optional binary note (STRING);\n"
            + "  optional binary code;\n"
            + "}");

    /** Every value the copy must replace or leave out (the canaries): none may be in the copy. */
    private static final List<String> REPLACED = List.of("maria.lopez@fastmail.com", "maria@fastmail.com",
            "+1 312 867 5309", "JH512893C", "+49 30 901820", "81.2.69.160", "4.556737586899855E15",
            "4556737586899855", "536228794");

    private static final Map<String, String> METADATA = Map.of("org.apache.spark.sql.parquet.row.metadata",
            "{\"type\":\"struct\",\"fields\":[]}", "org.apache.spark.version", "3.5.6", "writer.model.name", "example");

    private static List<Group> customers() {
        SimpleGroupFactory factory = new SimpleGroupFactory(CUSTOMERS);
        Group maria = factory.newGroup().append("name", "Maria Lopez").append("email", "maria.lopez@fastmail.com")
                .append("nino", "JH512893C").append("ref", "JG103759A");
        maria.addGroup("address").append("street", "12 Calle Mayor").append("city", "Madrid");
        Group phones = maria.addGroup("phones");
        phones.addGroup("list").append("element", "+1 312 867 5309");
        phones.addGroup("list").append("element", "ask reception");
        Group attrs = maria.addGroup("attrs");
        attrs.addGroup("key_value").append("key", "maria@fastmail.com").append("value", "backup");
        attrs.addGroup("key_value").append("key", "tier").append("value", "gold");
        maria.append("birth_date", "1987-03-14").append("created", "1990-05-17").append("balance", 123_450L)
                .append("score", 4.5).append("note", "Grüße — call +49 30 901820 ✓").append("code", "81.2.69.160");

        Group bob = factory.newGroup().append("name", "Bob Stone").append("ref", "A-100");
        bob.addGroup("address").append("city", "Leeds");
        bob.addGroup("phones").addGroup("list").append("element", "n/a");
        bob.addGroup("attrs").addGroup("key_value").append("key", "tier").append("value", "silver");
        bob.append("balance", 99L).append("score", 1.0)
                // Bytes that are not UTF-8 in a value without a finding: kept as they are.
                .append("code", Binary.fromConstantByteArray(new byte[] {'x', (byte) 0xff, 'y'}));

        Group carol = factory.newGroup().append("name", "Carol").append("ssn", 536_228_794L);
        Group dan = factory.newGroup().append("name", "Dan").append("dob", (int) LocalDate.of(1987, 3, 14).toEpochDay());
        Group eve = factory.newGroup().append("name", "Eve");
        Group frank = factory.newGroup().append("name", "Frank").append("ref", "4.556737586899855E15").append("note", "");
        return List.of(maria, bob, carol, dan, eve, frank);
    }

    // ------------------------------------------------------------------------------ the sample

    @Test
    void realisticSampleIsRedactedInPlaceWithItsSchemaAndMetadata() throws IOException {
        Path in = write("customers.parquet", CUSTOMERS, customers(), CompressionCodecName.UNCOMPRESSED, METADATA);

        Rewrite copy = rewrite(in, -1);

        assertThat(copy.result()).isEqualTo(ReadResult.COMPLETE);
        ParquetMetadata before = footer(in);
        ParquetMetadata after = footer(copy.out());
        assertThat(after.getFileMetaData().getSchema()).isEqualTo(CUSTOMERS);
        assertThat(after.getFileMetaData().getKeyValueMetaData()).isEqualTo(before.getFileMetaData().getKeyValueMetaData())
                .isEqualTo(METADATA);
        // Carol's SSN is an int64 and Dan's birth date a DATE: neither can hold a replacement.
        assertThat(copy.redactor().recordsUnrewritable()).isEqualTo(2);
        assertThat(copy.redactor().recordsKept()).isEqualTo(4);
        List<List<String>> input = leaves(in);
        List<List<String>> output = leaves(copy.out());
        assertThat(output).hasSize(4);
        // Rows without a replacement keep every leaf, bytes that are not UTF-8 included.
        assertThat(output.get(1)).isEqualTo(input.get(1));
        assertThat(output.get(2)).isEqualTo(input.get(4));

        List<RecordingSink.Record> texts = read(copy.out());
        assertThat(texts.get(0).values()).containsExactly(
                new RecordingSink.Value("name", "Maria Lopez"),
                new RecordingSink.Value("email", "<EMAIL_ADDRESS>"),
                new RecordingSink.Value("nino", "<UK_NATIONAL_INSURANCE_NUMBER>"),
                // Not under a field that names a national id: not a finding, kept.
                new RecordingSink.Value("ref", "JG103759A"),
                new RecordingSink.Value("address.street", "12 Calle Mayor"),
                new RecordingSink.Value("address.city", "Madrid"),
                new RecordingSink.Value("phones[0]", "<PHONE_NUMBER>"),
                new RecordingSink.Value("phones[1]", "ask reception"),
                new RecordingSink.Value("attrs", "<EMAIL_ADDRESS>"),
                new RecordingSink.Value("attrs['<EMAIL_ADDRESS>']", "backup"),
                new RecordingSink.Value("attrs", "tier"),
                new RecordingSink.Value("attrs.tier", "gold"),
                new RecordingSink.Value("birth_date", "<DATE_OF_BIRTH>"),
                new RecordingSink.Value("created", "1990-05-17"),
                new RecordingSink.Value("balance", "1234"),
                new RecordingSink.Value("balance", "1234.50"),
                new RecordingSink.Value("score", "4"),
                new RecordingSink.Value("score", "4.5"),
                new RecordingSink.Value("note", "Grüße — call <PHONE_NUMBER> ✓"),
                new RecordingSink.Value("code", "<IP_ADDRESS>"));
        // The text that held a card in its digits becomes the card's token.
        assertThat(texts.get(3).values()).containsExactly(new RecordingSink.Value("name", "Frank"),
                new RecordingSink.Value("ref", "<CREDIT_CARD_NUMBER>"), new RecordingSink.Value("note", ""));
        assertThat(texts).extracting(r -> r.values().get(0).value()).containsExactly("Maria Lopez", "Bob Stone", "Eve",
                "Frank");
        // Every leaf outside a replacement is the input's, in the rows the copy keeps.
        assertThat(withoutReplaced(output.get(0))).isEqualTo(withoutReplaced(input.get(0)));
        assertThat(withoutReplaced(output.get(3))).isEqualTo(withoutReplaced(input.get(5)));

        assertCanariesGone(copy.out());
        assertThat(unmaskedFindings(in)).as("the input's unmasked findings").isEqualTo(10);
        assertThat(unmaskedFindings(copy.out())).as("the copy's unmasked findings").isZero();
    }

    @Test
    void committedBlockedSampleCopiesClean() throws IOException {
        java.nio.file.Path sample = SampleGenerator.samplesDir().resolve("blocked/orders.parquet");
        Path in = new Path(Files.copy(sample, dir.resolve("orders.parquet")).toUri());

        Rewrite copy = rewrite(in, -1);

        assertThat(copy.result()).isEqualTo(ReadResult.COMPLETE);
        ParquetMetadata before = footer(in);
        ParquetMetadata after = footer(copy.out());
        assertThat(after.getFileMetaData().getSchema()).isEqualTo(before.getFileMetaData().getSchema());
        assertThat(after.getFileMetaData().getKeyValueMetaData()).isEqualTo(before.getFileMetaData().getKeyValueMetaData());
        assertThat(codecs(after)).containsOnly(CompressionCodecName.SNAPPY);
        assertThat(after.getBlocks()).hasSameSizeAs(before.getBlocks());
        // Its findings are all in text columns: every row stays (the end-to-end copy test counts on it).
        assertThat(copy.redactor().recordsUnrewritable()).isZero();
        assertThat(rowCount(after)).isEqualTo(rowCount(before)).isEqualTo(20);
        assertThat(copy.redactor().replaced()).isNotEmpty();
        assertThat(unmaskedFindings(in)).isPositive();
        assertThat(unmaskedFindings(copy.out())).isZero();
    }

    // ------------------------------------------------------------------------------ codecs and row groups

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void theCopyIsCompressedAsTheInput(CompressionCodecName codec) throws IOException {
        Path in = write("customers." + codec + ".parquet", CUSTOMERS, customers(), codec, METADATA);

        Rewrite copy = rewrite(in, -1);

        assertThat(copy.result()).isEqualTo(ReadResult.COMPLETE);
        assertThat(codecs(footer(copy.out()))).containsOnly(codec);
        assertThat(rowCount(footer(copy.out()))).isEqualTo(4);
        assertThat(unmaskedFindings(copy.out())).isZero();
    }

    @Test
    void rowGroupsAreAboutTheInputsSize() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message events { required int64 id; optional binary body (STRING); }");
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        List<Group> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String body = i % 100 == 0 ? "reach me at maria.lopez@fastmail.com, ticket " + i
                    : "event " + i + " processed in " + (i * 7919 % 1000) + " ms by worker " + (i % 13);
            rows.add(factory.newGroup().append("id", (long) i).append("body", body));
        }
        Path in = new Path(dir.resolve("events.parquet").toUri());
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(in).withType(schema).withConf(TestFiles.conf())
                .withCompressionCodec(CompressionCodecName.SNAPPY).withRowGroupSize(64 * 1024L)
                .withPageSize(8 * 1024).build()) {
            for (Group row : rows) {
                writer.write(row);
            }
        }

        Rewrite copy = rewrite(in, -1);

        assertThat(copy.result()).isEqualTo(ReadResult.COMPLETE);
        List<BlockMetaData> before = footer(in).getBlocks();
        List<BlockMetaData> after = footer(copy.out()).getBlocks();
        assertThat(before).hasSizeGreaterThan(2);
        // The writer cuts by buffered size, not at the input's rows: about as many groups, of about the same size.
        assertThat(after.size()).isBetween(before.size() - 1, before.size() + 2);
        long largest = before.stream().mapToLong(BlockMetaData::getCompressedSize).max().orElseThrow();
        assertThat(after.subList(0, after.size() - 1)).allSatisfy(
                b -> assertThat(b.getCompressedSize()).isBetween(largest * 2 / 3, largest * 3 / 2));
        assertThat(rowCount(footer(copy.out()))).isEqualTo(20_000);
        assertThat(copy.redactor().replaced()).containsEntry(dev.piigate.detectors.EntityType.EMAIL_ADDRESS, 200L);
    }

    // ------------------------------------------------------------------------------ names, keys and field agreement

    @Test
    void oddNamesMapKeysAndNumberKeysAreRedactedUnderTheReadersPaths() throws IOException {
        MessageType maps = MessageTypeParser.parseMessageType("message maps {\n"
                + "  optional group cards (MAP) { repeated group key_value {\n"
                + "    required binary key (STRING); optional binary value (STRING); } }\n"
                + "  optional group ssn_by_id (MAP) { repeated group key_value {\n"
                + "    required int64 key; optional binary value (STRING); } }\n"
                + "  optional group tags (LIST) { repeated binary tag (ENUM); }\n"
                + "  optional binary payload (JSON);\n"
                + "}");
        // Names the schema parser cannot spell: the reader quotes them in paths.
        List<Type> fields = new ArrayList<>();
        fields.add(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                .named("billing details"));
        fields.add(Types.optionalGroup().addField(Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType()).named("e-mail")).named("o'brien"));
        fields.addAll(maps.getFields());
        MessageType schema = new MessageType("odd", fields);
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        Group first = factory.newGroup().append("billing details", "IBAN GB82 WEST 1234 5698 7654 32, thanks");
        first.addGroup("o'brien").append("e-mail", "\"maria@fastmail.com\"");
        Group cards = first.addGroup("cards");
        // A key that is a decimal number: the scan reads it by its integer, a card.
        cards.addGroup("key_value").append("key", "4556737586899855.0").append("value", "visa");
        cards.addGroup("key_value").append("key", "it's \"quoted\" \\ here").append("value", "+1 312 867 5309");
        first.addGroup("tags").append("tag", "maria@fastmail.com").append("tag", "VIP");
        first.append("payload", "{\"mail\":\"maria@fastmail.com\"}");
        Group second = factory.newGroup();
        // A number key under a map named for SSNs: it cannot hold its replacement, the row is left out.
        second.addGroup("ssn_by_id").addGroup("key_value").append("key", 536_228_794L).append("value", "x");
        Path in = write("odd.parquet", schema, List.of(first, second), CompressionCodecName.SNAPPY, Map.of());

        Rewrite copy = rewrite(in, -1);

        assertThat(copy.result()).isEqualTo(ReadResult.COMPLETE);
        assertThat(copy.redactor().recordsUnrewritable()).isEqualTo(1);
        assertThat(read(copy.out())).singleElement().satisfies(r -> assertThat(r.values()).containsExactly(
                new RecordingSink.Value("['billing details']", "IBAN <IBAN>, thanks"),
                new RecordingSink.Value("['o\\'brien']['e-mail']", "\"<EMAIL_ADDRESS>\""),
                new RecordingSink.Value("cards", "<CREDIT_CARD_NUMBER>"),
                new RecordingSink.Value("cards['<CREDIT_CARD_NUMBER>']", "visa"),
                new RecordingSink.Value("cards", "it's \"quoted\" \\ here"),
                new RecordingSink.Value("cards['it\\'s \"quoted\" \\\\ here']", "<PHONE_NUMBER>"),
                new RecordingSink.Value("tags[0]", "<EMAIL_ADDRESS>"),
                new RecordingSink.Value("tags[1]", "VIP"),
                new RecordingSink.Value("payload", "{\"mail\":\"<EMAIL_ADDRESS>\"}")));
        assertThat(footer(copy.out()).getFileMetaData().getSchema()).isEqualTo(schema);
        assertThat(unmaskedFindings(copy.out())).isZero();
    }

    static Stream<Arguments> fieldGated() {
        return Stream.of(
                Arguments.of("nino", "JG103759A", "<UK_NATIONAL_INSURANCE_NUMBER>"),
                Arguments.of("ref", "JG103759A", null),
                Arguments.of("ssn", "536228794", "<USA_SOCIAL_SECURITY_NUMBER>"),
                Arguments.of("order_no", "536228794", null),
                Arguments.of("birth_date", "1987-03-14", "<DATE_OF_BIRTH>"),
                Arguments.of("created", "1987-03-14", null));
    }

    /** The copy judges a value under the field the scan reads it under: top level, in a struct, in a map. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldGated")
    void fieldGatedValuesAreReplacedExactlyWhereTheScanFindsThem(String name, String value, String token)
            throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message gated {\n"
                + "  optional binary " + name + " (STRING);\n"
                + "  optional group customer { optional binary " + name + " (STRING); }\n"
                + "  optional group attrs (MAP) { repeated group key_value {\n"
                + "    required binary key (STRING); optional binary value (STRING); } }\n"
                + "}");
        Group row = new SimpleGroupFactory(schema).newGroup().append(name, value);
        row.addGroup("customer").append(name, value);
        row.addGroup("attrs").addGroup("key_value").append("key", name).append("value", value);
        Path in = write("gated.parquet", schema, List.of(row), CompressionCodecName.SNAPPY, Map.of());

        Rewrite copy = rewrite(in, -1);

        assertThat(copy.result()).isEqualTo(ReadResult.COMPLETE);
        String expected = token == null ? value : token;
        assertThat(read(copy.out()).get(0).values()).containsExactly(
                new RecordingSink.Value(name, expected),
                new RecordingSink.Value("customer." + name, expected),
                new RecordingSink.Value("attrs", name),
                new RecordingSink.Value("attrs." + name, expected));
        assertThat(unmaskedFindings(in)).isEqualTo(token == null ? 0 : 3);
        assertThat(unmaskedFindings(copy.out())).isZero();
    }

    // ------------------------------------------------------------------------------ dropped rows

    static Stream<Arguments> typedLeaves() {
        long cardCents = 455_673_758_689_985_500L;
        return Stream.of(
                Arguments.of("int64 SSN", "optional int64 ssn;", (Function<Group, Group>) g -> g.append("ssn", 536_228_794L)),
                Arguments.of("int32 DATE of birth", "optional int32 dob (DATE);",
                        (Function<Group, Group>) g -> g.append("dob", (int) LocalDate.of(1987, 3, 14).toEpochDay())),
                Arguments.of("int64 TIMESTAMP of birth", "optional int64 dob (TIMESTAMP(MILLIS,false));",
                        (Function<Group, Group>) g -> g.append("dob", LocalDate.of(1987, 3, 14).toEpochDay() * 86_400_000L)),
                Arguments.of("DECIMAL card", "optional int64 amount (DECIMAL(18,2));",
                        (Function<Group, Group>) g -> g.append("amount", cardCents)),
                Arguments.of("DOUBLE card", "optional double amount;",
                        (Function<Group, Group>) g -> g.append("amount", cardCents / 100d)));
    }

    /** A finding in a leaf that is not text: the row is left out, counted, and the rest copied. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("typedLeaves")
    void aFindingInALeafThatCannotHoldItsReplacementDropsTheRow(String name, String column,
            Function<Group, Group> finding) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message typed { required binary name (STRING); " + column + " }");
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        Path in = write("typed.parquet", schema, List.of(finding.apply(factory.newGroup().append("name", "Ann")),
                factory.newGroup().append("name", "Ben")), CompressionCodecName.SNAPPY, Map.of());

        Rewrite copy = rewrite(in, -1);

        assertThat(copy.result()).isEqualTo(ReadResult.COMPLETE);
        assertThat(unmaskedFindings(in)).isEqualTo(1);
        assertThat(copy.redactor().recordsUnrewritable()).isEqualTo(1);
        assertThat(leaves(copy.out())).containsExactly(leaves(in).get(1));
    }

    @Test
    void rowsOverDropRecordsOverAreLeftOut() throws IOException {
        Path in = write("customers.parquet", CUSTOMERS, customers(), CompressionCodecName.SNAPPY, METADATA);

        Rewrite copy = rewrite(in, 1);

        assertThat(copy.result()).isEqualTo(ReadResult.COMPLETE);
        // Maria holds seven findings, over the one allowed; Frank holds one.
        assertThat(copy.redactor().recordsOverLimit()).isEqualTo(1);
        assertThat(copy.redactor().recordsUnrewritable()).isEqualTo(2);
        assertThat(read(copy.out())).extracting(r -> r.values().get(0).value())
                .containsExactly("Bob Stone", "Eve", "Frank");
        List<List<String>> input = leaves(in);
        assertThat(leaves(copy.out()).subList(0, 2)).containsExactly(input.get(1), input.get(4));
        assertCanariesGone(copy.out());
    }

    // ------------------------------------------------------------------------------ not rewritable

    record Unrewritable(String name, Function<ParquetRewriterTest, Path> input, ScanStatus status,
            StatusReason reason, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Unrewritable> unrewritable() {
        MessageType notes = MessageTypeParser.parseMessageType(
                "message notes { optional binary name (STRING); optional binary note (STRING); }");
        MessageType bson = MessageTypeParser.parseMessageType(
                "message docs { optional binary name (STRING); optional binary doc (BSON); }");
        return Stream.of(
                new Unrewritable("bytes that are not UTF-8 in a value with a finding", t -> t.write("bad.parquet",
                        notes, List.of(new SimpleGroupFactory(notes).newGroup().append("name", "Zoe").append("note",
                                Binary.fromConstantByteArray(concat("mail maria@fastmail.com \u00e9 ", new byte[] {
                                        (byte) 0xc3, '!' })))),
                        CompressionCodecName.SNAPPY, Map.of()),
                        ScanStatus.PARTIAL, StatusReason.CORRUPT,
                        "row 0 column note: bytes that are not UTF-8 in a value that needs a replacement"),
                new Unrewritable("a value over maxValueChars", t -> t.write("long.parquet", notes,
                        List.of(new SimpleGroupFactory(notes).newGroup().append("note",
                                "maria@fastmail.com " + "x".repeat(2000))),
                        CompressionCodecName.SNAPPY, Map.of()),
                        ScanStatus.PARTIAL, StatusReason.TOO_LARGE,
                        "row 0 column note: value longer than 1024 characters, not rewritten"),
                new Unrewritable("a column the scan does not decode", t -> t.write("bson.parquet", bson,
                        List.of(new SimpleGroupFactory(bson).newGroup().append("name", "Zoe").append("doc",
                                Binary.fromString("maria@fastmail.com"))),
                        CompressionCodecName.SNAPPY, Map.of()),
                        ScanStatus.PARTIAL, StatusReason.UNSUPPORTED_FORMAT,
                        "row 0 column doc (BINARY BSON): not decoded, its bytes scanned as text"),
                new Unrewritable("not a Parquet file", t -> TestFiles.write(t.dir, "fake.parquet",
                        "maria@fastmail.com is no Parquet file, just text long enough to have a tail PAR1"),
                        ScanStatus.SKIPPED, StatusReason.CORRUPT, "unreadable Parquet file: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unrewritable")
    void whatCannotBeRewrittenFaithfullyIsNotComplete(Unrewritable c) throws IOException {
        Path in = c.input().apply(this);

        Rewrite copy = rewrite(in, -1);

        assertThat(copy.result().status()).isEqualTo(c.status());
        assertThat(copy.result().reason()).isEqualTo(c.reason());
        assertThat(copy.result().detail()).startsWith(c.detail()).doesNotContain("maria", "fastmail", "x".repeat(20));
    }

    @Test
    void aRowFilterInTheConfigurationHidesNoRowFromTheCopyOrTheScan() throws IOException {
        Path in = write("customers.parquet", CUSTOMERS, customers(), CompressionCodecName.SNAPPY, METADATA);
        Configuration filtered = TestFiles.conf();
        ParquetInputFormat.setFilterPredicate(filtered,
                FilterApi.eq(FilterApi.binaryColumn("name"), Binary.fromString("Bob Stone")));
        RecordRedactor redactor = new RecordRedactor(SCANNER, NAMES, new Redactor(Redactor.Style.TYPE, Map.of(), null),
                -1);

        ReadResult result = Rewriters.forFormat(Format.PARQUET).orElseThrow().rewrite(fs, in, filtered,
                TestFiles.SMALL, redactor, fs, new Path(dir.resolve("copy.parquet").toUri()));
        long[] rows = new long[1];
        ReadResult scan = Readers.forFormat(Format.PARQUET).read(fs, in, filtered, TestFiles.SMALL, new RecordSink() {
            @Override
            public void startRecord(long index) {
                rows[0]++;
            }

            @Override
            public void value(String field, String value) {
            }

            @Override
            public void endRecord() {
            }
        });

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(redactor.recordsKept() + redactor.recordsOverLimit() + redactor.recordsUnrewritable()).isEqualTo(6);
        assertThat(scan).isEqualTo(ReadResult.COMPLETE);
        assertThat(rows[0]).as("rows the scan read").isEqualTo(6);
    }

    // ------------------------------------------------------------------------------ helpers

    record Rewrite(ReadResult result, RecordRedactor redactor, Path out) {
    }

    private Rewrite rewrite(Path in, int dropRecordsOver) throws IOException {
        RecordRedactor redactor = new RecordRedactor(SCANNER, NAMES,
                new Redactor(Redactor.Style.TYPE, Map.of(), null), dropRecordsOver);
        Path out = new Path(dir.resolve("copy").resolve(in.getName()).toUri());
        ReadResult result = Rewriters.forFormat(Format.PARQUET).orElseThrow().rewrite(fs, in, TestFiles.conf(),
                TestFiles.SMALL, redactor, fs, out);
        return new Rewrite(result, redactor, out);
    }

    private Path write(String name, MessageType schema, List<Group> rows, CompressionCodecName codec,
            Map<String, String> metadata) {
        Path path = new Path(dir.resolve(name).toUri());
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(path).withType(schema)
                .withConf(TestFiles.conf()).withCompressionCodec(codec).withExtraMetaData(metadata).build()) {
            for (Group row : rows) {
                writer.write(row);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return path;
    }

    private static byte[] concat(String text, byte[] tail) {
        return TestFiles.concat(text.getBytes(StandardCharsets.UTF_8), tail);
    }

    private ParquetMetadata footer(Path path) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, TestFiles.conf()))) {
            return reader.getFooter();
        }
    }

    private static List<CompressionCodecName> codecs(ParquetMetadata footer) {
        return footer.getBlocks().stream().flatMap(b -> b.getColumns().stream()).map(c -> c.getCodec()).toList();
    }

    private static long rowCount(ParquetMetadata footer) {
        return footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
    }

    /** What the scan's reader delivers, record by record. */
    private List<RecordingSink.Record> read(Path path) throws IOException {
        RecordingSink sink = new RecordingSink();
        assertThat(Readers.forFormat(Format.PARQUET).read(fs, path, TestFiles.conf(), TestFiles.SMALL, sink))
                .isEqualTo(ReadResult.COMPLETE);
        return sink.records();
    }

    /** Unmasked findings the scan's reader and the real scanner find in {@code path}, keys judged as names. */
    private long unmaskedFindings(Path path) throws IOException {
        return LineRewriteFixtures.unmaskedCount(fs, Format.PARQUET, path);
    }

    /** No canary in the copy's bytes (its footer statistics included) nor in any text the scan reads from it. */
    private void assertCanariesGone(Path out) throws IOException {
        String bytes = new String(Files.readAllBytes(java.nio.file.Path.of(out.toUri())), StandardCharsets.ISO_8859_1);
        List<String> texts = read(out).stream().flatMap(r -> r.texts().stream()).toList();
        for (int i = 0; i < REPLACED.size(); i++) {
            String canary = REPLACED.get(i);
            assertThat(bytes.contains(new String(canary.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)))
                    .as("canary %d in the copy's bytes", i).isFalse();
            assertThat(texts).as("canary %d in the copy's texts", i).noneMatch(t -> t.contains(canary));
        }
    }

    /** Each row's leaves as {@code path=value}, bytes in hex: equal lists mean equal values. */
    private List<List<String>> leaves(Path path) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path)
                .withConf(TestFiles.conf()).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                List<String> leaves = new ArrayList<>();
                leaves(row, row.getType(), "", leaves);
                rows.add(leaves);
            }
        }
        return rows;
    }

    private static void leaves(Group group, GroupType type, String prefix, List<String> out) {
        for (int i = 0; i < type.getFieldCount(); i++) {
            Type field = type.getType(i);
            for (int r = 0; r < group.getFieldRepetitionCount(i); r++) {
                String path = prefix + "/" + field.getName() + "[" + r + "]";
                if (!field.isPrimitive()) {
                    leaves(group.getGroup(i, r), field.asGroupType(), path, out);
                } else if (field.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY) {
                    out.add(path + "=" + HexFormat.of().formatHex(group.getBinary(i, r).getBytes()));
                } else {
                    out.add(path + "=" + group.getValueToString(i, r));
                }
            }
        }
    }

    /** The leaves of a row but those the sample replaces (by their paths), for comparing the rest. */
    private static List<String> withoutReplaced(List<String> leaves) {
        List<String> replacedPaths = List.of("/email[0]", "/nino[0]", "/phones[0]/list[0]/element[0]",
                "/attrs[0]/key_value[0]/key[0]", "/birth_date[0]", "/note[0]", "/code[0]", "/ref[0]");
        return leaves.stream().filter(l -> replacedPaths.stream().noneMatch(p -> l.startsWith(p + "="))).toList();
    }
}
