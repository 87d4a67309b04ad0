package dev.piigate.detectors.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Generated cards: brand prefix, random body, Luhn digit, a random printed grouping. */
class CardPropertiesTest {
    private static final Detector DETECTOR = CardDetector.FACTORY.create(DetectorSettings.defaults());

    /** An issuer range and the lengths it issues (mirrors {@link IssuerPrefixes}). */
    record Brand(int low, int high, int... lengths) {}

    private static final List<Brand> BRANDS = List.of(
            new Brand(4, 4, 13, 16, 19),
            new Brand(51, 55, 16),
            new Brand(2221, 2720, 16),
            new Brand(34, 34, 15),
            new Brand(37, 37, 15),
            new Brand(6011, 6011, 16, 17, 18, 19),
            new Brand(644, 649, 16, 17, 18, 19),
            new Brand(65, 65, 16, 19),
            new Brand(622126, 622925, 16, 19),
            new Brand(3528, 3589, 16, 17, 18, 19),
            new Brand(300, 305, 14, 15, 16, 19),
            new Brand(3095, 3095, 14),
            new Brand(36, 36, 14, 16),
            new Brand(38, 39, 14, 16, 19),
            new Brand(62, 62, 16, 17, 18, 19),
            new Brand(5018, 5018, 13, 15, 19),
            new Brand(6759, 6759, 16, 19),
            new Brand(6761, 6763, 13, 17),
            new Brand(5019, 5019, 16),
            new Brand(2200, 2204, 16, 19));

    /** A card: its digits and how it is printed. */
    record Card(String digits, String printed) {
        @Override
        public String toString() {
            return printed;
        }
    }

    @Provide
    Arbitrary<Card> cards() {
        return Combinators.combine(Arbitraries.of(BRANDS), Arbitraries.randoms(), Arbitraries.of(' ', '-'),
                        Arbitraries.integers().between(0, 99))
                .as((brand, random, separator, groupingPick) -> {
                    int length = brand.lengths()[random.nextInt(brand.lengths().length)];
                    String prefix = Integer.toString(brand.low() + random.nextInt(brand.high() - brand.low() + 1));
                    StringBuilder sb = new StringBuilder(prefix);
                    while (sb.length() < length - 1) {
                        sb.append((char) ('0' + random.nextInt(10)));
                    }
                    for (char check = '0'; check <= '9'; check++) {
                        String candidate = sb.toString() + check;
                        if (CardDetector.luhn(candidate, 0, candidate.length())) {
                            return new Card(candidate, print(candidate, groupingPick, separator));
                        }
                    }
                    throw new AssertionError("no Luhn digit");
                });
    }

    /** Plain, or in one of the printed groupings of its length. */
    private static String print(String digits, int pick, char separator) {
        int[][] groupings = CardGroupings.groupings(digits.length());
        int choice = pick % (groupings.length + 1);
        if (choice == groupings.length) {
            return digits;
        }
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (int group : groupings[choice]) {
            if (at > 0) {
                sb.append(separator);
            }
            sb.append(digits, at, at + group);
            at += group;
        }
        return sb.toString();
    }

    @Property(tries = 2000)
    void generatedCardsAreFoundWithTheirExactSpan(@ForAll("cards") Card card) {
        String text = "Paid with " + card.printed() + " today.";
        Recorder r = Recorder.run(DETECTOR, text);
        int start = "Paid with ".length();
        assertThat(r.findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(EntityType.CREDIT_CARD_NUMBER);
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(start + card.printed().length());
            assertThat(f.masked()).isFalse();
        });
    }

    @Property(tries = 2000)
    void anySingleDigitSubstitutionIsRejected(@ForAll("cards") Card card, @ForAll @IntRange(min = 0, max = 18) int which,
            @ForAll @IntRange(min = 1, max = 9) int shift) {
        List<Integer> digitPositions = new ArrayList<>();
        for (int i = 0; i < card.printed().length(); i++) {
            if (Chars.isDigit(card.printed().charAt(i))) {
                digitPositions.add(i);
            }
        }
        int at = digitPositions.get(which % digitPositions.size());
        char[] chars = card.printed().toCharArray();
        chars[at] = (char) ('0' + (chars[at] - '0' + shift) % 10);
        Recorder r = Recorder.run(DETECTOR, "card " + new String(chars) + " ok");
        assertThat(r.findings).isEmpty();
        assertThat(r.rejections).isNotEmpty();
    }

    @Provide
    Arbitrary<String> letters() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(0).ofMaxLength(4);
    }

    @Provide
    Arbitrary<String> lettersAndDigits() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .ofMinLength(0).ofMaxLength(4);
    }

    @Property(tries = 2000)
    void cardGluedToLettersIsNotReported(@ForAll("cards") Card card, @ForAll("letters") String before,
            @ForAll("letters") String after) {
        if (before.isEmpty() && after.isEmpty()) {
            before = "x";
        }
        String text = "id " + before + card.printed() + after + " end";
        Recorder r = Recorder.run(DETECTOR, text);
        int start = 3 + before.length();
        int end = start + card.printed().length();
        assertThat(r.findings).noneMatch(f -> f.start() < end && start < f.end());
    }

    /**
     * Glued digits make a longer number. That number may itself be a valid card (a 16-digit
     * UnionPay with two more digits can be a valid 18-digit one in 4-4-4-6), so the property is:
     * the generated card is never reported as such, and anything reported over it is a valid card
     * in its own right.
     */
    @Property(tries = 2000)
    void cardGluedToLettersOrDigitsIsNotReportedAsItself(@ForAll("cards") Card card,
            @ForAll("lettersAndDigits") String before, @ForAll("lettersAndDigits") String after) {
        if (before.isEmpty() && after.isEmpty()) {
            before = "7";
        }
        String text = "id " + before + card.printed() + after + " end";
        Recorder r = Recorder.run(DETECTOR, text);
        int start = 3 + before.length();
        int end = start + card.printed().length();
        for (Finding f : r.findings) {
            if (f.start() < end && start < f.end()) {
                assertThat(f.start() == start && f.end() == end).as("reported as itself").isFalse();
                assertThat(isValidCard(text.substring(f.start(), f.end()))).as("a valid card of its own").isTrue();
            }
        }
    }

    private static boolean isValidCard(String printed) {
        StringBuilder digits = new StringBuilder();
        for (char c : printed.toCharArray()) {
            if (Chars.isDigit(c)) {
                digits.append(c);
            }
        }
        String d = digits.toString();
        return d.length() >= 13 && d.length() <= 19 && CardDetector.luhn(d, 0, d.length())
                && IssuerPrefixes.isKnown(Integer.parseInt(d.substring(0, 6)), d.length());
    }
}
