package dev.piigate.detectors.phone;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

/**
 * libphonenumber's {@code isValidNumber} for one country calling code, on patterns compiled once.
 *
 * <p>Why: libphonenumber looks every pattern up in an LRU cache of 100 entries keyed by the regex
 * string, and a +1 number that is not a US number walks the 25 NANPA regions, ten patterns each:
 * the cache thrashes and a call costs tens of microseconds, most of it rebuilding matchers and
 * metadata keys. The same decision on patterns held here costs one or two regex matches.
 *
 * <p>The logic is that of {@code PhoneNumberUtil.getRegionCodeForNumber} (the first region of the
 * code whose leading digits match, or whose number types accept the number) followed by
 * {@code isValidNumberForRegion} (the number's type in that region is not UNKNOWN).
 * {@code PhoneShortcutsTest} checks it against libphonenumber. Codes of non-geographic entities
 * (800, 808, 870...) are not covered: {@link #of} returns null and callers ask libphonenumber.
 */
final class CallingCode {
    private static final AtomicReferenceArray<CallingCode> CACHE = new AtomicReferenceArray<>(1000);
    /** Marks a code looked up and found unknown or non-geographic. */
    private static final CallingCode NONE = new CallingCode();
    /** "000" to "999", for the three-digit tables. */
    static final String[] THREE_DIGITS = new String[1000];

    static {
        for (int k = 0; k < 1000; k++) {
            THREE_DIGITS[k] = new String(new char[] {(char) ('0' + k / 100), (char) ('0' + k / 10 % 10),
                (char) ('0' + k % 10)});
        }
    }

    final int code;
    final String digits;
    /** Metadata of the code's main region (national prefix rules, formats). */
    final PhoneMetadata main;
    /** The main region's national prefix for parsing, or null if it has none. */
    final Prefix mainPrefix;
    private final Region[] regions;
    /** Bit n set: some region may accept a national number of n digits. */
    private final long lengths;
    /**
     * The fewest digits {@link #mayBeValid} accepts (at least 2; 64 if none): no national number
     * read from a shorter span of digits can be valid, whatever is stripped from its front.
     */
    final int shortest;
    /** lead3[d1 d2 d3]: some number type of some region may start with these three digits. */
    private final boolean[] lead3 = new boolean[1000];

    private CallingCode() {
        code = 0;
        digits = "";
        main = null;
        mainPrefix = null;
        regions = new Region[0];
        lengths = 0;
        shortest = 64;
    }

    private CallingCode(int code, List<String> regionCodes, MetadataSource source) {
        this.code = code;
        this.digits = Integer.toString(code);
        this.regions = new Region[regionCodes.size()];
        long lengthBits = 0;
        for (int k = 0; k < regions.length; k++) {
            regions[k] = new Region(source.getMetadataForRegion(regionCodes.get(k)));
            lengthBits |= regions[k].lengths;
            regions[k].markLeads(regions[k].lead3);
            for (int lead = 0; lead < 1000; lead++) {
                lead3[lead] |= regions[k].lead3[lead];
            }
        }
        this.lengths = lengthBits;
        this.shortest = Long.numberOfTrailingZeros(lengthBits & ~3L);
        this.main = source.getMetadataForRegion(PhoneNumberUtil.getInstance().getRegionCodeForCountryCode(code));
        this.mainPrefix = Prefix.of(main.getNationalPrefixForParsing());
    }

    /** The rules of a calling code, or null if libphonenumber does not know it or it is non-geographic. */
    static CallingCode of(int code) {
        if (code <= 0 || code >= 1000) {
            return null;
        }
        CallingCode cached = CACHE.get(code);
        if (cached == null) {
            cached = build(code);
            CACHE.compareAndSet(code, null, cached); // a race builds it twice; both are equal
        }
        return cached == NONE ? null : cached;
    }

