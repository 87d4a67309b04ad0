package dev.piigate.detectors.secrets;

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
import dev.piigate.detectors.kit.SecretPlaceholder;
import dev.piigate.detectors.secrets.KeyText.BodyStats;

/**
 * Private keys as armored blocks, the whole block (BEGIN line to END line) one finding:
 * <ul>
 * <li>{@code -----BEGIN OPENSSH PRIVATE KEY-----} (OpenSSH PROTOCOL.key): OPENSSH_PRIVATE_KEY;
 * <li>{@code -----BEGIN PRIVATE KEY-----}, {@code ENCRYPTED PRIVATE KEY} (PKCS #8, RFC 5958 and
 * RFC 7468 sections 10-11), {@code RSA}/{@code DSA}/{@code EC PRIVATE KEY} (PKCS #1, RFC 5915, the
 * OpenSSL forms, with RFC 1421 {@code Proc-Type}/{@code DEK-Info} headers when encrypted), and any
 * other {@code <WORD> PRIVATE KEY} label: PKCS;
 * <li>{@code -----BEGIN PGP PRIVATE KEY BLOCK-----} (RFC 4880 section 6.2, armor headers and the
 * {@code =XXXX} checksum line inside the block): PGP_PRIVATE_KEY;
 * <li>{@code PuTTY-User-Key-File-2:} or {@code -3:} through the {@code Private-MAC:} line (PuTTY
 * manual, appendix C, "PPK file format"): PUTTY_PRIVATE_KEY.
 * </ul>
 * The type names are Macie's. Public keys and certificates ({@code BEGIN PUBLIC KEY},
 * {@code BEGIN CERTIFICATE}, {@code BEGIN PGP PUBLIC KEY BLOCK}) are rejected as known non-secrets;
 * {@code ssh-rsa AAAA...} lines never trigger. gitleaks' {@code private-key} rule matches the same
 * labels; this detector also reads blocks written inside string literals ({@link KeyText}).
 *
 * <p>A block cut off before its END line is still a finding, up to the last body line read
 * (lower confidence). A body that is a placeholder ({@code ...}, {@code <redacted>}, {@code XXXX},
 * {@code ***}, fewer than {@value #MIN_BODY} base64 chars) makes the block masked. Triggers are
 * {@link TokenRuns token runs} holding {@code -----BEGIN} or {@code PuTTY-User-Key-File-}; a block
 * is read at most {@value #MAX_BLOCK} chars, and reading resumes after it.
 */
