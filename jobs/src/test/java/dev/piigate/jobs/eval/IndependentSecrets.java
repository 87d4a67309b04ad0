package dev.piigate.jobs.eval;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a credential label is right WITHOUT the detectors under test: regexes for the
 * published formats, {@link CRC32} for the GitHub and npm checksums, {@link Base64} and Jackson for
 * JWT parts and basic-auth values, DER, OpenSSH, OpenPGP (CRC-24 written here) and PuTTY structure
 * for key blocks. The context rules (an AWS secret key needs a keyword or its key id near, a URL
 * password sits between {@code scheme://user:} and {@code @host}) are read from the record text.
 */
final class IndependentSecrets {
    static final String AWS_KEY_ID = "AWS_ACCESS_KEY_ID";
    static final String AWS_SECRET = "AWS_CREDENTIALS";
    static final String GITHUB = "GITHUB_TOKEN";
    static final String GITLAB = "GITLAB_TOKEN";
    static final String SLACK = "SLACK_TOKEN";
    static final String GCP = "GCP_API_KEY";
    static final String OPENAI = "OPENAI_API_KEY";
    static final String HUGGINGFACE = "HUGGINGFACE_TOKEN";
    static final String NPM = "NPM_TOKEN";
    static final String STRIPE = "STRIPE_CREDENTIALS";
    static final String JWT = "JSON_WEB_TOKEN";
    static final String OPENSSH = "OPENSSH_PRIVATE_KEY";
    static final String PKCS = "PKCS";
    static final String PGP = "PGP_PRIVATE_KEY";
    static final String PUTTY = "PUTTY_PRIVATE_KEY";
    static final String BASIC_AUTH = "HTTP_BASIC_AUTH_HEADER";
    static final String URL_CREDENTIALS = "URL_CREDENTIALS";

    static final List<String> TYPES = List.of(AWS_KEY_ID, AWS_SECRET, GITHUB, GITLAB, SLACK, GCP, OPENAI, HUGGINGFACE,
            NPM, STRIPE, JWT, OPENSSH, PKCS, PGP, PUTTY, BASIC_AUTH, URL_CREDENTIALS);

    /** The issue's stricter target (F1 >= 0.995) holds for these: a checksum or an armor decides. */
    static final Set<String> CHECKSUMMED_OR_ARMORED = Set.of(GITHUB, NPM, OPENSSH, PKCS, PGP, PUTTY);

    /** AWS's documented example pair (IAM user guide): test values. */
    static final String AWS_EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String AWS_EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** jwt.io's stock token, signed with HS256 and the secret "your-256-bit-secret". */
    static final String JWT_IO_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    /** RFC 7617's example credentials, Aladdin:open sesame. */
    static final String RFC7617_BASIC = "QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    /** Stripe's documented test keys (API reference examples). */
    static final Set<String> STRIPE_DOC_KEYS = Set.of("sk_test_4eC39HqLyjWDarjtT1zdp7dc",
            "pk_test_TYooMQauvdEDq54NiTphI7jx");

    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern AWS_ID = Pattern.compile("(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}");
    private static final Pattern AWS_ID_IN_TEXT = Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])");
    private static final Pattern AWS_SECRET_SHAPE = Pattern.compile("[A-Za-z0-9/+]{40}");
    /** Macie's AWS_CREDENTIALS keywords, as identifiers are written (snake, camel, spaced). */
    private static final Pattern AWS_KEYWORD = Pattern.compile(
            "(?i)aws_?secret_?access_?key|aws_?secret_?key|secret[ _-]?access[ _-]?key|aws[ _-]secret|secret[ _-]?key");
    private static final Pattern GITHUB_CLASSIC = Pattern.compile("gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})");
    private static final Pattern GITHUB_FINE = Pattern.compile("github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}");
    private static final Pattern GITLAB_PAT = Pattern.compile("glpat-[A-Za-z0-9_-]{20}");
    private static final Pattern SLACK_TOKEN = Pattern.compile(
            "xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}|xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}");
    private static final Pattern SLACK_WEBHOOK = Pattern.compile(
            "https://hooks\\.slack\\.com/services/T[A-Z0-9]{8,10}/B[A-Z0-9]{8,10}/[A-Za-z0-9]{24}");
    private static final Pattern GCP_KEY = Pattern.compile("AIza[0-9A-Za-z_-]{35}");
    private static final Pattern OPENAI_LEGACY = Pattern.compile("sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}");
    private static final Pattern OPENAI_PROJECT = Pattern.compile(
            "sk-proj-([A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58}T3BlbkFJ[A-Za-z0-9_-]{58})");
    private static final Pattern HF_TOKEN = Pattern.compile("hf_[A-Za-z]{34}");
    private static final Pattern NPM_TOKEN = Pattern.compile("npm_([A-Za-z0-9]{30})([A-Za-z0-9]{6})");
    private static final Pattern STRIPE_LIVE = Pattern.compile("(sk|rk)_live_[A-Za-z0-9]{24,99}");
    private static final Pattern STRIPE_TEST = Pattern.compile("(sk|pk)_test_[A-Za-z0-9]{24,99}");
    private static final Pattern JWT_SHAPE = Pattern.compile("([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)");
    /** BEGIN line, optional RFC 1421 headers, base64 lines, END line naming the same label. */
    private static final Pattern ARMOR = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\n((?:[A-Za-z-]+: [^\\n]*\\n)*)\\n?((?:[A-Za-z0-9+/][A-Za-z0-9+/=]*\\n)+)(=[A-Za-z0-9+/]{4}\\n)?-----END \\1-----");
    private static final Pattern PUTTY_FILE = Pattern.compile("PuTTY-User-Key-File-([23]): (ssh-[a-z0-9-]+)\\n"
            + "Encryption: none\\nComment: [^\\n]*\\nPublic-Lines: ([0-9]+)\\n((?:[A-Za-z0-9+/=]+\\n)+)"
            + "Private-Lines: ([0-9]+)\\n((?:[A-Za-z0-9+/=]+\\n)+)Private-MAC: ([0-9a-f]+)");
    private static final Pattern URL_USER_BEFORE = Pattern.compile("[a-z][a-z0-9+.-]*://[A-Za-z0-9._-]+:$");
    private static final Pattern URL_PASSWORD = Pattern.compile("[A-Za-z0-9._~!$-]+");
    /** Mask characters a masked credential may hold in place of its secret part. */
    private static final Pattern MASKED_TAIL = Pattern.compile("(?:[*•]{3,}|\\.\\.\\.|…)[A-Za-z0-9]{0,4}");
    private static final List<String> MASKABLE_PREFIXES = List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
            "glpat-", "xoxb-", "xoxp-", "AIza", "sk-proj-", "sk-", "hf_", "npm_", "sk_live_", "rk_live_");
    private static final Pattern MASKED_BODY_LINE = Pattern.compile("[ \\t]*(\\.\\.\\.|…|<redacted>|\\[REDACTED\\])[ \\t]*");

    private IndependentSecrets() {}

    static boolean isType(String type) {
        return TYPES.contains(type);
    }

    // ---------------------------------------------------------------- checksums written here

    /** GitHub's and npm's checksum: CRC32 of the random part, base 62, six characters, zero-padded. */
    static String crcTail(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long v = crc.getValue();
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(out);
    }

    /** OpenPGP's armor checksum (RFC 4880, 6.1): CRC-24, initial 0xB704CE, polynomial 0x1864CFB. */
    static int crc24(byte[] data) {
        int crc = 0xB704CE;
        for (byte b : data) {
            crc ^= (b & 0xff) << 16;
            for (int i = 0; i < 8; i++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= 0x1864CFB;
                }
            }
        }
        return crc & 0xFFFFFF;
    }

    // ---------------------------------------------------------------- formats

    static boolean githubToken(String s) {
        Matcher m = GITHUB_CLASSIC.matcher(s);
        return m.matches() ? crcTail(m.group(1)).equals(m.group(2)) : GITHUB_FINE.matcher(s).matches();
    }

    static boolean npmToken(String s) {
        Matcher m = NPM_TOKEN.matcher(s);
        return m.matches() && crcTail(m.group(1)).equals(m.group(2));
    }

    static JsonNode jsonObject(String base64url) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(base64url);
            JsonNode n = JSON.readTree(utf8(raw));
            return n != null && n.isObject() ? n : null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    /** Three base64url parts; the header is a JSON object with "alg", the payload a JSON object. */
    static boolean jwt(String s) {
        Matcher m = JWT_SHAPE.matcher(s);
        if (!m.matches()) {
            return false;
        }
        JsonNode header = jsonObject(m.group(1));
        return header != null && header.hasNonNull("alg") && jsonObject(m.group(2)) != null
                && decodes(Base64.getUrlDecoder(), m.group(3));
    }

    /** jwt.io's token, recognised by its signature (HS256 with jwt.io's documented secret), not by its text. */
    static boolean jwtIoToken(String s) {
        int dot = s.lastIndexOf('.');
        if (dot < 0 || !jwt(s)) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("your-256-bit-secret".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            byte[] sig = mac.doFinal(s.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig).equals(s.substring(dot + 1));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean decodes(Base64.Decoder d, String s) {
        try {
            return d.decode(s).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String utf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Standard base64 (padded) of {@code user:password}, both non-empty, printable UTF-8. */
    static boolean basicAuthValue(String s) {
        if (s.length() % 4 != 0 || !s.matches("[A-Za-z0-9+/]+={0,2}")) {
            return false;
        }
        String decoded = utf8(Base64.getDecoder().decode(s));
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        return colon > 0 && colon < decoded.length() - 1 && decoded.chars().noneMatch(Character::isISOControl);
    }

    /** A key block as one text: JSON-escaped line breaks and YAML indentation undone. */
    static String unwrapBlock(String s) {
        String t = s.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\r\n", "\n");
        StringBuilder out = new StringBuilder(t.length());
        for (String line : t.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line.strip());
        }
        return out.toString();
    }

    /** The type of a private-key block (PKCS, OPENSSH, PGP), or null: public keys and certificates are none. */
    static String armoredKeyType(String block) {
        String s = unwrapBlock(block);
        Matcher m = ARMOR.matcher(s);
        if (!m.matches()) {
            return null;
        }
        String label = m.group(1);
        byte[] body;
        try {
            body = Base64.getMimeDecoder().decode(m.group(3));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (body.length < 16) {
            return null;
        }
        switch (label) {
            case "RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
                return (body[0] & 0xff) == 0x30 && m.group(4) == null ? PKCS : null; // DER SEQUENCE
            case "OPENSSH PRIVATE KEY":
                return new String(body, 0, 15, StandardCharsets.ISO_8859_1).equals("openssh-key-v1\0") ? OPENSSH : null;
            case "PGP PRIVATE KEY BLOCK":
                if (m.group(4) == null) {
                    return null;
                }
                byte[] crc = Base64.getDecoder().decode(m.group(4).substring(1, 5));
                int want = (crc[0] & 0xff) << 16 | (crc[1] & 0xff) << 8 | crc[2] & 0xff;
                int tag = body[0] & 0xff;
                boolean secretKeyPacket = (tag & 0xC0) == 0xC0 ? (tag & 0x3F) == 5 : (tag & 0x80) != 0 && (tag >> 2 & 0xF) == 5;
                return crc24(body) == want && secretKeyPacket ? PGP : null;
            default:
                return null;
        }
    }

    static boolean puttyKey(String block) {
        Matcher m = PUTTY_FILE.matcher(unwrapBlock(block));
        if (!m.matches()) {
            return false;
        }
        String[] pub = m.group(4).split("\n", 0);
        String[] priv = m.group(6).split("\n", 0);
        if (pub.length != Integer.parseInt(m.group(3)) || priv.length != Integer.parseInt(m.group(5))
                || m.group(7).length() != (m.group(1).equals("3") ? 64 : 40)) {
            return false;
        }
        byte[] blob = Base64.getMimeDecoder().decode(m.group(4));
        // the public blob opens with the algorithm name as an SSH string
        int n = (blob[0] & 0xff) << 24 | (blob[1] & 0xff) << 16 | (blob[2] & 0xff) << 8 | blob[3] & 0xff;
        return n == m.group(2).length() && new String(blob, 4, n, StandardCharsets.US_ASCII).equals(m.group(2))
                && Base64.getMimeDecoder().decode(m.group(6)).length > 0;
    }

    /** A key block whose body is elided ({@code ...}): a masked key of its label's type. */
    static String maskedBlockType(String block) {
        String[] lines = unwrapBlock(block).split("\n", 0);
        if (lines.length < 3 || !lines[0].startsWith("-----BEGIN ") || !lines[lines.length - 1].startsWith("-----END ")) {
            return null;
        }
        for (int i = 1; i < lines.length - 1; i++) {
            if (!MASKED_BODY_LINE.matcher(lines[i]).matches()) {
                return null;
            }
        }
        String label = lines[0].substring(11, lines[0].length() - 5);
        if (!lines[lines.length - 1].equals("-----END " + label + "-----")) {
            return null;
        }
        return switch (label) {
            case "RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> PKCS;
            case "OPENSSH PRIVATE KEY" -> OPENSSH;
            case "PGP PRIVATE KEY BLOCK" -> PGP;
            default -> null;
        };
    }

    /** A credential written with its secret part replaced by mask characters. */
    static boolean masked(String type, String s) {
        if (type.equals(PKCS) || type.equals(OPENSSH) || type.equals(PGP)) {
            return type.equals(maskedBlockType(s));
        }
        if (type.equals(AWS_KEY_ID)) {
            return s.matches("(AKIA|ASIA)([*•]{16}|X{16}|[*•]{3,12}[A-Z2-7]{4})");
        }
        for (String prefix : MASKABLE_PREFIXES) {
            if (s.startsWith(prefix) && MASKED_TAIL.matcher(s.substring(prefix.length())).matches()) {
                return type.equals(prefixType(prefix));
            }
        }
        return false;
    }

    private static String prefixType(String prefix) {
        return switch (prefix) {
            case "glpat-" -> GITLAB;
            case "xoxb-", "xoxp-" -> SLACK;
            case "AIza" -> GCP;
            case "sk-proj-", "sk-" -> OPENAI;
            case "hf_" -> HUGGINGFACE;
            case "npm_" -> NPM;
            case "sk_live_", "rk_live_" -> STRIPE;
            default -> GITHUB;
        };
    }

    /**
     * Around a look-alike, more than any detector's reach: an AWS keyword or key id anywhere within
     * 150 characters either side makes a 40-character look-alike ambiguous (the generator redraws).
     */
    static boolean awsAnywhereNear(String text, int start, int end) {
        String around = text.substring(Math.max(0, start - 150), Math.min(text.length(), end + 150));
        return AWS_KEYWORD.matcher(around).find() || AWS_ID_IN_TEXT.matcher(around).find();
    }

    /** Is an AWS secret keyword (60 characters before) or an access key id (80 either side) within reach? */
    static boolean awsContext(String text, int start, int end) {
        String before = text.substring(Math.max(0, start - 60), start);
        if (AWS_KEYWORD.matcher(before).find()) {
            return true;
        }
        String around = text.substring(Math.max(0, start - 80), Math.min(text.length(), end + 80));
        return AWS_ID_IN_TEXT.matcher(around).find();
    }

    /** The credential type a value is by its own text alone (no context), or null. */
    static String typeOf(String v) {
        if (AWS_ID.matcher(v).matches()) {
            return AWS_KEY_ID;
        }
        if (githubToken(v)) {
            return GITHUB;
        }
        if (GITLAB_PAT.matcher(v).matches()) {
            return GITLAB;
        }
        if (SLACK_TOKEN.matcher(v).matches() || SLACK_WEBHOOK.matcher(v).matches()) {
            return SLACK;
        }
        if (GCP_KEY.matcher(v).matches()) {
            return GCP;
        }
        if (OPENAI_LEGACY.matcher(v).matches() || OPENAI_PROJECT.matcher(v).matches()) {
            return OPENAI;
        }
        if (HF_TOKEN.matcher(v).matches()) {
            return HUGGINGFACE;
        }
        if (npmToken(v)) {
            return NPM;
        }
        if (STRIPE_LIVE.matcher(v).matches() || STRIPE_TEST.matcher(v).matches()) {
            return STRIPE;
        }
        if (jwt(v)) {
            return JWT;
        }
        if (puttyKey(v)) {
            return PUTTY;
        }
        return armoredKeyType(v);
    }

    static boolean testValue(String type, String v) {
        return switch (type) {
            case AWS_KEY_ID -> v.equals(AWS_EXAMPLE_KEY_ID);
            case AWS_SECRET -> v.equals(AWS_EXAMPLE_SECRET);
            case JWT -> jwtIoToken(v);
            case BASIC_AUTH -> v.equals(RFC7617_BASIC) && "Aladdin:open sesame".equals(
                    new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
            case STRIPE -> STRIPE_TEST.matcher(v).matches();
            default -> false;
        };
    }

    /** Why a credential label is wrong for its record, or null when it is right. */
    static String check(EvalRecord record, Label l) {
        String text = record.text();
        String v = record.covered(l);
        if (Label.MASKED.equals(l.state())) {
            return masked(l.type(), v) ? null : "not a masked " + l.type();
        }
        if (Label.TEST.equals(l.state())) {
            boolean ok = testValue(l.type(), v) && (!l.type().equals(AWS_SECRET) || awsContext(text, l.start(), l.end()));
            return ok ? null : "not a test " + l.type();
        }
        boolean ok = switch (l.type()) {
            case AWS_KEY_ID -> AWS_KEY_ID.equals(typeOf(v)) && !testValue(AWS_KEY_ID, v);
            case AWS_SECRET -> AWS_SECRET_SHAPE.matcher(v).matches() && !v.equals(AWS_EXAMPLE_SECRET)
                    && awsContext(text, l.start(), l.end());
            case BASIC_AUTH -> basicAuthValue(v) && !v.equals(RFC7617_BASIC)
                    && text.substring(0, l.start()).matches("(?s).*(Authorization: |\"Authorization\": \")Basic $");
            case URL_CREDENTIALS -> URL_PASSWORD.matcher(v).matches() && text.startsWith("@", l.end())
                    && URL_USER_BEFORE.matcher(text.substring(Math.max(0, l.start() - 80), l.start())).find();
            case STRIPE -> STRIPE_LIVE.matcher(v).matches();
            case JWT -> jwt(v) && !jwtIoToken(v);
            default -> l.type().equals(typeOf(v));
        };
        return ok ? null : "not a valid unmasked " + l.type();
    }

    /**
     * Why a decoy is a decoy, or null when it is not one: its text is no credential by itself, and a
     * 40-character base64 look-alike has no AWS keyword or key id within reach.
     */
    static String checkDecoy(EvalRecord record, Label l) {
        String v = record.covered(l);
        String type = typeOf(v);
        if (type != null) {
            return "look-alike is a " + type;
        }
        if (AWS_SECRET_SHAPE.matcher(v).matches() && awsAnywhereNear(record.text(), l.start(), l.end())) {
            return "40-character look-alike next to an AWS keyword or key id";
        }
        Matcher m = AWS_SECRET_SHAPE.matcher(v);
        while (m.find()) {
            if ((m.start() == 0 || !Character.isLetterOrDigit(v.charAt(m.start() - 1)))
                    && (m.end() == v.length() || !Character.isLetterOrDigit(v.charAt(m.end())))
                    && awsAnywhereNear(record.text(), l.start() + m.start(), l.start() + m.end())) {
                return "40-character run inside a look-alike next to an AWS keyword or key id";
            }
        }
        return null;
    }
}
