package dev.piigate.detectors.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.piigate.detectors.DetectorContract;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IpAddressDetectorTest extends DetectorContract {
    @Override
    protected String vectorFile() {
        return "ip.txt";
    }

    private static final IpAddressDetector DETECTOR =
            (IpAddressDetector) IpAddressDetector.FACTORY.create(DetectorSettings.defaults());

    /**
     * Every public IPv4 address (first octet 11-99 and not 10: outside every special range, and
     * not single digits; some octet 32 or more, see {@link IpAddressDetector#SMALL_OCTET}) is
     * found, counted, with exactly its span, in the forms logs and URLs write; java.net agrees it
     * is an address; an octet over 255 in its place is rejected.
     */
    @Property(tries = 300)
    void everyPublicIpv4IsFoundInEveryForm(@ForAll @IntRange(min = 11, max = 99) int a,
            @ForAll @IntRange(max = 255) int b, @ForAll @IntRange(max = 255) int c,
            @ForAll @IntRange(max = 255) int d, @ForAll @IntRange(min = 256, max = 999) int bad,
            @ForAll @IntRange(max = 3) int badAt) throws UnknownHostException {
        Assume.that(Math.max(Math.max(a, b), Math.max(c, d)) >= 32);
        String ip = a + "." + b + "." + c + "." + d;
        assertThat(InetAddress.getByName(ip).getHostAddress()).isEqualTo(ip);
        for (String[] form : forms()) {
            assertFound(form[0] + ip + form[1], form[0].length(), ip.length(), false);
        }
        int[] octets = {a, b, c, d};
        octets[badAt] = bad;
        String invalid = octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
        Recorder r = Recorder.run(DETECTOR, "from " + invalid + " today", null);
        assertThat(r.findings).as(invalid).isEmpty();
        assertThat(r.reasons()).as(invalid).containsExactly(RejectReason.INVALID_RANGE);
    }

    /**
     * Addresses java.net calls site-local (RFC 1918), loopback, link-local or multicast are test
     * values; the rest of 1-223 is counted unless in one of the other special ranges, checked here
     * by an independent table of CIDR blocks.
     */
    @Property(tries = 1000)
    void specialRangesAreTestValues(@ForAll @IntRange(min = 1, max = 239) int a, @ForAll @IntRange(max = 255) int b,
            @ForAll @IntRange(max = 255) int c, @ForAll @IntRange(min = 1, max = 254) int d)
            throws UnknownHostException {
        String ip = a + "." + b + "." + c + "." + d;
        InetAddress address = InetAddress.getByName(ip);
        boolean special = address.isSiteLocalAddress() || address.isLoopbackAddress()
                || address.isLinkLocalAddress() || address.isMulticastAddress() || inOtherSpecialBlock(ip)
                || List.of("1.0.0.1", "1.1.1.1", "1.2.3.4", "8.8.4.4", "8.8.8.8", "9.9.9.9").contains(ip);
        boolean datatrove = List.of("22.214.171.124", "126.96.36.199", "188.8.131.52", "184.108.40.206",
                "220.127.116.11", "18.104.22.168").contains(ip);
        Recorder r = Recorder.run(DETECTOR, "ip " + ip + " seen", null);
        assertThat(r.findings).as(ip).singleElement().satisfies(f -> {
            assertThat(f.testValue()).as(ip).isEqualTo(special);
            assertThat(f.masked()).as(ip).isEqualTo(datatrove);
        });
    }

    private static boolean inOtherSpecialBlock(String ip) throws UnknownHostException {
        byte[] b = InetAddress.getByName(ip).getAddress();
        long v = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
        String[] blocks = {"100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "208.67.222.222/32", "208.67.220.220/32", "149.112.112.112/32"};
        for (String block : blocks) {
            String[] parts = block.split("/", -1);
            byte[] n = InetAddress.getByName(parts[0]).getAddress();
            long net = ((n[0] & 0xFFL) << 24) | ((n[1] & 0xFFL) << 16) | ((n[2] & 0xFFL) << 8) | (n[3] & 0xFFL);
            int bits = Integer.parseInt(parts[1]);
            if (v >>> (32 - bits) == net >>> (32 - bits)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A global unicast IPv6 address (2400::/5 .. 2fff, outside 2001:db8::/32 and every test range),
     * some of its groups zero, is found in every text form: eight groups with leading zeros, without
     * them (java.net's form), RFC 5952 canonical (longest zero run as "::", lower case), upper case,
     * in brackets with a port and in a URL; java.net parses each form to the same address. One hex
     * digit changed to 'g' is no address.
     */
    @Property(tries = 300)
    void everyGlobalIpv6IsFoundInEveryForm(@ForAll("globalGroups") int[] groups, @ForAll @IntRange(max = 7) int broken)
            throws UnknownHostException {
        List<String> texts = new ArrayList<>();
        StringBuilder padded = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            padded.append(i == 0 ? "" : ":").append(String.format(Locale.ROOT, "%04x", groups[i]));
        }
        texts.add(padded.toString());
        String plain = InetAddress.getByName(padded.toString()).getHostAddress();
        texts.add(plain);
        String canonical = canonical(groups);
        texts.add(canonical);
        texts.add(canonical.toUpperCase(Locale.ROOT));
        for (String v6 : texts) {
            assertThat(InetAddress.getByName(v6)).isEqualTo(InetAddress.getByName(plain));
            assertFound("peer " + v6 + " reset", 5, v6.length(), false);
            assertFound("GET http://[" + v6 + "]:8443/x", 12, v6.length(), false);
            assertFound("[" + v6 + "]:443", 1, v6.length(), false);
            assertFound("{\"ip\":\"" + v6 + "\"}", 7, v6.length(), false);
        }
        String[] parts = padded.toString().split(":");
        parts[broken] = "g" + parts[broken].substring(1);
        String invalid = String.join(":", parts);
        Recorder r = Recorder.run(DETECTOR, "peer " + invalid + " reset", null);
        assertThat(r.findings).as(invalid).noneMatch(Finding::isUnmasked);
    }

    @Provide
    Arbitrary<int[]> globalGroups() {
        Arbitrary<Integer> group = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 0xFFFF));
        return group.array(int[].class).ofSize(8).map(g -> {
            g[0] = 0x2400 + (g[0] & 0x0BFF); // 2400-2fff: global unicast, no test range
            return g;
        });
    }

    /** RFC 5952 §4: lower case, no leading zeros, the longest run of two or more zero groups (the first if tied) as "::". */
    static String canonical(int[] g) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * The version rule gives up only quads whose octets are all below 32: a random public address
     * (java.net's and an independent CIDR table's view) with at least one octet of 32 or more is
     * found and counted with no keyword, in prose and where versions stand ({@code fixed in},
     * parentheses, after a product name); the other octets are drawn mostly below 32, the rule's
     * edge.
     */
    @Property(tries = 1000)
    void publicAddressesWithAnOctetOf32OrMoreAreAllFound(@ForAll("octets") int[] o,
            @ForAll @IntRange(max = 3) int bigAt, @ForAll @IntRange(min = 32, max = 255) int big)
            throws UnknownHostException {
        o[bigAt] = big;
        String ip = o[0] + "." + o[1] + "." + o[2] + "." + o[3];
        InetAddress address = InetAddress.getByName(ip);
        Assume.that(o[0] != 0 && !address.isSiteLocalAddress() && !address.isLoopbackAddress()
                && !address.isLinkLocalAddress() && !address.isMulticastAddress() && o[0] < 240
                && !inOtherSpecialBlock(ip) && !List.of("22.214.171.124", "126.96.36.199", "188.8.131.52",
                        "184.108.40.206", "220.127.116.11", "18.104.22.168").contains(ip));
        for (String[] form : List.of(new String[] {"see ", " today"}, new String[] {"fixed in ", "."},
                new String[] {"Git ", " release notes"}, new String[] {"pkg (", ") is here"})) {
            assertFound(form[0] + ip + form[1], form[0].length(), ip.length(), false);
        }
    }

    @Provide
    Arbitrary<int[]> octets() {
        Arbitrary<Integer> octet = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 31)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 255)));
        return octet.array(int[].class).ofSize(4);
    }

    /** The other side: a public quad of octets all below 32 counts only with an IP keyword or a port. */
    @Property(tries = 300)
    void publicQuadsOfSmallOctetsNeedAnIpKeywordOrAPort(@ForAll @IntRange(min = 11, max = 31) int a,
            @ForAll @IntRange(max = 31) int b, @ForAll @IntRange(max = 31) int c, @ForAll @IntRange(max = 31) int d) {
        String ip = a + "." + b + "." + c + "." + d;
        Recorder bare = Recorder.run(DETECTOR, "fixed in " + ip + " today", null);
        assertThat(bare.findings).as(ip).isEmpty();
        assertThat(bare.reasons()).as(ip).containsExactly(RejectReason.KNOWN_FALSE_POSITIVE);
        assertFound("IP " + ip + " today", 3, ip.length(), false);
        assertFound("from " + ip + " port 22", 5, ip.length(), false);
        assertFound(ip + ":443 open", 0, ip.length(), false);
    }

    /**
     * What the version rule costs: the public addresses whose octets are all below 32, counted
     * through the detector's own range table over all 2^20 such quads, and the public IPv4 space
     * counted the same way a /16 at a time (each /16 lies wholly inside or outside every special
     * block but the /24s and single addresses, which are counted one by one).
     */
    @Test
    void theVersionRuleGivesUpUnderThreeHundredthsOfAPercentOfPublicAddresses() {
        long small = 0;
        for (int v = 0; v < 1 << 20; v++) {
            int quad = (v >>> 15 & 31) << 24 | (v >>> 10 & 31) << 16 | (v >>> 5 & 31) << 8 | (v & 31);
            if (Ranges.ipv4(quad) == Ranges.Kind.PERSONAL) {
                small++;
            }
        }
        assertThat(small).isEqualTo(30L * 32 * 32 * 32 - 6);
        long personal = 0;
        for (long v = 0; v < 1L << 32; v += 1 << 8) {
            int first = Ranges.ipv4((int) v | 1).ordinal();
            boolean uniform = true;
            for (int last : new int[] {0, 2, 3, 4, 8, 9, 10, 36, 131, 220, 222, 255}) {
                uniform &= Ranges.ipv4((int) v | last).ordinal() == first;
            }
            personal += uniform && first == Ranges.Kind.PERSONAL.ordinal() ? 256 : 0;
            if (!uniform) {
                for (int last = 0; last < 256; last++) {
                    personal += Ranges.ipv4((int) v | last) == Ranges.Kind.PERSONAL ? 1 : 0;
                }
            }
        }
        double fraction = (double) small / personal;
        assertThat(personal).isBetween(3_700_000_000L, 3_710_000_000L);
        assertThat(fraction).isLessThan(0.0003);
    }

    @Test
    void bracketsPortsAndZones() {
        assertFound("http://[2a02:810::7]:8080/index", 8, "2a02:810::7".length(), false);
        assertFound("[2a02:810:4d1e::5]", 1, "2a02:810:4d1e::5".length(), false);
        assertFound("ssh [fe80::1%eth0]:22", 5, "fe80::1".length(), true);
        assertFound("https://[2001:db8::1]:443/", 9, "2001:db8::1".length(), true);
        assertFound("fe80::1%25eth0 in a URL", 0, "fe80::1".length(), true);
    }

    @Test
    void singleDigitQuadsCountOnlyWithAnIpKeyword() {
        Recorder bare = Recorder.run(DETECTOR, "see 5.9.2.7 below", null);
        assertThat(bare.findings).isEmpty();
        assertThat(bare.reasons()).containsExactly(RejectReason.KNOWN_FALSE_POSITIVE);
        assertFound("server 5.9.2.7 is up", 7, 7, false);
        assertFound("5.9.2.7", 0, 7, false, "$.client_ip");
    }

    @Test
    void digitFreeMaskedQuadsAreFoundInLongTextAtMaskRunStartsLowerCaseOnlyInShortValues() {
        assertThat(single(Recorder.run(DETECTOR, "X.X.X.X", "$.ip")).masked()).isTrue();
        assertThat(single(Recorder.run(DETECTOR, "x.x.x.x", "$.ip")).masked()).isTrue();
        String tail = " and was logged by the gateway at the edge of the network, with 3 retries.";
        for (String mask : List.of("X.X.X.X", "XXX.XXX.XXX.XXX", "*.*.*.*", "***.***.***.***")) {
            String longer = "The request came from " + mask + tail;
            assertThat(longer.length()).isGreaterThan(IpAddressDetector.SHORT);
            Finding f = single(Recorder.run(DETECTOR, longer, null));
            assertThat(f.masked()).as(mask).isTrue();
            assertThat(f.start()).as(mask).isEqualTo(22);
            assertThat(f.end()).as(mask).isEqualTo(22 + mask.length());
            assertThat(Recorder.run(DETECTOR, "The request came from " + mask + tail.replace("3", "three"), null)
                    .findings).as(mask + " without a digit in the text").hasSize(1);
        }
        String lower = "The request came from x.x.x.x" + tail;
        assertThat(Recorder.run(DETECTOR, lower, null).findings).isEmpty();
        for (String look : List.of("aX.X.X.X", "X.X.X.Xb", "X.X.X", "X.X.X.X.X", "#.#.#.#")) {
            assertThat(Recorder.run(DETECTOR, "The request came from " + look + tail, null).findings).as(look)
                    .isEmpty();
        }
    }

    @Test
    void keywordRaisesConfidence() {
        Finding plain = single(Recorder.run(DETECTOR, "from 81.23.145.67 today", null));
        Finding named = single(Recorder.run(DETECTOR, "IP 81.23.145.67 today", null));
        assertThat(named.confidence()).isGreaterThan(plain.confidence());
    }

    @Test
    void proseAndCodeReportNothing() {
        String prose = "In 2024, 3.5 million people read chapter 12 at 10:30 on page 7; v2 shipped. ".repeat(40);
        Recorder r = Recorder.run(DETECTOR, prose, null);
        assertThat(r.findings).isEmpty();
        assertThat(r.rejections).isEmpty();
        String code = "for (auto& x : std::vector<int64_t>{1, 2}) { a[1:3] = b[::2]; Foo::Bar::baz(); }\n";
        assertThat(Recorder.run(DETECTOR, code.repeat(20), null).findings).isEmpty();
    }

    @Test
    void neverPrintsTheValue() {
        Recorder r = Recorder.run(DETECTOR, "from 81.23.145.67 today", null);
        assertThat(r.findings.get(0).toString()).doesNotContain("81.23");
    }

    /** Forms of an IPv4 address as prefix and suffix around it. */
    private static List<String[]> forms() {
        return List.of(
                new String[] {"Login from ", " failed"},
                new String[] {"client ", ":8080 connected"},
                new String[] {"GET http://", ":8080/x HTTP/1.1"},
                new String[] {"route ", "/24 via eth0"},
                new String[] {"17,\"Roe, Jane\",", ",2024-03-05"},
                new String[] {"{\"client_ip\":\"", "\"}"},
                new String[] {"(", ")."},
                new String[] {"[", "]"},
                new String[] {"", " - - [10/Oct/2023:13:55:36 +0000] \"GET / HTTP/1.1\" 200 512"});
    }

    private static void assertFound(String text, int start, int length, boolean test) {
        assertFound(text, start, length, test, null);
    }

    private static void assertFound(String text, int start, int length, boolean test, String field) {
        Recorder r = Recorder.run(DETECTOR, text, field);
        assertThat(r.findings).as(text).singleElement().satisfies(f -> {
            assertThat(f.start()).as(text).isEqualTo(start);
            assertThat(f.end()).as(text).isEqualTo(start + length);
            assertThat(f.testValue()).as(text).isEqualTo(test);
            assertThat(f.masked()).as(text).isFalse();
        });
    }

    private static Finding single(Recorder r) {
        assertThat(r.findings).hasSize(1);
        return r.findings.get(0);
    }
}
