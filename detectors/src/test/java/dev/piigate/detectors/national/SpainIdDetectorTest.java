package dev.piigate.detectors.national;

import static dev.piigate.detectors.national.GatedIds.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SpainIdDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "spain_id.txt";
    }

    private static final Detector DETECTOR = SpainIdDetector.FACTORY.create(DetectorSettings.defaults());

    /** The control letters by remainder, as the Ministerio del Interior publishes them. */
    private static final String LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    @Property(tries = 300)
    void everyValidDniIsFoundInEveryFormWithAKeywordAndNoOtherwise(@ForAll @NumericChars @StringLength(8) String digits,
            @ForAll @IntRange(min = 0, max = 7) int changed) {
        Assume.that(!digits.chars().allMatch(c -> c == digits.charAt(0)));
        char letter = LETTERS.charAt(Integer.parseInt(digits) % 23);
        List<String> forms = List.of(digits + letter, digits + "-" + letter, digits + " " + letter,
                digits.substring(0, 2) + "." + digits.substring(2, 5) + "." + digits.substring(5) + "-" + letter);
        for (String form : forms) {
            assertFound(SpainIdDetector.DNI, "DNI " + form);
            assertFound(SpainIdDetector.DNI, "el número " + form + " es su DNI");
            assertFound(SpainIdDetector.DNI, "documento nacional de identidad: " + form);
            assertThat(Recorder.run(DETECTOR, "pedido " + form).reasons()).as(form)
                    .containsExactly(RejectReason.NO_KEYWORD);
        }
        assertThat(single(Recorder.run(DETECTOR, digits + letter, "$.cliente.dni")).type()).isEqualTo(SpainIdDetector.DNI);
        char[] wrong = digits.toCharArray();
        wrong[changed] = (char) ('0' + (wrong[changed] - '0' + 1) % 10);
        String wrongDigits = new String(wrong);
        Assume.that(!wrongDigits.chars().allMatch(c -> c == wrongDigits.charAt(0)));
        Recorder r = Recorder.run(DETECTOR, "DNI " + wrongDigits + letter);
        assertThat(r.findings).isEmpty();
        assertThat(r.reasons()).containsExactly(RejectReason.INVALID_CHECKSUM);
    }

    @Property(tries = 300)
    void everyValidNieIsFoundInEveryFormWithAKeywordAndNoOtherwise(@ForAll @IntRange(min = 0, max = 2) int prefix,
            @ForAll @NumericChars @StringLength(7) String digits) {
        Assume.that(!digits.chars().allMatch(c -> c == digits.charAt(0)));
        char first = "XYZ".charAt(prefix);
        char letter = LETTERS.charAt(Integer.parseInt(prefix + digits) % 23);
        for (String form : List.of(first + digits + letter, first + "-" + digits + "-" + letter)) {
            assertFound(SpainIdDetector.NIE, "NIE " + form);
            assertFound(SpainIdDetector.NIE, form + " es su NIE");
            assertFound(SpainIdDetector.NIE, "número de identidad de extranjero: " + form);
            assertThat(Recorder.run(DETECTOR, "DNI " + form).reasons()).as(form)
                    .containsExactly(RejectReason.NO_KEYWORD);
        }
        char other = LETTERS.charAt((LETTERS.indexOf(letter) + 1) % 23);
        assertThat(Recorder.run(DETECTOR, "NIE " + first + digits + other).reasons())
                .containsExactly(RejectReason.INVALID_CHECKSUM);
    }

    @Test
    void aLetterAfterASpaceIsAWordUnlessItIsACapital() {
        assertThat(Recorder.run(DETECTOR, "DNI 48215937 w").rejections).isEmpty();
        assertThat(Recorder.run(DETECTOR, "DNI 48215937 W").findings).hasSize(1);
    }

    @Test
    void proseAndLogsReportNothing() {
        GatedIds.proseAndLogsReportNothing(DETECTOR, GatedIds.LOG);
    }

    @Property(tries = 200)
    void aMaskedValueShowingItsLetterAloneIsFoundWithAKeywordAndNoOtherwise(
            @ForAll @NumericChars @StringLength(8) String digits, @ForAll @IntRange(min = 0, max = 1) int x) {
        char letter = LETTERS.charAt(Integer.parseInt(digits) % 23);
        char mask = x == 1 ? 'X' : '*';
        Assume.that(letter != mask);
        String m = String.valueOf(mask);
        List<String> dni = List.of(m.repeat(8) + letter, m.repeat(8) + "-" + letter, m.repeat(8) + " " + letter,
                m.repeat(2) + "." + m.repeat(3) + "." + m.repeat(3) + "-" + letter);
        List<String> nie = List.of(m.repeat(8) + letter, m + "-" + m.repeat(7) + "-" + letter);
        for (String form : dni) {
            assertMasked(SpainIdDetector.DNI, "DNI " + form, 4, form);
            assertMasked(SpainIdDetector.DNI, "el número " + form + " es su DNI", 10, form);
            assertThat(Recorder.run(DETECTOR, "pedido " + form).reasons()).as(form)
                    .containsExactly(RejectReason.NO_KEYWORD);
        }
        for (String form : nie) {
            assertMasked(SpainIdDetector.NIE, "NIE: " + form, 5, form);
            assertThat(single(Recorder.run(DETECTOR, form, "$.solicitante.nie")).type()).isEqualTo(SpainIdDetector.NIE);
        }
    }

    @Test
    void maskLookAlikesReportNothingAndShownDigitsAreReadOnce() {
        for (String text : List.of("DNI ** bold ** text", "DNI sizes XX and XXL, an X-ray", "DNI ***** hidden",
                "DNI XXXXXXXXX", "DNI XXXXXXXX-X", "DNI ********U", "DNI XXXXXXXX-O", "DNI ********Zeta",
                "DNI id-********Z", "DNI ********Z9", "DNI *********Z", "DNI xxxxxxxx-Z", "DNI *-*******-Ñ", "DNI ******** y más")) {
            Recorder r = Recorder.run(DETECTOR, text);
            assertThat(r.findings).as(text).isEmpty();
            assertThat(r.rejections).as(text).isEmpty();
        }
        for (String text : List.of("DNI *****937W", "DNI XXXXX937-W", "NIE *-****163-S")) {
            assertThat(Recorder.run(DETECTOR, text).findings).as(text).singleElement()
                    .satisfies(f -> assertThat(f.masked()).isTrue());
        }
    }

    private static void assertMasked(EntityType type, String text, int start, String form) {
        Finding f = single(Recorder.run(DETECTOR, text));
        assertThat(f.type()).as(text).isEqualTo(type);
        assertThat(f.masked()).as(text).isTrue();
        assertThat(f.start()).as(text).isEqualTo(start);
        assertThat(f.end()).as(text).isEqualTo(start + form.length());
    }

    private static void assertFound(EntityType type, String text) {
        Finding f = single(Recorder.run(DETECTOR, text));
        assertThat(f.type()).as(text).isEqualTo(type);
        assertThat(f.isUnmasked()).as(text).isTrue();
    }
}
