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
 * Hugging Face user access tokens, {@code hf_} and 34 letters, and the retired organization API
 * tokens, {@code api_org_} and 34 letters (huggingface.co/docs/hub/security-tokens; gitleaks
 * {@code huggingface-access-token}, {@code huggingface-organization-api-token}).
 *
 * <p>Letters only, so a camelCase identifier of the right length could pass the shape
 * ({@code hf_requiredCharacteristicTypesForDi}): a token's letters are random, half of them
 * capitals; fewer than {@link #MIN_EACH_CASE} capitals or small letters is an identifier
 * (a random token has that few about three times in a million).
 */
public final class HuggingFaceTokenDetector implements Detector {
    public static final String ID = "huggingface_token_v1";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new HuggingFaceTokenDetector());
    public static final EntityType TYPE = new EntityType("HUGGINGFACE_TOKEN");

    static final int MIN_EACH_CASE = 5;
    private static final Alphabet LETTERS = Alphabet.of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    private static final Prefixes PREFIXES = Prefixes.of("hf_", "api_org_");
    private static final TokenFormat FORMAT = new TokenFormat(TYPE, ID, 0.95, LETTERS, 34, 34,
            GitHubTokenDetector.EDGE,
            Validation.of((t, s, e) -> {
                Composition c = Composition.of(t, e - 34, e);
                return c.upper() >= MIN_EACH_CASE && c.lower() >= MIN_EACH_CASE ? null : RejectReason.INVALID_PATTERN;
            }), false,
            null);

    HuggingFaceTokenDetector() {}

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
        PREFIXES.forEach(text, sink, (start, prefix) -> FORMAT.judge(t, sink, start, PREFIXES.get(prefix).length()));
    }
}
