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
import dev.piigate.detectors.kit.Checks;
import dev.piigate.detectors.kit.Prefixes;
import dev.piigate.detectors.kit.TokenFormat;
import dev.piigate.detectors.kit.Validation;

/**
 * npm access tokens: {@code npm_} and 36 base62 chars, the last 6 the CRC-32 of the 30 before in
 * base 62, as GitHub's (GitHub blog, "Announcing npm's new access token format", 2021; gitleaks
 * {@code npm-access-token}). A failing checksum is rejected INVALID_CHECKSUM.
 */
public final class NpmTokenDetector implements Detector {
    public static final String ID = "npm_token_v1";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new NpmTokenDetector());
    public static final EntityType TYPE = new EntityType("NPM_TOKEN");

    private static final Prefixes PREFIXES = Prefixes.of("npm_");
    private static final TokenFormat FORMAT = new TokenFormat(TYPE, ID, 0.99, Alphabet.BASE62, 36, 36,
            GitHubTokenDetector.EDGE,
            Validation.of((t, s, e) -> Checks.crc32Base62(t, s + 4, e - 6, e - 6, 6) ? null
                    : RejectReason.INVALID_CHECKSUM), true,
            null);

    NpmTokenDetector() {}

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
        PREFIXES.forEach(text, sink, (start, prefix) -> FORMAT.judge(t, sink, start, 4));
    }
}
