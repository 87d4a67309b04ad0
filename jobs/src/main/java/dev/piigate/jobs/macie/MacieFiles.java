package dev.piigate.jobs.macie;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.piigate.jobs.scan.ObjectListing;

/**
 * Lists and reads Macie results files. JSON Lines ({@code .jsonl}, {@code .jsonl.gz}: what Macie
 * writes to its results repository, one result per line, several per file, the last line
 * possibly without a newline) are read line by line; JSON documents ({@code .json},
 * {@code .json.gz}: a {@code GetFindings} response or an EventBridge event) with a streaming
 * parser that holds one finding at a time. Either way a file is read lazily, record by record.
 */
final class MacieFiles {
    /** A discovery result lists at most 1,000 occurrences per type: a few MB. Longer is not Macie's. */
    static final int MAX_LINE_CHARS = 64 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MacieFiles() {}

    /**
     * The results files under each URI (a file, or a folder listed recursively).
     *
     * @throws FileNotFoundException naming the --macie-results URI that does not exist
     * @throws MacieFormatException  for a file that is not a Macie results file by its name
     */
    static List<String> list(List<String> uris, Configuration conf) throws IOException {
        List<String> files = new ArrayList<>();
        for (String uri : uris) {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                throw new FileNotFoundException("--macie-results does not exist: " + uri);
            }
            if (status.isFile()) {
                files.add(checked(status.getPath().toString()));
                continue;
            }
            RemoteIterator<? extends FileStatus> it = ObjectListing.files(fs, path); // no process per local file
            while (it.hasNext()) {
                String name = it.next().getPath().toString();
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (base.equals("_SUCCESS") || (base.startsWith(".") && base.endsWith(".crc"))) {
                    continue;
                }
                files.add(checked(name));
            }
        }
        files.sort(null);
        return files;
    }

    private static String checked(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".jsonl") || lower.endsWith(".jsonl.gz") || lower.endsWith(".json")
                || lower.endsWith(".json.gz"))) {
            throw new MacieFormatException(file, 0,
                    "not a Macie results file by its name (expected .jsonl.gz, .jsonl, .json or .json.gz)");
        }
        return file;
    }

    /** The records of one file, read lazily; close it when done (or let it close itself at the end). */
    static Records open(String file, Configuration conf) {
        Path path = new Path(file);
        try {
            InputStream in = path.getFileSystem(conf).open(path);
            String lower = file.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".gz")) {
                try {
                    in = new GZIPInputStream(in, 64 * 1024);
                } catch (ZipException e) {
                    in.close();
                    throw new MacieFormatException(file, 0, "not gzip data (" + e.getClass().getSimpleName() + ")");
                }
            }
            boolean lines = lower.endsWith(".jsonl") || lower.endsWith(".jsonl.gz");
            return lines ? new LineRecords(file, in) : new DocumentRecords(file, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open Macie results file " + file + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /** The records of one file. */
    abstract static class Records implements Iterator<MacieObject>, Closeable {
        final String file;
        private final Deque<MacieObject> ready = new ArrayDeque<>();
        private boolean done;

        Records(String file) {
            this.file = file;
        }

        /** Adds the next parsed value's records to {@code out}; false at the end of the file. */
        abstract boolean advance(Deque<MacieObject> out) throws IOException;

        @Override
        public boolean hasNext() {
            try {
                while (ready.isEmpty() && !done) {
                    if (!advance(ready)) {
                        done = true;
                        close();
                    }
                }
            } catch (CharacterCodingException e) {
                throw new MacieFormatException(file, line(), "not UTF-8 text");
            } catch (ZipException | java.io.EOFException e) {
                throw new MacieFormatException(file, line(), "truncated or corrupt gzip data ("
                        + e.getClass().getSimpleName() + ")");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Macie results file " + file + " ("
                        + e.getClass().getSimpleName() + ")", e);
            }
            return !ready.isEmpty();
        }

        @Override
        public MacieObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        abstract long line();
    }

    private static Reader utf8(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
    }

    /** JSON Lines: one record per non-blank line. */
    private static final class LineRecords extends Records {
        private final Reader reader;
        private final StringBuilder buffer = new StringBuilder();
        private long line;

        LineRecords(String file, InputStream in) {
            super(file);
            this.reader = utf8(in);
        }

        @Override
        boolean advance(Deque<MacieObject> out) throws IOException {
            while (true) {
                buffer.setLength(0);
                boolean any = false;
                for (int c; (c = reader.read()) >= 0;) {
                    any = true;
                    if (c == '\n') {
                        break;
                    }
                    if (buffer.length() >= MAX_LINE_CHARS) {
                        throw new MacieFormatException(file, line + 1, "line longer than " + MAX_LINE_CHARS
                                + " characters");
                    }
                    buffer.append((char) c);
                }
                if (!any) {
                    return false;
                }
                line++;
                if (buffer.toString().isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(buffer.toString());
                } catch (JsonProcessingException e) {
                    // Jackson's message quotes the text: the class and column only.
                    throw new MacieFormatException(file, line, "not valid JSON (" + e.getClass().getSimpleName()
                            + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr()) + ")");
                }
                out.addAll(MacieParser.parse(node, file, line));
                return true;
            }
        }

        @Override
        long line() {
            return line;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /**
     * JSON documents, one or several in a row. A {@code findings} array is streamed element by
     * element; any other document (an event, a single finding or result) is read whole.
     */
    private static final class DocumentRecords extends Records {
        private final JsonParser parser;
        private boolean inFindings;

        DocumentRecords(String file, InputStream in) throws IOException {
            super(file);
            this.parser = JSON.getFactory().createParser(utf8(in));
        }

        @Override
        boolean advance(Deque<MacieObject> out) throws IOException {
            try {
                if (inFindings) {
                    JsonToken t = parser.nextToken();
                    if (t == JsonToken.END_ARRAY) {
                        inFindings = false;
                        skipRestOfObject();
                        return true;
                    }
                    long at = line();
                    JsonNode finding = parser.readValueAsTree();
                    out.add(MacieParser.parse(JSON.createObjectNode().set("findings",
                            JSON.createArrayNode().add(finding)), file, at).get(0));
                    return true;
                }
                JsonToken t = parser.nextToken();
                if (t == null) {
                    return false;
                }
                long start = line();
                if (t != JsonToken.START_OBJECT) {
                    throw new MacieFormatException(file, start, "not a JSON object");
                }
                ObjectNode doc = JSON.createObjectNode();
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    t = parser.nextToken();
                    if (name.equals("findings") && t == JsonToken.START_ARRAY && doc.isEmpty()) {
                        inFindings = true;
                        return true;
                    }
                    doc.set(name, parser.readValueAsTree());
                }
                out.addAll(MacieParser.parse(doc, file, start));
                return true;
            } catch (JsonProcessingException e) {
                throw new MacieFormatException(file, e.getLocation() == null ? line() : e.getLocation().getLineNr(),
                        "not valid JSON (" + e.getClass().getSimpleName() + ")");
            }
        }

        /** After the findings array: the rest of the response (nextToken and the like) is not needed. */
        private void skipRestOfObject() throws IOException {
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                parser.nextToken();
                parser.skipChildren();
            }
            if (t != JsonToken.END_OBJECT) {
                throw new MacieFormatException(file, line(), "unexpected content after the findings array");
            }
        }

        @Override
        long line() {
            return parser.currentLocation().getLineNr();
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }
}
