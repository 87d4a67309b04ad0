package dev.piigate.jobs.read;

import java.io.IOException;
import java.io.Reader;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Plain text: one record per line, field {@code content}. A line longer than
 * {@link ReadLimits#maxValueChars()} is delivered as overlapping chunks under the same record
 * (see {@link TextChunks}); every character is scanned, so that is still COMPLETE. Blank lines
 * are records with no values.
 */
final class TextReader implements RecordReader {
    static final String FIELD = "content";

    @Override
    public ReadResult read(FileSystem fs, Path path, Configuration conf, ReadLimits limits, RecordSink sink)
            throws IOException {
        TrackingSink records = new TrackingSink(sink);
        int room = limits.maxValueChars();
        try (Reader reader = Inputs.openText(fs, path, conf)) {
            LineSource lines = new LineSource(reader);
            StringBuilder buffer = new StringBuilder();
            for (long index = 0; ; index++) {
                buffer.setLength(0);
                LineSource.Stop stop = lines.fill(buffer, room);
                if (stop == LineSource.Stop.NO_MORE) {
                    break;
                }
                records.startRecord(index);
                if (stop == LineSource.Stop.FULL) {
                    TextChunks.deliverLongLine(lines, buffer, room, FIELD, records);
                } else if (buffer.length() > 0) {
                    records.value(FIELD, buffer.toString());
                }
                records.endRecord();
            }
        } catch (Inputs.UnsupportedCodec e) {
            return Inputs.unsupportedCodecResult(e);
        } catch (Inputs.DecodeFailure e) {
            records.closeOpenRecord();
            return Inputs.decodeResult(e, records.recordsStarted());
        }
        return records.recordsStarted() == 0 ? Inputs.EMPTY_CONTENT : ReadResult.COMPLETE;
    }
}
