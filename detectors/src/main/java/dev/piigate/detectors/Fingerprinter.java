package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed fingerprints of values for reports: HMAC-SHA256 over a canonical form of the value, so the
 * same card written {@code 4539 1488 0343 6467} and {@code 4539-1488-0343-6467} (or in fullwidth
 * digits) has one fingerprint, and nobody without the key can confirm a guess. Not thread-safe: one
 * instance per thread or partition.
 */
public final class Fingerprinter {
    /** Hex characters kept: 128 bits are plenty to tell values apart within a dataset. */
    private static final int HEX_LENGTH = 32;
    private final Mac mac;

    public Fingerprinter(byte[] key) {
        requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("fingerprint key must be at least 16 bytes, got " + key.length);
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Fingerprint of the value a finding points at in {@code original}. */
    public String fingerprint(String original, Finding finding) {
        boolean email = EntityType.EMAIL_ADDRESS.equals(finding.type());
        return fingerprint(canonical(original.substring(finding.start(), finding.end()), email));
    }

    public String fingerprint(String canonicalValue) {
        byte[] digest = mac.doFinal(canonicalValue.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, HEX_LENGTH);
    }

    /**
     * The value with non-ASCII digits and letters folded, invisible characters removed and
     * percent-encoding decoded; for e-mail addresses lower-cased, for
     * everything else reduced to upper-case letters, digits and mask characters.
     */
    public static String canonical(String value, boolean email) {
        // As the detectors read it: folded, invisible characters removed, percent-encoding decoded,
        // so "4550%201121..." and "4550 1121..." have one fingerprint.
        ScanText read = ScanText.of(value);
        while (read.alternate() != null) {
            read = read.alternate(); // the most decoded view
        }
        String text = read.text();
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (email) {
                sb.append(c);
            } else if (Chars.isAsciiLetterOrDigit(c) || Chars.isMaskChar(c)) {
                sb.append(c);
            }
        }
        return email ? sb.toString().strip().toLowerCase(Locale.ROOT) : sb.toString().toUpperCase(Locale.ROOT);
    }
}
