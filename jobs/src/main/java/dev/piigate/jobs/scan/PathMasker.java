package dev.piigate.jobs.scan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.Preview;
import dev.piigate.detectors.TextScanner;

/**
 * PII in names: object paths ({@code s3a://bucket/customers/4550112159504165/profile.json}) and
 * field paths ({@code $.ssn['287654321']}). The rule that finds it is the rule that masks it, so a
 * name is never counted without being masked where it is written.
 *
 * <p>An object path is scanned below the dataset root (the root is the operator's and is written
 * as given): the relative path whole, slashes read as spaces, and each segment with the segments
 * before it as its field, the way a JSON key is scanned under its parent's path (so
 * {@code ssn/287654321.json} is an SSN). Names glue words with {@code _} and {@code -} and end in
 * extensions, which the detectors take for parts of one token
 * ({@code export_jane.doe@gmail.com_SSN_287-65-4321.jsonl}), so each text is also scanned with
 * those separators as spaces and with its last one or two extensions blanked: same length, same
 * offsets. Keys in the data (JSON and Parquet map keys, CSV header cells) are scanned as segments.
 *
 * <p>Masking renders every run of characters that any of those scans found with {@link Preview}
 * (the rule of {@code preview} in findings) and, for an object path, appends a keyed fingerprint
 * of the real path, so that a person with the key can find the object again and two objects whose
 * masked paths look alike stay apart. Not thread-safe (the fingerprinter is not): one per task.
 */
public final class PathMasker {
    /** Appended to a masked object path, before the fingerprint of the real path. */
    public static final String FINGERPRINT_MARK = " #path-fingerprint:";
    /** The field of an object path's findings; their record is {@link #PATH_RECORD}. */
    public static final String PATH_FIELD = "$path";
    public static final long PATH_RECORD = -1;

    private final TextScanner scanner;
    private final Fingerprinter fingerprinter;

    /** @param fingerprinter the run's, or null where no fingerprint is wanted (error messages, Macie keys) */
    public PathMasker(TextScanner scanner, Fingerprinter fingerprinter) {
        this.scanner = requireNonNull(scanner, "scanner");
        this.fingerprinter = fingerprinter;
    }

    /**
     * An object path scanned once.
     *
     * @param findings what counts: findings in the path relative to the dataset root, offsets in
     *                 it, one per place (overlaps from the several scans resolved)
     * @param masked   the path as outputs write it ({@link #maskObjectPath})
     */
    public record ScannedPath(List<Finding> findings, String masked) {}

    /** Scans the path below {@code from} once, for counting and for writing. */
    public ScannedPath scanObjectPath(String path, int from) {
        List<Finding> all = new ArrayList<>();
        collectObjectPath(path.substring(from), all);
        if (all.isEmpty()) {
            return new ScannedPath(List.of(), path);
        }
        boolean[] hide = new boolean[path.length()];
        markFound(all, null, from, hide);
        return new ScannedPath(TextScanner.resolveOverlaps(all), written(path, hide));
    }

    /** A path the detectors could not scan, written with all of it below the root masked. */
    public String maskUnscanned(String path, int from) {
        boolean[] hide = new boolean[path.length()];
        Arrays.fill(hide, from, path.length(), true);
        return written(path, hide);
    }

    private String written(String path, boolean[] hide) {
        String masked = render(path, hide);
        return fingerprinter == null ? masked : masked + FINGERPRINT_MARK + fingerprinter.fingerprint(path);
    }

    /** What counts in an object path: {@link ScannedPath#findings()}. */
    public List<Finding> objectPathFindings(String path, int from) {
        return scanObjectPath(path, from).findings();
    }

    /**
     * What counts in a name that is data (a JSON key, a Parquet map key, a CSV header cell) under
     * {@code field}: the name as a segment of a path is scanned, variants included, overlaps
     * resolved. {@link #maskFieldPath} and {@link #maskName} mask by the same scans.
     */
    public List<Finding> nameFindings(String name, String field) {
        List<Finding> all = new ArrayList<>();
        scanVariants(name, field, 0, all);
        return TextScanner.resolveOverlaps(all);
    }

