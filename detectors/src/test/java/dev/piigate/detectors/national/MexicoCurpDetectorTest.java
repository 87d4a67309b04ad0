package dev.piigate.detectors.national;

import static dev.piigate.detectors.national.GatedIds.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MexicoCurpDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "curp.txt";
    }

    private static final Detector DETECTOR = MexicoCurpDetector.FACTORY.create(DetectorSettings.defaults());

    /** The check digit, written out here: each char's rank in 0-9 A-N Ñ O-Z times 18 down to 2. */
    static char checkDigit(String seventeen) {
        String ranks = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = seventeen.charAt(i);
            sum += ranks.indexOf(c == '&' ? 'Ñ' : c) * (18 - i);
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    @Provide
    Arbitrary<String> seventeen() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('A', 'Z').ofLength(4);
        Arbitrary<LocalDate> born = Arbitraries.integers().between(0, 200 * 365)
                .map(d -> LocalDate.of(1900, 1, 1).plusDays(d));
        Arbitrary<Character> sex = Arbitraries.of('H', 'M', 'X');
        Arbitrary<String> state = Arbitraries.of("AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR",
                "HG", "JC", "MC", "MN", "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL",
                "VZ", "YN", "ZS", "NE");
        Arbitrary<String> consonants = Arbitraries.strings().withChars("BCDFGHJKLMNPQRSTVWXYZ").ofLength(3);
        Arbitrary<Integer> homonym = Arbitraries.integers().between(0, 25);
        return Combinators.combine(names, born, sex, state, consonants, homonym).as((n, b, x, s, c, h) ->
                n + String.format("%02d%02d%02d", b.getYear() % 100, b.getMonthValue(), b.getDayOfMonth()) + x + s + c
                        + (b.getYear() < 2000 ? (char) ('0' + h % 10) : (char) ('A' + h)));
    }

    @Property(tries = 300)
    void everyValidCurpIsFoundWithAKeywordAndNoOtherwise(@ForAll("seventeen") String seventeen,
            @ForAll @IntRange(min = 0, max = 3) int changed) {
        String curp = seventeen + checkDigit(seventeen);
        for (String form : List.of(curp, curp.toLowerCase(Locale.ROOT))) {
            GatedIds.foundOnlyWithAKeyword(DETECTOR, form, "$.solicitante.curp", List.of("CURP " + form,
                    "la clave " + form + " es su CURP", "clave única de registro de población: " + form), "pedido " + form);
        }
        // A changed check digit fails the check; so does a changed name letter, but for the
        // changes a mod-10 sum cannot see (N to O skips Ñ: 2 x 15 = 30), left out here.
        char[] chars = curp.toCharArray();
        chars[changed] = (char) ('A' + (chars[changed] - 'A' + 1) % 26);
        String changedName = new String(chars);
        if (checkDigit(changedName) != curp.charAt(17)) {
            Recorder r = Recorder.run(DETECTOR, "CURP " + changedName);
            assertThat(r.findings).isEmpty();
            assertThat(r.reasons()).containsExactly(RejectReason.INVALID_CHECKSUM);
        }
        String wrongCheck = seventeen + (char) ('0' + (checkDigit(seventeen) - '0' + 1) % 10);
        assertThat(Recorder.run(DETECTOR, "CURP " + wrongCheck).reasons()).containsExactly(RejectReason.INVALID_CHECKSUM);
    }

    @Test
    void proseAndLogsReportNothing() {
        GatedIds.proseAndLogsReportNothing(DETECTOR, GatedIds.LOG);
    }
}
