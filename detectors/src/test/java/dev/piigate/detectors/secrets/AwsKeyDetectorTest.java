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

class AwsKeyDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "aws.txt";
    }

    private static final Detector DETECTOR = SecretsTesting.build(AwsKeyDetector.FACTORY);

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("AKIA", "ASIA", "ABIA", "ACCA");
    }

    @Property(tries = 200)
    void randomKeyIdsAreFound(@ForAll("prefixes") String prefix, @ForAll long seed) {
        String id = TestTokens.awsKeyId(prefix, new Random(seed));
        if (!id.contains("XXXX")) {
            SecretsTesting.foundAlone(DETECTOR, AwsKeyDetector.KEY_ID, "aws_access_key_id = ", id, "\n");
        }
    }

    @Property(tries = 200)
    void randomSecretKeysAreFoundWhereAKeywordNamesThem(@ForAll long seed) {
        String secret = TestTokens.awsSecret(new Random(seed));
        SecretsTesting.foundAlone(DETECTOR, AwsKeyDetector.SECRET, "aws_secret_access_key = ", secret, "\n");
        SecretsTesting.rejected(DETECTOR, "value: ", secret, "", RejectReason.NO_KEYWORD);
    }

    @Test
    void aKeyIdWithinReachVouchesForTheSecret() {
        Random r = new Random(5);
        String id = TestTokens.awsKeyId("AKIA", r);
        String secret = TestTokens.awsSecret(r);
        Recorder near = Recorder.run(DETECTOR, id + "\n" + "x".repeat(200) + " " + secret);
        assertThat(near.findings).extracting(f -> f.type()).containsExactly(AwsKeyDetector.KEY_ID,
                AwsKeyDetector.SECRET);
        Recorder far = Recorder.run(DETECTOR, id + "\n" + "x ".repeat(AwsKeyDetector.KEY_ID_REACH) + secret);
        assertThat(far.findings).extracting(f -> f.type()).containsExactly(AwsKeyDetector.KEY_ID);
    }

    @Test
    void hashesAndPathsAreNoSecretKeys() {
        // Lower-case hex has no capital after a letter or digit: not even a token run, silent.
        Recorder sha = Recorder.run(DETECTOR, "aws_secret_access_key = 3f786850e387550fdab836ed7e6dc881de23001b");
        assertThat(sha.findings).isEmpty();
        Recorder upper = Recorder.run(DETECTOR, "aws_secret_access_key = 3F786850E387550FDAB836ED7E6DC881DE23001B");
        assertThat(upper.findings).isEmpty();
        assertThat(upper.reasons()).containsExactly(RejectReason.KNOWN_FALSE_POSITIVE);
        Recorder path = Recorder.run(DETECTOR, "secret key at a/b/Cd/eF/g1/h2/i3/jk/Lm/no/pq/rs/tuvwxy");
        assertThat(path.findings).isEmpty();
        assertThat(path.reasons()).containsExactly(RejectReason.INVALID_PATTERN);
    }

    @Test
    void theKeywordDistanceComesFromTheSettings() {
        String secret = TestTokens.awsSecret(new Random(9));
        String text = "secret key" + " ".repeat(40) + secret;
        assertThat(Recorder.run(DETECTOR, text).findings).isEmpty();
        Detector wide = AwsKeyDetector.FACTORY.create(
                dev.piigate.detectors.DetectorSettings.defaults().withKeywordDistance(60));
        assertThat(Recorder.run(wide, text).findings).hasSize(1);
    }

    @Test
    void placeholdersAreNeverUnmaskedFindings() {
        SecretsTesting.placeholdersNeverCount(DETECTOR, "aws_secret_access_key");
        SecretsTesting.placeholdersNeverCount(DETECTOR, "aws_access_key_id");
    }

    @Test
    void aMegabyteOfProseGivesNothing() {
        String prose = SecretsTesting.prose(1_000_000, 4);
        assertThat(Recorder.run(DETECTOR, prose).findings).isEmpty();
        assertThat(Recorder.run(DETECTOR, "credentials and secret keys: " + prose).findings).isEmpty();
    }

    @Test
    void bothTypesAreDeclared() {
        assertThat(DETECTOR.entityTypes()).containsExactlyInAnyOrder(AwsKeyDetector.KEY_ID, AwsKeyDetector.SECRET);
    }
}
