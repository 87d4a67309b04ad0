package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFComments;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFEndnote;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * Documents that hide their PII where a reader of the rendered page does not look: HTML markup,
 * Word revisions and side parts, spreadsheet numbers. Each planted value is recorded with the
 * place it hides in and its entity type, so tests can say which place was missed. All values are
 * synthetic ({@link Canaries}), unique per seed and place.
 */
public final class HostileDocuments {
    public static final String CARD = "CREDIT_CARD_NUMBER";
    public static final String SSN = "USA_SOCIAL_SECURITY_NUMBER";
    public static final String IBAN = "IBAN";
    public static final String PHONE = "PHONE_NUMBER";
    public static final String EMAIL = "EMAIL_ADDRESS";

    /** A value planted in {@code place}: what the delivered text must hold, and its type. */
    public record Planted(String place, String type, String value) {
    }

    /** The planted values of one document, in the order they were written. */
    public static final class Plants {
        private final String seed;
        private final List<Planted> all = new ArrayList<>();

        public Plants(String seed) {
            this.seed = seed;
        }

        public List<Planted> all() {
            return List.copyOf(all);
        }

        public long count(String type) {
            return all.stream().filter(p -> p.type().equals(type)).count();
        }

        private Canaries canaries(String place) {
            return new Canaries(seed + "/" + place);
        }

        String card(String place) {
            return add(place, CARD, canaries(place).card);
        }

        /** The card as 16 digits, no separators. */
        String bareCard(String place) {
            return add(place, CARD, canaries(place).card.replace(" ", ""));
        }

        String ssn(String place) {
            return add(place, SSN, canaries(place).ssn);
        }

        /** Nine bare digits: an SSN only next to a keyword or a field that says SSN. */
        String bareSsn(String place) {
            return add(place, SSN, canaries(place).ssn.replace("-", ""));
        }

        String iban(String place) {
            return add(place, IBAN, canaries(place).iban);
        }

        String phone(String place) {
            return add(place, PHONE, canaries(place).phone);
        }

        /** For tests outside this package that build their own document. */
        public String phoneForTest(String place) {
            return phone(place);
        }

        String email(String place) {
            return add(place, EMAIL, canaries(place).email);
        }

        private String add(String place, String type, String value) {
            all.add(new Planted(place, type, value));
            return value;
        }
    }

    private static final String WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
    private static final String A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private static final String WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";

    private HostileDocuments() {
    }

