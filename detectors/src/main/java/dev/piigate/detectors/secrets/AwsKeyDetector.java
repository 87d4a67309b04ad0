package dev.piigate.detectors.secrets;

import java.util.Arrays;
import java.util.Set;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.TokenRuns;
import dev.piigate.detectors.kit.Alphabet;
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.Composition;
import dev.piigate.detectors.kit.KeywordContext;
import dev.piigate.detectors.kit.Masks;
import dev.piigate.detectors.kit.Prefixes;
import dev.piigate.detectors.kit.TokenFormat;
import dev.piigate.detectors.kit.Validation;

/**
 * AWS access keys (IAM User Guide, "Unique identifiers": {@code AKIA} long-term, {@code ASIA}
 * temporary STS, {@code ABIA} STS service bearer, {@code ACCA} context-specific; gitleaks
 * {@code aws-access-token}: the prefix and 16 of {@code [A-Z2-7]}) as AWS_ACCESS_KEY_ID, and the
 * 40-char secret access key as AWS_CREDENTIALS (Macie's identifier). A secret key has no prefix,
 * so it is reported only when Macie's keywords are near ({@code aws_secret_access_key},
 * {@code secret access key}, {@code secret key}, {@code credentials}...; and
 * {@code awscredentials}, as in {@code BasicAWSCredentials}, where an acronym hides the word start) or an access key id lies
 * within {@link #KEY_ID_REACH} chars (the IAM credentials CSV, a config file's next line); it
 * must mix cases and not be hex (a git SHA-1 is 40 hex chars). AWS's documented examples
 * ({@code AKIAIOSFODNN7EXAMPLE}, {@code wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}, anything
 * ending in EXAMPLE or EXAMPLEKEY) are public test values.
 */
