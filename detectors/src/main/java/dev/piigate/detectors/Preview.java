package dev.piigate.detectors;

/**
 * The masked rendering of a found value for reports: separators and punctuation kept, every letter
 * and digit replaced by {@code *} except the last four, at most, which stay in clear. Values of
 * eight letters and digits or fewer keep fewer (half, rounded down), so a short value is never
 * mostly in clear.
 */
public final class Preview {
    static final int MAX_CLEAR = 4;

    private Preview() {}

    public static String render(String original, Finding finding) {
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
