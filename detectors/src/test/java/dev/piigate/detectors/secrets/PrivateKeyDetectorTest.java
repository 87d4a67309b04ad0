package dev.piigate.detectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;

/** Key blocks written over real lines, which the one-line vector format cannot hold; prose and hostile input. */
class PrivateKeyDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "private_key.txt";
    }

    private static final PrivateKeyDetector DETECTOR =
            (PrivateKeyDetector) PrivateKeyDetector.FACTORY.create(DetectorSettings.defaults());

    /** Random base64 made up for this test, in PEM's 64-char lines: not a key. */
    private static final List<String> BODY = List.of(
            "uljstbhmWpFLGQXV+o2rn3HAH5EuN6ycNowfwAioYp+QPeKSmO8gYPdX/qI3+wUf",
            "2wm+b1WPwuJ7dRrCTbvqz+bhFqBD4nSExZkmmE9APPUVRYQconQx2HE/8wv+/ICk",
            "RH+ZVyZ/+LQ5MI/uhWZPQDOEIiuYgBKoQxtnwgLRcAi2lAnJkzG/NQgMJbj1ME+R",
            "yQqBDld2GebDvBcngZnm7SpNW5LCW/lT1qPASQ+aq7+tW8vjGa5HpJ5tlklMdPeY",
            "F2nbctWj3LmchNhl");

    private static String block(String label, String newline, String indent) {
        StringBuilder sb = new StringBuilder(indent).append("-----BEGIN ").append(label).append("-----").append(newline);
        for (String line : BODY) {
            sb.append(indent).append(line).append(newline);
        }
        return sb.append(indent).append("-----END ").append(label).append("-----").toString();
    }

    private static Finding only(String text) {
        Recorder r = Recorder.run(DETECTOR, text);
        assertThat(r.findings).as(text).hasSize(1);
        return r.findings.get(0);
    }

    private static void assertSpan(Finding f, String text, String value) {
        int start = text.indexOf(value);
        assertThat(start).isNotNegative();
        assertThat(f.start()).as("start").isEqualTo(start);
        assertThat(f.end()).as("end").isEqualTo(start + value.length());
    }

    @Test
    void pemOverRealLinesIsOneFinding() {
        for (String newline : List.of("\n", "\r\n", "\r")) {
            String key = block("RSA PRIVATE KEY", newline, "");
            String text = "config:" + newline + key + newline + "done" + newline;
            Finding f = only(text);
            assertThat(f.type()).isEqualTo(PrivateKeyDetector.PKCS);
            assertThat(f.isUnmasked()).isTrue();
            assertThat(f.confidence()).isGreaterThanOrEqualTo(0.95);
            assertSpan(f, text, key);
        }
    }

    @Test
    void indentedYamlBlock() {
        String key = block("OPENSSH PRIVATE KEY", "\n", "    ");
        String text = "deploy:\n  ssh_key: |\n" + key + "\n  user: ci\n";
        Finding f = only(text);
        assertThat(f.type()).isEqualTo(PrivateKeyDetector.OPENSSH);
        assertSpan(f, text, key.strip());
    }

    @Test
    void concatenatedStringLiterals() {
        StringBuilder java = new StringBuilder("static final String KEY =\n    \"-----BEGIN EC PRIVATE KEY-----\\n\"");
        for (String line : BODY) {
            java.append("\n    + \"").append(line).append("\\n\"");
        }
        java.append("\n    + \"-----END EC PRIVATE KEY-----\\n\";\nint x = 1;");
        String text = java.toString();
        Finding f = only(text);
        assertThat(f.type()).isEqualTo(PrivateKeyDetector.PKCS);
        assertThat(f.start()).isEqualTo(text.indexOf("-----BEGIN"));
        assertThat(f.end()).isEqualTo(text.indexOf("KEY-----\\n\";") + "KEY-----".length());
    }

    @Test
    void pgpBlockWithArmorHeadersAndChecksum() {
        String key = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\nComment: made up\n\n"
                + String.join("\n", BODY) + "\n=Xk3d\n-----END PGP PRIVATE KEY BLOCK-----";
        String text = "Exported:\n" + key + "\n";
        Finding f = only(text);
        assertThat(f.type()).isEqualTo(PrivateKeyDetector.PGP);
        assertSpan(f, text, key);
    }

    @Test
    void puttyFileOverRealLines() {
        String ppk = "PuTTY-User-Key-File-3: ssh-ed25519\r\nEncryption: none\r\nComment: eddsa-key-20241102\r\n"
                + "Public-Lines: 2\r\n" + BODY.get(0) + "\r\n" + BODY.get(4) + "\r\n"
                + "Private-Lines: 2\r\n" + BODY.get(1) + "\r\n" + BODY.get(2) + "\r\n"
                + "Private-MAC: f024e274373f98143ca66b60330f423cee1537d863e522d3c7bd29b9fe43e3e8";
        String text = ppk + "\r\n";
        Finding f = only(text);
        assertThat(f.type()).isEqualTo(PrivateKeyDetector.PUTTY);
        assertThat(f.confidence()).isGreaterThanOrEqualTo(0.95);
        assertSpan(f, text, ppk);
    }

    @Test
    void puttyFileCutBeforeItsPrivateLinesIsNoFinding() {
        String text = "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: k\nPublic-Lines: 2\n"
                + BODY.get(0) + "\n" + BODY.get(1) + "\n";
        Recorder r = Recorder.run(DETECTOR, text);
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsExactly(RejectReason.INVALID_LENGTH);
    }

    @Test
    void blockCutBeforeItsEndLineEndsAtItsLastBodyLine() {
        String text = "-----BEGIN PRIVATE KEY-----\n" + BODY.get(0) + "\n" + BODY.get(1) + "\n\nThat is all I can paste.";
        Finding f = only(text);
        assertThat(f.type()).isEqualTo(PrivateKeyDetector.PKCS);
        assertThat(f.isUnmasked()).isTrue();
        assertThat(f.confidence()).isLessThan(0.95);
        assertThat(f.end()).isEqualTo(text.indexOf(BODY.get(1)) + BODY.get(1).length());
    }

    @Test
    void twoBlocksAreTwoFindings() {
        String text = block("PRIVATE KEY", "\n", "") + "\n\n" + block("OPENSSH PRIVATE KEY", "\n", "");
        Recorder r = Recorder.run(DETECTOR, text);
        assertThat(r.findings).extracting(Finding::type).containsExactly(PrivateKeyDetector.PKCS, PrivateKeyDetector.OPENSSH);
    }

    @Test
    void publicKeysAndCertificatesOverRealLinesAreNoFindings() {
        String text = block("PUBLIC KEY", "\n", "") + "\n" + block("CERTIFICATE", "\n", "") + "\n"
                + block("PGP PUBLIC KEY BLOCK", "\n", "") + "\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7x9kQ2mPz4vT8 ci@host\n";
        Recorder r = Recorder.run(DETECTOR, text);
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsOnly(RejectReason.KNOWN_FALSE_POSITIVE).hasSize(3);
    }

    @Test
    void placeholderBodyOverRealLinesIsMasked() {
        String text = "key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  ...\n  -----END RSA PRIVATE KEY-----\n";
        Finding f = only(text);
        assertThat(f.masked()).isTrue();
        assertThat(f.end()).isEqualTo(text.lastIndexOf("-----") + 5);
    }

    @Test
    void onlyItsOwnTypesAreDeclared() {
        assertThat(DETECTOR.entityTypes()).containsExactlyInAnyOrder(new EntityType("OPENSSH_PRIVATE_KEY"),
                new EntityType("PKCS"), new EntityType("PGP_PRIVATE_KEY"), new EntityType("PUTTY_PRIVATE_KEY"));
    }

    @Test
    void proseWithoutTriggersGivesNothing() {
        SecretTexts.Scan scan = SecretTexts.timed(DETECTOR, SecretTexts.prose(1 << 20, 7));
        assertThat(scan.findings()).isZero();
        assertThat(scan.rejections()).isZero();
    }

    @Test
    void repeatedBeginLinesScanInLinearTime() {
        String text = "-----BEGIN PRIVATE KEY-----\n".repeat(10 * 1024 * 1024 / 28);
        SecretTexts.Scan scan = SecretTexts.timed(DETECTOR, text);
        assertThat(scan.findings()).isZero();
        assertThat(scan.nanos()).as("nanos").isLessThan(5_000_000_000L);
    }

    @Test
    void repeatedBodyLinesAfterOneBeginScanInLinearTime() {
        // One BEGIN line, then 10 MB of body lines and no END: read once up to MAX_BLOCK, not once per line.
        String text = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + (BODY.get(0) + "\n").repeat(10 * 1024 * 1024 / 65)
                + "-----BEGIN PUTTY-User-Key-File-2: ".repeat(1000);
        SecretTexts.Scan scan = SecretTexts.timed(DETECTOR, text);
        assertThat(scan.findings()).isEqualTo(1);
        assertThat(scan.nanos()).as("nanos").isLessThan(5_000_000_000L);
    }
}
