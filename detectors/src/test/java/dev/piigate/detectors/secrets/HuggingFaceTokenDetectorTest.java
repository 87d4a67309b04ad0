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

class HuggingFaceTokenDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "huggingface.txt";
    }

    private static final Detector DETECTOR = SecretsTesting.build(HuggingFaceTokenDetector.FACTORY);

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("hf_", "api_org_");
    }

    @Property(tries = 300)
    void randomTokensAreFound(@ForAll("prefixes") String prefix, @ForAll long seed) {
        String token = TestTokens.huggingFace(prefix, new Random(seed));
        if (!token.contains("xxxx") && !token.contains("XXXX")) {
            SecretsTesting.foundAlone(DETECTOR, HuggingFaceTokenDetector.TYPE, "HF_TOKEN=", token, "\n");
        }
    }

    @Test
    void aCamelCaseIdentifierOfTheRightLengthIsNoToken() {
        SecretsTesting.rejected(DETECTOR, "x = ", "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", ";",
                RejectReason.INVALID_PATTERN);
    }

    @Test
    void placeholdersAreNeverUnmaskedFindings() {
        SecretsTesting.placeholdersNeverCount(DETECTOR, "HF_TOKEN");
    }

    @Test
    void aMegabyteOfProseGivesNothing() {
        assertThat(Recorder.run(DETECTOR, SecretsTesting.prose(1_000_000, 8)).findings).isEmpty();
    }
}
