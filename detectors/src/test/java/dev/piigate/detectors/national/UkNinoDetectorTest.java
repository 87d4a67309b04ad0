package dev.piigate.detectors.national;

import static dev.piigate.detectors.national.GatedIds.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class UkNinoDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "nino.txt";
    }

    private static final UkNinoDetector DETECTOR =
            (UkNinoDetector) UkNinoDetector.FACTORY.create(DetectorSettings.defaults());

    /** NIM39110, written out here: the letters each prefix position may hold, and the prefixes not used. */
    static final String FIRST = "ABCEGHJKLMNOPRSTWXYZ";
    static final String SECOND = "ABCEGHJKLMNPRSTWXYZ";
    static final List<String> NOT_USED = List.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");

    @Property(tries = 500)
    void everyIssuablePrefixIsFoundInEveryFormWithAKeyword(@ForAll("prefixes") String prefix,
            @ForAll @IntRange(min = 0, max = 999_999) int number, @ForAll("suffixes") char suffix) {
        String d = String.format("%06d", number);
        for (String form : forms(prefix, d, suffix)) {
            assertThat(single(Recorder.run(DETECTOR, "NI number " + form + " here", null)).isUnmasked()).as(form).isTrue();
            assertThat(single(Recorder.run(DETECTOR, "rhif yswiriant gwladol " + form, null)).isUnmasked()).isTrue();
            single(Recorder.run(DETECTOR, form, "$.employee.nino"));
            Recorder none = Recorder.run(DETECTOR, "order " + form + " shipped", null);
            assertThat(none.findings).as(form).isEmpty();
            assertThat(none.reasons()).as(form).containsExactly(RejectReason.NO_KEYWORD);
        }
    }

    /** Every prefix outside the issuable ones, and every suffix past D, is rejected. */
    @Test
    void everyOtherPrefixAndSuffixIsRejected() {
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                String prefix = "" + a + b;
                boolean issuable = FIRST.indexOf(a) >= 0 && SECOND.indexOf(b) >= 0 && !NOT_USED.contains(prefix);
                Recorder r = Recorder.run(DETECTOR, "NINO " + prefix + "481927B", null);
                assertThat(r.findings.size()).as(prefix).isEqualTo(issuable ? 1 : 0);
                if (!issuable) {
                    assertThat(r.reasons()).as(prefix).containsAnyOf(RejectReason.INVALID_PATTERN, RejectReason.INVALID_RANGE);
                }
            }
        }
        for (char s = 'E'; s <= 'Z'; s++) {
            Recorder r = Recorder.run(DETECTOR, "NINO KR 48 19 27 " + s, null);
            assertThat(r.findings).as("suffix %s", s).isEmpty();
            assertThat(r.reasons()).containsExactly(RejectReason.INVALID_PATTERN);
        }
    }

    @Test
    void hmrcsExampleIsATestValueInEveryForm() {
        for (String v : List.of("QQ 12 34 56 C", "QQ123456C", "qq123456c", "QQ-12-34-56-A", "QQ 12 34 56 D")) {
            Finding f = single(Recorder.run(DETECTOR, "National Insurance number " + v, null));
            assertThat(f.testValue()).as(v).isTrue();
            assertThat(f.isUnmasked()).as(v).isFalse();
        }
    }

    /** Masked showing no digit: every shape and mask char, the suffix A-D alone shown; E-Z are no NINO. */
    @Test
    void maskedValuesShowingNoDigitAreFoundAtMaskRunStarts() {
        for (String masked : List.of("XX XX XX XX ", "** ** ** ** ", "XX-XX-XX-XX-", "XXXXXXXX", "********", "########")) {
            for (char s = 'A'; s <= 'Z'; s++) {
                String v = masked + s;
                Recorder r = Recorder.run(DETECTOR, "NI number " + v + " on file", null);
                if (s <= 'D') {
                    Finding f = single(r);
                    assertThat(f.masked()).as(v).isTrue();
                    assertThat(f.end() - f.start()).as(v).isEqualTo(v.length());
                    single(Recorder.run(DETECTOR, v, "$.employee.nino"));
                    assertThat(Recorder.run(DETECTOR, "order " + v + " shipped", null).reasons()).as(v)
                            .containsExactly(RejectReason.NO_KEYWORD);
                } else {
                    assertThat(r.findings).as(v).isEmpty();
                    assertThat(r.rejections).as(v).isEmpty();
                }
            }
        }
    }

    /** A masked value showing digits is the digit-run path's: reported once, not again from its mask-run start. */
    @Test
    void maskedValuesShowingDigitsAreReportedOnce() {
        for (String v : List.of("*****927B", "XX XX XX 61 D", "XX-XX-XX-X6-A", "XXXXXX92C")) {
            assertThat(single(Recorder.run(DETECTOR, "NINO " + v, null)).masked()).as(v).isTrue();
        }
    }

    @Provide
    Arbitrary<String> prefixes() {
        List<String> all = new ArrayList<>();
        for (char a : FIRST.toCharArray()) {
            for (char b : SECOND.toCharArray()) {
                if (!NOT_USED.contains("" + a + b)) {
                    all.add("" + a + b);
                }
            }
        }
        return Arbitraries.of(all);
    }

    @Provide
    Arbitrary<Character> suffixes() {
        return Arbitraries.of('A', 'B', 'C', 'D');
    }

    static List<String> forms(String prefix, String d, char suffix) {
        String spaced = prefix + " " + d.substring(0, 2) + " " + d.substring(2, 4) + " " + d.substring(4) + " " + suffix;
        return List.of(prefix + d + suffix, spaced, spaced.replace(' ', '-'), (prefix + d + suffix).toLowerCase(Locale.ROOT));
    }
}
