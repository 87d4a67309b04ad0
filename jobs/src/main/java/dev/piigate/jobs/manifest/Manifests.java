package dev.piigate.jobs.manifest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Reads manifests and names approved manifests.
 *
 * <p>The kind is told by the first character after an optional UTF-8 byte order mark and
 * whitespace: {@code [} is a SageMaker ManifestFile, <code>{</code> an augmented manifest,
 * anything else a plain list (so a plain list cannot start with a path beginning with those).
 *
 * <p>Every rule fails closed: an empty manifest, a duplicate, a missing prefix, an augmented line
 * without any {@code -ref} attribute, a non-string key or an entry that cannot name one object is
 * a {@link ManifestException}, never a skipped line. What a manifest holds besides object names
 * (labels, metadata, inline text) is not read here: the job scans the manifest itself as one more
 * object ({@link ManifestKind#recordFormat()}), since an approved manifest is data a training job reads.
 */
public final class Manifests {
    public static final String DEFAULT_APPROVED_SUFFIX = "approved";
    static final String SOURCE_REF = "source-ref";
    /** SageMaker reads an attribute whose name ends in this as an S3 URI of an object. */
    static final String REF_SUFFIX = "-ref";
    static final String PREFIX = "prefix";

    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // Locations must not carry a snippet of the manifest into messages (Jackson 2.15 includes it by default).
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Manifests() {
    }

    /**
     * Parses a manifest.
     *
     * @param manifestUri where the manifest was read from; relative plain-list entries resolve
     *                    against its folder
     * @param content     the manifest's exact bytes, UTF-8
     */
    public static Manifest parse(String manifestUri, byte[] content) throws ManifestException {
        requireNonNull(manifestUri, "manifestUri");
        requireNonNull(content, "content");
        if (manifestUri.isBlank()) {
            throw new IllegalArgumentException("manifest URI is blank");
        }
        String text = decode(manifestUri, content);
        int first = firstNonWhitespace(text);
        if (first < 0) {
            throw new ManifestException(manifestUri, "is empty: expected at least one object");
        }
        ManifestKind kind = switch (text.charAt(first)) {
            case '[' -> ManifestKind.SAGEMAKER_MANIFEST_FILE;
            case '{' -> ManifestKind.SAGEMAKER_AUGMENTED_MANIFEST;
            default -> ManifestKind.PLAIN_LIST;
        };
        Entries entries = new Entries(manifestUri);
        switch (kind) {
            case SAGEMAKER_MANIFEST_FILE -> parseManifestFile(manifestUri, text, entries);
            case SAGEMAKER_AUGMENTED_MANIFEST -> parseAugmented(manifestUri, text, entries);
            case PLAIN_LIST -> parsePlainList(manifestUri, text, entries);
        }
        if (entries.uris.isEmpty()) {
            throw new ManifestException(manifestUri, "names no objects: expected at least one");
        }
        return new Manifest(manifestUri, kind, entries.uris, sha256Hex(content));
    }

    /** Same as {@link #approvedName(String, String)} with the suffix {@value #DEFAULT_APPROVED_SUFFIX}. */
    public static String approvedName(String manifestUri) {
        return approvedName(manifestUri, DEFAULT_APPROVED_SUFFIX);
    }

    /**
     * The URI the approved copy of a manifest is written to, in the same folder. The rule, on the
     * last path segment only: {@code .suffix} goes before the last extension
     * ({@code train.manifest} -> {@code train.approved.manifest},
     * {@code data.jsonl.gz} -> {@code data.jsonl.approved.gz}); a name without an extension, or
     * whose only dot is its first character, gets {@code .suffix} appended
     * ({@code train} -> {@code train.approved}, {@code .manifest} -> {@code .manifest.approved}).
     * Dots in folder names are not extensions. A trailing dot is an empty extension
     * ({@code train.} -> {@code train.approved.}). Applying the rule to an approved name adds the
     * suffix again; the caller decides what to do with such input.
     *
     * @param suffix 1-64 characters from {@code A-Z a-z 0-9 _ -}
     * @throws IllegalArgumentException for a bad suffix or a URI ending in {@code /}
     */
    public static String approvedName(String manifestUri, String suffix) {
        requireNonNull(manifestUri, "manifestUri");
        requireNonNull(suffix, "suffix");
        if (!SUFFIX.matcher(suffix).matches()) {
            throw new IllegalArgumentException(
                    "approved-manifest suffix must be 1-64 characters from A-Z a-z 0-9 _ -: '" + suffix + "'");
        }
        int slash = manifestUri.lastIndexOf('/');
        String folder = manifestUri.substring(0, slash + 1);
        String name = manifestUri.substring(slash + 1);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("manifest URI names a folder, not a file: " + manifestUri);
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return folder + name + "." + suffix;
        }
        return folder + name.substring(0, dot) + "." + suffix + name.substring(dot);
    }

    /**
     * The suffix {@code candidateName} is the approved name of {@code manifestName} with: the
     * inverse of {@link #approvedName(String, String)} on file names (no folders), so a withdrawal
     * finds approvals made under any suffix. Empty when the candidate is no such name (a suffix
     * with a dot is not one: {@code train.v2.approved.manifest} is an approval of
     * {@code train.v2.manifest}, not of {@code train.manifest}).
     */
    public static Optional<String> approvalSuffix(String manifestName, String candidateName) {
        requireNonNull(manifestName, "manifestName");
        requireNonNull(candidateName, "candidateName");
        int dot = manifestName.lastIndexOf('.');
        String head = (dot <= 0 ? manifestName : manifestName.substring(0, dot)) + ".";
        String tail = dot <= 0 ? "" : manifestName.substring(dot);
        if (manifestName.isEmpty() || manifestName.indexOf('/') >= 0 || candidateName.length() <= head.length() + tail.length()
                || !candidateName.startsWith(head) || !candidateName.endsWith(tail)) {
            return Optional.empty();
        }
        String suffix = candidateName.substring(head.length(), candidateName.length() - tail.length());
        return SUFFIX.matcher(suffix).matches() ? Optional.of(suffix) : Optional.empty();
    }

    private static void parseManifestFile(String manifestUri, String text, Entries entries) throws ManifestException {
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken(); // '[' checked by the caller
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw new ManifestException(manifestUri, at(0, parser) + ": expected an object with a string field \""
                        + PREFIX + "\", found " + describe(token));
            }
            String prefix = readPrefix(manifestUri, parser);
            Optional<String> badPrefix = prefixProblem(prefix);
            if (badPrefix.isPresent()) {
                throw new ManifestException(manifestUri, "array element [0]: the prefix " + badPrefix.get());
            }
            int element = 1;
            for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), element++) {
                if (token == null) {
                    throw new ManifestException(manifestUri, "ends inside the JSON array: expected ']'");
                }
                if (token != JsonToken.VALUE_STRING) {
                    throw new ManifestException(manifestUri, at(element, parser)
                            + ": expected a string key relative to the prefix, found " + describe(token));
                }
                // SageMaker appends the key to the prefix as written, without adding a '/'.
                entries.add(prefix + parser.getText(), at(element, parser));
            }
            if (parser.nextToken() != null) {
                throw new ManifestException(manifestUri, "has content after the closing ']' at " + lineColumn(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw malformed(manifestUri, e, null);
        } catch (IOException e) {
            throw new ManifestException(manifestUri, "could not be read as JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String readPrefix(String manifestUri, JsonParser parser) throws IOException, ManifestException {
        String prefix = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!PREFIX.equals(field)) {
                throw new ManifestException(manifestUri, at(0, parser)
                        + ": expected only the field \"" + PREFIX + "\", found another field");
            }
            if (value != JsonToken.VALUE_STRING) {
                throw new ManifestException(manifestUri, at(0, parser)
                        + ": field \"" + PREFIX + "\" must be a string, found " + describe(value));
            }
            prefix = parser.getText();
        }
        if (prefix == null) {
            throw new ManifestException(manifestUri, at(0, parser) + ": missing the string field \"" + PREFIX + "\"");
        }
        return prefix;
    }

    /** A prefix must be {@code scheme://bucket/...}; keys are appended to it literally. */
    private static Optional<String> prefixProblem(String prefix) {
        Optional<String> scheme = ObjectUris.scheme(prefix);
        if (scheme.isEmpty() || !prefix.startsWith("//", scheme.get().length() + 1)) {
            return Optional.of("is not an absolute URI: expected s3://bucket/path/");
        }
        int authority = scheme.get().length() + 3;
        int slash = prefix.indexOf('/', authority);
        if (slash == authority) {
            return Optional.of("has no bucket: expected s3://bucket/path/");
        }
        if (slash < 0) {
            return Optional.of("has no '/' after the bucket: expected s3://bucket/ or s3://bucket/path/");
        }
        return Optional.empty();
    }

    /**
     * Every attribute at the top level of a line whose name ends in {@value #REF_SUFFIX} names an
     * object SageMaker reads ({@code source-ref}, {@code mask-ref}, {@code label-ref}...), so each
     * is an entry; a line needs at least one. Everything else on the line is inline data, scanned
     * as a record of the manifest itself (see {@link ManifestKind#recordFormat()}).
     */
    private static void parseAugmented(String manifestUri, String text, Entries entries) throws ManifestException {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String position = "line " + (i + 1);
            for (Ref ref : readRefs(manifestUri, line, position)) {
                if (ObjectUris.scheme(ref.uri()).isEmpty()) {
                    throw new ManifestException(manifestUri, position + ": " + ref.describe()
                            + " is not an absolute URI: expected s3://bucket/key");
                }
                if (ref.source()) {
                    entries.add(ref.uri(), position);
                } else {
                    // A mask or label object may serve many lines: scanned once, not a duplicate entry.
                    entries.addShared(ref.uri(), position + " (" + ref.describe() + ")");
                }
            }
        }
    }

    /** An object reference of an augmented-manifest line; {@code source} for {@code source-ref}. */
    private record Ref(String uri, boolean source) {
        String describe() {
            return describeRef(source);
        }
    }

    /** Only the fixed name {@code source-ref} is quoted: other attribute names are data. */
    private static String describeRef(boolean source) {
        return source ? "\"" + SOURCE_REF + "\"" : "an attribute ending in \"" + REF_SUFFIX + "\"";
    }

    private static List<Ref> readRefs(String manifestUri, String line, String position) throws ManifestException {
        try (JsonParser parser = JSON.createParser(line)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw new ManifestException(manifestUri, position + ": expected a JSON object, found " + describe(token));
            }
            List<Ref> refs = new ArrayList<>();
            for (token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.endsWith(REF_SUFFIX)) {
                    boolean source = SOURCE_REF.equals(field);
                    if (value != JsonToken.VALUE_STRING) {
                        throw new ManifestException(manifestUri, position + ": " + describeRef(source)
                                + " must be a string, found " + describe(value));
                    }
                    refs.add(new Ref(parser.getText(), source));
                } else {
                    parser.skipChildren(); // inline data: scanned as a record of the manifest, not here
                }
            }
            if (parser.nextToken() != null) {
                throw new ManifestException(manifestUri, position + ": expected one JSON object per line, found more");
            }
            if (refs.isEmpty()) {
                throw new ManifestException(manifestUri, position + ": missing the string field \"" + SOURCE_REF
                        + "\" or another attribute ending in \"" + REF_SUFFIX
                        + "\" (a line must name at least one object)");
            }
            return refs;
        } catch (JsonProcessingException e) {
            throw malformed(manifestUri, e, position);
        } catch (IOException e) {
            throw new ManifestException(manifestUri, position + ": could not be read as JSON ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static void parsePlainList(String manifestUri, String text, Entries entries) throws ManifestException {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            entries.add(ObjectUris.resolve(manifestUri, line), "line " + (i + 1));
        }
    }

    /** Collects entries in order, rejecting bad shapes and duplicates with both positions. */
    private static final class Entries {
        private final String manifestUri;
        private final List<String> uris = new ArrayList<>();
        private final Map<String, String> positions = new HashMap<>();
        private final Set<String> seen = new HashSet<>();

        Entries(String manifestUri) {
            this.manifestUri = manifestUri;
        }

        void add(String uri, String position) throws ManifestException {
            Optional<String> problem = ObjectUris.problem(uri);
            if (problem.isPresent()) {
                throw new ManifestException(manifestUri, position + ": the entry " + problem.get());
            }
            String earlier = positions.putIfAbsent(ObjectUris.identity(uri), position);
            if (earlier != null) {
                throw new ManifestException(manifestUri, position + " names the same object as " + earlier
                        + ": expected each object once");
            }
            if (seen.add(ObjectUris.identity(uri))) {
                uris.add(uri);
            }
        }

        /** An entry several lines may share: added once, later mentions are no duplicate. */
        void addShared(String uri, String position) throws ManifestException {
            Optional<String> problem = ObjectUris.problem(uri);
            if (problem.isPresent()) {
                throw new ManifestException(manifestUri, position + ": the entry " + problem.get());
            }
            if (seen.add(ObjectUris.identity(uri))) {
                uris.add(uri);
            }
        }
    }

    private static String decode(String manifestUri, byte[] content) throws ManifestException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(content));
        } catch (CharacterCodingException e) {
            throw new ManifestException(manifestUri, "is not valid UTF-8");
        }
        String text = chars.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int firstNonWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String at(int element, JsonParser parser) {
        return "array element [" + element + "] (" + lineColumn(parser.currentTokenLocation()) + ")";
    }

    private static String lineColumn(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * Jackson's own message quotes the offending token; keep only its position.
     *
     * @param position the line of a JSON Lines manifest, or null for a whole-file JSON document
     */
    private static ManifestException malformed(String manifestUri, JsonProcessingException e, String position) {
        JsonLocation location = e.getLocation();
        String kind = " (" + e.getClass().getSimpleName() + ")";
        if (position == null) {
            String where = location == null ? "" : " at " + lineColumn(location);
            return new ManifestException(manifestUri, "malformed JSON" + where + kind);
        }
        String where = location == null ? "" : " at column " + location.getColumnNr();
        return new ManifestException(manifestUri, position + ": malformed JSON" + where + kind);
    }

    /** The kind of JSON token, never its text. */
    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "unexpected JSON";
        };
    }

    static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
