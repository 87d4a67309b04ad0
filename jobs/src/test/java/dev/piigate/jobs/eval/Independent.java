package dev.piigate.jobs.eval;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Decides whether a label is right WITHOUT the detectors under test: Commons Validator for Luhn,
 * IBAN and e-mail, libphonenumber's own validity for phones, and range rules written here for SSNs
 * and card issuer prefixes (ISO/IEC 7812 IIN table). If a detector and this class disagree, the
 * evaluation shows it instead of hiding it.
 */
final class Independent {
    static final String CARD = "CREDIT_CARD_NUMBER";
    static final String SSN = "USA_SOCIAL_SECURITY_NUMBER";
    static final String IBAN = "IBAN";
    static final String PHONE = "PHONE_NUMBER";
    static final String EMAIL = "EMAIL_ADDRESS";
    static final List<String> TYPES = List.of(CARD, SSN, IBAN, PHONE, EMAIL);

    static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** A card brand: IIN prefix ranges ("51-55", "4") and PAN lengths. */
    record Brand(String name, List<String> prefixes, List<Integer> lengths) {}

    static final List<Brand> BRANDS = List.of(
            new Brand("visa", List.of("4"), List.of(13, 16, 19)),
            new Brand("electron", List.of("4026", "417500", "4508", "4844", "4913", "4917"), List.of(16)),
            new Brand("mastercard", List.of("51-55", "2221-2720"), List.of(16)),
            new Brand("amex", List.of("34", "37"), List.of(15)),
            new Brand("discover", List.of("6011", "644-649", "65"), List.of(16, 19)),
            new Brand("jcb", List.of("3528-3589"), List.of(16, 17, 18, 19)),
            new Brand("diners", List.of("300-305", "36"), List.of(14)),
            new Brand("unionpay", List.of("62"), List.of(16, 17, 18, 19)),
            new Brand("maestro", List.of("5018", "5020", "5038", "5893", "6304", "6759", "6761-6763"),
                    List.of(13, 16, 19)),
            new Brand("dankort", List.of("5019"), List.of(16)),
            new Brand("mir", List.of("2200-2204"), List.of(16, 19)));

    /**
     * Regional schemes that the detector's issuer table may not list (Verve, RuPay, Elo, Troy,
     * UzCard/Humo): a PAN of one of these is a card only when a card keyword or field names it.
     * Ranges from the schemes' published BIN lists as summarised on Wikipedia's "Payment card
     * number" page (2026-12).
     */
    static final List<Brand> REGIONAL_BRANDS = List.of(
            new Brand("verve", List.of("506099-506198", "650002-650027"), List.of(16, 18, 19)),
            new Brand("rupay", List.of("508", "6521-6522", "81", "82"), List.of(16)),
            new Brand("elo", List.of("506699-506778", "509000-509999", "650031-650033", "650405-650439"), List.of(16)),
            new Brand("troy", List.of("9792"), List.of(16)),
            new Brand("uzcard", List.of("8600"), List.of(16)),
            new Brand("humo", List.of("9860"), List.of(16)));

