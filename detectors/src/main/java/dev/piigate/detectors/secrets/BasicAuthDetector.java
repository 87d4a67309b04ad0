package dev.piigate.detectors.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
import dev.piigate.detectors.kit.KeywordContext;
import dev.piigate.detectors.kit.SecretPlaceholder;

/**
 * HTTP Basic credentials in an Authorization header (RFC 7617 section 2): {@code Authorization:
 * Basic <base64 of user-id ":" password>}, the scheme name in any case, as written in raw
 * requests, curl's {@code -H}, JSON and code ({@code "Authorization": "Basic ..."},
 * {@code headers.set('Authorization', 'Basic ...')}), {@code Proxy-Authorization} too. The value
 * must decode to printable UTF-8 {@code user:password} with a non-empty password; the finding is
 * the base64 value. The header name may also be the field the text comes from (a JSON log's
 * {@code $.request.headers.Authorization} holding {@code Basic ...}). Macie's HTTP_BASIC_AUTH_HEADER.
 *
 * <p>Triggers: a {@link TokenRuns token run} right after {@code Basic } (the value), or a run
 * ending in {@code Authorization:} (for placeholders, which are no runs). A value too short to
 * be a run ({@code u:p}, under 8 base64 chars) written after a quoted {@code "Authorization"}
 * is not read. RFC 7617's {@code Aladdin:open sesame} and RFC 6749's {@code s6BhdRkqt3:gX1fBat3bV} are test values; {@code Basic ${CREDS}},
 * {@code Basic <token>}, {@code Basic ****} and a value decoding to a stock password
 * ({@code user:password}) are masked. {@code authorization=Basic%20...} (form-encoded) is out of scope.
 */
public final class BasicAuthDetector implements Detector {
    public static final String ID = "basic_auth_v2";
    public static final DetectorFactory FACTORY =
            DetectorFactory.of(ID, settings -> new BasicAuthDetector(settings.keywordDistance()));

    static final EntityType TYPE = new EntityType("HTTP_BASIC_AUTH_HEADER");

    /** Base64 chars of a value: user and password of a few hundred bytes at most. */
    static final int MAX_VALUE = 1024;
    private static final Alphabet VALUE = Alphabet.BASE64.plus("=");
    /** What may stand between the header name and the scheme: {@code : }, {@code ": "}, {@code ', '}, {@code =>}. */
    private static final String BETWEEN = " \t:\"'=>,`]";
    private static final int MAX_BETWEEN = 6;
    private static final String KEYWORD = "authorization";
    /** A field (JSON path, column) named for the header holds its value alone: {@code $.request.headers.Authorization}. */
    private static final Keywords FIELD = Keywords.of(KEYWORD);
    private static final String SCHEME = "basic";

    /** RFC 7617 section 2's example, also in RFC 2617: published, not a leak. */
    /**
     * The RFCs' own examples, printed in every HTTP library's docs: RFC 7617's {@code Aladdin:open
     * sesame} and RFC 6749's client credentials {@code s6BhdRkqt3:gX1fBat3bV} (found twice in
     * oauthlib's sources by the evaluation's real-code set).
     */
    private static final java.util.List<String> TEST_VALUES = java.util.List.of("QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            "czZCaGRSa3F0MzpnWDFmQmF0M2JW");

    private static final double CONFIDENCE = 0.99;
    private static final double CONFIDENCE_MASKED = 0.9;

    private final int keywordDistance;

    BasicAuthDetector(int keywordDistance) {
        this.keywordDistance = keywordDistance;
    }

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
        String t = text.text();
        TokenRuns runs = text.tokenRuns();
        int resume = 0;
        for (int r = 0; r < runs.count(); r++) {
            int start = runs.start(r);
            int end = runs.end(r);
            if (start < resume) {
                continue;
            }
            int scheme = schemeBefore(t, start);
            if (scheme >= 0) {
                boolean keyword = keywordBefore(t, scheme)
                        || new KeywordContext(FIELD, text, keywordDistance).inField();
                resume = value(t, start, keyword, sink);
                continue;
            }
            if (end - start >= KEYWORD.length() + 1 && t.charAt(end - 1) == ':'
                    && t.regionMatches(true, end - 1 - KEYWORD.length(), KEYWORD, 0, KEYWORD.length())) {
                int value = schemeAfter(t, end);
                if (value >= 0) {
                    resume = value(t, value, true, sink);
                }
            }
        }
    }

