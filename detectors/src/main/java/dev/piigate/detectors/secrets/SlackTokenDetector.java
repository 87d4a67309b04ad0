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
import dev.piigate.detectors.kit.Masks;
import dev.piigate.detectors.kit.Prefixes;
import dev.piigate.detectors.kit.TokenFormat;

/**
 * Slack tokens and incoming-webhook URLs (Slack API docs, "Token types": bot {@code xoxb-}, user
 * {@code xoxp-}, legacy workspace {@code xoxa-}, refresh {@code xoxr-}, legacy {@code xoxs-} and
 * {@code xoxo-}, configuration {@code xoxe.xoxb-}/{@code xoxe.xoxp-} and their refresh tokens
 * {@code xoxe-}, app-level {@code xapp-}; "Sending messages using incoming webhooks"). Segment
 * shapes follow gitleaks' Slack rules: a bot token is one or two numeric ids (8-14 digits) and a
 * secret of 18-48 letters and digits; a user token three ids (7-14) and 28-34; an app token a
 * version digit, an app id, a number and 32-64 lower-case hex... A webhook is
 * {@code hooks.slack.com/services/T.../B.../} and 24 letters and digits, or
 * {@code /workflows/} and {@code /triggers/} with {@code T.../A.../<number>/<secret>}; the whole
 * URL is the finding (it is the credential).
 */
