package dev.piigate.detectors.phone;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Evidence;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.KeywordContext;

/**
 * Phone numbers, judged by libphonenumber at leniency {@code VALID} but only on small windows: the
 * digit runs of {@link ScanText} are joined into clusters over phone punctuation, clusters are
 * prefiltered by digit count and shape (dates, IPs, versions, ISBN/DOI/# numbers...), and only
 * the survivors reach {@code findNumbers}, once per configured region until the cluster is
 * explained. {@link RegionShortcut} answers for libphonenumber where it provably gives the same
 * answer: clusters no region could accept, and plainly written valid numbers. A valid number with
 * no keyword labelling it is reported only in a written form of a phone number
 * ({@link #unusualForm}). Masked numbers ({@code (***) ***-1234}) are recognised around short
 * digit runs.
 */
public final class PhoneDetector implements Detector {
    public static final String ID = "phone_libphonenumber_v4";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID,
            settings -> new PhoneDetector(validatedRegions(settings.phoneRegions()), settings.keywordDistance()));

    static final EntityType TYPE = EntityType.PHONE_NUMBER;

    /** Fewest digits of a national number worth asking libphonenumber about (7: a local US number). */
    static final int MIN_DIGITS = 7;
    /** ITU E.164: at most 15 digits, country code included. */
    static final int MAX_DIGITS = 15;
    /** A cluster may hold a few numbers written one after the other; beyond this it is cut. */
    static final int MAX_CLUSTER_DIGITS = 40;
    /** Longest run of punctuation between two digit groups of one number: ") - " is the worst. */
    static final int MAX_GAP = 3;
    /** libphonenumber's own cap on candidates per findNumbers call; our windows hold few. */
    static final long MAX_TRIES = 8;

    /**
     * Context words, matched on word boundaries: English, messaging (a number written after "text
     * me", "txt", "SMS", "WhatsApp", "Signal" is a phone number as surely as after "call"), the main
     * European languages, Japanese, Chinese in both scripts and Korean. Bare "text" and "message" are
     * left out: they name other things in logs and code far more often than a phone.
     */
    static final Keywords KEYWORDS = Keywords.of(
            // English
            "call", "cell", "cellphone", "contact", "dial", "fax", "mob", "mobile", "msisdn", "ph", "phone", "reach",
            "ring", "tel", "telephone", "telephone number",
            // messaging
            "sms", "text me", "text us", "text him", "text her", "text or call", "call or text", "texting",
            "txt", "message me", "msg me", "whatsapp", "whats app", "signal",
            "imessage", "viber", "telegram me", "wechat",
            // French, German, Spanish, Italian, Portuguese, Dutch, Scandinavian, Polish, Turkish, Russian
            "portable", "tél", "téléphone", "numéro de téléphone",
            "handy", "handynummer", "mobilnummer", "rufnummer", "telefon", "telefonnummer",
            "teléfono", "telefono", "móvil", "movil", "celular", "número de teléfono",
            "cellulare", "numero di telefono",
            "telefone", "telemóvel", "telemovel",
            "telefoon", "telefoonnummer", "mobiel", "mobielnummer",
            "tlf", "numer telefonu", "telefon numarası", "телефон",
            // Japanese, Chinese (simplified, traditional), Korean
            "電話", "電話番号", "携帯", "携帯電話", "携帯番号",
            "电话", "电话号码", "手机", "手机号", "手机号码", "联系电话",
            "電話號碼", "手機", "手機號碼", "聯絡電話",
            "전화", "전화번호", "휴대폰", "핸드폰", "연락처");
    /** Dolma's cheap filters: numbers right after these are catalogue ids, not phones. */
    private static final Keywords CATALOGUE = Keywords.of("doi", "isbn", "issn");
    private static final int CATALOGUE_DISTANCE = 12;
    /** How far before a number a catalogue keyword may start: the distance plus the longest keyword. */
    private static final int CATALOGUE_REACH = CATALOGUE_DISTANCE
            + CATALOGUE.words().stream().mapToInt(String::length).max().orElse(0);

    private static final double CONFIDENCE_BARE = 0.5;
    private static final double CONFIDENCE_FORMATTED = 0.7;
    private static final double CONFIDENCE_INTERNATIONAL = 0.85;
    private static final double CONFIDENCE_KEYWORD = 0.95;
    private static final double CONFIDENCE_MASKED = 0.8;

    private final PhoneNumberUtil util;
    /** Region codes to try in order; "ZZ" alone when none is configured (only + numbers then). */
    private final List<String> regions;
    /** One gate per entry of {@link #regions}; empty when only '+' numbers are looked for. */
    private final RegionGate[] gates;
    /** One per entry of {@link #gates}. */
    private final RegionShortcut[] shortcuts;
    private final int keywordDistance;

    PhoneDetector(List<String> regions, int keywordDistance) {
        this.util = PhoneNumberUtil.getInstance();
        this.regions = regions.isEmpty() ? List.of("ZZ") : List.copyOf(regions);
        this.gates = new RegionGate[regions.size()];
        this.shortcuts = new RegionShortcut[regions.size()];
        for (int k = 0; k < gates.length; k++) {
            gates[k] = new RegionGate(util, regions.get(k));
            shortcuts[k] = new RegionShortcut(regions.get(k));
        }
        this.keywordDistance = keywordDistance;
    }

    /**
     * Upper-cases and de-duplicates the configured regions and checks each against libphonenumber:
     * a mistyped code would otherwise silently find nothing (Presidio's default list has "UK").
     */
    static List<String> validatedRegions(List<String> configured) {
        Set<String> supported = PhoneNumberUtil.getInstance().getSupportedRegions();
        Set<String> result = new LinkedHashSet<>();
        for (String code : configured) {
            String upper = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
            if (!supported.contains(upper)) {
                String hint = "UK".equals(upper) ? " (the United Kingdom is GB)" : "";
                throw new IllegalArgumentException("phoneRegions: unsupported region code '" + code + "'" + hint
                        + "; accepted: ISO 3166-1 alpha-2 codes known to libphonenumber: "
                        + String.join(", ", new TreeSet<>(supported)));
            }
            result.add(upper);
        }
        return List.copyOf(result);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(EntityType.PHONE_NUMBER);
    }

    @Override
    public void scan(ScanText scanText, FindingSink sink) {
        String t = scanText.text();
        int runs = scanText.digitRunCount();
        int reportedEnd = 0; // end of the last finding: clusters inside it are already explained
        int i = 0;
        while (i < runs) {
            int s = scanText.digitRunStart(i);
            int e = scanText.digitRunEnd(i);
            if (s < reportedEnd || isTimePart(t, s, e) || e - s > MAX_DIGITS) {
                i++;
                continue;
            }
            int digits = e - s;
            int j = i;
            while (j + 1 < runs) {
                int ns = scanText.digitRunStart(j + 1);
                int ne = scanText.digitRunEnd(j + 1);
                if (ns - e > MAX_GAP || !PhoneShapes.isGap(t, e, ns) || ne - ns > MAX_DIGITS
                        || followedByTime(t, ne) || digits + ne - ns > MAX_CLUSTER_DIGITS) {
                    break;
                }
                j++;
                e = ne;
                digits += ne - ns;
            }
            int start = s;
            if (start > 0 && t.charAt(start - 1) == '(') {
                start--;
            }
            if (start > 0 && t.charAt(start - 1) == '+') {
                start--;
            }
            if (digits < MIN_DIGITS) {
                // maskNear covers the two chars on each side of the runs; a '(' or '+' before moves the start.
                if ((start < s || scanText.maskNear(i) || scanText.maskNear(j)) && PhoneShapes.nextToMask(t, start, e)) {
                    reportedEnd = Math.max(reportedEnd, masked(scanText, start, e, sink));
                }
            } else {
                reportedEnd = Math.max(reportedEnd, judge(scanText, i, j, start, e, digits, sink));
            }
            i = j + 1;
        }
    }

    /**
     * {@code ORD-4155552671}, {@code INV-2024-...}: a dash joining the cluster to a word makes it
     * part of an id, as the card and SSN detectors also read it. A leading '+' is not joined.
     */
    private static boolean dashGlued(String t, int start, int end) {
        boolean before = t.charAt(start) != '+' && start >= 2 && t.charAt(start - 1) == '-'
                && Chars.isAsciiLetter(t.charAt(start - 2));
        boolean after = end + 1 < t.length() && t.charAt(end) == '-' && Chars.isAsciiLetter(t.charAt(end + 1));
        return before || after;
    }

    /** A run right after "12:" or right before ":34" is part of a clock time. */
    private static boolean isTimePart(String t, int s, int e) {
        return (s >= 2 && t.charAt(s - 1) == ':' && Chars.isDigit(t.charAt(s - 2))) || followedByTime(t, e);
    }

    private static boolean followedByTime(String t, int e) {
        return e + 1 < t.length() && t.charAt(e) == ':' && Chars.isDigit(t.charAt(e + 1));
    }

    /** Judges the cluster of runs first..last spanning [start, end); returns the end of what it reported. */
    private int judge(ScanText scanText, int first, int last, int start, int end, int digits, FindingSink sink) {
        String t = scanText.text();
        if (!Boundary.WORD.standalone(t, start, end) || dashGlued(t, start, end)) {
            if (digits <= MAX_DIGITS) {
                sink.rejected(TYPE, start, end, ID, RejectReason.TOKEN_BOUNDARY);
            }
            return 0;
        }
        boolean plus = t.charAt(start) == '+';
        if (!plus && PhoneShapes.isNotPhoneShape(scanText, first, last)) {
            sink.rejected(TYPE, start, end, ID, RejectReason.INVALID_GROUPING);
            return 0;
        }
        if (digits > MAX_DIGITS && first == last) {
            return 0; // one long run: an id or a hash, never a phone number
        }
        if (digits <= MAX_DIGITS && isDegenerate(t, start, end)) {
            sink.rejected(TYPE, start, end, ID, RejectReason.DEGENERATE);
            return 0;
        }
        boolean[] open = plus ? null : openRegions(scanText, first, last, digits);
        if (open == null && !plus) {
            sink.rejected(TYPE, start, end, ID, RejectReason.NOT_VALID_FOR_REGION);
            return 0;
        }
        // The isbn/doi/# look-back reads a window of text: after the cheap shape and region checks.
        if (afterCatalogueMark(t, start)) {
            sink.rejected(TYPE, start, end, ID, RejectReason.KNOWN_FALSE_POSITIVE);
            return 0;
        }
        String window = t.substring(start, end);
        List<Match> matches = new ArrayList<>(2);
        PhoneNumber whole = plus ? RegionShortcut.wholeInternational(window) : null;
        if (whole != null) {
            matches.add(new Match(0, window.length(), window, whole, null));
        } else {
            Ranges ranges = null;
            for (int r = 0; r < (plus ? 1 : regions.size()); r++) {
                if (open != null && !open[r]) {
                    continue;
                }
                whole = plus ? null : shortcuts[r].wholeNational(window);
                if (whole != null) {
                    if (!overlaps(matches, 0, window.length())) {
                        matches.add(new Match(0, window.length(), window, whole, regions.get(r)));
                    }
                } else {
                    if (ranges == null) {
                        ranges = new Ranges(scanText, first, last, digits);
                        // The findings-only shortcut is for national clusters: after a '+' a match
                        // from the '+' is reported whatever its neighbours (mayReport cannot see
                        // that), and whether findNumbers found one decides if plusPrefix reads the
                        // cluster instead ("+6233422274.359) 8249764147-76").
                        if (!ranges.compute(plus, open, RegionShortcut.cut(window))
                                || (!plus && !sink.wantsRejections() && !ranges.mayReport())) {
                            break; // findNumbers would find nothing, or nothing the checks below would keep
                        }
                    }
                    if (ranges.any(r)) {
                        findNumbers(window, regions.get(r), matches);
                    }
                }
                if (covered(matches, window)) {
                    break;
                }
            }
        }
        if (plus && !startsAtPlus(matches)) {
            Match anchored = plusPrefix(window);
            if (anchored != null) {
                matches.removeIf(m -> m.start() < anchored.end());
                matches.add(0, anchored);
            }
        }
        if (matches.isEmpty()) {
            sink.rejected(TYPE, start, end, ID, RejectReason.NOT_VALID_FOR_REGION);
            return 0;
        }
        int reported = 0;
        for (Match m : matches) {
            int fs = start + m.start();
            int fe = start + m.end();
            // A number from the '+' on is anchored there: digits after it are another number (an
            // extension, a second line, a year), not a sign that it belongs to a longer one.
            boolean anchored = plus && m.start() == 0;
            if (!Boundary.WORD.standalone(t, fs, fe)
                    || (!anchored && unexplainedNeighbour(matches, window, m.start(), m.end()))) {
                sink.rejected(TYPE, fs, fe, ID, RejectReason.TOKEN_BOUNDARY);
                continue;
            }
            if (!prefixDigitsPlausible(m)) {
                sink.rejected(TYPE, fs, fe, ID, RejectReason.INVALID_LENGTH);
                continue;
            }
            boolean keyword = keywordNear(scanText, first, last, fs, fe);
            RejectReason form = keyword ? null : unusualForm(m);
            if (form != null) {
                sink.rejected(TYPE, fs, fe, ID, form);
                continue;
            }
            boolean test = FictionalNumbers.isFictional(m.number());
            sink.found(new Finding(TYPE, fs, fe, ID, confidence(keyword, m.rawString()), false, test,
                    Evidence.keywordIf(keyword)));
            reported = Math.max(reported, fe);
        }
        return reported;
    }

    /**
     * The cheap half of {@code EXACT_GROUPING}, for the number as it was read: the written digit
     * groups end with the groups libphonenumber formats the national number in, the first of
     * those perhaps after a trunk prefix or country code ("030 12345678", "1-415-555-2671").
     * True is exact; false may still be an alternate format or another region's, which
     * {@link #unusualForm} asks libphonenumber about.
     */
    static boolean groupsAsFormatted(PhoneNumberUtil util, String raw, PhoneNumber number) {
        String national = NationalGroups.of(util, number); // "415-555-2671" of "tel:+1-415-555-2671"
        if (national == null || raw.indexOf('/') != raw.lastIndexOf('/')) {
            return false; // two slashes: EXACT_GROUPING's matcher rejects it (a date or a path, not a number)
        }
        // Walk both from the end: each formatted group must be a whole written group, the first
        // formatted group (no dash before it) the end of one.
        int w = raw.length();
        int f = national.length();
        while (f > -1) {
            int fs = national.lastIndexOf('-', f - 1);
            while (w > 0 && !Chars.isDigit(raw.charAt(w - 1))) {
                w--;
            }
            int ws = w;
            while (ws > 0 && Chars.isDigit(raw.charAt(ws - 1))) {
                ws--;
            }
            int len = f - fs - 1;
            boolean firstFormatted = fs == -1;
            if (w - ws < len || (!firstFormatted && w - ws != len) || !raw.regionMatches(w - len, national, fs + 1, len)) {
                return false;
            }
            if (firstFormatted && w - ws > len && !isNationalPrefix(util, number, raw.substring(ws, w - len))) {
                return false; // "81990/143/456": a country code glued to the first group is no grouping
            }
            w = ws;
            f = fs;
        }
        return true;
    }

    /** Digits written before the first group that are the number's trunk prefix ("0" in "030 1234567"). */
    private static boolean isNationalPrefix(PhoneNumberUtil util, PhoneNumber number, String digits) {
        String ndd = util.getNddPrefixForRegion(util.getRegionCodeForCountryCode(number.getCountryCode()), true);
        return digits.equals(ndd);
    }

    /** Adds what findNumbers finds in the window that overlaps no match already there. */
    private void findNumbers(String window, String region, List<Match> matches) {
        for (PhoneNumberMatch m : util.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, MAX_TRIES)) {
            if (!overlaps(matches, m.start(), m.end())) {
                matches.add(new Match(m.start(), m.end(), m.rawString(), m.number(), region));
            } // else the same number read in another region: one finding per number
        }
    }

    private static boolean startsAtPlus(List<Match> matches) {
        for (Match m : matches) {
            if (m.start() == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The longest run of whole digit groups from the '+' of {@code window} that is a valid number
     * of the country its digits start with, or null. libphonenumber reads a '+' cluster as one
     * candidate: "+44 20 7946 1234 2024" or "+1 415 555 2671 12" is invalid as a whole and it
     * finds nothing, though a '+' and a valid country code say where a number starts, whatever
     * the grouping and whatever follows. At most one try per group end with 7 to 17 digits.
     */
    @SuppressWarnings("ReferenceEquality") // RegionShortcut.NOT_VALID is a sentinel, asked for by identity
    private Match plusPrefix(String window) {
        for (int e = window.length(); e > 1; e--) {
            if (!Chars.isDigit(window.charAt(e - 1)) || (e < window.length() && Chars.isDigit(window.charAt(e)))) {
                continue; // not the end of a group
            }
            int digits = 0;
            for (int k = 0; k < e; k++) {
                digits += Chars.isDigit(window.charAt(k)) ? 1 : 0;
            }
            if (digits > 17) {
                continue;
            }
            if (digits < MIN_DIGITS) {
                return null;
            }
            String prefix = window.substring(0, e);
            PhoneNumber number = RegionShortcut.internationalVerdict(prefix);
            if (number == RegionShortcut.NOT_VALID) {
                number = null; // what libphonenumber would say, without its parse and regexes
            } else if (number == null) {
                try {
                    PhoneNumber parsed = util.parse(prefix, "ZZ");
                    number = util.isValidNumber(parsed) ? parsed : null;
                } catch (NumberParseException invalid) {
                    number = null; // not a number at this length: try a shorter one
                }
            }
            if (number != null) {
                return new Match(0, e, prefix, number, null);
            }
        }
        return null;
    }

    /**
     * A number found in a window: offsets in the window, the text as written, the parsed number,
     * and the configured region it was read for (null for a window written with '+' throughout).
     */
    private record Match(int start, int end, String rawString, PhoneNumber number, String region) {}

    /**
     * Why a valid number with no keyword near is not reported, or null if it is. libphonenumber
     * calls most digit runs of the right length valid somewhere in a list of regions (a German
     * number may be almost any 0-led run of 7 to 12 digits), so a national number without a
     * keyword counts only when written the way phone numbers are written:
     * <ul>
     * <li>with '+': always;</li>
     * <li>as one bare run of digits: never; ids, epoch times, order and tracking numbers look the
     * same (the rule the SSN detector and Macie apply to bare nine-digit SSNs);</li>
     * <li>in groups after an international prefix (00, 011): always;</li>
     * <li>as five digits, a dash and four: never, that is a US ZIP+4 code;</li>
     * <li>in groups: only if they are the groups a configured region writes the number in
     * ({@code 030 1234567}, {@code (415) 555-2671}; libphonenumber's {@code EXACT_GROUPING},
     * which knows the alternate formats too). A ZIP+4, an EIN or an SSN split 3-2-4 reads as a
     * German number only if its groups are ignored.</li>
     * </ul>
     */
    private RejectReason unusualForm(Match m) {
        String raw = m.rawString();
        if (m.region() == null || raw.charAt(0) == '+') {
            return null;
        }
        int groups = 0;
        int firstGroup = 0;
        boolean inDigits = false;
        for (int k = 0; k < raw.length(); k++) {
            boolean digit = Chars.isDigit(raw.charAt(k));
            if (digit && !inDigits) {
                groups++;
            }
            if (digit && groups == 1) {
                firstGroup++;
            }
            inDigits = digit;
        }
        if (groups == 1) {
            return RejectReason.NO_KEYWORD; // zero-padded ids start with 00 too
        }
        if (raw.startsWith("00") || raw.startsWith("011")) {
            return null;
        }
        if (isZipPlus4(raw, groups, firstGroup)) {
            return RejectReason.KNOWN_FALSE_POSITIVE;
        }
        if (groupsAsFormatted(util, raw, m.number())) {
            return null;
        }
        // Any configured region may own the grouping: "030 12345678" is a valid GB 03 number too,
        // but grouped as a German one.
        for (String region : regions) {
            // findNumbers parsed raw in the region it matched in: that number, not a second parse
            if (!exactGroupingMayAccept(util, raw, region, region.equals(m.region()) ? m.number() : null)) {
                continue; // findNumbers would find nothing that is all of raw
            }
            for (PhoneNumberMatch g : util.findNumbers(raw, region, PhoneNumberUtil.Leniency.EXACT_GROUPING, 1)) {
                if (g.start() == 0 && g.end() == raw.length()) {
                    return null;
                }
            }
        }
        return RejectReason.INVALID_GROUPING;
    }

    private static final Pattern NON_DIGITS = Pattern.compile("(\\D+)");
    /** Per calling code: whether libphonenumber has alternate formats for it (EXACT_GROUPING tries them too). */
    private static final Map<Integer, Boolean> ALTERNATE_FORMATS = new ConcurrentHashMap<>();

    /**
     * False only where {@code findNumbers(raw, region, EXACT_GROUPING, 1)} cannot return a match
     * that is all of {@code raw}, a call that costs as much as the rest of the detector on PII
     * text. Such a match is {@code raw} parsed in the region, its groups checked against the
     * number's RFC 3966 groups (libphonenumber's {@code allNumberGroupsAreExactlyPresent},
     * restated with the same calls) or against alternate formats. A country with alternate
     * formats, a char outside ASCII (libphonenumber normalises digits first) or a parse error
     * answer true: libphonenumber is asked as before. Validity and the other checks of the
     * leniency only take matches away, so they are left to it.
     *
     * @param parsed {@code raw} parsed in {@code region} if the caller has it (findNumbers' match), else null
     */
    @SuppressWarnings("StringSplitter") // libphonenumber's own splits: trailing empty strings dropped alike
    static boolean exactGroupingMayAccept(PhoneNumberUtil util, String raw, String region, PhoneNumber parsed) {
        for (int k = 0; k < raw.length(); k++) {
            if (raw.charAt(k) >= 128) {
                return true;
            }
        }
        PhoneNumber number = parsed;
        if (number == null) {
            try {
                number = util.parse(raw, region);
            } catch (NumberParseException notANumber) {
                return true; // rare: libphonenumber answers
            }
        }
        if (ALTERNATE_FORMATS.computeIfAbsent(number.getCountryCode(), code -> DefaultMetadataDependenciesProvider
                .getInstance().getAlternateFormatsMetadataSource().getFormattingMetadataForCountryCallingCode(code) != null)) {
            return true;
        }
        String[] written = NON_DIGITS.split(raw);
        int w = number.hasExtension() ? written.length - 2 : written.length - 1;
        if (w < 0 || written.length == 1 || written[w].contains(util.getNationalSignificantNumber(number))) {
            return true;
        }
        String national = NationalGroups.of(util, number);
        if (national == null) {
            return true; // rare: libphonenumber answers
        }
        String[] formatted = national.split("-");
        for (int f = formatted.length - 1; f > 0 && w >= 0; f--, w--) {
            if (!written[w].equals(formatted[f])) {
                return false;
            }
        }
        return w >= 0 && written[w].endsWith(formatted[0]);
    }

    /** 12345-6789, perhaps after a '(': a US ZIP+4 code. */
    private static boolean isZipPlus4(String raw, int groups, int firstGroup) {
        int s = raw.charAt(0) == '(' ? 1 : 0;
        return groups == 2 && firstGroup == 5 && raw.length() - s == 10 && raw.charAt(s + 5) == '-';
    }

    /**
     * The digits of a cluster, where each of its digit runs starts and ends among them, and which
     * runs of whole groups {@link RegionShortcut} says libphonenumber could return as a match.
     */
    private final class Ranges {
        final char[] digits;
        final int[] starts;
        final int[] ends;
        final int count;
        /** may[r][a * count + b]: with region r, groups a..b may be a match. */
        boolean[][] may;
        /** Union over regions. */
        boolean[] any;

        Ranges(ScanText scanText, int first, int last, int digitCount) {
            String t = scanText.text();
            count = last - first + 1;
            digits = new char[digitCount];
            starts = new int[count];
            ends = new int[count];
            int n = 0;
            for (int k = first; k <= last; k++) {
                starts[k - first] = n;
                for (int p = scanText.digitRunStart(k); p < scanText.digitRunEnd(k); p++) {
                    digits[n++] = t.charAt(p);
                }
                ends[k - first] = n;
            }
        }

        /**
         * Fills the tables for the open regions (the first only, after '+'); false if no range may
         * match. Ranges findNumbers never returns from a window cut as {@code cut}
         * ({@link RegionShortcut#mayReturn}) stay false, unasked.
         */
        boolean compute(boolean plus, boolean[] open, RegionShortcut.Cut cut) {
            int regionCount = plus ? 1 : regions.size();
            may = new boolean[regionCount][];
            any = new boolean[count * count];
            boolean found = false;
            for (int r = 0; r < regionCount; r++) {
                if (open != null && !open[r]) {
                    continue;
                }
                boolean[] m = new boolean[count * count];
                for (int a = 0; a < count; a++) {
                    for (int b = a; b < count; b++) {
                        // Rows in order: group a - 1 alone is asked before the ranges from a.
                        if (!RegionShortcut.mayReturn(cut, a, b, count, a > 0 && m[(a - 1) * count + a - 1])) {
                            continue;
                        }
                        m[a * count + b] = plus && a == 0 ? RegionShortcut.plusRangeMayMatch(digits, starts[a], ends[b])
                                : shortcuts[r].rangeMayMatch(digits, starts[a], ends[b]);
                        any[a * count + b] |= m[a * count + b];
                        found |= m[a * count + b];
                    }
                }
                may[r] = m;
            }
            return found;
        }

        boolean any(int region) {
            boolean[] m = may[region];
            if (m == null) {
                return false;
            }
            for (boolean b : m) {
                if (b) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether some match could survive {@link #unexplainedNeighbour}: its neighbouring groups
         * are short or lie in other matches, which are matching ranges too.
         */
        boolean mayReport() {
            for (int a = 0; a < count; a++) {
                for (int b = a; b < count; b++) {
                    if (any[a * count + b] && neighbourOk(a - 1, true) && neighbourOk(b + 1, false)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean neighbourOk(int g, boolean left) {
            if (g < 0 || g >= count || ends[g] - starts[g] < 3) {
                return true;
            }
            for (int k = 0; k < count; k++) {
                if (left ? k <= g && any[k * count + g] : k >= g && any[g * count + k]) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Which regions the cluster could be valid in by {@link RegionGate}; null if none. Only bare
     * digit runs are gated, the common cheap case (ids, epoch times, counters): in a cluster of
     * several groups libphonenumber may find a number in some of the groups, which a whole-cluster
     * test cannot foresee. Runs starting with an international prefix are not gated either.
     */
    private boolean[] openRegions(ScanText scanText, int first, int last, int digits) {
        boolean[] open = new boolean[regions.size()];
        if (gates.length == 0) {
            return null; // no region configured: only '+' numbers count
        }
        if (first != last || digits > MAX_DIGITS) {
            java.util.Arrays.fill(open, true);
            return open;
        }
        char[] buffer = new char[digits];
        String t = scanText.text();
        int n = 0;
        for (int k = first; k <= last; k++) {
            for (int p = scanText.digitRunStart(k); p < scanText.digitRunEnd(k); p++) {
                buffer[n++] = t.charAt(p);
            }
        }
        if ((buffer[0] == '0' && buffer[1] == '0') || (buffer[0] == '0' && buffer[1] == '1' && buffer[2] == '1')) {
            java.util.Arrays.fill(open, true); // 00 / 011 international prefix: libphonenumber decides
            return open;
        }
        boolean any = false;
        for (int r = 0; r < gates.length; r++) {
            open[r] = gates[r].mayBeValid(buffer, n);
            any |= open[r];
        }
        return any ? open : null;
    }

    /**
     * Digits written in front of the national significant number: a trunk prefix, or a country code
     * (with '+' also a "(0)"), or an international prefix 00 / 011 with a country code. More than that
     * is a longer number libphonenumber read generously ("11 415 555 2671" as country code plus trunk).
     */
    private boolean prefixDigitsPlausible(Match m) {
        String raw = m.rawString();
        int digits = 0;
        for (int k = 0; k < raw.length(); k++) {
            if (Chars.isDigit(raw.charAt(k))) {
                digits++;
            }
        }
        int extra = digits - util.getNationalSignificantNumber(m.number()).length();
        int ccLength = Integer.toString(m.number().getCountryCode()).length();
        if (raw.charAt(0) == '+') {
            return extra <= ccLength + 1;
        }
        if (raw.startsWith("00") || raw.startsWith("011")) {
            return extra <= ccLength + 4;
        }
        return extra <= Math.max(1, ccLength);
    }

    /** All digits the same, or 1234567890 / 0123456789 counting up: dummy values, not numbers. */
    private static boolean isDegenerate(String t, int start, int end) {
        char first = 0;
        char prev = 0;
        boolean same = true;
        boolean counting = true;
        for (int k = start; k < end; k++) {
            char c = t.charAt(k);
            if (!Chars.isDigit(c)) {
                continue;
            }
            if (first == 0) {
                first = c;
            } else {
                same &= c == first;
                counting &= c - '0' == (prev - '0' + 1) % 10;
                if (!same && !counting) {
                    return false; // nearly every cluster, within its first digits
                }
            }
            prev = c;
        }
        return same || counting;
    }

    private static boolean overlaps(List<Match> matches, int s, int e) {
        for (Match m : matches) {
            if (s < m.end() && m.start() < e) {
                return true;
            }
        }
        return false;
    }

    /** Every digit of the window lies in some match: no need to try further regions. */
    private static boolean covered(List<Match> matches, String window) {
        if (matches.isEmpty()) {
            return false;
        }
        for (int p = 0; p < window.length(); p++) {
            if (Chars.isDigit(window.charAt(p)) && !overlaps(matches, p, p + 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a group of three or more digits that no match explains sits right next to the match
     * (across phone punctuation only): then the match is part of a longer number, as in
     * "12030 1234567834" where libphonenumber accepts the second group alone.
     */
    private static boolean unexplainedNeighbour(List<Match> matches, String w, int s, int e) {
        int k = s - 1;
        while (k >= 0 && s - k <= MAX_GAP && PhoneShapes.isPunct(w.charAt(k))) {
            k--;
        }
        if (k >= 0 && Chars.isDigit(w.charAt(k)) && !overlaps(matches, k, k + 1)) {
            int len = 0;
            while (k >= 0 && Chars.isDigit(w.charAt(k))) {
                k--;
                len++;
            }
            if (len >= 3) {
                return true;
            }
        }
        k = e;
        while (k < w.length() && k - e < MAX_GAP && PhoneShapes.isPunct(w.charAt(k))) {
            k++;
        }
        if (k < w.length() && Chars.isDigit(w.charAt(k)) && !overlaps(matches, k, k + 1)) {
            int len = 0;
            while (k < w.length() && Chars.isDigit(w.charAt(k))) {
                k++;
                len++;
            }
            return len >= 3;
        }
        return false;
    }

    /** Dolma: a '#' right before the number, or "isbn" / "doi" just before it. */
    private static boolean afterCatalogueMark(String t, int start) {
        int k = start - 1;
        while (k >= 0 && k > start - 3 && t.charAt(k) == ' ') {
            k--;
        }
        if (k >= 0 && (t.charAt(k) == '#' || t.charAt(k) == '\u2116')) {
            return true;
        }
        return mayHoldI(t, start - CATALOGUE_REACH, start) && CATALOGUE.before(t, start, CATALOGUE_DISTANCE);
    }

    /**
     * Whether [from, to) has a char that Keywords may fold to 'i', which each of doi, isbn and issn
     * holds: 'i', 'I' or any char outside ASCII. Most windows before a number have none, and a
     * look-up reads the window at every word start.
     */
    private static boolean mayHoldI(String t, int from, int to) {
        for (int k = Math.max(0, from); k < to; k++) {
            char c = t.charAt(k);
            if (c == 'i' || c == 'I' || c >= 0x80) {
                return true;
            }
        }
        return false;
    }

    /**
     * A keyword within the keyword distance of [start, end) that names this number, as a label
     * names what follows it: one before the number with no other number (a run of three or more
     * digits) in between, or one after it that no number follows within the distance. In "phone:
     * 415-555-2671, order 1528486928" the keyword names the first number only; in
     * {@code "ssn": "085554199", "phone": "+1 ..."} the key names the value after it. The cluster
     * [first, last] holds the digit runs of [start, end).
     */
    private boolean keywordNear(ScanText scanText, int first, int last, int start, int end) {
        KeywordContext context = new KeywordContext(KEYWORDS, scanText, keywordDistance);
        if (context.inField() || context.inColumnHeader(start)) {
            return true; // a column named tel/phone, as a CSV column name or a pipe table's header cell
        }
        Keywords.Hit before = context.nearestBefore(start);
        if (before != null && !numberEndsIn(scanText, last, before.start(), start)) {
            return true;
        }
        Keywords.Hit after = context.nearestAfter(end);
        return after != null && !numberStartsIn(scanText, first, end, after.end() + keywordDistance);
    }

    /** Whether a run of 3+ digits ends in (limit, at]. */
    private static boolean numberEndsIn(ScanText s, int fromRun, int limit, int at) {
        for (int k = fromRun; k >= 0 && s.digitRunEnd(k) > limit; k--) {
            if (s.digitRunEnd(k) <= at && s.digitRunEnd(k) - s.digitRunStart(k) >= 3) {
                return true;
            }
        }
        return false;
    }

    /** Whether a number (a run of 3+ digits, or any run after '+') starts in [at, limit). */
    private static boolean numberStartsIn(ScanText s, int fromRun, int at, int limit) {
        String t = s.text();
        for (int k = fromRun; k < s.digitRunCount() && s.digitRunStart(k) < limit; k++) {
            int rs = s.digitRunStart(k);
            if (rs >= at && (s.digitRunEnd(k) - rs >= 3 || (rs > 0 && t.charAt(rs - 1) == '+'))) {
                return true;
            }
        }
        return false;
    }

    private static double confidence(boolean keyword, String raw) {
        if (keyword) {
            return CONFIDENCE_KEYWORD;
        }
        if (raw.charAt(0) == '+') {
            return CONFIDENCE_INTERNATIONAL;
        }
        for (int k = 0; k < raw.length(); k++) {
            if (!Chars.isDigit(raw.charAt(k))) {
                return CONFIDENCE_FORMATTED;
            }
        }
        return CONFIDENCE_BARE;
    }

    /** Reports a masked number around [start, end) if there is one; returns the end of the finding or 0. */
    private int masked(ScanText scanText, int start, int end, FindingSink sink) {
        String t = scanText.text();
        long span = PhoneShapes.maskedSpan(t, start, end);
        if (span < 0) {
            return 0;
        }
        int ms = (int) (span >>> 32);
        int me = (int) span;
        if (!PhoneShapes.maskedLengthFits(t, ms, me)) {
            return 0;
        }
        if (!Boundary.WORD.standalone(t, ms, me)) {
            sink.rejected(TYPE, ms, me, ID, RejectReason.TOKEN_BOUNDARY);
            return 0;
        }
        boolean keyword = new KeywordContext(KEYWORDS, scanText, keywordDistance).near(ms, me);
        sink.found(new Finding(TYPE, ms, me, ID, keyword ? CONFIDENCE_KEYWORD : CONFIDENCE_MASKED, true, false,
                Evidence.keywordIf(keyword)));
        return me;
    }
}
