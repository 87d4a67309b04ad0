package dev.piigate.jobs.manifest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed manifest: what it names and a digest of its exact bytes, so that the verdict can be
 * tied to the manifest that was scanned (a manifest changed after the scan no longer matches).
 *
 * @param uri     the manifest's URI as given
 * @param kind    its format
 * @param objects the object URIs it names, in manifest order, absolute where the manifest allows
 *                it; {@code s3://} stays as written
 * @param sha256  lower-case hex SHA-256 of the manifest's bytes
 */
public record Manifest(String uri, ManifestKind kind, List<String> objects, String sha256) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Manifest {
        requireNonNull(uri, "uri");
        requireNonNull(kind, "kind");
        objects = List.copyOf(requireNonNull(objects, "objects"));
        requireNonNull(sha256, "sha256");
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("a manifest names at least one object: " + uri);
        }
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }

    /** Short form: the object list can be long. */
    @Override
    public String toString() {
        return "Manifest[" + uri + ", " + kind + ", " + objects.size() + " objects, sha256=" + sha256 + "]";
    }
}
