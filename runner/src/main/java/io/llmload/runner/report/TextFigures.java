package io.llmload.runner.report;

import java.util.Locale;

/**
 * Figures as the console summary and the sentences of report.html write them: milliseconds ("8.25ms", "912.4ms",
 * "12.3s") and percentages ("1.25%"), the same in both places.
 */
public final class TextFigures {

    private TextFigures() {
    }

    public static String ms(double millis) {
        return millis >= 10_000 ? num(millis / 1000, 1) + "s" : num(millis, millis < 10 ? 2 : 1) + "ms";
    }

    public static String pct(double fraction) {
        return num(fraction * 100, 2) + "%";
    }

    private static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
