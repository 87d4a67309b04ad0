package dev.piigate.detectors.redaction;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;

/**
 * Replaces the values a scan found in a text, for the redacted copy of a dataset: every unmasked,
 * non-test finding (as {@code TextScanner.scan} returns them: offsets in the text, in order of
 * position) is replaced in the style of its type; masked and test values are left as they are.
 * Findings that overlap (a number that is both a card and a phone number) are replaced as one
 * value, named after the finding that ranks first: most confident, then longest, then first.
 * Everything outside the replaced spans is kept char for char.
 *
 * <p>Not thread-safe when a style is {@link Style#HASH} (its {@link Fingerprinter} is not): one
 * instance per task thread.
 */
public final class Redactor {
    /** Letters and digits a {@link Style#MASK} keeps at the end of a value long enough to spare them. */
    static final int MASK_KEEP = 4;
    /** A value with fewer letters and digits than this is masked whole: keeping four would show half or more. */
    static final int MASK_KEEP_FROM = 8;
    /** Scans of a redacted text before giving up on it ({@link #redactUntilClean}). */
    static final int MAX_ROUNDS = 3;
    /** Fingerprint letters in a {@link Style#HASH} token: 64 bits, so distinct values of one dataset do not collide. */
    static final int HASH_LETTERS = 16;

    /** How a value is replaced. */
    public enum Style {
        /** {@code <CREDIT_CARD_NUMBER>}: the type's name between angle brackets (Presidio's form). */
        TYPE,
        /**
         * {@code ****-****-****-1234}: every letter and digit turned to {@code *} but the last four
         * (none kept when the value has fewer than eight), separators kept.
         */
        MASK,
        /**
         * {@code <EMAIL_ADDRESS:kdhpgemoabcnfjlp>}: a keyed fingerprint of the value's canonical form,
         * so the same value gets the same token across a dataset under one key (joins and
         * deduplication still work) and nobody without the key can confirm a guess. Written with the
         * letters a-p (one per 4 bits), not hex digits: a run of digits next to the type's own name
         * ({@code PHONE_NUMBER:41555501}, {@code DATE_OF_BIRTH:19800312}) would read as a new value.
         */
        HASH;

