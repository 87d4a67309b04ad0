package dev.piigate.detectors.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * {@link NationalGroups} gives the national part of libphonenumber's own RFC 3966 form: for every
 * region's and non-geographic entity's example number of every type, the same numbers with their
 * last digits changed where still valid (other formats of the same code), with extensions and
 * Italian leading zeros.
 */
class NationalGroupsTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    @Test
    void nationalGroupsAreThoseOfFormat() {
        Random random = new Random(20261205);
        List<PhoneNumber> numbers = new ArrayList<>();
        for (String region : UTIL.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                add(numbers, UTIL.getExampleNumberForType(region, type), random);
            }
        }
        for (int code : UTIL.getSupportedGlobalNetworkCallingCodes()) {
            add(numbers, UTIL.getExampleNumberForNonGeoEntity(code), random);
        }
        int dashed = 0;
        int unknownCode = 0;
        for (PhoneNumber number : numbers) {
            String tel = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.RFC3966);
            int from = tel.indexOf('-');
            int ext = tel.indexOf(';');
            String expected = from < 0 ? null : tel.substring(from + 1, ext < 0 ? tel.length() : ext);
            assertThat(NationalGroups.of(UTIL, number)).as("%s", number).isEqualTo(expected);
            dashed += expected != null && expected.indexOf('-') > 0 ? 1 : 0;
            unknownCode += expected == null ? 1 : 0;
        }
        assertThat(numbers).hasSizeGreaterThan(5_000);
        assertThat(dashed).isGreaterThan(numbers.size() * 3 / 4); // most are grouped: the groups are at stake
        assertThat(unknownCode).isPositive(); // and the bare form of an unknown code
    }

    /** The number, variants of it with random last digits that stay valid, one with an extension. */
    private static void add(List<PhoneNumber> numbers, PhoneNumber example, Random random) {
        if (example == null) {
            return;
        }
        numbers.add(example);
        String nsn = UTIL.getNationalSignificantNumber(example);
        for (int k = 0; k < 8; k++) {
            char[] digits = nsn.toCharArray();
            for (int d = Math.max(0, digits.length - 1 - k); d < digits.length; d++) {
                digits[d] = (char) ('0' + random.nextInt(10));
            }
            try {
                PhoneNumber variant = UTIL.parse("+" + example.getCountryCode() + new String(digits), "ZZ");
                if (UTIL.isValidNumber(variant)) {
                    numbers.add(variant);
                }
            } catch (com.google.i18n.phonenumbers.NumberParseException skipped) {
                // not a number: nothing to compare
            }
        }
        numbers.add(new PhoneNumber().mergeFrom(example).setExtension("12"));
        if (example.isItalianLeadingZero()) {
            numbers.add(new PhoneNumber().mergeFrom(example).setNumberOfLeadingZeros(2));
        }
        numbers.add(new PhoneNumber().setCountryCode(999).setNationalNumber(example.getNationalNumber()));
    }
}
