package dev.piigate.detectors.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;

/**
 * {@link Prefixes#forEach} with a sink that wants no rejections visits what the word-start rule
 * says, whether a text has few word starts (read in order) or many (bucketed by first char).
 */
class PrefixesTest {
    /** How far past a prefix the visitor says the search goes on: word starts in between are not visited. */
    private static final int BODY = 6;
    private static final Prefixes PREFIXES = Prefixes.of("ghp_", "gho_", "AKIA", "ASIA", "sk_live_", "sk_");
    private static final String[] WORDS = {"ghp_", "gho_x", "AKIA", "ASIAQ", "sk_live_", "sk_", "sk", "g", "xghp_",
        "9AKIA", "_ghp_", "a.b", "key=", "Basic", "/", "-", "ghp_ghp_", "AKIAAKIA"};

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 12, 20, 40, 120})
    void visitsEveryWordStartThatBeginsAPrefixWhateverTheirNumber(int words) {
        Random random = new Random(words);
        for (int round = 0; round < 300; round++) {
            StringBuilder sb = new StringBuilder("x=");
            for (int k = 0; k < words; k++) {
                sb.append(WORDS[random.nextInt(WORDS.length)]);
                sb.append(random.nextInt(3) == 0 ? " " : random.nextBoolean() ? "." : "_Q9");
            }
            ScanText text = ScanText.of(sb.toString());
            List<String> visits = new ArrayList<>();
            PREFIXES.forEach(text, NO_REJECTIONS, (start, prefix) -> {
                visits.add(start + ":" + PREFIXES.get(prefix));
                return start + PREFIXES.get(prefix).length() + BODY; // past the token's body, as a detector reads it
            });
            assertThat(visits).as(sb.toString()).isEqualTo(byRule(text));
        }
    }

    /**
     * Per first char (in char order), the word starts beginning with it in text order; at each the
     * longest prefix starting there is visited, and the search goes on where the visitor said.
     */
    private static List<String> byRule(ScanText text) {
        String t = text.text();
        List<String> out = new ArrayList<>();
        for (char first : new char[] {'A', 'g', 's'}) {
            int resume = 0;
            for (int k = 0; k < text.tokenRuns().wordStartCount(); k++) {
                int at = text.tokenRuns().wordStart(k);
                if (at < resume || t.charAt(at) != first) {
                    continue;
                }
                String longest = null;
                for (String p : List.of("ghp_", "gho_", "AKIA", "ASIA", "sk_live_", "sk_")) {
                    if (t.startsWith(p, at) && (longest == null || p.length() > longest.length())) {
                        longest = p;
                    }
                }
                if (longest != null) {
                    out.add(at + ":" + longest);
                    resume = at + longest.length() + BODY;
                } else {
                    resume = at + 1;
                }
            }
        }
        return out;
    }

    private static final FindingSink NO_REJECTIONS = new FindingSink() {
        @Override
        public void found(Finding finding) {}

        @Override
        public boolean wantsRejections() {
            return false;
        }

        @Override
        public void rejected(EntityType type, int start, int end, String detectorId, RejectReason reason) {}
    };
}
