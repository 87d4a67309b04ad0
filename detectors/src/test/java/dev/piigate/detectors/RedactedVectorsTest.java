package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.piigate.detectors.redaction.Redactor;
import dev.piigate.detectors.redaction.Redactor.Style;

/**
 * Every test vector of every detector, scanned with every built-in detector and redacted in each
 * style until clean: the redacted text holds no unmasked value when scanned again and none of the
 * values replaced, and (where one round did it) the text before the first and after the last
 * replaced value is unchanged; in the styles that write a token ({@code <TYPE>}, {@code <TYPE:hash>}),
 * every token written is read back as a masked finding of the type it replaced, so the copy's report
 * shows what was replaced. What the redacted copy of a dataset rests on.
 */
class RedactedVectorsTest {
    private static final TextScanner SCANNER = TextScanner.create(DetectorSettings.defaults());
    private static final Fingerprinter KEY =
            new Fingerprinter("redacted-vectors-key-0123".getBytes(StandardCharsets.UTF_8));
    /** A token as {@link Redactor} writes it in the TYPE and HASH styles. */
    private static final Pattern WRITTEN = Pattern.compile("<([A-Z][A-Z0-9_]*)(?::[a-p]{16})?>");

    static Stream<Arguments> styles() {
        return Stream.of(Style.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void aRedactedVectorHoldsNoUnmaskedValue(Style style) {
        Redactor redactor = new Redactor(style, Map.of(), KEY);
        int vectors = 0;
        int replaced = 0;
        int secondRounds = 0;
        Map<EntityType, Integer> tokensReadBack = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (VectorFile file : VectorFile.all()) {
            for (VectorFile.Vector v : file.vectors()) {
                List<Finding> found = SCANNER.scan(v.text(), v.field());
                java.util.Optional<Redactor.Redacted> clean = redactor.redactUntilClean(SCANNER, v.text(), v.field(),
                        found);
                vectors++;
                if (clean.isEmpty()) {
                    failures.add(v.file() + ":" + v.lineNumber() + " not clean after every round");
                    continue;
                }
                Redactor.Redacted r = clean.get();
                replaced += r.total();
                List<Finding> again = SCANNER.scan(r.text(), v.field());
                for (Finding f : again) {
                    if (f.isUnmasked()) {
                        failures.add(v.file() + ":" + v.lineNumber() + " " + f.type() + " by " + f.detectorId()
                                + " in the redacted text");
                    }
                }
                if (style != Style.MASK) {
                    checkTokensReadBack(v, r, again, tokensReadBack, failures);
                }
                if (r.total() == redactor.redact(v.text(), found).total()) {
                    checkOnlyValuesChanged(v, found, r.text(), failures);
                } else {
                    secondRounds++;
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(vectors).isGreaterThan(1000);
        assertThat(replaced).as("values replaced").isGreaterThan(1000);
        // A look-alike judged anew after a replacement near it (see Redactor.redactUntilClean): rare.
        assertThat(secondRounds).as("vectors that needed a second round").isBetween(1, 20);
        if (style != Style.MASK) {
            // The national ids, secrets, IP addresses and dates of birth among them, not only the first five types.
            assertThat(tokensReadBack.keySet()).as("types whose tokens were read back").hasSizeGreaterThan(20)
                    .contains(new EntityType("DATE_OF_BIRTH"), new EntityType("IP_ADDRESS"),
                            new EntityType("UK_NATIONAL_INSURANCE_NUMBER"), new EntityType("AWS_ACCESS_KEY_ID"));
        }
    }

    /**
     * Each token the redaction wrote is a masked finding of the replaced type in the scan of the
     * redacted text ({@code again}), and the tokens added per type are the values replaced per type.
     */
    private static void checkTokensReadBack(VectorFile.Vector v, Redactor.Redacted r, List<Finding> again,
            Map<EntityType, Integer> readBack, List<String> failures) {
        Map<String, Integer> added = new HashMap<>();
        Matcher m = WRITTEN.matcher(r.text());
        while (m.find()) {
            EntityType type = new EntityType(m.group(1));
            if (!r.replaced().containsKey(type)) {
                continue; // a token the vector held already, or another tool's name
            }
            int start = m.start();
            int end = m.end();
            boolean masked = again.stream().anyMatch(f -> f.start() == start && f.end() == end
                    && f.type().equals(type) && f.masked());
            if (masked) {
                readBack.merge(type, 1, Integer::sum);
            } else {
                failures.add(v.file() + ":" + v.lineNumber() + " " + type + " token not read back as masked");
            }
            added.merge(type.name(), 1, Integer::sum);
        }
        Matcher before = WRITTEN.matcher(v.text());
        while (before.find()) {
            added.computeIfPresent(before.group(1), (k, n) -> n - 1);
        }
        r.replaced().forEach((type, n) -> {
            if (!n.equals(added.getOrDefault(type.name(), 0))) {
                failures.add(v.file() + ":" + v.lineNumber() + " " + n + " " + type + " replaced, "
                        + added.getOrDefault(type.name(), 0) + " tokens written");
            }
        });
    }

    /** The text outside the replaced values is the original's; no replaced value is left in it. */
    private static void checkOnlyValuesChanged(VectorFile.Vector v, List<Finding> found, String redacted,
            List<String> failures) {
        String text = v.text();
        int first = Integer.MAX_VALUE;
        int last = -1;
        StringBuilder outside = new StringBuilder(text);
        for (Finding f : found) {
            if (f.isUnmasked()) {
                first = Math.min(first, f.start());
                last = Math.max(last, f.end());
                for (int i = f.start(); i < f.end(); i++) {
                    outside.setCharAt(i, '\u0000');
                }
            }
        }
        if (last < 0) {
            if (!redacted.equals(text)) {
                failures.add(v.file() + ":" + v.lineNumber() + " changed with nothing to replace");
            }
            return;
        }
        if (!redacted.startsWith(text.substring(0, first)) || !redacted.endsWith(text.substring(last))) {
            failures.add(v.file() + ":" + v.lineNumber() + " changed outside the values replaced");
        }
        for (Finding f : found) {
            String value = text.substring(f.start(), f.end());
            if (f.isUnmasked() && value.length() >= 6 && redacted.contains(value)
                    && outside.indexOf(value) < 0) {
                failures.add(v.file() + ":" + v.lineNumber() + " still holds a replaced " + f.type());
            }
        }
    }
}
