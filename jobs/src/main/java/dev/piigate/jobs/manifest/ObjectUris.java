package dev.piigate.jobs.manifest;

import java.util.Locale;
import java.util.Optional;

/**
 * Shape rules for the object URIs a manifest names, and resolution of relative plain-list entries.
 * Problems are phrased without the entry's text so they can go into an exception message.
 */
final class ObjectUris {
    /** S3 keys are at most 1024 bytes; leave room for scheme, bucket and a long local path. */
    static final int MAX_LENGTH = 4096;

    private ObjectUris() {
    }

    /** The scheme of {@code uri} in lower case, or empty when it has none (a path). */
    static Optional<String> scheme(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 1) {
            return Optional.empty();
        }
        if (!isAsciiLetter(uri.charAt(0))) {
            return Optional.empty();
        }
        for (int i = 1; i < colon; i++) {
            char c = uri.charAt(i);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return Optional.empty();
            }
        }
        return Optional.of(uri.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    /**
     * Why {@code uri} cannot name one object, or empty when it can. An object URI is either a
     * path or {@code scheme://authority/path}, or {@code file:/path}.
     */
    static Optional<String> problem(String uri) {
        if (uri.isEmpty()) {
            return Optional.of("is empty");
        }
        if (uri.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
                return Optional.of("contains a control character at column " + (i + 1));
            }
        }
        String path;
        Optional<String> scheme = scheme(uri);
        if (scheme.isPresent()) {
            String rest = uri.substring(scheme.get().length() + 1);
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
                if (authority.isEmpty() && !scheme.get().equals("file")) { // file:///path is a local path
                    return Optional.of("is not an object URI: expected scheme://bucket/key, found no bucket or host");
                }
                if (slash < 0 || slash == rest.length() - 1) {
                    return Optional.of("names a bucket or host, not an object: expected scheme://bucket/key");
                }
                path = rest.substring(slash + 1);
            } else if (scheme.get().equals("file") && rest.startsWith("/")) {
                path = rest.substring(1);
            } else {
                return Optional.of("is not an object URI: expected scheme://bucket/key, file:/path or a path");
            }
        } else {
            path = uri.startsWith("/") ? uri.substring(1) : uri;
        }
        if (path.isEmpty() || path.endsWith("/")) {
            return Optional.of("names a folder, not an object");
        }
        // Hadoop's Path normalises "a/../b" and "a//b"; the scanner would read another object
        // than the one SageMaker trains on (S3 keys take these literally). Refuse instead.
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("has an empty path segment ('//'), which Hadoop would collapse");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("has a '.' or '..' path segment, which Hadoop would normalise away");
            }
        }
        return Optional.empty();
    }

    /**
     * A plain-list entry made absolute against the manifest's folder: {@code chat.jsonl} next to
     * {@code s3://b/data/train.manifest} is {@code s3://b/data/chat.jsonl}; {@code /x/y} takes the
     * manifest's scheme and authority. Entries with a scheme stay as written.
     */
    static String resolve(String manifestUri, String entry) {
        if (scheme(entry).isPresent()) {
            return entry;
        }
        if (entry.startsWith("/")) {
            return root(manifestUri) + entry;
        }
        return manifestUri.substring(0, manifestUri.lastIndexOf('/') + 1) + entry;
    }

    /** {@code scheme://authority} or {@code file:} or "" for a plain path. */
    private static String root(String manifestUri) {
        Optional<String> scheme = scheme(manifestUri);
        if (scheme.isEmpty()) {
            return "";
        }
        String rest = manifestUri.substring(scheme.get().length() + 1);
        if (!rest.startsWith("//")) {
            return manifestUri.substring(0, scheme.get().length() + 1);
        }
        int slash = rest.indexOf('/', 2);
        return slash < 0 ? manifestUri : manifestUri.substring(0, scheme.get().length() + 1 + slash);
    }

    /**
     * The form two entries are compared in for duplicates: {@code s3}, {@code s3a} and
     * {@code s3n} name the same objects (the job reads all three through S3A), and so do
     * {@code /p}, {@code file:/p} and {@code file:///p}.
     */
    static String identity(String uri) {
        Optional<String> scheme = scheme(uri);
        if (scheme.isEmpty()) {
            return uri;
        }
        String s = scheme.get();
        String rest = uri.substring(s.length() + 1);
        if (s.equals("file")) {
            return rest.startsWith("///") ? rest.substring(2) : rest;
        }
        return (s.equals("s3a") || s.equals("s3n") ? "s3" : s) + ":" + rest;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
