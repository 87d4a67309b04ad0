package dev.piigate.detectors.ip;

import java.util.Set;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.KeywordContext;

/**
 * IP addresses, IPv4 and IPv6, with no keyword needed (datatrove, Dolma and BigCode remove them
 * without one). Found:
 * <ul>
 * <li>IPv4 dotted quads of decimal octets 0-255, alone, with a {@code :port}, a CIDR
 * {@code /24}, in URLs, brackets, CSV, JSON and log lines; the address alone is the finding. An
 * octet with a leading zero is read only in the fixed-width form where every octet has three
 * digits ({@code 010.000.001.017}, as zero-padding loggers write); any other leading zero is a
 * dotted date or version ({@code 14.03.19.87}), and {@code inet_aton} would even read it as
 * octal.</li>
 * <li>IPv6 in every RFC 4291 §2.2 text form: eight groups, {@code ::} compressed, IPv4 embedded
 * ({@code ::ffff:192.0.2.7}), upper or lower case (RFC 5952 canonical included), in brackets
 * ({@code [2001:db8::1]:443}), with a zone id ({@code fe80::1%eth0}: the address part).</li>
 * </ul>
 * Candidates come from the digit-run index: a run next to '.', ':' or a hex letter starts the
 * parse, and the runs it read are skipped. An IPv6 address written with no decimal digit at all
 * ({@code fd::ab}) is not looked for: real addresses almost always hold one (routing prefixes
 * start 2, 3, fe80, fc00/fd00 with random digits), and finding the rest would take a walk of the
 * whole text.
 *
 * <p>Reported as test values (not counted): addresses that name no person, from the IANA
 * special-purpose registries: RFC 1918 private, loopback, link-local, CGNAT 100.64/10, multicast,
 * "this network" 0/8, reserved 240/4 and broadcast (so netmasks such as 255.255.255.0 too),
 * benchmarking 198.18/15, IETF 192.0.0/24, the documentation ranges (192.0.2/24, 198.51.100/24,
 * 203.0.113/24, 2001:db8::/32, 3fff::/20), unique local fc00::/7, site-local fec0::/10, discard
 * 100::/64; and the public DNS resolvers everyone writes in configs (BigCode's redaction skips
 * them too) and the stock example 1.2.3.4.
 *
 * <p>Reported as masked: {@code 0.0.0.0} (what pipelines and configs write for "no address"),
 * quads with octets written as {@code x}, {@code X} or {@code *} ({@code 192.168.x.x},
 * {@code xxx.xxx.xxx.xxx}), IPv6
 * with masked groups, and the fixed fake addresses datatrove's PIIFormatter writes in place of
 * real ones. {@code <IP_ADDRESS>}, {@code [IP]}, {@code |||IP_ADDRESS|||} are reported by the
 * redaction token detector, as this type. A quad with no digit at all is not in the digit-run
 * index: in long text it is read at the kit's mask-run starts ({@link ScanText#maskRunStarts}), so
 * {@code X.X.X.X}, {@code XXX.XXX.XXX.XXX} and {@code *.*.*.*} are found anywhere; lower-case
 * {@code x.x.x.x} starts no mask run (a lower-case x is too common in prose to look for) and is
 * found only in values of at most {@link #SHORT} chars.
 *
 * <p>Rejected: version strings ({@code v1.2.3.4}, {@code version 4.19.112.3},
 * {@code 1.2.3.4-beta}, {@code Chrome/120.0.0.0}, {@code pkg==2.31.0.1}), Debian changelog headers
 * ({@code dpkg (1.17.5.1) unstable; urgency=low}), Maven and Gradle coordinates
 * ({@code org.xerial.snappy:snappy-java:bundle:1.1.10.5}), section numbers ({@code § 3.2.1.4},
 * {@code section 10.2.1.4}), quads of single digits without an IP keyword (section and version
 * numbers far more often than addresses; BigCode and datatrove drop them too), public quads whose
 * octets are all below {@link #SMALL_OCTET} without an IP keyword or an address's suffix
 * ({@code Git 2.10.0.1}, {@code fixed in 2.3.1.12}), OIDs and other
 * chains of five or more groups, octets over 255, anything glued into a longer token; IPv6
 * look-alikes: MAC addresses, EUI-64 and key fingerprints (colon-separated bytes), clock times
 * (too few groups), Python slices ({@code a[1::2]}), C++ and Rust paths ({@code int64::max}:
 * glued to letters).
 */
