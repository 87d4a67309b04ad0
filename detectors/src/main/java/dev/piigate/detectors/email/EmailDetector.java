package dev.piigate.detectors.email;

import java.util.Set;
import org.apache.commons.validator.routines.DomainValidator;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.Boundary;

/**
 * E-mail addresses, found from their '@' (a {@code String.indexOf} intrinsic, so prose costs a
 * memchr): the local part is expanded to the left (RFC 5322 dot-atom, at most 64 characters), the
 * domain to the right (labels of letters, digits and inner hyphens, IDN and punycode), and the
 * last label must be an IANA TLD (Commons Validator's {@link DomainValidator}).
 *
 * <p>Masked: a starred local part or domain ({@code j***@example.com}), and every address at an
 * RFC 2606 / RFC 6761 reserved name ({@code example.com}, {@code *.example}, {@code .test},
 * {@code .invalid}): that is where anonymisers put their placeholders (datatrove's
 * {@code email@example.com}, BigCode's random letters {@code @example.com}).
 *
 * <p>Not reported: {@code git@github.com:org/repo} (an SSH remote: the user is a service account,
 * KNOWN_FALSE_POSITIVE) and retina image names {@code icon@2x.png} / {@code icon@3x.zip}
 * (KNOWN_FALSE_POSITIVE, even where the extension is a TLD).
 */
