package dev.piigate.detectors.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * {@link RegionShortcut} and {@link CallingCode} answer for libphonenumber; these properties check
 * every answer they give against {@code findNumbers(window, region, VALID, 8)} on windows built the
 * way the detector builds them: digit groups joined by phone punctuation, mostly around real
 * numbers of the region (libphonenumber's example numbers with digits changed), with country
 * codes, national and international prefixes, and stray groups around them.
 */
class PhoneShortcutsTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Common regions, NANPA neighbours, and regions with odd prefixes (IT leading zero, AR/MX/BR transform rules). */
    private static final List<String> REGIONS = List.of("US", "CA", "JM", "GB", "DE", "FR", "IN", "JP", "BR", "AU",
            "IT", "MX", "AR", "CN", "NL", "RU", "ES", "CH", "SG", "ZA");
    private static final PhoneNumberType[] TYPES = {PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE,
        PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.VOIP, PhoneNumberType.UAN};
    private static final String[] SEPARATORS = {" ", "-", ".", " ", "-", "/", ") ", " - ", "  "};

    @Provide
    Arbitrary<String> regions() {
        return Arbitraries.of(REGIONS);
    }

    private static List<Match> findNumbers(String window, String region) {
        List<Match> found = new ArrayList<>();
        for (PhoneNumberMatch m : UTIL.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, 8)) {
            found.add(new Match(m.start(), m.end(), m.number()));
        }
        return found;
    }

    private record Match(int start, int end, PhoneNumber number) {}

    @Property(tries = 600)
    @StatisticsReport(onFailureOnly = true)
    void gateNeverClosesOnAWindowLibphonenumberFindsSomethingIn(@ForAll("regions") String region, @ForAll long seed) {
        Random random = new Random(seed);
        RegionShortcut shortcut = new RegionShortcut(region);
        for (int k = 0; k < 4; k++) {
            boolean plus = random.nextInt(4) == 0;
            Window w = window(random, region, plus);
            List<Match> found = findNumbers(w.text, region);
            // Every match is a run of whole groups that the range test lets through.
            for (Match m : found) {
                int a = w.groupAt(m.start(), true);
                int b = w.groupAt(m.end(), false);
                if (plus && a == 0) {
                    assertThat(m.start()).as("%s: a match of the first group takes the '+'", w.text).isZero();
                }
                assertThat(rangeTest(shortcut, w, plus, a, b)).as("%s in %s: %s", w.text, region, m).isTrue();
            }
            if (!plus) {
                boolean closed = !shortcut.mayFind(w.digits, w.starts, w.ends, w.groups);
                Statistics.label("gate closed").collect(closed);
                if (closed) {
                    assertThat(found).as("%s in %s", w.text, region).isEmpty();
                }
            }
        }
        Statistics.label("gate closed").coverage(c -> c.check(true).percentage(p -> p > 10));
    }

    @Property(tries = 600)
    @StatisticsReport(onFailureOnly = true)
    void wholeNationalIsWhatFindNumbersReturns(@ForAll("regions") String region, @ForAll long seed) {
        Random random = new Random(seed);
        RegionShortcut shortcut = new RegionShortcut(region);
        for (int k = 0; k < 4; k++) {
            String window = window(random, region, false).text;
            PhoneNumber whole = shortcut.wholeNational(window);
            Statistics.label("national shortcut taken").collect(whole != null);
            if (whole != null) {
                assertThat(findNumbers(window, region)).as("%s in %s", window, region).singleElement()
                        .satisfies(m -> {
                            assertThat(m.start()).isZero();
                            assertThat(m.end()).isEqualTo(window.length());
                            assertThat(m.number().exactlySameAs(whole)).as("%s vs %s", m.number(), whole).isTrue();
                        });
            }
        }
        Statistics.label("national shortcut taken").coverage(c -> c.check(true).percentage(p -> p > 3));
    }

    /**
     * The detector's cheap grouping check answers "yes" only where libphonenumber's EXACT_GROUPING
     * would: numbers of the region written in its own groups (with the separators changed, after
     * a trunk prefix or not) or cut at random.
     */
    @Property(tries = 600)
    @StatisticsReport(onFailureOnly = true)
    void groupsAsFormattedOnlyWhereExactGroupingAccepts(@ForAll("regions") String region, @ForAll long seed) {
        Random random = new Random(seed);
        for (int k = 0; k < 4; k++) {
            String nsn = nationalNumber(random, region);
            String written;
            if (random.nextBoolean()) {
                PhoneNumber n;
                try {
                    n = UTIL.parse(nsn, region);
                } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                    continue;
                }
                written = UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)
                        .replace(' ', SEPARATORS[random.nextInt(3)].charAt(0));
            } else {
                written = window(random, region, false).text;
            }
            for (Match m : findNumbers(written, region)) {
                String raw = written.substring(m.start(), m.end());
                boolean cheap = PhoneDetector.groupsAsFormatted(UTIL, raw, m.number());
                Statistics.label("grouped as formatted").collect(cheap);
                if (cheap) {
                    assertThat(UTIL.findNumbers(raw, region, PhoneNumberUtil.Leniency.EXACT_GROUPING, 1))
                            .as("%s in %s", raw, region).singleElement()
                            .satisfies(e -> assertThat(e.rawString()).isEqualTo(raw));
                }
            }
        }
        Statistics.label("grouped as formatted").coverage(c -> c.check(true).percentage(p -> p > 10));
    }

    /**
     * The detector's EXACT_GROUPING pre-check answers "no" only where libphonenumber finds no
     * match that is all of the number as written, asked in the match's region and in others
     * (with and without alternate formats): numbers written in the region's groups, in other
     * groups, and the windows themselves.
     */
    @Property(tries = 600)
    @StatisticsReport(onFailureOnly = true)
    void exactGroupingPrecheckSaysNoOnlyWhereLibphonenumberFindsNothing(@ForAll("regions") String region,
            @ForAll long seed) {
        Random random = new Random(seed);
        for (int k = 0; k < 4; k++) {
            String written = window(random, region, false).text;
            if (random.nextBoolean()) {
                try {
                    written = UTIL.format(UTIL.parse(nationalNumber(random, region), region),
                            PhoneNumberUtil.PhoneNumberFormat.NATIONAL).replace(' ', SEPARATORS[random.nextInt(3)].charAt(0));
                } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                    continue;
                }
            }
            List<String> raws = new ArrayList<>(List.of(written));
            for (Match m : findNumbers(written, region)) {
                String raw = written.substring(m.start(), m.end());
                raws.add(raw);
                // The detector hands over the number findNumbers parsed instead of parsing again.
                assertThat(PhoneDetector.exactGroupingMayAccept(UTIL, raw, region, m.number())).as("%s in %s", raw, region)
                        .isEqualTo(PhoneDetector.exactGroupingMayAccept(UTIL, raw, region, null));
            }
            for (String raw : raws) {
                for (String asked : List.of(region, "US", "DE", "GB")) {
                    boolean may = PhoneDetector.exactGroupingMayAccept(UTIL, raw, asked, null);
                    Statistics.label("pre-check says no").collect(!may);
                    if (!may) {
                        assertThat(UTIL.findNumbers(raw, asked, PhoneNumberUtil.Leniency.EXACT_GROUPING, 1))
                                .as("%s in %s", raw, asked)
                                .noneMatch(e -> e.start() == 0 && e.end() == raw.length());
                    }
                }
            }
        }
        Statistics.label("pre-check says no").coverage(c -> c.check(true).percentage(p -> p > 10));
    }

    @Property(tries = 600)
    @StatisticsReport(onFailureOnly = true)
    void wholeInternationalIsWhatFindNumbersReturns(@ForAll("regions") String region, @ForAll long seed) {
        Random random = new Random(seed);
        for (int k = 0; k < 4; k++) {
            String window = window(random, region, true).text;
            PhoneNumber whole = RegionShortcut.wholeInternational(window);
            Statistics.label("international shortcut taken").collect(whole != null);
            if (whole != null) {
                // The detector asks with its first configured region; the answer must not depend on it.
                assertThat(findNumbers(window, "US")).as("%s", window).singleElement().satisfies(m -> {
                    assertThat(m.start()).isZero();
                    assertThat(m.end()).isEqualTo(window.length());
                    assertThat(m.number().exactlySameAs(whole)).as("%s vs %s", m.number(), whole).isTrue();
                });
            }
        }
        Statistics.label("international shortcut taken").coverage(c -> c.check(true).percentage(p -> p > 5));
    }

    /**
     * Windows of digit groups joined by single spaces or single dashes, after a '+' or not:
     * findNumbers returns only the ranges {@link RegionShortcut#mayReturn} allows for the window's
     * {@link RegionShortcut#cut}, so where none of those may match the detector leaves it out. Some
     * windows chain a stray group, a number in one group and a number in groups
     * ("1234 2015550123 415 555 2671"), where a match follows a match; some end in a group longer
     * than a digit block of libphonenumber's pattern.
     */
    @Property(tries = 600)
    @StatisticsReport(onFailureOnly = true)
    void findNumbersReturnsOnlyWhatTheCutAllows(@ForAll("regions") String region, @ForAll long seed) {
        Random random = new Random(seed);
        RegionShortcut shortcut = new RegionShortcut(region);
        for (int k = 0; k < 4; k++) {
            boolean plus = random.nextInt(3) == 0;
            String joint = random.nextInt(3) == 0 ? "-" : " ";
            String groups = window(random, region, plus).text.replaceAll("[^0-9]+", " ").strip().replace(" ", joint);
            if (random.nextInt(3) == 0) {
                String example = exampleNumber(region);
                groups = random.nextInt(1000) + joint + example + joint
                        + String.join(joint, example.substring(0, 3), example.substring(3));
            }
            if (random.nextInt(8) == 0) {
                groups += joint + "9".repeat(15) + random.nextLong(1_000_000_000L);
            }
            Window w = Window.of((plus ? "+" : "") + groups);
            RegionShortcut.Cut cut = RegionShortcut.cut(w.text);
            assertThat(cut).as(w.text).isEqualTo(w.groups > 1 && joint.equals("-") ? RegionShortcut.Cut.DASHED
                    : RegionShortcut.Cut.SPACED);
            boolean[][] may = new boolean[w.groups][w.groups];
            boolean mayFind = false;
            for (int a = 0; a < w.groups; a++) {
                for (int b = a; b < w.groups; b++) {
                    may[a][b] = rangeTest(shortcut, w, plus, a, b)
                            && RegionShortcut.mayReturn(cut, a, b, w.groups, a > 0 && may[a - 1][a - 1]);
                    mayFind |= may[a][b];
                }
            }
            List<Match> found = findNumbers(w.text, region);
            for (Match m : found) {
                int a = w.groupAt(m.start(), true);
                int b = w.groupAt(m.end(), false);
                assertThat(may[a][b]).as("%s in %s: %s, cut %s", w.text, region, m, cut).isTrue();
                Statistics.label("after a match").collect(a > 0 && b > a);
            }
            Statistics.label("window").collect(!mayFind ? "nothing may be found" : found.isEmpty() ? "nothing found" : "found");
        }
        Statistics.label("window").coverage(c -> {
            c.check("nothing may be found").percentage(p -> p > 5);
            c.check("found").percentage(p -> p > 5);
        });
        Statistics.label("after a match").coverage(c -> c.check(true).percentage(p -> p > 1));
    }

    @Test
    void cutTellsTheJoints() {
        assertThat(RegionShortcut.cut("+44 7671 071092")).isEqualTo(RegionShortcut.Cut.SPACED);
        assertThat(RegionShortcut.cut("4539 1488 0343 6467")).isEqualTo(RegionShortcut.Cut.SPACED);
        assertThat(RegionShortcut.cut("4155552671")).isEqualTo(RegionShortcut.Cut.SPACED);
        assertThat(RegionShortcut.cut("123-45-6789")).isEqualTo(RegionShortcut.Cut.DASHED);
        assertThat(RegionShortcut.cut("+1-415-555-2671")).isEqualTo(RegionShortcut.Cut.DASHED);
        for (String other : new String[] {"+44  7671 071092", "415 555-2671", "(415) 555 2671", "+ 44 7671",
            "+44 7671 ", "-415-555", "415--555", "415.555.2671", "415/555 2671", "+", ""}) {
            assertThat(RegionShortcut.cut(other)).as(other).isEqualTo(RegionShortcut.Cut.ANY);
        }
    }

    /** The detector's range test of groups a..b: after a '+', the first group's ranges as an international number. */
    private static boolean rangeTest(RegionShortcut shortcut, Window w, boolean plus, int a, int b) {
        return plus && a == 0 ? RegionShortcut.plusRangeMayMatch(w.digits, w.starts[a], w.ends[b])
                : shortcut.rangeMayMatch(w.digits, w.starts[a], w.ends[b]);
    }

    /** The region's example number, national digits. */
    private static String exampleNumber(String region) {
        return UTIL.getNationalSignificantNumber(UTIL.getExampleNumber(region));
    }

    /**
     * {@link RegionShortcut#internationalVerdict} stands for {@code parse(window, "ZZ")} and
     * {@code isValidNumber}, as the detector's read from a '+' asks them: where it says valid, the
     * same number; where it says not valid, libphonenumber's parse throws or gives a number it
     * calls invalid.
     */
    @Property(tries = 600)
    @StatisticsReport(onFailureOnly = true)
    @SuppressWarnings("ReferenceEquality") // NOT_VALID is a sentinel
    void internationalVerdictIsLibphonenumbersParse(@ForAll("regions") String region, @ForAll long seed) {
        Random random = new Random(seed);
        for (int k = 0; k < 4; k++) {
            String window = window(random, region, true).text;
            PhoneNumber verdict = RegionShortcut.internationalVerdict(window);
            Statistics.label("verdict").collect(verdict == null ? "none" : verdict == RegionShortcut.NOT_VALID ? "not valid" : "valid");
            if (verdict == null) {
                continue;
            }
            PhoneNumber parsed = parsedFromPlus(window);
            boolean valid = parsed != null && UTIL.isValidNumber(parsed);
            if (verdict == RegionShortcut.NOT_VALID) {
                assertThat(valid).as("%s parsed as %s", window, parsed).isFalse();
            } else {
                assertThat(valid).as(window).isTrue();
                assertThat(parsed.getCountryCode()).as(window).isEqualTo(verdict.getCountryCode());
                assertThat(parsed.getNationalNumber()).as(window).isEqualTo(verdict.getNationalNumber());
            }
        }
        Statistics.label("verdict").coverage(c -> {
            c.check("not valid").percentage(p -> p > 5);
            c.check("valid").percentage(p -> p > 5);
        });
    }

    /**
     * The same for every region libphonenumber knows, not only the sampled ones: a '+' number
     * {@code internationalVerdict} calls invalid is never parsed by libphonenumber afterwards, so a
     * wrong "not valid" for any calling code would lose a real number. Each type's example number,
     * with digits changed, one dropped and one added, in groups after '+' and its calling code.
     */
    @Test
    @SuppressWarnings("ReferenceEquality") // NOT_VALID is a sentinel
    void internationalVerdictIsLibphonenumbersParseInEveryRegion() {
        Random random = new Random(7);
        int notValid = 0;
        for (String region : new java.util.TreeSet<>(UTIL.getSupportedRegions())) {
            String cc = Integer.toString(UTIL.getCountryCodeForRegion(region));
            for (PhoneNumberType type : TYPES) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String nsn = UTIL.getNationalSignificantNumber(example);
                for (int k = 0; k < 8; k++) {
                    StringBuilder digits = new StringBuilder(nsn);
                    if (k % 4 == 1 && digits.length() > 2) {
                        digits.deleteCharAt(1 + random.nextInt(digits.length() - 1));
                    } else if (k % 4 == 2) {
                        digits.insert(1 + random.nextInt(digits.length()), (char) ('0' + random.nextInt(10)));
                    } else if (k % 4 == 3) {
                        digits.setCharAt(1 + random.nextInt(digits.length() - 1), (char) ('0' + random.nextInt(10)));
                    }
                    String window = "+" + cc + " " + grouped(digits.toString(), random);
                    PhoneNumber verdict = RegionShortcut.internationalVerdict(window);
                    if (verdict == null) {
                        continue;
                    }
                    PhoneNumber parsed = parsedFromPlus(window);
                    boolean valid = parsed != null && UTIL.isValidNumber(parsed);
                    assertThat(valid).as("%s (%s %s)", window, region, type).isEqualTo(verdict != RegionShortcut.NOT_VALID);
                    notValid += verdict == RegionShortcut.NOT_VALID ? 1 : 0;
                }
            }
        }
        assertThat(notValid).isGreaterThan(1000);
    }

    /** libphonenumber's parse of a window written from '+', as {@code plusPrefix} asks it; null where it throws. */
    private static PhoneNumber parsedFromPlus(String window) {
        try {
            return UTIL.parse(window, "ZZ");
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** {@code digits} in groups of 2-4 joined by spaces or dashes. */
    private static String grouped(String digits, Random random) {
        StringBuilder out = new StringBuilder();
        char separator = random.nextBoolean() ? ' ' : '-';
        for (int i = 0; i < digits.length(); ) {
            int len = Math.min(digits.length() - i, 2 + random.nextInt(3));
            if (i > 0) {
                out.append(separator);
            }
            out.append(digits, i, i + len);
            i += len;
        }
        return out.toString();
    }

    @Property(tries = 400)
    void callingCodeValidityIsLibphonenumbers(@ForAll("regions") String region, @ForAll long seed) {
        Random random = new Random(seed);
        CallingCode code = CallingCode.of(UTIL.getCountryCodeForRegion(region));
        for (int k = 0; k < 5; k++) {
            String nsn = nationalNumber(random, region);
            char[] digits = nsn.toCharArray();
            PhoneNumber number = new PhoneNumber().setCountryCode(code.code).setNationalNumber(Long.parseLong(nsn));
            if (nsn.charAt(0) == '0') {
                continue; // libphonenumber keeps leading zeros apart; the shortcuts never ask about them
            }
            boolean expected = UTIL.isValidNumber(number);
            assertThat(code.isValid(nsn)).as("%s in %s", nsn, region).isEqualTo(expected);
            if (expected) {
                assertThat(code.mayBeValid(digits, 0, digits.length)).as("%s in %s", nsn, region).isTrue();
            }
        }
    }

    @Test
    void plainNumbersTakeTheShortcutAndJunkIsGated() {
        RegionShortcut us = new RegionShortcut("US");
        for (String w : List.of("415-555-2671", "(415) 555-2671", "415.555.2671", "415 555 2671", "4155552671")) {
            assertThat(us.wholeNational(w)).as(w).isNotNull();
        }
        assertThat(RegionShortcut.wholeInternational("+1 415 555 2671")).isNotNull();
        assertThat(RegionShortcut.wholeInternational("+44 20 7946 0958")).isNotNull();
        // Card numbers and SSNs never reach libphonenumber for the US.
        for (String junk : List.of("4111 1111 1111 1111", "078-05-1120", "200 106583", "3766-833840-54705")) {
            Window w = Window.of(junk);
            assertThat(us.mayFind(w.digits, w.starts, w.ends, w.groups)).as(junk).isFalse();
        }
        Window valid = Window.of("1-415-555-2671");
        assertThat(us.mayFind(valid.digits, valid.starts, valid.ends, valid.groups)).isTrue();
    }

    /** A window as the detector hands it to findNumbers, with its digit groups. */
    private record Window(String text, char[] digits, int[] starts, int[] ends, int groups) {
        static Window of(String text) {
            char[] digits = new char[text.length()];
            int[] starts = new int[text.length()];
            int[] ends = new int[text.length()];
            int n = 0;
            int groups = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    if (i == 0 || !Character.isDigit(text.charAt(i - 1))) {
                        starts[groups] = n;
                    }
                    digits[n++] = c;
                    if (i + 1 == text.length() || !Character.isDigit(text.charAt(i + 1))) {
                        ends[groups++] = n;
                    }
                }
            }
            return new Window(text, java.util.Arrays.copyOf(digits, n), starts, ends, groups);
        }

        /**
         * The group whose first digit is the first digit at or after {@code offset} (start), or whose
         * last digit is the last before {@code offset} (end); fails if a match splits a group.
         */
        int groupAt(int offset, boolean start) {
            int digitsBefore = 0;
            for (int i = 0; i < offset; i++) {
                if (Character.isDigit(text.charAt(i))) {
                    digitsBefore++;
                }
            }
            for (int g = 0; g < groups; g++) {
                if (start ? starts[g] == digitsBefore : ends[g] == digitsBefore) {
                    return g;
                }
            }
            throw new AssertionError("a match that splits a digit group: " + text + " at " + offset);
        }
    }

    /** A window around a national number of the region, or random groups; with '+' and a country code if asked. */
    private static Window window(Random random, String region, boolean plus) {
        StringBuilder digits = new StringBuilder();
        int roll = random.nextInt(10);
        String cc = Integer.toString(UTIL.getCountryCodeForRegion(plus && random.nextInt(3) == 0
                ? REGIONS.get(random.nextInt(REGIONS.size())) : region));
        if (plus) {
            digits.append(cc);
        } else if (roll == 0) {
            digits.append(cc); // country code without '+'
        } else if (roll == 1) {
            String np = UTIL.getNddPrefixForRegion(region, true);
            digits.append(np == null ? "" : np);
        } else if (roll == 2) {
            digits.append(random.nextBoolean() ? "011" : "00").append(cc);
        }
        if (random.nextInt(5) == 0) {
            for (int k = 2 + random.nextInt(14); k > 0; k--) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
        } else {
            digits.append(nationalNumber(random, region));
        }
        if (random.nextInt(6) == 0) {
            digits.append(random.nextInt(10_000)); // a stray group after the number
        }
        // Cut into groups of 1-5 digits with phone punctuation; sometimes the first in parentheses.
        StringBuilder text = new StringBuilder(plus ? "+" : "");
        int i = 0;
        boolean first = true;
        while (i < digits.length()) {
            int len = Math.min(digits.length() - i, random.nextInt(3) == 0 ? digits.length() : 1 + random.nextInt(5));
            String group = digits.substring(i, i + len);
            if (first && !plus && random.nextInt(5) == 0) {
                text.append('(').append(group).append(')');
                if (i + len < digits.length()) {
                    text.append(random.nextBoolean() ? " " : "");
                }
            } else {
                if (!first) {
                    text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
                } // the detector's '+' windows have the '+' right before the first digit
                text.append(group);
            }
            first = false;
            i += len;
        }
        String t = text.toString().replace("  (", " (");
        return Window.of(t);
    }

    /** An example number of the region, of some type, with a few digits changed at random. */
    private static String nationalNumber(Random random, String region) {
        PhoneNumber example = UTIL.getExampleNumberForType(region, TYPES[random.nextInt(TYPES.length)]);
        if (example == null) {
            example = UTIL.getExampleNumber(region);
        }
        char[] nsn = UTIL.getNationalSignificantNumber(example).toCharArray();
        for (int k = random.nextInt(4); k > 0; k--) {
            nsn[1 + random.nextInt(nsn.length - 1)] = (char) ('0' + random.nextInt(10));
        }
        return new String(nsn);
    }
}
