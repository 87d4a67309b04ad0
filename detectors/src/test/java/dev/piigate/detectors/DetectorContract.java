package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every detector's test class signs by extending this class and naming its vector
 * file: each unmasked positive of the file (not masked, not a test value) is found where the
 * line puts it, and again or not at all in the variants of its surroundings the file's
 * {@code # variants:} line declares. Commons Validator's {@code AbstractCheckDigitTest} does the
 * same for check digits: one routine writes the negatives every implementation must reject.
 *
 * <ul>
 * <li>always: the line as written, the value found with exactly its span;</li>
 * <li>{@code glued}: letters glued to both ends (of the edge's script): not found;</li>
 * <li>{@code digits}: digits glued to both ends: not found;</li>
 * <li>{@code guid}: the value as the middle group of a GUID: not found;</li>
 * <li>{@code longer}: inside a longer run of its own alphabet, characters taken from the value
 * itself (a group of four joined by the value's '-' or '.', if it is written in such groups): not found;</li>
 * <li>{@code fullwidth}, {@code arabic}: its digits in fullwidth or Arabic-Indic forms: found, same span;</li>
 * <li>{@code masked}: every letter and digit but the last four as '*', and as 'X': no unmasked finding.</li>
 * </ul>
 *
 * In every variant the findings do not depend on whether the sink wants rejections.
 */
public abstract class DetectorContract {
    static final DetectorRegistry REGISTRY = DetectorRegistry.load();
    private static final Map<String, Detector> DETECTORS = new ConcurrentHashMap<>();
    static final List<String> KINDS = List.of("glued", "digits", "guid", "longer", "fullwidth", "arabic", "masked");

    /** The file under {@code src/test/resources/vectors/} with this detector's vectors. */
    protected abstract String vectorFile();

    /** The detector the vectors name, built as in production, with the regions the phone vectors assume. */
    static Detector detector(String id) {
        return DETECTORS.computeIfAbsent(id,
                k -> REGISTRY.create(DetectorSettings.defaults().withEnabled(List.of(k)).withPhoneRegions(
                        List.of("US", "GB", "DE", "FR", "IN"))).get(0));
    }

    @TestFactory
    public Stream<DynamicTest> valuesInTheirSentences() {
        return tests("sentence");
    }

    @TestFactory
    public Stream<DynamicTest> valuesGluedToLettersOrDigits() {
        return tests("glued", "digits");
    }

    @TestFactory
    public Stream<DynamicTest> valuesInsideGuidsOrLongerRuns() {
        return tests("guid", "longer");
    }

    @TestFactory
    public Stream<DynamicTest> valuesInOtherDigitForms() {
        return tests("fullwidth", "arabic");
    }

    @TestFactory
    public Stream<DynamicTest> maskedValues() {
        return tests("masked");
    }

    private Stream<DynamicTest> tests(String... kinds) {
        VectorFile file = VectorFile.load(vectorFile());
        for (String kind : file.variants()) {
            if (!KINDS.contains(kind)) {
                throw new IllegalStateException(file.name() + ": unknown variant " + kind + "; known: " + KINDS);
            }
        }
        Detector detector = detector(file.detectorId());
        List<DynamicTest> tests = new ArrayList<>();
        for (Variant v : variants(file, List.of(kinds))) {
            tests.add(DynamicTest.dynamicTest(v.toString(), () -> check(detector, v)));
        }
        return tests.stream();
    }

    /** A positive value with the rest of its line, in a variant of its surroundings. */
    record Variant(String kind, VectorFile.Vector vector, String text, int start, int end, boolean expectFound) {
        @Override
        public String toString() {
            return kind + " " + vector.file() + ":" + vector.lineNumber() + " " + text;
        }
    }

    /** The variants of {@code kinds} the file declares ("sentence" always) for its unmasked positives. */
    static List<Variant> variants(VectorFile file, List<String> kinds) {
        List<Variant> all = new ArrayList<>();
        for (VectorFile.Vector v : file.vectors()) {
            for (VectorFile.Expected e : v.findings()) {
                if (e.masked() || e.testValue()) {
                    continue;
                }
                String before = v.text().substring(0, e.start());
                String value = v.text().substring(e.start(), e.end());
                String after = v.text().substring(e.end());
                for (String kind : kinds) {
                    if (!kind.equals("sentence") && !file.variants().contains(kind)) {
                        continue;
                    }
                    switch (kind) {
                        case "sentence" -> all.add(new Variant(kind, v, v.text(), e.start(), e.end(), true));
                        case "glued" -> all.add(new Variant(kind, v,
                                before + glue(value.charAt(0), "ab") + value
                                        + glue(value.charAt(value.length() - 1), "cd") + after,
                                e.start() + 2, e.end() + 2, false));
                        case "digits" -> all.add(new Variant(kind, v, before + "12" + value + "34" + after,
                                e.start() + 2, e.end() + 2, false));
                        case "guid" -> all.add(new Variant(kind, v,
                                before + "{3f2504e0-4f89-11d3-" + value + "-0305e82c3301}" + after,
                                e.start() + 20, e.end() + 20, false));
                        case "longer" -> {
                            String[] around = longer(value);
                            all.add(new Variant(kind, v, before + around[0] + value + around[1] + after,
                                    e.start() + around[0].length(), e.end() + around[0].length(), false));
                        }
                        case "fullwidth" -> all.add(new Variant(kind, v, before + shift(value, 0xFF10) + after,
                                e.start(), e.end(), true));
                        case "arabic" -> all.add(new Variant(kind, v, before + shift(value, 0x0660) + after,
                                e.start(), e.end(), true));
                        case "masked" -> {
                            all.add(new Variant("masked*", v, before + mask(value, '*') + after, e.start(), e.end(),
                                    false));
                            all.add(new Variant("maskedX", v, before + mask(value, 'X') + after, e.start(), e.end(),
                                    false));
                        }
                        default -> throw new IllegalStateException(file.name() + ": unknown variant " + kind);
                    }
                }
            }
        }
        return all;
    }

    /** Runs the variant with a recording sink and a findings-only sink and checks what it expects. */
    static void check(Detector detector, Variant variant) {
        Recorder r = Recorder.run(detector, variant.text(), variant.vector().field());
        assertThat(findingsOnly(detector, variant.text(), variant.vector().field()))
                .as("findings-only run of %s", variant).containsExactlyInAnyOrderElementsOf(r.findings);
        List<Finding> covering = r.findings.stream()
                .filter(f -> f.isUnmasked() && f.start() < variant.end() && variant.start() < f.end())
                .toList();
        if (variant.expectFound()) {
            assertThat(covering).as("%s", variant).singleElement().satisfies(f -> {
                assertThat(f.start()).isEqualTo(variant.start());
                assertThat(f.end()).isEqualTo(variant.end());
            });
        } else {
            assertThat(covering).as("%s", variant).isEmpty();
        }
    }

    /** What a production sink, which wants no rejections, is given. */
    static List<Finding> findingsOnly(Detector detector, String text, String field) {
        ScanText scanText = ScanText.of(text, field);
        List<Finding> found = new ArrayList<>();
        detector.scan(scanText, new FindingSink() {
            @Override
            public void found(Finding finding) {
                found.add(scanText.toOriginal(finding));
            }

            @Override
            public boolean wantsRejections() {
                return false;
            }
        });
        return found;
    }

    /**
     * Letters of the edge char's own script: a change of script is a boundary
     * ({@code info@пример.рфcd} ends at {@code рф}), so a Cyrillic edge is glued to Cyrillic.
     */
    private static String glue(char edge, String latin) {
        return edge < 0x80 || Character.UnicodeScript.of(edge) == Character.UnicodeScript.LATIN
                ? latin : String.valueOf(edge).repeat(2);
    }

    private static String shift(String value, int zero) {
        StringBuilder sb = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            sb.append(Chars.isDigit(c) ? (char) (zero + (c - '0')) : c);
        }
        return sb.toString();
    }

    /**
     * What goes before and after the value to make it part of a longer run of its own alphabet: its
     * last four letters or digits before it and its first four after it, joined to it by its
     * separator if it is written in groups joined by '-' or '.' ({@code 1047-536-22-1047-5362}),
     * glued to it if not ({@code 64674539 1488 0343 64674539}: a space separates tokens).
     */
    static String[] longer(String value) {
        StringBuilder alnum = new StringBuilder();
        char separator = 0;
        for (char c : value.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                alnum.append(c);
            } else if (separator == 0 && alnum.length() > 0) {
                separator = c;
            }
        }
        String head = alnum.substring(0, Math.min(4, alnum.length()));
        String tail = alnum.substring(Math.max(0, alnum.length() - 4));
        // '-' and '.' join groups into one token; a space separates tokens, so glue across it
        boolean grouped = separator == '-' || separator == '.';
        String join = grouped ? String.valueOf(separator) : "";
        return new String[] {tail + join, join + head};
    }

    /** Every letter and digit but the last four as {@code mask}, the rest as written. */
    static String mask(String value, char mask) {
        int keep = 0;
        char[] chars = value.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            if (Character.isLetterOrDigit(chars[i]) && keep++ >= 4) {
                chars[i] = mask;
            }
        }
        return new String(chars);
    }
}
