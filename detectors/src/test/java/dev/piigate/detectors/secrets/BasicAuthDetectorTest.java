package dev.piigate.detectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;

/** Template placeholders (which the vector format reads as its own tags), decoding rules, hostile input. */
class BasicAuthDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "basic_auth.txt";
    }

    private static final BasicAuthDetector DETECTOR =
            (BasicAuthDetector) BasicAuthDetector.FACTORY.create(DetectorSettings.defaults());

    private static String b64(String credentials) {
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ basic_auth }}", "{{BASIC}}", "${CREDS}", "$CREDS", "<base64>", "[REDACTED]", "****", "..."})
    void placeholdersAfterAnUnquotedHeaderAreNeverUnmasked(String placeholder) {
        // Masked when a token run leads the detector there, nothing when none does (no prefilter
        // trigger in "Authorization: Basic ****"): either way, never a finding that counts.
        for (String text : List.of("Authorization: Basic " + placeholder + "\r\n",
                "X-Request-Id: 7f3a9B2c Authorization: Basic " + placeholder + "\r\n")) {
            Recorder r = Recorder.run(DETECTOR, text);
            assertThat(r.findings).noneMatch(Finding::isUnmasked);
            assertThat(r.findings).allSatisfy(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo(placeholder));
        }
    }

    @Test
    void valueIsTheSpan() {
        String value = b64("ops:Zx81-long-enough");
        String text = "curl -H \"Authorization: Basic " + value + "\" https://api.acme.io";
        Finding f = Recorder.run(DETECTOR, text).findings.get(0);
        assertThat(f.start()).isEqualTo(text.indexOf(value));
        assertThat(f.end()).isEqualTo(text.indexOf(value) + value.length());
        assertThat(f.isUnmasked()).isTrue();
    }

    @Test
    void emptyUserWithPasswordIsFoundEmptyPasswordIsNot() {
        assertThat(Recorder.run(DETECTOR, "Authorization: Basic " + b64(":api-key-9Xq2")).findings).hasSize(1);
        Recorder r = Recorder.run(DETECTOR, "Authorization: Basic " + b64("deploy-user-x:"));
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsExactly(RejectReason.INVALID_PATTERN);
    }

    @Test
    void nonUtf8IsNoCredential() {
        String value = Base64.getEncoder().encodeToString(new byte[] {'u', ':', (byte) 0xC3, (byte) 0x28, 'x', 'y', 'z', 'w'});
        Recorder r = Recorder.run(DETECTOR, "Authorization: Basic " + value);
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsExactly(RejectReason.INVALID_PATTERN);
    }

    @Test
    void overlongValueIsRejected() {
        String value = b64("u:" + "p".repeat(BasicAuthDetector.MAX_VALUE));
        Recorder r = Recorder.run(DETECTOR, "Authorization: Basic " + value);
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsExactly(RejectReason.INVALID_LENGTH);
    }

    @Test
    void proseWithoutTriggersGivesNothing() {
        SecretTexts.Scan scan = SecretTexts.timed(DETECTOR, SecretTexts.prose(1 << 20, 13));
        assertThat(scan.findings()).isZero();
        assertThat(scan.rejections()).isZero();
    }

    @Test
    void repeatedHeadersScanInLinearTime() {
        int size = 10 * 1024 * 1024;
        String header = "Authorization: Basic " + b64("ops:Zx81-long-enough") + "\n";
        for (String text : new String[] {
            header.repeat(size / header.length()),
            "Authorization: Authorization: Basic Basic ".repeat(size / 42),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ== ".repeat(size / 35),
        }) {
            SecretTexts.Scan scan = SecretTexts.timed(DETECTOR, text);
            assertThat(scan.nanos()).as("nanos").isLessThan(5_000_000_000L);
        }
    }
}
