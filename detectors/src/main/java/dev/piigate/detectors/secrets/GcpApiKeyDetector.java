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
import dev.piigate.detectors.kit.Composition;
import dev.piigate.detectors.kit.Prefixes;
import dev.piigate.detectors.kit.TokenFormat;
import dev.piigate.detectors.kit.Validation;

/**
 * Google Cloud API keys: {@code AIza} and 35 of {@code [0-9A-Za-z_-]} (Google Cloud "Manage API
 * keys"; gitleaks {@code gcp-api-key}: {@code AIza[\w-]{35}} as a unique token). Macie's
 * GCP_API_KEY wants a keyword; the prefix and exact length are specific enough alone. A body of
 * few distinct chars ({@code AIzaaaaaaaaa...}) is a placeholder: DEGENERATE.
 */
public final class GcpApiKeyDetector implements Detector {
    public static final String ID = "gcp_api_key_v1";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new GcpApiKeyDetector());
    public static final EntityType TYPE = new EntityType("GCP_API_KEY");

    /** '-' and '_' are in the key's alphabet: next to it they make it part of a longer token. */
    static final Boundary EDGE = Boundary.builder().glue("-").build();
    /** 35 random chars of 64 hold about 27 distinct ones. */
    static final int MIN_DISTINCT = 12;
    private static final Prefixes PREFIXES = Prefixes.of("AIza");
    private static final TokenFormat FORMAT = new TokenFormat(TYPE, ID, 0.95, Alphabet.BASE64URL, 35, 35, EDGE,
            Validation.of((t, s, e) -> Composition.of(t, s + 4, e).distinct() >= MIN_DISTINCT ? null
                    : RejectReason.DEGENERATE), false,
            null);

    GcpApiKeyDetector() {}

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