public final class IpAddressDetector implements Detector {
    public static final String ID = "ip_address_v1";
    public static final EntityType TYPE = new EntityType("IP_ADDRESS");
    public static final DetectorFactory FACTORY =
            DetectorFactory.of(ID, settings -> new IpAddressDetector(settings.keywordDistance()));

    /**
     * Words that name an address (Presidio's context words ip, ipv4, ipv6, plus what logs and
     * configs call it). Not needed for a finding: they raise its confidence, and let a quad of
     * single digits count ({@code dns 4.2.2.1}, BigCode's "dns"/"server" exception).
     */
    static final Keywords KEYWORDS = Keywords.of(
            "ip", "ips", "ip address", "ip addr", "ipv4", "ipv6", "ip_address", "ipaddress", "remote addr",
            "client", "host", "server", "dns", "nameserver", "gateway", "router", "peer", "proxy", "inet",
            "adresse ip", "dirección ip", "direccion ip", "endereço ip", "indirizzo ip", "ip-adresse");

    /**
     * Words right before a dotted quad that make it a version or a section number, not an address
     * ({@code version 4.19.112.3}, {@code "packageVersion":"10.7.31.9"}, {@code section 3.2.1.4}):
     * within {@link #NOT_ADDRESS_DISTANCE} chars, or as the field name.
     */
    static final Keywords NOT_ADDRESS = Keywords.of(
            "version", "versions", "ver", "release", "build", "firmware", "kernel", "revision", "rev", "patch",
            "section", "sections", "sect", "chapter", "clause", "article", "paragraph", "para", "art", "oid",
            "object identifier");
    static final int NOT_ADDRESS_DISTANCE = 4;

    /**
     * A counted quad whose four octets are all below this, with no IP keyword near and no port,
     * CIDR or log-line shape after it, is a version ({@code dpkg 1.17.5.1}, {@code Git 2.10.0.1},
     * {@code fixed in 2.3.1.12}): version parts are small numbers, an address's octets are spread
     * over 0-255. The rule gives up the public addresses whose first octet is 1-9 or 11-31 and the
     * other three 0-31: 30 x 32^3 = 983,040, less 6 well-known ones that are test values anyway
     * (1.1.1.1, 1.2.3.4, ...), so 983,034, or 0.027% of the about 3.70 billion public IPv4
     * addresses (2^32 less the special-purpose blocks of {@link Ranges}); an IP keyword or a port
     * still makes them count.
     */
    static final int SMALL_OCTET = 32;

    /** Debian distributions a changelog header names after the version (a header cut before {@code urgency=}). */
    private static final String[] DISTRIBUTIONS = {
        "unstable", "stable", "testing", "experimental", "unreleased", "oldstable", "sid"};

    /** Maven packagings and classifiers written before a version ({@code snappy-java:bundle:1.1.10.5}). */
    private static final String[] PACKAGINGS = {
        "jar", "war", "ear", "pom", "bundle", "aar", "rar", "ejb", "zip", "maven-plugin", "test-jar", "sources",
        "javadoc", "tests"};

    /** Texts this short (one field value: an address column, a JSON value) are also read for {@code x.x.x.x}. */
    static final int SHORT = 64;
    /** IPv6 text is at most 45 chars; a hex/colon token longer than this on one side is no address. */
    private static final int MAX_REACH = 64;

    /**
     * One piece of a longer token: a word char before or after; '.' or '-' with a word char beyond
     * (host names, {@code 1.2.3.4-beta}, GUIDs), except the '-' of a range between two addresses.
     * ':' and '/' do not glue (ports, CIDR, URLs); '/' before is judged as a product version.
     */
    static final Boundary BOUNDARY = Boundary.builder().wordChars().joinsWords(".-").build();

