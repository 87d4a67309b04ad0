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
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.Checks;
import dev.piigate.detectors.kit.Prefixes;
import dev.piigate.detectors.kit.TokenFormat;
import dev.piigate.detectors.kit.Validation;

/**
 * GitHub tokens. Classic ones ({@code ghp_} personal, {@code gho_} OAuth, {@code ghu_} user-to-server,
 * {@code ghs_} server-to-server, {@code ghr_} refresh) are the prefix and 36 base62 chars whose
 * last 6 are the CRC-32 of the 30 before, in base 62 (GitHub's blog, "Behind GitHub's new
 * authentication token formats", 2021): a token whose checksum fails is not one. Fine-grained
 * personal tokens are {@code github_pat_}, 22 base62, {@code _}, 59 base62 (gitleaks
 * {@code github-fine-grained-pat}: {@code github_pat_\w{82}}); no checksum is documented for them.
 */
public final class GitHubTokenDetector implements Detector {
    public static final String ID = "github_token_v1";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new GitHubTokenDetector());
    public static final EntityType TYPE = new EntityType("GITHUB_TOKEN");

    private static final Prefixes PREFIXES = Prefixes.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_");
    private static final int FINE_GRAINED = 5;
    /** A '-' joins a token to the id it is part of ({@code 11d3-ghp_...}). */
    static final Boundary EDGE = Boundary.builder().joinsWords("-").build();

    private static final TokenFormat CLASSIC = new TokenFormat(TYPE, ID, 0.99, Alphabet.BASE62, 36, 36, EDGE,
            Validation.of((t, s, e) -> Checks.crc32Base62(t, s + 4, e - 6, e - 6, 6) ? null
                    : RejectReason.INVALID_CHECKSUM), true,
            null);
    private static final TokenFormat FINE = new TokenFormat(TYPE, ID, 0.95, Alphabet.BASE62.plus("_"), 82, 82, EDGE,
            Validation.of((t, s, e) -> t.charAt(s + 11 + 22) == '_' && Alphabet.BASE62.all(t, s + 11, s + 33)
                    && Alphabet.BASE62.all(t, s + 34, e) ? null : RejectReason.INVALID_PATTERN), false,
            null);

    GitHubTokenDetector() {}

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
        PREFIXES.forEach(text, sink, (start, prefix) -> prefix == FINE_GRAINED
                ? FINE.judge(t, sink, start, 11)
                : CLASSIC.judge(t, sink, start, 4));
    }
}