public final class SlackTokenDetector implements Detector {
    public static final String ID = "slack_token_v1";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new SlackTokenDetector());
    public static final EntityType TYPE = new EntityType("SLACK_TOKEN");

    private static final Prefixes PREFIXES = Prefixes.of("xoxb-", "xoxp-", "xoxe-", "xoxa-", "xoxr-", "xoxs-",
            "xoxo-", "xoxe.xoxb-", "xoxe.xoxp-", "xapp-", "hooks.slack.com/");
    private static final int WEBHOOK = 10;
    private static final int MAX_SEGMENTS = 6;
    private static final int MAX_LENGTH = 240;
    private static final Alphabet SEGMENT = Alphabet.BASE62;
    private static final Alphabet MASKABLE = Alphabet.BASE62.plus("-/");

    SlackTokenDetector() {}

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
        PREFIXES.forEach(text, sink, (start, prefix) -> prefix == WEBHOOK
                ? webhook(t, sink, start)
                : token(t, sink, start, prefix));
    }

    private static int token(String t, FindingSink sink, int start, int prefix) {
        int bodyStart = start + PREFIXES.get(prefix).length();
        int[] seg = new int[MAX_SEGMENTS * 2];
        int n = segments(t, bodyStart, '-', seg);
        int end = n == 0 ? bodyStart : seg[n * 2 - 1];
        if (GitHubTokenDetector.EDGE.gluedBefore(t, start)) {
            sink.rejected(TYPE, start, end, ID, RejectReason.TOKEN_BOUNDARY);
            return end;
        }
        if (n > 0 && shaped(t, prefix, seg, n) && !maskedSegment(t, seg, n)) {
            if (GitHubTokenDetector.EDGE.gluedAfter(t, end)) {
                sink.rejected(TYPE, start, end, ID, RejectReason.TOKEN_BOUNDARY);
                return end;
            }
            sink.found(new Finding(TYPE, start, end, ID, 0.95, false, false));
            return end;
        }
        return masked(t, sink, start, bodyStart, end);
    }

    /** Whether the segments fit the prefix's token type. */
    private static boolean shaped(String t, int prefix, int[] seg, int n) {
        int last = seg[n * 2 - 1] - seg[n * 2 - 2];
        switch (prefix) {
            case 0: // xoxb-<id>[-<id>]-<secret>
                return (n == 2 || n == 3) && numeric(t, seg, 0, n - 1, 8, 14) && last >= 18 && last <= 48;
            case 1: // xoxp-<id>-<id>-<id>-<secret>
                return n == 4 && numeric(t, seg, 0, 3, 7, 14) && last >= 28 && last <= 34;
            case 2: // xoxe-: a user-token shape, or a configuration refresh token 1-<146>
                return (n == 4 && numeric(t, seg, 0, 3, 7, 14) && last >= 28 && last <= 34)
                        || (n == 2 && numeric(t, seg, 0, 1, 1, 1) && last >= 140 && last <= 150);
            case 3, 4: { // xoxa-/xoxr-: [digit-][ids-]<secret>
                int first = numeric(t, seg, 0, 1, 1, 1) && n > 1 ? 1 : 0;
                if (!numeric(t, seg, first, n - 1, 6, 14) || last < 8 || last > 64) {
                    return false;
                }
                return n - 1 - first > 0 || (last >= 12 && hasDigitAndLetter(t, seg[n * 2 - 2], seg[n * 2 - 1]));
            }
            case 5, 6: // xoxs-/xoxo-<id>-<id>-<id>-<hex>
                return n == 4 && numeric(t, seg, 0, 3, 6, 14) && last >= 10 && last <= 64
                        && Alphabet.HEX.all(t, seg[6], seg[7]);
            case 7, 8: // xoxe.xoxb-1-<secret>
                return n == 2 && numeric(t, seg, 0, 1, 1, 1) && last >= 150 && last <= 180;
            case 9: // xapp-1-A0123456789-1234567890123-<hex>
                return n == 4 && numeric(t, seg, 0, 1, 1, 1) && seg[3] - seg[2] >= 9 && seg[3] - seg[2] <= 12
                        && upperAlnum(t, seg[2], seg[3]) && numeric(t, seg, 2, 3, 10, 14) && last >= 32 && last <= 64
                        && Alphabet.HEX.all(t, seg[6], seg[7]);
            default:
                return false;
        }
    }

    /** {@code [https://]hooks.slack.com/services/T.../B.../<24>} or workflows/triggers. */
    private static int webhook(String t, FindingSink sink, int start) {
        int from = start;
        if (start >= 8 && t.startsWith("https://", start - 8)) {
            from = start - 8;
        } else if (start >= 7 && t.startsWith("http://", start - 7)) {
            from = start - 7;
        }
        int p = start + "hooks.slack.com/".length();
        boolean services = t.startsWith("services/", p);
        boolean workflows = t.startsWith("workflows/", p) || t.startsWith("triggers/", p);
        if (!services && !workflows) {
            return p;
        }
        int bodyStart = p + (t.startsWith("workflows/", p) ? "workflows/" : "services/").length(); // "triggers/" is as long
        int[] seg = new int[MAX_SEGMENTS * 2];
        int n = segments(t, bodyStart, '/', seg);
        int end = n == 0 ? bodyStart : seg[n * 2 - 1];
        if (GitHubTokenDetector.EDGE.gluedBefore(t, from)) {
            sink.rejected(TYPE, from, end, ID, RejectReason.TOKEN_BOUNDARY);
            return end;
        }
        int last = n == 0 ? 0 : seg[n * 2 - 1] - seg[n * 2 - 2];
        boolean shaped = services
                ? n == 3 && id(t, seg, 0, 'T') && id(t, seg, 1, 'B') && last == 24
                : n == 4 && id(t, seg, 0, 'T') && id(t, seg, 1, 'A') && numeric(t, seg, 2, 3, 15, 20)
                        && last >= 24 && last <= 32;
        if (shaped && !maskedSegment(t, seg, n) && !GitHubTokenDetector.EDGE.gluedAfter(t, end)) {
            sink.found(new Finding(TYPE, from, end, ID, 0.97, false, false));
            return end;
        }
        return masked(t, sink, from, bodyStart, end);
    }

    private static int masked(String t, FindingSink sink, int start, int bodyStart, int end) {
        int masked = Masks.maskedEnd(t, bodyStart, bodyStart + MAX_LENGTH, MASKABLE);
        if (masked > bodyStart && !GitHubTokenDetector.EDGE.gluedAfter(t, masked)) {
            sink.found(new Finding(TYPE, start, masked, ID, TokenFormat.MASKED_CONFIDENCE, true, false));
            return masked;
        }
        sink.rejected(TYPE, start, Math.max(end, start + 1), ID, RejectReason.INVALID_PATTERN);
        return Math.max(end, start + 1);
    }

    /**
     * Splits the run of letters and digits joined by {@code separator} at {@code from} into
     * segments, as (start, end) pairs in {@code seg}; returns how many (0 if there are more than
     * fit, or the run is too long to be a token). A separator not followed by a letter or digit
     * ends the run.
     */
    private static int segments(String t, int from, char separator, int[] seg) {
        int n = 0;
        int i = from;
        while (true) {
            int end = SEGMENT.runEnd(t, i, from + MAX_LENGTH + 1);
            if (end == i) {
                return n;
            }
            if (n == MAX_SEGMENTS || end > from + MAX_LENGTH) {
                return 0;
            }
            seg[n * 2] = i;
            seg[n * 2 + 1] = end;
            n++;
            if (end + 1 < t.length() && t.charAt(end) == separator && SEGMENT.contains(t.charAt(end + 1))) {
                i = end + 1;
            } else {
                return n;
            }
        }
    }

    /** The secret (last) segment is a mask: {@code .../XXXXXXXXXXXXXXXXXXXXXXXX}. */
    private static boolean maskedSegment(String t, int[] seg, int n) {
        return Masks.maskedEnd(t, seg[n * 2 - 2], seg[n * 2 - 1], SEGMENT) >= 0;
    }

    /** Segments [first, last) are all digits, each min to max long. */
    private static boolean numeric(String t, int[] seg, int first, int last, int min, int max) {
        for (int k = first; k < last; k++) {
            int length = seg[k * 2 + 1] - seg[k * 2];
            if (length < min || length > max || !Alphabet.DIGITS.all(t, seg[k * 2], seg[k * 2 + 1])) {
                return false;
            }
        }
        return true;
    }

    /** A Slack id: its letter, then 6 to 12 capitals and digits (older workspaces' ids are short). */
    private static boolean id(String t, int[] seg, int k, char letter) {
        int length = seg[k * 2 + 1] - seg[k * 2];
        return length >= 7 && length <= 13 && t.charAt(seg[k * 2]) == letter
                && upperAlnum(t, seg[k * 2], seg[k * 2 + 1]);
    }

    private static boolean upperAlnum(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasDigitAndLetter(String t, int from, int to) {
        boolean digit = false;
        boolean letter = false;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            digit |= c >= '0' && c <= '9';
            letter |= !(c >= '0' && c <= '9');
        }
        return digit && letter;
    }
}
