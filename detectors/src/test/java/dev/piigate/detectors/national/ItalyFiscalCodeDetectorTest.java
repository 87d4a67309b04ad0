package dev.piigate.detectors.national;

import static dev.piigate.detectors.national.GatedIds.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ItalyFiscalCodeDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "codice_fiscale.txt";
    }

    private static final Detector DETECTOR = ItalyFiscalCodeDetector.FACTORY.create(DetectorSettings.defaults());

    /** The odd-position values of 0-9 / A-Z from the decree that defines the code (DM 23/12/1976). */
    private static final String ODD_ORDER = "BAKPLCQDREVOSFTGUHMINJWZYX";

    /** The check letter, written out here: odd positions by their table, even by their rank. */
    static char checkLetter(String fifteen) {
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = fifteen.charAt(i);
            int rank = Character.isDigit(c) ? c - '0' : c - 'A';
            // ODD_ORDER lists ranks by increasing odd value: the value of rank r is its index there.
            sum += i % 2 == 0 ? ODD_ORDER.indexOf((char) ('A' + rank)) : rank;
        }
        return (char) ('A' + sum % 26);
    }

    @Provide
    Arbitrary<String> fifteen() {
        Arbitrary<String> letters = Arbitraries.strings().withCharRange('A', 'Z').ofLength(6);
        Arbitrary<String> year = Arbitraries.integers().between(0, 99).map(y -> String.format("%02d", y));
        Arbitrary<Integer> month = Arbitraries.integers().between(0, 11);
        Arbitrary<Integer> day = Arbitraries.integers().between(1, 28);
        Arbitrary<Boolean> woman = Arbitraries.of(true, false);
        Arbitrary<String> place = Combinators.combine(Arbitraries.chars().range('A', 'Z'),
                Arbitraries.integers().between(0, 999)).as((l, n) -> l + String.format("%03d", n));
        return Combinators.combine(letters, year, month, day, woman, place).as((l, y, m, d, w, p) ->
                l + y + "ABCDEHLMPRST".charAt(m) + String.format("%02d", w ? d + 40 : d) + p);
    }

    /** The code with its digits from the right replaced by omocodia letters, {@code count} of them. */
    static String omocodia(String fifteen, int count) {
        int[] positions = {14, 13, 12, 10, 9, 7, 6};
        char[] chars = fifteen.toCharArray();
        for (int i = 0; i < count; i++) {
            chars[positions[i]] = "LMNPQRSTUV".charAt(chars[positions[i]] - '0');
        }
        return new String(chars);
    }

    @Property(tries = 300)
    void everyValidCodeIsFoundWithAKeywordAndNoOtherwise(@ForAll("fifteen") String plain,
            @ForAll @IntRange(min = 0, max = 6) int replaced, @ForAll @IntRange(min = 0, max = 14) int changed) {
        String fifteen = omocodia(plain, replaced);
        String code = fifteen + checkLetter(fifteen);
        for (String form : List.of(code, code.toLowerCase(Locale.ROOT))) {
            GatedIds.foundOnlyWithAKeyword(DETECTOR, form, "$.cliente.codiceFiscale",
                    List.of("codice fiscale " + form, "CF: " + form, form + " è il suo codice fiscale"), "ordine " + form);
        }
        // A changed name letter or place digit: the check letter no longer holds.
        if (changed < 6 || changed >= 12 && Character.isDigit(code.charAt(changed))) {
            char[] chars = code.toCharArray();
            char c = chars[changed];
            chars[changed] = changed < 6 ? (char) ('A' + (c - 'A' + 1) % 26) : (char) ('0' + (c - '0' + 1) % 10);
            Recorder r = Recorder.run(DETECTOR, "CF " + new String(chars));
            assertThat(r.findings).isEmpty();
            assertThat(r.reasons()).containsExactly(RejectReason.INVALID_CHECKSUM);
        }
    }

    @Test
    void aCodeWithEveryDigitReplacedHoldsNoDigitAndIsNotFound() {
        String fifteen = omocodia("BNCLCU90D45F205", 7);
        String code = fifteen + checkLetter(fifteen);
        assertThat(Recorder.run(DETECTOR, "codice fiscale " + code).findings).isEmpty();
    }

    @Property(tries = 300)
    void everyMaskedCodeIsFoundOnceWithAKeywordAndNoOtherwise(@ForAll("fifteen") String plain,
            @ForAll @IntRange(min = 0, max = 3) int replaced, @ForAll @IntRange(min = 1, max = 4) int shown,
            @ForAll @IntRange(min = 0, max = 1) int x) {
        String fifteen = omocodia(plain, replaced);
        String code = fifteen + checkLetter(fifteen);
        String mask = x == 1 ? "X" : "*";
        Assume.that(!(shown == 1 && code.endsWith(mask))); // XXXXXXXXXXXXXXXX shows nothing
        // Digits and the check letter shown are the digit-run path's, the rest the mask-run path's.
        String masked = mask.repeat(16 - shown) + code.substring(16 - shown);
        for (String text : List.of("codice fiscale " + masked, "CF: " + masked, masked + " è il suo codice fiscale")) {
            assertThat(Recorder.run(DETECTOR, text).findings).as(text).singleElement().satisfies(f -> {
                assertThat(f.masked()).isTrue();
                assertThat(text.substring(f.start(), f.end())).isEqualTo(masked);
            });
        }
        assertThat(single(Recorder.run(DETECTOR, masked, "$.cliente.codiceFiscale")).masked()).isTrue();
        assertThat(Recorder.run(DETECTOR, "ordine " + masked).reasons()).as(masked)
                .containsExactly(RejectReason.NO_KEYWORD);
    }

    @Test
    void maskLookAlikesReportNothing() {
        for (String text : List.of("CF ** bold ** text", "CF sizes XX and XXL, an X-ray", "CF ***** hidden",
                "CF XXXXXXXXXXXXXXXX", "CF ************ABCD", "CF ************NMVIA", "CF x************NMVI",
                "CF *************NMVI", "CF xxxxxxxxxxxxNMVI", "CF ************NM-I")) {
            Recorder r = Recorder.run(DETECTOR, text);
            assertThat(r.findings).as(text).isEmpty();
            assertThat(r.rejections).as(text).isEmpty();
        }
    }

    @Test
    void proseAndLogsReportNothing() {
        GatedIds.proseAndLogsReportNothing(DETECTOR, GatedIds.LOG.strip() + " sha=ab12cd34ef56ab78\n");
    }
}
