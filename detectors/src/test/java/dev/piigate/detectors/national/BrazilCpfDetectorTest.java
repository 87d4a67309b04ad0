package dev.piigate.detectors.national;

import static dev.piigate.detectors.national.GatedIds.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class BrazilCpfDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "cpf.txt";
    }

    private static final Detector DETECTOR = BrazilCpfDetector.FACTORY.create(DetectorSettings.defaults());

    /** The two check digits, written out here from the rule (weights 10..2, then 11..2; 10 and 11 give 0). */
    static String withCheckDigits(String nine) {
        int s1 = 0;
        int s2 = 0;
        for (int i = 0; i < 9; i++) {
            int d = nine.charAt(i) - '0';
            s1 += (10 - i) * d;
            s2 += (11 - i) * d;
        }
        int d1 = (11 - s1 % 11) % 11 % 10;
        s2 += 2 * d1;
        int d2 = (11 - s2 % 11) % 11 % 10;
        return nine + d1 + d2;
    }

    static List<String> forms(String cpf) {
        return List.of(
                cpf.substring(0, 3) + "." + cpf.substring(3, 6) + "." + cpf.substring(6, 9) + "-" + cpf.substring(9),
                cpf,
                cpf.substring(0, 9) + "-" + cpf.substring(9));
    }

    @Property(tries = 300)
    void everyValidNumberIsFoundInEveryFormWithAKeywordAndNoOtherwise(
            @ForAll @NumericChars @StringLength(9) String nine, @ForAll @IntRange(min = 0, max = 10) int changed) {
        String cpf = withCheckDigits(nine);
        Assume.that(!cpf.chars().allMatch(c -> c == cpf.charAt(0)));
        for (String form : forms(cpf)) {
            GatedIds.foundOnlyWithAKeyword(DETECTOR, form, "$.cliente.cpf",
                    List.of("CPF " + form, "o número " + form + " é o CPF", "cadastro de pessoa física: " + form),
                    "pedido " + form);
        }
        // One digit changed: the check digits no longer hold (but for the changes the rule cannot
        // see: its "10 and 11 give 0" folds two remainders together, so a few changes keep a valid CPF).
        char[] digits = cpf.toCharArray();
        digits[changed] = (char) ('0' + (digits[changed] - '0' + 1) % 10);
        String wrong = new String(digits);
        Assume.that(!wrong.chars().allMatch(c -> c == wrong.charAt(0)));
        Assume.that(!withCheckDigits(wrong.substring(0, 9)).equals(wrong));
        for (String form : forms(wrong)) {
            Recorder r = Recorder.run(DETECTOR, "CPF " + form);
            assertThat(r.findings).as(form).isEmpty();
            assertThat(r.reasons()).as(form).containsExactly(RejectReason.INVALID_CHECKSUM);
        }
    }

    @Test
    void everyRepeatedDigitIsDegenerate() {
        for (char c = '0'; c <= '9'; c++) {
            String value = String.valueOf(c).repeat(11);
            assertThat(Recorder.run(DETECTOR, "CPF " + value).reasons()).as(value)
                    .containsExactly(RejectReason.DEGENERATE);
        }
    }

    @Test
    void keywordDistanceComesFromTheSettings() {
        String text = "cpf do titular: 318.406.725-44";
        assertThat(Recorder.run(DETECTOR, text).findings).hasSize(1);
        Detector near = BrazilCpfDetector.FACTORY.create(DetectorSettings.defaults().withKeywordDistance(5));
        assertThat(Recorder.run(near, text).reasons()).containsExactly(RejectReason.NO_KEYWORD);
    }

    @Test
    void proseAndLogsReportNothing() {
        GatedIds.proseAndLogsReportNothing(DETECTOR, GatedIds.LOG);
    }
}
