package dev.piigate.jobs.testing;

/**
 * report.html's text as a reader sees it: the character references ReportHtml writes resolved, so
 * a leak search finds a value whose {@code &} or {@code '} was escaped.
 */
public final class HtmlText {
    private HtmlText() {}

    public static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
