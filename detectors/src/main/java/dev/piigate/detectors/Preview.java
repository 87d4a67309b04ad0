package dev.piigate.detectors;

/**
 * The masked rendering of a found value for reports: separators and punctuation kept, every letter
 * and digit replaced by {@code *} except the last four, at most, which stay in clear. Values of
 * eight letters and digits or fewer keep fewer (half, rounded down), so a short value is never
 * mostly in clear. A private key block shows nothing of itself but its type and length (the last
 * characters of a block cut off before its END line are key material), and a value longer than
 * {@value #LONG} characters (a JWT, a webhook URL) shows only its tail, so a preview stays short.
 */
public final class Preview {
    static final int MAX_CLEAR = 4;
    static final int LONG = 128;
    private static final int TAIL = 24;
    private static final java.util.Set<String> KEY_BLOCKS =
            java.util.Set.of("OPENSSH_PRIVATE_KEY", "PKCS", "PGP_PRIVATE_KEY", "PUTTY_PRIVATE_KEY");

    private Preview() {}

    public static String render(String original, Finding finding) {
        if (KEY_BLOCKS.contains(finding.type().name())) {
            return "[" + finding.type().name() + " block, " + finding.length() + " characters]";
        }
        if (finding.length() > LONG) {
            return "[" + finding.length() + " characters]…" + render(original.substring(finding.end() - TAIL,
                    finding.end()));
        }
        return render(original.substring(finding.start(), finding.end()));
    }

    public static String render(String value) {
        int alnum = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isLetterOrDigit(value.charAt(i))) {
                alnum++;
            }
        }
        int clear = Math.min(MAX_CLEAR, alnum / 2);
        int toHide = alnum - clear;
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(toHide-- > 0 ? '*' : c);
            } else if (Character.isISOControl(c)) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
