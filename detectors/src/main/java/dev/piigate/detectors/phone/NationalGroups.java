package dev.piigate.detectors.phone;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.NumberFormat;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

/**
 * The national part of a number's RFC 3966 form, its digit groups joined by dashes ("415-555-2671"
 * of "tel:+1-415-555-2671"): what {@link PhoneDetector} compares a written number's groups with.
 *
 * <p>Why not {@code format(number, RFC3966)}: it runs two {@code replaceAll}s (the format rule,
 * then a punctuation class to dashes) and looks every pattern up in libphonenumber's shared LRU
 * cache; on PII-dense text that was an eighth of the phone detector's time. Here the format is
 * chosen as libphonenumber's {@code chooseFormattingPatternForNumber} chooses it (the first of the
 * calling code's international formats, else its national ones, whose last leading-digits pattern
 * and whose pattern match), on patterns compiled once, and the groups are read off the match.
 * Anything this does not restate exactly is left to {@code format}: a rule holding more than group
 * references and punctuation, a match that is not the whole number, an unknown calling code.
 * {@code NationalGroupsTest} holds it to {@code format} for every region's example numbers.
 */
final class NationalGroups {
    /** libphonenumber's {@code VALID_PUNCTUATION} (9.0.x): what its RFC 3966 form turns into dashes. */
    private static final String VALID_PUNCTUATION = "-x\u2010-\u2015\u2212\u30FC\uFF0D-\uFF0F \u00A0\u00AD\u200B\u2060"
            + "\u3000()\uFF08\uFF09\uFF3B\uFF3D.\\[\\]/~\u2053\u223C\uFF5E";
    private static final Pattern PUNCTUATION = Pattern.compile("[" + VALID_PUNCTUATION + "]");
    /** Per calling code, its formats; {@link #NONE} when it has no metadata. */
    private static final AtomicReferenceArray<Format[]> FORMATS = new AtomicReferenceArray<>(1000);
    private static final Format[] NONE = new Format[0];

    private NationalGroups() {
    }

    /** The national part of {@code format(number, RFC3966)}, extension left out; null if it has none. */
    static String of(PhoneNumberUtil util, PhoneNumber number) {
        String fast = fast(util, number);
        if (fast != null) {
            return fast;
        }
        String tel = util.format(number, PhoneNumberUtil.PhoneNumberFormat.RFC3966);
        int from = tel.indexOf('-'); // "tel:+1-415-555-2671": the national groups follow the first dash
        if (from < 0) {
            return null; // an unknown calling code: format gives the bare national number
        }
        int ext = tel.indexOf(';');
        return tel.substring(from + 1, ext < 0 ? tel.length() : ext);
    }

    /** The same from the formats held here, or null where {@code format} must answer. */
    private static String fast(PhoneNumberUtil util, PhoneNumber number) {
        int code = number.getCountryCode();
        if (code <= 0 || code >= 1000 || (number.getNationalNumber() == 0 && number.hasRawInput())) {
            return null; // the second: format returns the raw input
        }
        Format[] formats = FORMATS.get(code);
        if (formats == null) {
            formats = build(util, code);
            FORMATS.compareAndSet(code, null, formats); // a race builds it twice; both are equal
        }
        if (formats == NONE) {
            return null;
        }
        String nsn = util.getNationalSignificantNumber(number);
        for (Format f : formats) {
            if (f.leading != null && !f.leading.matcher(nsn).lookingAt()) {
                continue;
            }
            Matcher m = f.pattern.matcher(nsn);
            if (!m.matches()) {
                continue;
            }
            // format's replaceAll replaces each match found from the start: one, over the whole
            // number, is the only case restated here.
            if (f.groups == null || f.maxGroup > m.groupCount()
                    || !m.find(0) || m.start() != 0 || m.end() != nsn.length() || m.find()) {
                return null;
            }
            m.find(0);
            return joined(f, m);
        }
        return nsn; // no format fits: format leaves the number as it is
    }

    /** The rule's groups in order, runs of its punctuation as one dash, none before the first digit. */
    private static String joined(Format f, Matcher m) {
        StringBuilder out = new StringBuilder(m.end() + f.groups.length);
        boolean separator = false;
        for (int g : f.groups) {
            if (g == 0) {
                separator = true;
                continue;
            }
            String digits = m.group(g);
            if (digits == null || digits.isEmpty()) {
                continue;
            }
            if (separator && out.length() > 0) {
                out.append('-');
            }
            separator = false;
            out.append(digits);
        }
        if (separator && out.length() > 0) {
            out.append('-'); // trailing punctuation becomes a trailing dash too
        }
        return out.toString();
    }

    private static Format[] build(PhoneNumberUtil util, int code) {
        String region = util.getRegionCodeForCountryCode(code);
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        PhoneMetadata meta = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region)
                ? source.getMetadataForNonGeographicalRegion(code) : source.getMetadataForRegion(region);
        if (meta == null) {
            return NONE;
        }
        List<NumberFormat> list = meta.getIntlNumberFormatCount() == 0 ? meta.getNumberFormatList()
                : meta.getIntlNumberFormatList();
        Format[] formats = new Format[list.size()];
        for (int k = 0; k < formats.length; k++) {
            NumberFormat nf = list.get(k);
            int leading = nf.getLeadingDigitsPatternCount();
            int[] groups = rule(nf.getFormat());
            int maxGroup = 0;
            for (int g : groups == null ? new int[0] : groups) {
                maxGroup = Math.max(maxGroup, g);
            }
            formats[k] = new Format(leading == 0 ? null : Pattern.compile(nf.getLeadingDigitsPattern(leading - 1)),
                    Pattern.compile(nf.getPattern()), groups, maxGroup);
        }
        return formats;
    }

    /**
     * A format rule ("$1 $2-$3") as group numbers with 0 for each punctuation char, or null if it
     * holds anything else (a literal, an escape, a two-digit group number).
     */
    private static int[] rule(String format) {
        int[] out = new int[format.length()];
        int n = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '$') {
                if (i + 1 >= format.length() || format.charAt(i + 1) < '1' || format.charAt(i + 1) > '9'
                        || (i + 2 < format.length() && Character.isDigit(format.charAt(i + 2)))) {
                    return null;
                }
                out[n++] = format.charAt(++i) - '0';
            } else if (PUNCTUATION.matcher(String.valueOf(c)).matches()) {
                out[n++] = 0;
            } else {
                return null;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** One number format: its last leading-digits pattern (null without one), pattern, rule and highest group. */
    private record Format(Pattern leading, Pattern pattern, int[] groups, int maxGroup) {}
}
