package dev.piigate.detectors.secrets;

import java.util.List;
import java.util.Set;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.Alphabet;
import dev.piigate.detectors.kit.Checks;
import dev.piigate.detectors.kit.Composition;
import dev.piigate.detectors.kit.Prefixes;
import dev.piigate.detectors.kit.TokenFormat;
import dev.piigate.detectors.kit.Validation;

/**
 * GitLab tokens, by the prefixes of GitLab's "Token overview" (docs.gitlab.com, security/tokens,
 * "Token prefixes") with the body lengths of gitleaks' GitLab rules: {@code glpat-} personal,
 * project, group and impersonation tokens, {@code gldt-} deploy, {@code glrt-} runner
 * authentication, {@code glsoat-} SCIM, {@code glft-} feed, {@code glffct-} feature-flag client
 * (20 of {@code [0-9A-Za-z_-]}); {@code glptt-} trigger (40 hex); {@code GR1348941} runner
 * registration (20); {@code glcbt-} CI/CD job ({@code [0-9A-Za-z]{1,5}_} and 20); {@code glimt-}
 * incoming mail (25); {@code glagent-} agent for Kubernetes (50); {@code gloas-} OAuth
 * application secret (64).
 *
 * <p>Routable tokens (GitLab 17.x, {@code Authn::TokenField::Generator::RoutableToken}):
 * {@code <prefix><base64url payload>.<2-char version>.<2-char payload length><7-char CRC-32>},
 * or without the version part, lengths and CRC in base 36; the CRC covers everything before it,
 * prefix included, so a failing one is rejected INVALID_CHECKSUM.
 */
public final class GitLabTokenDetector implements Detector {
    public static final String ID = "gitlab_token_v2";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new GitLabTokenDetector());
    public static final EntityType TYPE = new EntityType("GITLAB_TOKEN");

    private static final Prefixes PREFIXES = Prefixes.of("glpat-", "gldt-", "glrt-", "glsoat-", "glft-", "glffct-",
            "glptt-", "GR1348941", "glcbt-", "glimt-", "glagent-", "gloas-");
    private static final int RUNNER = 2;
    /** 20 random chars of 64 hold about 17 distinct ones; a handful is a placeholder or a counter. */
    static final int MIN_DISTINCT = 8;
    static final int MIN_PAYLOAD = 27;
    static final int MAX_PAYLOAD = 300;
    private static final Alphabet BASE36 = Alphabet.of("0123456789abcdefghijklmnopqrstuvwxyz");
    private static final Alphabet LOWER_HEX = Alphabet.of("0123456789abcdef");

    private static final Validation RANDOM = Validation.of((t, s, e) ->
            Composition.of(t, e - 20, e).distinct() >= MIN_DISTINCT ? null : RejectReason.DEGENERATE);
    /** The body format of each prefix, in the order of {@link #PREFIXES}. */
    private static final TokenFormat[] FORMATS = new TokenFormat[12];

    static {
        for (int k = 0; k < 6; k++) {
            FORMATS[k] = format(20, RANDOM);
        }
        FORMATS[6] = format(40, Validation.of((t, s, e) -> LOWER_HEX.all(t, e - 40, e) ? null
                : RejectReason.INVALID_PATTERN));
        FORMATS[7] = format(20, RANDOM);
        FORMATS[8] = new TokenFormat(TYPE, ID, 0.95, Alphabet.BASE64URL, 22, 26, GcpApiKeyDetector.EDGE,
                Validation.of((t, s, e) -> jobTokenShape(t, s + 6, e) ? null : RejectReason.INVALID_PATTERN, RANDOM::reject), false,
                null);
        FORMATS[9] = format(25, RANDOM);
        FORMATS[10] = format(50, RANDOM);
        FORMATS[11] = format(64, RANDOM);
    }

    private static TokenFormat format(int length, Validation rules) {
        return new TokenFormat(TYPE, ID, 0.95, Alphabet.BASE64URL, length, length, GcpApiKeyDetector.EDGE, rules, false,
                null);
    }

    GitLabTokenDetector() {}

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
            int bodyStart = start + PREFIXES.get(prefix).length();
            int payloadEnd = Alphabet.BASE64URL.runEnd(t, bodyStart, bodyStart + MAX_PAYLOAD + 4);
            if (payloadEnd - bodyStart >= MIN_PAYLOAD && payloadEnd + 1 < t.length() && t.charAt(payloadEnd) == '.'
                    && BASE36.contains(t.charAt(payloadEnd + 1))) {
                return routable(t, sink, start, bodyStart, payloadEnd, prefix == RUNNER);
            }
            return FORMATS[prefix].judge(t, sink, start, PREFIXES.get(prefix).length());
        });
    }

    /** {@code <payload>.[vv.]ll<crc>}: payload length and CRC checked. */
    private static int routable(String t, FindingSink sink, int start, int bodyStart, int payloadEnd, boolean runner) {
        int p = payloadEnd + 1;
        int q = BASE36.runEnd(t, p, p + 10);
        int tail = p;
        if (q - p == 2 && q < t.length() && t.charAt(q) == '.') {
            tail = q + 1; // version "01."
            q = BASE36.runEnd(t, tail, tail + 10);
        }
        if (GcpApiKeyDetector.EDGE.gluedBefore(t, start)) {
            sink.rejected(TYPE, start, q, ID, RejectReason.TOKEN_BOUNDARY);
            return q;
        }
        if (q - tail != 9 || GcpApiKeyDetector.EDGE.gluedAfter(t, q)) {
            sink.rejected(TYPE, start, q, ID, q - tail >= 9 ? RejectReason.TOKEN_BOUNDARY : RejectReason.INVALID_PATTERN);
            return q;
        }
        int length = base36(t, tail, tail + 2);
        boolean lengthFits = length == payloadEnd - bodyStart
                || (runner && t.charAt(bodyStart) == 't' && length == payloadEnd - bodyStart - 3);
        if (!lengthFits || payloadEnd - bodyStart > MAX_PAYLOAD) {
            sink.rejected(TYPE, start, q, ID, RejectReason.INVALID_LENGTH);
            return q;
        }
        if (!Checks.crc32Base36(t, start, tail + 2, tail + 2, 7)) {
            sink.rejected(TYPE, start, q, ID, RejectReason.INVALID_CHECKSUM);
            return q;
        }
        sink.found(new Finding(TYPE, start, q, ID, 0.99, false, false));
        return q;
    }

    private static int base36(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            v = v * 36 + (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return v;
    }

    /** {@code [0-9A-Za-z]{1,5}_} then 20 chars: the CI/CD job token's body. */
    private static boolean jobTokenShape(CharSequence t, int bodyStart, int end) {
        for (int k = 1; k <= 5; k++) {
            int underscore = bodyStart + k;
            if (underscore < end && t.charAt(underscore) == '_' && end - underscore - 1 == 20
                    && Alphabet.BASE62.all(t, bodyStart, underscore)) {
                return true;
            }
        }
        return false;
    }
}
