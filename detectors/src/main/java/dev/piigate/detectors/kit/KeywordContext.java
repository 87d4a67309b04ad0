package dev.piigate.detectors.kit;

import static java.util.Objects.requireNonNull;

import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.ScanText;

/**
 * Keyword context for the values of one text: Macie's rule (a keyword within
 * {@code detectors.keywordDistance} characters, before or after, or a field or column name that
 * says the type) and the stricter "the keyword names this value" ({@code aws_secret_access_key =
 * "..."}). Made per text and per detector; the field name is judged once, and only if asked.
 */
public final class KeywordContext {
    private final Keywords keywords;
    private final ScanText text;
    private final int distance;
    private int field; // 0 not judged yet, 1 names the type, 2 does not

    public KeywordContext(Keywords keywords, ScanText text, int distance) {
        this.keywords = requireNonNull(keywords, "keywords");
        this.text = requireNonNull(text, "text");
        this.distance = distance;
    }

    /** The field (JSON path, column) the text came from names the type. */
    public boolean inField() {
        if (field == 0) {
            field = keywords.inField(text.field()) ? 1 : 2;
        }
        return field == 1;
    }

    /**
     * Macie's rule: the field says the type, or a keyword lies within the distance before
     * {@code start} or after {@code end}, or in the header cell of the table column the value is in.
     */
    public boolean near(int start, int end) {
        return inField() || keywords.near(text, start, end, distance);
    }

    /** A keyword ends within the distance before {@code start} (or the field says the type). */
    public boolean before(int start) {
        return inField() || keywords.before(text, start, distance);
    }

    /** A keyword lies within the distance after {@code end} (or the field says the type). */
    public boolean after(int end) {
        return inField() || keywords.after(text, end, distance);
    }

    /**
     * The header cell of the pipe-table column the value at {@code start} sits in names the type
     * ({@link Keywords#inColumnHeader}); {@link #near} asks it too.
     */
    public boolean inColumnHeader(int start) {
        return keywords.inColumnHeader(text.text(), start);
    }

    /**
     * The keyword in the text ending closest before {@code start}, within the distance, or null;
     * the field is not asked ({@link #inField()}): for detectors that judge what lies between the
     * keyword and the value (the card's "no other number in between").
     */
    public Keywords.Hit nearestBefore(int start) {
        return keywords.nearestBefore(text, start, distance);
    }

    /** The keyword in the text starting closest after {@code end}, within the distance, or null. */
    public Keywords.Hit nearestAfter(int end) {
        return keywords.nearestAfter(text, end, distance);
    }

    /** As {@link #nearestAfter(int)} within {@code within} chars instead of the distance. */
    public Keywords.Hit nearestAfter(int end, int within) {
        return keywords.nearestAfter(text, end, within);
    }

    /**
     * The keyword names this value: it ends right before {@code start} with nothing between but
     * assignment and quoting ({@code key: "v"}, {@code KEY=v}, {@code "key" => 'v'},
     * {@code <key>v}, {@code --key v}), or the field says the type.
     */
    public boolean namesValue(int start) {
        if (inField()) {
            return true;
        }
        Keywords.Hit hit = keywords.nearestBefore(text, start, distance);
        if (hit == null) {
            return false;
        }
        String t = text.text();
        for (int i = hit.end(); i < start; i++) {
            if (!isAssignment(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** What may stand between a key and its value in code, config and logs. */
    static boolean isAssignment(char c) {
        return switch (c) {
            case ' ', '\t', ':', '=', '"', '\'', '`', '>', '<', ',', '(', '[', '{', '-', '_', '.' -> true;
            default -> false;
        };
    }
}