    /** Every character as a decimal character reference: {@code &#52;&#53;...}. */
    static String entities(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append("&#").append(c).append(';'));
        return sb.toString();
    }

    /**
     * A page whose visible text holds nothing: every value is in markup Tika's HTML parser drops
     * (comments, attributes, head, scripts, styles) or in text it keeps only entity-encoded.
     */
    public static String html(Plants p) {
        String ssnBare = p.bareSsn("input[name=ssn] bare");
        return "<!DOCTYPE html>\n<html><head><title>Account settings</title>\n"
                + "<meta name=\"reply-to\" content=\"" + p.email("meta content") + "\">\n"
                + "<script type=\"application/ld+json\">{\"@type\":\"Person\",\"telephone\":\""
                + p.phone("json-ld script") + "\",\"email\":\"" + p.email("json-ld script") + "\"}</script>\n"
                + "<style>/* billing card " + p.card("style") + " */ .x{color:red}</style>\n"
                + "</head><body>\n"
                + "<!-- old form: ssn " + p.ssn("comment") + " -->\n"
                + "<form><input type=\"hidden\" value=\"" + p.ssn("input hidden value") + "\" name=\"ssn\">\n"
                + "<input type=\"hidden\" value=\"" + ssnBare + "\" name=\"ssn\">\n"
                + "<input type=\"text\" placeholder=\"" + p.phone("placeholder") + "\"></form>\n"
                + "<p>Questions? <a href=\"mailto:" + p.email("mailto href") + "\">write to us</a>.</p>\n"
                + "<div data-iban=\"" + p.iban("data-* attribute") + "\" title=\""
                + entities(p.card("title attribute, entity-encoded")) + "\">Billing</div>\n"
                + "<img src=\"card.png\" alt=\"card " + p.card("img alt") + "\">\n"
                + "<noscript>IBAN " + p.iban("noscript") + "</noscript>\n"
                + "<template><p>mail " + p.email("template") + "</p></template>\n"
                + "<textarea name=\"notes\">ssn " + p.ssn("textarea") + "</textarea>\n"
                + "<p>Card on file: " + entities(p.card("text, entity-encoded")) + "</p>\n"
                + "<script>var card = \"" + p.bareCard("inline script") + "\";</script>\n"
                + "<iframe src=\"data:text/plain;base64,"
                + Base64.getEncoder().encodeToString(("card " + p.card("data: URI")).getBytes(UTF_8))
                + "\"></iframe>\n"
                + "</body></html>\n";
    }

    /**
     * A Word document whose final, visible body holds nothing: every value is in a revision,
     * a side part (comment, header, footer, footnote, endnote), a text box, hidden text, a field
     * code, a hyperlink target, an image's alt text or a document property.
     */
    public static byte[] docx(Plants p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createParagraph().createRun().setText("Employment agreement (final version)");

            XWPFComments comments = doc.createComments();
            XWPFComment comment = comments.createComment(BigInteger.ONE);
            comment.setAuthor("Reviewer");
            comment.createParagraph().createRun().setText("her ssn is " + p.ssn("comment"));

            doc.createHeader(HeaderFooterType.DEFAULT).createParagraph().createRun()
                    .setText("HR contact " + p.email("header"));
            doc.createFooter(HeaderFooterType.DEFAULT).createParagraph().createRun()
                    .setText("payroll IBAN " + p.iban("footer"));

            XWPFParagraph noted = doc.createParagraph();
            noted.createRun().setText("See the note.");
            doc.createFootnotes();
            XWPFFootnote footnote = doc.createFootnote();
            footnote.createParagraph().createRun().setText("card " + p.card("footnote"));
            noted.addFootnoteReference(footnote);
            doc.createEndnotes();
            XWPFEndnote endnote = doc.createEndnote();
            endnote.createParagraph().createRun().setText("phone " + p.phone("endnote"));
            noted.addFootnoteReference(endnote);

            XWPFParagraph linked = doc.createParagraph();
            linked.createRun().setText("Write to ");
            linked.createHyperlinkRun("mailto:" + p.email("hyperlink target")).setText("the office");

            XWPFRun picture = doc.createParagraph().createRun();
            try {
                picture.addPicture(new ByteArrayInputStream(onePixelPng()), PictureType.PNG, "scan.png", 100_000,
                        100_000);
            } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
                throw new IOException(e);
            }
            picture.getCTR().getDrawingArray(0).getInlineArray(0).getDocPr()
                    .setDescr("scan of card " + p.card("image alt text"));

            doc.createParagraph().createRun().setText("REVISIONS-GO-HERE");

            doc.getProperties().getCoreProperties().setCreator("Author " + p.email("core property creator"));
            doc.getProperties().getCoreProperties().setDescription("iban " + p.iban("core property description"));
            doc.getProperties().getCustomProperties().addProperty("employee_ssn", p.ssn("custom property"));
            doc.write(out);
        }
        String revisions = "<w:p><w:r><w:t xml:space=\"preserve\">Salary paid to </w:t></w:r>"
                + "<w:del w:id=\"901\" w:author=\"Editor\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:delText>"
                + "IBAN " + p.iban("tracked deletion") + "</w:delText></w:r></w:del>"
                + "<w:ins w:id=\"902\" w:author=\"Editor\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:t>"
                + " the account on file; card " + p.card("tracked insertion") + "</w:t></w:r></w:ins></w:p>"
                + "<w:p><w:moveFrom w:id=\"903\" w:author=\"Editor\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:t>"
                + "ssn " + p.ssn("move from") + "</w:t></w:r></w:moveFrom></w:p>"
                + "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden: phone " + p.phone("hidden text (vanish)")
                + "</w:t></w:r></w:p>"
                + "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">"
                + " HYPERLINK \"mailto:" + p.email("field code (instrText)") + "\" </w:instrText></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>mail us</w:t></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
                + "<w:p><w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\" id=\"box1\""
                + " style=\"width:200pt;height:40pt\"><v:textbox><w:txbxContent><w:p><w:r><w:t>card "
                + p.card("text box") + "</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
                // A DrawingML text box, as Word 2010+ writes one (here without the VML fallback).
                + "<w:p><w:r><w:drawing><wp:anchor xmlns:wp=\"" + WP + "\" distT=\"0\" distB=\"0\" distL=\"0\""
                + " distR=\"0\" simplePos=\"0\" relativeHeight=\"1\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\""
                + " allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"column\">"
                + "<wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"paragraph\">"
                + "<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx=\"2000000\" cy=\"500000\"/>"
                + "<wp:wrapNone/><wp:docPr id=\"77\" name=\"Text Box 77\"/>"
                + "<a:graphic xmlns:a=\"" + A + "\"><a:graphicData uri=\"" + WPS + "\">"
                + "<wps:wsp xmlns:wps=\"" + WPS + "\"><wps:cNvSpPr txBox=\"1\"/><wps:spPr/><wps:txbx><w:txbxContent>"
                + "<w:p><w:r><w:t>iban " + p.iban("DrawingML text box") + "</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
                + "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>";
        return replaceParagraph(out.toByteArray(), "word/document.xml", "REVISIONS-GO-HERE", revisions);
    }

    /**
     * A workbook whose values are where a formatted, visible-sheet extraction loses them: numbers
     * (a card typed as a number shows as {@code 4.55011E+15}), a hidden sheet, a cell comment, a
     * header and a footer. {@code excelCard} is a card as Excel stores it: 15 significant digits.
     */
    public static byte[] xlsx(Plants p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet("payments");
            XSSFRow header = sheet.createRow(0);
            header.createCell(0).setCellValue("customer");
            header.createCell(1).setCellValue("card");
            XSSFRow row = sheet.createRow(1);
            row.createCell(0).setCellValue("Jane Roe");
            row.createCell(1).setCellValue(Double.parseDouble(p.bareCard("numeric cell, General format")));
            XSSFRow second = sheet.createRow(2);
            second.createCell(0).setCellValue("John Roe");
            XSSFCell grouped = second.createCell(1);
            grouped.setCellValue(Double.parseDouble(p.bareCard("numeric cell, #,##0 format")));
            org.apache.poi.ss.usermodel.CellStyle thousands = wb.createCellStyle();
            thousands.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            grouped.setCellStyle(thousands);

            Drawing<?> drawing = sheet.createDrawingPatriarch();
            ClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
            anchor.setRow1(1);
            anchor.setCol1(3);
            anchor.setRow2(4);
            anchor.setCol2(6);
            Comment note = drawing.createCellComment(anchor);
            note.setString(wb.getCreationHelper().createRichTextString("call " + p.phone("cell comment")));
            row.getCell(0).setCellComment(note);

            sheet.getHeader().setCenter("owner " + p.email("sheet header"));
            sheet.getFooter().setLeft("iban " + p.iban("sheet footer"));

            XSSFSheet hidden = wb.createSheet("old");
            hidden.createRow(0).createCell(0).setCellValue("ssn " + p.ssn("hidden sheet"));
            wb.setSheetHidden(1, true);
            wb.write(out);
        }
        return out.toByteArray();
    }

    /**
     * An OpenDocument text (a ZIP with its {@code mimetype} first, stored, and {@code content.xml}):
     * a format Tika detects but, without its ODF module, has no parser for.
     */
    public static byte[] odt(Plants p) throws IOException {
        byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                    + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
                    + "<office:body><office:text><text:p>card " + p.card("odt body") + "</text:p></office:text>"
                    + "</office:body></office:document-content>").getBytes(UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** Replaces the paragraph holding {@code marker} in {@code part} by {@code xml}. */
    static byte[] replaceParagraph(byte[] zipBytes, String part, String marker, String xml) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] body = in.readAllBytes();
                if (e.getName().equals(part)) {
                    String text = new String(body, UTF_8);
                    int at = text.indexOf(marker);
                    int start = text.lastIndexOf("<w:p>", at);
                    int startWithAttributes = text.lastIndexOf("<w:p ", at);
                    start = Math.max(start, startWithAttributes);
                    int end = text.indexOf("</w:p>", at) + "</w:p>".length();
                    body = (text.substring(0, start) + xml + text.substring(end)).getBytes(UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(body);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A valid 1x1 PNG, written here rather than committed. */
    static byte[] onePixelPng() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1, 1,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
