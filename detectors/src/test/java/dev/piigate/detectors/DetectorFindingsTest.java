package dev.piigate.detectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A detector's id is versioned ({@link Detector#id()}): when its findings change, so must its id.
 * This test holds that rule. {@code src/test/resources/findings/<id>.txt} is the golden of each
 * built-in detector's findings (and rejections, where the sink takes them) on every line of every
 * {@code vectors/*.txt} file, its own and every other detector's, with the tags removed.
 *
 * <p>Lines are compared by the text they were computed on, not by line number: {@code vectors.index}
 * lists the texts the goldens were made from, so a vector line added, moved or removed is a change
 * of the test data (regenerate), while a different finding on a text both runs know is a change of
 * the detector (bump its version, then regenerate). {@code -Dgolden.update=true} writes missing
 * goldens, rewrites those whose vectors or rejections changed and deletes those of ids no longer
 * built in; it never rewrites a golden whose findings changed under the same id.
 */
class DetectorFindingsTest {
    static final String UPDATE = "golden.update";
    /** Where the phone vectors assume numbers of these regions; the built-in default is US only. */
    static final List<String> VECTOR_REGIONS = List.of("US", "GB", "DE", "FR", "IN");
    static final String INDEX = "vectors.index";

    /** One vector line: where it is, and the key its text (and field) is known by. */
    record Line(String file, int number, String key, String field, String text) {
        String where() {
            return file + ":" + number;
        }
    }

    /** A detector's results on the vector texts: per text key, its "found" lines and its "rejected" lines. */
    record Results(Map<String, Set<String>> found, Map<String, Set<String>> rejected) {
        static Results empty() {
            return new Results(new TreeMap<>(), new TreeMap<>());
        }

        void add(String key, String line) {
            (line.startsWith("found ") ? found : rejected).computeIfAbsent(key, k -> new TreeSet<>()).add(line);
        }

        Set<String> found(String key) {
            return found.getOrDefault(key, Set.of());
        }

        Set<String> rejected(String key) {
            return rejected.getOrDefault(key, Set.of());
        }
    }

    @Test
    void everyBuiltInDetectorsFindingsOnTheVectorsAreItsGolden() throws IOException {
        boolean update = Boolean.getBoolean(UPDATE);
        Path dir = goldenDir();
        List<Line> lines = vectorLines();
        Set<String> keysNow = new TreeSet<>();
        lines.forEach(l -> keysNow.add(l.key()));
        Path index = dir.resolve(INDEX);
        Set<String> keysThen = Files.exists(index) ? readIndex(index) : Set.of();
        boolean vectorsChanged = !Files.exists(index) || !Files.readString(index, UTF_8).equals(indexText(lines));

        List<String> problems = new ArrayList<>();
        List<String> builtIns = DetectorContract.REGISTRY.builtInIds();
        for (String id : builtIns) {
            Map<String, List<String>> now = run(id, lines);
            Path golden = dir.resolve(id + ".txt");
            if (!Files.exists(golden)) {
                if (update) {
                    write(golden, id, lines, now);
                } else {
                    problems.add("no golden for built-in detector " + id + " (" + golden + "): write it with -D"
                            + UPDATE + "=true");
                }
                continue;
            }
            Results then = read(golden);
            Results current = results(now);
            List<String> changed = new ArrayList<>();
            boolean rejectionsChanged = false;
            for (String key : keysNow) {
                if (!keysThen.contains(key)) {
                    continue; // a text the golden was not made from: the vectors changed, not the detector
                }
                if (!then.found(key).equals(current.found(key))) {
                    changed.add(where(lines, key) + ": was " + then.found(key) + ", now " + current.found(key));
                }
                rejectionsChanged |= !then.rejected(key).equals(current.rejected(key));
            }
            if (!changed.isEmpty()) {
                problems.add("findings of " + id + " changed: bump its version and regenerate with -D" + UPDATE
                        + "=true (" + changed.size() + " vector text(s), first: " + changed.get(0) + ")");
            } else if (rejectionsChanged || !Files.readString(golden, UTF_8).equals(text(id, lines, now))) {
                if (update) {
                    write(golden, id, lines, now);
                } else {
                    problems.add((rejectionsChanged ? "rejections of " + id + " changed (its findings did not)"
                            : "the vectors changed since " + id + "'s golden was written")
                            + ": regenerate with -D" + UPDATE + "=true; no version bump needed");
                }
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String id = p.getFileName().toString().replaceFirst("\\.txt$", "");
                if (builtIns.contains(id)) {
                    continue;
                }
                if (update) {
                    Files.delete(p);
                } else {
                    problems.add("stale golden " + p.getFileName() + ": " + id + " is no longer a built-in detector;"
                            + " delete it (or run with -D" + UPDATE + "=true) and name its successor in"
                            + " DetectorRegistry.RETIRED");
                }
            }
        }
        if (update && problems.isEmpty()) {
            Files.writeString(index, indexText(lines), UTF_8);
        } else if (vectorsChanged && problems.isEmpty()) {
            problems.add(INDEX + " does not list the vector texts: regenerate with -D" + UPDATE + "=true");
        }
        assertThat(problems).as("detector goldens in %s", dir).isEmpty();
    }

    @Test
    void keysFollowTheTextAndTheFieldNotTheLineNumber() {
        assertThat(key(null, "SSN 536-22-1047")).isEqualTo(key(null, "SSN 536-22-1047"))
                .isNotEqualTo(key(null, "SSN 536-22-1048"))
                .isNotEqualTo(key("$.ssn", "SSN 536-22-1047"));
    }

    /** A detector's lines per text key, from the settings its golden is made with. */
    static Map<String, List<String>> run(String id, List<Line> lines) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (Map.Entry<String, DetectorSettings> s : settings(id).entrySet()) {
            Detector detector = DetectorContract.REGISTRY.create(s.getValue().withEnabled(List.of(id))).get(0);
            Set<String> seen = new TreeSet<>();
            for (Line line : lines) {
                if (!seen.add(line.key())) {
                    continue; // the same text (and field) on another line: the same results, counted once
                }
                List<String> out = byKey.computeIfAbsent(line.key(), k -> new ArrayList<>());
                // What ships: a sink that wants no rejections. The recording run must find the same.
                List<Finding> shipped = DetectorContract.findingsOnly(detector, line.text(), line.field());
                Recorder recorded = Recorder.run(detector, line.text(), line.field());
                assertThat(recorded.findings).as("%s on %s: findings with and without rejections wanted", id,
                        line.where()).containsExactlyInAnyOrderElementsOf(shipped);
                for (Finding f : shipped) {
                    assertThat(f.detectorId()).as("%s on %s", id, line.where()).isEqualTo(id);
                }
                // Findings keep their duplicates (a value reported twice is a change); rejections do not.
                shipped.stream().map(f -> found(s.getKey(), f)).sorted().forEach(out::add);
                recorded.rejections.stream().map(r -> rejected(s.getKey(), r)).distinct().sorted().forEach(out::add);
            }
        }
        return byKey;
    }

    /** Default settings for every detector; the phone detector also with the regions its vectors are written for. */
    static Map<String, DetectorSettings> settings(String id) {
        Map<String, DetectorSettings> settings = new LinkedHashMap<>();
        settings.put("default", DetectorSettings.defaults());
        if (id.equals(dev.piigate.detectors.phone.PhoneDetector.ID)) {
            settings.put("phoneRegions=" + String.join(",", VECTOR_REGIONS),
                    DetectorSettings.defaults().withPhoneRegions(VECTOR_REGIONS));
        }
        return settings;
    }

    static String found(String settings, Finding f) {
        String state = f.masked() && f.testValue() ? "masked,test" : f.masked() ? "masked" : f.testValue() ? "test"
                : "unmasked";
        return String.format(Locale.ROOT, "found %s %s %d-%d %s %s", settings, f.type().name(), f.start(), f.end(),
                state, f.confidence());
    }

    static String rejected(String settings, Rejection r) {
        return String.format(Locale.ROOT, "rejected %s %s %d-%d %s", settings, r.type().name(), r.start(), r.end(),
                r.reason());
    }

    static Results results(Map<String, List<String>> byKey) {
        Results r = Results.empty();
        byKey.forEach((key, lines) -> {
            // a finding reported twice stays visible as a changed set: the count goes in the line
            Map<String, Integer> counts = new TreeMap<>();
            lines.forEach(l -> counts.merge(l, 1, Integer::sum));
            counts.forEach((l, n) -> r.add(key, n == 1 ? l : l + " x" + n));
        });
        return r;
    }

    // ---------------------------------------------------------------- the files

    static Path goldenDir() {
        // The source tree, not the class path: -Dgolden.update=true writes where git sees it.
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("src/test/resources/findings");
    }

    static List<Line> vectorLines() {
        List<Line> all = new ArrayList<>();
        for (VectorFile file : VectorFile.all()) {
            for (VectorFile.Vector v : file.vectors()) {
                all.add(new Line(file.name(), v.lineNumber(), key(v.field(), v.text()), v.field(), v.text()));
            }
        }
        return all;
    }

    static String key(String field, String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(((field == null ? "" : field) + "\t" + text).getBytes(UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String where(List<Line> lines, String key) {
        return lines.stream().filter(l -> l.key().equals(key)).findFirst().map(Line::where).orElse(key);
    }

    static String text(String id, List<Line> lines, Map<String, List<String>> byKey) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(id).append(": findings and rejections on every line of vectors/*.txt (tags removed),")
                .append(" written by DetectorFindingsTest.\n")
                .append("# A \"found\" line that changes for a text listed in ").append(INDEX)
                .append(" means the findings changed: bump the\n")
                .append("# detector's id version first, then regenerate with -D").append(UPDATE).append("=true.\n")
                .append("# <file>:<line> <text key> found <settings> <type> <start>-<end> <state> <confidence> [xN]\n")
                .append("# <file>:<line> <text key> rejected <settings> <type> <start>-<end> <reason>\n");
        Set<String> written = new TreeSet<>();
        for (Line line : lines) {
            if (!written.add(line.key())) {
                continue; // the same text again: same results, written once
            }
            Results r = results(Map.of(line.key(), byKey.getOrDefault(line.key(), List.of())));
            for (String l : r.found(line.key())) {
                sb.append(line.where()).append(' ').append(line.key()).append(' ').append(l).append('\n');
            }
            for (String l : r.rejected(line.key())) {
                sb.append(line.where()).append(' ').append(line.key()).append(' ').append(l).append('\n');
            }
        }
        return sb.toString();
    }

    private static void write(Path golden, String id, List<Line> lines, Map<String, List<String>> byKey)
            throws IOException {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, text(id, lines, byKey), UTF_8);
    }

    static Results read(Path golden) throws IOException {
        Results r = Results.empty();
        for (String line : Files.readAllLines(golden, UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", 3); // where, key, the rest
            r.add(parts[1], parts[2]);
        }
        return r;
    }

    static String indexText(List<Line> lines) {
        StringBuilder sb = new StringBuilder("# The vector texts the goldens beside this file were made from:"
                + " <file>:<line> <text key>.\n");
        lines.forEach(l -> sb.append(l.where()).append(' ').append(l.key()).append('\n'));
        return sb.toString();
    }

    static Set<String> readIndex(Path index) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(index, UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                keys.add(line.split(" ", -1)[1]);
            }
        }
        return keys;
    }
}
