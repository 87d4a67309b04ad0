package dev.piigate.jobs.report;

import static dev.piigate.jobs.report.ReportHtml.escape;

import java.util.List;
import java.util.Locale;

/**
 * report.html's charts as inline SVG, drawn here: no script, no library, nothing fetched. Colours
 * come from the page's style sheet by class ({@code s-unmasked}...), so a legend in HTML and the
 * bars share them. Every bar carries a {@code <title>} (the browser's tooltip) with its numbers;
 * labels too long for the chart keep their end and are shown whole in the tooltip and the tables.
 */
final class HtmlCharts {
    private static final int WIDTH = 800;
    private static final int LABEL_WIDTH = 300;
    private static final int VALUE_WIDTH = 110;
    private static final int ROW = 22;
    private static final int BAR = 14;
    /** About what fits in {@link #LABEL_WIDTH} at the chart's font size. */
    private static final int LABEL_CHARS = 40;

    /** A part of a bar: its count, its class (its colour) and its name in tooltips. */
    record Segment(long value, String css, String name) {}

    /** A bar of stacked segments, its label on the left and its value text on the right. */
    record Bar(String label, String valueText, List<Segment> segments) {
        long total() {
            return segments.stream().mapToLong(Segment::value).sum();
        }
    }

    private HtmlCharts() {}

    /** Horizontal stacked bars, one a row, scaled to the longest. */
    static String horizontal(String ariaLabel, List<Bar> bars) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::total).max().orElse(0));
        int height = bars.size() * ROW + 6;
        int plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        StringBuilder svg = open(ariaLabel, height);
        int y = 4;
        for (Bar b : bars) {
            svg.append("<g><title>").append(escape(b.label())).append(": ").append(escape(tooltip(b.segments())))
                    .append("</title>");
            svg.append(text(LABEL_WIDTH - 8, y + BAR - 3, "end", endOf(b.label(), LABEL_CHARS)));
            double x = LABEL_WIDTH;
            for (Segment s : b.segments()) {
                if (s.value() <= 0) {
                    continue;
                }
                double w = Math.max(1, plot * (double) s.value() / max); // a count above 0 stays visible
                svg.append(rect(x, y, w, BAR, s.css()));
                x += w;
            }
            svg.append(text((int) Math.ceil(x) + 6, y + BAR - 3, "start", b.valueText()));
            svg.append("</g>");
            y += ROW;
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Records over the dataset: a column per bin of consecutive objects in path order, stacked
     * unmasked / masked only / clean, scaled to the fullest bin; below, a mark under each bin with
     * an object not scanned COMPLETE.
     */
    static String overDataset(List<DatasetBins.Bin> bins, long objects) {
        int left = 60;
        int right = 10;
        int top = 8;
        int plotHeight = 160;
        int height = top + plotHeight + 44;
        long max = Math.max(1, bins.stream().mapToLong(DatasetBins.Bin::records).max().orElse(0));
        double step = (double) (WIDTH - left - right) / Math.max(1, bins.size());
        double barWidth = Math.max(1, step * 0.8);
        StringBuilder svg = open("records with PII over the dataset's objects in path order", height);
        svg.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(top + plotHeight)
                .append("\" x2=\"").append(WIDTH - right).append("\" y2=\"").append(top + plotHeight)
                .append("\"/>");
        svg.append(text(left - 6, top + 10, "end", String.valueOf(max)));
        svg.append(text(left - 6, top + plotHeight, "end", "0"));
        long firstObject = 1;
        for (int i = 0; i < bins.size(); i++) {
            DatasetBins.Bin b = bins.get(i);
            double x = left + i * step + (step - barWidth) / 2;
            long lastObject = firstObject + b.objects() - 1;
            svg.append("<g><title>").append(escape(binTooltip(b, firstObject, lastObject, objects))).append("</title>");
            double base = top + plotHeight;
            for (Segment s : List.of(new Segment(b.recordsUnmasked(), "s-unmasked", ""),
                    new Segment(b.recordsMaskedOnly(), "s-masked", ""), new Segment(b.recordsClean(), "s-clean", ""))) {
                if (s.value() <= 0) {
                    continue;
                }
                double h = Math.max(1, plotHeight * (double) s.value() / max);
                base -= h;
                svg.append(rect(x, base, barWidth, h, s.css()));
            }
            if (b.notComplete() > 0) {
                svg.append(rect(x, top + plotHeight + 4, barWidth, 6, "s-incomplete"));
            }
            svg.append("</g>");
            firstObject = lastObject + 1;
        }
        svg.append(text(left, height - 8, "start", "object 1"));
        svg.append(text(WIDTH - right, height - 8, "end", "object " + objects + " (path order)"));
        return svg.append("</svg>").toString();
    }

    private static String binTooltip(DatasetBins.Bin b, long first, long last, long objects) {
        String which = first == last ? "object " + first + " of " + objects + ": " + b.first()
                : "objects " + first + "-" + last + " of " + objects + ": " + b.first() + " ... " + b.last();
        return which + ": " + b.records() + " records, " + b.recordsUnmasked() + " with unmasked PII, "
                + b.recordsMaskedOnly() + " masked only, " + b.recordsClean() + " clean"
                + (b.notComplete() > 0 ? "; " + b.notComplete() + " not scanned COMPLETE" : "");
    }

    private static String tooltip(List<Segment> segments) {
        StringBuilder t = new StringBuilder();
        for (Segment s : segments) {
            t.append(t.length() == 0 ? "" : ", ").append(s.value()).append(' ').append(s.name());
        }
        return t.toString();
    }

    private static StringBuilder open(String ariaLabel, int height) {
        return new StringBuilder(4096).append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" aria-label=\"").append(escape(ariaLabel)).append("\">");
    }

    private static String rect(double x, double y, double w, double h, String css) {
        return String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                css, x, y, w, h);
    }

    private static String text(int x, double y, String anchor, String s) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor,
                escape(s));
    }

    /** The last {@code max} code points of {@code s}, after an ellipsis when cut: a path's end says most. */
    static String endOf(String s, int max) {
        int n = s.codePointCount(0, s.length());
        if (n <= max) {
            return s;
        }
        return "\u2026" + s.substring(s.offsetByCodePoints(0, n - (max - 1)));
    }
}
