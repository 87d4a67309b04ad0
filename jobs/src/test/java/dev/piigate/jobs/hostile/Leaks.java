package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The canary leak search the hostile tests share: every test plants values, runs the scanner and
 * then looks for those values in everything the run wrote. One copy, so the tests differ only in
 * what they name a separator (each passes its own character class), not in how they search.
 */
final class Leaks {
    private Leaks() {
    }

    /** Every regular file below {@code dir}, read as UTF-8, each followed by a newline. */
    static String readTree(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(p), UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    /**
     * {@code text} without its separators, so {@code 4556 7375 ...} and {@code 4556-7375-...} are
     * found as one run of digits.
     *
     * @param separators a regex character class, such as {@code "[\\s\\-().+/]"}
     */
    static String compact(String text, String separators) {
        return text.replaceAll(separators, "");
    }

    /** {@link #find(Map, Collection, UnaryOperator)} with {@link #compact(String, String)}. */
    static List<String> find(Map<String, String> places, Collection<String> values, String separators) {
        return find(places, values, s -> compact(s, separators));
    }

    /**
     * The planted values found in the places, each as {@code value with its digits as # + " in " +
     * place}, so a failure names no value. A value is found where the place's text holds it as
     * written, or where the compacted text holds the compacted value as a run not glued to a letter
     * or digit before it or a digit after it (not inside a fingerprint's hex, say).
     *
     * @param places place name to the text written there
     * @param compact removes separators; a test that reads more into a text (an escaped space, a
     *     fullwidth digit) does that here, applied to the places and to the values alike
     */
    static List<String> find(Map<String, String> places, Collection<String> values, UnaryOperator<String> compact) {
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> place : places.entrySet()) {
            String text = place.getValue();
            String compacted = compact.apply(text);
            for (String v : values) {
                Pattern digits = Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(compact.apply(v)) + "(?![0-9])");
                if (text.contains(v) || digits.matcher(compacted).find()) {
                    leaks.add(v.replaceAll("[0-9０-９]", "#") + " in " + place.getKey());
                }
            }
        }
        return leaks;
    }
}
