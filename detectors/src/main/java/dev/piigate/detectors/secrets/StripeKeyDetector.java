package dev.piigate.detectors.secrets;

import java.util.List;
import java.util.Set;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.Alphabet;
import dev.piigate.detectors.kit.Composition;
import dev.piigate.detectors.kit.Prefixes;
import dev.piigate.detectors.kit.TokenFormat;
import dev.piigate.detectors.kit.Validation;

/**
 * Stripe API keys (docs.stripe.com/keys): secret {@code sk_live_} and restricted {@code rk_live_}
 * keys, 24 to 247 base62 chars after the prefix (keys are at most 255 long; gitleaks
 * {@code stripe-access-token}). Test-mode keys ({@code sk_test_}, {@code rk_test_},
 * {@code pk_test_}) reach no real money: public test values, reported and not counted.
 * {@code pk_live_} keys are publishable, meant to be in web pages: not findings
 * (rejected KNOWN_FALSE_POSITIVE).
 */
public final class StripeKeyDetector implements Detector {
    public static final String ID = "stripe_key_v1";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new StripeKeyDetector());
    public static final EntityType TYPE = new EntityType("STRIPE_CREDENTIALS");

    private static final Prefixes PREFIXES = Prefixes.of("sk_live_", "rk_live_", "sk_test_", "rk_test_", "pk_test_",
            "pk_live_");
    private static final int PUBLISHABLE = 5;
    private static final int FIRST_TEST = 2;
    static final int MIN_DISTINCT = 10;

    private static final Validation RULES = Validation.of((t, s, e) ->
            Composition.of(t, s + 8, e).distinct() >= MIN_DISTINCT ? null : RejectReason.DEGENERATE);
    private static final TokenFormat LIVE = new TokenFormat(TYPE, ID, 0.97, Alphabet.BASE62, 24, 247,
            GitHubTokenDetector.EDGE, RULES, false, null);
    private static final TokenFormat TEST = new TokenFormat(TYPE, ID, 0.97, Alphabet.BASE62, 24, 247,
            GitHubTokenDetector.EDGE, RULES, false, (t, s, e) -> true);

    StripeKeyDetector() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(TYPE);
    }

    @Override
    public List<String> requiredPrefixes() {
        return PREFIXES.all();
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        if (text.tokenRuns().count() == 0) {
            return; // the search reads only token runs: no visitor to make for this text
        }
        String t = text.text();
        PREFIXES.forEach(text, sink, (start, prefix) -> {
            if (prefix == PUBLISHABLE) {
                int end = Alphabet.BASE62.runEnd(t, start + 8, t.length());
                sink.rejected(TYPE, start, end, ID, RejectReason.KNOWN_FALSE_POSITIVE);
                return end;
            }
            return (prefix >= FIRST_TEST ? TEST : LIVE).judge(t, sink, start, 8);
        });
    }
}
