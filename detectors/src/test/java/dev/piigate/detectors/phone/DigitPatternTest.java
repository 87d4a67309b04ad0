package dev.piigate.detectors.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

/** {@link DigitPattern} answers as {@code java.util.regex} does, on every pattern of the metadata. */
class DigitPatternTest {
    @ParameterizedTest
    @CsvSource({
        "'', '', true", "'', 1, false", "12, 12, true", "12, 1, false", "12, 123, false",
        "1?2, 2, true", "1?2, 12, true", "1*2, 1112, true", "1+2, 2, false", "\\d{3}, 123, true",
        "\\d{3}, 12, false", "'[2-46]\\d{2,3}', 3999, true", "'[2-46]\\d{2,3}', 599, false",
        "'[2-46]\\d{2,3}', 29999, false", "(?:1|23)4, 234, true", "(?:1|23)4, 14, true", "(?:1|23)4, 24, false",
        "(1|2)(?:3|4)?, 2, true", "[\\d]5, 05, true", "'7{2,}', 7, false", "'7{2,}', 7777, true",
        "12|, '', true", "'(?:)', '', true", "1, a, false", "1, '1 ', false",
    })
    void answersAsTheRegexDoes(String regex, String input, boolean expected) {
        assertThat(Pattern.compile(regex).matcher(input).matches()).as("the regex itself").isEqualTo(expected);
        DigitPattern p = DigitPattern.compile(regex);
        assertThat(p).isNotNull();
        assertThat(p.matches(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "1.", "[^1]", "a", "1(?=2)", "1??", "1*+", "\\s", "(1", "1)", "[a-c]", "1{,2}", "1{3,2}",
        "[", "\\", "1{2"})
    void syntaxBeyondDigitsIsLeftToTheRegex(String regex) {
        assertThat(DigitPattern.compile(regex)).isNull();
    }

    @Test
    void everyNationalNumberPatternOfTheMetadataCompilesAndMatchesAsItsRegex() {
        List<String> patterns = metadataPatterns();
        assertThat(patterns).hasSizeGreaterThan(1000);
        Random random = new Random(7);
        int compiled = 0;
        for (String regex : patterns) {
            DigitPattern p = DigitPattern.compile(regex);
            if (p == null) {
                continue;
            }
            compiled++;
            Pattern re = Pattern.compile(regex);
            for (String input : inputs(re, random)) {
                assertThat(p.matches(input)).as("%s on %s", regex, input).isEqualTo(re.matcher(input).matches());
            }
        }
        // Every pattern of today's metadata compiles; a new kind of syntax would fall back, seen here.
        assertThat(compiled).isEqualTo(patterns.size());
    }

    /**
     * Random digit strings of every length up to 17, and strings grown from matching prefixes: each
     * digit chosen among those that keep the regex able to match (hitEnd), so most inputs are
     * numbers of the pattern or one digit off one, not noise it rejects at the first digit.
     */
    private static List<String> inputs(Pattern re, Random random) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(18);
            for (int i = 0; i < length; i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            out.add(sb.toString());
        }
        for (int k = 0; k < 40; k++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(17);
            for (int i = 0; i < length; i++) {
                List<Character> open = new ArrayList<>();
                for (char d = '0'; d <= '9'; d++) {
                    java.util.regex.Matcher m = re.matcher(sb.toString() + d);
                    if (m.matches() || m.hitEnd()) {
                        open.add(d);
                    }
                }
                if (open.isEmpty() || random.nextInt(12) == 0) {
                    sb.append((char) ('0' + random.nextInt(10))); // one digit off the pattern
                } else {
                    sb.append(open.get(random.nextInt(open.size())));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static List<String> metadataPatterns() {
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Set<String> patterns = new LinkedHashSet<>();
        List<PhoneMetadata> all = new ArrayList<>();
        for (String region : util.getSupportedRegions()) {
            all.add(source.getMetadataForRegion(region));
        }
        for (int code : util.getSupportedGlobalNetworkCallingCodes()) {
            all.add(source.getMetadataForNonGeographicalRegion(code));
        }
        for (PhoneMetadata m : all) {
            for (PhoneNumberDesc d : List.of(m.getGeneralDesc(), m.getFixedLine(), m.getMobile(), m.getPremiumRate(),
                    m.getTollFree(), m.getSharedCost(), m.getVoip(), m.getPersonalNumber(), m.getPager(), m.getUan(),
                    m.getVoicemail(), m.getNoInternationalDialling())) {
                if (d != null && !d.getNationalNumberPattern().isEmpty()) {
                    patterns.add(d.getNationalNumberPattern());
                }
            }
        }
        return new ArrayList<>(patterns);
    }
}
