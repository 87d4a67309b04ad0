package dev.piigate.detectors.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Makes well-formed tokens of every format from a random source, with the checksums computed
 * here (java.util.zip.CRC32, BigInteger-free base conversions): independent of the detectors'
 * own {@code Checks}, so a wrong checksum routine there fails the tests. Made-up values only.
 */
final class TestTokens {
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final String BASE64URL = BASE62 + "-_";
    static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private TestTokens() {}

    static String random(Random r, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static long crc32(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    /** {@code value} in base {@code alphabet.length()}, left-padded with its zero digit to {@code width}. */
    static String encode(long value, String alphabet, int width) {
        char[] out = new char[width];
        long v = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = alphabet.charAt((int) (v % alphabet.length()));
            v /= alphabet.length();
        }
        return new String(out);
    }

    /** GitHub classic or npm: prefix, 30 random base62, CRC-32 of those 30 in 6 base62. */
    static String checksummed(String prefix, Random r) {
        String random = random(r, BASE62, 30);
        return prefix + random + encode(crc32(random), BASE62, 6);
    }

    static String githubFineGrained(Random r) {
        return "github_pat_" + random(r, BASE62, 22) + "_" + random(r, BASE62, 59);
    }

    /**
     * A GitLab routable token as GitLab 17 writes one: base64url (no padding) of 16 random bytes,
     * the routing payload and its length byte; ".01." (version) unless {@code versionless}; the
     * payload's length in 2 base-36 chars; the CRC-32 of all before in 7 base-36 chars.
     */
    static String gitlabRoutable(String prefix, Random r, String routing, boolean versionless) {
        byte[] random = new byte[16];
        r.nextBytes(random);
        byte[] payload = routing.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[16 + payload.length + 1];
        System.arraycopy(random, 0, all, 0, 16);
        System.arraycopy(payload, 0, all, 16, payload.length);
        all[all.length - 1] = (byte) payload.length;
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(all);
        String base36 = "0123456789abcdefghijklmnopqrstuvwxyz";
        String head = prefix + encoded + "." + (versionless ? "" : "01.") + encode(encoded.length(), base36, 2);
        return head + encode(crc32(head), base36, 7);
    }

    static String awsKeyId(String prefix, Random r) {
        return prefix + random(r, BASE32, 16);
    }

    /** 40 base64 chars mixing cases, with at most two '/' or '+'. */
    static String awsSecret(Random r) {
        String body = random(r, BASE62, 38);
        return body.substring(0, 12) + "/" + body.substring(12, 30) + "+" + body.substring(30);
    }

    static String huggingFace(String prefix, Random r) {
        String letters;
        do {
            letters = random(r, LETTERS, 34);
        } while (letters.chars().filter(Character::isUpperCase).count() < 5
                || letters.chars().filter(Character::isLowerCase).count() < 5);
        return prefix + letters;
    }

    static String openAiUser(Random r) {
        return "sk-" + random(r, BASE62, 20) + OpenAiKeyDetector.MARKER + random(r, BASE62, 20);
    }

    static String openAiProject(String kind, Random r, int left, int right) {
        return "sk-" + kind + "-" + random(r, BASE64URL, left) + OpenAiKeyDetector.MARKER + random(r, BASE64URL, right);
    }
}