public final class AwsKeyDetector implements Detector {
    public static final String ID = "aws_key_v2";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID,
            settings -> new AwsKeyDetector(settings.keywordDistance()));
    public static final EntityType KEY_ID = new EntityType("AWS_ACCESS_KEY_ID");
    public static final EntityType SECRET = new EntityType("AWS_CREDENTIALS");

    /** How far from an access key id a secret key may be and still be read as its pair. */
    static final int KEY_ID_REACH = 300;
    static final int SECRET_LENGTH = 40;
    /** A random 40-char key holds '/' or '+' about 1.2 times; six or more is a path. */
    static final int MAX_SLASHES = 5;

    static final Keywords KEYWORDS = Keywords.of("aws_secret_access_key", "aws secret access key",
            "secret access key", "secretaccesskey", "aws_secret_key", "secret key", "aws secret", "credentials",
            "aws credentials", "awscredentials", "set-awscredential");

    private static final Prefixes KEY_ID_PREFIXES = Prefixes.of("AKIA", "ASIA", "ABIA", "ACCA");
    private static final Alphabet UPPER_ALNUM = Alphabet.of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    private static final TokenFormat KEY_ID_FORMAT = new TokenFormat(KEY_ID, ID, 0.95, UPPER_ALNUM, 16, 16,
            GitHubTokenDetector.EDGE,
            Validation.of(Validation.alphabet(Alphabet.UPPER_BASE32, 4)), false,
            (t, s, e) -> endsWith(t, e, "EXAMPLE"));

    /** Base64 glued by '_', '-' or a '.' between words is part of a longer token (a JWT part, a path). */
    private static final Boundary SECRET_EDGE = Boundary.builder().glue("_-").joinsWords(".").build();

    private final int keywordDistance;

    AwsKeyDetector(int keywordDistance) {
        this.keywordDistance = keywordDistance;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(KEY_ID, SECRET);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        if (text.tokenRuns().count() == 0) {
            return; // both searches below read only token runs: nothing to set up for this text
        }
        KeyIds keyIds = new KeyIds(text.text(), sink);
        KEY_ID_PREFIXES.forEach(text, sink, keyIds);
        scanSecrets(text, sink, keyIds.positions());
    }

    /** Judges each key id prefix found and keeps where the anchored ones start, for the secrets' keyword rule. */
    private static final class KeyIds implements Prefixes.Visitor {
        private static final int[] NONE = new int[0];
        private final String t;
        private final FindingSink sink;
        private int[] starts = NONE;
        private int count;

        KeyIds(String t, FindingSink sink) {
            this.t = t;
            this.sink = sink;
        }

        @Override
        public int at(int start, int prefix) {
            KeyIdSink anchor = new KeyIdSink(sink);
            int next = KEY_ID_FORMAT.judge(t, anchor, start, 4);
            if (anchor.anchored) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, Math.max(4, count * 2));
                }
                starts[count++] = start;
            }
            return next;
        }

        int[] positions() {
            return count == starts.length ? starts : Arrays.copyOf(starts, count);
        }
    }

    /** Every maximal run of exactly 40 base64 chars inside a token run is a candidate secret key. */
    private void scanSecrets(ScanText text, FindingSink sink, int[] keyIds) {
        String t = text.text();
        TokenRuns runs = text.tokenRuns();
        KeywordContext context = null;
        for (int r = 0; r < runs.count(); r++) {
            int end = runs.end(r);
            if (end - runs.start(r) < SECRET_LENGTH) {
                continue;
            }
            int i = runs.start(r);
            while (i < end) {
                int stop = Alphabet.BASE64.runEnd(t, i, end);
                if (stop - i == SECRET_LENGTH) {
                    if (context == null) {
                        context = new KeywordContext(KEYWORDS, text, keywordDistance);
                    }
                    judgeSecret(t, i, stop, context, keyIds, sink);
                }
                i = stop + 1;
            }
        }
    }

    private void judgeSecret(String t, int start, int end, KeywordContext context, int[] keyIds, FindingSink sink) {
        if (SECRET_EDGE.gluedBefore(t, start) || SECRET_EDGE.gluedAfter(t, end)
                || (end < t.length() && t.charAt(end) == '=')) {
            sink.rejected(SECRET, start, end, ID, RejectReason.TOKEN_BOUNDARY);
            return;
        }
        Composition c = Composition.of(t, start, end);
        if (c.hex()) {
            sink.rejected(SECRET, start, end, ID, RejectReason.KNOWN_FALSE_POSITIVE);
            return;
        }
        if (!c.mixesCase() || c.other() > MAX_SLASHES) {
            sink.rejected(SECRET, start, end, ID, RejectReason.INVALID_PATTERN);
            return;
        }
        double confidence;
        if (context.namesValue(start)) {
            confidence = 0.9;
        } else if (context.near(start, end)) {
            confidence = 0.85;
        } else if (nearKeyId(keyIds, start, end)) {
            confidence = 0.8;
        } else {
            sink.rejected(SECRET, start, end, ID, RejectReason.NO_KEYWORD);
            return;
        }
        boolean test = endsWith(t, end, "EXAMPLEKEY") || endsWith(t, end, "EXAMPLE");
        // XXXX...XXXXW5Eh: a key masked but for its last characters is no key.
        boolean masked = Masks.hides(t, start, end);
        sink.found(new Finding(SECRET, start, end, ID, masked ? TokenFormat.MASKED_CONFIDENCE : confidence, masked,
                test && !masked));
    }

    private static boolean nearKeyId(int[] keyIds, int start, int end) {
        for (int k : keyIds) {
            if (k < start ? start - k <= KEY_ID_REACH : k - end <= KEY_ID_REACH) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWith(CharSequence t, int end, String suffix) {
        int from = end - suffix.length();
        if (from < 0) {
            return false;
        }
        for (int k = 0; k < suffix.length(); k++) {
            if (t.charAt(from + k) != suffix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Passes everything on, and notes whether an unmasked key id (test values too) was found. */
    private static final class KeyIdSink implements FindingSink {
        private final FindingSink out;
        boolean anchored;

        KeyIdSink(FindingSink out) {
            this.out = out;
        }

        @Override
        public void found(Finding finding) {
            anchored |= !finding.masked();
            out.found(finding);
        }

        @Override
        public void rejected(dev.piigate.detectors.Rejection rejection) {
            out.rejected(rejection);
        }

        @Override
        public boolean wantsRejections() {
            return out.wantsRejections();
        }
    }
}
