package dev.piigate.detectors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Test vectors: one annotated sentence per line, inline tags giving the input and the exact
 * expected spans (the NeMo Curator style).
 *
 * <pre>
 * # detector: card_luhn_v2               which detector the file tests (required, once)
 * # variants: glued digits guid fullwidth which context variants apply to unmasked positives
 * Pay with [[CREDIT_CARD_NUMBER:4539 1488 0343 6467]] today.     a finding, unmasked
 * Card [[CREDIT_CARD_NUMBER/masked:****-****-****-1234]]          a masked finding
 * Test [[CREDIT_CARD_NUMBER/test:4111 1111 1111 1111]]            a public test value
 * Bad {{INVALID_CHECKSUM:4539 1488 0343 6468}}                    a rejection with its reason
 * field=$.customer.ssn&lt;TAB&gt;text                              the text comes from that field
 * </pre>
 * Every finding the detector reports on a line must be tagged; every tagged rejection must be
 * reported with exactly that span and reason.
 */
record VectorFile(String name, String detectorId, Set<String> variants, List<Vector> vectors) {

    record Expected(EntityType type, int start, int end, boolean masked, boolean testValue) {
        static Expected of(Finding f) {
            return new Expected(f.type(), f.start(), f.end(), f.masked(), f.testValue());
        }
    }

    record ExpectedRejection(RejectReason reason, int start, int end) {}

    record Vector(String file, int lineNumber, String field, String text, List<Expected> findings,
            List<ExpectedRejection> rejections) {
        @Override
        public String toString() {
            return file + ":" + lineNumber + " " + text;
        }
    }

    static List<VectorFile> all() {
        URL dir = VectorFile.class.getResource("/vectors");
        if (dir == null) {
            throw new IllegalStateException("no /vectors on the test class path");
        }
        try (Stream<Path> files = Files.list(Paths.get(dir.toURI()))) {
            List<VectorFile> all = new ArrayList<>();
            for (Path p : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                all.add(load(p.getFileName().toString()));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static VectorFile load(String name) {
        try (InputStream in = VectorFile.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector file " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String detectorId = null;
            Set<String> variants = Set.of();
            List<Vector> vectors = new ArrayList<>();
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.startsWith("# detector:")) {
                    detectorId = line.substring("# detector:".length()).strip();
                    continue;
                }
                if (line.startsWith("# variants:")) {
                    variants = Set.of(line.substring("# variants:".length()).strip().split("\\s+"));
                    continue;
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                vectors.add(parse(name, n, line));
            }
            if (detectorId == null) {
                throw new IllegalStateException(name + ": missing '# detector:' line");
            }
            return new VectorFile(name, detectorId, variants, List.copyOf(vectors));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Vector parse(String file, int lineNumber, String line) {
        String field = null;
        if (line.startsWith("field=")) {
            int tab = line.indexOf('\t');
            field = line.substring("field=".length(), tab);
            line = line.substring(tab + 1);
        }
        StringBuilder text = new StringBuilder();
        List<Expected> findings = new ArrayList<>();
        List<ExpectedRejection> rejections = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (line.startsWith("[[", i)) {
                int close = line.indexOf("]]", i);
                int colon = line.indexOf(':', i);
                String tag = line.substring(i + 2, colon);
                String value = line.substring(colon + 1, close);
                String[] parts = tag.split("/", -1);
                boolean masked = tag.contains("/masked");
                boolean test = tag.contains("/test");
                int start = text.length();
                text.append(value);
                findings.add(new Expected(new EntityType(parts[0]), start, text.length(), masked, test));
                i = close + 2;
            } else if (line.startsWith("{{", i)) {
                int close = line.indexOf("}}", i);
                int colon = line.indexOf(':', i);
                RejectReason reason = RejectReason.valueOf(line.substring(i + 2, colon));
                int start = text.length();
                text.append(line, colon + 1, close);
                rejections.add(new ExpectedRejection(reason, start, text.length()));
                i = close + 2;
            } else {
                text.append(line.charAt(i));
                i++;
            }
        }
        return new Vector(file, lineNumber, field, text.toString(), List.copyOf(findings), List.copyOf(rejections));
    }
}
