package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.piigate.jobs.testing.HtmlText;

/**
 * The canary leak search the hostile tests share: every test plants values, runs the scanner and
 * then looks for those values in everything the run wrote. One copy, so the tests differ only in
 * what they name a separator (each passes its own character class), not in how they search.
 */
final class Leaks {
    /** For values searched only as they are written (secrets: a key has no separators to vary). */
    static final String NO_SEPARATORS = "";

    private Leaks() {
    }

    /**
     * Every regular file below {@code dir}, read as UTF-8, each followed by a newline; an HTML page
     * also as a reader sees it (its character references resolved).
     */
    static String readTree(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(p), UTF_8);
                all.append(text).append('\n');
                if (p.getFileName().toString().endsWith(".html")) {
                    all.append(HtmlText.unescape(text)).append('\n');
                }
            }
        }
        return all.toString();
    }

    /** {@link #find(Map, Collection, UnaryOperator, String)} with nothing read into the text first. */
    static List<String> find(Map<String, String> places, Collection<String> values, String separators) {
        return find(places, values, UnaryOperator.identity(), separators);
    }

    /**
     * The planted values found in the places, each as {@code value with its digits as # + " in " +
     * place}, so a failure names no value. A value is found where the place's text holds it as
     * written, or where the text with its separators taken out holds the value with its separators
     * taken out as a run of its own: at a separator or a character that is not an ASCII letter or
     * digit before it (not inside a fingerprint's hex, say), at a separator or a character that is
     * not an ASCII digit after it. So {@code card 4556737586899855} and {@code 1 4556-7375-...}
     * are found, {@code a4556737586899855} is not.
     *
     * @param normalize what a test reads into a text before separators are taken out (an escaped
     *     space, a fullwidth digit), applied to the places and to the values alike
     * @param separators a regex character class, such as {@code "[\\s\\-().+/]"}, or {@link #NO_SEPARATORS}
     */
    static List<String> find(Map<String, String> places, Collection<String> values, UnaryOperator<String> normalize,
            String separators) {
        Pattern separatorRun = separators.isEmpty() ? null : Pattern.compile(separators + "+");
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> place : places.entrySet()) {
            String text = place.getValue();
            Compacted compacted = Compacted.of(normalize.apply(text), separatorRun);
            for (String v : values) {
                if (text.contains(v) || compacted.holdsAsRun(Compacted.of(normalize.apply(v), separatorRun).text)) {
                    leaks.add(v.replaceAll("[0-9０-９]", "#") + " in " + place.getKey());
                }
            }
        }
        return leaks;
    }

    /** A text without its separators; {@code cut} marks each place where separators were taken out. */
    private record Compacted(String text, BitSet cut) {
        static Compacted of(String text, Pattern separatorRun) {
            StringBuilder kept = new StringBuilder(text.length());
            BitSet cut = new BitSet();
            if (separatorRun == null) {
                return new Compacted(text, cut);
            }
            Matcher m = separatorRun.matcher(text);
            int from = 0;
            while (m.find()) {
                kept.append(text, from, m.start());
                cut.set(kept.length());
                from = m.end();
            }
            kept.append(text, from, text.length());
            return new Compacted(kept.toString(), cut);
        }

        /**
         * A plain indexOf walk: a regex with a look-behind would try every position of a text that
         * runs to megabytes (the Spark event log), once per planted value.
         */
        boolean holdsAsRun(String value) {
            if (value.isEmpty()) {
                return false;
            }
            for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
                int end = at + value.length();
                boolean freeBefore = at == 0 || cut.get(at) || !isAsciiLetterOrDigit(text.charAt(at - 1));
                boolean freeAfter = end == text.length() || cut.get(end) || !isAsciiDigit(text.charAt(end));
                if (freeBefore && freeAfter) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