        /** The style a configuration names: {@code type}, {@code mask} or {@code hash}; null if none. */
        public static Style named(String name) {
            for (Style s : values()) {
                if (s.configName().equals(name)) {
                    return s;
                }
            }
            return null;
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A redacted text and how many values were replaced, per type (the type that names each
     * replacement).
     */
    public record Redacted(String text, Map<EntityType, Integer> replaced) {
        public Redacted {
            requireNonNull(text, "text");
            replaced = Map.copyOf(replaced);
        }

        public int total() {
            int n = 0;
            for (int c : replaced.values()) {
                n += c;
            }
            return n;
        }
    }

    private final Style defaultStyle;
    private final Map<EntityType, Style> perType;
    private final Fingerprinter fingerprinter;
    private final boolean testValuesToo;

    /**
     * @param fingerprinter the key's fingerprints; required when any style is {@link Style#HASH},
     *                      else may be null
     */
    public Redactor(Style defaultStyle, Map<EntityType, Style> perType, Fingerprinter fingerprinter) {
        this.defaultStyle = requireNonNull(defaultStyle, "defaultStyle");
        this.perType = Map.copyOf(perType);
        if (fingerprinter == null && (defaultStyle == Style.HASH || this.perType.containsValue(Style.HASH))) {
            throw new IllegalArgumentException("the hash style needs a fingerprint key");
        }
        this.fingerprinter = fingerprinter;
        this.testValuesToo = false;
    }

    private Redactor(Redactor r, boolean testValuesToo) {
        this.defaultStyle = r.defaultStyle;
        this.perType = r.perType;
        this.fingerprinter = r.fingerprinter;
        this.testValuesToo = testValuesToo;
    }

    /**
     * This redactor replacing unmasked public test values too: for a gate whose policy counts them
     * as unmasked ({@code policy.testValuesCountAsUnmasked}), whose copy would otherwise block on them.
     */
    public Redactor replacingTestValues() {
        return new Redactor(this, true);
    }

    /** Whether {@link #redact} replaces {@code f}: unmasked, and not a test value unless test values are replaced too. */
    public boolean replaces(Finding f) {
        return !f.masked() && (!f.testValue() || testValuesToo);
    }

    public Style styleOf(EntityType type) {
        return perType.getOrDefault(type, defaultStyle);
    }

    /**
     * {@code text} with every unmasked, non-test finding replaced.
     *
     * @param findings spans in {@code text}, as the scan of exactly this text returned them
     * @throws IllegalArgumentException if a finding reaches past the text (findings of another text)
     */
    public Redacted redact(String text, List<Finding> findings) {
        requireNonNull(text, "text");
        List<Finding> unmasked = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (f.end() > text.length()) {
                throw new IllegalArgumentException("a finding reaches past the text: findings of another text");
            }
            if (replaces(f)) {
                unmasked.add(f);
            }
        }
        if (unmasked.isEmpty()) {
            return new Redacted(text, Map.of());
        }
        unmasked.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start())
                : Integer.compare(a.end(), b.end()));
        StringBuilder out = new StringBuilder(text.length() + 16 * unmasked.size());
        Map<EntityType, Integer> replaced = new HashMap<>();
        int copied = 0;
        int i = 0;
        while (i < unmasked.size()) {
            // A group: findings chained by overlaps, replaced as one value.
            Finding named = unmasked.get(i);
            int start = named.start();
            int end = named.end();
            int j = i + 1;
            while (j < unmasked.size() && unmasked.get(j).start() < end) {
                Finding f = unmasked.get(j);
                end = Math.max(end, f.end());
                if (ranksBefore(f, named)) {
                    named = f;
                }
                j++;
            }
            out.append(text, copied, start);
            replace(text, start, end, named.type(), out);
            replaced.merge(named.type(), 1, Integer::sum);
            copied = end;
            i = j;
        }
        out.append(text, copied, text.length());
        return new Redacted(out.toString(), replaced);
    }

    /**
     * {@link #redact}, then the redacted text scanned again with the same scanner and field, and
     * what that finds redacted too, until a scan finds no unmasked value. A replacement can change
     * how a look-alike near it is judged: {@code <CREDIT_CARD_NUMBER>} is a keyword for the number
     * after it, and a masked date no longer claims the "DOB" after it, which the next date then
     * does. The copy's own scan judges it the same way, so what it would find is replaced here.
     *
     * @param findings what {@code scanner} found in {@code text} with {@code field}
     * @return empty if values remain after {@link #MAX_ROUNDS} scans: the text cannot be redacted
     */
    public Optional<Redacted> redactUntilClean(TextScanner scanner, String text, String field,
            List<Finding> findings) {
        return redactUntilClean(text, findings, redacted -> scanner.scan(redacted, field));
    }

    /**
     * {@link #redactUntilClean(TextScanner, String, String, List)} with the rule that judged
     * {@code text}: {@code rescan} returns what that rule finds in a text (a JSON key is judged as
     * a name, not as a value).
     */
    public Optional<Redacted> redactUntilClean(String text, List<Finding> findings,
            Function<String, List<Finding>> rescan) {
        Redacted r = redact(text, findings);
        if (r.total() == 0) {
            return Optional.of(r);
        }
        Map<EntityType, Integer> replaced = new HashMap<>(r.replaced());
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Redacted next = redact(r.text(), rescan.apply(r.text()));
            if (next.total() == 0) {
                return Optional.of(new Redacted(r.text(), replaced));
            }
            next.replaced().forEach((type, n) -> replaced.merge(type, n, Integer::sum));
            r = next;
        }
        return Optional.empty();
    }

    private static boolean ranksBefore(Finding a, Finding b) {
        if (a.confidence() != b.confidence()) {
            return a.confidence() > b.confidence();
        }
        if (a.length() != b.length()) {
            return a.length() > b.length();
        }
        if (a.start() != b.start()) {
            return a.start() < b.start();
        }
        return a.type().name().compareTo(b.type().name()) < 0;
    }

    private void replace(String text, int start, int end, EntityType type, StringBuilder out) {
        switch (styleOf(type)) {
            case TYPE -> out.append('<').append(type.name()).append('>');
            case MASK -> mask(text, start, end, out);
            case HASH -> {
                String value = text.substring(start, end);
                String hex = fingerprinter.fingerprint(
                        Fingerprinter.canonical(value, EntityType.EMAIL_ADDRESS.equals(type)));
                out.append('<').append(type.name()).append(':');
                for (int k = 0; k < HASH_LETTERS; k++) {
                    out.append((char) ('a' + Character.digit(hex.charAt(k), 16)));
                }
                out.append('>');
            }
        }
    }

    /** Letters and digits to {@code *} (a surrogate pair to one), the last four kept when there are eight or more. */
    static void mask(String text, int start, int end, StringBuilder out) {
        int letters = 0;
        for (int p = start; p < end; p += Character.charCount(text.codePointAt(p))) {
            if (Character.isLetterOrDigit(text.codePointAt(p))) {
                letters++;
            }
        }
        int hide = letters >= MASK_KEEP_FROM ? letters - MASK_KEEP : letters;
        for (int p = start; p < end; ) {
            int cp = text.codePointAt(p);
            int width = Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) && hide > 0) {
                out.append('*');
                hide--;
            } else {
                out.append(text, p, p + width);
            }
            p += width;
        }
    }
}
