package dev.piigate.jobs.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Test-only Tika parsers that misbehave the ways real parsers have: hang, allocate without bound,
 * call System.exit, and throw with the document's text in the message. Registered through
 * {@code META-INF/services/org.apache.tika.parser.Parser} in the test resources for fake types of
 * the files named {@code piigate-test-hang.doc}, {@code -oom.doc}, {@code -exit.doc} and
 * {@code -quote.doc} ({@code custom-mimetypes.xml} at the test class path root), so they run inside the
 * parser process, which has the test class path.
 */
public final class HostileParsers {
    private HostileParsers() {
    }

    private abstract static class Base implements Parser {
        private static final long serialVersionUID = 1L;
        private final MediaType type;

        Base(String subtype) {
            this.type = MediaType.application(subtype);
        }

        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            return Set.of(type);
        }
    }

    /** Never returns and ignores interrupts, as a parser stuck in a loop does. */
    public static final class Hang extends Base {
        private static final long serialVersionUID = 1L;

        public Hang() {
            super("x-piigate-test-hang");
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
            while (true) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    // ignored on purpose
                }
            }
        }
    }

    /** Allocates until the heap is gone. */
    public static final class Oom extends Base {
        private static final long serialVersionUID = 1L;

        public Oom() {
            super("x-piigate-test-oom");
        }

        @Override
        // The list is never read: it only keeps the arrays reachable until the heap runs out.
        @SuppressWarnings("ModifiedButNotUsed")
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
            List<long[]> hog = new ArrayList<>();
            for (int size = 1 << 20; ; size = Math.min(size * 2, 1 << 28)) {
                hog.add(new long[size]);
            }
        }
    }

    /** Ends the JVM it runs in. */
    public static final class Exit extends Base {
        private static final long serialVersionUID = 1L;

        public Exit() {
            super("x-piigate-test-exit");
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
            System.exit(42);
        }
    }

    /** Throws with the document's text in the message, as some real parsers' errors do. */
    public static final class Quote extends Base {
        private static final long serialVersionUID = 1L;

        public Quote() {
            super("x-piigate-test-quote");
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
                throws IOException, SAXException, TikaException {
            String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            System.out.println("parsing: " + text);
            System.err.println("parsing: " + text);
            throw new TikaException("cannot parse near: " + text);
        }
    }
}
