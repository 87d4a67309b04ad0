package dev.piigate.detectors.dob;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The month table against the JDK's copy of CLDR: every name and abbreviation it writes is known. */
class MonthNamesTest {
    static final List<String> LOCALES = List.of("en-US", "en-GB", "fr", "de", "de-AT", "es", "pt", "pt-PT", "it");

    @Test
    void everyCldrMonthNameOfTheSixLanguagesIsKnown() {
        for (String tag : LOCALES) {
            Locale locale = Locale.forLanguageTag(tag);
            for (Month m : Month.values()) {
                for (TextStyle style : List.of(TextStyle.FULL, TextStyle.SHORT, TextStyle.FULL_STANDALONE,
                        TextStyle.SHORT_STANDALONE)) {
                    String name = m.getDisplayName(style, locale);
                    String word = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
                    assertThat(MonthNames.month(word, 0, word.length())).as(tag + " " + style + " " + name)
                            .isEqualTo(m.getValue());
                    String upper = word.toUpperCase(Locale.ROOT);
                    assertThat(MonthNames.month(upper, 0, upper.length())).as(upper).isEqualTo(m.getValue());
                }
            }
        }
    }

    @Test
    void otherWordsAreNoMonths() {
        for (String word : List.of("ma", "marc", "dismay", "the", "septembers", "mayo2", "")) {
            assertThat(MonthNames.month(word, 0, word.length())).as(word).isZero();
        }
        assertThat(MonthNames.month("in may 1987", 3, 6)).isEqualTo(5);
    }
}
