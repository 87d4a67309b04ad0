package dev.piigate.jobs.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellReference;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Legacy XLS (BIFF8) numbers as stored, like {@link OoxmlExtrasParser} does for XLSX: Tika's
 * extractor writes each number through its format ({@code 4.55011E+15}). A BIFF number is a
 * double; its shortest decimal form ({@link Double#toString}) is written in plain digits when the
 * formatted text does not show it, and counted in {@link UnverifiableNumbers} when it is a card
 * that lost its last digits.
 */
final class XlsExtrasParser extends BeforeBodyEndParser {
    private static final long serialVersionUID = 1L;

    XlsExtrasParser(Parser xls) {
        super(xls);
    }

    @Override
    void extras(Path file, ContentHandler out, ParseContext context) throws IOException, SAXException {
        UnverifiableNumbers unverifiable = context.get(UnverifiableNumbers.class);
        Numbers numbers = new Numbers(out, unverifiable);
        FormatTrackingHSSFListener formats = new FormatTrackingHSSFListener(numbers, Locale.ROOT);
        numbers.formats = formats;
        HSSFRequest request = new HSSFRequest();
        request.addListenerForAllRecords(formats);
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            new HSSFEventFactory().processWorkbookEvents(request, fs);
        } catch (Unchecked e) {
            throw e.wrapped;
        }
    }

    /** Carries a SAXException (the document's character limit) out of POI's listener. */
    private static final class Unchecked extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SAXException wrapped;

        Unchecked(SAXException wrapped) {
            super(null, null, false, false);
            this.wrapped = wrapped;
        }
    }

    private static final class Numbers implements HSSFListener {
        private final ContentHandler out;
        private final UnverifiableNumbers unverifiable;
        FormatTrackingHSSFListener formats;

        Numbers(ContentHandler out, UnverifiableNumbers unverifiable) {
            this.out = out;
            this.unverifiable = unverifiable;
        }

        @Override
        public void processRecord(Record record) {
            double value;
            if (record instanceof NumberRecord n) {
                value = n.getValue();
            } else if (record instanceof FormulaRecord f && f.getCachedResultTypeEnum() == CellType.NUMERIC) {
                value = f.getValue();
            } else {
                return;
            }
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return;
            }
            CellValueRecordInterface cell = (CellValueRecordInterface) record;
            String exact = NumberText.plainDecimal(Double.toString(value));
            if (unverifiable != null) {
                unverifiable.check(exact);
            }
            String formatted;
            try {
                formatted = formats.formatNumberDateCell(cell);
            } catch (RuntimeException e) {
                formatted = "";
            }
            if (formatted == null || !formatted.contains(exact)) {
                try {
                    write(out, new CellReference(cell.getRow(), cell.getColumn()).formatAsString() + ": " + exact + "\n");
                } catch (SAXException e) {
                    throw new Unchecked(e);
                }
            }
        }
    }
}