public final class EmailDetector implements Detector {
    public static final String ID = "email_v2";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new EmailDetector());

    static final EntityType TYPE = EntityType.EMAIL_ADDRESS;
    static final int MAX_LOCAL = 64;
    static final int MAX_DOMAIN = 253;
    static final int MAX_LABEL = 63;

    private static final double CONFIDENCE = 0.95;
    private static final double CONFIDENCE_MASKED = 0.9;

    private final DomainValidator domains;

    EmailDetector() {
        this.domains = DomainValidator.getInstance(); // immutable unless overrides are set: we set none
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(EntityType.EMAIL_ADDRESS);
    }

    @Override
    public void scan(ScanText scanText, FindingSink sink) {
        String t = scanText.text();
        if (!scanText.mayContain(ScanText.AT)) {
            return; // the index pass saw no '@': no second pass over the text for one
        }
        int at = t.indexOf('@');
        while (at >= 0) {
            int next = judge(t, at, sink);
            at = t.indexOf('@', Math.max(next, at + 1));
        }
    }

    /** Judges the candidate around the '@' at {@code at}; returns where to look for the next '@'. */
    private int judge(String t, int at, FindingSink sink) {
        // Local part, leftwards: one character past the limit tells "too long" from "just fits".
        int s = at;
        // '=' is legal in a local part, but in text "key=jane@mailbox.org" is an assignment: stop there;
        // '|' is a table's cell border ("287-65-4321|jane@mailbox.org"); a change of script is a
        // word boundary ("メールはjane@mailbox.org").
        while (s > 0 && at - s <= MAX_LOCAL && isLocalChar(t.charAt(s - 1)) && t.charAt(s - 1) != '='
                && t.charAt(s - 1) != '|' && (s == at || !Chars.isScriptChange(t.charAt(s - 1), t.charAt(s)))) {
            s--;
        }
        // Quotes, slashes and the like are legal in a local part but in text they are punctuation.
        while (s < at && isLeadingPunct(t.charAt(s))) {
            s++;
        }
        int domainStart = at + 1;
        int e = domainStart;
        int n = t.length();
        int labels = 0;
        int labelStart = e;
        boolean badLabel = false;
        boolean starred = false;
        while (e < n && e - domainStart <= MAX_DOMAIN) {
            char c = t.charAt(e);
            if (c == '.') {
                if (e == labelStart) {
                    break; // ".." or a leading dot: the domain ends before it
                }
                badLabel |= !labelOk(t, labelStart, e);
                labels++;
                labelStart = e + 1;
            } else if (isDomainChar(c) && (e == labelStart || !Chars.isScriptChange(t.charAt(e - 1), c))) {
                starred |= c == '*' || c == '\u2022' || c == '\u25CF';
            } else {
                break;
            }
            e++;
        }
        if (e > labelStart) {
            badLabel |= !labelOk(t, labelStart, e);
            labels++;
        } else if (e > domainStart && t.charAt(e - 1) == '.') {
            e--; // the full stop of a sentence, or a dot before garbage
        }
        if (s == at || e == domainStart) {
            return at + 1; // "@mention", "a @ b", "user@": not a candidate
        }
        int lastLabel = lastLabelStart(t, domainStart, e);
        if (at - s > MAX_LOCAL || e - domainStart > MAX_DOMAIN) {
            reject(sink, s, e, RejectReason.INVALID_LENGTH);
            return e;
        }
        if (!Boundary.WORD.standalone(t, s, e) || (e < n && (t.charAt(e) == '@' || t.charAt(e) == '_'))
                || (s > 0 && t.charAt(s - 1) == '@')) {
            reject(sink, s, e, RejectReason.TOKEN_BOUNDARY);
            return e;
        }
        if (isRetinaImage(t, domainStart, e)) {
            reject(sink, s, e, RejectReason.KNOWN_FALSE_POSITIVE);
            return e;
        }
        if (!localOk(t, s, at) || badLabel) {
            reject(sink, s, e, RejectReason.INVALID_PATTERN);
            return e;
        }
        boolean reserved = labels >= 2 && ReservedDomains.isPlaceholder(t, domainStart, e, lastLabel);
        if (!reserved && (labels < 2 || !domains.isValidTld(t.substring(lastLabel, e)))) {
            reject(sink, s, e, RejectReason.INVALID_DOMAIN);
            return e;
        }
        if (isScpRemote(t, s, at, e) || isUrlUserInfo(t, s)) {
            reject(sink, s, e, RejectReason.KNOWN_FALSE_POSITIVE);
            return e;
        }
        boolean masked = reserved || starred || maskedLocal(t, s, at);
        sink.found(new Finding(TYPE, s, e, ID, masked ? CONFIDENCE_MASKED : CONFIDENCE, masked, false));
        return e;
    }

    private static void reject(FindingSink sink, int s, int e, RejectReason reason) {
        sink.rejected(TYPE, s, e, ID, reason);
    }

    /** RFC 5322 atext plus the dot, and the bullets anonymisers star a local part with. */
    static boolean isLocalChar(char c) {
        if (c < 0x80) {
            if (Chars.isAsciiLetterOrDigit(c)) {
                return true;
            }
            switch (c) {
                case '!', '#', '$', '%', '&', '\'', '*', '+', '/', '=', '?', '^', '_', '`', '{', '|', '}', '~', '.',
                        '-':
                    return true;
                default:
                    return false;
            }
        }
        // RFC 6531 allows UTF-8 local parts; the bullets stand for hidden characters.
        return Character.isLetterOrDigit(c) || c == '\u2022' || c == '\u25CF';
    }

    /** Characters legal in a local part that, in front of one, are nearly always prose punctuation. */
    private static boolean isLeadingPunct(char c) {
        switch (c) {
            case '\'', '`', '{', '}', '|', '=', '/', '.', '!', '?', '^', '~', '#', '$', '%', '&':
                return true;
            default:
                return false;
        }
    }

    /** Letters (IDN too), digits, hyphens; the mask characters of a starred domain. */
    private static boolean isDomainChar(char c) {
        if (c < 0x80) {
            return Chars.isAsciiLetterOrDigit(c) || c == '-' || c == '*';
        }
        return Character.isLetterOrDigit(c) || c == '\u2022' || c == '\u25CF';
    }

    /** 1-63 characters, no hyphen at either end (punycode "xn--" has its hyphens inside). */
    private static boolean labelOk(String t, int s, int e) {
        return e > s && e - s <= MAX_LABEL && t.charAt(s) != '-' && t.charAt(e - 1) != '-';
    }

    private static int lastLabelStart(String t, int domainStart, int e) {
        int dot = t.lastIndexOf('.', e - 1);
        return dot < domainStart ? domainStart : dot + 1;
    }

    /** No leading, trailing or doubled dot; the dot-atom form of RFC 5322. */
    private static boolean localOk(String t, int s, int at) {
        if (t.charAt(s) == '.' || t.charAt(at - 1) == '.') {
            return false;
        }
        for (int k = s + 1; k < at; k++) {
            if (t.charAt(k) == '.' && t.charAt(k - 1) == '.') {
                return false;
            }
        }
        return true;
    }

    /** A run of two or more stars or bullets, or a local part made of nothing else. */
    private static boolean maskedLocal(String t, int s, int at) {
        int run = 0;
        for (int k = s; k < at; k++) {
            char c = t.charAt(k);
            if (c == '*' || c == '\u2022' || c == '\u25CF') {
                if (++run >= 2) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return run == at - s;
    }

    /** "icon@2x.png", "logo@3x.zip", "hero@1.5x.webp": density suffixes of image assets. */
    private static boolean isRetinaImage(String t, int domainStart, int e) {
        int k = domainStart;
        while (k < e && Chars.isDigit(t.charAt(k))) {
            k++;
        }
        if (k == domainStart) {
            return false;
        }
        if (k < e && t.charAt(k) == '.') { // "1.5x"
            int frac = ++k;
            while (k < e && Chars.isDigit(t.charAt(k))) {
                k++;
            }
            if (k == frac) {
                return false;
            }
        }
        return k + 1 < e && (t.charAt(k) | 0x20) == 'x' && t.charAt(k + 1) == '.';
    }

    /** "https://user:secret@host.com/": the part after the ':' is a password, not a mailbox. */
    private static boolean isUrlUserInfo(String t, int s) {
        if (s == 0 || t.charAt(s - 1) != ':') {
            return false;
        }
        int k = s - 1;
        while (k > 0 && s - k <= MAX_LOCAL && isLocalChar(t.charAt(k - 1)) && t.charAt(k - 1) != '/') {
            k--;
        }
        return k >= 2 && t.charAt(k - 1) == '/' && t.charAt(k - 2) == '/';
    }

    /** "git@github.com:org/repo.git": scp-style SSH remote of a hosting service, not a mailbox. */
    private static boolean isScpRemote(String t, int s, int at, int e) {
        return at - s == 3 && t.startsWith("git", s) && e < t.length() && t.charAt(e) == ':';
    }
}
