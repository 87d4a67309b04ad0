package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.detectors.redaction.Redactor;
import dev.piigate.jobs.scan.PathMasker;
import dev.piigate.jobs.scan.RecordRedactor;

/** What the rewriter tests share: the real redactor, a recording one, and a scan of the copy. */
final class LineRewriteFixtures {
    static final TextScanner SCANNER = TextScanner.create(DetectorSettings.defaults());
    static final PathMasker NAMES = new PathMasker(SCANNER, new Fingerprinter(new byte[32]));

    private LineRewriteFixtures() {
    }

    /** The real redactor, type style; {@code dropRecordsOver} negative: never drops. */
    static RecordRedactor redactor(int dropRecordsOver) {
        return new RecordRedactor(SCANNER, NAMES, new Redactor(Redactor.Style.TYPE, Map.of(), null), dropRecordsOver);
    }

    /**
     * A hand-written redactor that records every value it is asked about (keys as values, as a
     * {@link RecordingSink} records them) and replaces what {@code replace} changes.
     */
    static final class RecordingRedactor implements ValueRedactor {
        private final UnaryOperator<String> replace;
        private final RecordingSink asked = new RecordingSink();
        final List<String> keys = new ArrayList<>();

        RecordingRedactor(UnaryOperator<String> replace) {
            this.replace = replace;
        }

        @Override
        public void startRecord(long index) {
            asked.startRecord(index);
        }

        @Override
        public String replace(String field, String value) {
            asked.value(field, value);
            return replace.apply(value);
        }

        @Override
        public String replaceKey(String field, String key) {
            keys.add(field);
            return replace(field, key);
        }

        @Override
        public void dropRecord(String why) {
            throw new AssertionError("no CSV or text value is dropped for its type");
        }

        @Override
        public boolean endRecord() {
            asked.endRecord();
            return true;
        }

        List<RecordingSink.Record> records() {
            return asked.records();
        }
    }

    /**
     * Unmasked findings by type when the copy is scanned as the job scans it: through the format's
     * reader, every value and chunk through the real scanner under its field, every key judged as a
     * name. The read must be COMPLETE.
     */
    static Map<String, Integer> unmaskedInCopy(FileSystem fs, Format format, Path copy, ReadLimits limits)
            throws IOException {
        Map<String, Integer> unmasked = new TreeMap<>();
        RecordSink scanning = new RecordSink() {
            @Override
            public void startRecord(long index) {
            }

            @Override
            public void value(String field, String value) {
                count(SCANNER.scan(value, field));
            }

            @Override
            public void key(String field, String key) {
                count(NAMES.nameFindings(key, field));
            }

            private void count(List<Finding> findings) {
                for (Finding f : findings) {
                    if (f.isUnmasked()) {
                        unmasked.merge(f.type().name(), 1, Integer::sum);
                    }
                }
            }

            @Override
            public void endRecord() {
            }
        };
        assertThat(Readers.forFormat(format).read(fs, copy, TestFiles.conf(), limits, scanning))
                .as("the scan of %s", copy.getName()).isEqualTo(ReadResult.COMPLETE);
        return unmasked;
    }

    /** {@link #unmaskedInCopy} summed over the types, with the tests' small limits. */
    static long unmaskedCount(FileSystem fs, Format format, Path path) throws IOException {
        return unmaskedInCopy(fs, format, path, TestFiles.SMALL).values().stream().mapToLong(Integer::longValue).sum();
    }

    static byte[] bytes(java.nio.file.Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of {@code text}, each with its own line end ({@code \n}, {@code \r\n} or a lone {@code \r}). */
    static List<String> linesWithEnds(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
