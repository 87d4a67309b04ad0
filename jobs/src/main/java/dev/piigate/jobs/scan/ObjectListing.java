package dev.piigate.jobs.scan;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Turns INPUT arguments into the objects to scan: files as they are, folders listed recursively
 * (paged listing on S3A, so millions of objects stream in), and {@code s3://} mapped to
 * {@code s3a://} unless the cluster serves {@code s3://} itself (EMRFS on EMR).
 */
public final class ObjectListing {
    private ObjectListing() {}

    /** What listing found: the objects to scan and the marker files left out on purpose. */
    public record Listing(List<InputObject> objects, List<String> ignored) {}

    /**
     * @throws FileNotFoundException naming the INPUT that does not exist
     */
    public static Listing list(List<String> inputs, Configuration conf) throws IOException {
        List<InputObject> objects = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String input : inputs) {
            Path path = new Path(toHadoopUri(input, conf));
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                throw new FileNotFoundException("INPUT does not exist: " + input); // masked where printed (Main)
            }
            // The dataset root is the folder given, or the folder of a file given: below it the
            // path is data and is scanned (PathMasker).
            if (status.isFile()) {
                objects.add(object(status, status.getPath().getParent().toString()));
                continue;
            }
            String root = status.getPath().toString();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                if (isMarker(f.getPath().getName())) {
                    ignored.add(f.getPath().toString());
                } else {
                    objects.add(object(f, root));
                }
            }
        }
        return new Listing(objects, ignored);
    }

    private static InputObject object(FileStatus status, String root) {
        String etag = status instanceof EtagSource e ? e.getEtag() : null;
        String path = status.getPath().toString();
        return new InputObject(path, status.getLen(), etag, InputObject.relativeFrom(path, root));
    }

    /**
     * Files that Hadoop, Spark and committers write beside data and that hold no records. Only
     * these exact shapes: any other file, hidden or not, is scanned.
     */
    static boolean isMarker(String name) {
        return name.equals("_SUCCESS") || name.startsWith("_committed_") || name.startsWith("_started_")
                || (name.startsWith(".") && name.endsWith(".crc"));
    }

    /**
     * {@code s3://} to {@code s3a://} when no {@code fs.s3.impl} is configured (outside EMR); local
     * paths unchanged.
     */
    public static String toHadoopUri(String uri, Configuration conf) {
        if (uri.startsWith("s3://") && conf.get("fs.s3.impl") == null) {
            return "s3a://" + uri.substring("s3://".length());
        }
        return uri;
    }

    /** A local path made absolute and turned into a {@code file:} URI; URIs unchanged. */
    public static String qualify(String uri) {
        URI u = new Path(uri).toUri();
        if (u.getScheme() == null) {
            return new java.io.File(uri).getAbsoluteFile().toURI().toString();
        }
        return uri;
    }
}
