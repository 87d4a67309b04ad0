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
import dev.piigate.detectors.kit.Prefixes;
import dev.piigate.detectors.kit.TokenFormat;
import dev.piigate.detectors.kit.Validation;

/**
 * OpenAI API keys. Every form holds {@code T3BlbkFJ} ("OpenAI" in base64) at a fixed place
 * (gitleaks {@code openai-api-key}): user keys {@code sk-}, 20 letters and digits, the marker, 20
 * more; project, service-account and admin keys {@code sk-proj-}, {@code sk-svcacct-},
 * {@code sk-admin-}, 58 or 74 of {@code [A-Za-z0-9_-]}, the marker, 58 or 74 more. A key without
 * the marker where it belongs is rejected INVALID_PATTERN: {@code sk-} alone starts far too many
 * other things ({@code sk-ant-...}, {@code sk-learn}).
 */
public final class OpenAiKeyDetector implements Detector {
    public static final String ID = "openai_key_v1";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new OpenAiKeyDetector());
    public static final EntityType TYPE = new EntityType("OPENAI_API_KEY");

    static final String MARKER = "T3BlbkFJ";
    private static final Prefixes PREFIXES = Prefixes.of("sk-", "sk-proj-", "sk-svcacct-", "sk-admin-");
    private static final int USER = 0;
    private static final int[] SIDES = {58, 74};

    private static final TokenFormat USER_KEY = new TokenFormat(TYPE, ID, 0.99, Alphabet.BASE62, 48, 48,
            GcpApiKeyDetector.EDGE,
            Validation.of((t, s, e) -> marker(t, e - 28) ? null : RejectReason.INVALID_PATTERN), false,
            null);
    private static final TokenFormat PROJECT_KEY = new TokenFormat(TYPE, ID, 0.99, Alphabet.BASE64URL, 124, 156,
            GcpApiKeyDetector.EDGE,
            Validation.of((t, s, e) -> projectShape(t, s, e) ? null : RejectReason.INVALID_PATTERN), false,
            null);

    OpenAiKeyDetector() {}

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
        PREFIXES.forEach(text, sink, (start, prefix) -> (prefix == USER ? USER_KEY : PROJECT_KEY)
                .judge(t, sink, start, PREFIXES.get(prefix).length()));
    }

    /** 58 or 74 chars, the marker, 58 or 74 chars, from after the prefix's second '-' to {@code end}. */
    private static boolean projectShape(CharSequence t, int start, int end) {
        int body = start + 3;
        while (t.charAt(body) != '-') {
            body++; // past "proj", "svcacct" or "admin": no '-' in them
        }
        body++;
        for (int left : SIDES) {
            int right = end - body - left - MARKER.length();
            if ((right == SIDES[0] || right == SIDES[1]) && marker(t, body + left)) {
                return true;
            }
        }
        return false;
    }

    private static boolean marker(CharSequence t, int at) {
        if (at < 0 || at + MARKER.length() > t.length()) {
            return false;
        }
        for (int k = 0; k < MARKER.length(); k++) {
            if (t.charAt(at + k) != MARKER.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
