package dev.piigate.jobs.read;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ParseRecord;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Documents (PDF, Office, HTML, RTF, ODF) through Apache Tika's {@link AutoDetectParser}, embedded
 * documents included. Record 0; the text is delivered as it is produced, in overlapping chunks of
 * at most 64K characters under field {@code content} (see {@link TextChunks}), never as one
 * string. Document metadata values (author, title, comments: they name people) are delivered
 * under {@code metadata:<name>}.
 *
 * <p>What the file holds, not what a reader of it sees: HTML through {@link CompleteHtmlParser}
 * (comments, every attribute, head, scripts, styles); Office documents with every Tika option that
 * adds text ({@link TikaLimits#officeParserConfig()}: revisions, headers and footers, shapes, notes);
 * attribute values of Tika's output (links, alt text); DOCX alt text and XLSX/XLS numbers as stored
 * ({@link OoxmlExtrasParser}, {@link XlsExtrasParser}). A spreadsheet number that may be a card
 * that lost its last digits ({@link UnverifiableNumbers}) -> PARTIAL/DETECTOR_LIMIT.
 *
 * <p>How it ends: more than {@link ReadLimits#maxDocumentChars()} characters -> PARTIAL/TRUNCATED
 * (what came before the cut is scanned); encrypted -> ENCRYPTED; a parse failure or Tika's
 * zip-bomb guard -> CORRUPT; an embedded document that failed (Tika records that only on the
 * side, in the parse record and metadata) -> PARTIAL/EMBEDDED_FAILED; a page Tika could not read
 * (its warnings) -> PARTIAL/CORRUPT; a PDF whose {@code %%EOF} is missing from its tail (PDFBox
 * repairs cut files silently) -> PARTIAL/TRUNCATED; no answer within
 * {@link ReadLimits#documentTimeoutMs()} -> PARSER_TIMEOUT; a type Tika has no parser for (it reads such a
 * file as empty) -> UNSUPPORTED_FORMAT; a parser that throws anything else
 * (a linkage error from a dependency clash, a stack overflow) -> PARSER_CRASH. Each is PARTIAL
 * when some text was already delivered and SKIPPED when none was.
 *
 * <p>Parsing never runs in the executor: the object is spooled to a local temporary file (deleted
 * when reading ends) and parsed by a separate parser JVM with its own small heap
 * (from the {@link ParserProcesses} it is given), which streams the text back. A parser that hangs past
 * {@link ReadLimits#documentTimeoutMs()} has its process killed (PARSER_TIMEOUT); one that exhausts
 * its heap, calls {@code System.exit} or crashes the JVM ends its process (PARSER_CRASH); either way
 * the next document gets a fresh process and the executor goes on. Tika's own limits are set
 * explicitly ({@link TikaLimits}): characters written (our limit, with an exception), embedded
 * documents and their nesting, XML depth, compression ratio.
 */
final class DocumentReader implements RecordReader {
    static final String FIELD = "content";
    static final String METADATA_FIELD_PREFIX = "metadata:";
    static final int CHUNK_CHARS = 64 * 1024;
    private static final MediaType XLS = MediaType.application("vnd.ms-excel");
    /** PDF readers accept {@code %%EOF} within the last 1024 bytes. */
    private static final int PDF_TAIL_BYTES = 1024;

    /** Metadata that describes the parse, not the document's authors or content. */
    private static final Set<String> TECHNICAL_METADATA_PREFIXES = Set.of(
            "X-TIKA:", "Content-Type", "Content-Length", "Content-Encoding", "resourceName", "X-Parsed-By",
            "access_permission:", "pdf:", "xmpTPg:");

    /** Whose processes parse; owned by the caller, who closes it. */
    private final ParserProcesses parsers;

    DocumentReader(ParserProcesses parsers) {
        this.parsers = requireNonNull(parsers, "parsers");
    }

    @Override
    public ReadResult read(FileSystem fs, Path path, Configuration conf, ReadLimits limits, RecordSink sink)
            throws IOException {
        Inputs.Opened opened;
        try {
            opened = Inputs.open(fs, path, conf);
        } catch (Inputs.UnsupportedCodec e) {
            return Inputs.unsupportedCodecResult(e);
        } catch (Inputs.DecodeFailure e) {
            return Inputs.decodeResult(e, 0);
        }
        TrackingSink records = new TrackingSink(sink);
        records.startRecord(0);
        // Spooled here, in the executor: storage failures stay ours (they propagate), and the
        // parser process gets a local file (PDFBox and ZIP containers need random access).
        java.nio.file.Path spooled = Files.createTempFile("pii-gate-document-", ".bin");
        try {
            try (InputStream in = opened.stream()) {
                Files.copy(in, spooled, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (Inputs.DecodeFailure e) {
                return Inputs.decodeResult(e, 0);
            }
            int chunkChars = TextChunks.chunkChars(Math.min(CHUNK_CHARS, limits.maxValueChars()));
            return parsers.parse(spooled, resourceName(path), chunkChars, limits, records);
        } finally {
            records.closeOpenRecord();
            Files.deleteIfExists(spooled);
        }
    }

    /**
     * Parses a local file in this JVM and delivers its text to {@code sink}; never throws. Runs in
     * the parser process ({@link DocumentParseServer}), where a hang, an exhausted heap or an exit
     * costs only that process.
     */
    static ReadResult parseHere(java.nio.file.Path file, String resourceName, int chunkChars, long maxChars,
            RecordSink sink) {
        Delivery delivery = new Delivery(sink, chunkChars, maxChars);
        LimitedEmbeddedExtractor embedded = null;
        try {
            Metadata metadata = new Metadata();
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, resourceName);
            AutoDetectParser parser = new AutoDetectParser();
            useOurParsers(parser);
            parser.setAutoDetectParserConfig(TikaLimits.autoDetectParserConfig());
            ParseContext context = new ParseContext();
            // Without a Parser in the context, embedded documents (a spreadsheet in a DOCX) are skipped.
            context.set(Parser.class, parser);
            ParseRecord parseRecord = new ParseRecord();
            context.set(ParseRecord.class, parseRecord);
            context.set(OfficeParserConfig.class, TikaLimits.officeParserConfig());
            UnverifiableNumbers unverifiable = new UnverifiableNumbers();
            context.set(UnverifiableNumbers.class, unverifiable);
            embedded = new LimitedEmbeddedExtractor(context);
            context.set(EmbeddedDocumentExtractor.class, embedded);
            try (TikaInputStream tika = TikaInputStream.get(file, metadata)) {
                parser.parse(tika, delivery, metadata, context);
            }
            delivery.flush();
            delivery.metadata(metadata);
            if (embedded.limitReached() != null) {
                return delivery.ended(StatusReason.TOO_LARGE, embedded.limitReached());
            }
            ReadResult result = judge(metadata, parseRecord, file, delivery);
            if (result.status() == ScanStatus.COMPLETE && unverifiable.count() > 0) {
                return ReadResult.partial(StatusReason.DETECTOR_LIMIT, unverifiable.count()
                        + " numeric cell(s) hold a 16-19 digit number stored with its last digits lost"
                        + " (15 significant digits): a card number typed as a number cannot be verified");
            }
            return result;
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vm && !(t instanceof StackOverflowError)) {
                throw vm; // out of memory: the process ends (ExitOnOutOfMemoryError); the caller reports it
            }
            if (embedded != null && embedded.limitReached() != null) {
                return delivery.ended(StatusReason.TOO_LARGE, embedded.limitReached());
            }
            return classify(t, delivery);
        }
    }

    /**
     * HTML at any depth (a page, the HTML part of a mail) through {@link CompleteHtmlParser}, which
     * keeps the comments, attributes and scripts Tika's drops; DOCX, XLSX and XLS with what Tika's
     * extractors leave out ({@link OoxmlExtrasParser}, {@link XlsExtrasParser}). Set inside Tika's
     * DefaultParser, so the chain of parsers (and the metadata naming it) keeps its shape.
     */
    private static void useOurParsers(AutoDetectParser parser) {
        Set<CompositeParser> composites = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Parser p : parser.getParsers().values()) {
            if (p instanceof CompositeParser composite) {
                composites.add(composite);
            }
        }
        CompleteHtmlParser html = new CompleteHtmlParser();
        for (CompositeParser composite : composites) {
            Map<MediaType, Parser> parsers = composite.getParsers();
            for (MediaType type : CompleteHtmlParser.TYPES) {
                parsers.put(type, html);
            }
            parsers.replaceAll((type, p) -> p instanceof OOXMLParser ? new OoxmlExtrasParser(p)
                    : type.equals(XLS) ? new XlsExtrasParser(p) : p);
            composite.setParsers(parsers);
        }
    }

    private static ReadResult judge(Metadata metadata, ParseRecord parseRecord, java.nio.file.Path spooled,
            Delivery delivery) throws IOException {
        List<String> embedded = new ArrayList<>();
        for (Exception e : parseRecord.getExceptions()) {
            embedded.add(Inputs.describe(e));
        }
        boolean warned = false;
        for (String name : metadata.names()) {
            if (name.startsWith(TikaCoreProperties.TIKA_META_EXCEPTION_PREFIX + "embedded")) {
                embedded.add(name.substring(TikaCoreProperties.TIKA_META_EXCEPTION_PREFIX.length()));
            } else if (name.startsWith(TikaCoreProperties.TIKA_META_EXCEPTION_PREFIX)
                    && !name.equals(TikaCoreProperties.WRITE_LIMIT_REACHED.getName())) {
                warned = true;
            }
        }
        if (!embedded.isEmpty()) {
            return ReadResult.partial(StatusReason.EMBEDDED_FAILED,
                    embedded.size() + " embedded document failure(s): " + embedded.get(0));
        }
        if (warned) {
            return ReadResult.partial(StatusReason.CORRUPT, "parser recorded an exception; some text may be missing");
        }
        String type = metadata.get(Metadata.CONTENT_TYPE);
        if (noParserRead(metadata)) {
            // Tika answers a type it has no parser for (ODF here, an image named .pdf) with an
            // empty document (only its own whitespace): nothing was read, nothing may count as clean.
            MediaType media = type == null ? null : MediaType.parse(type);
            return ReadResult.skipped(StatusReason.UNSUPPORTED_FORMAT, "no parser for "
                    + (media == null ? "its content type" : media.getBaseType().toString()));
        }
        if (type != null && type.startsWith("application/pdf") && !pdfEndsWithEofMarker(spooled)) {
            return delivery.ended(StatusReason.TRUNCATED, "PDF has no %%EOF marker at its end");
        }
        return ReadResult.COMPLETE;
    }

    /** Whether Tika handed the document to its EmptyParser, which reads nothing. */
    static boolean noParserRead(Metadata metadata) {
        String[] parsedBy = metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY);
        if (parsedBy.length == 0) {
            return false;
        }
        for (String parser : parsedBy) {
            if (!EmptyParser.class.getName().equals(parser)) {
                return false;
            }
        }
        return true;
    }

    private static String resourceName(Path path) {
        String name = path.getName();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String suffix : List.of(".gz", ".gzip", ".bz2", ".zst", ".deflate")) {
            if (lower.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** The outcome of a parse that threw. Only class names go into the detail. */
    static ReadResult classify(Throwable failure, Delivery delivery) {
        if (Inputs.hasCause(failure, DocumentLimitReached.class)) {
            return delivery.truncatedResult();
        }
        Inputs.DecodeFailure decode = Inputs.findCause(failure, Inputs.DecodeFailure.class);
        if (decode != null) {
            // The compressed object is cut or damaged; the whole document was never parsed.
            return Inputs.decodeResult(decode, delivery.delivered() > 0 ? 1 : 0);
        }
        if (Inputs.hasCause(failure, EncryptedDocumentException.class)) {
            return delivery.ended(StatusReason.ENCRYPTED, "encrypted document: " + Inputs.describe(failure));
        }
        if (Inputs.hasCause(failure, ZeroByteFileException.class)) {
            return ReadResult.skipped(StatusReason.EMPTY, "no content after decompression");
        }
        if (TikaLimits.isZipBombGuard(failure)) {
            return delivery.ended(StatusReason.TOO_LARGE,
                    "expands beyond the compression-ratio or size limits: " + Inputs.describe(failure));
        }
        if (failure instanceof Exception) {
            // TikaException (corrupt container), SAXException, IOException of the data.
            return delivery.ended(StatusReason.CORRUPT, "parse failed: " + Inputs.describe(failure));
        }
        return delivery.ended(StatusReason.PARSER_CRASH, "parser crashed: " + Inputs.describe(failure));
    }

    static boolean pdfEndsWithEofMarker(java.nio.file.Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int tail = (int) Math.min(size, PDF_TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(tail);
            channel.position(size - tail);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // fill
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1).contains("%%EOF");
        }
    }

    /** Our parse hit {@link ReadLimits#maxDocumentChars()}; stops Tika. */
    static final class DocumentLimitReached extends SAXException {
        private static final long serialVersionUID = 1L;

        DocumentLimitReached() {
            super("document character limit reached");
        }
    }

    /** Thrown into the parser once the caller gave up on it (timeout). */
    static final class DeliveryCutOff extends SAXException {
        private static final long serialVersionUID = 1L;

        DeliveryCutOff() {
            super("document delivery cut off");
        }
    }

    /**
     * A SAX handler that forwards text in overlapping chunks, counts characters against the
     * document limit, and stops delivering (under a lock shared with the caller's thread) the
     * moment the caller gives up, so the sink is never called after {@code read} returned.
     */
    static final class Delivery extends DefaultHandler {
        private static final Set<String> BLOCK_ELEMENTS = Set.of(
                "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "title", "pre",
                "blockquote", "dt", "dd", "table", "section", "article");

        /** Bounds the memory of {@link #linksDelivered}; past it, a relisted link is delivered again. */
        private static final int MAX_LINKS_REMEMBERED = 10_000;

        private final RecordSink sink;
        private final int chunkChars;
        private final long maxChars;
        private final StringBuilder chunk = new StringBuilder();
        private final Object lock = new Object();
        private boolean cutOff;
        private boolean chunkIsContinuation;
        private long extracted;
        private long delivered;
        /** Depth inside the XHTML head, where attributes are not delivered. */
        private int headDepth;
        /** Links delivered where they stand in the text, so Tika's list of them at the end is skipped. */
        private final Set<String> linksDelivered = new java.util.HashSet<>();

        Delivery(RecordSink sink, int chunkChars, long maxChars) {
            this.sink = sink;
            this.chunkChars = chunkChars;
            this.maxChars = maxChars;
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            append(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            append(ch, start, length);
        }

        /** Keeps words of adjacent cells and paragraphs apart ({@code <td>4111</td><td>1111</td>}). */
        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if (headDepth > 0) {
                headDepth--;
            }
            String name = localName == null || localName.isEmpty() ? qName : localName;
            if (name != null && BLOCK_ELEMENTS.contains(name) && chunk.length() > 0
                    && !Character.isWhitespace(chunk.charAt(chunk.length() - 1))) {
                append(new char[] {'\n'}, 0, 1);
            }
        }

        /**
         * Attribute values are text too: a DOCX or PDF hyperlink ({@code mailto:}), a picture's
         * description ({@code pic:cNvPr descr}, as Tika writes it), an embedded file's name. Tika's structural
         * {@code class} labels are left out, and so is the head, whose {@code <meta>} elements
         * repeat the metadata delivered on its own (see {@link #metadata}).
         */
        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            String name = localName == null || localName.isEmpty() ? qName : localName;
            if ("head".equals(name) || headDepth > 0) {
                headDepth++;
                return;
            }
            String elementClass = attributes.getValue("class");
            // Tika lists a package's external relationships again at the end (class
            // externalResource, externalImage...): a link already delivered where it stands in the
            // text is not delivered twice.
            boolean relisted = elementClass != null && elementClass.startsWith("external");
            for (int i = 0; i < attributes.getLength(); i++) {
                String attribute = attributes.getLocalName(i);
                if (attribute == null || attribute.isEmpty()) {
                    attribute = attributes.getQName(i);
                }
                String value = attributes.getValue(i);
                if (value == null || value.isBlank() || "class".equals(attribute)) {
                    continue;
                }
                if (relisted && linksDelivered.contains(value)) {
                    continue;
                }
                if (!relisted && "href".equals(attribute) && linksDelivered.size() < MAX_LINKS_REMEMBERED) {
                    linksDelivered.add(value);
                }
                String spaced = " " + value + " ";
                append(spaced.toCharArray(), 0, spaced.length());
            }
        }

        private void append(char[] ch, int start, int length) throws SAXException {
            int offset = start;
            int remaining = length;
            while (remaining > 0) {
                if (extracted >= maxChars) {
                    deliverChunk(true);
                    throw new DocumentLimitReached();
                }
                int room = (int) Math.min(Math.min(remaining, chunkChars - chunk.length()), maxChars - extracted);
                chunk.append(ch, offset, room);
                extracted += room;
                offset += room;
                remaining -= room;
                if (chunk.length() >= chunkChars) {
                    deliverChunk(false);
                }
            }
        }

        /** Delivers the chunk; keeps its tail as the start of the next one unless this is the last. */
        private void deliverChunk(boolean last) throws SAXException {
            synchronized (lock) {
                if (cutOff) {
                    throw new DeliveryCutOff();
                }
                // A chunk that is only the overlap of the previous one has nothing new.
                boolean hasNew = chunkIsContinuation ? chunk.length() > TextChunks.OVERLAP_CHARS : chunk.length() > 0;
                if (hasNew) {
                    sink.chunk(FIELD, chunk.toString(), (int) delivered);
                    delivered++;
                }
            }
            if (!last && chunk.length() > TextChunks.OVERLAP_CHARS) {
                chunk.delete(0, chunk.length() - TextChunks.OVERLAP_CHARS);
                chunkIsContinuation = true;
            } else if (last) {
                chunk.setLength(0);
            }
        }

        void flush() throws SAXException {
            deliverChunk(true);
        }

        void metadata(Metadata metadata) throws SAXException {
            synchronized (lock) {
                if (cutOff) {
                    throw new DeliveryCutOff();
                }
                for (String name : metadata.names()) {
                    if (isTechnical(name)) {
                        continue;
                    }
                    for (String value : metadata.getValues(name)) {
                        if (value != null && !value.isBlank()) {
                            sink.value(METADATA_FIELD_PREFIX + name, value);
                        }
                    }
                }
            }
        }

        private static boolean isTechnical(String name) {
            for (String prefix : TECHNICAL_METADATA_PREFIXES) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        /** After this returns, the sink is not called again from the parse thread. */
        void cutOff() {
            synchronized (lock) {
                cutOff = true;
            }
        }

        long delivered() {
            synchronized (lock) {
                return delivered;
            }
        }

        ReadResult truncatedResult() {
            return ReadResult.partial(StatusReason.TRUNCATED,
                    "document longer than " + maxChars + " characters, cut at the limit");
        }

        /** PARTIAL when some text reached the sink, SKIPPED when none did. */
        ReadResult ended(StatusReason reason, String detail) {
            return delivered() > 0 ? ReadResult.partial(reason, detail) : ReadResult.skipped(reason, detail);
        }
    }
}
