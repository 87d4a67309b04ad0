package dev.piigate.detectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.ScanText;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

class EmailDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "email.txt";
    }

    private static final EmailDetector DETECTOR =
            (EmailDetector) EmailDetector.FACTORY.create(DetectorSettings.defaults());

    private static List<Finding> scan(String text) {
        List<Finding> found = new ArrayList<>();
        DETECTOR.scan(ScanText.of(text), new FindingSink() {
            @Override
            public void found(Finding finding) {
                found.add(finding);
            }
        });
        return found;
    }

    @Test
    void fullwidthAtSignIsFolded() {
        assertThat(scan("mail jane\uFF20acme.com now")).singleElement()
                .satisfies(f -> assertThat(f.start()).isEqualTo(5));
    }

    @Test
    void manyAddressesInOneText() {
        assertThat(scan("a@acme.com,b@acme.com;c@acme.com d@acme.com")).hasSize(4);
    }

    @Test
    void longTextWithoutAtIsCheap() {
        String prose = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20_000);
        assertThat(scan(prose)).isEmpty();
    }

    @Property(tries = 200)
    void randomLettersAtExampleComAreMaskedPlaceholders(@ForAll @AlphaChars @StringLength(min = 1, max = 20)
            String local) {
        assertThat(scan("x " + local + "@example.com y")).singleElement()
                .satisfies(f -> assertThat(f.masked()).isTrue());
    }

    @Property(tries = 200)
    void realAddressesAreUnmasked(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String local) {
        assertThat(scan("(" + local + "@acme.com)")).singleElement().satisfies(f -> {
            assertThat(f.masked()).isFalse();
            assertThat(f.start()).isEqualTo(1);
            assertThat(f.end()).isEqualTo(local.length() + 10);
        });
    }
}
