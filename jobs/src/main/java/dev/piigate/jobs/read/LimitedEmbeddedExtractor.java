package dev.piigate.jobs.read;

import java.io.IOException;
import java.io.InputStream;

import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses embedded documents as Tika does, up to {@link TikaLimits#MAX_EMBEDDED} of them and
 * {@link TikaLimits#MAX_EMBEDDED_DEPTH} levels deep. Past a limit the document ends TOO_LARGE
 * (what was read is still scanned): container parsers catch what an embedded parse throws, so
 * the limit is remembered here and judged after the parse.
 */
final class LimitedEmbeddedExtractor extends ParsingEmbeddedDocumentExtractor {
    private int count;
    private int depth;
    private String limitReached;

    LimitedEmbeddedExtractor(ParseContext context) {
        super(context);
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        count++;
        if (count > TikaLimits.MAX_EMBEDDED) {
            reached("more than " + TikaLimits.MAX_EMBEDDED + " embedded documents");
        }
        if (depth >= TikaLimits.MAX_EMBEDDED_DEPTH) {
            reached("embedded documents nested deeper than " + TikaLimits.MAX_EMBEDDED_DEPTH + " levels");
        }
        depth++;
        try {
            super.parseEmbedded(stream, handler, metadata, outputHtml);
        } finally {
            depth--;
        }
    }

    private void reached(String what) throws SAXException {
        if (limitReached == null) {
            limitReached = what;
        }
        throw new SAXException(what);
    }

    /** Which limit stopped the parse, or null. */
    String limitReached() {
        return limitReached;
    }
}