    /** A Luhn-valid PAN of a regional scheme of the right length (no keyword check: the generator places one). */
    static boolean regionalCard(String pan) {
        if (!luhn(pan)) {
            return false;
        }
        for (Brand b : REGIONAL_BRANDS) {
            if (b.lengths().contains(pan.length())) {
                for (String p : b.prefixes()) {
                    if (prefixMatches(pan, p)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Public test PANs (Stripe, PayPal, Braintree docs): reported as test values, not leaks. */
    static final Set<String> TEST_CARDS = Set.of("4111111111111111", "4242424242424242", "4012888888881881",
            "5555555555554444", "5105105105105100", "378282246310005", "371449635398431", "6011111111111117",
            "6011000990139424", "3530111333300000", "3566002020360505", "30569309025904", "4222222222222",
            "2223003122003222", "5200828282828210");

    /** Published SSNs that belong to nobody (Woolworth wallet card and others). */
    static final Set<String> ADVERTISED_SSNS = Set.of("078051120", "219099999", "123456789", "457555462");

    static final Set<String> REDACTION_TOKENS = Set.of("<CREDIT_CARD>", "<US_SSN>", "<IBAN_CODE>", "<PHONE_NUMBER>",
            "<EMAIL_ADDRESS>", "|||EMAIL_ADDRESS|||", "|||PHONE_NUMBER|||", "<EMAIL>", "<PHONE>", "<SSN>", "<IBAN>",
            "<CARD_NUMBER>", "|||US_SSN|||");

    /** RFC 2606/6761 reserved names and the fixed placeholders pipelines write: masked, not leaks. */
    private static final Pattern PLACEHOLDER_DOMAIN =
            Pattern.compile("(?i).*@(.+\\.)?(example\\.(com|org|net)|example|test|invalid|localhost)");
    /** Ofcom's drama blocks of 1,000 numbers, as national numbers without the trunk 0. */
    private static final List<String> GB_DRAMA_BLOCKS = List.of("1134960", "1144960", "1154960", "1164960", "1174960",
            "1184960", "1214960", "1314960", "1414960", "1514960", "1614960", "1914980", "2079460", "2896496",
            "2920180", "7700900");
    private static final String MASK_CHARS = "*Xx#•";
    private static final Pattern GROUPED = Pattern.compile("[0-9]+([ -][0-9]+)*");

    private Independent() {}

    static String digits(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static boolean luhn(String digits) {
        return LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits);
    }

    static Brand brandOf(String pan) {
        for (Brand b : BRANDS) {
            if (!b.lengths().contains(pan.length())) {
                continue;
            }
            for (String p : b.prefixes()) {
                if (prefixMatches(pan, p)) {
                    return b;
                }
            }
        }
        return null;
    }

    static boolean prefixMatches(String pan, String range) {
        int dash = range.indexOf('-');
        if (dash < 0) {
            return pan.startsWith(range);
        }
        String lo = range.substring(0, dash);
        String hi = range.substring(dash + 1);
        int head = Integer.parseInt(pan.substring(0, lo.length()));
        return head >= Integer.parseInt(lo) && head <= Integer.parseInt(hi);
    }

    /** An unmasked card as printed: one separator kind, a known brand, Luhn, not a test number. */
    static boolean card(String printed) {
        if (!GROUPED.matcher(printed).matches() || (printed.contains(" ") && printed.contains("-"))) {
            return false;
        }
        String pan = digits(printed);
        return luhn(pan) && brandOf(pan) != null && !TEST_CARDS.contains(pan) && !allSame(pan);
    }

    static boolean testCard(String printed) {
        String pan = digits(printed);
        return GROUPED.matcher(printed).matches() && TEST_CARDS.contains(pan) && luhn(pan);
    }

    /** US SSN ranges: area 001-899 but 666, group 01-99, serial 0001-9999, no repdigits, not advertised. */
    static boolean ssnDigits(String d) {
        if (d.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0 && !allSame(d)
                && !ADVERTISED_SSNS.contains(d);
    }

    static boolean ssn(String printed) {
        return printed.matches("[0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{3} [0-9]{2} [0-9]{4}|[0-9]{9}")
                && ssnDigits(digits(printed));
    }

    static String compactIban(String printed) {
        return printed.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    static boolean iban(String printed) {
        if (!printed.matches("[A-Za-z]{2}[0-9]{2}[A-Za-z0-9]+|[A-Za-z]{2}[0-9]{2}( [A-Za-z0-9]{4})*( [A-Za-z0-9]{1,4})")) {
            return false;
        }
        return IBANValidator.getInstance().isValid(compactIban(printed));
    }

    static PhoneNumber parsePhone(String printed, String region) {
        try {
            return PHONES.parse(printed, region);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** Valid per libphonenumber for the region it was written for, and not in a fictional range. */
    static boolean phone(String printed, String region) {
        PhoneNumber n = parsePhone(printed, region);
        return n != null && PHONES.isValidNumber(n) && region.equals(PHONES.getRegionCodeForNumber(n))
                && !fictional(n) && !allSame(Long.toString(n.getNationalNumber()));
    }

    static boolean testPhone(String printed, String region) {
        PhoneNumber n = parsePhone(printed, region);
        return n != null && PHONES.isValidNumber(n) && fictional(n);
    }

    /** NANPA NXX-555-0100..0199 and Ofcom drama ranges (our own list, from Ofcom's published table). */
    static boolean fictional(PhoneNumber n) {
        long national = n.getNationalNumber();
        if (n.getCountryCode() == 1) {
            long line = national % 10_000_000L;
            return line >= 555_0100L && line <= 555_0199L;
        }
        if (n.getCountryCode() == 44) {
            String national10 = Long.toString(national);
            for (String block : GB_DRAMA_BLOCKS) {
                if (national10.startsWith(block)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean email(String s) {
        return EmailValidator.getInstance(false, false).isValid(s) && !PLACEHOLDER_DOMAIN.matcher(s).matches();
    }

    static boolean placeholderEmail(String s) {
        return EmailValidator.getInstance(true, true).isValid(s) && PLACEHOLDER_DOMAIN.matcher(s).matches();
    }

    static boolean allSame(String s) {
        return s.chars().distinct().count() == 1;
    }

    private static int maskCount(String s) {
        int n = 0;
        for (char c : s.toCharArray()) {
            if (MASK_CHARS.indexOf(c) >= 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * A masked value of its type: a redaction token, or the value's shape with the hidden part
     * replaced by mask characters and at most the PCI-allowed part in clear.
     */
    static boolean masked(String type, String s) {
        if (REDACTION_TOKENS.contains(s)) {
            return true;
        }
        String digits = digits(s);
        int symbols = digits.length() + maskCount(s);
        switch (type) {
            case CARD:
                return symbols >= 13 && symbols <= 19 && digits.length() <= 10 && maskCount(s) >= 6
                        && s.matches("[0-9*Xx#• -]+");
            case SSN:
                return symbols == 9 && digits.length() == 4 && !digits.equals("0000") && s.matches("[*Xx#•]{3}([ -]?)[*Xx#•]{2}\\1[0-9]{4}");
            case PHONE:
                return digits.length() <= 6 && maskCount(s) >= 5 && s.matches("[+0-9*Xx#•() .-]+");
            case IBAN:
                String compact = compactIban(s);
                Integer length = Values.IBAN_LENGTHS.get(compact.substring(0, 2));
                return compact.matches("[A-Z]{2}[0-9*X#•]{2}[0-9A-Z*#•]+") && length != null
                        && compact.length() == length && maskCount(compact) >= 8;
            case EMAIL:
                int at = s.indexOf('@');
                return at > 0 && (placeholderEmail(s) || (maskCount(s.substring(0, at)) >= 2
                        && EmailValidator.getInstance().isValid("a" + s.substring(at))));
            default:
                return false;
        }
    }

    /** Why a label is wrong for its record, or null when it is right. */
    static String check(EvalRecord record, Label l) {
        if (l.end() > record.text().length()) {
            return "span past the end";
        }
        if (l.isDecoy()) {
            if (IdsGenerator.isIdsLayout(record.layout())) {
                return IndependentIds.checkDecoy(record, l);
            }
            return Scorer.isSecretsLayout(record.layout()) ? IndependentSecrets.checkDecoy(record, l) : null;
        }
        if (IndependentSecrets.isType(l.type())) {
            return IndependentSecrets.check(record, l);
        }
        if (IndependentIds.isType(l.type())) {
            return IndependentIds.check(record, l);
        }
        String v = record.covered(l);
        if (Label.MASKED.equals(l.state())) {
            return masked(l.type(), v) ? null : "not a masked " + l.type();
        }
        boolean test = Label.TEST.equals(l.state());
        boolean ok;
        switch (l.type()) {
            case CARD -> ok = test ? testCard(v)
                    : l.kind().startsWith("card.regional.") ? GROUPED.matcher(v).matches() && regionalCard(digits(v))
                    : card(v);
            case SSN -> ok = !test && ssn(v);
            case IBAN -> ok = !test && iban(v);
            case PHONE -> {
                String region = regionOf(l.kind());
                ok = test ? testPhone(v, region) : phone(v, region);
            }
            case EMAIL -> ok = !test && email(v);
            default -> ok = false;
        }
        return ok ? null : "not a valid " + l.state() + " " + l.type();
    }

    /** Phone kinds end with the region the value was written for: {@code phone.national.GB}. */
    static String regionOf(String kind) {
        return kind.substring(kind.lastIndexOf('.') + 1);
    }
}
