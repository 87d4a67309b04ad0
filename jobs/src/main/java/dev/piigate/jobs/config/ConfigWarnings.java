package dev.piigate.jobs.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.piigate.detectors.AllowList;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.ScanIncompleteException;
import dev.piigate.detectors.TextScanner;

/**
 * Finds the settings of a valid configuration that narrow detection or the gate (see
 * {@link ConfigWarning}). Runs once on the driver; executors never need it.
 *
 * <p>An allow-list regex is judged by what it does, not by its text: the real detectors scan a
 * few generated valid values of each built-in type in their usual written forms, once without and
 * once with that one regex; a value found without it and not with it means the regex allows real
 * PII of that type. A regex that matches the empty string ({@code .*}, {@code x?}) narrows too.
 */
public final class ConfigWarnings {
    private ConfigWarnings() {}

    public static List<ConfigWarning> of(Config config) {
        List<ConfigWarning> warnings = new ArrayList<>();
        DetectorRegistry registry = DetectorRegistry.load();
        List<String> enabled = config.detectors().enabled();
        if (!enabled.isEmpty()) {
            List<String> missing = new ArrayList<>(registry.builtInIds());
            missing.removeAll(enabled);
            if (!missing.isEmpty()) {
                warnings.add(new ConfigWarning("detectors.enabled", "leaves out the built-in detector(s) "
                        + String.join(", ", missing) + ": what they find is not looked for in this run"));
            }
        }
        warnings.addAll(allowListRegexes(config, registry));
        Policy policy = config.policy();
        if (!policy.tolerated().isEmpty()) {
            warnings.add(new ConfigWarning("policy.tolerate", "objects with status " + String.join(", ",
                    new TreeSet<>(policy.tolerated()))
                    + " do not block: what was not read of them was not scanned, and their findings still count"));
        }
        Threshold overall = policy.overall();
        for (Map.Entry<String, Threshold> e : new java.util.TreeMap<>(policy.perType()).entrySet()) {
            Threshold t = e.getValue();
            String key = "policy.perType." + e.getKey();
            if (t.maxUnmaskedRecords() != null && overall.maxUnmaskedRecords() != null
                    && t.maxUnmaskedRecords() > overall.maxUnmaskedRecords()) {
                warnings.add(new ConfigWarning(key + ".maxUnmaskedRecords", "allows " + t.maxUnmaskedRecords()
                        + " records with unmasked " + e.getKey() + ", more than the overall limit of "
                        + overall.maxUnmaskedRecords() + " (policy.maxUnmaskedRecords), which still applies"));
            }
            if (t.maxUnmaskedFraction() != null && overall.maxUnmaskedFraction() != null
                    && t.maxUnmaskedFraction() > overall.maxUnmaskedFraction()) {
                warnings.add(new ConfigWarning(key + ".maxUnmaskedFraction", "allows a fraction of "
                        + t.maxUnmaskedFraction() + " of records with unmasked " + e.getKey()
                        + ", more than the overall limit of " + overall.maxUnmaskedFraction()
                        + " (policy.maxUnmaskedFraction), which still applies"));
            }
        }
        return List.copyOf(warnings);
    }

    private static List<ConfigWarning> allowListRegexes(Config config, DetectorRegistry registry) {
        List<String> regexes = ConfigLoader.allowListRegexes(config.yaml());
        if (regexes.isEmpty()) {
            return List.of();
        }
        // Every built-in detector, whatever detectors.enabled says (that is warned about on its own).
        List<Detector> detectors = registry.create(config.detectors().withEnabled(List.of()));
        TextScanner plain = new TextScanner(detectors, AllowList.empty());
        List<Probe> probes = new ArrayList<>();
        for (String text : ProbeValues.texts()) {
            List<Finding> found = unmasked(plain, text);
            if (!found.isEmpty()) {
                probes.add(new Probe(text, found));
            }
        }
        List<ConfigWarning> warnings = new ArrayList<>();
        for (int i = 0; i < regexes.size(); i++) {
            String key = "detectors.allowList.regexes[" + i + "]";
            String regex = regexes.get(i);
            if (Pattern.compile(regex).matcher("").matches()) {
                warnings.add(new ConfigWarning(key, "matches the empty string, so it allows values of every type"
                        + " that it matches as a whole; write it to match only the values meant"));
                continue;
            }
            TextScanner allowing = new TextScanner(detectors, AllowList.of(List.of(), List.of(regex), key));
            Set<String> allowedTypes = new TreeSet<>();
            for (Probe p : probes) {
                List<Finding> still;
                try {
                    still = unmasked(allowing, p.text());
                } catch (ScanIncompleteException e) {
                    continue; // the regex ran over its budget: scans fail closed on it, nothing is allowed
                }
                if (still.size() < p.found().size()) {
                    for (Finding f : p.found()) {
                        allowedTypes.add(f.type().name());
                    }
                }
            }
            if (!allowedTypes.isEmpty()) {
                warnings.add(new ConfigWarning(key, "allows valid " + String.join(", ", allowedTypes)
                        + " values (generated ones were no longer found with it): it exempts real PII of that type,"
                        + " not only the values meant"));
            }
        }
        return warnings;
    }

