package dev.piigate.jobs.read;

import static dev.piigate.jobs.read.TestFiles.PLANTED;
import static dev.piigate.jobs.read.TestFiles.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.piigate.jobs.hostile.HostileDocuments;

class DocumentReaderTest {
    /** The parser processes of this class's documents, ended after its last test. */
    private static final ParserProcesses PARSERS = new ParserProcesses();

    @AfterAll
    static void endParserProcesses() {
        PARSERS.close();
    }

    @TempDir
    java.nio.file.Path dir;

    private final FileSystem fs = TestFiles.localFs();

    private static final ReadLimits ROOMY = new ReadLimits(1024, 1_000_000, 60_000, 8);

    private ReadResult read(Path path, ReadLimits limits, RecordSink sink) throws IOException {
        return Readers.forDocuments(PARSERS).read(fs, path, TestFiles.conf(), limits, sink);
    }

    private static byte[] docx(List<String> paragraphs, String author) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            XWPFTable table = doc.createTable(1, 2);
            table.getRow(0).getCell(0).setText("4111");
            table.getRow(0).getCell(1).setText("1111");
            if (author != null) {
                doc.getProperties().getCoreProperties().setCreator(author);
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] pdf(List<String> lines, StandardProtectionPolicy protection) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.setLeading(14);
                content.newLineAtOffset(50, 700);
                for (String line : lines) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
            if (protection != null) {
                doc.protect(protection);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void docxTextTablesAndAuthorAreDelivered() throws IOException {
        Path path = TestFiles.write(dir, "letter.docx",
                docx(List.of("Dear Jane,", "your SSN 123-45-6789 " + PLANTED), "Jane Author"));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, ROOMY, sink);

        assertThat(result).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.indexes()).containsExactly(0L);
        String content = String.join("", sink.record(0).values().stream()
                .filter(v -> v.field().equals("content")).map(RecordingSink.Value::value).toList());
        assertThat(content).contains("Dear Jane,", "your SSN 123-45-6789 " + PLANTED);
        // Adjacent table cells must not glue into one number.
        assertThat(content).doesNotContain("41111111");
        assertThat(sink.record(0).values()).contains(new RecordingSink.Value("metadata:dc:creator", "Jane Author"));
    }

    @Test
    void pdfTextIsDelivered() throws IOException {
        Path path = TestFiles.write(dir, "statement.pdf", pdf(List.of("Account holder Jane Roe", "IBAN DE89 3704 0044 0532 0130 00"), null));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, ROOMY, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allText()).contains("Account holder Jane Roe", "IBAN DE89 3704 0044 0532 0130 00");
    }

    @Test
    void gzippedPdfIsDecompressedThenParsed() throws IOException {
        Path path = TestFiles.write(dir, "statement.pdf.gz", TestFiles.gzip(pdf(List.of("inside gzip"), null)));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, ROOMY, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allText()).contains("inside gzip");
    }

    @Test
    void htmlTextIsDeliveredWithCellsKeptApart() throws IOException {
        Path path = TestFiles.write(dir, "page.html", "<html><head><title>Customer page</title></head><body>"
                + "<p>Contact: jane@example.com</p><table><tr><td>4111</td><td>1111</td></tr></table></body></html>");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, ROOMY, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allText()).contains("Contact: jane@example.com").doesNotContain("41111111");
    }

    @Test
    void anEncryptedPdfIsSkippedAsEncrypted() throws IOException {
        StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
        policy.setEncryptionKeyLength(128);
        Path path = TestFiles.write(dir, "locked.pdf", pdf(List.of("hidden " + PLANTED), policy));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, ROOMY, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo(StatusReason.ENCRYPTED);
        assertThat(result.detail()).doesNotContain(PLANTED).doesNotContain("secret");
        assertThat(sink.allText()).doesNotContain(PLANTED);
    }

    @Test
    void aTruncatedPdfIsNeverComplete() throws IOException {
        byte[] whole = pdf(List.of("first line " + PLANTED, "second line"), null);
        Path path = TestFiles.write(dir, "cut.pdf", TestFiles.cut(whole, whole.length * 2 / 3));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, ROOMY, sink);

        assertThat(result.status()).isNotEqualTo(ScanStatus.COMPLETE);
        assertThat(result.reason()).isIn(StatusReason.TRUNCATED, StatusReason.CORRUPT);
        assertThat(result.detail()).doesNotContain(PLANTED);
    }

    @Test
    void aDocumentOverTheCharacterLimitIsTruncatedAfterDeliveringChunksUpToIt() throws IOException {
        StringBuilder body = new StringBuilder("<html><body>");
        for (int i = 0; i < 4000; i++) {
            body.append("<p>paragraph ").append(i).append(" call +44 20 7946 0958</p>");
        }
        body.append("</body></html>");
        Path path = TestFiles.write(dir, "long.html", body.toString());
        RecordingSink sink = new RecordingSink();

        // Chunks are at least TextChunks.MIN_CHUNK_CHARS, whatever maxValueChars says.
        int limit = 4 * TextChunks.MIN_CHUNK_CHARS;
        ReadResult result = read(path, new ReadLimits(1024, limit, 20_000, 8), sink);

        assertThat(result).isEqualTo(ReadResult.partial(StatusReason.TRUNCATED,
                "document longer than " + limit + " characters, cut at the limit"));
        List<String> chunks = sink.record(0).values().stream()
                .filter(v -> v.field().equals("content")).map(RecordingSink.Value::value).toList();
        assertThat(chunks).hasSizeGreaterThan(3)
                .allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(TextChunks.MIN_CHUNK_CHARS));
        for (int k = 1; k < chunks.size(); k++) {
            String previous = chunks.get(k - 1);
            assertThat(chunks.get(k)).startsWith(previous.substring(previous.length() - TextChunks.OVERLAP_CHARS));
        }
        int fresh = chunks.get(0).length();
        for (int k = 1; k < chunks.size(); k++) {
            fresh += chunks.get(k).length() - TextChunks.OVERLAP_CHARS;
        }
        assertThat(fresh).isEqualTo(limit);
    }

    /**
     * The parser process writes the whole text (some twenty chunks) at once, but the sink holds
     * the first chunk until the deadline has passed: until the watchdog has killed the process,
     * which nothing else does. Nothing may be delivered after that, frames already read into the
     * executor's buffer included, and the parse ends as PARSER_TIMEOUT. The process has read the
     * same document once already (warm, so its first chunk comes long before the deadline); should
     * the deadline still pass before the first chunk arrives, nothing at all may be delivered.
     */
    @Test
    void aParseThatOutlivesTheTimeoutIsAbandonedAndTheSinkIsNotCalledAfterwards() throws IOException {
        Path path = TestFiles.write(dir, "slow.html", "<html><body><p>" + "slow text ".repeat(16_000) + "</p></body></html>");
        ReadLimits limits = new ReadLimits(1024, 1_000_000, 1_000, 8);
        try (ParserProcesses parsers = new ParserProcesses()) {
            RecordingSink warmUp = new RecordingSink();
            assertThat(Readers.forDocuments(parsers).read(fs, path, TestFiles.conf(), ROOMY, warmUp))
                    .isEqualTo(ReadResult.COMPLETE);
            assertThat(warmUp.record(0).values()).hasSizeGreaterThan(10);
            int[] calls = {0};
            int[] callsAfterDeadline = {0};
            boolean[] killedInTime = {true};
            RecordingSink recording = new RecordingSink((field, value) -> {
                // The only process is the one parsing this document; gone means killed at the deadline.
                ProcessHandle parser = ProcessHandle.of(parsers.pids().iterator().next()).orElse(null);
                boolean late = parser == null || !parser.isAlive();
                if (late) {
                    callsAfterDeadline[0]++;
                }
                calls[0]++;
                if (!late && calls[0] == 1) {
                    // Held once, the first delivery: until the watchdog has killed the process.
                    try {
                        parser.onExit().get(60, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        killedInTime[0] = false;
                    } catch (ExecutionException e) {
                        throw new AssertionError(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });

            ReadResult result = Readers.forDocuments(parsers).read(fs, path, TestFiles.conf(), limits, recording);

            assertThat(killedInTime[0]).as("parser process killed at its deadline").isTrue();
            assertThat(callsAfterDeadline[0]).as("deliveries after the deadline").isZero();
            assertThat(calls[0]).isLessThanOrEqualTo(1);
            assertThat(result).isEqualTo(calls[0] == 1
                    ? ReadResult.partial(StatusReason.PARSER_TIMEOUT, "no result within 1000 ms; parser process killed")
                    : ReadResult.skipped(StatusReason.PARSER_TIMEOUT, "no result within 1000 ms; parser process killed"));
            assertThat(recording.records()).hasSize(1);
        }
    }

    @Test
    void zeroBytesIsSkippedAsEmpty() throws IOException {
        Path path = TestFiles.write(dir, "empty.pdf", new byte[0]);

        assertThat(read(path, ROOMY, new RecordingSink()).reason()).isEqualTo(StatusReason.EMPTY);
    }

    @Test
    void garbageNamedPdfIsNotComplete() throws IOException {
        Path path = TestFiles.write(dir, "fake.pdf", "%PDF-1.7\n" + PLANTED + " not really a pdf\n");
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, ROOMY, sink);

        assertThat(result.status()).isNotEqualTo(ScanStatus.COMPLETE);
        assertThat(result.detail()).doesNotContain(PLANTED);
    }

    // ------------------------------------------------------------------ text a rendering hides

    /** Every planted value is in the delivered text, as written (entities decoded); lists the misses. */
    private static void assertAllDelivered(HostileDocuments.Plants plants, RecordingSink sink) {
        String text = sink.allText();
        List<String> missed = plants.all().stream().filter(p -> !text.contains(p.value()))
                .map(HostileDocuments.Planted::place).toList();
        assertThat(missed).as("places whose value was not delivered").isEmpty();
    }

    @Test
    void htmlCommentsAttributesHeadScriptsStylesAndEntitiesAreDelivered() throws IOException {
        HostileDocuments.Plants plants = new HostileDocuments.Plants("reader.html");
        Path path = TestFiles.write(dir, "account.html", HostileDocuments.html(plants));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, ROOMY, sink)).isEqualTo(ReadResult.COMPLETE);
        assertAllDelivered(plants, sink);
        String bare = plants.all().stream().filter(p -> p.place().equals("input[name=ssn] bare")).findFirst()
                .orElseThrow().value();
        // The naming attribute stands before the value, so the keyword rule sees it.
        assertThat(sink.allText()).contains("input name: ssn; type: hidden; value: " + bare);
        // A data: URI is read as a document; its base64 is not scanned as text.
        assertThat(sink.allText()).doesNotContain(";base64,");
    }

    @Test
    void htmlVisibleTextStillReadsAsBeforeWithCellsApart() throws IOException {
        Path path = TestFiles.write(dir, "plain.html", "<html><body><p>Call <b>Jane</b> on <span class=\"tel\">"
                + "+44 20 7946 0958</span> today.</p><table><tr><td>4111</td><td>1111</td></tr></table></body></html>");
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, ROOMY, sink)).isEqualTo(ReadResult.COMPLETE);
        String text = sink.allText();
        assertThat(text).contains("Call Jane on +44 20 7946 0958 today.").doesNotContain("41111111");
        // The markup comes after the text, one line per element: "span class: tel".
        assertThat(text.indexOf("span class: tel")).isGreaterThan(text.indexOf("today."));
    }

    @Test
    void docxRevisionsSidePartsFieldsAltTextAndPropertiesAreDelivered() throws IOException {
        HostileDocuments.Plants plants = new HostileDocuments.Plants("reader.docx");
        Path path = TestFiles.write(dir, "agreement.docx", HostileDocuments.docx(plants));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, ROOMY, sink)).isEqualTo(ReadResult.COMPLETE);
        assertAllDelivered(plants, sink);
    }

    @Test
    void xlsxNumbersAreDeliveredAsStoredWithHiddenSheetsCommentsHeadersAndFooters() throws IOException {
        HostileDocuments.Plants plants = new HostileDocuments.Plants("reader.xlsx");
        Path path = TestFiles.write(dir, "payments.xlsx", HostileDocuments.xlsx(plants));
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, ROOMY, sink)).isEqualTo(ReadResult.COMPLETE);
        assertAllDelivered(plants, sink);
        String card = plants.all().stream().filter(p -> p.place().startsWith("numeric cell, General")).findFirst()
                .orElseThrow().value();
        assertThat(sink.allText()).contains("B2: " + card);
    }

    /**
     * Excel keeps 15 significant digits: a 16-digit card typed as a number is stored with a 0 for
     * its last digit, fails the Luhn check, and cannot be verified: not COMPLETE. The digits are
     * still delivered exactly as stored.
     */
    @Test
    void aCardTypedIntoExcelAsANumberLosesItsLastDigitAndTheWorkbookIsNotComplete() throws IOException {
        String stored = "4550112159504160"; // 4550 1121 5950 4167 after Excel's rounding
        byte[] xlsx;
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            org.apache.poi.xssf.usermodel.XSSFSheet sheet = wb.createSheet("cards");
            sheet.createRow(0).createCell(0).setCellValue("card");
            sheet.createRow(1).createCell(0).setCellValue(Double.parseDouble(stored));
            // An order number of 16 digits that keeps all of them is no card and no problem.
            sheet.createRow(2).createCell(0).setCellValue(1234567890123456d);
            wb.write(out);
            xlsx = out.toByteArray();
        }
        Path path = TestFiles.write(dir, "cards.xlsx", xlsx);
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, ROOMY, sink);

        assertThat(result.status()).isEqualTo(ScanStatus.PARTIAL);
        assertThat(result.reason()).isEqualTo(StatusReason.DETECTOR_LIMIT);
        assertThat(result.detail()).startsWith("1 numeric cell(s)").doesNotContain(stored);
        assertThat(sink.allText()).contains("A2: " + stored, "A3: 1234567890123456");
    }

    /** Tika reads a type it has no parser for as an empty document: that is no clean document. */
    @Test
    void aDocumentTypeWithoutAParserIsSkippedUnsupportedNotComplete() throws IOException {
        HostileDocuments.Plants plants = new HostileDocuments.Plants("reader.odt");
        Path path = TestFiles.write(dir, "minutes.odt", HostileDocuments.odt(plants));
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, ROOMY, sink);

        assertThat(result).isEqualTo(ReadResult.skipped(StatusReason.UNSUPPORTED_FORMAT,
                "no parser for application/vnd.oasis.opendocument.text"));
    }

    /** PPTX: speaker notes are text of the file too (includeSlideNotes, set explicitly). */
    @Test
    void pptxSpeakerNotesAreDelivered() throws IOException {
        HostileDocuments.Plants plants = new HostileDocuments.Plants("reader.pptx");
        byte[] pptx;
        try (org.apache.poi.xslf.usermodel.XMLSlideShow show = new org.apache.poi.xslf.usermodel.XMLSlideShow();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            org.apache.poi.xslf.usermodel.XSLFSlide slide = show.createSlide();
            slide.createTextBox().setText("Quarterly review");
            org.apache.poi.xslf.usermodel.XSLFNotes notes = show.getNotesSlide(slide);
            for (org.apache.poi.xslf.usermodel.XSLFTextShape shape : notes.getPlaceholders()) {
                if (shape.getTextType() == org.apache.poi.sl.usermodel.Placeholder.BODY) {
                    shape.setText("call the customer on " + plants.phoneForTest("speaker notes"));
                }
            }
            show.write(out);
            pptx = out.toByteArray();
        }
        Path path = TestFiles.write(dir, "review.pptx", pptx);
        RecordingSink sink = new RecordingSink();

        assertThat(read(path, ROOMY, sink)).isEqualTo(ReadResult.COMPLETE);
        assertThat(sink.allText()).contains("Quarterly review");
        assertAllDelivered(plants, sink);
    }

    /** Legacy XLS: the same numbers through the BIFF records, the rounded card not COMPLETE. */
    @Test
    void xlsNumbersAreDeliveredAsStoredAndARoundedCardIsNotComplete() throws IOException {
        String card = "4556737586899855";
        String stored = "4550112159504160";
        byte[] xls;
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook wb = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            org.apache.poi.hssf.usermodel.HSSFSheet sheet = wb.createSheet("cards");
            sheet.createRow(0).createCell(0).setCellValue("card");
            sheet.createRow(1).createCell(0).setCellValue(Double.parseDouble(card));
            sheet.createRow(2).createCell(0).setCellValue(Double.parseDouble(stored));
            wb.write(out);
            xls = out.toByteArray();
        }
        Path path = TestFiles.write(dir, "cards.xls", xls);
        RecordingSink sink = new RecordingSink();

        ReadResult result = read(path, ROOMY, sink);

        assertThat(sink.allText()).contains("A2: " + card, "A3: " + stored);
        assertThat(result.status()).isEqualTo(ScanStatus.PARTIAL);
        assertThat(result.reason()).isEqualTo(StatusReason.DETECTOR_LIMIT);
    }

    @Test
    void theStoredDecimalIsWrittenInPlainDigitsExactly() {
        assertThat(NumberText.plainDecimal("4.550112159504167E15")).isEqualTo("4550112159504167");
        assertThat(NumberText.plainDecimal("4550112159504160")).isEqualTo("4550112159504160");
        assertThat(NumberText.plainDecimal("1.5")).isEqualTo("1.5");
        assertThat(NumberText.plainDecimal("45000")).isEqualTo("45000");
        // Hostile exponents are not expanded into millions of zeros.
        assertThat(NumberText.plainDecimal("1E999999999")).isEqualTo("1E999999999");
        assertThat(NumberText.plainDecimal("not a number")).isEqualTo("not a number");
    }

    @Test
    void onlyCardShapedIntegersThatLostTheirLastDigitsAreUnverifiable() {
        assertThat(UnverifiableNumbers.isUnverifiableCard("4550112159504160")).isTrue();
        assertThat(UnverifiableNumbers.isUnverifiableCard("4000000000000010")).isFalse(); // Luhn-valid
        assertThat(UnverifiableNumbers.isUnverifiableCard("4550112159504167")).isFalse(); // all 16 digits kept
        assertThat(UnverifiableNumbers.isUnverifiableCard("1550112159504160")).isFalse(); // no issuer starts with 1
        assertThat(UnverifiableNumbers.isUnverifiableCard("455011215950416")).isFalse(); // 15 digits
        assertThat(UnverifiableNumbers.isUnverifiableCard("4550112159504160.5")).isFalse();
        assertThat(UnverifiableNumbers.isUnverifiableCard("45501121595041670")).isTrue(); // 17 digits: past 2^53
    }
}
