package dev.piigate.jobs.samples;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Made-up credentials in the written shapes of their issuers, from a random source of their own
 * (so the PII samples keep their bytes). Checksummed formats carry a correct checksum; key blocks
 * have real structure headers (DER sequence, {@code openssh-key-v1}, PuTTY's key file lines,
 * OpenPGP's CRC-24 armor checksum) around random key material, so none is a usable key. No value
 * repeats.
 */
final class SecretFakes {
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String BASE32_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String BASE64_CHARS = BASE62 + "+/";
    private static final String BASE64URL_CHARS = BASE62 + "-_";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** Digits a Slack id part may start with here: never 2-6, so no part can pass for a card or a phone. */
    private static final String SLACK_LEAD_DIGITS = "1789";
    /** jwt.io's header {"alg":"HS256","typ":"JWT"}, base64url. */
    static final String JWT_HS256_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    private final Random random;
    private final Set<String> used = new HashSet<>();

    SecretFakes(long seed) {
        this.random = new Random(seed);
    }

    // ------------------------------------------------------------------ tokens

    String awsAccessKeyId() {
        return unique(() -> "AKIA" + chars(BASE32_UPPER, 16));
    }

    /** 40 of [A-Za-z0-9/+] with every class present, as AWS secret access keys are. */
    String awsSecretKey() {
        return unique(() -> {
            String s = chars(BASE64_CHARS, 40);
            boolean upper = s.chars().anyMatch(Character::isUpperCase);
            boolean lower = s.chars().anyMatch(Character::isLowerCase);
            boolean digit = s.chars().anyMatch(Character::isDigit);
            boolean symbol = s.indexOf('/') >= 0 || s.indexOf('+') >= 0;
            return upper && lower && digit && symbol ? s : null;
        });
    }

    /** GitHub's format: prefix, 30 base62, CRC32 of those 30 in base62 left-padded to 6. */
    String checksummedToken(String prefix) {
        return unique(() -> {
            String body = chars(BASE62, 30);
            return prefix + body + crc32Base62(body);
        });
    }

    /** A GitHub-shaped token whose checksum is wrong (a hard negative). */
    String checksumFailingToken(String prefix) {
        return unique(() -> {
            String body = chars(BASE62, 30);
            String tail = chars(BASE62, 6);
            return tail.equals(crc32Base62(body)) ? null : prefix + body + tail;
        });
    }

    /** Fine-grained GitHub token: {@code github_pat_} + 22 base62 + '_' + 59 base62. */
    String githubFineGrained() {
        return unique(() -> "github_pat_" + chars(BASE62, 22) + "_" + chars(BASE62, 59));
    }

    String gitlabToken() {
        return unique(() -> "glpat-" + alnumEnds(BASE64URL_CHARS, 20));
    }

    String slackBotToken() {
        return unique(() -> "xoxb-" + slackDigits(12) + "-" + slackDigits(13) + "-" + chars(BASE62, 24));
    }

    String slackWebhook() {
        return unique(() -> "https://hooks.slack.com/services/T" + chars(UPPER_ALNUM, 8) + "/B" + chars(UPPER_ALNUM, 10)
                + "/" + chars(BASE62, 24));
    }

    /** Google API keys all begin {@code AIzaSy}; 39 characters in all. */
    String gcpApiKey() {
        return unique(() -> "AIzaSy" + alnumEnds(BASE64URL_CHARS, 33));
    }

    /** {@code sk-proj-<74>T3BlbkFJ<74>} ("T3BlbkFJ" is base64 of "OpenAI"). */
    String openAiProjectKey() {
        return unique(() -> "sk-proj-" + alnumEnds(BASE64URL_CHARS, 74) + "T3BlbkFJ" + alnumEnds(BASE64URL_CHARS, 74));
    }

    String huggingFaceToken() {
        return unique(() -> "hf_" + chars(LETTERS, 34));
    }

    /** {@code sk_live_} or {@code rk_live_}; long keys begin with Stripe's account-era digits "51". */
    String stripeLiveKey(String prefix, int length) {
        return unique(() -> prefix + (length > 24 ? "51" + chars(BASE62, length - 2) : chars(BASE62, length)));
    }

    /** HS256 JWT: jwt.io's header, {@code payloadJson} in base64url, a 43-character signature. */
    String jwt(String payloadJson) {
        return unique(() -> JWT_HS256_HEADER + "." + base64Url(payloadJson.getBytes(US_ASCII)) + "."
                + base64Url(bytes(32)));
    }

    /** Base64 of {@code user:password} with a made-up password. */
    String basicAuth(String user) {
        return unique(() -> Base64.getEncoder().encodeToString((user + ":" + password()).getBytes(US_ASCII)));
    }

    /** A password for a connection string: URL-unreserved characters only, so it needs no escaping. */
    String password() {
        return unique(() -> alnumEnds(BASE62 + "-_.~", 14 + random.nextInt(7)));
    }

    // ------------------------------------------------------------------ key blocks

    /** OpenSSH ed25519 private key: {@code openssh-key-v1} header, random key material, 70-column lines. */
    String opensshPrivateKey() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("openssh-key-v1\0".getBytes(US_ASCII));
        sshString(b, "none".getBytes(US_ASCII));
        sshString(b, "none".getBytes(US_ASCII));
        sshString(b, new byte[0]);
        b.writeBytes(new byte[] {0, 0, 0, 1});
        byte[] publicKey = sshEd25519Public();
        sshString(b, publicKey);
        sshString(b, bytes(144));
        return armor("OPENSSH PRIVATE KEY", b.toByteArray(), 70, "");
    }

    /** PKCS #1 RSA-1024 ({@code BEGIN RSA PRIVATE KEY}): a DER sequence header, random integers. */
    String rsaPrivateKey() {
        byte[] der = new byte[609];
        random.nextBytes(der);
        byte[] head = {0x30, (byte) 0x82, 0x02, 0x5d, 0x02, 0x01, 0x00, 0x02, (byte) 0x81, (byte) 0x81, 0x00};
        System.arraycopy(head, 0, der, 0, head.length);
        return armor("RSA PRIVATE KEY", der, 64, "");
    }

    /** PKCS #8 EC P-256 ({@code BEGIN PRIVATE KEY}), lines after the first indented by {@code indent}. */
    String pkcs8EcPrivateKey(String indent) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HexFormat.of().parseHex("308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420"));
        b.writeBytes(bytes(32));
        b.writeBytes(HexFormat.of().parseHex("a14403420004"));
        b.writeBytes(bytes(64));
        return armor("PRIVATE KEY", b.toByteArray(), 64, indent);
    }

    /** OpenPGP secret key block: armor header, blank line, radix-64 body, CRC-24 line. */
    String pgpPrivateKey() {
        byte[] packets = bytes(640);
        packets[0] = (byte) 0x94; // old-format packet, tag 5 (secret key), one length octet
        packets[1] = 0x58;
        packets[2] = 0x04; // version 4
        StringBuilder sb = new StringBuilder("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n");
        wrap(sb, Base64.getEncoder().encodeToString(packets), 64, "");
        int crc = crc24(packets);
        sb.append('=').append(Base64.getEncoder().encodeToString(new byte[] {(byte) (crc >> 16), (byte) (crc >> 8), (byte) crc}))
                .append('\n');
        sb.append("-----END PGP PRIVATE KEY BLOCK-----");
        return unique(sb::toString);
    }

    /** PuTTY key file v3, ssh-rsa 2048: public and private blobs with their line counts, a MAC. */
    String puttyPrivateKey() {
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        sshString(pub, "ssh-rsa".getBytes(US_ASCII));
        sshString(pub, new byte[] {1, 0, 1});
        sshString(pub, positive(257));
        ByteArrayOutputStream priv = new ByteArrayOutputStream();
        sshString(priv, positive(257));
        sshString(priv, positive(129));
        sshString(priv, positive(129));
        sshString(priv, positive(129));
        String pubText = lines(Base64.getEncoder().encodeToString(pub.toByteArray()), 64);
        String privText = lines(Base64.getEncoder().encodeToString(priv.toByteArray()), 64);
        String block = "PuTTY-User-Key-File-3: ssh-rsa\n"
                + "Encryption: none\n"
                + "Comment: rsa-key-20240502\n"
                + "Public-Lines: " + pubText.lines().count() + "\n" + pubText
                + "Private-Lines: " + privText.lines().count() + "\n" + privText
                + "Private-MAC: " + HexFormat.of().formatHex(bytes(32));
        return unique(() -> block);
    }

    // ------------------------------------------------------------------ hard negatives

    String hex(int length) {
        return unique(() -> chars("0123456789abcdef", length));
    }

    /** npm/yarn {@code integrity} value: SRI sha512 of random bytes. */
    String integrity() {
        return unique(() -> "sha512-" + Base64.getEncoder().encodeToString(bytes(64)));
    }

    String uuid() {
        return unique(() -> {
            String h = chars("0123456789abcdef", 32);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-"
                    + "89ab".charAt(random.nextInt(4)) + h.substring(17, 20) + "-" + h.substring(20);
        });
    }

    /** An {@code ssh-rsa} public key line: public keys are not findings. */
    String sshRsaPublicKey(String comment) {
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        sshString(pub, "ssh-rsa".getBytes(US_ASCII));
        sshString(pub, new byte[] {1, 0, 1});
        sshString(pub, positive(257));
        return unique(() -> "ssh-rsa " + Base64.getEncoder().encodeToString(pub.toByteArray()) + " " + comment);
    }

    /** A certificate block: certificates are not findings. */
    String certificate() {
        byte[] der = bytes(560);
        byte[] head = {0x30, (byte) 0x82, 0x02, 0x2c, 0x30, (byte) 0x82, 0x01, (byte) 0xd2, (byte) 0xa0, 0x03, 0x02, 0x01, 0x02};
        System.arraycopy(head, 0, der, 0, head.length);
        return armor("CERTIFICATE", der, 64, "");
    }

    /** A small base64 PNG data URI (image data is not a credential). */
    String pngDataUri() {
        byte[] png = bytes(120);
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(magic, 0, png, 0, magic.length);
        return unique(() -> "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
    }

    // ------------------------------------------------------------------ helpers

    static String crc32Base62(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(US_ASCII));
        long v = crc.getValue();
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(out);
    }

    /** OpenPGP radix-64 checksum (RFC 4880 section 6.1). */
    static int crc24(byte[] data) {
        int crc = 0xB704CE;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 16;
            for (int i = 0; i < 8; i++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= 0x1864CFB;
                }
            }
        }
        return crc & 0xFFFFFF;
    }

    private String armor(String label, byte[] der, int width, String indent) {
        StringBuilder sb = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        wrap(sb, Base64.getEncoder().encodeToString(der), width, indent);
        sb.append(indent).append("-----END ").append(label).append("-----");
        return unique(sb::toString);
    }

    private static void wrap(StringBuilder sb, String base64, int width, String indent) {
        for (int i = 0; i < base64.length(); i += width) {
            sb.append(indent).append(base64, i, Math.min(i + width, base64.length())).append('\n');
        }
    }

    private static String lines(String base64, int width) {
        StringBuilder sb = new StringBuilder();
        wrap(sb, base64, width, "");
        return sb.toString();
    }

    private byte[] sshEd25519Public() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        sshString(b, "ssh-ed25519".getBytes(US_ASCII));
        sshString(b, bytes(32));
        return b.toByteArray();
    }

    private static void sshString(ByteArrayOutputStream b, byte[] value) {
        int n = value.length;
        b.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        b.writeBytes(value);
    }

    /** An SSH mpint of {@code n} bytes: a 0 sign byte, then a random magnitude with its top bit set. */
    private byte[] positive(int n) {
        byte[] v = bytes(n);
        v[0] = 0;
        v[1] |= (byte) 0x80;
        return v;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String base64Url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private String chars(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** {@code n} chars of {@code alphabet} that begin and end with a letter or digit (no ambiguous edge). */
    private String alnumEnds(String alphabet, int n) {
        while (true) {
            String s = chars(alphabet, n);
            if (Character.isLetterOrDigit(s.charAt(0)) && Character.isLetterOrDigit(s.charAt(n - 1))) {
                return s;
            }
        }
    }

    private String slackDigits(int n) {
        StringBuilder sb = new StringBuilder().append(SLACK_LEAD_DIGITS.charAt(random.nextInt(SLACK_LEAD_DIGITS.length())));
        while (sb.length() < n) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** Draws until {@code maker} gives a value (null means "draw again") never given before. */
    private String unique(java.util.function.Supplier<String> maker) {
        while (true) {
            String v = maker.get();
            if (v != null && used.add(v)) {
                return v;
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SecretFakes[%d values]", used.size()); // never the values
    }
}