    private static List<Finding> unmasked(TextScanner scanner, String text) {
        return scanner.scan(text, null).stream().filter(Finding::isUnmasked).toList();
    }

    private record Probe(String text, List<Finding> found) {}

    /**
     * Valid synthetic values of each built-in type, in the written forms people use, each in the
     * context its detector looks for. Seeded: the same values every run. Nothing here is anyone's data.
     */
    static final class ProbeValues {
        private ProbeValues() {}

        static List<String> texts() {
            Random r = new Random(0x5eed);
            List<String> texts = new ArrayList<>();
            for (String prefix : List.of("45", "53", "37", "6011")) {
                String card = card(r, prefix, prefix.equals("37") ? 15 : 16);
                texts.add("card " + card);
                texts.add("card " + grouped(card, ' '));
                texts.add("card " + grouped(card, '-'));
            }
            for (int i = 0; i < 3; i++) {
                String area = String.format("%03d", 100 + r.nextInt(500));
                String group = String.format("%02d", 10 + r.nextInt(89));
                String serial = String.format("%04d", 1000 + r.nextInt(8999));
                texts.add("SSN " + area + "-" + group + "-" + serial);
                texts.add("SSN " + area + " " + group + " " + serial);
                texts.add("SSN " + area + group + serial);
            }
            for (String country : List.of("DE", "GB", "FR")) {
                String iban = iban(r, country);
                texts.add("IBAN " + iban);
                texts.add("IBAN " + grouped(iban, ' '));
            }
            for (String area : List.of("212", "415", "617")) {
                String exchange = String.valueOf(300 + r.nextInt(600));
                String line = String.format("%04d", 1000 + r.nextInt(8999));
                texts.add("phone +1 " + area + " " + exchange + " " + line);
                texts.add("phone +1" + area + exchange + line);
                texts.add("phone (" + area + ") " + exchange + "-" + line);
                texts.add("phone " + area + "-" + exchange + "-" + line);
            }
            for (String domain : List.of("posteo.de", "fastmail.com", "mailbox.org")) {
                texts.add("mail p" + Long.toString(Math.abs(r.nextLong()), 36) + "@" + domain);
            }
            return texts;
        }

        private static String card(Random r, String prefix, int length) {
            int[] d = new int[length];
            for (int i = 0; i < prefix.length(); i++) {
                d[i] = prefix.charAt(i) - '0';
            }
            for (int i = prefix.length(); i < length - 1; i++) {
                d[i] = r.nextInt(10);
            }
            int sum = 0;
            for (int i = 0; i < length - 1; i++) {
                int v = d[length - 2 - i];
                if (i % 2 == 0) {
                    v = v * 2 > 9 ? v * 2 - 9 : v * 2;
                }
                sum += v;
            }
            d[length - 1] = (10 - sum % 10) % 10;
            StringBuilder sb = new StringBuilder();
            for (int digit : d) {
                sb.append(digit);
            }
            return sb.toString();
        }

        private static String iban(Random r, String country) {
            StringBuilder bban = new StringBuilder();
            switch (country) {
                case "GB" -> {
                    bban.append("NWBK");
                    for (int i = 0; i < 14; i++) {
                        bban.append(r.nextInt(10));
                    }
                }
                case "FR" -> {
                    for (int i = 0; i < 23; i++) {
                        bban.append(r.nextInt(10));
                    }
                }
                default -> {
                    for (int i = 0; i < 18; i++) {
                        bban.append(r.nextInt(10));
                    }
                }
            }
            String rearranged = bban + country + "00";
            int mod = 0;
            for (int i = 0; i < rearranged.length(); i++) {
                char c = rearranged.charAt(i);
                int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
                mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
            }
            return country + String.format("%02d", 98 - mod) + bban;
        }

        private static String grouped(String compact, char separator) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < compact.length(); i++) {
                if (i > 0 && i % 4 == 0) {
                    sb.append(separator);
                }
                sb.append(compact.charAt(i));
            }
            return sb.toString();
        }
    }
}
