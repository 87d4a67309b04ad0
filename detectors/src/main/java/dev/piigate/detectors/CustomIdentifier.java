package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A custom data identifier in Amazon Macie's model: a regular expression, optional keywords of
 * which one must occur within {@code maximumMatchDistance} characters before the match, and
 * ignore words (matches equal to one are dropped).
 *
 * @param name  identifier name; its detector id is {@code custom_<name>_v1}
 * @param type  entity type reported for matches
 * @param regex bounded at scan time, see {@link BoundedRegex}
 */
public record CustomIdentifier(
        String name, EntityType type, String regex, List<String> keywords, int maximumMatchDistance,
        List<String> ignoreWords) {

    /** Macie's default maximum match distance. */
    public static final int DEFAULT_MAXIMUM_MATCH_DISTANCE = 50;

    public CustomIdentifier {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(regex, "regex");
        keywords = List.copyOf(keywords);
        ignoreWords = List.copyOf(ignoreWords);
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("custom identifier name must be 1-64 of A-Z a-z 0-9 _ -: '" + name + "'");
        }
        if (maximumMatchDistance < 1 || maximumMatchDistance > 300) {
            throw new IllegalArgumentException(
                    "maximumMatchDistance must be within 1-300 (Macie's range): " + maximumMatchDistance);
        }
    }

    public String detectorId() {
        return "custom_" + name + "_v1";
    }
}
