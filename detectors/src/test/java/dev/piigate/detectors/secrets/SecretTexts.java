package dev.piigate.detectors.secrets;

import java.util.List;
import java.util.Random;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Rejection;
import dev.piigate.detectors.ScanText;

/** Texts the credential detector tests share: prose with none of their triggers, and a timed scan. */
final class SecretTexts {
    private SecretTexts() {}

    private static final List<String> WORDS = List.of(("the of and to in is was for on that with as by at from it be "
            + "this which or are an have has not but were had their been more one all would there can about also "
            + "release notes version fixed issue build server users report data team meeting later today week "
            + "private public key token header basic begin end password secret url host database broker").split(" "));

    private static final List<String> EXTRAS = List.of("Version 1.2.3 shipped.", "See https://docs.acme.io/guide/setup.",
            "Call 555-0100 ext. 12.", "Mail jane@acme.io today.", "It rose 12.5% in Q3 2024.", "(see RFC 7617, section 2)",
            "java.util.concurrent.ConcurrentHashMap", "commit 3f2504e04f8911d39a0c0305e82c3301ab12cd34",
            "id 3f2504e0-4f89-11d3-9a0c-0305e82c3301", "at 10:30, not 11:45.", "ssh git@github.com:acme/repo.git");

    /** About {@code chars} chars of English-like prose, numbers, versions and plain URLs: no credential trigger. */
    static String prose(int chars, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(chars + 64);
        while (sb.length() < chars) {
            int words = 6 + random.nextInt(12);
            for (int w = 0; w < words; w++) {
                String word = WORDS.get(random.nextInt(WORDS.size()));
                sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word).append(' ');
            }
            sb.setLength(sb.length() - 1);
            sb.append(". ");
            if (random.nextInt(4) == 0) {
                sb.append(EXTRAS.get(random.nextInt(EXTRAS.size()))).append(' ');
            }
            if (random.nextInt(8) == 0) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Findings and rejections of one scan, and how long it took. */
    record Scan(int findings, int rejections, long nanos) {}

    static Scan timed(Detector detector, String text) {
        int[] counts = new int[2];
        long start = System.nanoTime();
        detector.scan(ScanText.of(text), new FindingSink() {
            @Override
            public void found(Finding finding) {
                counts[0]++;
            }

            @Override
            public void rejected(Rejection rejection) {
                counts[1]++;
            }
        });
        return new Scan(counts[0], counts[1], System.nanoTime() - start);
    }
}
