package dev.piigate.detectors.national;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrittenFormTest {
    private static final WrittenForm CPF = new WrittenForm("ddd.ddd.ddd-dd");
    private static final WrittenForm DNI = new WrittenForm("dddddddda");

    @Test
    void matchesEveryPositionAsTheTemplateSays() {
        assertThat(CPF.matches("x 318.406.725-44", 2)).isTrue();
        assertThat(CPF.matches("x 318.406.725.44", 2)).isFalse();
        assertThat(CPF.matches("x 318.406.725-4", 2)).isFalse(); // past the end
        assertThat(CPF.matches("318.406.725-44", -1)).isFalse();
        assertThat(new WrittenForm("d dd cc").matches("1 85 2A", 0)).isTrue();
        assertThat(DNI.matches("48215937W", 0)).isTrue();
        assertThat(DNI.matches("482159377", 0)).isFalse();
        assertThat(CPF.startFor(10)).isEqualTo(10);
        assertThat(new WrittenForm("a-ddddddd-a").startFor(10)).isEqualTo(8);
        assertThat(new WrittenForm("a-ddddddd-a").firstRun()).isEqualTo(7);
    }

    @Test
    void aMaskedValueIsFoundFromItsLastDigitGroupWhereverTheFormEnds() {
        assertThat(CPF.maskedStart("cpf ***.***.***-44", 18)).isEqualTo(4);
        assertThat(CPF.maskedStart("cpf XXX.XXX.x25-44", 18)).isEqualTo(4);
        // the letter after the last digits: the form ends one char after the run
        assertThat(DNI.maskedStart("*****937W", 8)).isEqualTo(0);
        assertThat(new WrittenForm("a-ddddddd-a").maskedStart("*-****163-S", 9)).isEqualTo(0);
        // five shown is not masked; a mask after a shown digit is not either; separators as written
        assertThat(CPF.maskedStart("cpf ***.**6.725-44", 18)).isEqualTo(-1);
        assertThat(CPF.maskedStart("cpf ***.***.*2*-44", 18)).isEqualTo(-1);
        assertThat(CPF.maskedStart("cpf ***.***.***.44", 18)).isEqualTo(-1);
        assertThat(CPF.maskedStart("cpf 318.406.725-44", 18)).isEqualTo(-1);
        assertThat(DNI.maskedStart("*****937", 8)).isEqualTo(-1); // the form runs past the text
    }

    @Test
    void aMaskedValueThatShowsNoDigitIsTestedAtItsStart() {
        assertThat(DNI.maskedAt("DNI ********Z", 4)).isTrue();
        assertThat(new WrittenForm("dddddddd-a").maskedAt("XXXXXXXX-Z", 0)).isTrue();
        assertThat(new WrittenForm("a-ddddddd-a").maskedAt("X-XXXXXXX-L", 0)).isTrue();
        assertThat(DNI.maskedAt("*********", 0)).isFalse(); // nothing shows
        assertThat(DNI.maskedAt("********-Z", 0)).isFalse(); // the separator is not the form's
        assertThat(DNI.maskedAt("****Z", 0)).isFalse(); // the form runs past the text
    }
}
