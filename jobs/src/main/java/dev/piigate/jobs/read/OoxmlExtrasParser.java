package dev.piigate.jobs.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.SAXParser;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.tika.exception.TikaException;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.utils.XMLReaderUtils;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Tika's OOXML parser, plus what it leaves out of a DOCX or XLSX, written before the body ends:
 * <ul>
 * <li>XLSX numbers as the file stores them. Tika writes a numeric cell through its number format,
 * and "General" shows a 16-digit card as {@code 4.55011E+15}, {@code #,##0} as
 * {@code 4,550,112,159,504,167}: no detector reads either. The {@code <v>} text of the sheet XML
 * is the exact decimal; it is written in plain digits ({@code B2: 4550112159504167}) when the
 * formatted text does not already show it so.</li>
 * <li>DOCX image alt text and titles of {@code wp:docPr} (Word's "Alt Text"); Tika reads only the
 * picture's own {@code pic:cNvPr}.</li>
 * </ul>
 * A number that cannot be checked is counted in {@link UnverifiableNumbers}: see there.
 */
final class OoxmlExtrasParser extends BeforeBodyEndParser {
    private static final long serialVersionUID = 1L;
    private static final String WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    /** A {@code <v>} longer than this is no number a detector looks for: written as it is. */

    OoxmlExtrasParser(Parser ooxml) {
        super(ooxml);
    }

    @Override
    void extras(Path file, ContentHandler out, ParseContext context) throws IOException, SAXException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            if (!pkg.getPartsByContentType(WORKSHEET).isEmpty()) {
                sheetNumbers(pkg, out, context.get(UnverifiableNumbers.class));
            }
            for (PackagePart part : pkg.getParts()) {
                String name = part.getPartName().getName();
                if (name.startsWith("/word/") && name.endsWith(".xml")) {
                    altText(part, out);
                }
            }
        } catch (InvalidFormatException e) {
            throw new IOException(e.getClass().getSimpleName());
        }
    }

    private static void sheetNumbers(OPCPackage pkg, ContentHandler out, UnverifiableNumbers unverifiable)
            throws IOException, SAXException {
        XSSFReader reader;
        StylesTable styles;
        try {
            reader = new XSSFReader(pkg);
            styles = reader.getStylesTable();
        } catch (OpenXML4JException e) {
            throw new IOException(e.getClass().getSimpleName());
        }
        DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
        XSSFReader.SheetIterator sheets;
        try {
            sheets = reader.getSheetIterator();
        } catch (InvalidFormatException e) {
            throw new IOException(e.getClass().getSimpleName());
        }
        while (sheets.hasNext()) {
            try (InputStream sheet = sheets.next()) {
                parse(sheet, new NumericCells(out, styles, formatter, unverifiable));
            }
        }
    }

    private static void altText(PackagePart part, ContentHandler out) throws IOException, SAXException {
        AltText alt = new AltText();
        try (InputStream in = part.getInputStream()) {
            parse(in, alt);
        }
        for (String text : alt.docPr) {
            if (!alt.pictures.contains(text)) {
                write(out, text + "\n");
            }
        }
    }

    private static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
        try {
            SAXParser parser = XMLReaderUtils.getSAXParser();
            parser.parse(in, handler);
        } catch (TikaException e) {
            throw new IOException(e.getClass().getSimpleName());
        }
    }

    /** Numeric cells of one sheet: the raw value where the formatted one hides its digits. */
    private static final class NumericCells extends DefaultHandler {
        private final ContentHandler out;
        private final StylesTable styles;
        private final DataFormatter formatter;
        private final UnverifiableNumbers unverifiable;
        private final StringBuilder value = new StringBuilder();
        private String ref;
        private String style;
        private boolean numeric;
        private boolean inValue;

        NumericCells(ContentHandler out, StylesTable styles, DataFormatter formatter, UnverifiableNumbers unverifiable) {
            this.out = out;
            this.styles = styles;
            this.formatter = formatter;
            this.unverifiable = unverifiable;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String name = localName.isEmpty() ? qName : localName;
            if ("c".equals(name)) {
                String type = attributes.getValue("t");
                numeric = type == null || "n".equals(type);
                ref = attributes.getValue("r");
                style = attributes.getValue("s");
            } else if ("v".equals(name) && numeric) {
                inValue = true;
                value.setLength(0);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue && value.length() < 4 * NumberText.MAX_PLAIN_DIGITS) {
                value.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            String name = localName.isEmpty() ? qName : localName;
            if ("v".equals(name) && inValue) {
                inValue = false;
                cell(value.toString().trim());
            } else if ("c".equals(name)) {
                numeric = false;
            }
        }

        private void cell(String v) throws SAXException {
            if (v.isEmpty()) {
                return;
            }
            String exact = NumberText.plainDecimal(v);
            if (unverifiable != null) {
                unverifiable.check(exact);
            }
            if (!formatted(v).contains(exact)) {
                write(out, (ref == null ? "" : ref + ": ") + exact + "\n");
            }
        }

        /** What Tika's extractor shows for the cell, near enough: POI's formatter with the cell's style. */
        private String formatted(String v) {
            try {
                double d = Double.parseDouble(v);
                XSSFCellStyle s = styles == null || style == null ? null
                        : styles.getStyleAt(Integer.parseInt(style));
                if (s == null) {
                    return formatter.formatRawCellContents(d, 0, "General");
                }
                String format = s.getDataFormatString();
                return formatter.formatRawCellContents(d, s.getDataFormat(), format == null ? "General" : format);
            } catch (RuntimeException e) {
                return "";
            }
        }
    }

    /** {@code wp:docPr} descr and title, and the {@code pic:cNvPr} descr Tika already writes. */
    private static final class AltText extends DefaultHandler {
        final List<String> docPr = new ArrayList<>();
        final Set<String> pictures = new HashSet<>();

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String name = localName.isEmpty() ? qName : localName;
            if ("docPr".equals(name)) {
                add(docPr, attributes.getValue("descr"));
                add(docPr, attributes.getValue("title"));
            } else if ("cNvPr".equals(name)) {
                String descr = attributes.getValue("descr");
                if (descr != null) {
                    pictures.add(descr);
                }
            }
        }

        private static void add(List<String> to, String value) {
            if (value != null && !value.isBlank()) {
                to.add(value);
            }
        }
    }
}
