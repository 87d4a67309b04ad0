package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Card, phone, account and SSN words glued to the value with no space, as Japanese, Chinese and
 * Korean write them ("卡号1234..."). The words are the detectors' keywords already (the vector
 * files test them with a space or punctuation in between); what is missing is the token boundary
 * between a CJK letter and an ASCII digit or letter: the shared text layer's script-change
 * boundary. Every case must be one finding spanning exactly the value.
 */
class CjkKeywordsTest {

    static Stream<Arguments> glued() {
        return Stream.of(
                Arguments.of("card_luhn_v2", "卡号", "1234899143301464", "，谢谢"),
                Arguments.of("card_luhn_v2", "カード番号", "9999916011084366", "です"),
                Arguments.of("card_luhn_v2", "信用卡號", "4301661318609135", "。"),
                Arguments.of("card_luhn_v2", "카드번호", "1234899143301464", "입니다"),
                Arguments.of("phone_libphonenumber_v4", "電話番号", "4155552671", "まで"),
                Arguments.of("phone_libphonenumber_v4", "手机", "4155552671", "联系"),
                Arguments.of("phone_libphonenumber_v4", "휴대폰", "4155552671", "으로"),
                Arguments.of("iban_mod97_v2", "账号", "DE89370400440532013000", "。"),
                Arguments.of("iban_mod97_v2", "口座番号", "DE89370400440532013000", "です"),
                Arguments.of("ssn_v2", "社会保障番号", "536221047", "です"),
                Arguments.of("ssn_v2", "사회보장번호", "536221047", "입니다"));
    }

    @ParameterizedTest(name = "{0}: {1}{2}{3}")
    @MethodSource("glued")
    void aValueGluedToItsCjkKeywordIsFound(String detectorId, String before, String value, String after) {
        Detector detector = DetectorRegistry.load().create(DetectorSettings.defaults()
                .withEnabled(List.of(detectorId)).withPhoneRegions(List.of("US"))).get(0);
        Recorder r = Recorder.run(detector, before + value + after);
        assertThat(r.findings).as(r.rejections.toString()).singleElement().satisfies(f -> {
            assertThat(f.start()).isEqualTo(before.length());
            assertThat(f.end()).isEqualTo(before.length() + value.length());
            assertThat(f.isUnmasked()).isTrue();
        });
    }
}
