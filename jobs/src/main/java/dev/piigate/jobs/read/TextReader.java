package dev.piigate.jobs.read;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Plain text: one record per line, field {@code content}. A line longer than
 * {@link ReadLimits#maxValueChars()} is delivered as overlapping chunks under the same record
 * (see {@link TextChunks}); every character is scanned, so that is still COMPLETE. Blank lines
 * are records with no values. The lines of an armored private key block are one record
 * ({@link KeyBlockLines}), numbered by the BEGIN line, so the key detector sees the whole block.
 */
final class TextReader implements RecordReader {
    static final String FIELD = "content";

    @Override
    public ReadResult read(FileSystem fs, Path path, Configuration conf, ReadLimits limits, RecordSink sink)
            throws IOException {
        return read(() -> Inputs.openText(fs, path, conf), limits, sink, new SplitLines());
    }

    /**
     * Reads the lines {@code text} opens: the whole object or one split of it. {@code split} learns
     * the record numbers the lines took (a key block takes one per line) and whether the text
     * ended inside a key block.
     */
    ReadResult read(LineSource.TextOpener text, ReadLimits limits, RecordSink sink, SplitLines split)
            throws IOException {
        TrackingSink records = new TrackingSink(sink);
        ReadResult failed = LineSource.readRecords(text, limits.maxValueChars(), records, FIELD,
                index -> { }, (index, line) -> {
                    if (line.length() > 0) {
                        records.value(FIELD, line.toString());
                    }
                }, true, split);
        if (failed != null) {
            return failed;
        }
        return records.recordsStarted() == 0 ? Inputs.EMPTY_CONTENT : ReadResult.COMPLETE;
    }
}
