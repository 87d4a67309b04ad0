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

class GitHubTokenDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "github.txt";
    }

    private static final Detector DETECTOR = SecretsTesting.build(GitHubTokenDetector.FACTORY);

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_");
    }

    @Property(tries = 300)
    void randomValidTokensAreFound(@ForAll("prefixes") String prefix, @ForAll long seed) {
        String token = TestTokens.checksummed(prefix, new Random(seed));
        SecretsTesting.foundAlone(DETECTOR, GitHubTokenDetector.TYPE, "GITHUB_TOKEN=", token, "\n");
        SecretsTesting.foundAlone(DETECTOR, GitHubTokenDetector.TYPE, "Authorization: Bearer ", token, "");
    }

    @Property(tries = 300)
    void everyOneCharChangeFailsTheChecksum(@ForAll("prefixes") String prefix, @ForAll long seed) {
        Random r = new Random(seed);
        String token = TestTokens.checksummed(prefix, r);
        String changed = SecretsTesting.mutate(token, 4 + r.nextInt(36), TestTokens.BASE62, r);
        SecretsTesting.rejected(DETECTOR, "token: ", changed, "", RejectReason.INVALID_CHECKSUM);
    }

    @Property(tries = 100)
    void fineGrainedTokensAreFound(@ForAll long seed) {
        String token = TestTokens.githubFineGrained(new Random(seed));
        SecretsTesting.foundAlone(DETECTOR, GitHubTokenDetector.TYPE, "GH_PAT=\"", token, "\"");
    }

    @Test
    void placeholdersAreNeverUnmaskedFindings() {
        SecretsTesting.placeholdersNeverCount(DETECTOR, "GITHUB_TOKEN");
        assertThat(Recorder.run(DETECTOR, "token: ${{ secrets.GITHUB_TOKEN }} and {{ github_token }}").findings)
                .isEmpty();
    }

    @Test
    void aMegabyteOfProseGivesNothing() {
        assertThat(Recorder.run(DETECTOR, SecretsTesting.prose(1_000_000, 1)).findings).isEmpty();
    }

    @Test
    void onlyItsTypeIsDeclared() {
        assertThat(DETECTOR.entityTypes()).containsExactly(GitHubTokenDetector.TYPE);
    }
}
