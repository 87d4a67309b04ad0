package dev.piigate.jobs.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.apache.tika.parser.ParserDecorator;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * A Tika parser plus a second read of the same file for what that parser leaves out, written as
 * text just before the body ends (inside it, so an embedded document's extras are kept too).
 */
abstract class BeforeBodyEndParser extends ParserDecorator {
    private static final long serialVersionUID = 1L;

    BeforeBodyEndParser(Parser parser) {
        super(parser);
    }

    /** Writes what the wrapped parser leaves out of {@code file} to {@code out}. */
    abstract void extras(Path file, ContentHandler out, ParseContext context) throws IOException, SAXException;

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
        try (TemporaryResources tmp = new TemporaryResources()) {
            TikaInputStream tika = TikaInputStream.get(stream, tmp, metadata);
            Path file = tika.getPath();
            ContentHandler beforeBodyEnds = new ContentHandlerDecorator(handler) {
                private boolean written;

                @Override
                public void endElement(String uri, String localName, String name) throws SAXException {
                    if (!written && "body".equals(localName)) {
                        written = true;
                        try {
                            extras(file, handler, context);
                        } catch (IOException | RuntimeException e) {
                            // The file was read once already; failing now is a failure of the document.
                            throw new SAXException("second read failed: " + e.getClass().getSimpleName());
                        }
                    }
                    super.endElement(uri, localName, name);
                }
            };
            super.parse(tika, beforeBodyEnds, metadata, context);
        }
    }

    static void write(ContentHandler out, String text) throws SAXException {
        out.characters(text.toCharArray(), 0, text.length());
    }
}
