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

class NpmTokenDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "npm.txt";
    }

    private static final Detector DETECTOR = SecretsTesting.build(NpmTokenDetector.FACTORY);

    @Property(tries = 300)
    void randomValidTokensAreFound(@ForAll long seed) {
        String token = TestTokens.checksummed("npm_", new Random(seed));
        SecretsTesting.foundAlone(DETECTOR, NpmTokenDetector.TYPE, "//registry.npmjs.org/:_authToken=", token, "\n");
    }

    @Property(tries = 300)
    void everyOneCharChangeFailsTheChecksum(@ForAll long seed) {
        Random r = new Random(seed);
        String changed = SecretsTesting.mutate(TestTokens.checksummed("npm_", r), 4 + r.nextInt(36), TestTokens.BASE62, r);
        SecretsTesting.rejected(DETECTOR, "NPM_TOKEN=", changed, "", RejectReason.INVALID_CHECKSUM);
    }

    @Test
    void aGitHubTokenIsNoNpmToken() {
        String github = TestTokens.checksummed("ghp_", new Random(7));
        assertThat(Recorder.run(DETECTOR, "token=" + github).findings).isEmpty();
    }

    @Test
    void placeholdersAreNeverUnmaskedFindings() {
        SecretsTesting.placeholdersNeverCount(DETECTOR, "NPM_TOKEN");
    }

    @Test
    void aMegabyteOfProseGivesNothing() {
        assertThat(Recorder.run(DETECTOR, SecretsTesting.prose(1_000_000, 2)).findings).isEmpty();
    }
}
