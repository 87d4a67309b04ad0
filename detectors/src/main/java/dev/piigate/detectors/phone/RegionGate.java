package dev.piigate.detectors.phone;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.NumberFormat;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;

/**
 * A cheap necessary condition for a national-format number to be valid in one region, built once
 * from libphonenumber's metadata: the national number's possible lengths and which two-digit
 * starts its general pattern can begin with. A libphonenumber call costs 15-30 microseconds (it is
 * all regex); this check costs a few array reads, so bare digit runs that no configured region
 * could accept (a 10-digit epoch time "1705312345" for the US) never reach libphonenumber.
 */
final class RegionGate {
    private final String nationalPrefix;
    private final String countryCode;
    /** possibleLength[n]: a national number of n digits may be valid. */
    private final boolean[] possibleLength = new boolean[PhoneDetector.MAX_DIGITS + 2];
    /** leads[d1 * 10 + d2]: the general pattern can match a national number starting d1 d2. */
    private final boolean[] leads = new boolean[100];
    /**
     * Every number format of the region writes the trunk prefix ("0$1" in GB) and none makes it
     * optional: libphonenumber's VALID leniency then rejects a national number written without it.
     */
    private final boolean prefixRequired;
    /**
     * False when parsing may strip more than the literal national prefix (a carrier code, as in
     * Brazil; a second prefix, as "180020" in GB) or rewrite digits: then the gate stays open.
     */
    private final boolean simplePrefix;
    /** The international dialling prefix: after it any country's rules apply, and the gate stays open. */
    private final CallingCode.Prefix internationalPrefix;

    RegionGate(PhoneNumberUtil util, String region) {
        // PhoneNumberUtil.getMetadataForRegion is not public; this is the same source it reads.
        PhoneMetadata meta = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                .getMetadataForRegion(region);
        if (meta == null) {
            throw new IllegalArgumentException("phoneRegions: no metadata for region '" + region + "'");
        }
        nationalPrefix = meta.getNationalPrefix();
        countryCode = Integer.toString(util.getCountryCodeForRegion(region));
        // libphonenumber reads a national number of the region as valid if it is valid in ANY
        // region sharing its country code ("310 0000" read for US is a valid Canadian number), so
        // the gate opens for the union of their lengths and leads.
        for (String sibling : util.getRegionCodesForCountryCode(meta.getCountryCode())) {
            PhoneMetadata m = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                    .getMetadataForRegion(sibling);
            if (m == null) {
                continue;
            }
            PhoneNumberDesc general = m.getGeneralDesc();
            for (int n : general.getPossibleLengthList()) {
                mark(n);
            }
            Pattern pattern = Pattern.compile(general.getNationalNumberPattern());
            for (int lead = 0; lead < 100; lead++) {
                Matcher match = pattern.matcher(String.valueOf(new char[] {(char) ('0' + lead / 10), (char) ('0' + lead % 10)}));
                // hitEnd: more digits could still complete a match
                leads[lead] |= match.matches() || match.hitEnd();
            }
        }
        // Parsing follows the region's own rules (and its country's main region's); whether the
        // trunk prefix must be written follows the main region's formats (PhoneNumberMatcher's
        // isNationalPrefixPresentIfRequired): the gate closes only where both require it.
        PhoneMetadata main = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                .getMetadataForRegion(util.getRegionCodeForCountryCode(meta.getCountryCode()));
        prefixRequired = prefixRequired(meta) && (main == null || prefixRequired(main));
        simplePrefix = isLiteral(meta, nationalPrefix) && (main == null || isLiteral(main, nationalPrefix));
        internationalPrefix = CallingCode.Prefix.of(meta.getInternationalPrefix());
    }

    /**
     * Every number format writes the trunk prefix ("0$1" in GB) and none makes it optional:
     * local-only lengths (7 digits in the US) are never VALID either, VALID needs the whole number.
     */
    private static boolean prefixRequired(PhoneMetadata m) {
        boolean required = !m.getNationalPrefix().isEmpty() && m.getNumberFormatCount() > 0;
        for (NumberFormat format : m.getNumberFormatList()) {
            required &= !format.getNationalPrefixFormattingRule().isEmpty()
                    && !format.getNationalPrefixOptionalWhenFormatting();
        }
        return required;
    }

    private static boolean isLiteral(PhoneMetadata meta, String nationalPrefix) {
        String forParsing = meta.getNationalPrefixForParsing();
        return meta.getNationalPrefixTransformRule().isEmpty()
                && (forParsing.isEmpty() || forParsing.equals(nationalPrefix));
    }

    private void mark(int n) {
        if (n > 0 && n < possibleLength.length) {
            possibleLength[n] = true;
        }
    }

    /**
     * Whether {@code digits} (the cluster's digits, in order, count of them {@code count}) could be a
     * national number of this region, written bare, after the trunk prefix, or after the country
     * code (and perhaps a trunk prefix) without '+'.
     */
    boolean mayBeValid(char[] digits, int count) {
        if (!simplePrefix || (internationalPrefix != null && internationalPrefix.end(digits, 0, count) >= 0)) {
            return true;
        }
        if (!prefixRequired && fits(digits, count, 0)) {
            return true;
        }
        int np = nationalPrefix.length();
        if (np > 0 && startsWith(digits, count, 0, nationalPrefix) && fits(digits, count, np)) {
            return true;
        }
        // The country code, perhaps after a trunk prefix: libphonenumber strips the trunk prefix
        // first and then still finds the country code ("1 1 1 201 200 0000" for the US).
        return afterCountryCode(digits, count, 0)
                || (np > 0 && startsWith(digits, count, 0, nationalPrefix) && afterCountryCode(digits, count, np));
    }

    /** The country code at {@code offset}, then a national number, perhaps after a trunk prefix. */
    private boolean afterCountryCode(char[] digits, int count, int offset) {
        int cc = countryCode.length();
        int np = nationalPrefix.length();
        if (!startsWith(digits, count, offset, countryCode)) {
            return false;
        }
        int at = offset + cc;
        // libphonenumber strips a trunk prefix while extracting the country code and once more
        // when it parses the rest ("31 0 0 790392701" for NL): up to two after the country code.
        for (int strips = 0; strips <= 2; strips++) {
            if (fits(digits, count, at)) {
                return true;
            }
            if (np == 0 || !startsWith(digits, count, at, nationalPrefix)) {
                return false;
            }
            at += np;
        }
        return false;
    }

    private boolean fits(char[] digits, int count, int offset) {
        int n = count - offset;
        return n >= 2 && n < possibleLength.length && possibleLength[n]
                && leads[(digits[offset] - '0') * 10 + (digits[offset + 1] - '0')];
    }

    private static boolean startsWith(char[] digits, int count, int offset, String prefix) {
        if (offset + prefix.length() > count) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (digits[offset + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