public final class PrivateKeyDetector implements Detector {
    public static final String ID = "private_key_v1";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new PrivateKeyDetector());

    static final EntityType OPENSSH = new EntityType("OPENSSH_PRIVATE_KEY");
    static final EntityType PKCS = new EntityType("PKCS");
    static final EntityType PGP = new EntityType("PGP_PRIVATE_KEY");
    static final EntityType PUTTY = new EntityType("PUTTY_PRIVATE_KEY");
    /** The type a rejected armor block (a public key, a certificate, a bare BEGIN line) is filed under. */
    static final EntityType ARMOR = new EntityType("ARMORED_BLOCK");

    /** Base64 chars below which a body is a placeholder: an Ed25519 OpenSSH key body is ~300. */
    static final int MIN_BODY = 40;
    /** Chars read from a BEGIN line: a 16384-bit RSA key in PEM is ~12.5 KB, a PGP key with subkeys ~20 KB. */
    static final int MAX_BLOCK = 65536;
    /** A body run this long is a key line, even with no line break after it (newlines turned into spaces). */
    private static final int LINE = 32;
    private static final int MAX_LABEL = 48;
    private static final String BEGIN = "-----BEGIN";
    private static final String END = "-----END";
    private static final String PUTTY_HEAD = "PuTTY-User-Key-File-";

    private static final double CONFIDENCE = 0.99;
    private static final double CONFIDENCE_OTHER_LABEL = 0.95;
    private static final double CONFIDENCE_CUT = 0.9;
    private static final double CONFIDENCE_MASKED = 0.9;

    PrivateKeyDetector() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(OPENSSH, PKCS, PGP, PUTTY);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        if (text.tokenRuns().count() == 0) {
            return; // the search reads only token runs: no visitor to make for this text
        }
        String t = text.text();
        TokenRuns runs = text.tokenRuns();
        runs.forEachAnchor(TokenRuns.ARMOR, BEGIN, (runStart, p) -> armor(t, p, sink));
        runs.forEachAnchor(TokenRuns.ARMOR, PUTTY_HEAD, (runStart, p) -> putty(t, p, sink));
    }

    /** Judges the armored block whose BEGIN line starts at {@code start}; returns where reading stopped. */
    private int armor(String t, int start, FindingSink sink) {
        int n = t.length();
        int labelStart = start + BEGIN.length() + 1;
        if (labelStart >= n || t.charAt(labelStart - 1) != ' ') {
            return reject(start, start + BEGIN.length(), RejectReason.INVALID_PATTERN, sink);
        }
        int labelEnd = labelEnd(t, labelStart);
        if (labelEnd == labelStart || !t.startsWith("-----", labelEnd)) {
            // "-----BEGIN and -----END lines": a mention
            return reject(start, labelEnd == labelStart ? start + BEGIN.length() : labelEnd, RejectReason.INVALID_PATTERN, sink);
        }
        int lineEnd = labelEnd + 5;
        EntityType type = type(t, labelStart, labelEnd);
        if (type == null) {
            return reject(start, lineEnd, RejectReason.KNOWN_FALSE_POSITIVE, sink); // a public key, a certificate
        }
        double confidence = standardLabel(t, labelStart, labelEnd) ? CONFIDENCE : CONFIDENCE_OTHER_LABEL;
        return body(t, start, lineEnd, type, confidence, sink);
    }

    /**
     * Reads the body from the end of the BEGIN line: armor headers (before any data), base64
     * lines, placeholders, up to the END line or the first thing that is none of these.
     */
    private int body(String t, int start, int lineEnd, EntityType type, double confidence, FindingSink sink) {
        int limit = (int) Math.min(t.length(), (long) start + MAX_BLOCK);
        BodyStats stats = new BodyStats();
        boolean placeholder = false;
        int committed = lineEnd;
        int pendingStart = -1; // a base64 run read but not yet known to be a body line
        int pendingEnd = -1;
        int blockEnd = -1;
        boolean previousLine = false; // the last run read was as long as a key line
        int i = lineEnd;
        while (i < limit) {
            long gap = KeyText.gap(t, i, limit);
            int g = KeyText.gapEnd(gap);
            if (pendingEnd >= 0 && (KeyText.gapBreaks(gap) || pendingEnd - pendingStart >= LINE
                    || g >= limit || t.startsWith(END, g))) {
                stats.add(t, pendingStart, pendingEnd);
                committed = pendingEnd;
            }
            pendingEnd = -1;
            if (g >= limit) {
                break;
            }
            if (t.startsWith(END, g)) {
                blockEnd = endLineEnd(t, g);
                break;
            }
            int run = KeyText.bodyRunEnd(t, g, limit);
            if (run > g) {
                int name = KeyText.HEADER_NAME.runEnd(t, g, limit);
                if (stats.chars == 0 && name < limit && t.charAt(name) == ':') {
                    int headerEnd = KeyText.lineEnd(t, name, limit);
                    if (headerEnd < 0) {
                        break;
                    }
                    committed = headerEnd;
                    i = headerEnd;
                    continue;
                }
                if (!KeyText.gapBreaks(gap) && run - g < LINE && !previousLine) {
                    break; // short words between spaces, with no key line before them: prose, not a body
                }
                previousLine = run - g >= LINE;
                pendingStart = g;
                pendingEnd = run;
                i = run;
                continue;
            }
            int masked = stats.chars < MIN_BODY ? SecretPlaceholder.end(t, g) : -1;
            if (masked > g) {
                placeholder = true;
                committed = masked;
                i = masked;
                continue;
            }
            break;
        }
        boolean noKey = stats.isPlaceholder(MIN_BODY);
        if (blockEnd >= 0) {
            return found(type, start, blockEnd, noKey ? CONFIDENCE_MASKED : confidence, noKey, sink);
        }
        if (!noKey) {
            return found(type, start, committed, CONFIDENCE_CUT, false, sink);
        }
        if (placeholder || stats.chars > 0 && committed > lineEnd && stats.isPlaceholder(Integer.MIN_VALUE)) {
            return found(type, start, committed, CONFIDENCE_MASKED, true, sink);
        }
        return reject(start, lineEnd, RejectReason.INVALID_LENGTH, sink); // a BEGIN line with no body: a mention
    }

    /**
     * Judges a PuTTY key file from its first line: header lines, the Public-Lines and
     * Private-Lines sections, up to the Private-MAC line.
     */
    private int putty(String t, int start, FindingSink sink) {
        int n = t.length();
        int limit = (int) Math.min(n, (long) start + MAX_BLOCK);
        int version = start + PUTTY_HEAD.length();
        int versionEnd = version;
        while (versionEnd < limit && versionEnd - version < 2 && Character.isDigit(t.charAt(versionEnd))) {
            versionEnd++;
        }
        if (versionEnd == version || versionEnd >= limit || t.charAt(versionEnd) != ':') {
            return reject(PUTTY, start, versionEnd, RejectReason.INVALID_PATTERN, sink);
        }
        int committed = KeyText.lineEnd(t, versionEnd, limit);
        if (committed < 0) {
            return reject(PUTTY, start, versionEnd + 1, RejectReason.INVALID_PATTERN, sink);
        }
        BodyStats privateBody = new BodyStats();
        boolean inPrivate = false;
        boolean sawPrivate = false;
        boolean placeholder = false;
        int blockEnd = -1;
        int i = committed;
        while (i < limit) {
            long gap = KeyText.gap(t, i, limit);
            int g = KeyText.gapEnd(gap);
            if (!KeyText.gapBreaks(gap) || g >= limit) {
                break; // every PPK item is on a line of its own
            }
            int name = KeyText.HEADER_NAME.runEnd(t, g, limit);
            if (name > g && name < limit && t.charAt(name) == ':') {
                if (t.startsWith("Private-MAC", g) || t.startsWith("Private-Hash", g)) {
                    int mac = name + 1;
                    while (mac < limit && t.charAt(mac) == ' ') {
                        mac++;
                    }
                    blockEnd = Alphabet.HEX.runEnd(t, mac, limit);
                    int masked = SecretPlaceholder.end(t, mac);
                    if (blockEnd == mac && masked > mac) {
                        blockEnd = masked;
                    }
                    if (blockEnd == mac) {
                        blockEnd = name + 1;
                    }
                    break;
                }
                inPrivate = t.startsWith("Private-Lines", g);
                sawPrivate |= inPrivate;
                int lineEnd = KeyText.lineEnd(t, name, limit);
                if (lineEnd < 0) {
                    break;
                }
                committed = lineEnd;
                i = lineEnd;
                continue;
            }
            int run = KeyText.bodyRunEnd(t, g, limit);
            if (run > g) {
                if (inPrivate) {
                    privateBody.add(t, g, run);
                }
                committed = run;
                i = run;
                continue;
            }
            int masked = SecretPlaceholder.end(t, g);
            if (masked > g) {
                placeholder |= inPrivate;
                committed = masked;
                i = masked;
                continue;
            }
            break;
        }
        if (!sawPrivate) {
            return reject(PUTTY, start, committed, RejectReason.INVALID_LENGTH, sink); // cut before the private part
        }
        boolean noKey = privateBody.isPlaceholder(MIN_BODY);
        if (noKey && !placeholder && blockEnd < 0) {
            return reject(PUTTY, start, committed, RejectReason.INVALID_LENGTH, sink);
        }
        int end = blockEnd >= 0 ? blockEnd : committed;
        double confidence = noKey ? CONFIDENCE_MASKED : blockEnd >= 0 ? CONFIDENCE : CONFIDENCE_CUT;
        return found(PUTTY, start, end, confidence, noKey, sink);
    }

    /** The type of an armor label, or null if it is not a private key. */
    private static EntityType type(String t, int start, int end) {
        if (is(t, start, end, "PGP PRIVATE KEY BLOCK")) {
            return PGP;
        }
        if (is(t, start, end, "OPENSSH PRIVATE KEY")) {
            return OPENSSH;
        }
        if (is(t, start, end, "PRIVATE KEY") || endsWith(t, start, end, " PRIVATE KEY")) {
            return PKCS;
        }
        return null;
    }

    private static boolean standardLabel(String t, int start, int end) {
        for (String label : new String[] {"PGP PRIVATE KEY BLOCK", "OPENSSH PRIVATE KEY", "PRIVATE KEY",
            "RSA PRIVATE KEY", "DSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"}) {
            if (is(t, start, end, label)) {
                return true;
            }
        }
        return false;
    }

    private static boolean is(String t, int start, int end, String label) {
        return end - start == label.length() && t.startsWith(label, start);
    }

    private static boolean endsWith(String t, int start, int end, String suffix) {
        return end - start > suffix.length() && t.startsWith(suffix, end - suffix.length());
    }

    /** The end of an armor label ({@code A-Z}, digits, single spaces) from {@code from}. */
    private static int labelEnd(String t, int from) {
        int stop = Math.min(t.length(), from + MAX_LABEL);
        int i = from;
        while (i < stop) {
            char c = t.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == ' ' && i > from && t.charAt(i - 1) != ' ')) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** The end of the END line at {@code at}: past its closing dashes, or past its label if they are missing. */
    private static int endLineEnd(String t, int at) {
        int i = at + END.length();
        if (i < t.length() && t.charAt(i) == ' ') {
            int label = labelEnd(t, i + 1);
            return t.startsWith("-----", label) ? label + 5 : label;
        }
        return i;
    }

    private static int found(EntityType type, int start, int end, double confidence, boolean masked, FindingSink sink) {
        sink.found(new Finding(type, start, end, ID, confidence, masked, false));
        return end;
    }

    private static int reject(int start, int end, RejectReason reason, FindingSink sink) {
        return reject(ARMOR, start, end, reason, sink);
    }

    private static int reject(EntityType type, int start, int end, RejectReason reason, FindingSink sink) {
        sink.rejected(type, start, end, ID, reason);
        return Math.max(end, start + 1);
    }
}
