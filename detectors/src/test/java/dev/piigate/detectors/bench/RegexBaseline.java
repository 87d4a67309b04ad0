package dev.piigate.detectors.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.checkdigit.CheckDigit;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * The scanner written the obvious way, for comparison: one precompiled {@link Pattern} per entity
 * run over the whole text (Presidio's design), then the usual library validation of each match:
 * Commons Validator's Luhn, {@link IBANValidator} (country length and format, mod-97) and
 * {@link EmailValidator}; SSN area/group/serial ranges; libphonenumber {@code parse} and
 * {@code isValidNumber} for the configured regions. The patterns are the common published ones,
 * bounded, without catastrophic backtracking: the aim is a fair reference, not a strawman.
 *
 * <p>Thread-safe: patterns and validators are immutable; each scan makes its own matchers.
 */
final class RegexBaseline {
    /** 13-19 digits, each optionally followed by one space or dash (Presidio's card shape, all brands). */
    private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");
    /** 3-2-4 digits with the same separator (or none) twice. */
    private static final Pattern SSN = Pattern.compile("\\b(\\d{3})([- ]?)(\\d{2})\\2(\\d{4})\\b");
    /** Country, check digits, then groups of four (print form) or one block (electronic form). */
    private static final Pattern IBAN =
            Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b");
    /** Optional country code, optional parenthesised area code, then two digit groups. */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)|\\d{2,4})[ .-]?\\d{3,4}[ .-]?\\d{3,4}(?!\\w)");
    /**
     * The classic address pattern. The look-behind makes only the start of a token try a match:
     * without it every position inside a long token (a trace id, a dotted logger name) rescans the
     * rest of the token, which a careful implementer would notice and avoid.
     */
    private static final Pattern EMAIL =
            Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private static final CheckDigit LUHN = LuhnCheckDigit.LUHN_CHECK_DIGIT;

    private final List<String> phoneRegions;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final IBANValidator ibans = IBANValidator.getInstance();
    private final EmailValidator emails = EmailValidator.getInstance();

    /** Counts of validated matches per entity, from one scan. */
    record Counts(int cards, int ssns, int ibans, int phones, int emails) {
        int total() {
            return cards + ssns + ibans + phones + emails;
        }
    }

    /** @param phoneRegions ISO region codes tried in order for numbers without a {@code +} */
    RegexBaseline(List<String> phoneRegions) {
        this.phoneRegions = List.copyOf(requireNonNull(phoneRegions, "phoneRegions"));
    }

    Counts scan(String text) {
        return new Counts(cards(text), ssns(text), ibans(text), phones(text), emails(text));
    }

    private int cards(String text) {
        int found = 0;
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            if (LUHN.isValid(digitsOnly(text, m.start(), m.end()))) {
                found++;
            }
        }
        return found;
    }

    private int ssns(String text) {
        int found = 0;
        Matcher m = SSN.matcher(text);
        while (m.find()) {
            int area = Integer.parseInt(m.group(1));
            int group = Integer.parseInt(m.group(3));
            int serial = Integer.parseInt(m.group(4));
            if (area != 0 && area != 666 && area < 900 && group != 0 && serial != 0) {
                found++;
            }
        }
        return found;
    }

    private int ibans(String text) {
        int found = 0;
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
            if (ibans.isValid(m.group().replace(" ", ""))) {
                found++;
            }
        }
        return found;
    }

    private int phones(String text) {
        int found = 0;
        Matcher m = PHONE.matcher(text);
        while (m.find()) {
            String candidate = m.group();
            for (String region : phoneRegions) {
                if (validPhone(candidate, region)) {
                    found++;
                    break;
                }
            }
        }
        return found;
    }

    private boolean validPhone(String candidate, String region) {
        try {
            PhoneNumber number = phones.parse(candidate, region);
            return phones.isValidNumber(number);
        } catch (NumberParseException e) {
            return false;
        }
    }

    private int emails(String text) {
        int found = 0;
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            if (emails.isValid(m.group())) {
                found++;
            }
        }
        return found;
    }

    private static String digitsOnly(String text, int start, int end) {
        StringBuilder sb = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
