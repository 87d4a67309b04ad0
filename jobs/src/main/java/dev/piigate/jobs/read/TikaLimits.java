package dev.piigate.jobs.read;

import java.util.Locale;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.microsoft.OfficeParserConfig;

/**
 * Tika's and POI's guards, set explicitly rather than trusted as defaults. Text written is bounded
 * by our own {@link ReadLimits#maxDocumentChars()} (an exception at the limit, never Tika's silent
 * truncation); embedded documents by {@link LimitedEmbeddedExtractor}.
 */
final class TikaLimits {
    /** Characters of output before Tika's compression-ratio check starts. */
    static final long OUTPUT_THRESHOLD = 1_000_000;
    /** Output characters per input byte beyond which Tika calls it a zip bomb. */
    static final long MAX_COMPRESSION_RATIO = 100;
    /** Deepest XML element nesting in Tika's output. */
    static final int MAX_XML_DEPTH = 100;
    /** Deepest nesting of package (archive) entries. */
    static final int MAX_PACKAGE_ENTRY_DEPTH = 10;
    /** Embedded documents (attachments, OLE objects, images) per document, at any depth. */
    static final int MAX_EMBEDDED = 1_000;
    /** Deepest nesting of embedded documents (a DOCX in a DOCX in a DOCX ...). */
    static final int MAX_EMBEDDED_DEPTH = 5;
    /** POI: a ZIP entry may expand at most 100x (ratio 0.01) and to at most 256 MiB. */
    static final double MIN_INFLATE_RATIO = 0.01;
    static final long MAX_ZIP_ENTRY_BYTES = 256L * 1024 * 1024;

    private TikaLimits() {
    }

    static AutoDetectParserConfig autoDetectParserConfig() {
        // spoolToDisk null: the input is already a local file.
        return new AutoDetectParserConfig(null, OUTPUT_THRESHOLD, MAX_COMPRESSION_RATIO, MAX_XML_DEPTH,
                MAX_PACKAGE_ENTRY_DEPTH);
    }

    /**
     * DOCX and PPTX through Tika's streaming (SAX) extractors: a DOM of the whole document part
     * would put a large or zip-bombed document in memory before any guard could count its text.
     *
     * <p>And every text the file holds, not what a reader of the final version sees: tracked
     * deletions and moves (the deleted SSN is still in the file), text boxes and shapes, headers
     * and footers, slide notes and masters, macros (VBA source is text), every alternative body of
     * a mail. Set explicitly, whatever Tika's defaults are; the same options apply to DOC, XLS, PPT.
     */
    static OfficeParserConfig officeParserConfig() {
        OfficeParserConfig config = new OfficeParserConfig();
        config.setUseSAXDocxExtractor(true);
        config.setUseSAXPptxExtractor(true);
        config.setIncludeDeletedContent(true);
        config.setIncludeMoveFromContent(true);
        config.setIncludeShapeBasedContent(true);
        config.setIncludeHeadersAndFooters(true);
        config.setConcatenatePhoneticRuns(true);
        config.setIncludeSlideNotes(true);
        config.setIncludeSlideMasterContent(true);
        config.setExtractMacros(true);
        config.setExtractAllAlternativesFromMSG(true);
        return config;
    }

    /** POI's limits are process-wide statics: set once in the parser process. */
    static void applyPoiLimits() {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ZIP_ENTRY_BYTES);
    }

    /**
     * Whether a parse failed on a decompression guard (Tika's SecureContentHandler, POI's
     * ZipSecureFile). Both say so only in their messages; the message is matched here and never
     * passed on.
     */
    static boolean isZipBombGuard(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String message = c.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("zip bomb")) {
                return true;
            }
        }
        return false;
    }
}