    /** Judges the value starting at {@code start}; returns where reading stopped. */
    private static int value(String t, int start, boolean keyword, FindingSink sink) {
        int n = t.length();
        int placeholder = SecretPlaceholder.end(t, start);
        int end = VALUE.runEnd(t, start, Math.min(n, start + MAX_VALUE + 1));
        if (placeholder > start && (placeholder >= end || SecretPlaceholder.isMaskRun(t, start, end))) {
            if (keyword) {
                sink.found(new Finding(TYPE, start, Math.max(placeholder, end), ID, CONFIDENCE_MASKED, true, false));
            }
            return Math.max(placeholder, end);
        }
        if (end == start) {
            return start + 1;
        }
        if (end - start > MAX_VALUE) {
            return reject(start, end, RejectReason.INVALID_LENGTH, sink);
        }
        if (end < n && isTokenChar(t.charAt(end))) {
            return reject(start, end, RejectReason.INVALID_PATTERN, sink); // Basic abc.def: a longer token
        }
        String decoded = decode(t, start, end);
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (colon < 0 || colon == decoded.length() - 1 || !printable(decoded)) {
            return reject(start, end, RejectReason.INVALID_PATTERN, sink);
        }
        if (!keyword) {
            return reject(start, end, RejectReason.NO_KEYWORD, sink);
        }
        boolean masked = SecretPlaceholder.is(decoded, colon + 1, decoded.length());
        boolean test = false;
        for (String example : TEST_VALUES) {
            test |= end - start == example.length() && t.startsWith(example, start);
        }
        sink.found(new Finding(TYPE, start, end, ID, masked ? CONFIDENCE_MASKED : CONFIDENCE, masked, test));
        return end;
    }

    /**
     * Where {@code Basic} starts if it ends, followed by one to three spaces, right before
     * {@code valueStart}; else -1.
     */
    private static int schemeBefore(String t, int valueStart) {
        int i = valueStart;
        while (i > 0 && valueStart - i < 3 && t.charAt(i - 1) == ' ') {
            i--;
        }
        int scheme = i - SCHEME.length();
        if (i == valueStart || scheme < 0 || !t.regionMatches(true, scheme, SCHEME, 0, SCHEME.length())) {
            return -1;
        }
        return Boundary.WORD.gluedBefore(t, scheme) ? -1 : scheme;
    }

    /** Where the value starts after {@code Authorization:} at {@code from}: past spaces, "Basic" and spaces; else -1. */
    private static int schemeAfter(String t, int from) {
        int i = from;
        while (i < t.length() && i - from < 3 && t.charAt(i) == ' ') {
            i++;
        }
        if (!t.regionMatches(true, i, SCHEME, 0, SCHEME.length())) {
            return -1;
        }
        int value = i + SCHEME.length();
        int spaces = value;
        while (value < t.length() && value - spaces < 3 && t.charAt(value) == ' ') {
            value++;
        }
        return value > spaces ? value : -1;
    }

    /** {@code Authorization} ends before {@code scheme}, with only quoting and assignment between. */
    private static boolean keywordBefore(String t, int scheme) {
        int i = scheme;
        while (i > 0 && scheme - i < MAX_BETWEEN && BETWEEN.indexOf(t.charAt(i - 1)) >= 0) {
            i--;
        }
        int k = i - KEYWORD.length();
        return k >= 0 && t.regionMatches(true, k, KEYWORD, 0, KEYWORD.length())
                && (k == 0 || !Character.isLetter(t.charAt(k - 1)));
    }

    /** The value decoded as UTF-8, or null if it is not base64 or not UTF-8. */
    private static String decode(String t, int start, int end) {
        if ((end - start) % 4 == 1) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(t.substring(start, end));
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null; // not a credential; nothing of the value is kept
        }
    }

    /** No control characters: RFC 7617 forbids them in user-id and password. */
    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\uFFFD') {
                return false;
            }
        }
        return true;
    }

    /** Chars that continue a token past the base64 value: then the value is part of something else. */
    private static boolean isTokenChar(char c) {
        return c == '.' || c == '-' || c == '_' || c == '%' || c == '~' || c == '@' || c == ':' || Character.isLetterOrDigit(c);
    }

    private static int reject(int start, int end, RejectReason reason, FindingSink sink) {
        sink.rejected(TYPE, start, end, ID, reason);
        return end;
    }
}
