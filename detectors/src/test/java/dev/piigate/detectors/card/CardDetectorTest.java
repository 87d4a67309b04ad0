package dev.piigate.detectors.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import org.junit.jupiter.api.Test;

class CardDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "card.txt";
    }

    private static final Detector DETECTOR = CardDetector.FACTORY.create(DetectorSettings.defaults());
    private static final String CARD = "4301 6613 1860 9135";

    @Test
    void factoryBuildsTheDetectorItNames() {
        assertThat(CardDetector.FACTORY.id()).isEqualTo(CardDetector.ID);
        assertThat(DETECTOR.id()).isEqualTo("card_luhn_v2");
    }

    @Test
    void aKeywordNearbyRaisesConfidence() {
        assertThat(only("Credit card: " + CARD).confidence()).isEqualTo(CardDetector.CONFIDENCE_KEYWORD);
        assertThat(only(CARD + " (visa)").confidence()).isEqualTo(CardDetector.CONFIDENCE_KEYWORD);
        assertThat(only("Reference " + CARD).confidence()).isEqualTo(CardDetector.CONFIDENCE_NO_KEYWORD);
    }

    @Test
    void aKeywordFartherThanTheDistanceDoesNotCount() {
        String text = "card" + " ".repeat(40) + CARD;
        assertThat(only(text).confidence()).isEqualTo(CardDetector.CONFIDENCE_NO_KEYWORD);
        Detector wide = CardDetector.FACTORY.create(DetectorSettings.defaults().withKeywordDistance(60));
        assertThat(Recorder.run(wide, text).findings).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isEqualTo(CardDetector.CONFIDENCE_KEYWORD));
    }

    @Test
    void aFieldNameSayingCardRaisesConfidence() {
        assertThat(Recorder.run(DETECTOR, CARD, "$.billing.cardNumber").findings).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isEqualTo(CardDetector.CONFIDENCE_KEYWORD));
        assertThat(Recorder.run(DETECTOR, CARD, "$.order.reference").findings).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isEqualTo(CardDetector.CONFIDENCE_NO_KEYWORD));
    }

    @Test
    void everyPublishedTestNumberIsValidAndReportedAsATestValue() {
        for (String number : TestCardNumbers.published()) {
            assertThat(CardDetector.luhn(number, 0, number.length())).as(number).isTrue();
            assertThat(IssuerPrefixes.isKnown(Integer.parseInt(number.substring(0, 6)), number.length()))
                    .as(number).isTrue();
            assertThat(Recorder.run(DETECTOR, "card " + number).findings).as(number).singleElement()
                    .satisfies(f -> assertThat(f.testValue()).isTrue());
        }
    }

    @Test
    void groupingsAddUpToTheirLength() {
        for (int digits = CardDetector.MIN_DIGITS; digits <= CardDetector.MAX_DIGITS; digits++) {
            for (int[] grouping : CardGroupings.groupings(digits)) {
                int sum = 0;
                for (int g : grouping) {
                    sum += g;
                }
                assertThat(sum).isEqualTo(digits);
                assertThat(grouping.length).isLessThanOrEqualTo(CardGroupings.MAX_GROUPS);
            }
        }
    }

    @Test
    void issuerRanges() {
        assertThat(IssuerPrefixes.isKnown(222100, 16)).isTrue();
        assertThat(IssuerPrefixes.isKnown(272099, 16)).isTrue();
        assertThat(IssuerPrefixes.isKnown(272100, 16)).isFalse();
        assertThat(IssuerPrefixes.isKnown(222099, 16)).isFalse();
        assertThat(IssuerPrefixes.isKnown(378282, 15)).isTrue();
        assertThat(IssuerPrefixes.isKnown(378282, 16)).isFalse();
        assertThat(IssuerPrefixes.isKnown(411111, 13)).isTrue();
        assertThat(IssuerPrefixes.isKnown(411111, 14)).isFalse();
        assertThat(IssuerPrefixes.isKnown(622500, 19)).isTrue();
        assertThat(IssuerPrefixes.couldBeKnown(0, 0, 16)).isTrue();
        assertThat(IssuerPrefixes.couldBeKnown(37, 2, 15)).isTrue();
        assertThat(IssuerPrefixes.couldBeKnown(37, 2, 16)).isFalse();
        assertThat(IssuerPrefixes.couldBeKnown(1, 1, 16)).isFalse();
    }

    @Test
    void fullwidthAndArabicIndicDigitsAreFoundAtTheSameSpan() {
        String fullwidth = "card \uFF14\uFF13\uFF10\uFF11 \uFF16\uFF16\uFF11\uFF13 \uFF11\uFF18\uFF16\uFF10"
                + " \uFF19\uFF11\uFF13\uFF15 ok";
        assertThat(Recorder.run(DETECTOR, fullwidth).findings).singleElement()
                .satisfies(f -> assertThat(f.start()).isEqualTo(5))
                .satisfies(f -> assertThat(f.end()).isEqualTo(5 + CARD.length()));
        StringBuilder arabic = new StringBuilder("card ");
        for (char c : CARD.toCharArray()) {
            arabic.append(c == ' ' ? ' ' : (char) (0x0660 + c - '0'));
        }
        assertThat(Recorder.run(DETECTOR, arabic.toString()).findings).singleElement()
                .satisfies(f -> assertThat(f.end()).isEqualTo(5 + CARD.length()));
    }

    @Test
    void maskedCardsAreMaskedFindings() {
        assertThat(only("card **** **** **** 1234").masked()).isTrue();
        assertThat(only("card 411111******1111").masked()).isTrue();
        assertThat(only("card \u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 4242")
                .masked()).isTrue();
        assertThat(Recorder.run(DETECTOR, "card **** **** **** ****").findings).isEmpty();
    }

    @Test
    void digitHeavyLogsProduceNoCandidates() {
        String line = "2024-01-15T10:23:45.123Z 192.168.10.200:8080 pid=12345 req=98765432 took 12.5ms"
                + " build 1.2.3456 seq 1 2 3 4 5 uuid 3f2504e0-4f89-11d3-9a0c-0305e82c3301 ";
        Recorder r = Recorder.run(DETECTOR, line.repeat(200));
        assertThat(r.findings).isEmpty();
        assertThat(r.rejections).isEmpty();
    }

    @Test
    void aLongSpaceSeparatedListIsRejectedOnce() {
        StringBuilder sb = new StringBuilder("values");
        for (int i = 0; i < 500; i++) {
            sb.append(' ').append(i % 90 + 10);
        }
        Recorder r = Recorder.run(DETECTOR, sb.toString());
        assertThat(r.findings).isEmpty();
        assertThat(r.rejections).singleElement()
                .satisfies(rej -> assertThat(rej.reason()).isEqualTo(RejectReason.INVALID_LENGTH));
    }

    @Test
    void aCardInsideASpaceSeparatedRowIsFound() {
        assertThat(Recorder.run(DETECTOR, "2024 01 15 42 4301661318609135 99 USD").findings).singleElement()
                .satisfies(f -> assertThat(f.start()).isEqualTo(14));
    }

    @Test
    void regionalSchemesAreInTheIssuerTable() {
        assertThat(IssuerPrefixes.isKnown(506099, 16)).as("Verve").isTrue();
        assertThat(IssuerPrefixes.isKnown(506198, 19)).as("Verve").isTrue();
        assertThat(IssuerPrefixes.isKnown(506199, 16)).as("past Verve").isFalse();
        assertThat(IssuerPrefixes.isKnown(506699, 16)).as("Elo").isTrue();
        assertThat(IssuerPrefixes.isKnown(506779, 16)).as("past Elo").isFalse();
        assertThat(IssuerPrefixes.isKnown(810000, 16)).as("RuPay").isTrue();
        assertThat(IssuerPrefixes.isKnown(829999, 15)).as("RuPay length").isFalse();
        assertThat(IssuerPrefixes.isKnown(979289, 16)).as("Troy").isTrue();
        assertThat(IssuerPrefixes.isKnown(979290, 16)).as("past Troy").isFalse();
        assertThat(IssuerPrefixes.isKnown(860012, 16)).as("UzCard").isTrue();
        assertThat(IssuerPrefixes.isKnown(986012, 16)).as("Humo").isTrue();
        assertThat(IssuerPrefixes.isKnown(220512, 18)).as("BORICA").isTrue();
        assertThat(IssuerPrefixes.isKnown(970412, 19)).as("Napas").isTrue();
    }

    @Test
    void anUnknownIssuerCountsOnlyWhenACardWordOrFieldNamesTheNumber() {
        String unknown = "9999 9160 1108 4366"; // Luhn-valid, prefix 9999 in no table
        assertThat(only("card: " + unknown).confidence()).isEqualTo(CardDetector.CONFIDENCE_UNKNOWN_ISSUER);
        assertThat(only(unknown + " is my card").confidence()).isEqualTo(CardDetector.CONFIDENCE_UNKNOWN_ISSUER);
        assertThat(CardDetector.CONFIDENCE_UNKNOWN_ISSUER).as("Macie's with-keyword reading").isGreaterThanOrEqualTo(0.9);
        assertThat(Recorder.run(DETECTOR, unknown, "$.wallet.cardNumber").findings).hasSize(1);
        // not named: no word, a generic money word, too far, another number in between, after it a number follows
        assertThat(Recorder.run(DETECTOR, "ref " + unknown).findings).isEmpty();
        assertThat(Recorder.run(DETECTOR, "payment " + unknown).findings).isEmpty();
        assertThat(Recorder.run(DETECTOR, "card" + " ".repeat(31) + unknown).findings).isEmpty();
        assertThat(Recorder.run(DETECTOR, "card 12/27 cvv 123, ref " + unknown).findings).isEmpty();
        assertThat(Recorder.run(DETECTOR, unknown + " card 4301").findings).isEmpty();
        assertThat(Recorder.run(DETECTOR, unknown, "$.sim_card_iccid").findings).isEmpty();
        Detector wide = CardDetector.FACTORY.create(DetectorSettings.defaults().withKeywordDistance(60));
        assertThat(Recorder.run(wide, "card" + " ".repeat(31) + unknown).findings).hasSize(1);
    }

    @Test
    void telecomNumbersAreNeverCardsEvenNextToTheWordCard() {
        Recorder r = Recorder.run(DETECTOR, "SIM card 8901211785025517162");
        assertThat(r.findings).isEmpty();
        assertThat(r.rejections).singleElement()
                .satisfies(rej -> assertThat(rej.reason()).isEqualTo(RejectReason.UNKNOWN_PREFIX));
        assertThat(Recorder.run(DETECTOR, "SIM card 8901 **** **** **** 162").findings).isEmpty();
    }

    private static Finding only(String text) {
        Recorder r = Recorder.run(DETECTOR, text);
        assertThat(r.findings).as(text).hasSize(1);
        return r.findings.get(0);
    }
}