    static final double CONFIDENCE_KEYWORD = 0.95;
    static final double CONFIDENCE_IPV4 = 0.85;
    static final double CONFIDENCE_IPV6 = 0.9;
    static final double CONFIDENCE_MASKED = 0.8;
    static final double CONFIDENCE_TEST = 0.8;

    private final int keywordDistance;

    IpAddressDetector(int keywordDistance) {
        this.keywordDistance = keywordDistance;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(TYPE);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        int runs = text.digitRunCount();
        boolean isShort = text.length() <= SHORT;
        if (runs == 0 && !isShort && text.maskRunStarts().length == 0) {
            return;
        }
        Scan scan = null;
        String t = text.text();
        int n = t.length();
        int resume = 0;
        // Only runs with a letter (a hex digit, an x), a mask char, '.' or ':' on a side: the rest
        // are not read at all (in a long text each read around a run is a cache miss).
        for (int r : text.runsOf(ScanText.ANY_LENGTH, false, 0, JOINABLE)) {
            int s = text.digitRunStart(r);
            if (s < resume) {
                continue;
            }
            int e = text.digitRunEnd(r);
            // The exact test: a hex letter, not any letter.
            if ((s == 0 || !mayJoin(t.charAt(s - 1))) && (e == n || !mayJoin(t.charAt(e)))) {
                continue;
            }
            if (scan == null) {
                scan = new Scan(text, sink, keywordDistance);
            }
            resume = Math.max(e, scan.at(s, e));
        }
        if (isShort) {
            if (maskThenDot(t)) {
                (scan == null ? new Scan(text, sink, keywordDistance) : scan).maskedWithoutDigits();
            }
            return;
        }
        int[] starts = text.maskRunStarts();
        if (starts.length > 0) {
            (scan == null ? new Scan(text, sink, keywordDistance) : scan).maskedAtRunStarts(starts);
        }
    }

    /** The context bits of the runs {@link #mayJoin} may hold for (a superset: any letter, any mask char). */
    private static final int JOINABLE = ScanText.LETTER_BEFORE | ScanText.MASK_BEFORE | ScanText.DOT_OR_COLON_BEFORE
            | ScanText.LETTER_AFTER | ScanText.DOT_COLON_OR_MASK_AFTER;

