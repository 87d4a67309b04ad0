package dev.piigate.detectors.secrets;

import java.util.Base64;
import java.util.Set;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.TokenRuns;
import dev.piigate.detectors.kit.Alphabet;
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.SecretPlaceholder;

/**
 * JSON Web Tokens in JWS compact form (RFC 7519 section 3, RFC 7515 section 7.1): three base64url
 * parts joined by '.', the header a JSON object with an {@code "alg"} member, the payload a JSON
 * object (the claims set), the signature empty only when {@code "alg":"none"} (RFC 7515
 * appendix A.5). Macie's JSON_WEB_TOKEN; gitleaks' {@code jwt} rule keys on the same {@code ey}
 * prefix but only checks the shape: here both JSON parts are decoded, so a base64 blob that
 * happens to start {@code eyJ} and hold dots is no finding.
 *
 * <p>Candidates are the {@code eyJ} ({@code {"} encoded) at the start of a base64url word inside a
 * {@link TokenRuns token run}; decoding is bounded (a header over {@value #MAX_HEADER} chars is no
 * JWT) and reading resumes after each candidate, so a text of {@code eyJ} runs costs linear time.
 * A JWE (five parts) is not this type. A token whose payload or signature is replaced by a
 * placeholder ({@code ***}, {@code <signature>}, an ellipsis) is masked.
 */
