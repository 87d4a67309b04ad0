package dev.piigate.detectors.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;

/**
 * A prefix answers one and two digits from a table made from its regex: for every region's
 * international and national prefix, every span of zero to four digits gets the regex's own
 * {@code lookingAt} answer, as the view matcher gave it before the table. A prefix whose regex is
 * plain digits is compared, not matched: spans of any length get the regex's answer too.
 */
class PrefixShortSpansTest {
    @Test
    void shortSpansGetTheRegexAnswer() {
        int prefixes = 0;
        int matched = 0;
        for (String[] regionAndRegex : prefixRegexes()) {
            String region = regionAndRegex[0];
            String regex = regionAndRegex[1];
            CallingCode.Prefix prefix = CallingCode.Prefix.of(regex);
            prefixes++;
            Pattern pattern = Pattern.compile(regex);
            for (int length = 0; length <= 4; length++) {
                int limit = (int) Math.pow(10, length);
                for (int v = 0; v < limit; v++) {
                    String digits = length == 0 ? "" : String.format("%0" + length + "d", v);
                    // Inside a longer array, as a cluster's groups are.
                    char[] array = ("9" + digits + "9").toCharArray();
                    Matcher m = pattern.matcher(digits);
                    int expected = m.lookingAt() ? m.end() : -1;
                    assertThat(prefix.end(array, 1, 1 + length)).as("%s %s", region, digits).isEqualTo(expected);
                    matched += expected >= 0 ? 1 : 0;
                }
            }
        }
        assertThat(prefixes).isGreaterThan(200);
        assertThat(matched).isGreaterThan(1000);
    }

    @Test
    void plainDigitPrefixesGetTheRegexAnswerAtAnyLength() {
        java.util.Random random = new java.util.Random(20261205);
        int literals = 0;
        int matched = 0;
        for (String[] regionAndRegex : prefixRegexes()) {
            String region = regionAndRegex[0];
            String regex = regionAndRegex[1];
            if (!regex.matches("[0-9]+")) {
                continue;
            }
            literals++;
            CallingCode.Prefix prefix = CallingCode.Prefix.of(regex);
            Pattern pattern = Pattern.compile(regex);
            for (int k = 0; k < 400; k++) {
                StringBuilder digits = new StringBuilder();
                // Half start with the prefix (or most of it), so matches and near misses are both asked.
                if (k % 2 == 0) {
                    digits.append(regex, 0, regex.length() - (k % 4 == 0 ? 0 : 1));
                }
                int more = 1 + random.nextInt(14);
                for (int d = 0; d < more; d++) {
                    digits.append((char) ('0' + random.nextInt(10)));
                }
                char[] array = ("9" + digits + "9").toCharArray();
                Matcher m = pattern.matcher(digits);
                int expected = m.lookingAt() ? m.end() : -1;
                assertThat(prefix.end(array, 1, 1 + digits.length())).as("%s %s", region, digits).isEqualTo(expected);
                matched += expected >= 0 ? 1 : 0;
            }
        }
        assertThat(literals).isGreaterThan(100);
        assertThat(matched).isGreaterThan(literals * 50);
    }

    /** Every region's international and national prefix regex that is not empty, as {region, regex}. */
    private static java.util.List<String[]> prefixRegexes() {
        java.util.List<String[]> all = new java.util.ArrayList<>();
        for (String region : PhoneNumberUtil.getInstance().getSupportedRegions()) {
            PhoneMetadata meta = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                    .getMetadataForRegion(region);
            for (String regex : new String[] {meta.getInternationalPrefix(), meta.getNationalPrefixForParsing()}) {
                if (regex != null && !regex.isEmpty()) {
                    all.add(new String[] {region, regex});
                }
            }
        }
        return all;
    }
}
