package dev.piigate.jobs.read;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.tika.parser.AutoDetectParser;

/**
 * The parser process: reads requests (a local file to parse) from stdin and streams frames back on
 * stdout, one document at a time, until stdin closes or the executor's process ends. Started and killed by
 * {@link ParserProcesses}; not a public interface. Whatever libraries print goes to stderr, which
 * the executor discards, so stdout carries only frames and nothing a parser logs (it may quote the
 * document) reaches any log.
 *
 * <p>Frames: {@code 'C' int piece, UTF field, text} a chunk; {@code 'V' UTF field, text} a value;
 * {@code 'R' UTF status, UTF reason, UTF detail} the result. Text is {@code int length, UTF-8 bytes}.
 */
public final class DocumentParseServer {
    static final int READY = 0x50494947; // "PIIG"
    static final byte PARSE = 'P';
    /** The exit status of a process whose executor is gone. */
    static final int ORPHANED = 71;

    private DocumentParseServer() {
    }

    public static void main(String[] args) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
                64 * 1024));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        endWithTheExecutor();
        TikaLimits.applyPoiLimits();
        warmUp();
        out.writeInt(READY);
        out.flush();
        while (true) {
            byte op;
            try {
                op = in.readByte();
            } catch (EOFException e) {
                return;
            }
            if (op != PARSE) {
                System.exit(70);
            }
            Path file = Path.of(in.readUTF());
            String resourceName = in.readUTF();
            int chunkChars = in.readInt();
            long maxChars = in.readLong();
            ReadResult result;
            try {
                result = DocumentReader.parseHere(file, resourceName, chunkChars, maxChars, new FrameSink(out));
            } catch (UncheckedIOException e) {
                return; // the executor stopped listening
            }
            out.writeByte('R');
            out.writeUTF(result.status().name());
            out.writeUTF(result.reason().name());
            out.writeUTF(clip(result.detail()));
            out.flush();
        }
    }

    /**
     * Ends this process when the executor that started it is gone, even in the middle of a parse
     * that never returns: a closed stdin is only noticed between documents, and an executor that
     * was killed closed nothing. The last resort behind {@link ParserProcesses#close}.
     */
    private static void endWithTheExecutor() {
        ProcessHandle.current().parent().ifPresentOrElse(
                executor -> executor.onExit().thenRun(() -> Runtime.getRuntime().halt(ORPHANED)),
                () -> Runtime.getRuntime().halt(ORPHANED));
    }

    /**
     * Parses a tiny PDF and DOCX made here, so that loading PDFBox's and POI's classes (seconds on
     * a busy machine) happens before the process says it is ready, not inside the first document's
     * time budget. Best effort: a failure here shows again, as a status, on a real document.
     */
    private static void warmUp() {
        new AutoDetectParser();
        try {
            java.io.ByteArrayOutputStream docx = new java.io.ByteArrayOutputStream();
            try (org.apache.poi.xwpf.usermodel.XWPFDocument d = new org.apache.poi.xwpf.usermodel.XWPFDocument()) {
                d.createParagraph().createRun().setText("warm up");
                d.write(docx);
            }
            java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
            try (org.apache.pdfbox.pdmodel.PDDocument d = new org.apache.pdfbox.pdmodel.PDDocument()) {
                d.addPage(new org.apache.pdfbox.pdmodel.PDPage());
                d.save(pdf);
            }
            for (byte[] sample : List.of(docx.toByteArray(), pdf.toByteArray())) {
                Path file = Files.createTempFile("pii-gate-warm-up-", ".bin");
                try {
                    Files.write(file, sample);
                    DocumentReader.parseHere(file, "warm-up", 4096, 1_000_000, new Discard());
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // best effort, see above
        }
    }

    private static final class Discard implements RecordSink {
        @Override
        public void startRecord(long index) {
        }

        @Override
        public void value(String field, String value) {
        }

        @Override
        public void endRecord() {
        }
    }

    private static String clip(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }

    static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Sends what the parse delivers to the executor as frames, flushed per chunk. */
    private static final class FrameSink implements RecordSink {
        private final DataOutputStream out;

        FrameSink(DataOutputStream out) {
            this.out = out;
        }

        @Override
        public void startRecord(long index) {
            // The executor holds record 0 open for the whole document.
        }

        @Override
        public void value(String field, String value) {
            try {
                out.writeByte('V');
                out.writeUTF(clip(field));
                writeText(out, value);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void chunk(String field, String text, int piece) {
            try {
                out.writeByte('C');
                out.writeInt(piece);
                out.writeUTF(clip(field));
                writeText(out, text);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void endRecord() {
        }
    }
}
