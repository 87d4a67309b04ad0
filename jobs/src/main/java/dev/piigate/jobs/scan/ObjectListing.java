package dev.piigate.jobs.scan;

import static java.util.Objects.requireNonNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import dev.piigate.jobs.s3.StorageFailure;

/**
 * Turns INPUT arguments into the objects to scan: files as they are, folders listed recursively
 * (paged listing on S3A, so millions of objects stream in), and {@code s3://} mapped to
 * {@code s3a://} unless the cluster serves {@code s3://} itself (EMRFS on EMR).
 */
public final class ObjectListing {
    private ObjectListing() {}

    /** A file a folder listing left out, and why. */
    public record Ignored(String path, IgnoreReason reason) {}

    /**
     * What listing found: the objects to scan and the files left out on purpose, these in path
     * order (listing order differs between file systems; reports must not).
     */
    public record Listing(List<InputObject> objects, List<Ignored> ignored) {
        public Listing {
            objects = List.copyOf(objects);
            ignored = ignored.stream().sorted(Comparator.comparing(Ignored::path)).toList();
        }
    }

    /**
     * What of pii-gate's own a folder listing leaves out besides marker files.
     *
     * @param out          this run's {@code --out}: everything below it is left out when it lies
     *                     inside a listed folder; null for none
     * @param holdsFinding whether the run's detectors find something not masked in a text: an
     *                     approval record whose free text holds such a value is not ours
     */
    public record OwnFiles(String out, Predicate<String> holdsFinding) {
        /** Nothing of ours is known: only marker files are left out, approval records are scanned. */
        public static final OwnFiles NONE = new OwnFiles(null, text -> true);

        public OwnFiles {
            requireNonNull(holdsFinding, "holdsFinding");
        }
    }

    /** {@link #list(List, Configuration, OwnFiles)} leaving out marker files only. */
    public static Listing list(List<String> inputs, Configuration conf) throws IOException {
        return list(inputs, conf, OwnFiles.NONE);
    }

    /**
     * Files given as INPUT are scanned as they are, whatever their name; in a folder, every file is
     * scanned except what {@link IgnoreReason} names: markers, everything below this run's
     * {@code --out}, and pii-gate's approval records ({@link VerdictRecord}). A manifest in a
     * folder is scanned (its inline attributes are data a training job reads): see ObjectScanner.
     *
     * @throws FileNotFoundException naming the INPUT that does not exist
     */
    public static Listing list(List<String> inputs, Configuration conf, OwnFiles own) throws IOException {
        List<InputObject> objects = new ArrayList<>();
        List<Ignored> ignored = new ArrayList<>();
        Place out = own.out() == null ? null : outPlace(own.out(), conf);
        for (String input : inputs) {
            StorageFailure.run(StorageFailure.Action.LIST, "listing", input,
                    () -> listOne(input, conf, out, own, objects, ignored));
        }
        return new Listing(objects, ignored);
    }

    private static void listOne(String input, Configuration conf, Place out, OwnFiles own, List<InputObject> objects,
            List<Ignored> ignored) throws IOException {
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
            return;
        }
        String root = status.getPath().toString();
        for (RemoteIterator<? extends FileStatus> it = files(fs, path); it.hasNext();) {
            FileStatus f = it.next();
            IgnoreReason reason = reason(f, fs, out, own);
            if (reason != null) {
                ignored.add(new Ignored(f.getPath().toString(), reason));
            } else {
                objects.add(object(f, root));
            }
        }
    }

    /**
     * The files below {@code dir}, depth first, as {@code listFiles(dir, true)} lists them. On the
     * local file system folder by folder with {@code listStatus}: {@code listFiles} makes a
     * {@code LocatedFileStatus} of each file, which reads its permissions, and without Hadoop's
     * native library that runs {@code ls -ld} once per file (101 files: 101 processes, the larger
     * part of a second on two cores). Elsewhere (S3) {@code listFiles}: one flat listing.
     */
    public static RemoteIterator<? extends FileStatus> files(FileSystem fs, Path dir) throws IOException {
        if (!"file".equals(fs.getUri().getScheme())) {
            return fs.listFiles(dir, true);
        }
        Deque<Iterator<FileStatus>> folders = new ArrayDeque<>();
        folders.push(List.of(fs.listStatus(dir)).iterator());
        return new RemoteIterator<>() {
            private FileStatus next;

            @Override
            public boolean hasNext() throws IOException {
                while (next == null && !folders.isEmpty()) {
                    if (!folders.peek().hasNext()) {
                        folders.pop();
                        continue;
                    }
                    FileStatus f = folders.peek().next();
                    if (f.isDirectory()) {
                        folders.push(List.of(fs.listStatus(f.getPath())).iterator());
                    } else {
                        next = f;
                    }
                }
                return next != null;
            }

            @Override
            public FileStatus next() throws IOException {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                FileStatus f = next;
                next = null;
                return f;
            }
        };
    }

    /** Why a listed file is left out, or null when it is scanned. */
    private static IgnoreReason reason(FileStatus f, FileSystem fs, Place out, OwnFiles own) {
        if (out != null && Place.of(f.getPath().toUri()).isBelow(out)) {
            return IgnoreReason.RUN_OUTPUT;
        }
        String name = f.getPath().getName();
        if (isMarker(name)) {
            return IgnoreReason.MARKER;
        }
        // Read only for a name that could be a record, and only its first bytes: records are small.
        if (VerdictRecord.candidateName(name) && VerdictRecord.isRecord(fs, f, own.holdsFinding())) {
            return IgnoreReason.VERDICT_RECORD;
        }
        return null;
    }

    /**
     * A qualified path as compared for "below --out": {@code ..} resolved, and {@code s3},
     * {@code s3a} and {@code s3n} as one scheme (EMR serves the same bucket under each).
     */
    record Place(String scheme, String authority, String path) {
        static Place of(URI uri) {
            URI u = uri.normalize();
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("s3a") || scheme.equals("s3n")) {
                scheme = "s3";
            }
            String path = u.getPath() == null ? "" : u.getPath();
            return new Place(scheme, u.getAuthority() == null ? "" : u.getAuthority(),
                    path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        }

        /** This place is {@code folder} or below it. */
        boolean isBelow(Place folder) {
            return scheme.equals(folder.scheme) && authority.equals(folder.authority)
                    && (path.equals(folder.path) || path.startsWith(folder.path + "/"));
        }
    }

    /** {@code --out} qualified as the job writes it: a path without a scheme is on the default file system. */
    private static Place outPlace(String out, Configuration conf) throws IOException {
        Path path = new Path(toHadoopUri(out, conf));
        return Place.of(path.getFileSystem(conf).makeQualified(path).toUri());
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
