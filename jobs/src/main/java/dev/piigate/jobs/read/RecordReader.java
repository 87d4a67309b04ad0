package dev.piigate.jobs.read;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Streams the records of one object into a sink without holding the object in memory. Runs on
 * executors; implementations are stateless. Problems the reader recognises (bad JSON on line 7,
 * a ragged CSV row, a document cut at its limit) end in a non-COMPLETE {@link ReadResult}; an
 * {@link IOException} from storage propagates and the caller maps it to a status. Messages never
 * carry content of the object.
 */
public interface RecordReader {
    ReadResult read(FileSystem fs, Path path, Configuration conf, ReadLimits limits, RecordSink sink)
            throws IOException;
}
