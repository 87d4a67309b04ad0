package dev.piigate.detectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.Recorder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class SlackTokenDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "slack.txt";
    }

    private static final Detector DETECTOR = SecretsTesting.build(SlackTokenDetector.FACTORY);
    private static final String DIGITS = "0123456789";
    private static final String IDS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    @Property(tries = 200)
    void randomBotAndUserTokensAreFound(@ForAll long seed) {
        Random r = new Random(seed);
        String bot = "xoxb-" + TestTokens.random(r, DIGITS, 10 + r.nextInt(4)) + "-"
                + TestTokens.random(r, DIGITS, 10 + r.nextInt(4)) + "-" + secret(r, 24);
        SecretsTesting.foundAlone(DETECTOR, SlackTokenDetector.TYPE, "SLACK_BOT_TOKEN=", bot, "\n");
        String user = "xoxp-" + TestTokens.random(r, DIGITS, 12) + "-" + TestTokens.random(r, DIGITS, 12) + "-"
                + TestTokens.random(r, DIGITS, 13) + "-" + secret(r, 32);
        SecretsTesting.foundAlone(DETECTOR, SlackTokenDetector.TYPE, "\"user_token\": \"", user, "\"");
    }

    @Property(tries = 200)
    void randomWebhooksAreFoundWholeUrl(@ForAll long seed) {
        Random r = new Random(seed);
        String url = "https://hooks.slack.com/services/T" + TestTokens.random(r, IDS, 8 + r.nextInt(3)) + "/B"
                + TestTokens.random(r, IDS, 8 + r.nextInt(3)) + "/" + secret(r, 24);
        SecretsTesting.foundAlone(DETECTOR, SlackTokenDetector.TYPE, "SLACK_WEBHOOK_URL=", url, "\n");
    }

    @Test
    void aWebhookMissingItsSecretIsNoFinding() {
        assertThat(Recorder.run(DETECTOR, "https://hooks.slack.com/services/T0123ABCD/B0123ABCD/").findings)
                .isEmpty();
        assertThat(Recorder.run(DETECTOR, "https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abc").findings)
                .isEmpty();
    }

    @Test
    void placeholdersAreNeverUnmaskedFindings() {
        SecretsTesting.placeholdersNeverCount(DETECTOR, "SLACK_BOT_TOKEN");
    }

    @Test
    void aMegabyteOfProseGivesNothing() {
        assertThat(Recorder.run(DETECTOR, SecretsTesting.prose(1_000_000, 5)).findings).isEmpty();
    }

    /** A secret segment with no run of x-es that would read as a mask. */
    private static String secret(Random r, int length) {
        String s;
        do {
            s = TestTokens.random(r, TestTokens.BASE62, length);
        } while (s.contains("xxxx") || s.contains("XXXX"));
        return s;
    }
}
