package dev.piigate.jobs.read;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the redacted copy of one object in its own format and compression: every value the
 * object's reader delivers goes through the {@link ValueRedactor} under the same field, and what
 * it returns replaces the value in place; records it drops are left out; every byte outside a
 * replaced value is copied as it is. Runs on executors; implementations are stateless.
 *
 * <p>COMPLETE means {@code out} holds the whole copy. Anything else (a line that does not parse,
 * a charset or codec the copy cannot be written in, a line over the limits, a value that cannot be
 * made clean) means {@code out} is incomplete: the caller deletes it and lists the object as not
 * redacted with the result's reason and detail (never data). An {@link IOException} from storage
 * propagates.
 */
public interface RecordRewriter {
    ReadResult rewrite(FileSystem fs, Path in, Configuration conf, ReadLimits limits, ValueRedactor redactor,
            FileSystem outFs, Path out) throws IOException;
}
