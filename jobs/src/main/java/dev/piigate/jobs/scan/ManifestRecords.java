package dev.piigate.jobs.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import dev.piigate.jobs.manifest.ManifestException;
import dev.piigate.jobs.manifest.Manifests;
import dev.piigate.jobs.read.Format;

/**
 * How a file named {@code *.manifest} is read when it is scanned as one object (a folder scan, a
 * file INPUT, a manifest entry): as {@code --manifest} reads the manifest itself,
 * {@link dev.piigate.jobs.manifest.ManifestKind#recordFormat()}. An augmented manifest carries
 * training data inline, so it is scanned, never left out. Only a valid augmented manifest is read
 * as JSON Lines; every other kind, and a file of that name that is no valid manifest, line by line
 * as text, so nothing in it goes unread.
 */
final class ManifestRecords {
    /**
     * Above this an object that starts with <code>{</code> is read as JSON Lines without the manifest
     * check (which holds it whole in memory): a line that is not JSON then makes it CORRUPT and
     * blocks, where the check would have sent it to the text reader. Either way every line is read.
     */
    static final long MAX_CHECKED_BYTES = 16L * 1024 * 1024;
    /** Bytes read to find the first character: a byte order mark and leading white space. */
    private static final int HEAD_BYTES = 64 * 1024;

    private ManifestRecords() {}

    /** A name ending in {@code .manifest}, any case ({@code train.approved.manifest} too). */
    static boolean isManifestName(String file) {
        return file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT).endsWith(".manifest");
    }

    /**
     * The format the object is read in: JSON Lines for an augmented manifest (first character
     * <code>{</code>, and {@link Manifests#parse} accepts it up to {@link #MAX_CHECKED_BYTES}), else text.
     *
     * @param size the object's length as just looked up
     */
    static Format formatOf(FileSystem fs, Path path, String uri, long size) throws IOException {
        byte[] head;
        try (InputStream in = fs.open(path)) {
            head = in.readNBytes((int) Math.min(size, HEAD_BYTES));
        }
        if (firstCharacter(head) != '{') {
            return Format.TEXT; // a ManifestFile, a plain list or neither: all read as text
        }
        if (size > MAX_CHECKED_BYTES) {
            return Format.JSONL;
        }
        byte[] all = head;
        if (size > head.length) {
            try (InputStream in = fs.open(path)) {
                all = in.readNBytes((int) size); // a change since the look-up is caught after the scan
            }
        }
        try {
            return Manifests.parse(uri, all).kind().recordFormat();
        } catch (ManifestException | RuntimeException e) {
            return Format.TEXT; // no manifest after all: every line read as text (the message names the URI: dropped)
        }
    }

    /** The first character after a UTF-8 byte order mark and white space, or -1: how {@link Manifests#parse} tells the kind. */
    private static int firstCharacter(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (int i = text.startsWith("\uFEFF") ? 1 : 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return -1;
    }
}
