package dev.piigate.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.piigate.jobs.eval.Scorer.Found;
import dev.piigate.jobs.eval.Scorer.Result;
import dev.piigate.jobs.eval.Scorer.TypeScore;

/**
 * Keeps the evaluation honest without running it: the generator is deterministic, every label it
 * makes is valid per the independent validators (and every look-alike invalid where that is
 * checkable), the hard cases parse and validate, and the scorer computes the right numbers on a
 * case worked out by hand.
 */
class EvalCorpusTest {
    private static final int SMALL = 400;

    @Test
    void sameSeedSameCorpusOtherSeedOtherCorpus() {
        List<EvalRecord> a = new CorpusGenerator("unit").generate(150);
        List<EvalRecord> b = new CorpusGenerator("unit").generate(150);
        List<EvalRecord> c = new CorpusGenerator("other").generate(5);
        assertThat(a).isEqualTo(b);
        assertThat(a.get(0).text()).isNotEqualTo(c.get(0).text());
    }

    @Test
    void everyLabelIsValidPerTheIndependentValidators() {
        List<EvalRecord> records = new ArrayList<>(new CorpusGenerator("unit").generate(SMALL));
        records.addAll(HardCases.load(Path.of("..", "samples", "eval")));
        long labels = 0;
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (EvalRecord r : records) {
            int lastEnd = 0;
            for (Label l : r.labels()) {
                assertThat(Independent.check(r, l)).as(r.id() + " " + l.kind()).isNull();
                assertThat(l.start()).as(r.id() + " labels in order, not overlapping").isGreaterThanOrEqualTo(lastEnd);
                lastEnd = l.end();
                if (!l.isDecoy()) {
                    labels++;
                    kinds.add(l.type() + "/" + l.state());
                } else {
                    String v = r.covered(l);
                    assertThat(Independent.card(v)).as(r.id() + " look-alike is no card: " + l.kind()).isFalse();
                    assertThat(Independent.iban(v)).as(r.id() + " look-alike is no IBAN: " + l.kind()).isFalse();
                }
            }
            assertThat(CorpusGenerator.ambiguous(r)).as(r.id()).isFalse();
        }
        assertThat(labels).isGreaterThan(SMALL / 2);
        for (String type : Independent.TYPES) {
            assertThat(kinds).contains(type + "/unmasked", type + "/masked");
        }
        assertThat(kinds).contains(Independent.CARD + "/test", Independent.PHONE + "/test");
        assertThat(records.stream().filter(r -> r.id().startsWith("hard-")).count()).isGreaterThan(30);
    }

    @Test
    void everyIbanCountryAndCardBrandGeneratesValidValues() {
        Values v = new Values(new java.util.Random(1), new net.datafaker.Faker(new java.util.Random(1)));
        assertThat(Values.IBAN_FORMATS).hasSizeGreaterThanOrEqualTo(30);
        for (String country : Values.IBAN_FORMATS.keySet()) {
            assertThat(Independent.iban(v.ibanCompact(country))).as(country).isTrue();
            assertThat(Independent.iban(Values.printForm(v.ibanCompact(country)))).as(country + " print").isTrue();
        }
        for (Independent.Brand brand : Independent.BRANDS) {
            for (int length : brand.lengths()) {
                assertThat(Independent.card(v.pan(brand, length))).as(brand.name() + " " + length).isTrue();
            }
        }
        for (String region : Values.PHONE_REGIONS) {
            assertThat(Independent.PHONES.isValidNumber(v.phoneNumber(region))).as(region).isTrue();
        }
    }

    @Test
    void independentValidatorsRejectTheClassicNegatives() {
        assertThat(Independent.card("4526 0181 5908 3013")).isFalse(); // Luhn
        assertThat(Independent.card("4111 1111 1111 1111")).isFalse(); // public test number
        assertThat(Independent.testCard("4111 1111 1111 1111")).isTrue();
        assertThat(Independent.ssn("666-45-2210")).isFalse();
        assertThat(Independent.ssn("412-00-9051")).isFalse();
        assertThat(Independent.ssn("078-05-1120")).isFalse();
        assertThat(Independent.ssn("412-73-9051")).isTrue();
        assertThat(Independent.iban("DE45 5001 0517 5407 3249 31")).isFalse();
        assertThat(Independent.phone("(212) 555-0147", "US")).isFalse();
        assertThat(Independent.testPhone("(212) 555-0147", "US")).isTrue();
        assertThat(Independent.phone("020 7946 0321", "GB")).isFalse();
        assertThat(Independent.email("email@example.com")).isFalse();
        assertThat(Independent.masked(Independent.EMAIL, "email@example.com")).isTrue();
    }

