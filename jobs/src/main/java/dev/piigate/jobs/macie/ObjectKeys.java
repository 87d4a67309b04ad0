package dev.piigate.jobs.macie;

import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.Path;

/**
 * One spelling per object so Macie's objects meet ours: {@code s3a://}, {@code s3n://} and
 * {@code s3://} become {@code s3://}; local paths and {@code file:} URIs become
 * {@code file:/absolute/path}. {@code --macie-path-map FROM=TO} rewrites a Macie
 * {@code s3://bucket/prefix/} to where the copy was scanned (the longest FROM that matches wins).
 */
final class ObjectKeys implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String[]> map;

    /** @param pathMap FROM to TO; TO is made absolute here, on the driver, not on each executor */
    ObjectKeys(Map<String, String> pathMap) {
        List<String[]> entries = new ArrayList<>();
        pathMap.forEach((from, to) -> entries.add(new String[] {canonical(from), qualify(to)}));
        entries.sort(Comparator.comparingInt((String[] e) -> e[0].length()).reversed().thenComparing(e -> e[0]));
        this.map = entries;
    }

    /** The canonical key of a Macie object {@code s3://bucket/key}, after the path map. */
    String macie(String s3Uri) {
        String uri = canonical(s3Uri);
        for (String[] e : map) {
            if (uri.startsWith(e[0])) {
                return canonical(e[1] + uri.substring(e[0].length()));
            }
        }
        return uri;
    }

    static String canonical(String uri) {
        for (String scheme : new String[] {"s3a://", "s3n://", "s3://"}) {
            if (uri.startsWith(scheme)) {
                return "s3://" + uri.substring(scheme.length());
            }
        }
        if (uri.startsWith("file:")) {
            return "file:" + new Path(uri).toUri().getPath();
        }
        if (!uri.contains("://")) {
            return "file:" + new File(uri).getAbsoluteFile().toPath().normalize();
        }
        return uri;
    }

    /** A TO prefix: a local one made absolute, keeping its trailing slash. */
    private static String qualify(String to) {
        if (to.contains("://") || to.startsWith("file:")) {
            return to;
        }
        String abs = new File(to).getAbsoluteFile().toPath().normalize().toString();
        return to.endsWith("/") && !abs.endsWith("/") ? abs + "/" : abs;
    }
}
