package dev.piigate.detectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class OpenAiKeyDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "openai.txt";
    }

    private static final Detector DETECTOR = SecretsTesting.build(OpenAiKeyDetector.FACTORY);

    @Provide
    Arbitrary<String> kinds() {
        return Arbitraries.of("proj", "svcacct", "admin");
    }

    @Provide
    Arbitrary<Integer> sides() {
        return Arbitraries.of(58, 74);
    }

    @Property(tries = 200)
    void randomUserKeysAreFound(@ForAll long seed) {
        String key = TestTokens.openAiUser(new Random(seed));
        if (!key.contains("xxxx") && !key.contains("XXXX")) {
            SecretsTesting.foundAlone(DETECTOR, OpenAiKeyDetector.TYPE, "OPENAI_API_KEY=", key, "\n");
        }
    }

    @Property(tries = 200)
    void randomProjectKeysAreFound(@ForAll("kinds") String kind, @ForAll("sides") int left,
            @ForAll("sides") int right, @ForAll long seed) {
        String key = TestTokens.openAiProject(kind, new Random(seed), left, right);
        // Edges of the alphabet's '-' and '_' would glue to the text around; letters only there.
        key = key.substring(0, key.length() - 1) + "A";
        if (!key.contains("xxxx") && !key.contains("XXXX") && "-_".indexOf(key.charAt(kind.length() + 4)) < 0) {
            SecretsTesting.foundAlone(DETECTOR, OpenAiKeyDetector.TYPE, "api_key=\"", key, "\"");
        }
    }

    @Property(tries = 100)
    void withoutTheMarkerThereIsNoKey(@ForAll long seed) {
        Random r = new Random(seed);
        String key = TestTokens.openAiUser(r).replace(OpenAiKeyDetector.MARKER, "Q3BlbkFJ");
        // A random body holding "xxxx" reads as a masked key (seed 18442): masked, so it never counts.
        net.jqwik.api.Assume.that(!key.toLowerCase(java.util.Locale.ROOT).contains("xxx"));
        SecretsTesting.rejected(DETECTOR, "key=", key, "", RejectReason.INVALID_PATTERN);
    }

    @Test
    void otherSkPrefixesAreNotOpenAiKeys() {
        assertThat(Recorder.run(DETECTOR, "ANTHROPIC_API_KEY=sk-ant-api03-" + "a1B2c3D4".repeat(12)).findings)
                .isEmpty();
    }

    @Test
    void placeholdersAreNeverUnmaskedFindings() {
        SecretsTesting.placeholdersNeverCount(DETECTOR, "OPENAI_API_KEY");
    }

    @Test
    void aMegabyteOfProseGivesNothing() {
        assertThat(Recorder.run(DETECTOR, SecretsTesting.prose(1_000_000, 7)).findings).isEmpty();
    }
}
