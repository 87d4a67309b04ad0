package dev.piigate.jobs.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Hand-labelled hard cases ({@code samples/eval/*.txt}): one record per line, inline tags give
 * the spans (the NeMo Curator style of {@code detectors/src/test/resources/vectors}).
 *
 * <pre>
 * Pay with [[CARD:4301 6613 1860 9135]] today.        an unmasked value
 * Card [[CARD/masked:**** **** **** 1234]]             a masked value
 * Test [[CARD/test:4111 1111 1111 1111]]               a public test value
 * Call [[PHONE@GB:020 7123 4567]]                      a phone, with the region it is written for
 * Order {{neg.order-number:4301661318609136}}          a look-alike (any finding on it is false)
 * NI number [[NINO/test:QQ 12 34 56 C]]               issue 13's types: NINO SIN AADHAAR PAN CPF DNI NIE NIR
 * Born on [[DOB@text-en:14 March 1987]]                CF CURP ITIN IP DOB; a date names its written form
 * Ref {{cpf.bare@no-keyword:...}}                     issue 13's decoys are kinds of the ids records
 * </pre>
 * A record holding an issue 13 label or decoy gets the layout {@value #IDS_LAYOUT}: it is scored
 * with the ids records.
 * Untagged text is text with no PII: every finding there is a false positive. {@code \n} in a
 * line stands for a line break. Lines starting with {@code #} are comments.
 */
final class HardCases {
    static final Map<String, String> TYPES = Map.ofEntries(Map.entry("CARD", Independent.CARD),
            Map.entry("SSN", Independent.SSN), Map.entry("IBAN", Independent.IBAN), Map.entry("PHONE", Independent.PHONE),
            Map.entry("EMAIL", Independent.EMAIL), Map.entry("NINO", IndependentIds.NINO),
            Map.entry("SIN", IndependentIds.SIN), Map.entry("AADHAAR", IndependentIds.AADHAAR),
            Map.entry("PAN", IndependentIds.PAN), Map.entry("CPF", IndependentIds.CPF), Map.entry("DNI", IndependentIds.DNI),
            Map.entry("NIE", IndependentIds.NIE), Map.entry("NIR", IndependentIds.NIR), Map.entry("CF", IndependentIds.CF),
            Map.entry("CURP", IndependentIds.CURP), Map.entry("ITIN", IndependentIds.ITIN), Map.entry("IP", IndependentIds.IP),
            Map.entry("DOB", IndependentIds.DOB));

    /** Hand cases holding an issue 13 label or decoy are scored with the ids records. */
    static final String IDS_LAYOUT = "ids-hand";

    private HardCases() {}

    static List<EvalRecord> load(Path dir) {
        List<EvalRecord> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                String name = f.getFileName().toString().replace(".txt", "");
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    out.add(parse("hard-" + name + "-" + (i + 1), line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static EvalRecord parse(String id, String line) {
        TextBuilder b = new TextBuilder();
        String s = line.replace("\\n", "\n");
        int at = 0;
        while (at < s.length()) {
            int tag = nextTag(s, at);
            if (tag < 0) {
                b.add(s.substring(at));
                break;
            }
            b.add(s.substring(at, tag));
            boolean decoy = s.startsWith("{{", tag);
            int close = s.indexOf(decoy ? "}}" : "]]", tag);
            int colon = s.indexOf(':', tag);
            if (close < 0 || colon < 0 || colon > close) {
                throw new IllegalArgumentException(id + ": unclosed tag at " + tag);
            }
            String head = s.substring(tag + 2, colon);
            String value = s.substring(colon + 1, close);
            if (decoy) {
                b.plant(TextBuilder.Planted.decoy(value, head));
            } else {
                String state = Label.UNMASKED;
                int slash = head.indexOf('/');
                if (slash > 0) {
                    state = head.substring(slash + 1);
                    head = head.substring(0, slash);
                }
                String region = "";
                int region0 = head.indexOf('@');
                if (region0 > 0) {
                    region = "." + head.substring(region0 + 1);
                    head = head.substring(0, region0);
                }
                String type = TYPES.get(head);
                if (type == null || !Label.STATES.contains(state)) {
                    throw new IllegalArgumentException(id + ": unknown tag " + head + "/" + state);
                }
                // issue 13's kinds start with the type's short name, as the ids records' do (dob.text-en.hard)
                String kind = IndependentIds.isType(type) ? head.toLowerCase(java.util.Locale.ROOT) + region + ".hard"
                        : "hard." + head.toLowerCase(java.util.Locale.ROOT) + region;
                b.plant(new TextBuilder.Planted(type, value, state, kind));
            }
            at = close + 2;
        }
        EvalRecord r = b.build(id);
        boolean ids = r.labels().stream().anyMatch(l -> IndependentIds.typeOfKind(l.kind()) != null);
        return ids ? new EvalRecord(r.id(), r.text(), r.labels(), IDS_LAYOUT) : r;
    }

    private static int nextTag(String s, int from) {
        int a = s.indexOf("[[", from);
        int b = s.indexOf("{{", from);
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