    /**
     * One record, text "aaaaaaaaaa bbbbbbbbbb cccccccccc", worked out by hand:
     * labels CARD [0,10) unmasked, CARD [11,21) masked, EMAIL [22,32) unmasked;
     * findings CARD [0,10) unmasked (exact), CARD [12,21) unmasked (overlap only, wrong state),
     * CARD [25,30) (inside the e-mail label: a false positive). A second record with no labels gets one
     * unmasked PHONE finding (a record-level false alarm); a third with an unmasked e-mail label
     * gets a masked finding only (a record-level miss).
     */
    @Test
    void scorerComputesPrecisionAndRecallOnAHandMadeCase() {
        String text = "aaaaaaaaaa bbbbbbbbbb cccccccccc";
        EvalRecord r0 = new EvalRecord("r0", text, List.of(
                new Label(Independent.CARD, 0, 10, Label.UNMASKED, "k"),
                new Label(Independent.CARD, 11, 21, Label.MASKED, "k"),
                new Label(Independent.EMAIL, 22, 32, Label.UNMASKED, "k")));
        EvalRecord r1 = new EvalRecord("r1", text, List.of(new Label(null, 0, 10, null, "neg.x")));
        EvalRecord r2 = new EvalRecord("r2", text, List.of(new Label(Independent.EMAIL, 0, 10, Label.UNMASKED, "k")));
        List<Found> found = List.of(
                new Found(0, "$.text", 0, 10, Independent.CARD, false, false),
                new Found(0, "$.text", 12, 21, Independent.CARD, false, false),
                new Found(0, "$.text", 25, 30, Independent.CARD, false, false),
                new Found(1, "$.text", 0, 10, Independent.PHONE, false, false),
                new Found(2, "$.text", 0, 10, Independent.EMAIL, true, false),
                new Found(2, "$.id", 0, 2, Independent.EMAIL, false, false));
        Result r = Scorer.score(List.of(r0, r1, r2), found);

        TypeScore card = r.types.get(Independent.CARD);
        assertThat(card.findings).isEqualTo(3);
        assertThat(card.labels).isEqualTo(2);
        assertThat(card.exactPrecision()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(card.exactRecall()).isCloseTo(0.5, within(1e-9));
        assertThat(card.overlapPrecision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(card.overlapRecall()).isCloseTo(1.0, within(1e-9));
        assertThat(card.overlapF1()).isCloseTo(0.8, within(1e-9));
        assertThat(card.stateAccuracy()).isCloseTo(0.5, within(1e-9));

        TypeScore email = r.types.get(Independent.EMAIL);
        assertThat(email.labels).isEqualTo(2);
        assertThat(email.overlapRecall()).isCloseTo(0.5, within(1e-9));
        assertThat(email.stateAccuracy()).isCloseTo(0.0, within(1e-9));
        assertThat(r.types.get(Independent.PHONE).overlapPrecision()).isCloseTo(0.0, within(1e-9));
        assertThat(r.findingsOutsideText).isEqualTo(1);

        // records: r0 true & flagged, r1 false & flagged, r2 true & flagged (by the $.id finding)
        assertThat(r.recordsTrue).isEqualTo(2);
        assertThat(r.recordsPredicted).isEqualTo(3);
        assertThat(r.recordPrecision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(r.recordRecall()).isCloseTo(1.0, within(1e-9));
        assertThat(r.errors).containsKeys("FP CREDIT_CARD_NUMBER on a EMAIL_ADDRESS label (k)",
                "FP PHONE_NUMBER on neg.x", "RECORD false alarm (PHONE_NUMBER)", "FN EMAIL_ADDRESS k",
                "STATE CREDIT_CARD_NUMBER k labelled masked, reported unmasked");
        assertThat(Scorer.shape("Ab-12 x")).isEqualTo("Aa-99 a");
    }
}
