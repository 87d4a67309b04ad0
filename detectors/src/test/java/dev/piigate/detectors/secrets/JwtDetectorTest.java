package dev.piigate.detectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;

/** Bounds, the JSON check behind the header rule, and hostile input. */
class JwtDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "jwt.txt";
    }

    private static final JwtDetector DETECTOR = (JwtDetector) JwtDetector.FACTORY.create(DetectorSettings.defaults());

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String SIGNATURE = "tqAHD9NK3DsXspGHajGU_zwQ05TjIwhm4wMPkKPoEbw";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"alg\":\"HS256\"}                          | 3",
        "{\"typ\":\"JWT\",\"alg\":\"none\"}           | 7",
        " { \"alg\" : \"RS256\" , \"x\" : [1, {\"y\": null}] } | 3",
        "{\"kid\":\"a\",\"x\":{\"alg\":\"HS256\"}}    | 1",
        "{}                                         | 1",
        "{\"alg\":\"HS256\"                           | 0",
        "{\"alg\":\"HS256\"} trailing                 | 0",
        "[\"alg\"]                                  | 0",
        "{alg:\"HS256\"}                            | 0",
        "{\"alg\":HS256}                            | 0",
    })
    void jsonObjectShape(String json, int expected) {
        assertThat(JsonObjectShape.of(json.strip().getBytes(StandardCharsets.UTF_8))).as(json).isEqualTo(expected);
    }

    @Test
    void nestingIsBounded() {
        String deep = "{\"alg\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThat(JsonObjectShape.of(deep.getBytes(StandardCharsets.UTF_8))).isEqualTo(JsonObjectShape.INVALID);
    }

    @Test
    void headerOverTheBoundIsNoJwt() {
        String header = b64("{\"alg\":\"HS256\",\"pad\":\"" + "x".repeat(JwtDetector.MAX_HEADER) + "\"}");
        String text = "t=" + header + "." + b64("{\"sub\":\"1\"}") + "." + SIGNATURE;
        Recorder r = Recorder.run(DETECTOR, text);
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsExactly(RejectReason.INVALID_LENGTH);
    }

    @Test
    void headerWithAlgNestedIsNoJwt() {
        String text = b64("{\"kid\":\"a\",\"x\":{\"alg\":\"HS256\"}}") + "." + b64("{\"sub\":\"1\"}") + "." + SIGNATURE;
        Recorder r = Recorder.run(DETECTOR, text);
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsExactly(RejectReason.INVALID_PATTERN);
    }

    @Test
    void payloadMustBeAnObject() {
        String text = b64("{\"alg\":\"HS256\"}") + "." + b64("[1,2,3]") + "." + SIGNATURE;
        assertThat(Recorder.run(DETECTOR, text).findings).isEmpty();
    }

    @Test
    void signedTokenIsFound() {
        String token = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"u-1\",\"n\":[1,2]}") + "." + SIGNATURE;
        Recorder r = Recorder.run(DETECTOR, "Bearer " + token + "\n");
        assertThat(r.findings).singleElement().satisfies(f -> {
            assertThat(f.start()).isEqualTo(7);
            assertThat(f.end()).isEqualTo(7 + token.length());
            assertThat(f.isUnmasked()).isTrue();
            assertThat(f.confidence()).isGreaterThanOrEqualTo(0.95);
        });
    }

    @Test
    void proseWithoutTriggersGivesNothing() {
        SecretTexts.Scan scan = SecretTexts.timed(DETECTOR, SecretTexts.prose(1 << 20, 11));
        assertThat(scan.findings()).isZero();
        assertThat(scan.rejections()).isZero();
    }

    @Test
    void eyJRunsScanInLinearTime() {
        int size = 10 * 1024 * 1024;
        String header = b64("{\"alg\":\"HS256\"}");
        for (String text : new String[] {
            (header + ". ").repeat(size / (header.length() + 2)), // headers with nothing after
            "eyJ".repeat(size / 3), // one 10 MB run
            "eyJ.".repeat(size / 4), // one 10 MB dotted run
            ("x." + header + ".").repeat(size / (header.length() + 3)), // glued headers in one run
            (header + "." + header + ".").repeat(size / (2 * header.length() + 2)), // a payload that is no object
        }) {
            SecretTexts.Scan scan = SecretTexts.timed(DETECTOR, text);
            assertThat(scan.findings()).isZero();
            assertThat(scan.nanos()).as("nanos").isLessThan(5_000_000_000L);
        }
    }
}
