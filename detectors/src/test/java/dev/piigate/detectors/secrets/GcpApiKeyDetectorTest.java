package dev.piigate.detectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class GcpApiKeyDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "gcp.txt";
    }

    private static final Detector DETECTOR = SecretsTesting.build(GcpApiKeyDetector.FACTORY);

    @Property(tries = 300)
    void randomKeysAreFound(@ForAll long seed) {
        String key = key(new Random(seed));
        SecretsTesting.foundAlone(DETECTOR, GcpApiKeyDetector.TYPE, "GOOGLE_API_KEY=", key, "\n");
        SecretsTesting.foundAlone(DETECTOR, GcpApiKeyDetector.TYPE, "https://maps.googleapis.com/x?key=", key, "&y=1");
    }

    @Property(tries = 100)
    void aLongerRunIsAnotherToken(@ForAll long seed) {
        Random r = new Random(seed);
        SecretsTesting.rejected(DETECTOR, "id=", key(r) + "Q", "", RejectReason.TOKEN_BOUNDARY);
    }

    @Test
    void placeholdersAreNeverUnmaskedFindings() {
        SecretsTesting.placeholdersNeverCount(DETECTOR, "GOOGLE_API_KEY");
    }

    @Test
    void aMegabyteOfProseGivesNothing() {
        assertThat(Recorder.run(DETECTOR, SecretsTesting.prose(1_000_000, 6)).findings).isEmpty();
    }

    /** A random key: the last char a letter or digit, so a char glued after it is not '-' beside '-'. */
    private static String key(Random r) {
        String key;
        do {
            key = "AIza" + TestTokens.random(r, TestTokens.BASE64URL, 34) + TestTokens.random(r, TestTokens.BASE62, 1);
        } while (key.contains("xxxx") || key.contains("XXXX") || key.charAt(4) == '-' || key.charAt(4) == '_');
        return key;
    }
}