    private static CallingCode build(int code) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<String> regionCodes = util.getRegionCodesForCountryCode(code);
        if (regionCodes.isEmpty() || regionCodes.contains(PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY)) {
            return NONE;
        }
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        for (String region : regionCodes) {
            if (source.getMetadataForRegion(region) == null) {
                return NONE;
            }
        }
        return new CallingCode(code, regionCodes, source);
    }

    /**
     * The calling code that libphonenumber's {@code extractCountryCode} reads at the start of
     * {@code digits[from, to)} (codes are prefix-free: the first of 1 to 3 digits that is known), or
     * 0 if none; the code may still be one {@link #of} does not cover.
     */
    static int extract(char[] digits, int from, int to) {
        if (from >= to || digits[from] == '0') {
            return 0;
        }
        int value = 0;
        for (int k = from; k < Math.min(to, from + 3); k++) {
            value = value * 10 + (digits[k] - '0');
            if (KNOWN[value]) {
                return value;
            }
        }
        return 0;
    }

    /**
     * KNOWN[v]: libphonenumber has a region (or a non-geographic entity) for calling code v, as
     * {@code getRegionCodeForCountryCode(v)} answers other than "ZZ"; read once, not per call (a
     * map lookup and a list per call were a third of {@link RegionShortcut#wholeInternational}).
     */
    private static final boolean[] KNOWN = new boolean[1000];

    static {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        for (int v = 1; v < 1000; v++) {
            KNOWN[v] = !"ZZ".equals(util.getRegionCodeForCountryCode(v));
        }
    }

    /** A cheap necessary condition for {@link #isValid}: length and first three digits. */
    boolean mayBeValid(char[] digits, int from, int to) {
        int n = to - from;
        if (n < 2 || n > 63 || (lengths & (1L << n)) == 0) {
            return false;
        }
        return n < 3 || lead3[(digits[from] - '0') * 100 + (digits[from + 1] - '0') * 10 + (digits[from + 2] - '0')];
    }

    /** libphonenumber's isValidNumber for this code and the national significant number {@code nsn}. */
    boolean isValid(String nsn) {
        int lead = nsn.length() < 3 ? -1
                : (nsn.charAt(0) - '0') * 100 + (nsn.charAt(1) - '0') * 10 + (nsn.charAt(2) - '0');
        for (Region region : regions) {
            if (region.leadingDigits != null) {
                // the tables only skip regexes that cannot match
                if ((lead < 0 || region.leadingLead3[lead]) && region.leadingMatcher.get().reset(nsn).lookingAt()) {
                    return (lead < 0 || region.lead3[lead]) && region.hasType(nsn);
                }
            } else if ((lead < 0 || region.lead3[lead]) && region.hasType(nsn)) {
                return true;
            }
        }
        return false;
    }

    /** One region's number descriptions, in the terms of {@code PhoneNumberUtil.getNumberTypeHelper}. */
    private static final class Region {
        final Pattern leadingDigits;
        /** This thread's matcher of {@link #leadingDigits}, or null without them. */
        final ThreadLocal<Matcher> leadingMatcher;
        /** leadingLead3[d1 d2 d3]: the leading-digits pattern may match a number starting so. */
        final boolean[] leadingLead3 = new boolean[1000];
        /** lead3[d1 d2 d3]: some number type of this region may start so. */
        final boolean[] lead3 = new boolean[1000];
        final Desc general;
        /** Every description whose match makes the type known; fixed line and mobile first (the common ones). */
        final Desc[] types;
        final long lengths;

        Region(PhoneMetadata m) {
            leadingDigits = m.hasLeadingDigits() ? Pattern.compile(m.getLeadingDigits()) : null;
            leadingMatcher = leadingDigits == null ? null : perThread(leadingDigits);
            general = Desc.of(m.getGeneralDesc());
            // getNumberTypeHelper checks mobile on its own only when its pattern differs from fixed line.
            types = java.util.stream.Stream.of(Desc.of(m.getFixedLine()),
                    m.getSameMobileAndFixedLinePattern() ? null : Desc.of(m.getMobile()), Desc.of(m.getPremiumRate()),
                    Desc.of(m.getTollFree()), Desc.of(m.getSharedCost()), Desc.of(m.getVoip()),
                    Desc.of(m.getPersonalNumber()), Desc.of(m.getPager()), Desc.of(m.getUan()),
                    Desc.of(m.getVoicemail())).filter(d -> d != null).toArray(Desc[]::new);
            long bits = 0;
            for (Desc d : types) {
                bits |= d.lengths;
            }
            lengths = general == null ? 0 : bits & general.lengths;
            if (leadingDigits != null) {
                for (int lead = 0; lead < 1000; lead++) {
                    Matcher lm = leadingDigits.matcher(THREE_DIGITS[lead]);
                    leadingLead3[lead] = lm.lookingAt() || lm.hitEnd();
                }
            }
        }

        boolean hasType(String nsn) {
            if (general == null || !general.matches(nsn)) {
                return false;
            }
            for (Desc d : types) {
                if (d.matches(nsn)) {
                    return true;
                }
            }
            return false;
        }

        void markLeads(boolean[] lead3) {
            if (general == null) {
                return;
            }
            for (int lead = 0; lead < 1000; lead++) {
                if (lead3[lead]) {
                    continue;
                }
                String three = THREE_DIGITS[lead];
                if (!general.mayStartWith(three)) {
                    continue;
                }
                for (Desc d : types) {
                    if (d.mayStartWith(three)) {
                        lead3[lead] = true;
                        break;
                    }
                }
            }
        }
    }

    /**
     * A matcher of {@code pattern} for each thread, reset for each check. Why: a new {@code Matcher}
     * per check was ~7% of dense text's allocation; the tables here are shared by every thread (and
     * a detector may be), so a plain field would race.
     */
    private static ThreadLocal<Matcher> perThread(Pattern pattern) {
        return ThreadLocal.withInitial(() -> pattern.matcher(""));
    }

    /**
     * A number description: {@code isNumberMatchingDesc}'s possible lengths and full-match pattern,
     * matched by its automaton ({@link DigitPattern}) where the pattern compiles to one, else by
     * this thread's matcher.
     */
    private record Desc(Pattern pattern, long lengths, DigitPattern digits, ThreadLocal<Matcher> matcher) {
        /** Null for a description without a pattern: libphonenumber's matcher never matches those. */
        static Desc of(PhoneNumberDesc desc) {
            if (desc == null || desc.getNationalNumberPattern().isEmpty()) {
                return null;
            }
            long bits = desc.getPossibleLengthCount() == 0 ? -1L : 0;
            for (int n : desc.getPossibleLengthList()) {
                if (n >= 0 && n < 64) {
                    bits |= 1L << n;
                }
            }
            Pattern pattern = Pattern.compile(desc.getNationalNumberPattern());
            return new Desc(pattern, bits, DigitPattern.compile(desc.getNationalNumberPattern()), perThread(pattern));
        }

        boolean matches(String nsn) {
            int n = nsn.length();
            return n < 64 && (lengths & (1L << n)) != 0
                    && (digits != null ? digits.matches(nsn) : matcher.get().reset(nsn).matches());
        }

        /** Whether some number of a possible length starting with {@code prefix} may match (hitEnd: more input could). */
        boolean mayStartWith(String prefix) {
            Matcher m = pattern.matcher(prefix);
            return m.matches() || m.hitEnd();
        }
    }

    /**
     * A prefix pattern libphonenumber applies with {@code lookingAt} to the digits of a number (the
     * national prefix for parsing, the international dialling prefix), with a table of three-digit
     * starts it may match so that most numbers never run the regex.
     */
    static final class Prefix {
        private final boolean[] lead3 = new boolean[1000];
        /** This thread's matcher, over a view of the digits it is pointed at for each check. */
        private final ThreadLocal<ViewMatcher> matcher;

        /**
         * What {@link #end} answers for one and two digits, by the digits: the regex's own answer,
         * read once here (a phone cluster's short groups asked it for every range they start).
         */
        private final byte[] oneDigit = new byte[10];
        private final byte[] twoDigits = new byte[100];

        /**
         * The prefix when the regex is plain digits ("1", "0", "011", most regions' prefixes): then
         * {@link #end} compares digits instead of running a matcher. Null for any other regex.
         */
        private final String literal;

        private Prefix(Pattern pattern) {
            this.matcher = ThreadLocal.withInitial(() -> new ViewMatcher(pattern));
            this.literal = pattern.pattern().chars().allMatch(c -> c >= '0' && c <= '9') ? pattern.pattern() : null;
            for (int lead = 0; lead < 1000; lead++) {
                Matcher m = pattern.matcher(THREE_DIGITS[lead]);
                // hitEnd: the engine read all three digits and more could change the answer
                lead3[lead] = m.lookingAt() || m.hitEnd();
            }
            for (int d = 0; d < 100; d++) {
                twoDigits[d] = (byte) lookingAtEnd(pattern, THREE_DIGITS[d].substring(1));
                if (d < 10) {
                    oneDigit[d] = (byte) lookingAtEnd(pattern, THREE_DIGITS[d].substring(2));
                }
            }
        }

        private static int lookingAtEnd(Pattern pattern, String digits) {
            Matcher m = pattern.matcher(digits);
            return m.lookingAt() ? m.end() : -1;
        }

        /** Null for an empty pattern: libphonenumber then strips nothing. */
        static Prefix of(String regex) {
            return regex == null || regex.isEmpty() ? null : new Prefix(Pattern.compile(regex));
        }

        /** Length of the prefix {@code lookingAt} finds in {@code digits[from, to)}, or -1. */
        int end(char[] digits, int from, int to) {
            int n = to - from;
            if (n >= 3 && !lead3[(digits[from] - '0') * 100 + (digits[from + 1] - '0') * 10
                    + (digits[from + 2] - '0')]) {
                return -1;
            }
            if (n == 2 && isDigit(digits[from]) && isDigit(digits[from + 1])) {
                return twoDigits[(digits[from] - '0') * 10 + (digits[from + 1] - '0')];
            }
            if (n == 1 && isDigit(digits[from])) {
                return oneDigit[digits[from] - '0'];
            }
            if (literal != null) {
                return RegionShortcut.startsWith(digits, from, to, literal) ? literal.length() : -1;
            }
            return matcher.get().lookingAtEnd(digits, from, to);
        }

        private static boolean isDigit(char c) {
            return (char) (c - '0') < 10;
        }
    }

    /** A reusable matcher and the char[] view it reads (a {@code CharBuffer.wrap} and a matcher per check before). */
    private static final class ViewMatcher {
        private final DigitsView view = new DigitsView();
        private final Matcher matcher;

        ViewMatcher(Pattern pattern) {
            this.matcher = pattern.matcher("");
        }

        int lookingAtEnd(char[] digits, int from, int to) {
            view.point(digits, from, to);
            Matcher m = matcher.reset(view); // reset reads the view's new length
            return m.lookingAt() ? m.end() : -1;
        }
    }

    /** {@code digits[from, to)} as a CharSequence, re-pointed for each check by its one owning thread. */
    private static final class DigitsView implements CharSequence {
        private char[] digits = new char[0];
        private int from;
        private int length;

        void point(char[] digits, int from, int to) {
            this.digits = digits;
            this.from = from;
            this.length = to - from;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return digits[from + index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(digits, from + start, end - start);
        }

        /** Only the length: the digits may be a phone number and never belong in a log. */
        @Override
        public String toString() {
            return "DigitsView[" + length + " digits]";
        }
    }
}
