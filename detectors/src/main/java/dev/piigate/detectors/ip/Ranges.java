package dev.piigate.detectors.ip;

import java.util.Arrays;

/**
 * What an address is, by its range: a person's (counted), a test value (special-purpose ranges
 * from the IANA IPv4 and IPv6 Special-Purpose Address Registries, RFC 6890, and well-known public
 * resolvers), or a placeholder written in place of one (masked).
 */
final class Ranges {
    private Ranges() {}

    enum Kind { PERSONAL, TEST, PLACEHOLDER }

    /**
     * Public DNS resolvers (Google, Cloudflare, Quad9, OpenDNS), written in every resolver config
     * and tutorial and nobody's address (BigCode's redaction leaves them too), and the stock example
     * 1.2.3.4. Sorted, as unsigned values compared through {@link #key}.
     */
    private static final int[] WELL_KNOWN_V4 = sorted(
            "1.0.0.1", "1.1.1.1", "1.2.3.4", "8.8.4.4", "8.8.8.8", "9.9.9.9", "149.112.112.112",
            "208.67.220.220", "208.67.222.222");

    /** The same resolvers' IPv6 addresses, as (hi, lo) pairs. */
    private static final long[] WELL_KNOWN_V6 = {
        0x2001_4860_4860_0000L, 0x8888L, // 2001:4860:4860::8888
        0x2001_4860_4860_0000L, 0x8844L, // 2001:4860:4860::8844
        0x2606_4700_4700_0000L, 0x1111L, // 2606:4700:4700::1111
        0x2606_4700_4700_0000L, 0x1001L, // 2606:4700:4700::1001
        0x2620_00fe_0000_0000L, 0xfeL, // 2620:fe::fe
        0x2620_00fe_0000_0000L, 0x9L, // 2620:fe::9
    };

    /**
     * The fixed fake addresses datatrove's PIIFormatter writes in place of every public address it
     * removes (its default {@code ip_replacement}): a pipeline's mask, not a leak.
     */
    private static final int[] DATATROVE_FAKES = sorted(
            "22.214.171.124", "126.96.36.199", "188.8.131.52", "184.108.40.206", "220.127.116.11",
            "18.104.22.168");

    static Kind ipv4(int v) {
        if (v == 0) {
            return Kind.PLACEHOLDER; // 0.0.0.0: "no address", "any"
        }
        if (Arrays.binarySearch(DATATROVE_FAKES, key(v)) >= 0) {
            return Kind.PLACEHOLDER;
        }
        int a = v >>> 24;
        if (a == 0 // "this network" 0/8
                || a == 10 // RFC 1918
                || a == 127 // loopback
                || a >= 224 // multicast 224/4, reserved 240/4, broadcast; netmasks 255.x
                || v >>> 22 == (100 << 2 | 1) // CGNAT 100.64/10
                || v >>> 16 == (169 << 8 | 254) // link-local
                || v >>> 20 == (172 << 4 | 1) // RFC 1918 172.16/12
                || v >>> 16 == (192 << 8 | 168) // RFC 1918
                || v >>> 8 == (192 << 16) // IETF protocol assignments 192.0.0/24
                || v >>> 8 == (192 << 16 | 2) // TEST-NET-1
                || v >>> 8 == (198 << 16 | 51 << 8 | 100) // TEST-NET-2
                || v >>> 8 == (203 << 16 | 113) // TEST-NET-3
                || v >>> 17 == (198 << 7 | 18 >> 1)) { // benchmarking 198.18/15
            return Kind.TEST;
        }
        return Arrays.binarySearch(WELL_KNOWN_V4, key(v)) >= 0 ? Kind.TEST : Kind.PERSONAL;
    }

    static Kind ipv6(long hi, long lo) {
        if (hi == 0 && lo == 0) {
            return Kind.PLACEHOLDER; // the unspecified address, as 0.0.0.0
        }
        if (hi == 0 && lo == 1) {
            return Kind.TEST; // loopback
        }
        if (hi == 0 && (lo >>> 32 == 0xFFFF || lo >>> 32 == 0)) {
            return ipv4((int) lo); // IPv4-mapped, IPv4-compatible: the IPv4 address decides
        }
        if (hi == 0x0064_ff9b_0000_0000L && lo >>> 32 == 0) {
            return ipv4((int) lo); // NAT64 well-known prefix 64:ff9b::/96
        }
        if (hi >>> 54 == 0x3FA // link-local fe80::/10
                || hi >>> 54 == 0x3FB // site-local fec0::/10 (deprecated)
                || hi >>> 57 == 0x7E // unique local fc00::/7
                || hi >>> 56 == 0xFF // multicast
                || hi >>> 32 == 0x2001_0DB8L // documentation 2001:db8::/32
                || hi >>> 44 == 0x3_FFF0L // documentation 3fff::/20 (RFC 9637)
                || hi == 0x0100_0000_0000_0000L) { // discard-only 100::/64
            return Kind.TEST;
        }
        for (int i = 0; i < WELL_KNOWN_V6.length; i += 2) {
            if (WELL_KNOWN_V6[i] == hi && WELL_KNOWN_V6[i + 1] == lo) {
                return Kind.TEST;
            }
        }
        return Kind.PERSONAL;
    }

    /** Signed order of unsigned values, for binary search. */
    private static int key(int v) {
        return v ^ Integer.MIN_VALUE;
    }

    private static int[] sorted(String... quads) {
        int[] keys = new int[quads.length];
        for (int i = 0; i < quads.length; i++) {
            keys[i] = key(Quads.value(quads[i], 0, quads[i].length()));
        }
        Arrays.sort(keys);
        return keys;
    }
}
