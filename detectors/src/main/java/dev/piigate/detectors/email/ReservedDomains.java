package dev.piigate.detectors.email;

/**
 * Names reserved for documentation and testing, where anonymisers put their placeholder addresses:
 * RFC 2606 section 2 (the TLDs {@code .test}, {@code .example}, {@code .invalid}) and section 3
 * ({@code example.com}, {@code example.net}, {@code example.org} and their subdomains). An address
 * there reaches nobody, so a finding there is masked, not a leak. {@code .localhost} (also RFC 2606)
 * is left out: it names a developer's machine, not a placeholder, and fails the TLD check.
 */
final class ReservedDomains {
    private ReservedDomains() {}

    private static final String[] TLDS = {"example", "invalid", "test"};
    private static final String[] SECOND_LEVEL = {"example.com", "example.net", "example.org"};

    /** Whether the domain [start, end), whose last label starts at lastLabel, is reserved. */
    static boolean isPlaceholder(String t, int start, int end, int lastLabel) {
        int tldLength = end - lastLabel;
        for (String tld : TLDS) {
            if (tld.length() == tldLength && t.regionMatches(true, lastLabel, tld, 0, tldLength)) {
                return true;
            }
        }
        for (String domain : SECOND_LEVEL) {
            int from = end - domain.length();
            if (from >= start && t.regionMatches(true, from, domain, 0, domain.length())
                    && (from == start || t.charAt(from - 1) == '.')) {
                return true;
            }
        }
        return false;
    }
}