public final class JwtDetector implements Detector {
    public static final String ID = "jwt_v1";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new JwtDetector());

    static final EntityType TYPE = new EntityType("JSON_WEB_TOKEN");

    /** Base64url chars of a header: real ones are 20-200; a few KB is generous (x5c chains are in x5u/x5t instead). */
    static final int MAX_HEADER = 4096;
    /** Base64url chars of a payload: tokens with large group claims reach ~10 KB. */
    static final int MAX_PAYLOAD = 65536;
    /** Base64url chars of a signature: RS512 with a 16384-bit key is 2731. */
    static final int MAX_SIGNATURE = 4096;

    private static final double CONFIDENCE = 0.99;
    private static final double CONFIDENCE_UNSIGNED = 0.9;
    private static final double CONFIDENCE_MASKED = 0.9;

    /** '-' and '_' are base64url; a '.' before a letter or digit makes the token a later part of a dotted word. */
    static final Boundary BOUNDARY = Boundary.builder().glue("_-").joinsWords(".").build();

    /** jwt.io's stock example token (HS256, secret "your-256-bit-secret"): published, not a leak. */
    private static final Set<String> TEST_TOKENS = Set.of(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                    + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");

    JwtDetector() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(TYPE);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        if (text.tokenRuns().count() == 0) {
            return; // the search reads only token runs: no visitor to make for this text
        }
        String t = text.text();
        text.tokenRuns().forEachAnchor(TokenRuns.JWT, "eyJ", (runStart, p) ->
                // Inside a longer base64url word, its eyJ is not where a token starts.
                p > 0 && Alphabet.BASE64URL.contains(t.charAt(p - 1)) ? p + 1 : candidate(t, p, sink));
    }

    /** Judges the token starting at {@code start}; returns where reading stopped. */
    private int candidate(String t, int start, FindingSink sink) {
        int n = t.length();
        // The shape first (up to three parts), so a rejection covers the whole candidate.
        int headerEnd = Alphabet.BASE64URL.runEnd(t, start, n);
        int payloadEnd = -1;
        int signatureEnd = -1;
        int shapeEnd = headerEnd;
        if (headerEnd < n && t.charAt(headerEnd) == '.') {
            payloadEnd = Alphabet.BASE64URL.runEnd(t, headerEnd + 1, n);
            shapeEnd = payloadEnd;
            if (payloadEnd < n && t.charAt(payloadEnd) == '.') {
                signatureEnd = Alphabet.BASE64URL.runEnd(t, payloadEnd + 1, n);
                shapeEnd = signatureEnd;
            }
        }
        if (headerEnd - start > MAX_HEADER || payloadEnd - headerEnd - 1 > MAX_PAYLOAD
                || signatureEnd - payloadEnd - 1 > MAX_SIGNATURE) {
            return reject(start, shapeEnd, RejectReason.INVALID_LENGTH, sink);
        }
        int header = decodeShape(t, start, headerEnd);
        if ((header & JsonObjectShape.HAS_ALG) == 0) {
            return reject(start, shapeEnd, RejectReason.INVALID_PATTERN, sink);
        }
        if (BOUNDARY.gluedBefore(t, start)) {
            return reject(start, shapeEnd, RejectReason.TOKEN_BOUNDARY, sink);
        }
        int masked = maskedPart(t, headerEnd);
        if (masked > 0) {
            return found(start, masked, CONFIDENCE_MASKED, true, false, sink);
        }
        if (payloadEnd < 0) {
            return reject(start, shapeEnd, RejectReason.INVALID_PATTERN, sink); // a header alone
        }
        masked = maskedPart(t, payloadEnd);
        if (masked > 0) {
            return found(start, masked, CONFIDENCE_MASKED, true, false, sink);
        }
        if ((decodeShape(t, headerEnd + 1, payloadEnd) & JsonObjectShape.OBJECT) == 0 || signatureEnd < 0) {
            return reject(start, shapeEnd, RejectReason.INVALID_PATTERN, sink);
        }
        if (signatureEnd + 1 < n && t.charAt(signatureEnd) == '.' && Alphabet.BASE64URL.contains(t.charAt(signatureEnd + 1))) {
            return reject(start, shapeEnd, RejectReason.INVALID_PATTERN, sink); // a fourth part: JWE or a dotted path
        }
        masked = maskedPart(t, signatureEnd);
        if (masked > 0) {
            return found(start, masked, CONFIDENCE_MASKED, true, false, sink);
        }
        boolean unsigned = (header & JsonObjectShape.ALG_NONE) != 0;
        int signature = signatureEnd - payloadEnd - 1;
        if (signature == 0 && !unsigned) {
            return reject(start, shapeEnd, RejectReason.INVALID_PATTERN, sink); // signature stripped: no token
        }
        if (signature % 4 == 1) {
            return reject(start, shapeEnd, RejectReason.INVALID_PATTERN, sink);
        }
        if (signature > 0 && SecretPlaceholder.isMaskRun(t, payloadEnd + 1, signatureEnd)) {
            return found(start, signatureEnd, CONFIDENCE_MASKED, true, false, sink);
        }
        // An unsigned token ends at its second '.': the span covers it, as the token is written.
        int end = signature == 0 ? payloadEnd + 1 : signatureEnd;
        boolean test = TEST_TOKENS.contains(t.substring(start, end));
        return found(start, end, unsigned ? CONFIDENCE_UNSIGNED : CONFIDENCE, false, test, sink);
    }

    /**
     * Where a part written as a placeholder ends, if the part starting after {@code dot} is one
     * ({@code .***}, {@code .<signature>}, {@code .xxxx}) or the token is cut short by an ellipsis
     * right at {@code dot} ({@code eyJhbGciOi...}); else -1.
     */
    private static int maskedPart(String t, int dot) {
        int n = t.length();
        if (dot >= n) {
            return -1;
        }
        char c = t.charAt(dot);
        if (c == '\u2026' || t.startsWith("...", dot)) {
            return SecretPlaceholder.end(t, dot);
        }
        if (c != '.' || dot + 1 >= n) {
            return -1;
        }
        int placeholder = SecretPlaceholder.end(t, dot + 1);
        if (placeholder < 0) {
            return -1;
        }
        int base64End = Alphabet.BASE64URL.runEnd(t, dot + 1, n);
        // "xxxx" is base64url too: a placeholder only if it is the whole part.
        return base64End > dot + 1 && base64End != placeholder ? -1 : placeholder;
    }

    /** The {@link JsonObjectShape} of the base64url span decoded; INVALID if it does not decode. */
    private static int decodeShape(String t, int start, int end) {
        if (end - start < 2 || (end - start) % 4 == 1) {
            return JsonObjectShape.INVALID;
        }
        try {
            return JsonObjectShape.of(Base64.getUrlDecoder().decode(t.substring(start, end)));
        } catch (IllegalArgumentException e) {
            return JsonObjectShape.INVALID; // not base64url after all; nothing of the text is kept
        }
    }

    private static int found(int start, int end, double confidence, boolean masked, boolean test, FindingSink sink) {
        sink.found(new Finding(TYPE, start, end, ID, confidence, masked, test));
        return end;
    }

    private static int reject(int start, int end, RejectReason reason, FindingSink sink) {
        sink.rejected(TYPE, start, end, ID, reason);
        return Math.max(end, start + 3);
    }
}