    /** A mask char right before a '.' ({@code x.x.x.x}): the short value is worth reading for one. */
    private static boolean maskThenDot(String t) {
        for (int i = 1; i < t.length(); i++) {
            if (t.charAt(i) == '.' && isMask(t.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    /** A char next to a digit run that may continue an address: '.', ':', a hex letter, a mask char. */
    private static boolean mayJoin(char c) {
        return c == '.' || c == ':' || isHex(c) || isMask(c);
    }

    static boolean isHex(char c) {
        return Chars.isDigit(c) || (char) ((c | 0x20) - 'a') < 6;
    }

    /** Chars written in place of an octet's or a group's digits. */
    static boolean isMask(char c) {
        return c == 'x' || c == 'X' || c == '*';
    }

    /**
     * Colons an IPv6 address without {@code ::} has at least: seven, or six before an embedded
     * IPv4 address ({@code 1:2:3:4:5:6:1.2.3.4}); a log's {@code 10:12:33} has two.
     */
    private static final int MIN_COLONS_UNCOMPRESSED = 6;

    /** The state of one scan: the text, the sink, the keyword contexts made on first use. */
    private static final class Scan {
        private final ScanText text;
        private final String t;
        private final int n;
        private final FindingSink sink;
        private final int keywordDistance;
        private KeywordContext keywords;
        private Boolean notAddressField;
        /** The end of the last dotted chain judged. */
        private int judged;
        /** Refilled for each dotted chain read ({@link Chain#around}); made at the first one read. */
        private Chain chain;

        Scan(ScanText text, FindingSink sink, int keywordDistance) {
            this.text = text;
            this.t = text.text();
            this.n = t.length();
            this.sink = sink;
            this.keywordDistance = keywordDistance;
        }

        private Chain chain() {
            if (chain == null) {
                chain = new Chain();
            }
            return chain;
        }

        /** Judges the candidate around the digit run [s, e); returns where the next candidate may start. */
        int at(int s, int e) {
            int left = s;
            int floor = Math.max(0, s - MAX_REACH);
            while (left > floor && isHexColonOrMask(t.charAt(left - 1))) {
                left--;
            }
            int right = e;
            int ceiling = Math.min(n, e + MAX_REACH);
            while (right < ceiling && isHexColonOrMask(t.charAt(right))) {
                right++;
            }
            int colons = 0;
            boolean doubleColon = false;
            for (int i = left; i < right; i++) {
                if (t.charAt(i) == ':') {
                    colons++;
                    doubleColon |= i > left && t.charAt(i - 1) == ':';
                }
            }
            if (colons >= 2) {
                if ((left == floor && left > 0 && isHexColonOrMask(t.charAt(left - 1)))
                        || (right == ceiling && right < n && isHexColonOrMask(t.charAt(right)))) {
                    reject(left, right, RejectReason.INVALID_LENGTH); // a colon-hex run longer than any address
                    return right;
                }
                if (!doubleColon && colons < MIN_COLONS_UNCOMPRESSED && !sink.wantsRejections()) {
                    return right; // a clock time or a MAC-like run: no address to find, only a rejection
                }
                return Ipv6.judge(this, left, right);
            }
            // No IPv6 here. The token holds no '.', so a dotted quad can only touch it at its edges.
            if (left > 0 && t.charAt(left - 1) == '.' && Chain.inGroup(t.charAt(left))) {
                return Math.max(right, ipv4(left));
            }
            if (right < n && t.charAt(right) == '.' && Chain.inGroup(t.charAt(right - 1))) {
                return Math.max(right, ipv4(right - 1));
            }
            return right;
        }

        private static boolean isHexColonOrMask(char c) {
            return isHex(c) || c == ':' || isMask(c);
        }

        /** The dotted chain holding position {@code at}; returns its end. */
        int ipv4(int at) {
            if (at < judged) {
                return judged; // the chain of an earlier run ("1.2.3.4:8080"'s port run reaches back to it)
            }
            Chain c = Chain.around(t, at, chain());
            if (c == null) {
                return at + 1;
            }
            judged = c.end();
            if (c.groups() < 4) {
                return c.end();
            }
            if (c.groups() > 4) {
                reject(c.start(), c.end(), RejectReason.INVALID_GROUPING); // OIDs, long versions
                return c.end();
            }
            judgeQuad(c);
            return c.end();
        }

        /** Digit-free quads ({@code x.x.x.x}) in a short value: the digit runs found the others. */
        void maskedWithoutDigits() {
            int resume = 0;
            for (int i = 0; i < n; i++) {
                if (i < resume || !isMask(t.charAt(i)) || (i > 0 && isMask(t.charAt(i - 1)))) {
                    continue;
                }
                Chain c = Chain.around(t, i, chain());
                if (c == null) {
                    continue;
                }
                resume = c.end();
                if (c.groups() == 4 && !c.hasDigits(t)) {
                    judgeQuad(c);
                }
            }
        }

        /**
         * Digit-free quads in a long text ({@code X.X.X.X}, {@code XXX.XXX.XXX.XXX}, {@code *.*.*.*}):
         * read only at the kit's mask-run starts, which lower-case {@code x} never is.
         */
        void maskedAtRunStarts(int[] starts) {
            int resume = 0;
            for (int i : starts) {
                if (i < resume || !isMask(t.charAt(i))) {
                    continue; // '#', '•', '●' write no address
                }
                Chain c = Chain.around(t, i, chain());
                if (c == null || c.start() != i) {
                    continue;
                }
                resume = c.end();
                if (c.groups() == 4 && !c.hasDigits(t)) {
                    judgeQuad(c);
                }
            }
        }

        private void judgeQuad(Chain c) {
            int start = c.start();
            int end = c.end();
            for (int g = 0; g < 4; g++) {
                if (c.length(g) > 3) {
                    reject(start, end, RejectReason.INVALID_LENGTH);
                    return;
                }
            }
            if (productVersion(start)) {
                reject(start, end, RejectReason.KNOWN_FALSE_POSITIVE);
                return;
            }
            if (glued(start, end)) {
                reject(start, end, RejectReason.TOKEN_BOUNDARY);
                return;
            }
            boolean padded = true;
            boolean leadingZero = false;
            boolean singleDigits = true;
            int largest = 0;
            int value = 0;
            for (int g = 0; g < 4; g++) {
                int gs = c.start(g);
                int len = c.length(g);
                padded &= len == 3;
                singleDigits &= len == 1;
                if (c.masked(g)) {
                    continue;
                }
                leadingZero |= len > 1 && t.charAt(gs) == '0';
                int octet = number(t, gs, len);
                if (octet > 255) {
                    reject(start, end, RejectReason.INVALID_RANGE);
                    return;
                }
                value = value << 8 | octet;
                largest = Math.max(largest, octet);
            }
            if (leadingZero && !padded) {
                reject(start, end, RejectReason.INVALID_PATTERN); // dotted dates, versions
                return;
            }
            if (notAddressContext(start) || debianChangelog(start, end) || coordinate(start)) {
                reject(start, end, RejectReason.KNOWN_FALSE_POSITIVE);
                return;
            }
            if (c.anyMasked()) {
                found(start, end, CONFIDENCE_MASKED, true, false);
                return;
            }
            Ranges.Kind kind = Ranges.ipv4(value);
            if (singleDigits && kind != Ranges.Kind.PLACEHOLDER && !keywords().near(start, end)) {
                reject(start, end, RejectReason.KNOWN_FALSE_POSITIVE); // 3.2.1.4: a section or version
                return;
            }
            if (kind == Ranges.Kind.PERSONAL && largest < SMALL_OCTET && !keywords().near(start, end)
                    && !addressSuffix(end)) {
                reject(start, end, RejectReason.KNOWN_FALSE_POSITIVE); // 1.17.5.1, 2.3.1.12: a version
                return;
            }
            report(start, end, kind, CONFIDENCE_IPV4);
        }

        /**
         * {@code Chrome/120.0.0.0}, {@code curl/7.68.0.1}: a product's version after its name. Not a
         * path segment or a host before the '/' ({@code /lookup/81.23.145.67},
         * {@code ipinfo.io/81.23.145.67}): there the address is one.
         */
        private boolean productVersion(int start) {
            if (start < 2 || t.charAt(start - 1) != '/' || !Chars.isAsciiLetterOrDigit(t.charAt(start - 2))) {
                return false;
            }
            int p = start - 2;
            int floor = Math.max(0, start - 34);
            while (p > floor && (Chars.isAsciiLetterOrDigit(t.charAt(p - 1)) || t.charAt(p - 1) == '-'
                    || t.charAt(p - 1) == '_')) {
                p--;
            }
            return p == 0 || (t.charAt(p - 1) != '/' && t.charAt(p - 1) != '.');
        }

        /**
         * What follows only an address in logs and configs: a port ({@code 5.9.2.17:22},
         * {@code from 5.9.2.17 port 22}), a CIDR length ({@code 10.2.0.0/16}'s kind of suffix), or
         * Apache's common log format ({@code 5.9.2.17 - - [10/Oct/2023:...]}, {@code - frank [}).
         */
        private boolean addressSuffix(int end) {
            if (end + 1 < n && (t.charAt(end) == ':' || t.charAt(end) == '/') && Chars.isDigit(t.charAt(end + 1))) {
                return true;
            }
            if (t.startsWith(" port ", end)) {
                return true;
            }
            if (!t.startsWith(" - ", end)) {
                return false;
            }
            int p = end + 3;
            int stop = Math.min(n, p + 64);
            while (p < stop && t.charAt(p) != ' ' && t.charAt(p) != '\n') {
                p++; // the user field: '-' or a name
            }
            return p + 2 < n && t.charAt(p) == ' ' && t.charAt(p + 1) == '[' && Chars.isDigit(t.charAt(p + 2));
        }

        /**
         * A Debian changelog header, {@code dpkg (1.17.5.1) unstable; urgency=low}: a package's
         * version in parentheses, then distributions up to a ';' and {@code urgency=}, or a known
         * distribution name (a header cut before its urgency).
         */
        private boolean debianChangelog(int start, int end) {
            if (start < 3 || t.charAt(start - 1) != '(' || t.charAt(start - 2) != ' '
                    || !Chars.isAsciiLetterOrDigit(t.charAt(start - 3))) {
                return false;
            }
            if (end + 2 >= n || t.charAt(end) != ')' || t.charAt(end + 1) != ' ') {
                return false;
            }
            int first = end + 2;
            int p = first;
            int stop = Math.min(n, first + 96);
            int firstEnd = -1;
            while (p < stop) {
                int w = p;
                while (p < stop && (Chars.isAsciiLetterOrDigit(t.charAt(p)) || t.charAt(p) == '-')) {
                    p++;
                }
                if (p == w) {
                    return false;
                }
                if (firstEnd < 0) {
                    firstEnd = p;
                }
                if (p < n && t.charAt(p) == ';') {
                    return t.startsWith(" urgency=", p + 1) || distribution(first, firstEnd);
                }
                if (p >= n || t.charAt(p) == '\n' || t.charAt(p) == '\r') {
                    return distribution(first, firstEnd);
                }
                if (t.charAt(p) != ' ') {
                    return false;
                }
                p++;
            }
            return false;
        }

        private boolean distribution(int s, int e) {
            for (String d : DISTRIBUTIONS) {
                if (e - s == d.length() && t.regionMatches(true, s, d, 0, d.length())) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A Maven or Gradle coordinate's version: after a packaging ({@code snappy-java:bundle:1.1.10.5},
         * {@code :jar:}) or after {@code group:artifact:} with a dotted group
         * ({@code org.xerial.snappy:snappy-java:1.1.10.5}). Not {@code ip:81.23.145.67}.
         */
        private boolean coordinate(int start) {
            if (start < 2 || t.charAt(start - 1) != ':') {
                return false;
            }
            int e = start - 1;
            int s = coordinateSegmentStart(e);
            if (s == e) {
                return false;
            }
            for (String p : PACKAGINGS) {
                if (e - s == p.length() && t.regionMatches(true, s, p, 0, p.length())) {
                    return true;
                }
            }
            if (s < 2 || t.charAt(s - 1) != ':') {
                return false;
            }
            int ge = s - 1;
            int gs = coordinateSegmentStart(ge);
            if (gs == ge || !Chars.isAsciiLetter(t.charAt(gs)) || (gs > 0 && t.charAt(gs - 1) == ':')) {
                return false;
            }
            int dot = t.indexOf('.', gs);
            return dot > gs && dot < ge - 1;
        }

        /** The start of a coordinate segment (letters, digits, {@code . - _}) ending at {@code e}. */
        private int coordinateSegmentStart(int e) {
            int s = e;
            int floor = Math.max(0, e - 128);
            while (s > floor) {
                char c = t.charAt(s - 1);
                if (!(Chars.isAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                    break;
                }
                s--;
            }
            return s;
        }

        /** Glued into a longer token, except the '-' between the two ends of a range. */
        private boolean glued(int start, int end) {
            if (BOUNDARY.gluedBefore(t, start) && !(t.charAt(start - 1) == '-' && Quads.endsAt(t, start - 1))) {
                return true;
            }
            return BOUNDARY.gluedAfter(t, end) && !(t.charAt(end) == '-' && Quads.startsAt(t, end + 1));
        }

        /**
         * A version or section word right before, a version pin or range ({@code pkg==1.2.3.4},
         * {@code >=10.0.0.1}, {@code ~1.2.3.4}, {@code ^1.2.3.4}), or a field that holds versions.
         */
        private boolean notAddressContext(int start) {
            if (start >= 1) {
                char c = t.charAt(start - 1);
                char before = start >= 2 ? t.charAt(start - 2) : ' ';
                if (c == '~' || c == '^' || (c == '=' && (before == '=' || before == '>' || before == '<'
                        || before == '~' || before == '!'))) {
                    return true;
                }
            }
            if (notAddressField == null) {
                notAddressField = NOT_ADDRESS.inField(text.field()) && !KEYWORDS.inField(text.field());
            }
            if (notAddressField || NOT_ADDRESS.before(t, start, NOT_ADDRESS_DISTANCE)) {
                return true;
            }
            int p = start - 1;
            while (p >= 0 && start - p <= 2 && t.charAt(p) == ' ') {
                p--;
            }
            return p >= 0 && t.charAt(p) == '\u00A7'; // §
        }

        KeywordContext keywords() {
            if (keywords == null) {
                keywords = new KeywordContext(KEYWORDS, text, keywordDistance);
            }
            return keywords;
        }

        /** Reports an address by its range: placeholder (masked), test, or counted. */
        void report(int start, int end, Ranges.Kind kind, double confidence) {
            switch (kind) {
                case PLACEHOLDER -> found(start, end, CONFIDENCE_MASKED, true, false);
                case TEST -> found(start, end, CONFIDENCE_TEST, false, true);
                default -> found(start, end, keywords().near(start, end) ? CONFIDENCE_KEYWORD : confidence, false,
                        false);
            }
        }

        void found(int start, int end, double confidence, boolean masked, boolean test) {
            sink.found(new Finding(TYPE, start, end, ID, confidence, masked, test));
        }

        void reject(int start, int end, RejectReason reason) {
            sink.rejected(TYPE, start, end, ID, reason);
        }

        String text() {
            return t;
        }

        int length() {
            return n;
        }
    }

    static int number(String t, int from, int digits) {
        int v = 0;
        for (int i = from; i < from + digits; i++) {
            v = v * 10 + (t.charAt(i) - '0');
        }
        return v;
    }

    /** The IPv6 parse, kept apart from the IPv4 one. */
    private static final class Ipv6 {
        private Ipv6() {}

        /** Judges the hex/colon token [left, right); returns where the next candidate may start. */
        static int judge(Scan scan, int left, int right) {
            String t = scan.text();
            int l = left;
            int r = right;
            if (t.charAt(l) == ':' && t.charAt(l + 1) != ':') {
                l++; // "ip:2001:db8::1"'s separator
            }
            if (t.charAt(r - 1) == ':' && t.charAt(r - 2) != ':') {
                r--; // "at 2001:db8::1: timeout"
            }
            Parse p = null;
            // "id:2001:db8::7": the token began inside a word; the address may start after its ':'.
            if (l > 0 && Chars.isWordChar(t.charAt(l - 1))) {
                int colon = t.indexOf(':', l);
                if (colon > l && colon + 1 < r && t.charAt(colon + 1) != ':') {
                    Parse after = Parse.of(t, colon + 1, r);
                    if (after.reason() == null) {
                        p = after;
                        l = colon + 1;
                    }
                }
            }
            if (p == null) {
                p = Parse.of(t, l, r);
            }
            int end = p.end();
            if (p.reason() != null) {
                scan.reject(l, end, p.reason());
                return Math.max(end, right);
            }
            boolean zone = end < scan.length() && t.charAt(end) == '%';
            if (BOUNDARY.gluedBefore(t, l) || (!zone && BOUNDARY.gluedAfter(t, end))) {
                scan.reject(l, end, RejectReason.TOKEN_BOUNDARY);
                return Math.max(end, right);
            }
            if (p.masked()) {
                scan.found(l, end, CONFIDENCE_MASKED, true, false);
                return Math.max(end, right);
            }
            if (p.smallDecimals() && !(p.hi() == 0 && p.lo() == 1)) {
                scan.reject(l, end, RejectReason.KNOWN_FALSE_POSITIVE); // a[1::2], a[::2]: slices, not ::1
                return Math.max(end, right);
            }
            Ranges.Kind kind = Ranges.ipv6(p.hi(), p.lo());
            scan.report(l, end, kind, CONFIDENCE_IPV6);
            return Math.max(end, right);
        }
    }
}
