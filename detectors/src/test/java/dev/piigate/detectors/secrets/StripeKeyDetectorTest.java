package dev.piigate.detectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class StripeKeyDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "stripe.txt";
    }

    private static final Detector DETECTOR = SecretsTesting.build(StripeKeyDetector.FACTORY);

    @Property(tries = 300)
    void randomLiveKeysAreFound(@ForAll long seed, @ForAll @IntRange(min = 24, max = 247) int length) {
        String body = body(new Random(seed), length);
        SecretsTesting.foundAlone(DETECTOR, StripeKeyDetector.TYPE, "STRIPE_SECRET_KEY=", "sk_live_" + body, "\n");
        SecretsTesting.foundAlone(DETECTOR, StripeKeyDetector.TYPE, "key: ", "rk_live_" + body, "");
    }

    @Property(tries = 100)
    void testModeKeysAreTestValues(@ForAll long seed) {
        String body = body(new Random(seed), 24);
        for (String prefix : new String[] {"sk_test_", "rk_test_", "pk_test_"}) {
            Recorder r = Recorder.run(DETECTOR, "STRIPE_KEY=" + prefix + body);
            assertThat(r.findings).singleElement().satisfies(f -> {
                assertThat(f.testValue()).isTrue();
                assertThat(f.isUnmasked()).isFalse();
            });
        }
    }

    @Test
    void publishableLiveKeysAreNoFinding() {
        SecretsTesting.rejected(DETECTOR, "STRIPE_PUBLISHABLE_KEY=", "pk_live_" + body(new Random(1), 24), "",
                RejectReason.KNOWN_FALSE_POSITIVE);
    }

    @Test
    void keysLongerThanStripeWritesAreRejected() {
        SecretsTesting.rejected(DETECTOR, "k=", "sk_live_" + body(new Random(2), 248), "",
                RejectReason.TOKEN_BOUNDARY);
    }

    @Test
    void placeholdersAreNeverUnmaskedFindings() {
        SecretsTesting.placeholdersNeverCount(DETECTOR, "STRIPE_SECRET_KEY");
        assertThat(Recorder.run(DETECTOR, "STRIPE_SECRET_KEY=sk_live_...xxxx").findings)
                .singleElement().extracting(Finding::masked).isEqualTo(true);
    }

    @Test
    void aMegabyteOfProseGivesNothing() {
        assertThat(Recorder.run(DETECTOR, SecretsTesting.prose(1_000_000, 9)).findings).isEmpty();
    }

    private static String body(Random r, int length) {
        String s;
        do {
            s = TestTokens.random(r, TestTokens.BASE62, length);
        } while (s.contains("xxxx") || s.contains("XXXX"));
        return s;
    }
}