    /**
     * The object path as written in every output: what {@link #objectPathFindings} counts from
     * {@code from} masked, the root before it as the operator gave it (a local root is often a
     * temporary folder whose random digits the detectors could take for a number); unchanged when
     * nothing is found.
     */
    public String maskObjectPath(String path, int from) {
        return scanObjectPath(path, from).masked();
    }

    /**
     * A path the operator gave (an INPUT, the manifest, an ignored marker file of a listed folder):
     * its last segment scanned and masked, as a file given as INPUT is scanned from its folder.
     */
    public String maskArgument(String path) {
        int end = path.endsWith("/") ? path.length() - 1 : path.length();
        return maskObjectPath(path, path.lastIndexOf('/', end - 1) + 1);
    }

    /**
     * Whether the detectors find anything in a text that is not masked (a public test value
     * included): how a file that claims to be one of pii-gate's records is held to its promise
     * that every value it writes is masked ({@code VerdictRecord}).
     */
    public boolean holdsUnmasked(String text) {
        return scanner.scan(text, null).stream().anyMatch(f -> !f.masked());
    }

    /**
     * A free text (an error message, which may quote a manifest entry) with every word that holds
     * PII masked as an object path is, from the start of its key: no fingerprint without a key.
     */
    public String maskText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            if (end > i) {
                String word = text.substring(i, end);
                out.append(maskObjectPath(word, keyStart(word)));
            }
            while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                out.append(text.charAt(end++));
            }
            i = end;
        }
        return out.toString();
    }

    /**
     * A field path ({@code $.a['b c'][2]}, a Parquet {@code col.map['key']}) with the keys that hold
     * PII masked. Each key is scanned as {@link #nameFindings} counts it when the readers deliver
     * it: unescaped, with the path before it as its field, so {@code {"ssn": {"287654321": 1}}}
     * masks {@code 287654321} in {@code $.ssn['287654321']} because the key was counted under
     * {@code $.ssn}, however long the path between them. The whole path is scanned too, as text.
     */
    public String maskFieldPath(String field) {
        if (field == null || field.isEmpty()) {
            return field;
        }
        boolean[] hide = new boolean[field.length()];
        boolean any = markFound(scanner.scan(field, null), null, 0, hide);
        int i = field.charAt(0) == '$' ? 1 : 0;
        while (i < field.length()) {
            char c = field.charAt(i);
            int segment = i;
            if (c == '[' && i + 1 < field.length() && field.charAt(i + 1) == '\'') {
                // ['key'] with \' and \\ escaped: unescape, keeping where each character came from.
                StringBuilder key = new StringBuilder();
                int[] at = new int[field.length()];
                int j = i + 2;
                while (j < field.length() && field.charAt(j) != '\'') {
                    if (field.charAt(j) == '\\' && j + 1 < field.length()) {
                        j++;
                    }
                    at[key.length()] = j;
                    key.append(field.charAt(j++));
                }
                any |= markFound(names(key.toString(), field.substring(0, segment)), at, 0, hide);
                i = Math.min(field.length(), j + 2); // past '] (a cut path simply ends)
            } else if (c == '[') {
                int close = field.indexOf(']', i);
                i = close < 0 ? field.length() : close + 1; // an array index: not a key
            } else {
                int start = c == '.' ? i + 1 : i;
                int end = start;
                while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
                    end++;
                }
                if (end > start) {
                    any |= markFound(names(field.substring(start, end), field.substring(0, segment)), null, start,
                            hide);
                }
                i = Math.max(end, i + 1);
            }
        }
        return any ? render(field, hide) : field;
    }

    /**
     * A name used whole as a field (a CSV column), scanned as the reader delivers it, under
     * {@code context}; the rest of the name as text too.
     */
    public String maskName(String name, String context) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        boolean[] hide = new boolean[name.length()];
        boolean any = markFound(names(name, context), null, 0, hide);
        any |= markFound(scanner.scan(name, null), null, 0, hide);
        return any ? render(name, hide) : name;
    }

    /**
     * Where the key of a URI starts: after {@code scheme://authority/}, after {@code file:}, else 0.
     */
    public static int keyStart(String path) {
        int colon = path.indexOf(':');
        if (colon <= 0 || path.lastIndexOf('/', colon) >= 0) {
            return 0;
        }
        if (path.startsWith("//", colon + 1)) {
            int slash = path.indexOf('/', colon + 3);
            return slash < 0 ? path.length() : slash + 1;
        }
        return colon + 1;
    }

    /** Every finding of every scan of a name, overlaps kept: masking hides them all. */
    private List<Finding> names(String name, String field) {
        List<Finding> all = new ArrayList<>();
        scanVariants(name, field, 0, all);
        return all;
    }

    /** Findings of every scan of a relative path, offsets in it, overlaps not resolved. */
    private void collectObjectPath(String relative, List<Finding> out) {
        if (relative.isEmpty()) {
            return;
        }
        // Whole, with '/' as a space: an e-mail local part may hold a '/', a folder name may not.
        scanVariants(relative.replace('/', ' '), null, 0, out);
        int start = 0;
        while (start < relative.length()) {
            int slash = relative.indexOf('/', start);
            int end = slash < 0 ? relative.length() : slash;
            if (end > start && end - start < relative.length()) {
                scanVariants(relative.substring(start, end), relative.substring(0, start), start, out);
            }
            start = end + 1;
        }
    }

    /**
     * The text as it is, with {@code _} then {@code _ -} as spaces, each also with its last
     * extension and its last two blanked ({@code .de.bin} may be a domain and an extension).
     */
    private void scanVariants(String text, String field, int offset, List<Finding> out) {
        List<String> seen = new ArrayList<>(9);
        int last = extensionStart(text, 1);
        int lastTwo = extensionStart(text, 2);
        int[] blanks = {-1, last, lastTwo};
        for (int separators = 0; separators < 3; separators++) {
            String variant = separators(text, separators);
            for (int blank : blanks) {
                String v = blank < 0 ? variant : blankFrom(variant, blank);
                if (seen.contains(v)) {
                    continue;
                }
                seen.add(v);
                for (Finding f : scanner.scan(v, field)) {
                    out.add(offset == 0 ? f : f.at(f.start() + offset, f.end() + offset));
                }
            }
        }
    }

    private static String separators(String text, int level) {
        if (level == 0) {
            return text;
        }
        char[] c = text.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] == '_' || (level == 2 && c[i] == '-')) {
                c[i] = ' ';
            }
        }
        return new String(c);
    }

    /**
     * Where the last {@code parts} extensions of a name begin ({@code .gz}, {@code .jsonl.gz}: dot-parts
     * of one to eight letters or digits after the last slash), or -1 when it has fewer.
     */
    static int extensionStart(String text, int parts) {
        int nameStart = text.lastIndexOf('/') + 1;
        int start = -1;
        int end = text.length();
        for (int part = 0; part < parts; part++) {
            int dot = text.lastIndexOf('.', end - 1);
            if (dot <= nameStart || end - dot - 1 < 1 || end - dot - 1 > 8) {
                return -1;
            }
            for (int i = dot + 1; i < end; i++) {
                if (!Character.isLetterOrDigit(text.charAt(i))) {
                    return -1;
                }
            }
            start = dot;
            end = dot;
        }
        return start;
    }

    private static String blankFrom(String text, int from) {
        return text.substring(0, from) + " ".repeat(text.length() - from);
    }

    private static boolean markFound(List<Finding> found, int[] at, int offset, boolean[] hide) {
        for (Finding f : found) {
            for (int k = f.start(); k < f.end(); k++) {
                hide[offset + (at == null ? k : at[k])] = true;
            }
        }
        return !found.isEmpty();
    }

    /** Every run of hidden characters rendered as a finding's preview is. */
    static String render(String text, boolean[] hide) {
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (!hide[i]) {
                sb.append(text.charAt(i++));
                continue;
            }
            int end = i;
            while (end < text.length() && hide[end]) {
                end++;
            }
            sb.append(Preview.render(text.substring(i, end)));
            i = end;
        }
        return sb.toString();
    }
}
