package dev.piigate.detectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class GitLabTokenDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "gitlab.txt";
    }

    private static final Detector DETECTOR = SecretsTesting.build(GitLabTokenDetector.FACTORY);

    @Property(tries = 300)
    void randomRoutableTokensAreFound(@ForAll long seed, @ForAll boolean versionless) {
        Random r = new Random(seed);
        String routing = "o:" + Long.toString(r.nextInt(1 << 20), 36) + "\nu:" + Long.toString(r.nextInt(1 << 20), 36);
        String token = TestTokens.gitlabRoutable("glpat-", r, routing, versionless);
        SecretsTesting.foundAlone(DETECTOR, GitLabTokenDetector.TYPE, "GITLAB_TOKEN=", token, "\n");
    }

    @Property(tries = 300)
    void aChangedPayloadCharFailsTheCrc(@ForAll long seed) {
        Random r = new Random(seed);
        String token = TestTokens.gitlabRoutable("glpat-", r, "o:" + r.nextInt(1000), false);
        int payloadEnd = token.indexOf('.');
        String changed = SecretsTesting.mutate(token, 6 + r.nextInt(payloadEnd - 6), TestTokens.BASE64URL, r);
        SecretsTesting.rejected(DETECTOR, "token: ", changed, "", RejectReason.INVALID_CHECKSUM);
    }

    @Property(tries = 100)
    void randomLegacyTokensAreFound(@ForAll long seed) {
        String token;
        Random r = new Random(seed);
        do {
            token = "glpat-" + TestTokens.random(r, TestTokens.BASE62, 20); // no '-' or '_' at the edge
        } while (token.contains("xxxx") || token.contains("XXXX"));
        SecretsTesting.foundAlone(DETECTOR, GitLabTokenDetector.TYPE, "PRIVATE-TOKEN: ", token, "");
    }

    /**
     * A token with no capital, '_' or digit right after a dash holds no trigger of the index pass
     * but its prefix's dash: a trigger token (40 lower-case hex) starts with a letter 3 times in 8,
     * a legacy token of 20 lower-case letters and digits comes once in 70,000. Found written alone,
     * quoted, after a colon, as after '=' (which triggers on its own).
     */
    @Property(tries = 300)
    void tokensWithoutCapitalsAreFoundInAnyContext(@ForAll long seed) {
        Random r = new Random(seed);
        String[] before = {"", " ", "\"", "token: ", "'", "(", "\t", "x=", "token:\n"};
        String[] after = {"", " ", "\"", "\n", "'", ")", ",", ";", "."};
        int context = r.nextInt(before.length);
        String token = r.nextBoolean()
                ? "glptt-" + "abcdef".charAt(r.nextInt(6)) + TestTokens.random(r, "0123456789abcdef", 39)
                : List.of("glpat-", "gldt-", "glrt-", "glsoat-", "glft-", "glffct-").get(r.nextInt(6))
                        + TestTokens.random(r, "abcdefghijklmnopqrstuvwxyz0123456789", 20);
        SecretsTesting.foundAlone(DETECTOR, GitLabTokenDetector.TYPE, before[context], token, after[context]);
    }

    @Test
    void runnerRoutableTokensCountThePayloadAfterTheirTag() {
        String token = TestTokens.gitlabRoutable("glrt-t1_", new Random(3), "o:3z\nt:1", false);
        SecretsTesting.foundAlone(DETECTOR, GitLabTokenDetector.TYPE, "token = \"", token, "\"");
    }

    @Test
    void placeholdersAreNeverUnmaskedFindings() {
        SecretsTesting.placeholdersNeverCount(DETECTOR, "GITLAB_TOKEN");
    }

    @Test
    void aMegabyteOfProseGivesNothing() {
        assertThat(Recorder.run(DETECTOR, SecretsTesting.prose(1_000_000, 3)).findings).isEmpty();
    }
}
