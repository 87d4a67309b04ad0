package dev.piigate.detectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.AllowList;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.TextScanner;

/** Template placeholders (which the vector format reads as its own tags), encoded URLs, hostile input. */
class UrlCredentialsDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "url_credentials.txt";
    }

    private static final UrlCredentialsDetector DETECTOR =
            (UrlCredentialsDetector) UrlCredentialsDetector.FACTORY.create(DetectorSettings.defaults());

    @Test
    void jinjaUserPasswordAndHostAreMasked() {
        String text = "url: \"postgresql://{{ db_user }}:{{ db_password }}@{{ db_host }}:5432/app\"";
        Recorder r = Recorder.run(DETECTOR, text);
        assertThat(r.findings).singleElement().satisfies(f -> {
            assertThat(f.masked()).isTrue();
            assertThat(text.substring(f.start(), f.end())).isEqualTo("{{ db_password }}");
        });
    }

    @Test
    void passwordIsTheSpanUpToTheLastAt() {
        String text = "MONGO_URL=mongodb://svc:Zq8@x!P2#k@mongo-0.acme.io:27017/db?authSource=admin";
        Finding f = Recorder.run(DETECTOR, text).findings.get(0);
        assertThat(text.substring(f.start(), f.end())).isEqualTo("Zq8@x!P2#k");
        assertThat(f.isUnmasked()).isTrue();
        assertThat(f.confidence()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void unknownSchemeIsFoundWithLowerConfidence() {
        Finding f = Recorder.run(DETECTOR, "acmedb://svc:Zq8xP2k9@db.acme.io").findings.get(0);
        assertThat(f.isUnmasked()).isTrue();
        assertThat(f.confidence()).isLessThan(0.95);
    }

    @Test
    void fullyPercentEncodedUrlIsFoundInTheDecodedView() {
        // A URL inside a query string: only TextScanner's percent-decoded view shows its '://' and '@'.
        String text = "https://sso.acme.io/login?next=postgres%3A%2F%2Fetl%3AEtL_2024_x%40warehouse%2Fdw";
        TextScanner scanner = new TextScanner(List.of(DETECTOR), AllowList.empty());
        List<Finding> found = scanner.scan(text);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(text.substring(f.start(), f.end())).isEqualTo("EtL_2024_x");
            assertThat(f.isUnmasked()).isTrue();
        });
    }

    @Test
    void noPasswordNoFinding() {
        for (String text : List.of("https://user@acme.io", "ssh://git@github.com:22/a/b", "git@github.com:a/b.git",
                "https://acme.io:8443/x@y", "redis://:@cache:6379", "http://[::1]:8080/", "mailto:a@b.io")) {
            Recorder r = Recorder.run(DETECTOR, text);
            assertThat(r.findings).as(text).isEmpty();
        }
    }

    @Test
    void proseWithoutTriggersGivesNothing() {
        SecretTexts.Scan scan = SecretTexts.timed(DETECTOR, SecretTexts.prose(1 << 20, 17));
        assertThat(scan.findings()).isZero();
        assertThat(scan.rejections()).isZero();
    }

    @Test
    void hostileUrlsScanInLinearTime() {
        int size = 10 * 1024 * 1024;
        for (String text : new String[] {
            "postgres://a:".repeat(size / 13), // one run, a scheme every 13 chars, no '@'
            "postgres://a:b@".repeat(size / 15), // '@' everywhere, hosts that are more URLs
            "x://" + "@".repeat(size), // one long authority
            ("https://u:" + "p".repeat(300) + "@h ").repeat(size / 314), // passwords over the bound
        }) {
            SecretTexts.Scan scan = SecretTexts.timed(DETECTOR, text);
            assertThat(scan.nanos()).as("nanos").isLessThan(5_000_000_000L);
        }
    }
}
