package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Context words for a type ("ssn", "card number"...) and the two ways Macie uses them: a keyword
 * within some characters of the value, or a field name (JSON path element, column name) that says
 * what the field holds. Matching is case-insensitive and on word boundaries.
 */
public final class Keywords {
    private final List<String> words;
    /**
     * Keyword indices by first character (ASCII), so a window is read once, looking up each
     * word start, instead of once per keyword; null where no keyword starts with that character.
     */
    private final String[][] byFirst = new String[128][];
    /** Keywords starting with a non-ASCII character: tried at every word start. */
    private final String[] otherFirst;
    private final int maxLength;
    private final int minLength;

    private Keywords(List<String> words) {
        this.words = words;
        List<String> other = new ArrayList<>();
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (String w : words) {
            char c = w.charAt(0);
            if (c < 128) {
                String[] old = byFirst[c] == null ? new String[0] : byFirst[c];
                String[] bigger = java.util.Arrays.copyOf(old, old.length + 1);
                bigger[old.length] = w;
                byFirst[c] = bigger;
            } else {
                other.add(w);
            }
            max = Math.max(max, w.length());
            min = Math.min(min, w.length());
        }
        this.otherFirst = other.toArray(new String[0]);
        this.maxLength = max;
        this.minLength = words.isEmpty() ? 1 : min;
    }

    /** @param words lower-case or mixed; matched case-insensitively; must not be blank */
    public static Keywords of(List<String> words) {
        List<String> lower = new ArrayList<>(words.size());
        for (String w : words) {
            requireNonNull(w, "keyword");
            String trimmed = w.strip().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("blank keyword");
            }
            lower.add(trimmed);
        }
        return new Keywords(List.copyOf(lower));
    }

    public static Keywords of(String... words) {
        return of(List.of(words));
    }

    public List<String> words() {
        return words;
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** Where a keyword stands in a text: [start, end). */
    public record Hit(int start, int end) {}

    /** A keyword ends within {@code distance} characters before {@code start}. */
    public boolean before(CharSequence text, int start, int distance) {
        return nearestBefore(text, start, distance) != null;
    }

    /** A keyword lies wholly within {@code distance} characters after {@code end}. */
    public boolean after(CharSequence text, int end, int distance) {
        return nearestAfter(text, end, distance) != null;
    }

    /** A keyword within {@code distance} characters before {@code start} or after {@code end}. */
    public boolean near(CharSequence text, int start, int end, int distance) {
        return before(text, start, distance) || after(text, end, distance);
    }

    /** The keyword nearest before {@code start} that ends before it, within {@code distance}; or null. */
    public Hit nearestBefore(CharSequence text, int start, int distance) {
        int from = Math.max(0, start - distance - maxLength);
        return hit(find(text, from, start, start - distance, true));
    }

    /** The keyword nearest after {@code end} lying wholly within {@code distance} characters of it; or null. */
    public Hit nearestAfter(CharSequence text, int end, int distance) {
        return hit(find(text, end, Math.min(text.length(), end + distance), Integer.MIN_VALUE, false));
    }

    private static Hit hit(long packed) {
        return packed < 0 ? null : new Hit((int) (packed >>> 32), (int) packed);
    }

    /**
     * A keyword occurring wholly inside [from, to) and, if {@code minEnd} is given, ending at or
     * after it: the first one, or with {@code last} the one that ends last; as start << 32 | end,
     * or -1 if there is none.
     */
    private long find(CharSequence text, int from, int to, int minEnd, boolean last) {
        // One pass over the window; at each word start only the keywords with its first character.
        long best = -1;
        int first = minEnd == Integer.MIN_VALUE ? from : Math.max(from, minEnd - maxLength);
        for (int i = first; i + minLength <= to; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            String[] candidates = c < 128 ? byFirst[c] : otherFirst;
            if (candidates == null || candidates.length == 0 || !boundary(text, i - 1)) {
                continue;
            }
            for (String w : candidates) {
                int len = w.length();
                if (i + len <= to && i + len >= minEnd && regionMatches(text, i, w) && boundary(text, i + len)) {
                    long match = ((long) i << 32) | (i + len);
                    if (!last) {
                        return match;
                    }
                    if (best < 0 || (int) match > (int) best) {
                        best = match;
                    }
                }
            }
        }
        return best;
    }

    private static boolean regionMatches(CharSequence text, int at, String lowerWord) {
        for (int k = 0; k < lowerWord.length(); k++) {
            char c = text.charAt(at + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean boundary(CharSequence text, int i) {
        return i < 0 || i >= text.length() || !Chars.isAsciiLetter(text.charAt(i));
    }

    /**
     * Whether a field name says the field holds this type: {@code $.customer.ssn},
     * {@code social_security_number}, {@code cardNumber}. The name is split into words on
     * punctuation and camelCase and matched against the keywords.
     */
    public boolean inField(String field) {
        if (field == null || field.isEmpty()) {
            return false;
        }
        String words = fieldWords(field);
        for (String w : this.words) {
            int at = words.indexOf(w);
            while (at >= 0) {
                if (boundary(words, at - 1) && boundary(words, at + w.length())) {
                    return true;
                }
                at = words.indexOf(w, at + 1);
            }
        }
        return false;
    }

    /** "$.billingInfo.card_number" -> " billing info card number". */
    static String fieldWords(String field) {
        StringBuilder sb = new StringBuilder(field.length() + 8);
        char prev = ' ';
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (Character.isUpperCase(c) && Character.isLowerCase(prev)) {
                sb.append(' ');
            }
            if (Character.isLetterOrDigit(c) || c == '#') {
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(' ');
            }
            prev = c;
        }
        return sb.toString();
    }
}
