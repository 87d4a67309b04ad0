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

    private Keywords(List<String> words) {
        this.words = words;
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

    /** A keyword ends within {@code distance} characters before {@code start}. */
    public boolean before(CharSequence text, int start, int distance) {
        int from = Math.max(0, start - distance - maxLength());
        return findIn(text, from, start, start - distance);
    }

    /** A keyword within {@code distance} characters before {@code start} or after {@code end}. */
    public boolean near(CharSequence text, int start, int end, int distance) {
        if (before(text, start, distance)) {
            return true;
        }
        int to = Math.min(text.length(), end + distance);
        return findIn(text, end, to, Integer.MIN_VALUE);
    }

    /**
     * Whether a keyword occurs wholly inside [from, to) and, if {@code minEnd} is given, ends at or
     * after it.
     */
    private boolean findIn(CharSequence text, int from, int to, int minEnd) {
        for (String w : words) {
            int len = w.length();
            for (int i = from; i + len <= to; i++) {
                if (i + len < minEnd) {
                    continue;
                }
                if (regionMatches(text, i, w) && boundary(text, i - 1) && boundary(text, i + len)) {
                    return true;
                }
            }
        }
        return false;
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

    private int maxLength() {
        int max = 0;
        for (String w : words) {
            max = Math.max(max, w.length());
        }
        return max;
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
