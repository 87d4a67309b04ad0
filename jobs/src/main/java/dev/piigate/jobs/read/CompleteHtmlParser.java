package dev.piigate.jobs.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.tika.detect.DefaultEncodingDetector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.EmbeddedDocumentUtil;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.html.DataURIScheme;
import org.apache.tika.parser.html.DataURISchemeParseException;
import org.apache.tika.parser.html.DataURISchemeUtil;
import org.apache.tika.sax.XHTMLContentHandler;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.nodes.XmlDeclaration;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * HTML as a scanner must read it: everything the file holds, not what a browser shows. Replaces
 * Tika's HTML parser, which keeps body text only: it drops comments, every attribute value (a
 * hidden {@code <input value="287-65-4321" name="ssn">}, {@code mailto:} links, {@code alt},
 * {@code data-*}), {@code <script>} and {@code <style>} text, and everything in {@code <head>}
 * but the title (JSON-LD in {@code <script type="application/ld+json">}, {@code <meta content>}).
 *
 * <p>Two passes over jsoup's tree, both written as text (entities decoded by jsoup; in comments
 * and script text, where HTML does not decode them, decoded here as well, since the value a page
 * builds from them is the decoded one):
 * <ol>
 * <li>in document order: text (title, textarea, noscript and template content included), script
 * and style text, comments; block elements end a line so adjacent cells do not glue;</li>
 * <li>then one line per element with attributes: the tag, then its naming attributes ({@code name},
 * {@code id}, {@code for}, {@code itemprop}...) before the others, as {@code name: value}, so a
 * keyword such as {@code ssn} stands just before the value it labels. Kept apart from pass 1 so
 * that markup does not split the sentences of the text.</li>
 * </ol>
 * A {@code data:} URI in an attribute is parsed as an embedded document (only its media type is
 * written as text); one that does not decode is written whole.
 */
final class CompleteHtmlParser implements Parser {
    private static final long serialVersionUID = 1L;

    static final Set<MediaType> TYPES = Set.of(MediaType.text("html"), MediaType.application("xhtml+xml"),
            MediaType.application("vnd.wap.xhtml+xml"), MediaType.application("x-asp"));

    /** Attributes that say what an element holds: written first, so they precede the value as context. */
    private static final List<String> NAMING_ATTRIBUTES = List.of("name", "id", "for", "itemprop", "property",
            "autocomplete", "aria-label", "label", "placeholder", "title");

    /** Elements that end a line besides jsoup's block elements. */
    private static final Set<String> LINE_ELEMENTS = Set.of("br", "td", "th", "tr", "li", "dt", "dd", "option",
            "title", "textarea", "caption", "label", "button");

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
        return TYPES;
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
        InputStream in = stream.markSupported() ? stream : new BufferedInputStream(stream);
        EncodingDetector detector = context.get(EncodingDetector.class);
        Charset charset = (detector == null ? new DefaultEncodingDetector() : detector).detect(in, metadata);
        if (charset == null) {
            charset = StandardCharsets.UTF_8;
        }
        String declared = metadata.get(Metadata.CONTENT_TYPE);
        MediaType type = declared == null ? null : MediaType.parse(declared);
        metadata.set(Metadata.CONTENT_TYPE,
                new MediaType(type == null || !TYPES.contains(type.getBaseType()) ? MediaType.text("html")
                        : type.getBaseType(), charset).toString());
        Document document = Jsoup.parse(CloseShieldInputStream.wrap(in), charset.name(), "");

        XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
        xhtml.startDocument();
        xhtml.startElement("div");
        Writer writer = new Writer(xhtml, context, metadata);
        try {
            NodeTraversor.traverse(writer.text(), document);
            writer.line();
            NodeTraversor.traverse(writer.attributes(), document);
        } catch (Unchecked e) {
            throw e.wrapped;
        }
        writer.line();
        xhtml.endElement("div");
        xhtml.endDocument();
    }

    /** Carries a SAXException through jsoup's visitor, which cannot throw checked exceptions. */
    private static final class Unchecked extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SAXException wrapped;

        Unchecked(SAXException wrapped) {
            super(null, null, false, false);
            this.wrapped = wrapped;
        }
    }

    /** Writes text to Tika's handler, keeping track of line ends so none are doubled. */
    private static final class Writer {
        private final XHTMLContentHandler xhtml;
        private final ParseContext context;
        private final Metadata metadata;
        private final DataURISchemeUtil dataUris = new DataURISchemeUtil();
        private boolean atLineStart = true;

        Writer(XHTMLContentHandler xhtml, ParseContext context, Metadata metadata) {
            this.xhtml = xhtml;
            this.context = context;
            this.metadata = metadata;
        }

        void write(String s) throws SAXException {
            if (!s.isEmpty()) {
                xhtml.characters(s);
                atLineStart = s.charAt(s.length() - 1) == '\n';
            }
        }

        void line() throws SAXException {
            if (!atLineStart) {
                write("\n");
            }
        }

        /** Pass 1: text, script and style text, comments, in document order. */
        NodeVisitor text() {
            return new NodeVisitor() {
                @Override
                public void head(Node node, int depth) {
                    try {
                        if (node instanceof TextNode t) {
                            write(t.getWholeText());
                        } else if (node instanceof DataNode d) {
                            line();
                            write(decoded(d.getWholeData()));
                            line();
                        } else if (node instanceof Comment c) {
                            line();
                            write(decoded(c.getData()));
                            line();
                        } else if (node instanceof Element e && endsLine(e)) {
                            line();
                        }
                    } catch (SAXException e) {
                        throw new Unchecked(e);
                    }
                }

                @Override
                public void tail(Node node, int depth) {
                    try {
                        if (node instanceof Element e && endsLine(e)) {
                            line();
                        }
                    } catch (SAXException e) {
                        throw new Unchecked(e);
                    }
                }
            };
        }

        /** Pass 2: one line per element (or doctype, XML declaration) with attribute values. */
        NodeVisitor attributes() {
            return (node, depth) -> {
                if (!(node instanceof Element || node instanceof DocumentType || node instanceof XmlDeclaration)
                        || node.attributesSize() == 0) {
                    return;
                }
                try {
                    attributeLine(node);
                } catch (SAXException e) {
                    throw new Unchecked(e);
                }
            };
        }

        private void attributeLine(Node node) throws SAXException {
            List<DataURIScheme> embedded = new ArrayList<>();
            boolean written = false;
            for (String naming : NAMING_ATTRIBUTES) {
                if (node.hasAttr(naming)) {
                    written |= attribute(node, written, naming, node.attr(naming), embedded);
                }
            }
            for (Attribute a : node.attributes()) {
                if (!NAMING_ATTRIBUTES.contains(a.getKey())) {
                    written |= attribute(node, written, a.getKey(), a.getValue(), embedded);
                }
            }
            line();
            for (DataURIScheme uri : embedded) {
                parseEmbedded(uri);
            }
        }

        private boolean attribute(Node node, boolean notFirst, String name, String value,
                List<DataURIScheme> embedded) throws SAXException {
            if (value == null || value.isBlank()) {
                return false;
            }
            write(notFirst ? "; " : node.nodeName() + " ");
            write(name);
            write(": ");
            DataURIScheme uri = value.regionMatches(true, 0, "data:", 0, 5) ? dataUri(value) : null;
            if (uri != null) {
                // The payload is read as a document of its own; its base64 is no text to scan.
                embedded.add(uri);
                int comma = value.indexOf(',');
                write(comma < 0 || comma > 200 ? "data:" : value.substring(0, comma));
            } else {
                write(value);
            }
            return true;
        }

        /** The data: URI decoded, or null when it does not decode (then it is scanned as text). */
        private DataURIScheme dataUri(String value) {
            try {
                return dataUris.parse(value);
            } catch (DataURISchemeParseException | RuntimeException e) {
                return null;
            }
        }

        private void parseEmbedded(DataURIScheme uri) throws SAXException {
            Metadata m = new Metadata();
            m.set(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE, TikaCoreProperties.EmbeddedResourceType.INLINE.toString());
            if (uri.getMediaType() != null) {
                m.set(Metadata.CONTENT_TYPE, uri.getMediaType().toString());
            }
            EmbeddedDocumentExtractor extractor = EmbeddedDocumentUtil.getEmbeddedDocumentExtractor(context);
            try (InputStream in = uri.getInputStream()) {
                extractor.parseEmbedded(in, xhtml, m, true);
            } catch (IOException e) {
                // Recorded on the side: the document is judged EMBEDDED_FAILED, never clean.
                EmbeddedDocumentUtil.recordEmbeddedStreamException(e, metadata);
            }
            atLineStart = false;
            line();
        }

        private static boolean endsLine(Element e) {
            return e.tag().isBlock() || LINE_ELEMENTS.contains(e.normalName());
        }

        /** Entities in text HTML leaves encoded (comments, script, style). */
        private static String decoded(String s) {
            return s.indexOf('&') < 0 ? s : org.jsoup.parser.Parser.unescapeEntities(s, false);
        }
    }
}
